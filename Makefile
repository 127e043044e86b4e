# Yolk: the one top-level Makefile. Sub-areas add their rules through make fragments
# (tests/unit/unit.mk, tests/integration/integration.mk, bench/bench.mk, third_party/*/*.mk).
#
#   make          build the kernel, the yolk tool's files and the default image
#   make run      boot the default image in QEMU
#   make test     host unit tests + integration tests in QEMU
#   make bench    benchmarks against a Linux VM, printed as a table
#   make install  PREFIX=/usr/local
#   make clean

YOLK_VERSION := 0.1.0
BUILD := build
PREFIX ?= /usr/local
CC := gcc
HOST_CC := gcc
V ?= 0
Q := $(if $(filter 1,$(V)),,@)

.DEFAULT_GOAL := all
.PHONY: all run test bench clean install deps format format-check docs

# Install what is missing (Debian packages) once per change of scripts/deps.
DEPS_STAMP := $(BUILD)/.deps-$(shell cksum < scripts/deps | cut -d' ' -f1)
$(DEPS_STAMP):
	$(Q)scripts/deps
	$(Q)mkdir -p $(BUILD) && rm -f $(BUILD)/.deps-* && touch $@
deps: $(DEPS_STAMP)

# ---- the kernel ------------------------------------------------------------------------------
KERNEL_DIRS := arch/x86_64 boot kernel mm sys fs lib drivers/serial drivers/interrupt \
	drivers/timer drivers/platform drivers/virtio drivers/pci drivers/video drivers/input \
	drivers/sound
