# apps/gui: the GUI toolkit (context, widgets, renderer, font, evdev input, the fbdev/evdev
# program shell), the desktop and its demos (desktop/), and the physics demo (physics/, over
# Chipmunk2D: third_party/chipmunk/chipmunk.mk), built for musl into libyolk-gui.a, one object
# per file, so an image links only what it calls: ysh's `gui` and `physics` commands, the
# stand-alone gui.elf and physics.elf. The font is DejaVu Sans (fonts-dejavu-core), built in by
# font_data.S; stb_truetype's implementation is compiled here (libstb-dev has the header).
include third_party/chipmunk/chipmunk.mk

GUI_LIBRARY := $(YOLK_LIB)/libyolk-gui.a
GUI_FONT_FILE := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
GUI_SOURCES := $(filter-out apps/gui/main.c apps/gui/physics/main.c,\
	$(sort $(wildcard apps/gui/*.c apps/gui/desktop/*.c apps/gui/physics/*.c))) lib/keyboard_map.c
GUI_HEADERS := $(wildcard apps/gui/*.h apps/gui/desktop/*.h apps/gui/physics/*.h)
GUI_OBJECTS := $(patsubst %.c,$(BUILD)/gui/%.o,$(GUI_SOURCES)) $(BUILD)/gui/apps/gui/font_data.o
# stb's folder alone, never /usr/include (glibc's headers).
STB_INCLUDE := /usr/include/stb
GUI_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -fno-omit-frame-pointer -D_GNU_SOURCE \
	-I. -I$(CHIPMUNK_INCLUDE) -I$(STB_INCLUDE) -idirafter $(LINUX_HEADERS) -MMD -MP

$(BUILD)/gui/%.o: %.c $(CHIPMUNK_INCLUDE)/chipmunk/chipmunk.h | $(LINUX_HEADERS)/linux
	@mkdir -p $(dir $@)
	$(Q)musl-gcc $(GUI_CFLAGS) -c $< -o $@
# Upstream's code: its warnings are not ours to fix.
$(BUILD)/gui/apps/gui/stb_truetype.o: GUI_CFLAGS := -std=gnu11 -O2 -g -fno-omit-frame-pointer -w \
	-I$(STB_INCLUDE)
$(BUILD)/gui/apps/gui/font_data.o: apps/gui/font_data.S | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(Q)musl-gcc -DGUI_FONT_FILE='"$(GUI_FONT_FILE)"' -c $< -o $@
-include $(GUI_OBJECTS:.o=.d)
$(GUI_LIBRARY): $(GUI_OBJECTS)
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && ar rcs $@ $^
# What an image with the toolkit links (after its own files).
GUI_LINK := $(GUI_LIBRARY) $(CHIPMUNK_LIBRARY)

$(IMAGES)/gui.elf: apps/gui/main.c $(GUI_LINK) $(YOLK_LIB_FILES) $(YOLK)
	@mkdir -p $(dir $@)
	$(Q)$(YOLK) build -o $@ $< $(GUI_LINK)
$(IMAGES)/physics.elf: apps/gui/physics/main.c $(GUI_LINK) $(YOLK_LIB_FILES) $(YOLK)
	@mkdir -p $(dir $@)
	$(Q)$(YOLK) build -o $@ $< $(GUI_LINK)
# The toolkit's example program (docs/graphics.md).
$(IMAGES)/hello-gui.elf: examples/gui/hello_gui.c $(GUI_LIBRARY) $(YOLK_LIB_FILES) $(YOLK)
	@mkdir -p $(dir $@)
	$(Q)$(YOLK) build -I. -o $@ $< $(GUI_LIBRARY)
# The physics demo and the desktop as static Linux programs, linked from the very objects the
# images link (musl's libm too): the physics demo's positions after N steps must be Yolk's, bit
# for bit (tests/gui), and both run in the bench's Linux VM on its fbdev (bench/gui.sh).
PHYSICS_HOST := $(BUILD)/gui/physics-host
GUI_HOST := $(BUILD)/gui/gui-host
$(PHYSICS_HOST): apps/gui/physics/main.c $(GUI_LINK)
	$(Q)musl-gcc $(GUI_CFLAGS) -static -o $@ $< $(GUI_LINK) -lm
$(GUI_HOST): apps/gui/main.c $(GUI_LINK)
	$(Q)musl-gcc $(GUI_CFLAGS) -static -o $@ $< $(GUI_LINK) -lm
