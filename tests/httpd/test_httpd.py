# SPDX-License-Identifier: MIT
"""httpd's tests: the default image (ysh) boots with three servers at once, started from its
command line as a user would type them,
    httpd -p 80 -r /srv                 a 9P share of the test's files, read-only
    httpd -p 81 -r /tmp --write         PUT and DELETE allowed
    httpd -p 82                         the whole file tree, read-only
and curl (and raw sockets, for what curl will not send) talk to them. Two sets: "user", QEMU's
user network with forwards to 127.0.0.1, and "tap", a tap device in a network namespace of the
test's own (run under `unshare -n`), for the 100 MiB file and the 50 concurrent clients, where
the user network would be the bottleneck. Every loop is bounded in count and time. Prints
PASS/FAIL per test and "N passed, N failed".
Usage: test_httpd.py user|tap YOLK IMAGE WORK_DIRECTORY"""
import email.utils
import hashlib
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import prometheus_text  # noqa: E402

MODE, YOLK, IMAGE, WORK = sys.argv[1:5]
TAP, TAP_HOST, TAP_GUEST = "tap0", "198.18.0.1", "198.18.0.2"
SHARE = os.path.join(WORK, "share")
COMMAND = ("head -c 4096 /dev/vda > /dev/null; httpd -p 80 -r /srv & "
           "httpd -p 81 -r /tmp --write & httpd -p 82 & wait")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Guest:
    """The image in QEMU, its console in a log file, its servers' ports on the host."""

    def __init__(self):
        self.log_path = os.path.join(WORK, "guest.log")
        disk = os.path.join(WORK, "disk.img")
        with open(disk, "wb") as file:
            file.write(b"\xa5" * (1 << 20))
        if MODE == "tap":
            self.address, self.ports = TAP_GUEST, {80: 80, 81: 81, 82: 82}
            network = ["--net", "tap:" + TAP, "--append", f"ip={TAP_GUEST}/24 gw={TAP_HOST}"]
        else:
            self.address, self.ports = "127.0.0.1", {port: free_port() for port in (80, 81, 82)}
            rules = ",".join(f"hostfwd=tcp:127.0.0.1:{host}-:{guest}"
                             for guest, host in self.ports.items())
            network = ["--net", "user:" + rules]
        command = [YOLK, "run", IMAGE, *network, "--share", SHARE + ":/srv", "--disk", disk,
                   "--mem", "256M", "--timeout", "900", "--", "-c", COMMAND]
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 90
        while self.output().count("httpd: serving") < 3:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("the servers did not start:\n" + self.output()[-3000:])
            time.sleep(0.1)

    def output(self):
        with open(self.log_path, "rb") as log:
            return log.read().decode(errors="replace").replace("\r", "")

    def url(self, path, port=80):
        return f"http://{self.address}:{self.ports[port]}{path}"

    def connect(self, port=80, timeout=20):
        return socket.create_connection((self.address, self.ports[port]), timeout=timeout)

    def stop(self):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        self.log.close()


def curl(*arguments, timeout=120):
    """Runs curl; returns (status code, headers as a dict of lower-case names, body bytes)."""
    headers_path = os.path.join(WORK, "curl.headers")
    result = subprocess.run(["curl", "-sS", "--max-time", str(timeout), "-D", headers_path,
                             "-w", "\n%{http_code}", *arguments],
                            capture_output=True, timeout=timeout + 10)
    if result.returncode:
        raise AssertionError(f"curl {arguments}: {result.stderr.decode(errors='replace')}")
    body, _, code = result.stdout.rpartition(b"\n")
    headers = {}
    with open(headers_path, "rb") as file:
        for line in file.read().decode(errors="replace").split("\r\n")[1:]:
            name, _, value = line.partition(":")
            if value:
                headers[name.strip().lower()] = value.strip()
    return int(code), headers, body


def raw_request(guest, data, port=80, timeout=15):
    """Sends DATA on a connection of its own; returns what came back until the server closed
    it or went quiet (b"" if it reset the connection)."""
    received = b""
    with guest.connect(port, timeout) as connection:
        try:
            connection.sendall(data)
            connection.settimeout(timeout)
            while len(received) < 1 << 20:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                received += chunk
                if b"\r\n\r\n" in received and b"Connection: close" not in received:
                    head, _, rest = received.partition(b"\r\n\r\n")
                    length = re.search(rb"Content-Length: (\d+)", head)
                    if length and len(rest) >= int(length.group(1)):
                        break
        except (ConnectionResetError, BrokenPipeError, socket.timeout):
            pass
    return received