# Optional subsystems, linked only into images that use them; in the others an absent.c file
# stands in. The network stack (net/, drivers/net/, the socket calls, lwIP:
# third_party/lwip/lwip.mk; net/absent.c) and graphics (the framebuffer and /dev/fb0, the input
# layer and /dev/input/eventN, virtio-input, the PS/2 mouse; drivers/video/absent.c), and sound
# (the AC'97 driver and /dev/dsp; drivers/sound/absent.c). Each combination is one kernel
# object (kernel.o, kernel-net.o, kernel-graphics.o, kernel-net-graphics.o, and each of those
# with -sound): tools/yolk's build picks it (see yolk build --help).
NET_SOURCES := $(filter-out net/absent.c,$(wildcard net/*.c drivers/net/*.c)) sys/socket.c
GRAPHICS_SOURCES := drivers/video/framebuffer.c drivers/video/bochs_display.c \
	drivers/video/fbdev.c drivers/video/graphics.c drivers/input/input.c \
	drivers/input/input_proc.c drivers/input/evdev.c drivers/input/ps2_input.c \
	drivers/input/input_console.c \
	drivers/virtio/virtio_input.c mm/vm_device.c drivers/video/framebuffer_console.c \
	drivers/video/console_font.S drivers/video/multiboot_framebuffer.c drivers/video/ramfb.c \
	drivers/platform/fw_cfg_dma.c
SOUND_SOURCES := drivers/sound/ac97.c drivers/sound/dsp.c
KERNEL_SOURCES := $(filter-out sys/socket.c drivers/video/absent.c drivers/sound/absent.c \
	$(GRAPHICS_SOURCES) $(SOUND_SOURCES),\
	$(foreach d,$(KERNEL_DIRS),$(wildcard $(d)/*.c $(d)/*.S)))
KERNEL_OBJECTS := $(patsubst %,$(BUILD)/kernel/%.o,$(KERNEL_SOURCES))
NET_OBJECTS := $(patsubst %,$(BUILD)/kernel/%.o,$(NET_SOURCES))
GRAPHICS_OBJECTS := $(patsubst %,$(BUILD)/kernel/%.o,$(GRAPHICS_SOURCES))
SOUND_OBJECTS := $(patsubst %,$(BUILD)/kernel/%.o,$(SOUND_SOURCES))
NET_ABSENT := $(BUILD)/kernel/net/absent.c.o
GRAPHICS_ABSENT := $(BUILD)/kernel/drivers/video/absent.c.o
SOUND_ABSENT := $(BUILD)/kernel/drivers/sound/absent.c.o
GCC_INCLUDE := $(shell $(CC) -print-file-name=include)
KERNEL_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -fno-pie -fno-pic \
	-mcmodel=kernel -mno-red-zone -mgeneral-regs-only -mincoming-stack-boundary=3 -fno-stack-protector \
	-fno-omit-frame-pointer -fno-asynchronous-unwind-tables -fno-strict-aliasing \
	-fno-builtin-printf -nostdinc -isystem $(GCC_INCLUDE) -I. -MMD -MP \
	-DYOLK_VERSION='"$(YOLK_VERSION)"'

# Code that runs once or rarely (boot, parsing, /proc, reports, the 9P client's encoding, path
# calls) is built for size, so that a hello image stays under 200 KiB; the hot paths stay -O2.
KERNEL_COLD_SOURCES := $(wildcard boot/*.c) fs/ninep.c fs/ninep_options.c fs/procfs.c fs/tree.c \
	fs/initrd.c sys/file_descriptors.c drivers/virtio/virtio_mmio.c drivers/virtio/virtio_pci.c \
	drivers/virtio/virtio_9p.c \
	sys/file_paths.c sys/identity.c lib/ansi_screen.c lib/format.c lib/cpio.c \
	lib/symbol_table.c kernel/cmdline.c kernel/crash.c kernel/arguments.c \
	$(wildcard kernel/*_proc.c) kernel/log.c kernel/app_start.c kernel/power.c kernel/symbols.c \
	sys/power.c fs/devices.c lib/keyboard_map.c drivers/pci/pci.c $(wildcard drivers/platform/*.c) \
	drivers/input/i8042.c drivers/video/vga_text.c drivers/timer/pit.c drivers/virtio/virtio.c \
	mm/emulator_tlb.c kernel/pseudo_terminal.c sys/process_group.c kernel/main.c \
	kernel/terminal.c drivers/video/bochs_display.c drivers/video/graphics.c \
	drivers/video/framebuffer.c drivers/input/input_proc.c drivers/video/absent.c drivers/sound/absent.c \
	drivers/video/ramfb.c
$(patsubst %,$(BUILD)/kernel/%.o,$(KERNEL_COLD_SOURCES)): KERNEL_CFLAGS += -Os
$(BUILD)/kernel/%.c.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@
$(BUILD)/kernel/%.S.o: %.S | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@
-include $(KERNEL_OBJECTS:.o=.d) $(NET_OBJECTS:.o=.d) $(GRAPHICS_OBJECTS:.o=.d) \
	$(SOUND_OBJECTS:.o=.d) $(NET_ABSENT:.o=.d) $(GRAPHICS_ABSENT:.o=.d) $(SOUND_ABSENT:.o=.d)

# The graphical console's font: console-setup's Terminus, 8x16, Latin-1 (PSF 1).
CONSOLE_FONT_SOURCE := /usr/share/consolefonts/Lat15-Terminus16.psf.gz
CONSOLE_FONT := $(BUILD)/kernel/console-font.psf
$(CONSOLE_FONT): | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(Q)zcat $(CONSOLE_FONT_SOURCE) > $@.tmp && mv $@.tmp $@
$(BUILD)/kernel/drivers/video/console_font.S.o: $(CONSOLE_FONT)
$(BUILD)/kernel/drivers/video/console_font.S.o: KERNEL_CFLAGS += -DCONSOLE_FONT='"$(CONSOLE_FONT)"'

# The syscall table is generated from sys/syscall_table.h into docs/syscalls.md.
$(BUILD)/kernel/sys/syscall_names.c.o: sys/syscall_table.h

# One relocatable kernel object; every symbol but the entry points becomes local, so the
# kernel's memcpy, panic, ... never clash with names in the application or libc. Its code is
# .kernel.text, which the image keeps apart: an interrupt there is one during a system call.
# The vDSO's code stays .text.vdso, application code (tools/check-vdso.sh checks its calls).
KERNEL_EXPORTS := tools/kernel-exports.txt
YOLK_LIB := $(BUILD)/lib/yolk
include third_party/lwip/lwip.mk
include third_party/duktape/duktape.mk apps/js/js.mk
KERNEL_OBJECT := $(YOLK_LIB)/kernel.o
KERNEL_BASE_VARIANTS := $(KERNEL_OBJECT) $(YOLK_LIB)/kernel-net.o $(YOLK_LIB)/kernel-graphics.o \
	$(YOLK_LIB)/kernel-net-graphics.o
KERNEL_VARIANTS := $(KERNEL_BASE_VARIANTS) $(KERNEL_BASE_VARIANTS:.o=-sound.o)
define link_kernel
	@mkdir -p $(dir $@)
	$(Q)ld -r -o $@.tmp $(1)
	$(Q)tools/check-vdso.sh $@.tmp
	$(Q)objcopy --keep-global-symbols=$(KERNEL_EXPORTS) --rename-section .text=.kernel.text \
		$@.tmp $@
	$(Q)rm -f $@.tmp
endef
# The parts of each variant: the network stack or its stand-in, graphics or its stand-in,
# sound or its stand-in.
$(YOLK_LIB)/kernel.o $(YOLK_LIB)/kernel-sound.o: $(NET_ABSENT) $(GRAPHICS_ABSENT)
$(YOLK_LIB)/kernel-net.o $(YOLK_LIB)/kernel-net-sound.o: $(NET_OBJECTS) $(LWIP_OBJECTS) \
	$(GRAPHICS_ABSENT)
$(YOLK_LIB)/kernel-graphics.o $(YOLK_LIB)/kernel-graphics-sound.o: $(NET_ABSENT) \
	$(GRAPHICS_OBJECTS)
$(YOLK_LIB)/kernel-net-graphics.o $(YOLK_LIB)/kernel-net-graphics-sound.o: $(NET_OBJECTS) \
	$(LWIP_OBJECTS) $(GRAPHICS_OBJECTS)
$(KERNEL_BASE_VARIANTS): $(SOUND_ABSENT)
$(KERNEL_BASE_VARIANTS:.o=-sound.o): $(SOUND_OBJECTS)
$(KERNEL_VARIANTS): $(KERNEL_OBJECTS) $(KERNEL_EXPORTS) tools/check-vdso.sh
	$(call link_kernel,$(KERNEL_OBJECTS) $(filter %.o,$(filter-out $(KERNEL_OBJECTS),$^)))
$(YOLK_LIB)/yolk.ld: tools/yolk.ld
	@mkdir -p $(dir $@)
	$(Q)cp $< $@
$(YOLK_LIB)/version: Makefile
	@mkdir -p $(dir $@)
	$(Q)echo $(YOLK_VERSION) > $@
# The application-side runtime (go routines, channels): built like application code.
RUNTIME_SOURCES := $(wildcard runtime/*.c)
RUNTIME_OBJECTS := $(patsubst %.c,$(BUILD)/runtime/%.o,$(RUNTIME_SOURCES))
RUNTIME_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -fno-omit-frame-pointer -Iinclude -MMD -MP
$(BUILD)/runtime/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(Q)musl-gcc $(RUNTIME_CFLAGS) -c $< -o $@
-include $(RUNTIME_OBJECTS:.o=.d)
$(YOLK_LIB)/libyolk.a: $(RUNTIME_OBJECTS)
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && ar rcs $@ $^

# libc-direct.a: the direct-call musl (third_party/musl/musl.mk), which yolk build uses by default.
YOLK_LIB_FILES := $(KERNEL_VARIANTS) $(YOLK_LIB)/yolk.ld $(YOLK_LIB)/version \
	$(YOLK_LIB)/symbols.sh $(YOLK_LIB)/libyolk.a $(YOLK_LIB)/libc-direct.a \
	$(YOLK_LIB)/kvm-probe.elf $(JS_LIBRARY)
# Linux's uapi headers (<linux/fb.h>, <linux/input.h>) for programs written against them:
# Debian's linux-libc-dev without glibc's headers beside them (yolk build: -idirafter).
LINUX_HEADERS := $(YOLK_LIB)/linux-headers
$(LINUX_HEADERS)/linux: | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(Q)ln -sfn /usr/include/linux $@
	$(Q)ln -sfn /usr/include/asm-generic $(LINUX_HEADERS)/asm-generic
	$(Q)ln -sfn /usr/include/x86_64-linux-gnu/asm $(LINUX_HEADERS)/asm
YOLK_LIB_FILES += $(LINUX_HEADERS)/linux
$(YOLK_LIB)/symbols.sh: tools/symbols.sh
	@mkdir -p $(dir $@)
	$(Q)cp $< $@
$(YOLK_LIB)/kvm-probe.elf: tools/kvm-probe.c $(KERNEL_OBJECT) $(YOLK_LIB)/yolk.ld \
		$(YOLK_LIB)/symbols.sh $(YOLK_LIB)/version $(YOLK_LIB)/libyolk.a \
		$(YOLK_LIB)/libc-direct.a tools/yolk
	$(Q)tools/yolk build -o $@ tools/kvm-probe.c
kernel: $(YOLK_LIB_FILES)
.PHONY: kernel

# ---- application libraries -----------------------------------------------------------------------
# sshd (apps/sshd) on libssh and mbedTLS (third_party/libssh, third_party/mbedtls).
include apps/sshd/sshd.mk

# ---- images ------------------------------------------------------------------------------------
YOLK := tools/yolk
IMAGES := $(BUILD)/images
DEFAULT_IMAGE := $(IMAGES)/shell.elf
# The GUI toolkit, the desktop and the physics demo (apps/gui, over Chipmunk2D:
# third_party/chipmunk) in libyolk-gui.a; gui.elf and physics.elf.
include apps/gui/gui.mk
# The NES emulator (apps/nes): its freestanding core and the `nes` command (headless modes,
# and playing on the screen with sound: play.c, screen.c, controls.c, sound.c).
NES_CORE_SOURCES := $(sort $(wildcard apps/nes/core/*.c))
NES_SOURCES := $(NES_CORE_SOURCES) apps/nes/headless.c apps/nes/play.c apps/nes/screen.c \
	apps/nes/controls.c apps/nes/sound.c
NES_HEADERS := $(wildcard apps/nes/*.h apps/nes/core/*.h)
$(IMAGES)/nes.elf: $(NES_SOURCES) apps/nes/main.c $(NES_HEADERS) $(YOLK_LIB_FILES) $(YOLK)
	@mkdir -p $(dir $@)
	$(Q)$(YOLK) build -o $@ $(NES_SOURCES) apps/nes/main.c
# ysh, the default image: the shell (apps/shell), its commands (apps/shell/commands), the
# servers they start (apps/httpd, over CivetWeb: third_party/civetweb; apps/sshd, over libssh)
# and the applications it runs as commands (nes; js, apps/js, whose REPL uses the shell's line
# editor; gui and physics, apps/gui), with graphics (--graphics) for the graphical console
# under yolk run --gui.
include third_party/civetweb/civetweb.mk
HTTPD_SOURCES := $(sort $(wildcard apps/httpd/*.c))
SHELL_SOURCES := $(sort $(wildcard apps/shell/*.c apps/shell/commands/*.c)) $(HTTPD_SOURCES) \
	$(NES_SOURCES) apps/js/repl.c
SHELL_CFLAGS := -D_GNU_SOURCE -Wall -Wextra -Werror -I$(CIVETWEB_INCLUDE) -Iapps/js \
	-I$(DUKTAPE_INCLUDE)
$(IMAGES)/shell.elf: $(SHELL_SOURCES) $(wildcard apps/shell/*.h apps/shell/commands/*.h) \
		$(wildcard apps/httpd/*.h) $(NES_HEADERS) apps/js/js.h apps/js/repl.h $(CIVETWEB_OBJECT) \
		$(SSHD_LIBRARIES) $(SSHD_LINK_FLAGS_FILE) $(GUI_LINK) $(GUI_HEADERS) $(YOLK_LIB_FILES) \
		$(YOLK)
	@mkdir -p $(dir $@)
	$(Q)$(YOLK) build --graphics $(SHELL_CFLAGS) -o $@ $(SHELL_SOURCES) $(CIVETWEB_OBJECT) \
		$(JS_LIBRARY) $(GUI_LINK) \
		$(SSHD_LINK_FLAGS)
# What an image that links the shell's library without its main needs, for `yolk build`
# (tests/integration/shell_sessions.build).
SHELL_BUILD_ARGUMENTS := $(BUILD)/lib/shell/build-arguments
$(SHELL_BUILD_ARGUMENTS): Makefile $(SHELL_SOURCES) $(CIVETWEB_OBJECT) $(JS_LIBRARY) \
		$(SSHD_LIBRARIES) $(SSHD_LINK_FLAGS_FILE) $(GUI_LINK)
	@mkdir -p $(dir $@)
	$(Q)echo $(SHELL_CFLAGS) $(filter-out apps/shell/main.c,$(SHELL_SOURCES)) \
		$(CIVETWEB_OBJECT) $(JS_LIBRARY) $(GUI_LINK) $(SSHD_LINK_FLAGS) > $@
$(IMAGES)/hello.elf: examples/hello/hello.c $(YOLK_LIB_FILES) $(YOLK)
	@mkdir -p $(dir $@)
	$(Q)$(YOLK) build -o $@ examples/hello/hello.c

$(IMAGES)/prime-sieve.elf: examples/prime-sieve/prime-sieve.c $(YOLK_LIB_FILES) $(YOLK)
	@mkdir -p $(dir $@)
	$(Q)$(YOLK) build -o $@ examples/prime-sieve/prime-sieve.c

# httpd alone (examples/httpd over apps/httpd): a headless web server image.
$(IMAGES)/httpd.elf: examples/httpd/httpd.c $(HTTPD_SOURCES) $(wildcard apps/httpd/*.h) \
		$(CIVETWEB_OBJECT) $(YOLK_LIB_FILES) $(YOLK)
	@mkdir -p $(dir $@)
	$(Q)$(YOLK) build $(SHELL_CFLAGS) -o $@ $< $(HTTPD_SOURCES) $(CIVETWEB_OBJECT)

all: $(YOLK_LIB_FILES) $(DEFAULT_IMAGE) $(SHELL_BUILD_ARGUMENTS) $(IMAGES)/hello.elf $(IMAGES)/prime-sieve.elf \
	$(IMAGES)/httpd.elf $(IMAGES)/gui.elf $(IMAGES)/physics.elf $(IMAGES)/hello-gui.elf \
	docs/syscalls.md

run: all
	$(YOLK) run $(DEFAULT_IMAGE)

# ---- docs ----------------------------------------------------------------------------------------
docs/syscalls.md: sys/syscall_table.h tools/syscall-doc.sh docs/syscall-notes.md
	$(Q)tools/syscall-doc.sh sys/syscall_table.h docs/syscall-notes.md > $@
docs: docs/syscalls.md

# ---- fragments -----------------------------------------------------------------------------------
include $(sort $(wildcard tests/*/*.mk bench/bench.mk) \
	$(filter-out third_party/lwip/lwip.mk third_party/civetweb/civetweb.mk \
		third_party/duktape/duktape.mk third_party/chipmunk/chipmunk.mk,\
	$(wildcard third_party/*/*.mk)))

# Real programs from Debian's sources, built by their own build systems with `yolk cc`
# (third_party/*/*.mk add to EXAMPLE_IMAGES).
.PHONY: examples
examples: $(EXAMPLE_IMAGES)

# make test first builds the images and the real programs its suites use (SQLite, redis, nginx,
# each by its own build system) as many jobs at a time as there are CPUs, then runs the suites
# one after another (each suite runs its QEMUs as it needs; integration runs two at once).
TEST_BUILD_JOBS := $(shell nproc 2>/dev/null || echo 1)
test:
	$(Q)$(MAKE) --no-print-directory -j$(TEST_BUILD_JOBS) all $(EXAMPLE_IMAGES) $(IMAGES)/speedtest1.elf
	@tests/run-suites.sh $(MAKE) $(TEST_TARGETS)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/yolk $(DESTDIR)$(PREFIX)/include/yolk
	install -m 755 $(YOLK) $(DESTDIR)$(PREFIX)/bin/yolk
	ln -sf yolk $(DESTDIR)$(PREFIX)/bin/yolk-cc
	install -m 644 tools/yolk.cmake $(DESTDIR)$(PREFIX)/lib/yolk/
	install -m 644 $(filter-out $(LINUX_HEADERS)/%,$(YOLK_LIB_FILES)) $(DESTDIR)$(PREFIX)/lib/yolk/
	cp -rL $(LINUX_HEADERS) $(DESTDIR)$(PREFIX)/lib/yolk/
	install -m 644 $(LIBGC_ARCHIVE) $(YOLK_LIB)/collector_start.c $(DESTDIR)$(PREFIX)/lib/yolk/
	cp -r $(LIBGC_INCLUDE) $(DESTDIR)$(PREFIX)/lib/yolk/
	chmod 755 $(DESTDIR)$(PREFIX)/lib/yolk/symbols.sh
	cp -r include/yolk/. $(DESTDIR)$(PREFIX)/include/yolk/

format:
	clang-format -i $$(git ls-files '*.c' '*.h')
# The test that `make format` would change nothing.
format-check: | $(DEPS_STAMP)
	@tools/format-check.sh
TEST_TARGETS += format-check

clean:
	rm -rf $(BUILD)
