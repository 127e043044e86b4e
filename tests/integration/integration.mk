# Integration tests: the programs in tests/integration are built with `yolk build`, booted in
# QEMU with `yolk run`, and checked against tests/integration/tests.txt by run.sh. The suite
# runs twice: with the direct-call musl (yolk build's default) and with Debian's libc.a, whose
# system calls come through the `syscall` trap; both paths must behave the same.
#   make integration-test                              every test, both libcs
#   make integration-test-direct INTEGRATION_TESTS="brk ids"   only these, one libc
.PHONY: integration-test integration-test-direct integration-test-debian
integration-test-direct: all
	$(Q)BUILD=$(BUILD) YOLK=$(YOLK) tests/integration/run.sh $(INTEGRATION_TESTS)
integration-test-debian: all
	$(Q)BUILD=$(BUILD)/debian-libc YOLK=$(YOLK) YOLK_BUILD_FLAGS=--libc=debian \
		tests/integration/run.sh $(INTEGRATION_TESTS)
integration-test: integration-test-direct integration-test-debian
TEST_TARGETS += integration-test-direct integration-test-debian
