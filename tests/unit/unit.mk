# Host unit tests: pure kernel code compiled for the host with AddressSanitizer and UBSan.
# Kernel sources that are pure (no hardware, no inline asm) are listed here to be tested: append
# to UNIT_TEST_KERNEL_SOURCES here, before the rules below read it. Every tests/unit/*.c is in.
UNIT_TEST_KERNEL_SOURCES := mm/buddy.c mm/heap.c boot/bootinfo.c boot/boot.c boot/pvh.c \
	boot/multiboot2.c kernel/cmdline.c lib/format.c lib/strlcpy.c lib/chacha20.c \
	lib/symbol_table.c lib/byte_ring.c lib/avl.c lib/cpio.c apps/shell/parser.c apps/shell/command_runtime.c lib/ansi_screen.c lib/keyboard_map.c \
	apps/shell/commands/url.c apps/shell/commands/http.c apps/shell/commands/socket_table.c \
	net/frame_checksum.c net/segment_coalescing.c fs/ninep_options.c apps/httpd/metrics.c \
	$(wildcard apps/nes/core/*.c) apps/nes/screen.c apps/nes/controls.c apps/nes/sound.c
UNIT_TEST_SOURCES := $(wildcard tests/unit/*.c) $(UNIT_TEST_KERNEL_SOURCES)
UNIT_TEST_OBJECTS := $(patsubst %.c,$(BUILD)/unit/obj/%.o,$(UNIT_TEST_SOURCES))
UNIT_TEST_BINARY := $(BUILD)/unit/unit-tests
UNIT_TEST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -I. -DYOLK_HOST_TEST \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# One object per source, with header dependencies, so a changed header rebuilds what uses it.
$(BUILD)/unit/obj/%.o: %.c tests/unit/unit.mk | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(Q)$(HOST_CC) $(UNIT_TEST_CFLAGS) -MMD -MP -c $< -o $@
-include $(UNIT_TEST_OBJECTS:.o=.d)

$(UNIT_TEST_BINARY): $(UNIT_TEST_OBJECTS)
	$(Q)$(HOST_CC) $(UNIT_TEST_CFLAGS) $^ -o $@

.PHONY: unit-test
unit-test: $(UNIT_TEST_BINARY)
	$(UNIT_TEST_BINARY)
TEST_TARGETS += unit-test
