# SPDX-License-Identifier: MIT
"""The shell's network commands (ifconfig, ping, wget, nc, netstat, host) typed at ysh booted
with a NIC on QEMU's user network: the guest is 10.0.2.15, the host's loopback is 10.0.2.2 to
it, and the host reaches guest ports through forwards on 127.0.0.1 only. Servers the tests
need (HTTP, TCP and UDP listeners) run on the host's 127.0.0.1 in threads of this script. Each
test is bounded in time. test_shell.py runs them (run_network_tests); alone:
network_session.py YOLK IMAGE WORK_DIRECTORY"""
import hashlib
import http.server
import os
import random
import re
import socket
import sys
import threading
import time

from terminal import Terminal, Timeout
from ysh import prompt, run, run_tests


def free_port(kind=socket.SOCK_STREAM):
    with socket.socket(socket.AF_INET, kind) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_once(handle, kind=socket.SOCK_STREAM):
    """A server on the host's 127.0.0.1 for one client: HANDLE(connection) for TCP,
    HANDLE(socket) for UDP, in a thread. Returns (port, thread)."""
    server = socket.socket(socket.AF_INET, kind)
    server.bind(("127.0.0.1", 0))
    server.settimeout(30)
    if kind == socket.SOCK_STREAM:
        server.listen(1)

    def serve():
        with server:
            try:
                if kind == socket.SOCK_STREAM:
                    connection, _ = server.accept()
                    with connection:
                        connection.settimeout(30)
                        handle(connection)
                else:
                    handle(server)
            except OSError as error:
                print("  host server:", error)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return server.getsockname()[1], thread


def read_until(connection, marker):
    data = b""
    while marker not in data:
        chunk = connection.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def read_all(connection):
    data = b""
    while True:
        chunk = connection.recv(1 << 20)
        if not chunk:
            return data
        data += chunk


def connect_to_guest(port, tries=20):
    """A connection to a guest port through its forward, once the guest listens (QEMU takes the
    connection on the host first and closes it when the guest refuses)."""
    for _ in range(tries):
        connection = socket.create_connection(("127.0.0.1", port), timeout=20)
        connection.settimeout(0.5)
        try:
            if connection.recv(1, socket.MSG_PEEK) == b"":
                connection.close()
                time.sleep(0.5)
                continue
        except socket.timeout:
            pass  # open, and quiet: the guest has it
        except OSError:
            connection.close()
            time.sleep(0.5)
            continue
        connection.settimeout(20)
        return connection
    raise AssertionError(f"the guest does not listen behind 127.0.0.1:{port}")


class Handler(http.server.BaseHTTPRequestHandler):
    """The host's HTTP server for wget: a big file, a small one, redirects, a chunked body,
    a body shorter than its Content-Length, and 404 for anything else."""
    protocol_version = "HTTP/1.1"
    big = random.Random(11).randbytes((2 << 20) + 12345)
    hosts = []

    def log_message(self, *arguments):
        pass

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if not any(name.lower() == "content-length" for name, _ in headers):
            self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        Handler.hosts.append(self.headers.get("Host"))
        if self.path == "/big.bin":
            self.reply(200, Handler.big)
        elif self.path == "/dir/small.txt":
            self.reply(200, b"hello, small\n")
        elif self.path == "/redirect":
            self.reply(302, headers=[("Location", "/moved")])
        elif self.path == "/moved":
            self.reply(301, headers=[("Location", "chunked?x=1")])
        elif self.path == "/loop":
            self.reply(302, headers=[("Location", "/loop")])
        elif self.path == "/chunked?x=1":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for piece in (b"chunked ", b"body ", b"in pieces\n"):
                self.wfile.write(b"%x;name=value\r\n%s\r\n" % (len(piece), piece))
                self.wfile.flush()
            self.wfile.write(b"0\r\nTrailer: yes\r\n\r\n")
        elif self.path == "/short":
            self.reply(200, b"x" * 100, headers=[("Content-Length", "1000")])
        else:
            self.reply(404, b"not here\n")


