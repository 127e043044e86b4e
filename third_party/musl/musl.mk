# Yolk's direct-call musl (issue 6): Debian's musl source package, pinned below, with Yolk's
# versions of the seven x86-64 files that execute `syscall` (third_party/musl/, listed with the
# hashes of the originals in pristine.sha256) copied over it and built into
# $(BUILD)/lib/yolk/libc-direct.a, whose system calls are function calls of the kernel's
# yolk_syscall. third_party/musl/README.md has the contracts and how to bump the pin.
#   make musl-direct       fetch, build and check the library
#   make musl-check        no `syscall` instruction is left in it (a test; builds it if needed)
#   make musl-host-check   a program linked with it runs on the host, Linux standing in for
#                          the kernel (a test)

# The one pin: the same version as the installed musl-dev, whose headers and crt files go with
# this library (fetch.sh fails if they differ).
MUSL_DEBIAN_VERSION := 1.2.3-1
MUSL_APT_SOURCES ?= /etc/apt/sources.list.d/debian.sources
MUSL_JOBS ?= 2

MUSL_CC := gcc
MUSL_GLUE := third_party/musl
MUSL_DIR := $(BUILD)/third_party/musl
MUSL_SOURCE := $(MUSL_DIR)/source
MUSL_FETCHED := $(MUSL_DIR)/fetched-$(MUSL_DEBIAN_VERSION)
MUSL_REPLACED := $(shell awk '{ print $$2 }' $(MUSL_GLUE)/pristine.sha256)
MUSL_OVERLAY := $(addprefix $(MUSL_SOURCE)/,$(MUSL_REPLACED))
MUSL_DIRECT_LIB := $(BUILD)/lib/yolk/libc-direct.a
MUSL_DEBIAN_LIB := /usr/lib/x86_64-linux-musl
MUSL_HOST_CHECK := $(MUSL_DIR)/host-check

# Debian's build of this package (debian/rules: --enable-debug, dpkg-buildflags with
# hardening=+all), so that apart from the seven files the library is Debian's libc.a. -fPIC
# whatever the compiler's default: the image runs in the top 2 GiB, which only position-
# independent code reaches (Debian's gcc defaults to PIE, so this changes nothing there). No
# -mno-red-zone: every stub reaches the kernel by an ordinary call, and a caller's red zone is
# dead across a call; the kernel's interrupts run on IST stacks. One flag is Yolk's:
# -fno-omit-frame-pointer, so that the frame-pointer walks of /proc/stacks (pstack, httpd's
# /debug/threads) and crash reports go on through libc into the program (a thread waiting in
# pthread_cond_wait shows who waits).
MUSL_CONFIGURE_FLAGS := CC=$(MUSL_CC) AR=ar RANLIB=ranlib --target=x86_64-linux-musl \
	--disable-shared --disable-wrapper --enable-debug --prefix=/usr \
	CFLAGS="-g -O2 -fstack-protector-strong -Wformat -Werror=format-security -fPIC \
	-fno-omit-frame-pointer" \
	CPPFLAGS="-Wdate-time -D_FORTIFY_SOURCE=2"

$(MUSL_FETCHED): $(MUSL_GLUE)/fetch.sh $(MUSL_GLUE)/pristine.sha256 | $(DEPS_STAMP)
	@mkdir -p $(MUSL_DIR)
	$(Q)rm -f $(MUSL_DIR)/fetched-*
	$(Q)$(MUSL_GLUE)/fetch.sh $(MUSL_DEBIAN_VERSION) $(MUSL_DIR) $(MUSL_APT_SOURCES)
	$(Q)touch $@

# Yolk's files over the pristine ones. musl's Makefile does not track headers, so a new
# syscall_arch.h rebuilds everything.
$(MUSL_OVERLAY): $(MUSL_SOURCE)/%: $(MUSL_GLUE)/% $(MUSL_FETCHED)
	$(Q)cp $< $@
	$(Q)$(if $(filter %.h,$@),rm -rf $(MUSL_SOURCE)/obj $(MUSL_SOURCE)/lib)

$(MUSL_SOURCE)/config.mak: $(MUSL_FETCHED) $(MUSL_GLUE)/musl.mk
	$(Q)rm -rf $(MUSL_SOURCE)/obj $(MUSL_SOURCE)/lib
	$(Q)cd $(MUSL_SOURCE) && ./configure $(MUSL_CONFIGURE_FLAGS) >configure.log || \
		{ cat configure.log; exit 1; }

# Debian strips the debug information from its libc.a (dh_strip); so do we.
$(MUSL_DIRECT_LIB): $(MUSL_SOURCE)/config.mak $(MUSL_OVERLAY)
	@echo "musl: building libc-direct.a"
	$(Q)$(MAKE) --no-print-directory -C $(MUSL_SOURCE) \
		$(if $(findstring jobserver,$(MAKEFLAGS)),,-j$(MUSL_JOBS)) lib/libc.a \
		>$(MUSL_DIR)/build.log 2>&1 || { tail -40 $(MUSL_DIR)/build.log; exit 1; }
	@mkdir -p $(dir $@)
	$(Q)strip --strip-debug --enable-deterministic-archives -o $@ $(MUSL_SOURCE)/lib/libc.a

.PHONY: musl-direct musl-check musl-host-check
musl-direct: $(MUSL_DIRECT_LIB)
	$(Q)$(MUSL_GLUE)/check-no-syscall.sh $(MUSL_DIRECT_LIB)

# The test: no trap left in the direct-call libc, and the same scan finds them in Debian's
# libc.a (a scan that saw nothing would pass anything).
musl-check: $(MUSL_DIRECT_LIB)
	$(Q)failed=0; \
	$(MUSL_GLUE)/check-no-syscall.sh $(MUSL_DIRECT_LIB) || failed=1; \
	$(MUSL_GLUE)/check-no-syscall.sh $(MUSL_DEBIAN_LIB)/libc.a >/dev/null; \
	if [ $$? -ne 1 ]; then \
		echo "musl-check: the scan found no syscall in $(MUSL_DEBIAN_LIB)/libc.a"; \
		failed=$$((failed + 1)); \
	fi; \
	echo "$$((2 - failed)) passed, $$failed failed"; \
	[ $$failed -eq 0 ]
TEST_TARGETS += musl-check

# Linked like a Yolk application (Debian's crt files and headers), without the kernel.
$(MUSL_HOST_CHECK): $(MUSL_GLUE)/host-check.c $(MUSL_DIRECT_LIB)
	$(Q)$(MUSL_CC) -std=gnu11 -O2 -g -Wall -Wextra -Werror -fno-stack-protector -nostdinc \
		-isystem /usr/include/x86_64-linux-musl -c $< -o $@.o
	$(Q)$(MUSL_CC) -static -nostdlib -Wl,-e,host_start -o $@ $(MUSL_DEBIAN_LIB)/crt1.o $(MUSL_DEBIAN_LIB)/crti.o \
		$@.o $(MUSL_DIRECT_LIB) $$($(MUSL_CC) -print-libgcc-file-name) $(MUSL_DEBIAN_LIB)/crtn.o

musl-host-check: $(MUSL_HOST_CHECK)
	$(Q)sh -c 'exec "$$0" $$$$ "$$(date +%s)"' $(MUSL_HOST_CHECK)
TEST_TARGETS += musl-host-check
