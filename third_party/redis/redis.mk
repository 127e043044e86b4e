# redis 7.0 from Debian's source package (issue 13), unmodified and built by its own make with
# `yolk cc` as CC: USE_JEMALLOC=no (musl's malloc), no TLS, no systemd. Its link writes
# redis-server and, beside it, redis-server.elf, the Yolk image (yolk cc --help). Persistence
# forks cannot happen in a unikernel: run it with --save "" --appendonly no; BGSAVE then answers
# with an error.
#   make examples     builds build/images/redis.elf with the other examples
#   make redis-test   Debian's redis-cli and redis-benchmark (redis-tools) against it on a tap
#                     device in a network namespace of the test's own (unshare -n)
REDIS_DEBIAN_VERSION := 5:7.0.15-1~deb12u10

REDIS_DIR := $(BUILD)/third_party/redis
# (The stamp's name without the epoch's colon, which make cannot have in a target.)
REDIS_FETCHED := $(REDIS_DIR)/fetched-$(subst :,-,$(subst ~,-,$(REDIS_DEBIAN_VERSION)))
REDIS_SOURCE := $(REDIS_DIR)/source
REDIS_MAKE_FLAGS := USE_JEMALLOC=no MALLOC=libc BUILD_TLS=no USE_SYSTEMD=no

$(REDIS_FETCHED): third_party/fetch-source.sh third_party/redis/redis.mk | $(DEPS_STAMP)
	@mkdir -p $(REDIS_DIR)
	$(Q)rm -f $(REDIS_DIR)/fetched-*
	$(Q)third_party/fetch-source.sh redis $(REDIS_DEBIAN_VERSION) $(REDIS_DIR)
	$(Q)touch $@

# A new kernel or yolk tool does not compile redis again: the image is linked again below.
$(REDIS_SOURCE)/src/redis-server: $(REDIS_FETCHED) | $(YOLK_LIB_FILES) $(YOLK)
	@echo "redis: make redis-server (CC='yolk cc' $(REDIS_MAKE_FLAGS))"
	$(Q)$(MAKE) --no-print-directory -C $(REDIS_SOURCE)/src CC="$(abspath $(YOLK)) cc" \
		$(REDIS_MAKE_FLAGS) redis-server >$(REDIS_DIR)/make.log 2>&1 || \
		{ tail -20 $(REDIS_DIR)/make.log; exit 1; }
	$(Q)touch $@

# The image its link wrote beside the program, or, when the kernel or the tool is newer than
# that, the image linked again from the program's recipe (yolk build --from).
REDIS_IMAGE_INPUTS := $(filter-out $(YOLK_LIB)/version $(YOLK_LIB)/kvm-probe.elf,$(YOLK_LIB_FILES)) $(YOLK)
$(IMAGES)/redis.elf: $(REDIS_SOURCE)/src/redis-server $(REDIS_IMAGE_INPUTS)
	@mkdir -p $(dir $@)
	$(Q)if [ -z "$$(find $(REDIS_IMAGE_INPUTS) -newer $<.elf)" ]; then cp $<.elf $@; \
	else echo "redis: yolk build --from $<"; $(YOLK) build -o $@ --from $<; fi
EXAMPLE_IMAGES += $(IMAGES)/redis.elf

.PHONY: redis-test
redis-test: $(IMAGES)/redis.elf | $(DEPS_STAMP)
	$(Q)unshare -n tests/redis/run.sh $(IMAGES)/redis.elf $(BUILD)/tests/redis
TEST_TARGETS += redis-test
