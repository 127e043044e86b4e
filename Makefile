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
	drivers/timer drivers/platform drivers/virtio drivers/pci drivers/video drivers/input
# The network stack (net/, drivers/net/, the socket calls, lwIP: third_party/lwip/lwip.mk) is
# linked only into images that use sockets: kernel-net.o has it, kernel.o has net/absent.c.
NET_SOURCES := $(filter-out net/absent.c,$(wildcard net/*.c drivers/net/*.c)) sys/socket.c
KERNEL_SOURCES := $(filter-out sys/socket.c,$(foreach d,$(KERNEL_DIRS),$(wildcard $(d)/*.c $(d)/*.S)))
KERNEL_OBJECTS := $(patsubst %,$(BUILD)/kernel/%.o,$(KERNEL_SOURCES))
NET_OBJECTS := $(patsubst %,$(BUILD)/kernel/%.o,$(NET_SOURCES))
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
	mm/emulator_tlb.c kernel/pseudo_terminal.c sys/process_group.c \
	kernel/terminal.c
$(patsubst %,$(BUILD)/kernel/%.o,$(KERNEL_COLD_SOURCES)): KERNEL_CFLAGS += -Os
$(BUILD)/kernel/%.c.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@
$(BUILD)/kernel/%.S.o: %.S | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@
-include $(KERNEL_OBJECTS:.o=.d) $(NET_OBJECTS:.o=.d) $(BUILD)/kernel/net/absent.c.d

# The syscall table is generated from sys/syscall_table.h into docs/syscalls.md.
$(BUILD)/kernel/sys/syscall_names.c.o: sys/syscall_table.h

# One relocatable kernel object; every symbol but the entry points becomes local, so the
# kernel's memcpy, panic, ... never clash with names in the application or libc. Its code is
# .kernel.text, which the image keeps apart: an interrupt there is one during a system call.
# The vDSO's code stays .text.vdso, application code (tools/check-vdso.sh checks its calls).
KERNEL_EXPORTS := tools/kernel-exports.txt
YOLK_LIB := $(BUILD)/lib/yolk
include third_party/lwip/lwip.mk
KERNEL_OBJECT := $(YOLK_LIB)/kernel.o
KERNEL_NET_OBJECT := $(YOLK_LIB)/kernel-net.o
define link_kernel
	@mkdir -p $(dir $@)
	$(Q)ld -r -o $@.tmp $(1)
	$(Q)tools/check-vdso.sh $@.tmp
	$(Q)objcopy --keep-global-symbols=$(KERNEL_EXPORTS) --rename-section .text=.kernel.text \
		$@.tmp $@
	$(Q)rm -f $@.tmp
endef
$(KERNEL_OBJECT): $(KERNEL_OBJECTS) $(BUILD)/kernel/net/absent.c.o $(KERNEL_EXPORTS) \
		tools/check-vdso.sh
	$(call link_kernel,$(KERNEL_OBJECTS) $(BUILD)/kernel/net/absent.c.o)
$(KERNEL_NET_OBJECT): $(KERNEL_OBJECTS) $(NET_OBJECTS) $(LWIP_OBJECTS) $(KERNEL_EXPORTS) \
		tools/check-vdso.sh
	$(call link_kernel,$(KERNEL_OBJECTS) $(NET_OBJECTS) $(LWIP_OBJECTS))
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
YOLK_LIB_FILES := $(KERNEL_OBJECT) $(KERNEL_NET_OBJECT) $(YOLK_LIB)/yolk.ld $(YOLK_LIB)/version \
	$(YOLK_LIB)/symbols.sh $(YOLK_LIB)/libyolk.a $(YOLK_LIB)/libc-direct.a \
	$(YOLK_LIB)/kvm-probe.elf
$(YOLK_LIB)/symbols.sh: tools/symbols.sh
	@mkdir -p $(dir $@)
	$(Q)cp $< $@
$(YOLK_LIB)/kvm-probe.elf: tools/kvm-probe.c $(KERNEL_OBJECT) $(YOLK_LIB)/yolk.ld \
		$(YOLK_LIB)/symbols.sh $(YOLK_LIB)/version $(YOLK_LIB)/libyolk.a \
		$(YOLK_LIB)/libc-direct.a tools/yolk
	$(Q)tools/yolk build -o $@ tools/kvm-probe.c
kernel: $(YOLK_LIB_FILES)
.PHONY: kernel

# ---- images ------------------------------------------------------------------------------------
YOLK := tools/yolk
IMAGES := $(BUILD)/images
DEFAULT_IMAGE := $(IMAGES)/shell.elf
# ysh, the default image: the shell (apps/shell) and its commands (apps/shell/commands).
SHELL_SOURCES := $(sort $(wildcard apps/shell/*.c apps/shell/commands/*.c))
SHELL_CFLAGS := -D_GNU_SOURCE -Wall -Wextra -Werror
$(IMAGES)/shell.elf: $(SHELL_SOURCES) $(wildcard apps/shell/*.h apps/shell/commands/*.h) \
		$(YOLK_LIB_FILES) $(YOLK)
	@mkdir -p $(dir $@)
	$(Q)$(YOLK) build $(SHELL_CFLAGS) -o $@ $(SHELL_SOURCES)
$(IMAGES)/hello.elf: examples/hello/hello.c $(YOLK_LIB_FILES) $(YOLK)
	@mkdir -p $(dir $@)
	$(Q)$(YOLK) build -o $@ examples/hello/hello.c

$(IMAGES)/prime-sieve.elf: examples/prime-sieve/prime-sieve.c $(YOLK_LIB_FILES) $(YOLK)
	@mkdir -p $(dir $@)
	$(Q)$(YOLK) build -o $@ examples/prime-sieve/prime-sieve.c

all: $(YOLK_LIB_FILES) $(DEFAULT_IMAGE) $(IMAGES)/hello.elf $(IMAGES)/prime-sieve.elf \
	docs/syscalls.md

run: all
	$(YOLK) run $(DEFAULT_IMAGE)

# ---- docs ----------------------------------------------------------------------------------------
docs/syscalls.md: sys/syscall_table.h tools/syscall-doc.sh docs/syscall-notes.md
	$(Q)tools/syscall-doc.sh sys/syscall_table.h docs/syscall-notes.md > $@
docs: docs/syscalls.md

# ---- fragments -----------------------------------------------------------------------------------
include $(sort $(wildcard tests/*/*.mk bench/bench.mk) \
	$(filter-out third_party/lwip/lwip.mk,$(wildcard third_party/*/*.mk)))

# Real programs from Debian's sources, built by their own build systems with `yolk cc`
# (third_party/*/*.mk add to EXAMPLE_IMAGES).
.PHONY: examples
examples: $(EXAMPLE_IMAGES)

test: all
	@tests/run-suites.sh $(MAKE) $(TEST_TARGETS)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/yolk $(DESTDIR)$(PREFIX)/include/yolk
	install -m 755 $(YOLK) $(DESTDIR)$(PREFIX)/bin/yolk
	ln -sf yolk $(DESTDIR)$(PREFIX)/bin/yolk-cc
	install -m 644 tools/yolk.cmake $(DESTDIR)$(PREFIX)/lib/yolk/
	install -m 644 $(YOLK_LIB_FILES) $(DESTDIR)$(PREFIX)/lib/yolk/
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