def status_of(response):
    match = re.match(rb"HTTP/1\.[01] (\d{3}) ", response)
    return int(match.group(1)) if match else None


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def still_serving(guest):
    code, _, body = curl(guest.url("/small.txt"))
    assert code == 200 and body == SMALL, f"after the bad input: {code} {body[:80]!r}"


# ---- the files the share holds ----------------------------------------------------------

SMALL = b"a small file\n"
FILES = {}


def make_share():
    shutil.rmtree(SHARE, ignore_errors=True)
    os.makedirs(os.path.join(SHARE, "sub"))
    generator = random.Random(12)
    FILES["one-mib.bin"] = generator.randbytes(1 << 20)
    FILES["small.txt"] = SMALL
    FILES["page.html"] = b"<html><body>page</body></html>\n"
    FILES["data.json"] = b'{"a": 1}\n'
    FILES["sub/inner.txt"] = b"inside\n"
    for name, data in FILES.items():
        with open(os.path.join(SHARE, name), "wb") as file:
            file.write(data)
    old = time.time() - 86400 * 30
    os.utime(os.path.join(SHARE, "small.txt"), (old, old))


# ---- user network ----------------------------------------------------------------------

def test_file_1mib_byte_exact(guest):
    code, headers, body = curl(guest.url("/one-mib.bin"))
    assert code == 200, code
    assert sha256(body) == sha256(FILES["one-mib.bin"]), f"{len(body)} bytes, not the file"
    assert headers.get("content-length") == str(1 << 20), headers


def test_head_and_content_types(guest):
    expected = {"/page.html": "text/html", "/small.txt": "text/plain",
                "/data.json": "application/json", "/one-mib.bin": "application/octet-stream"}
    for path, kind in expected.items():
        code, headers, _ = curl("-I", "-o", os.devnull, guest.url(path))
        assert code == 200, (path, code)
        assert headers.get("content-type", "").startswith(kind), (path, headers)


def test_directory_listing(guest):
    code, headers, body = curl(guest.url("/"))
    text = body.decode()
    assert code == 200 and headers["content-type"].startswith("text/html"), (code, headers)
    for name in ("one-mib.bin", "small.txt", "page.html", "sub/"):
        assert f'href="{name}"' in text, f"{name} not listed:\n{text[:2000]}"
    code, _, body = curl(guest.url("/sub/"))
    assert code == 200 and b'href="inner.txt"' in body, body[:500]
    code, headers, _ = curl(guest.url("/sub"))
    assert code in (301, 302, 307, 308) and headers.get("location", "").endswith("/sub/"), \
        (code, headers)
    code, _, body = curl(guest.url("/", 82))  # the whole tree: /proc, /etc, ...
    assert code == 200 and b'href="proc/"' in body and b'href="etc/"' in body, body[:800]


def test_range_requests(guest):
    data = FILES["one-mib.bin"]
    code, headers, body = curl("-r", "1000-1999", guest.url("/one-mib.bin"))
    assert code == 206 and body == data[1000:2000], (code, len(body), headers)
    assert headers.get("content-range") == f"bytes 1000-1999/{len(data)}", headers
    # A suffix range: CivetWeb 1.15 does not do them and sends the whole file, which RFC 9110
    # allows (a server may ignore Range); anything else would be wrong.
    code, _, body = curl("-H", "Range: bytes=-100", guest.url("/one-mib.bin"))
    assert (code, body) in ((206, data[-100:]), (200, data)), (code, len(body))
    code, _, body = curl("-r", "1048000-", guest.url("/one-mib.bin"))
    assert code == 206 and body == data[1048000:], (code, len(body))
    for bad in ("2000000-2000100", "500-100", f"{len(data)}-"):
        code, headers, _ = curl("-r", bad, guest.url("/one-mib.bin"))
        assert code == 416 and headers.get("content-range") == f"bytes */{len(data)}", \
            (bad, code, headers)


def test_not_found(guest):
    code, _, _ = curl(guest.url("/nothing-here"))
    assert code == 404, code
    code, _, _ = curl(guest.url("/sub/nothing/deeper.txt"))
    assert code == 404, code


def test_if_modified_since(guest):
    code, headers, _ = curl(guest.url("/small.txt"))
    modified = headers["last-modified"]
    assert abs(email.utils.parsedate_to_datetime(modified).timestamp()
               - os.stat(os.path.join(SHARE, "small.txt")).st_mtime) < 2, modified
    code, _, body = curl("-H", "If-Modified-Since: " + modified, guest.url("/small.txt"))
    assert code == 304 and body == b"", (code, body)
    earlier = email.utils.formatdate(time.time() - 86400 * 365, usegmt=True)
    code, _, body = curl("-H", "If-Modified-Since: " + earlier, guest.url("/small.txt"))
    assert code == 200 and body == SMALL, code
    code, _, _ = curl("-H", "If-None-Match: " + headers["etag"], guest.url("/small.txt"))
    assert code == 304, code


