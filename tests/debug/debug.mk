# yolk debug driven by gdb in batch mode (tests/debug/debug.sh).
.PHONY: debug-test
debug-test: $(YOLK_LIB_FILES) $(YOLK)
	$(Q)tests/debug/debug.sh $(BUILD)/tests/debug
TEST_TARGETS += debug-test
