# The sshd tests (tests/sshd/test_sshd.py): the default image's sshd on QEMU's user network,
# forwarded to 127.0.0.1, driven by Debian's OpenSSH clients (ssh, scp, sftp) and raw sockets.
#   make sshd-test                                   every test
#   make sshd-test SSHD_TESTS="test_scp_both_ways"   only these
.PHONY: sshd-test
sshd-test: $(DEFAULT_IMAGE) | $(DEPS_STAMP)
	$(Q)SSHD_TESTS="$(SSHD_TESTS)" /usr/bin/python3 tests/sshd/test_sshd.py $(YOLK) \
		$(DEFAULT_IMAGE) $(BUILD)/sshd-test
TEST_TARGETS += sshd-test
