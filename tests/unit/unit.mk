# Host unit tests: pure kernel code compiled for the host with AddressSanitizer and UBSan.
# Kernel sources that are pure (no hardware, no inline asm) are listed here to be tested.
UNIT_TEST_KERNEL_SOURCES := mm/buddy.c mm/heap.c boot/bootinfo.c boot/boot.c boot/pvh.c \
	boot/multiboot2.c kernel/cmdline.c lib/format.c lib/strlcpy.c lib/chacha20.c \
	lib/symbol_table.c lib/byte_ring.c lib/avl.c lib/cpio.c
UNIT_TEST_SOURCES := $(wildcard tests/unit/*.c) $(UNIT_TEST_KERNEL_SOURCES)
UNIT_TEST_BINARY := $(BUILD)/unit/unit-tests
UNIT_TEST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -I. -DYOLK_HOST_TEST \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

$(UNIT_TEST_BINARY): $(UNIT_TEST_SOURCES) $(wildcard tests/unit/*.h) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(Q)$(HOST_CC) $(UNIT_TEST_CFLAGS) $(UNIT_TEST_SOURCES) -o $@

.PHONY: unit-test
unit-test: $(UNIT_TEST_BINARY)
	$(UNIT_TEST_BINARY)
TEST_TARGETS += unit-test