def test_keep_alive_1000_requests(guest):
    """1,000 requests that curl sends on one connection (num_connects adds up to 1)."""
    config = os.path.join(WORK, "keep-alive.curl")
    with open(config, "w") as file:
        for _ in range(1000):
            file.write(f'url = "{guest.url("/small.txt")}"\noutput = "/dev/null"\n')
    result = subprocess.run(["curl", "-sS", "--max-time", "300", "-K", config,
                             "-w", "%{http_code} %{num_connects} %{size_download}\n"],
                            capture_output=True, text=True, timeout=320)
    lines = result.stdout.split()
    codes, connects, sizes = lines[0::3], lines[1::3], lines[2::3]
    assert result.returncode == 0, result.stderr
    assert len(codes) == 1000 and set(codes) == {"200"}, (len(codes), set(codes))
    assert set(sizes) == {str(len(SMALL))}, set(sizes)
    assert sum(map(int, connects)) == 1, f"{sum(map(int, connects))} connections, not 1"


def test_metrics_strict_and_moving(guest):
    prometheus_text.self_test()
    code, headers, body = curl(guest.url("/metrics"))
    assert code == 200 and headers["content-type"].startswith("text/plain; version=0.0.4"), \
        (code, headers)
    first = prometheus_text.parse(body.decode())
    for family in ("yolk_uptime_seconds", "yolk_threads", "yolk_context_switches_total",
                   "yolk_interrupts_total", "yolk_syscalls_total", "yolk_memory_bytes",
                   "yolk_network_receive_bytes_total", "yolk_network_transmit_drops_total",
                   "yolk_tcp_connections", "yolk_9p_read_bytes_total",
                   "yolk_block_read_bytes_total", "httpd_responses_total"):
        assert family in first and first[family]["help"], f"no {family} with its HELP"
    assert first["yolk_context_switches_total"]["type"] == "counter"
    assert prometheus_text.value(first, "yolk_tcp_connections", state="LISTEN") >= 3
    assert prometheus_text.value(first, "yolk_threads", state="sleeping") >= 3
    assert prometheus_text.value(first, "yolk_block_read_bytes_total", device="vda") >= 4096
    memory = {kind: prometheus_text.value(first, "yolk_memory_bytes", kind=kind)
              for kind in ("total", "free", "used")}
    assert memory["total"] == memory["free"] + memory["used"] > 200 << 20, memory
    for _ in range(5):
        curl(guest.url("/one-mib.bin"), "-o", os.devnull)
    curl(guest.url("/nothing"))
    curl("-r", "5000000-", guest.url("/one-mib.bin"))
    second = prometheus_text.parse(curl(guest.url("/metrics"))[2].decode())
    for name, labels in (("yolk_uptime_seconds", {}), ("yolk_context_switches_total", {}),
                         ("yolk_syscalls_total", {"name": "sendfile"}),
                         ("yolk_network_receive_bytes_total", {"interface": "eth0"}),
                         ("yolk_network_transmit_packets_total", {"interface": "eth0"}),
                         ("yolk_9p_read_bytes_total", {}),
                         ("httpd_responses_total", {"code": "200"})):
        before = prometheus_text.value(first, name, **labels)
        after = prometheus_text.value(second, name, **labels)
        assert after > before, f"{name}{labels}: {before} then {after}"
    assert prometheus_text.value(second, "yolk_9p_read_bytes_total") - \
        prometheus_text.value(first, "yolk_9p_read_bytes_total") >= 5 << 20
    assert prometheus_text.value(second, "httpd_responses_total", code="404") >= 1
    assert prometheus_text.value(second, "httpd_responses_total", code="416") >= 1
    assert any(name == "yolk_interrupts_total" and dict(labels).get("vector") == "14"
               for name, labels in second["yolk_interrupts_total"]["samples"]), \
        "no page faults counted"


def test_debug_threads(guest):
    code, _, body = curl(guest.url("/debug/threads"))
    text = body.decode()
    assert code == 200, code
    threads = re.findall(r'^thread (\d+) "([^"]*)" (\w+), CPU time ([\d.]+) s:$', text, re.M)
    assert len(threads) >= 40, text[:2000]  # the shell, 3 servers of 16 workers and more
    names = {name for _, name, _, _ in threads}
    assert {"main", "httpd", "civetweb-worker"} <= names, names
    # A waiting worker's stack goes through the kernel and libc into CivetWeb's code.
    assert re.search(r"futex_wait\+0x[0-9a-f]+\n(.*\n)*?.*pthread_cond_\w*wait\+.*\n"
                     r"(.*\n)*?.*worker_thread\+", text), text[:3000]
    # The thread answering is running, in httpd's own handler.
    assert re.search(r"httpd_serve_threads\+", text), text[:3000]


