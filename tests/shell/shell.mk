# The shell's tests: ysh booted in QEMU on a pseudo-terminal and typed at (tests/shell).
.PHONY: shell-test
shell-test: $(IMAGES)/shell.elf
	$(Q)/usr/bin/python3 tests/shell/test_shell.py $(YOLK) $(IMAGES)/shell.elf $(BUILD)/shell-test
TEST_TARGETS += shell-test
