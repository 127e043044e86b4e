# yolk test, the tool's own test runner (tests/tool/test_command.sh).
.PHONY: tool-test
tool-test: $(YOLK_LIB_FILES) $(YOLK)
	$(Q)tests/tool/test_command.sh $(BUILD)/tests/tool
TEST_TARGETS += tool-test