def test_read_only_refuses_changes(guest):
    for method in ("PUT", "DELETE", "POST", "MKCOL"):
        code, headers, _ = curl("-X", method, "--data-binary", "x", guest.url("/small.txt"))
        assert code == 405 and "GET" in headers.get("allow", ""), (method, code, headers)
    assert open(os.path.join(SHARE, "small.txt"), "rb").read() == SMALL


def test_write_put_and_delete(guest):
    data = random.Random(5).randbytes(300000)
    path = os.path.join(WORK, "upload.bin")
    with open(path, "wb") as file:
        file.write(data)
    code, _, _ = curl("-T", path, guest.url("/upload.bin", 81))
    assert code == 201, code
    code, _, body = curl(guest.url("/upload.bin", 81))
    assert code == 200 and sha256(body) == sha256(data), (code, len(body))
    code, _, _ = curl("-T", path, guest.url("/upload.bin", 81))
    assert code == 200, code
    code, _, _ = curl("-X", "DELETE", guest.url("/upload.bin", 81))
    assert code == 200, code
    code, _, _ = curl(guest.url("/upload.bin", 81))
    assert code == 404, code
    code, _, _ = curl("-X", "DELETE", guest.url("/upload.bin", 81))
    assert code == 404, code
    # A PUT that tries to leave the root lands inside it, or nowhere.
    raw_request(guest, b"PUT /../etc/hostname HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                b"\r\nevil", 81)
    code, _, body = curl(guest.url("/etc/hostname", 82))
    assert code == 200 and body == b"yolk\n", body


# ---- bad input ---------------------------------------------------------------------------

def test_bad_dot_dot_paths_stay_in_the_root(guest):
    """Root is /srv: the guest's /etc/hostname ("yolk") and /etc/passwd are outside it."""
    attempts = [b"/../etc/hostname", b"/../../../../etc/hostname", b"/%2e%2e/etc/hostname",
                b"/%2E%2E/%2E%2E/etc/passwd", b"/..%2fetc%2fhostname", b"/sub/../../etc/passwd",
                b"/sub/%2e%2e/%2e%2e/etc/hostname", b"/./../etc/hostname",
                b"/..\\..\\etc\\hostname", b"/sub/..%5c..%5cetc/passwd", b"/%252e%252e/etc/passwd",
                b"/....//....//etc/passwd", b"/.%2e/etc/hostname", b"/sub/.../etc/passwd",
                b"/%c0%ae%c0%ae/etc/passwd", b"/../srv/../etc/hostname",
                b"/etc/hostname%00.txt", b"//etc/hostname"]
    for path in attempts:
        response = raw_request(guest, b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n"
                               b"Connection: close\r\n\r\n")
        body = response.partition(b"\r\n\r\n")[2]
        assert b"yolk" not in body and b"root:" not in body, (path, response[:400])
        assert status_of(response) in (400, 403, 404, 301, 302), (path, response[:200])
    code, _, body = curl("--path-as-is", guest.url("/sub/../small.txt"))
    assert code == 200 and body == SMALL, (code, body)  # a .. that stays inside is fine
    still_serving(guest)


def test_bad_oversized_headers(guest):
    for request in (b"GET /small.txt HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100000 +
                    b"\r\n\r\n",
                    b"GET /" + b"p" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"GET /small.txt HTTP/1.1\r\n" +
                    b"".join(b"X-H%d: v\r\n" % i for i in range(500)) + b"\r\n",
                    b"GET /small.txt HTTP/1.1\r\n" +
                    b"".join(b"X-H%d: v\r\n" % i for i in range(70)) + b"\r\n"):
        response = raw_request(guest, request)
        assert status_of(response) in (None, 400, 413, 414, 431), (request[:60], response[:200])
    still_serving(guest)


def test_bad_methods_and_request_lines(guest):
    cases = {b"FOO /small.txt HTTP/1.1\r\nHost: x\r\n\r\n": (400, 405, 501),
             b"G\x00T /small.txt HTTP/1.1\r\n\r\n": (None, 400, 405),
             b"GET /small.txt HTTP/9.9\r\n\r\n": (None, 400, 505),
             b"GET /small.txt\r\n\r\n": (None, 400),
             b"GET\r\n\r\n": (None, 400),
             b"/small.txt HTTP/1.1\r\n\r\n": (None, 400),
             b"GET /small.txt HTTP/1.1\r\nNo colon here\r\n\r\n": (None, 400),
             b"PUT /x HTTP/1.1\r\nContent-Length: -5\r\n\r\n": (None, 400, 405, 411),
             b"GET /small.txt HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n":
                 (None, 400, 413)}
    for request, allowed in cases.items():
        response = raw_request(guest, request)
        assert status_of(response) in allowed, (request[:40], response[:200])
    still_serving(guest)


def test_bad_garbage_and_silent_clients(guest):
    generator = random.Random(7)
    silent = [guest.connect() for _ in range(3)]  # connect and never speak
    try:
        for _ in range(40):
            garbage = generator.randbytes(generator.randint(1, 4096))
            if generator.random() < 0.5:
                garbage = b"GET /" + garbage
            response = raw_request(guest, garbage, timeout=12)
            assert status_of(response) != 200, (garbage[:40], response[:200])
        still_serving(guest)
    finally:
        for connection in silent:
            connection.close()
    code, _, body = curl(guest.url("/metrics"))
    assert code == 200 and b"httpd_responses_total" in body
    assert "crash" not in guest.output().lower(), guest.output()[-2000:]


# ---- tap: sizes and concurrency the user network would throttle ---------------------------

def tap_file_100mib_byte_exact(guest):
    path = os.path.join(SHARE, "hundred-mib.bin")
    digest = hashlib.sha256()
    generator = random.Random(100)
    with open(path, "wb") as file:
        for _ in range(100):
            chunk = generator.randbytes(1 << 20)
            digest.update(chunk)
            file.write(chunk)
    try:
        output = os.path.join(WORK, "hundred-mib.out")
        code, headers, _ = curl(guest.url("/hundred-mib.bin"), "-o", output, timeout=300)
        assert code == 200 and headers["content-length"] == str(100 << 20), (code, headers)
        with open(output, "rb") as file:
            got = hashlib.file_digest(file, "sha256").hexdigest()
        assert got == digest.hexdigest(), "the 100 MiB file came back different"
    finally:
        os.unlink(path)
        if os.path.exists(output):
            os.unlink(output)


def tap_50_concurrent_clients(guest):
    """50 connections at once (curl --parallel), each fetching the 1 MiB file."""
    config = os.path.join(WORK, "parallel.curl")
    outputs = [os.path.join(WORK, f"parallel-{i}.out") for i in range(50)]
    with open(config, "w") as file:
        for output in outputs:
            file.write(f'url = "{guest.url("/one-mib.bin")}"\noutput = "{output}"\n')
    result = subprocess.run(["curl", "-sS", "--max-time", "300", "--parallel",
                             "--parallel-max", "50", "--parallel-immediate", "-K", config,
                             "-w", "%{http_code}\n"],
                            capture_output=True, text=True, timeout=320)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200"] * 50, result.stdout
    expected = sha256(FILES["one-mib.bin"])
    for output in outputs:
        with open(output, "rb") as file:
            assert sha256(file.read()) == expected, output
        os.unlink(output)
    still_serving(guest)


def tap_keep_alive_and_metrics_after_load(guest):
    test_keep_alive_1000_requests(guest)
    test_metrics_strict_and_moving(guest)


def set_up_tap():
    for command in (["ip", "link", "set", "lo", "up"],
                    ["ip", "tuntap", "add", TAP, "mode", "tap"],
                    ["ip", "addr", "add", TAP_HOST + "/24", "dev", TAP],
                    ["ip", "link", "set", TAP, "up"]):
        subprocess.run(command, check=True)


def main():
    os.makedirs(WORK, exist_ok=True)
    make_share()
    if MODE == "tap":
        set_up_tap()
    prefix = "tap_" if MODE == "tap" else "test_"
    only = os.environ.get("HTTPD_TESTS", "").split()
    tests = [(name, function) for name, function in globals().items()
             if name.startswith(prefix) and callable(function) and (not only or name in only)]
    passed = failed = 0
    guest = None
    try:
        guest = Guest()
        for name, function in tests:
            started = time.monotonic()
            try:
                function(guest)
                passed += 1
                print(f"PASS {name} ({time.monotonic() - started:.1f} s)", flush=True)
            except Exception as error:  # a test's failure, whatever it was
                failed += 1
                print(f"FAIL {name}: {type(error).__name__}: {error}", flush=True)
    except Exception as error:
        failed += 1
        print(f"FAIL the guest: {type(error).__name__}: {error}", flush=True)
    finally:
        if guest:
            guest.stop()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
