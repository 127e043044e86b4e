# yolk run's standard streams, arguments, environment and refusals, driven from the host
# (tests/streams/streams.sh).
.PHONY: streams-test
streams-test: $(YOLK_LIB_FILES) $(YOLK)
	$(Q)tests/streams/streams.sh $(BUILD)/tests/streams
TEST_TARGETS += streams-test
