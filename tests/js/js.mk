# The JavaScript runner's tests (issue 14, tests/js/run.py): scripts run by the shell image's
# `js` in QEMU and compared with Node on the host, http over QEMU's user network, the REPL
# over the serial console, two images `yolk build --js` makes, and two interpreters in one image.
JS_TEST_DIR := $(BUILD)/js-test
$(JS_TEST_DIR)/app.elf: tests/js/scripts/app.js tests/js/scripts/app_fs/helper.js \
		$(YOLK_LIB_FILES) $(YOLK)
	@mkdir -p $(dir $@)
	$(Q)$(YOLK) build -o $@ --fs tests/js/scripts/app_fs --js tests/js/scripts/app.js
$(JS_TEST_DIR)/http-app.elf: tests/js/scripts/http_get.js $(YOLK_LIB_FILES) $(YOLK)
	@mkdir -p $(dir $@)
	$(Q)$(YOLK) build -o $@ --js tests/js/scripts/http_get.js

# Two interpreters at once in one image (the library has no process-wide state).
$(JS_TEST_DIR)/two-interpreters.elf: tests/js/two_interpreters.c apps/js/js.h $(YOLK_LIB_FILES) \
		$(YOLK)
	@mkdir -p $(dir $@)
	$(Q)$(YOLK) build -Iapps/js -o $@ tests/js/two_interpreters.c $(JS_LIBRARY)

.PHONY: js-test
js-test: $(IMAGES)/shell.elf $(JS_TEST_DIR)/app.elf $(JS_TEST_DIR)/http-app.elf \
		$(JS_TEST_DIR)/two-interpreters.elf
	$(Q)/usr/bin/python3 tests/js/run.py $(YOLK) $(IMAGES)/shell.elf $(JS_TEST_DIR)/app.elf \
		$(JS_TEST_DIR)/http-app.elf $(JS_TEST_DIR)/two-interpreters.elf $(JS_TEST_DIR)
TEST_TARGETS += js-test
