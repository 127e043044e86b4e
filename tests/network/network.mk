# The network tests (tests/network/test_network.py): guests on QEMU's user network, talked to
# from the host through forwards to 127.0.0.1, and talking to servers on the host's loopback;
# and guests on a tap device in a network namespace the test makes (unshare -n).
#   make network-test network-tap-test                  every test
#   make network-test NETWORK_TESTS="test_udp_echo"     only these
NETWORK_IMAGES := $(BUILD)/network
NETWORK_TEST_IMAGES := $(NETWORK_IMAGES)/echo.elf $(NETWORK_IMAGES)/epoll_echo.elf \
	$(NETWORK_IMAGES)/udp_echo.elf $(NETWORK_IMAGES)/guest_client.elf \
	$(NETWORK_IMAGES)/ninep_tcp.elf $(NETWORK_IMAGES)/ninep_absent.elf
$(NETWORK_IMAGES)/echo.elf: examples/echo-server/echo.c $(YOLK_LIB_FILES) $(YOLK)
	@mkdir -p $(dir $@)
	$(Q)$(YOLK) build -o $@ $<
$(NETWORK_IMAGES)/%.elf: tests/network/%.c tests/integration/check.h $(YOLK_LIB_FILES) $(YOLK)
	@mkdir -p $(dir $@)
	$(Q)$(YOLK) build -o $@ $<
.PHONY: network-test network-tap-test
network-test: $(NETWORK_TEST_IMAGES)
	$(Q)NETWORK_TESTS="$(NETWORK_TESTS)" /usr/bin/python3 tests/network/test_network.py user \
		$(YOLK) $(NETWORK_IMAGES) $(BUILD)/network-test
network-tap-test: $(NETWORK_TEST_IMAGES)
	$(Q)NETWORK_TESTS="$(NETWORK_TESTS)" unshare -n /usr/bin/python3 \
		tests/network/test_network.py tap $(YOLK) $(NETWORK_IMAGES) $(BUILD)/network-tap-test
TEST_TARGETS += network-test network-tap-test
