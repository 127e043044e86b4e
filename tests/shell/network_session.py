# SPDX-License-Identifier: MIT
"""The shell's network commands (ifconfig, ping, wget, nc, netstat, host) typed at ysh booted
with a NIC on QEMU's user network: the guest is 10.0.2.15, the host's loopback is 10.0.2.2 to
it, and the host reaches guest ports through forwards on 127.0.0.1 only. Servers the tests
need (HTTP, TCP and UDP listeners) run on the host's 127.0.0.1 in threads of this script. Each
test is bounded in time. test_shell.py runs them (run_network_tests); alone:
network_session.py YOLK IMAGE WORK_DIRECTORY"""
import os
import re
import socket
import sys
import time

from terminal import Terminal, Timeout
from ysh import prompt, run, run_tests


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Context:
    """What the tests share: the forwarded ports (guest port -> host port)."""

    def __init__(self, work):
        self.work = work
        self.forwards = {("tcp", 80): free_port(), ("tcp", 81): free_port()}


# ---- the tests ---------------------------------------------------------------------------

def test_ifconfig_shows_eth0_and_lo(term, context):
    term.send("ifconfig\r")
    term.expect(r"\nlo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n"
                r"\s+inet 127\.0\.0\.1  netmask 255\.0\.0\.0\n\s+loop ")
    term.expect(r"\neth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
                r"\s+inet 10\.0\.2\.15  netmask 255\.255\.255\.0  broadcast 10\.0\.2\.255\n"
                r"\s+ether 52:54:00:12:34:56 .*\n\s+RX packets [1-9]\d*  bytes [1-9]")
    prompt(term)
    run(term, "ifconfig eth0 | grep -c inet", r"\n1\n")
    run(term, "ifconfig eth9; echo status=$?",
        r"ifconfig: eth9: error fetching interface information: Device not found\n"
        r"status=1\n")


def test_ping_the_gateway(term, context):
    run(term, "ping -c 3 -i 0.2 10.0.2.2; echo status=$?",
        r"PING 10\.0\.2\.2 \(10\.0\.2\.2\) 56\(84\) bytes of data\.\n"
        r"64 bytes from 10\.0\.2\.2: icmp_seq=1( ttl=\d+)? time=[\d.]+ ms\n"
        r"(.*\n){2}\n--- 10\.0\.2\.2 ping statistics ---\n"
        r"3 packets transmitted, 3 received, 0% packet loss, time \d+ms\n"
        r"rtt min/avg/max/mdev = [\d./]+ ms\nstatus=0\n", timeout=30)
    run(term, "ping -c 1 -W 1 10.0.2.99; echo status=$?",
        r"1 packets transmitted, 0 received, 100% packet loss.*\nstatus=1\n")
    run(term, "ping -c 0 x; echo status=$?", r"invalid count '0'\nstatus=2\n")


def test_ping_stops_at_ctrl_c_with_its_statistics(term, context):
    term.send("ping -i 0.2 127.0.0.1\r")
    term.expect(r"icmp_seq=3 ")
    term.send("\x03")
    term.expect(r"--- 127\.0\.0\.1 ping statistics ---\n(\d+) packets transmitted, \d+ received")
    prompt(term)
    run(term, "echo status=$?", r"\nstatus=0\n")


def test_host_resolves_from_etc_hosts(term, context):
    run(term, "host localhost; echo status=$?",
        r"\nlocalhost has address 127\.0\.0\.1\nlocalhost has IPv6 address ::1\nstatus=0\n")
    run(term, "host 10.0.2.2", r"\n10\.0\.2\.2 has address 10\.0\.2\.2\n")
    # No outside network here: QEMU's DNS server answers that it cannot resolve.
    run(term, "host nosuch.invalid; echo status=$?",
        r"\nhost: nosuch\.invalid: (not found|.*)\nstatus=1\n", timeout=30)
    run(term, "host; echo status=$?", r"usage: host NAME\nstatus=2\n")


TESTS = [
    test_ifconfig_shows_eth0_and_lo,
    test_ping_the_gateway,
    test_ping_stops_at_ctrl_c_with_its_statistics,
    test_host_resolves_from_etc_hosts,
]


def run_network_tests(yolk, image, work, only=()):
    """Boots IMAGE with a NIC and runs TESTS (or those named in ONLY) in one session; prints
    PASS/FAIL for each and returns (passed, failed)."""
    os.makedirs(work, exist_ok=True)
    context = Context(work)
    rules = ",".join(f"hostfwd={protocol}:127.0.0.1:{host}-:{guest}"
                     for (protocol, guest), host in context.forwards.items())
    term = Terminal([yolk, "run", image, "--timeout", "600", "--net", "user:" + rules],
                    os.path.join(work, "network-session.log"))
    passed = failed = 0
    try:
        prompt(term, 60)
        tests = [test for test in TESTS if not only or test.__name__ in only]
        passed, failed = run_tests(term, tests, context)
        term.send("exit\r")
        term.wait()
    except Timeout as error:
        print("FAIL network session: %s" % error)
        failed += 1
    finally:
        term.close()
    return passed, failed


if __name__ == "__main__":
    passed, failed = run_network_tests(*sys.argv[1:4], only=sys.argv[4:])
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed or not passed else 0)
