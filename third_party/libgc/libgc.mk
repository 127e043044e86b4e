# The Boehm-Demers-Weiser garbage collector 8.2 from Debian's libgc source package, built with
# its own configure against musl (musl-gcc) into libgc.a, which `yolk build --gc` links
# (docs/gc.md). Configured with threads (POSIX), static only, its bundled atomic operations
# (--with-libatomic-ops=none: the compiler's builtins), malloc and friends redirected to the
# collector (REDIRECT_MALLOC; configure's --enable-redirect-malloc would also look the pthread
# calls up with dlsym, which a static image has not) and the pthread calls it must see wrapped at link time
# (USE_LD_WRAP: ld --wrap=pthread_create ..., so threads that libraries start are registered
# too). collector_start.c starts it before main. bdwgc's own tests are built from its tree.
#   make gc-test     bdwgc's gctest and thread tests, and Yolk's collector tests, on Yolk
LIBGC_DEBIAN_VERSION := 1:8.2.2-3

LIBGC_DIR := $(BUILD)/third_party/libgc
LIBGC_FETCHED := $(LIBGC_DIR)/fetched-$(subst :,_,$(LIBGC_DEBIAN_VERSION))
LIBGC_SOURCE := $(LIBGC_DIR)/source
LIBGC_OBJDIR := $(LIBGC_DIR)/build
LIBGC_CONFIGURE_FLAGS := --enable-threads=posix --disable-shared --enable-static \
	--with-libatomic-ops=none --disable-docs --disable-gcj-support \
	--disable-java-finalization --disable-handle-fork
LIBGC_CFLAGS := -O2 -g -fno-omit-frame-pointer -DREDIRECT_MALLOC=GC_malloc -DUSE_LD_WRAP \
	-DUSE_GET_STACKBASE_FOR_MAIN -DNO_SOFT_VDB
# Where `yolk build --gc` finds it: the archive, and <gc.h> with <gc/...> beside it.
LIBGC_ARCHIVE := $(YOLK_LIB)/libgc.a
LIBGC_INCLUDE := $(YOLK_LIB)/gc-include

$(LIBGC_FETCHED): third_party/fetch-source.sh | $(DEPS_STAMP)
	@mkdir -p $(LIBGC_DIR)
	$(Q)rm -f $(LIBGC_DIR)/fetched-*
	$(Q)third_party/fetch-source.sh libgc $(LIBGC_DEBIAN_VERSION) $(LIBGC_DIR)
	$(Q)touch $@

$(LIBGC_OBJDIR)/Makefile: $(LIBGC_FETCHED) third_party/libgc/libgc.mk
	@echo "libgc: configuring bdwgc for musl"
	$(Q)rm -rf $(LIBGC_OBJDIR) && mkdir -p $(LIBGC_OBJDIR)
	$(Q)cd $(LIBGC_OBJDIR) && CC=musl-gcc CFLAGS="$(LIBGC_CFLAGS)" \
		$(abspath $(LIBGC_SOURCE))/configure $(LIBGC_CONFIGURE_FLAGS) >configure.log 2>&1 || \
		{ tail -30 configure.log; exit 1; }

$(LIBGC_ARCHIVE): $(LIBGC_OBJDIR)/Makefile
	@echo "libgc: building libgc.a"
	$(Q)$(MAKE) --no-print-directory -C $(LIBGC_OBJDIR) libgc.la >$(LIBGC_OBJDIR)/build.log 2>&1 || \
		{ tail -30 $(LIBGC_OBJDIR)/build.log; exit 1; }
	@mkdir -p $(dir $@)
	$(Q)cp $(LIBGC_OBJDIR)/.libs/libgc.a $@
	$(Q)rm -rf $(LIBGC_INCLUDE) && mkdir -p $(LIBGC_INCLUDE)/gc
	$(Q)cp $(LIBGC_SOURCE)/include/*.h $(LIBGC_INCLUDE)/gc/
	$(Q)cp $(LIBGC_SOURCE)/include/extra/gc.h $(LIBGC_INCLUDE)/gc.h

# The same collector stopping the world through the kernel (PLATFORM_STOP_WORLD: bdwgc leaves
# stopping, restarting and pushing the threads' stacks to the platform), for
# `yolk build --gc=kernel`: kernel_stop_world.c includes bdwgc's single-file build (extra/gc.c,
# every source of libgc.a in one unit) with the same configuration, and adds those hooks, which
# freeze the threads with prctl(PR_YOLK_FREEZE_THREADS). GC_NO_DLOPEN: the separate build leaves
# its dlopen wrapper out of a static link as an unused member; one unit cannot.
LIBGC_KERNEL_STOP_OBJECT := $(LIBGC_DIR)/kernel-stop/kernel_stop_world.o
LIBGC_KERNEL_STOP_ARCHIVE := $(YOLK_LIB)/libgc-kernel-stop.a

$(LIBGC_KERNEL_STOP_OBJECT): third_party/libgc/kernel_stop_world.c include/yolk/thread_freeze.h \
		$(LIBGC_OBJDIR)/Makefile
	@mkdir -p $(dir $@)
	@echo "libgc: building libgc-kernel-stop.a"
	$(Q)musl-gcc -DHAVE_CONFIG_H -I$(LIBGC_OBJDIR)/include -I$(LIBGC_SOURCE)/include \
		-I$(LIBGC_SOURCE) -isystem include $(LIBGC_CFLAGS) -fexceptions -fno-strict-aliasing \
		-DPLATFORM_STOP_WORLD -DPLATFORM_HAVE_GC_REG_STORAGE_SIZE \
		-DPLATFORM_GC_REG_STORAGE_SIZE=48 -DGC_NO_DLOPEN -Wall -Wextra -Werror -c $< -o $@

$(LIBGC_KERNEL_STOP_ARCHIVE): $(LIBGC_KERNEL_STOP_OBJECT)
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(YOLK_LIB)/collector_start.c: third_party/libgc/collector_start.c
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

all: $(LIBGC_ARCHIVE) $(LIBGC_KERNEL_STOP_ARCHIVE) $(YOLK_LIB)/collector_start.c

# bdwgc's own tests, built from its tree as its Makefile would (config.h, no fork: Yolk runs one
# program), linked with `yolk build --gc`, booted by run-tests.sh.
LIBGC_TESTS := gctest subthread_create threadkey_test initsecondarythread
LIBGC_TEST_DIR := $(BUILD)/gc-test
LIBGC_TEST_FLAGS := -DHAVE_CONFIG_H -DNO_TEST_HANDLE_FORK -I$(LIBGC_OBJDIR)/include \
	-I$(LIBGC_SOURCE)/include -Wno-all
$(LIBGC_TEST_DIR)/gctest.elf: LIBGC_TEST_SOURCE := test.c
$(LIBGC_TEST_DIR)/%.elf: $(LIBGC_ARCHIVE) $(LIBGC_KERNEL_STOP_ARCHIVE) $(YOLK_LIB)/collector_start.c $(YOLK_LIB_FILES) $(YOLK)
	@mkdir -p $(dir $@)
	$(Q)$(YOLK) build --gc -o $@ $(LIBGC_TEST_FLAGS) $(LIBGC_SOURCE)/tests/$(or $(LIBGC_TEST_SOURCE),$*.c)

.PHONY: gc-test
gc-test: $(patsubst %,$(LIBGC_TEST_DIR)/%.elf,$(LIBGC_TESTS))
	$(Q)YOLK=$(YOLK) third_party/libgc/run-tests.sh $(LIBGC_TEST_DIR)
TEST_TARGETS += gc-test
