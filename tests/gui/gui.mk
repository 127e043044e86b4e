# The GUI toolkit, the desktop and the physics demo (tests/gui): host unit tests of the pure
# parts (the renderer, font, context and widgets, evdev input, the calculator, the Planet world
# on Chipmunk2D), built with AddressSanitizer and UBSan; and test_gui.py: the desktop and the
# physics demo in ysh booted with --gui, driven over QMP (clicks, a drag, typing) and checked
# on the screen's pixels, and the physics demo's positions after 600 steps compared, bit for
# bit, with the host's run of the same objects.
GUI_UNIT_BINARY := $(BUILD)/gui/unit-tests
GUI_UNIT_SOURCES := $(wildcard tests/gui/*.c) tests/unit/unit.c apps/gui/context.c \
	apps/gui/widgets.c apps/gui/text_edit.c apps/gui/render.c apps/gui/font.c \
	apps/gui/evdev_input.c apps/gui/desktop/calculator.c apps/gui/desktop/editor.c \
	apps/gui/physics/planet.c \
	lib/keyboard_map.c
GUI_UNIT_SANITIZERS := -fsanitize=address,undefined -fno-sanitize-recover=all
GUI_UNIT_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -I. -I$(CHIPMUNK_INCLUDE) \
	-I$(STB_INCLUDE) $(GUI_UNIT_SANITIZERS) -fno-omit-frame-pointer
# Upstream's code (Chipmunk, stb_truetype) with its warnings left alone and without the
# sanitizers (it is not what is tested; -O1 keeps its build short); one object per file, so
# make -j builds them side by side.
GUI_UNIT_UPSTREAM := $(patsubst %,$(BUILD)/gui/host/%.o,$(CHIPMUNK_NAMES)) \
	$(BUILD)/gui/host/stb_truetype.o
GUI_UNIT_OBJECTS := $(patsubst %.c,$(BUILD)/gui/host/%.o,$(GUI_UNIT_SOURCES))
$(BUILD)/gui/host/%.o: $(CHIPMUNK_FETCHED)
	@mkdir -p $(dir $@)
	$(Q)$(HOST_CC) -std=gnu99 -O1 -DNDEBUG -w -I$(CHIPMUNK_INCLUDE) \
		-c $(CHIPMUNK_DIR)/source/src/$*.c -o $@
$(BUILD)/gui/host/stb_truetype.o: apps/gui/stb_truetype.c
	@mkdir -p $(dir $@)
	$(Q)$(HOST_CC) -std=gnu11 -O1 -w -I$(STB_INCLUDE) -c $< -o $@
$(GUI_UNIT_OBJECTS): $(BUILD)/gui/host/%.o: %.c $(GUI_HEADERS) tests/unit/unit.h \
		tests/gui/gui_test_support.h tests/gui/gui.mk $(CHIPMUNK_FETCHED)
	@mkdir -p $(dir $@)
	$(Q)$(HOST_CC) $(GUI_UNIT_CFLAGS) -c $< -o $@
$(GUI_UNIT_BINARY): $(GUI_UNIT_OBJECTS) $(GUI_UNIT_UPSTREAM)
	@mkdir -p $(dir $@)
	$(Q)$(HOST_CC) $(GUI_UNIT_SANITIZERS) -o $@ $^ -lm

.PHONY: gui-unit-test gui-test
gui-unit-test: $(GUI_UNIT_BINARY)
	$(Q)$(GUI_UNIT_BINARY)
TEST_TARGETS += gui-unit-test
gui-test: $(IMAGES)/shell.elf $(PHYSICS_HOST)
	$(Q)/usr/bin/python3 tests/gui/test_gui.py $(YOLK) $(IMAGES)/shell.elf $(PHYSICS_HOST) \
		$(BUILD)/gui/test
TEST_TARGETS += gui-test
