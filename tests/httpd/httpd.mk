# httpd's tests (tests/httpd/test_httpd.py): the default image with three servers, talked to
# with curl and raw sockets over QEMU's user network (forwards to 127.0.0.1) and over a tap
# device in a network namespace the test makes (unshare -n); and top and pstack typed at ysh
# on a pseudo-terminal (test_top_pstack.py).
#   make httpd-test httpd-tap-test top-pstack-test       every test
#   make httpd-test HTTPD_TESTS="test_range_requests"    only these
.PHONY: httpd-test httpd-tap-test top-pstack-test
httpd-test: $(IMAGES)/shell.elf
	$(Q)HTTPD_TESTS="$(HTTPD_TESTS)" /usr/bin/python3 tests/httpd/test_httpd.py user \
		$(YOLK) $(IMAGES)/shell.elf $(BUILD)/httpd-test
httpd-tap-test: $(IMAGES)/shell.elf
	$(Q)HTTPD_TESTS="$(HTTPD_TESTS)" unshare -n /usr/bin/python3 tests/httpd/test_httpd.py \
		tap $(YOLK) $(IMAGES)/shell.elf $(BUILD)/httpd-tap-test
top-pstack-test: $(IMAGES)/shell.elf
	$(Q)/usr/bin/python3 tests/httpd/test_top_pstack.py $(YOLK) $(IMAGES)/shell.elf \
		$(BUILD)/top-pstack-test
TEST_TARGETS += httpd-test httpd-tap-test top-pstack-test
