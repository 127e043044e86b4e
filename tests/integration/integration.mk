# Integration tests: the programs in tests/integration are built with `yolk build`, booted in
# QEMU with `yolk run`, and checked against tests/integration/tests.txt by run.sh.
#   make integration-test                              every test
#   make integration-test INTEGRATION_TESTS="brk ids"   only these
.PHONY: integration-test
integration-test: all
	$(Q)BUILD=$(BUILD) YOLK=$(YOLK) tests/integration/run.sh $(INTEGRATION_TESTS)
TEST_TARGETS += integration-test
