# Graphics and input (tests/graphics): fbdev and evdev programs booted with --gui, the screen
# captured and input injected over QMP (tools/qmp.py), headless.
.PHONY: graphics-test
graphics-test: all
	$(Q)/usr/bin/python3 tests/graphics/test_graphics.py $(YOLK) $(BUILD)/graphics-test
TEST_TARGETS += graphics-test