class Http6Server(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6


class Context:
    """What the tests share: the forwarded ports (guest port -> host port)."""

    def __init__(self, work):
        self.work = work
        self.forwards = {("tcp", 80): free_port(), ("tcp", 81): free_port(),
                         ("udp", 5001): free_port(socket.SOCK_DGRAM)}
        self.http = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.http_port = self.http.server_address[1]
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        # The same on the host's ::1, which the guest reaches as fec0::2 (QEMU's IPv6 side).
        self.http6 = Http6Server(("::1", 0), Handler)
        self.http6_port = self.http6.server_address[1]
        threading.Thread(target=self.http6.serve_forever, daemon=True).start()

    def url(self, path):
        return f"http://10.0.2.2:{self.http_port}{path}"

    def stop(self):
        self.http.shutdown()
        self.http6.shutdown()


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
    run(term, "host 127.0.0.1", r"\n1\.0\.0\.127\.in-addr\.arpa domain name pointer localhost\.\n")
    run(term, "host ::1", r"\n1\.0\.(0\.){30}ip6\.arpa domain name pointer localhost\.\n")
    # No outside network here: QEMU's DNS server answers that it cannot resolve.
    run(term, "host nosuch.invalid; echo status=$?",
        r"\nhost: nosuch\.invalid: (not found|.*)\nstatus=1\n", timeout=30)
    run(term, "host; echo status=$?", r"usage: host NAME\|ADDRESS\nstatus=2\n")


def test_nc_client_sends_a_line_and_prints_the_reply(term, context):
    received = {}

    def upper_case_once(connection):
        line = read_until(connection, b"\n")
        connection.sendall(line.upper())
        received["rest"] = read_all(connection)  # until the guest's SHUT_WR

    port, server = serve_once(upper_case_once)
    term.send(f"nc 10.0.2.2 {port}\r")
    time.sleep(0.5)
    term.send("hello-host\r")
    term.expect(r"\nHELLO-HOST\n")
    term.send("\x04")  # ^D: the end of nc's input
    prompt(term)
    server.join(10)
    assert received.get("rest") == b"", f"after the line: {received}"
    run(term, "echo status=$?", r"\nstatus=0\n")


def test_nc_listens_and_talks_both_ways(term, context):
    term.send("nc -l -p 81\r")
    time.sleep(1)
    with connect_to_guest(context.forwards[("tcp", 81)]) as connection:
        connection.sendall(b"from-host\n")
        term.expect(r"\nfrom-host\n")
        term.send("from-guest\r")
        assert read_until(connection, b"\n") == b"from-guest\n"
        connection.shutdown(socket.SHUT_WR)
        term.send("\x04")
        assert read_all(connection) == b"", "nothing after the guest's end"
    prompt(term)
    run(term, "echo status=$?", r"\nstatus=0\n")


def test_netstat_shows_listening_and_established_sockets(term, context):
    run(term, "sleep 60 | nc -l -p 80 > /tmp/nc-in &", r"\[1\] ")
    run(term, "nc -l -u -p 5000 &", r"\[2\] ")
    run(term, "nc -l -p 82 &", r"\[3\] ")
    time.sleep(1)
    run(term, "netstat -tln",
        r"Active Internet connections \(only servers\)\n"
        r"Proto Recv-Q Send-Q Local Address +Foreign Address +State\n"
        r"(tcp .*\n)*tcp +0 +0 0\.0\.0\.0:80 +0\.0\.0\.0:\* +LISTEN\n")
    run(term, "netstat -uln", r"\nudp +0 +0 0\.0\.0\.0:5000 +0\.0\.0\.0:\* +\n")
    with connect_to_guest(context.forwards[("tcp", 80)]) as connection:
        connection.sendall(b"to-the-background\n")
        match = run(term, "netstat -tan", r"servers and established\)\n(.*\n)+?(?=root@)")
        lines = match.group(0).decode()
        assert re.search(r"\ntcp +0 +0 0\.0\.0\.0:82 +0\.0\.0\.0:\* +LISTEN\n", lines), lines
        assert re.search(r"\ntcp +0 +0 10\.0\.2\.15:80 +10\.0\.2\.2:\d+ +ESTABLISHED\n",
                         lines), lines
        run(term, "netstat -t | grep -c LISTEN", r"\n0\n")
    run(term, "kill %1 %2 %3; wait; cat /tmp/nc-in", r"\nto-the-background\n")
    # -p without -l: the local port a connection comes from.
    port, server = serve_once(read_all)
    run(term, f"sleep 30 | nc -p 40001 10.0.2.2 {port} &", r"\[1\] ")
    time.sleep(1)
    run(term, "netstat -tn", r"\ntcp +0 +0 10\.0\.2\.15:40001 +10\.0\.2\.2:%d +ESTABLISHED\n"
        % port)
    run(term, "kill %1; wait; echo waited", r"\nwaited\n")
    server.join(10)
    run(term, "netstat -x; echo status=$?", r"status=2\n")


def test_nc_udp_to_a_host_server(term, context):
    def upper_case_datagram(server):
        data, sender = server.recvfrom(65536)
        server.sendto(data.upper(), sender)

    port, server = serve_once(upper_case_datagram, socket.SOCK_DGRAM)
    run(term, f"echo udp-hello | nc -u -w 2 10.0.2.2 {port}; echo status=$?",
        r"\nUDP-HELLO\nstatus=0\n")
    server.join(10)


def test_nc_udp_listens_for_the_first_sender(term, context):
    term.send("nc -u -l -w 3 -p 5001; echo status=$?\r")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as client:
        client.settimeout(0.5)
        for _ in range(20):  # until nc has bound the port: datagrams before that are lost
            client.sendto(b"first-datagram\n", ("127.0.0.1", context.forwards[("udp", 5001)]))
            try:
                term.expect(r"\nfirst-datagram\n", 0.5)
                break
            except Timeout:
                continue
        term.send("answer\r")
        client.settimeout(10)
        data = client.recv(65536)
        assert data == b"answer\n", data
    term.expect(r"\nstatus=0\n", 10)  # idle for 3 s: the end
    prompt(term)


def test_nc_errors(term, context):
    run(term, f"nc 10.0.2.2 {free_port()}; echo status=$?",
        r"nc: connect to 10\.0\.2\.2 port \d+: Connection refused\nstatus=1\n")
    run(term, "nc 10.0.2.2; echo status=$?", r"nc: usage: .*\nstatus=2\n")
    run(term, "nc -l -p 0; echo status=$?", r"nc: invalid port '0'\nstatus=2\n")
    term.send("nc -l -p 83\r")  # Ctrl-C ends a wait for a connection
    time.sleep(1)
    term.send("\x03")
    prompt(term)
    run(term, "echo status=$?; netstat -tl | grep -c :83", r"\nstatus=130\n0\n")


def test_wget_a_file_byte_exact(term, context):
    size = len(Handler.big)
    # Over 1 MiB: a progress line; then the file's size, and its bytes sent back with nc.
    run(term, f"wget -O /tmp/big {context.url('/big.bin')}; echo status=$?",
        r"Length: %d\n(.*\n)*.*/tmp/big 100%%.*\n'/tmp/big' saved \[%d\]\nstatus=0\n"
        % (size, size), timeout=120)
    run(term, "wc -c < /tmp/big", r"\n\s*%d\n" % size)
    digest = {}

    def hash_everything(connection):
        digest["sha256"] = hashlib.sha256(read_all(connection)).hexdigest()

    port, server = serve_once(hash_everything)
    run(term, f"nc 10.0.2.2 {port} < /tmp/big; echo status=$?", r"\nstatus=0\n", timeout=120)
    server.join(30)
    assert digest.get("sha256") == hashlib.sha256(Handler.big).hexdigest(), "the bytes differ"
    assert Handler.hosts[-1] == f"10.0.2.2:{context.http_port}", Handler.hosts


def test_wget_names_the_file_follows_redirects_and_decodes_chunks(term, context):
    run(term, f"cd /tmp; wget -q {context.url('/dir/small.txt')}; cat small.txt; cd",
        r"\nhello, small\n")
    run(term, f"wget -O - {context.url('/redirect')}; echo status=$?",
        r"Location: /moved \[following\]\n(.*\n)*?Location: chunked\?x=1 \[following\]\n"
        r"(.*\n)*?chunked body in pieces\n(.*\n)*?status=0\n")
    # An IPv6 literal: the guest has its address from a router advertisement a few seconds
    # after boot (until then, "Network unreachable").
    for _ in range(20):
        match = run(term, f"wget -q -O - http://[fec0::2]:{context.http6_port}/dir/small.txt"
                    "; echo status=$?", r"\n((?:.*\n)*?)status=(\d+)\n")
        if match.group(2) == b"0":
            break
        time.sleep(1)
    assert match.group(2) == b"0", "no IPv6 route to fec0::2 in 20 s"
    assert match.group(1) == b"hello, small\n", match.group(1)
    assert Handler.hosts[-1] == f"[fec0::2]:{context.http6_port}", Handler.hosts
    run(term, f"wget -q -O - {context.url('/loop')}; echo status=$?",
        r"\nwget: more than 5 redirects\nstatus=1\n")


def test_wget_errors(term, context):
    run(term, f"wget -q -O /tmp/m {context.url('/missing')}; echo status=$?; ls /tmp/m",
        r"\nwget: server returned 404 Not Found\nstatus=1\nls: .*/tmp/m")
    run(term, f"wget -q -O /tmp/s {context.url('/short')}; echo status=$?",
        r"\nwget: the connection closed after 100 of 1000 bytes\nstatus=1\n")
    run(term, f"wget -q http://10.0.2.2:{free_port()}/; echo status=$?",
        r"\nwget: connect to 10\.0\.2\.2 port \d+: Connection refused\nstatus=1\n")
    run(term, "wget https://10.0.2.2/; echo status=$?", r"not supported.*\nstatus=1\n")
    run(term, "wget; echo status=$?", r"usage: wget .*\nstatus=2\n")


def test_network_commands_have_help(term, context):
    for command in ("ifconfig", "ping", "wget", "nc", "netstat", "host"):
        run(term, f"{command} --help; echo status=$?",
            r"\nusage: %s .*\n.+\nstatus=0\n" % command)
    run(term, "help | grep -c -E '^ *(ifconfig|ping|wget|nc|netstat|host) '", r"\n6\n")


TESTS = [
    test_network_commands_have_help,
    test_ifconfig_shows_eth0_and_lo,
    test_ping_the_gateway,
    test_ping_stops_at_ctrl_c_with_its_statistics,
    test_host_resolves_from_etc_hosts,
    test_nc_client_sends_a_line_and_prints_the_reply,
    test_nc_listens_and_talks_both_ways,
    test_netstat_shows_listening_and_established_sockets,
    test_nc_udp_to_a_host_server,
    test_nc_udp_listens_for_the_first_sender,
    test_nc_errors,
    test_wget_a_file_byte_exact,
    test_wget_names_the_file_follows_redirects_and_decodes_chunks,
    test_wget_errors,
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
        context.stop()
    return passed, failed


if __name__ == "__main__":
    passed, failed = run_network_tests(*sys.argv[1:4], only=sys.argv[4:])
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed or not passed else 0)
