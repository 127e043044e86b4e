# Duktape 2.7, the JavaScript engine of apps/js (issue 14). duktape.c and duktape.h are
# Debian's duktape-dev (/usr/share/duktape), compiled with Yolk's configuration
# (third_party/duktape/duk_config.h over the shipped defaults) and musl's headers only: never
# -I/usr/include, whose glibc headers would leak into the musl build. The Promise polyfill is
# only in the duktape source package, fetched like lwIP's and Lua's.
DUKTAPE_DEBIAN_VERSION := 2.7.0-2
DUKTAPE_SHIPPED := /usr/share/duktape

DUKTAPE_DIR := $(BUILD)/third_party/duktape
DUKTAPE_FETCHED := $(DUKTAPE_DIR)/fetched-$(DUKTAPE_DEBIAN_VERSION)
DUKTAPE_PROMISE := $(DUKTAPE_DIR)/source/polyfills/promise.js
# Duktape's sources see duk_config.h next to them (a quoted #include looks there first), so
# the build folder holds links to the shipped files and Yolk's configuration beside them.
DUKTAPE_INCLUDE := $(DUKTAPE_DIR)/include
DUKTAPE_OBJECT := $(BUILD)/js/duktape.o

$(DUKTAPE_FETCHED): third_party/fetch-source.sh | $(DEPS_STAMP)
	@mkdir -p $(DUKTAPE_DIR)
	$(Q)rm -f $(DUKTAPE_DIR)/fetched-*
	$(Q)third_party/fetch-source.sh --pristine duktape $(DUKTAPE_DEBIAN_VERSION) $(DUKTAPE_DIR)
	$(Q)touch $@
$(DUKTAPE_PROMISE): $(DUKTAPE_FETCHED)

$(DUKTAPE_INCLUDE)/duk_config.h: third_party/duktape/duk_config.h | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(Q)test -f $(DUKTAPE_SHIPPED)/duktape.c || { echo "duktape: $(DUKTAPE_SHIPPED)/duktape.c missing: install duktape-dev (scripts/deps)" >&2; exit 1; }
	$(Q)ln -sf $(DUKTAPE_SHIPPED)/duktape.c $(DUKTAPE_SHIPPED)/duktape.h $(dir $@)
	$(Q)ln -sf $(DUKTAPE_SHIPPED)/duk_config.h $(dir $@)duk_config_defaults.h
	$(Q)cp $< $@

# Duktape's own code: warnings it was not written for stay off; -O2 as the bench measures it.
DUKTAPE_CFLAGS := -std=gnu11 -O2 -g -fno-omit-frame-pointer -w
$(DUKTAPE_OBJECT): $(DUKTAPE_INCLUDE)/duk_config.h
	@mkdir -p $(dir $@)
	$(Q)musl-gcc $(DUKTAPE_CFLAGS) -c $(DUKTAPE_INCLUDE)/duktape.c -o $@
