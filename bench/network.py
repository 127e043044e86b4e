# SPDX-License-Identifier: MIT
"""make bench, the network part: Yolk and the Linux VM (bench/linux-vm, with Debian's virtio-net
modules) as servers on a tap device in a network namespace of this script's own (run it under
`unshare -n`; 198.18.0.2 is the guest, 198.18.0.1 the host side), the same QEMU command line for
both (yolk run's, on q35 with virtio-net-pci: the Linux VM's kernel has no virtio-mmio command
line), QEMU pinned to CPU 0 and the load generator to CPU 1, and the host itself on 127.0.0.1
for scale. The servers: bench/programs' http_server and net_bench, httpd (CivetWeb), and nginx
1.22 and redis 7.0 from Debian's sources (the programs `make examples` builds with `yolk cc`:
its Yolk image, and for the Linux VM and the host the static musl program its link wrote beside
it; nginx's files, the 612-byte page, in an initrd on both guests). Per system: one warm-up
round discarded, then ROUNDS rounds alternating between the two guests; each figure is the
median. Prints a table and writes it to bench/results/network.md.
Usage: bench/network.py BUILD_DIRECTORY   (environment: BENCH_NET_ROUNDS, default 5;
BENCH_NET_ONLY, e.g. "nginx redis": only those servers of http, bench, httpd, nginx, redis)"""
import os
import re
import shlex
import shutil
import socket
import signal
import statistics
import subprocess
import sys
import time

OUT = sys.argv[1]
ROUNDS = int(os.environ.get("BENCH_NET_ROUNDS", "5"))
YOLK = "tools/yolk"
TAP, HOST, GUEST = "tap0", "198.18.0.1", "198.18.0.2"
WRK_SECONDS = 4
WORK = os.path.join(OUT, "network")
CIVETWEB = os.path.join(os.path.dirname(os.path.abspath(OUT)), "third_party", "civetweb")
HTTPD_SOURCES = ["examples/httpd/httpd.c"] + sorted(
    os.path.join("apps/httpd", name) for name in os.listdir("apps/httpd") if name.endswith(".c"))
HTTPD_ARGUMENTS = ["-p", "80", "-r", "/srv", "-t", "32"]
STATIC_FILE = "file-4k.bin"
BUILD = os.path.dirname(os.path.abspath(OUT))
NGINX_IMAGE = os.path.join(BUILD, "images", "nginx.elf")
NGINX_ROOT = os.path.join(BUILD, "images", "nginx")
NGINX_PROGRAM = os.path.join(BUILD, "third_party", "nginx", "source", "objs", "nginx")
# nginx logs to its files as in the tests, and also to the console, where its start is seen.
NGINX_READY = 'using the "epoll" event method'
REDIS_IMAGE = os.path.join(BUILD, "images", "redis.elf")
REDIS_PROGRAM = os.path.join(BUILD, "third_party", "redis", "source", "src", "redis-server")
REDIS_ARGUMENTS = ["--port", "6379", "--save", "", "--appendonly", "no", "--protected-mode", "no"]
REDIS_READY = "Ready to accept connections"
SERVERS = ("http", "bench", "httpd", "nginx", "redis")
ONLY = set(os.environ.get("BENCH_NET_ONLY", " ".join(SERVERS)).split())
notes = []
measuring = {"system": "host"}  # whose figures a note is about


def log(text):
    print(f"bench: {text}", file=sys.stderr, flush=True)


def run(command, **options):
    return subprocess.run(command, check=True, **options)


def build():
    os.makedirs(WORK, exist_ok=True)
    images = {}
    for program in ("http_server", "net_bench"):
        image = os.path.join(WORK, program + ".elf")
        run([YOLK, "build", "-o", image, f"bench/programs/{program}.c"])
        images[program] = image
    linux = os.path.join(OUT, "linux-vm")
    run(["bench/linux-vm/build.sh", linux], stdout=subprocess.DEVNULL)
    with open(os.path.join(WORK, "initramfs-net.cpio"), "wb") as joined:
        for part in ("initramfs.cpio", "modules-net.cpio"):
            with open(os.path.join(linux, part), "rb") as piece:
                joined.write(piece.read())
    for program in ("http_server", "net_bench"):
        run(["musl-gcc", "-static", "-O2", "-o", os.path.join(WORK, program),
             f"bench/programs/{program}.c"])
    # httpd: the file it serves in /srv of each root, the program for each system.
    root = os.path.join(WORK, "httpd-root")
    os.makedirs(os.path.join(root, "srv"), exist_ok=True)
    os.makedirs(os.path.join(root, "bench"), exist_ok=True)
    with open(os.path.join(root, "srv", STATIC_FILE), "wb") as file:
        file.write(bytes(range(256)) * 16)
    flags = ["-D_GNU_SOURCE", "-O2", "-I" + os.path.join(CIVETWEB, "source", "include")]
    images["httpd"] = os.path.join(WORK, "httpd.elf")
    run([YOLK, "build", "--fs", root, "-o", images["httpd"], *flags, *HTTPD_SOURCES,
         os.path.join(CIVETWEB, "civetweb.o")])
    run(["musl-gcc", "-static", *flags, "-o", os.path.join(root, "bench", "httpd"),
         *HTTPD_SOURCES, os.path.join(CIVETWEB, "civetweb.o")])
    with open(os.path.join(WORK, "httpd.cpio"), "wb") as archive:
        names = subprocess.run(["find", "srv", "bench"], cwd=root, check=True,
                               capture_output=True).stdout
        run(["cpio", "-o", "-H", "newc", "-R", "0:0", "--quiet"], cwd=root, input=names,
            stdout=archive)
    with open(os.path.join(WORK, "initramfs-httpd.cpio"), "wb") as joined:
        for part in (os.path.join(WORK, "initramfs-net.cpio"), os.path.join(WORK, "httpd.cpio")):
            with open(part, "rb") as piece:
                joined.write(piece.read())
    build_nginx_and_redis()
    return images, linux


def cpio(root, names, output):
    with open(output, "wb") as archive:
        listing = subprocess.run(["find", *names], cwd=root, check=True,
                                 capture_output=True).stdout
        run(["cpio", "-o", "-H", "newc", "-R", "0:0", "--quiet"], cwd=root, input=listing,
            stdout=archive)


def build_nginx_and_redis():
    """nginx's prefix (/nginx: make examples' build/images/nginx, its log also on stderr) in
    nginx.cpio, Yolk's initrd; for the Linux VM, the initramfs with that, the two programs in
    /bench and the /etc/passwd and /etc/group nginx looks its default user up in."""
    root = os.path.join(WORK, "nginx-root")
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(NGINX_ROOT, os.path.join(root, "nginx"))
    configuration = os.path.join(root, "nginx", "conf", "nginx.conf")
    with open(configuration) as file:
        text = file.read()
    with open(configuration, "w") as file:
        file.write(text.replace("error_log logs/error.log info;\n",
                                "error_log logs/error.log info;\nerror_log stderr notice;\n"))
    for name in os.listdir(os.path.join(root, "nginx", "logs")):
        os.unlink(os.path.join(root, "nginx", "logs", name))
    cpio(root, ["nginx"], os.path.join(WORK, "nginx.cpio"))
    os.makedirs(os.path.join(root, "bench"))
    shutil.copy(NGINX_PROGRAM, os.path.join(root, "bench", "nginx"))
    shutil.copy(REDIS_PROGRAM, os.path.join(root, "bench", "redis-server"))
    # The Linux VM's init takes the arguments from the kernel's command line, which cannot hold
    # redis's empty --save "": the same settings as a configuration file.
    with open(os.path.join(root, "bench", "redis.conf"), "w") as file:
        file.write("".join(f"{REDIS_ARGUMENTS[i][2:]} {REDIS_ARGUMENTS[i + 1] or chr(34) * 2}\n"
                           for i in range(0, len(REDIS_ARGUMENTS), 2)))
    os.makedirs(os.path.join(root, "etc"))
    with open(os.path.join(root, "etc", "passwd"), "w") as file:
        file.write("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n")
    with open(os.path.join(root, "etc", "group"), "w") as file:
        file.write("root:x:0:\nnogroup:x:65534:\n")
    cpio(root, ["nginx", "bench", "etc"], os.path.join(WORK, "programs.cpio"))
    with open(os.path.join(WORK, "initramfs-programs.cpio"), "wb") as joined:
        for part in ("initramfs-net.cpio", "programs.cpio"):
            with open(os.path.join(WORK, part), "rb") as piece:
                joined.write(piece.read())


def qemu_command(image, console, arguments, options=()):
    """yolk run's QEMU command for IMAGE on the tap device, its console into a file; OPTIONS
    are more of yolk run's."""
    printed = subprocess.run(
        [YOLK, "run", "--print-qemu-command", "--tty", image, "--machine", "q35", "--mem",
         "256M", "--net", "tap:" + TAP, "--append", f"ip={GUEST}/24 gw={HOST}", *options, "--",
         *arguments],
        check=True, capture_output=True, text=True).stdout
    words = shlex.split(printed)
    result = []
    skip = False
    for index, word in enumerate(words):
        if skip:
            skip = False
            continue
        if word.startswith("stdio,id=console"):
            result.append(f"file,id=console,path={console}")
        elif word == "-mon":
            skip = True
        else:
            result.append(word)
    return result


def linux_command(yolk_words, linux, program, arguments, initramfs="initramfs-net.cpio"):
    """The same command with the Linux VM as the guest."""
    words = list(yolk_words)
    kernel = words.index("-kernel")
    words[kernel + 1] = os.path.join(linux, "vmlinuz")
    append = words.index("-append")
    words[append + 1] = (f"console=ttyS0 quiet panic=-1 bench={program} net={GUEST}/24 "
                         f"gw={HOST} -- {arguments}")
    return words + ["-initrd", os.path.join(WORK, initramfs)]


class Server:
    """COMMAND on CPU 0: QEMU with its console in the file CONSOLE, or (output=True) a program
    on the host, its output written there."""

    def __init__(self, command, console, ready="BENCH ready", output=False):
        self.console = console
        self.ready = ready
        os.unlink(console) if os.path.exists(console) else None
        open(console, "w").close()
        with open(console, "wb") if output else open(os.devnull, "wb") as sink:
            self.process = subprocess.Popen(["taskset", "-c", "0", *command],
                                            stdin=subprocess.DEVNULL, stdout=sink,
                                            stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(self.console, errors="replace") as console:
                if self.ready in console.read():
                    return True
            if self.process.poll() is not None:
                return False
            time.sleep(0.05)
        return False

    def stop(self):
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()


def load(command):
    result = subprocess.run(["taskset", "-c", "1", *command], capture_output=True, text=True,
                            timeout=120)
    return result.stdout + result.stderr


def wrk(address, close, path="/"):
    extra = ["-H", "Connection: close"] if close else []
    output = load(["wrk", "-t1", "-c32", f"-d{WRK_SECONDS}s", *extra, f"http://{address}:80{path}"])
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", output)
    if errors:
        notes.append(f"wrk against {measuring['system']} ({address}{path}"
                     f"{', close' if close else ''}): {errors.group(0)}")
    return float(match.group(1)) if match else None


def redis_benchmark(address):
    """GET and SET, 16 commands in each request (-P 16), redis-benchmark's 50 clients."""
    output = load(["redis-benchmark", "-h", address, "-p", "6379", "-q", "-t", "set,get", "-P",
                   "16", "-n", "100000"]).replace("\r", "\n")
    figures = {}
    for command in ("SET", "GET"):
        match = re.search(rf"^{command}: ([\d.]+) requests per second", output, re.M)
        if match:
            figures["redis_" + command.lower()] = float(match.group(1))
        else:
            notes.append(f"redis-benchmark {command} against {measuring['system']} ({address}): {output.strip()[-200:]}")
    return figures


def net_bench(address, mode, count):
    output = load([os.path.join(WORK, "net_bench"), mode, address, "5001", str(count)])
    match = re.search(r"BENCH \S+ ([\d.]+)", output)
    if not match:
        notes.append(f"net_bench {mode} against {address}: {output.strip()[-200:]}")
    return float(match.group(1)) if match else None


METRICS = [
    ("http_keepalive", "HTTP keep-alive, wrk -c32 (requests/s)", True),
    ("http_close", "HTTP Connection: close, wrk -c32 (requests/s)", True),
    ("httpd_static", "httpd (CivetWeb), a 4 KiB file, keep-alive, wrk -c32 (requests/s)", True),
    ("nginx_keepalive", "nginx 1.22, the 612-byte page, keep-alive, wrk -c32 (requests/s)", True),
    ("nginx_close", "nginx 1.22, the 612-byte page, Connection: close, wrk -c32 (requests/s)", True),
    ("redis_get", "redis 7.0 GET, redis-benchmark -P 16 -c 50 (requests/s)", True),
    ("redis_set", "redis 7.0 SET, redis-benchmark -P 16 -c 50 (requests/s)", True),
    ("tcp_send", "TCP bulk, host to guest (MiB/s)", True),
    ("tcp_receive", "TCP bulk, guest to host (MiB/s)", True),
    ("tcp_connect", "TCP connect+close (connections/s)", True),
    ("udp_round_trip", "UDP request/response (µs, median)", False),
]


def reachable(address, port, timeout=20):
    """True once a TCP connection to the server works (the host's neighbour entry for the
    address may still say unreachable from the previous guest's exit: retried)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection((address, port), timeout=2).close()
            return True
        except OSError:
            subprocess.run(["ip", "neigh", "flush", "dev", TAP], stderr=subprocess.DEVNULL)
            time.sleep(0.2)
    notes.append(f"{address}:{port} never answered a connection")
    return False


def measure(address, start_http, start_bench, start_httpd=None, start_nginx=None,
            start_redis=None):
    """start_*() boot a guest's server (None: it is there already); without start_httpd,
    start_nginx or start_redis, no figure of that server. BENCH_NET_ONLY leaves servers out."""
    figures = {}
    for name, start, port, take in (
            ("httpd", start_httpd, 80,
             lambda: figures.update(httpd_static=wrk(address, False, "/" + STATIC_FILE))),
            ("nginx", start_nginx, 80,
             lambda: figures.update(nginx_keepalive=wrk(address, False),
                                    nginx_close=wrk(address, True))),
            ("redis", start_redis, 6379, lambda: figures.update(redis_benchmark(address)))):
        if not start or name not in ONLY:
            continue
        server = start()
        try:
            if (server is None or server.wait_ready()) and reachable(address, port):
                take()
        finally:
            if server:
                server.stop()
    wanted = "http" in ONLY and start_http
    server = start_http() if wanted else None
    try:
        if wanted and (server is None or server.wait_ready()) and reachable(address, 80):
            figures["http_keepalive"] = wrk(address, False)
            figures["http_close"] = wrk(address, True)
    finally:
        if server:
            server.stop()
    wanted = "bench" in ONLY and start_bench
    server = start_bench() if wanted else None
    try:
        if wanted and (server is None or server.wait_ready()) and reachable(address, 5001):
            figures["tcp_send"] = net_bench(address, "send", 200)
            figures["tcp_receive"] = net_bench(address, "receive", 200)
            figures["tcp_connect"] = net_bench(address, "connect", 2000)
            figures["udp_round_trip"] = net_bench(address, "udp", 2000)
    finally:
        if server:
            server.stop()
    return figures


def set_up_tap():
    for command in (["ip", "link", "set", "lo", "up"], ["ip", "tuntap", "add", TAP, "mode", "tap"],
                    ["ip", "addr", "add", HOST + "/24", "dev", TAP], ["ip", "link", "set", TAP, "up"]):
        run(command)


def main():
    set_up_tap()
    images, linux = build()
    console = os.path.join(WORK, "console.txt")
    yolk_http = qemu_command(images["http_server"], console, ["80"])
    yolk_bench = qemu_command(images["net_bench"], console, ["server", "5001"])
    yolk_httpd = qemu_command(images["httpd"], console, HTTPD_ARGUMENTS)
    yolk_nginx = qemu_command(NGINX_IMAGE, console, [],
                              ["--initrd", os.path.join(WORK, "nginx.cpio")])
    yolk_redis = qemu_command(REDIS_IMAGE, console, REDIS_ARGUMENTS)
    serving = "httpd: serving"
    programs = "initramfs-programs.cpio"
    systems = {
        "yolk": (lambda: Server(yolk_http, console), lambda: Server(yolk_bench, console),
                 lambda: Server(yolk_httpd, console, serving),
                 lambda: Server(yolk_nginx, console, NGINX_READY),
                 lambda: Server(yolk_redis, console, REDIS_READY)),
        "linux": (lambda: Server(linux_command(yolk_http, linux, "http_server", "80"), console),
                  lambda: Server(linux_command(yolk_bench, linux, "net_bench", "server 5001"),
                                 console),
                  lambda: Server(linux_command(yolk_httpd, linux, "httpd",
                                               " ".join(HTTPD_ARGUMENTS), "initramfs-httpd.cpio"),
                                 console, serving),
                  lambda: Server(linux_command(yolk_nginx, linux, "nginx", "", programs),
                                 console, NGINX_READY),
                  lambda: Server(linux_command(yolk_redis, linux, "redis-server",
                                               "/bench/redis.conf", programs),
                                 console, REDIS_READY)),
    }
    samples = {system: {key: [] for key, _, _ in METRICS} for system in ("yolk", "linux", "host")}
    for round_number in range(ROUNDS + 1):
        for system, (http, bench, httpd, nginx, redis) in systems.items():
            log(f"network: round {round_number} of {ROUNDS} ({'warm-up' if not round_number else 'kept'}), {system}")
            measuring["system"] = system
            figures = measure(GUEST, http, bench, httpd, nginx, redis)
            if round_number:
                for key, value in figures.items():
                    if value is not None:
                        samples[system][key].append(value)
    # The host for scale: the same servers on 127.0.0.1, one round.
    measuring["system"] = "host"
    host_http = subprocess.Popen(["taskset", "-c", "0", os.path.join(WORK, "http_server"), "80"],
                                 stdout=subprocess.DEVNULL)
    host_bench = subprocess.Popen(["taskset", "-c", "0", os.path.join(WORK, "net_bench"), "server",
                                   "5001"], stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    for key, value in measure("127.0.0.1", lambda: None, lambda: None).items():
        if value is not None:
            samples["host"][key].append(value)
    host_http.kill()
    host_bench.kill()
    # httpd on the host, alone on port 80 (the other server has gone).
    time.sleep(0.5)
    host_httpd = subprocess.Popen(["taskset", "-c", "0", os.path.join(WORK, "httpd-root", "bench",
                                   "httpd"), "-p", "80", "-r", os.path.join(WORK, "httpd-root", "srv"),
                                   "-t", "32"], stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    if "httpd" in ONLY and reachable("127.0.0.1", 80):
        figure = wrk("127.0.0.1", False, "/" + STATIC_FILE)
        if figure is not None:
            samples["host"]["httpd_static"].append(figure)
    host_httpd.kill()
    host_httpd.wait()
    # nginx and redis on the host, their static musl programs (nginx's prefix: its copy in WORK).
    def host_server(command, ready):
        return lambda: Server(command, os.path.join(WORK, "host.txt"), ready, output=True)
    host = measure("127.0.0.1", None, None, None,
                   host_server([NGINX_PROGRAM, "-p", os.path.join(WORK, "nginx-root", "nginx") + "/"],
                               NGINX_READY),
                   host_server([REDIS_PROGRAM, *REDIS_ARGUMENTS], REDIS_READY))
    for key, value in host.items():
        if value is not None:
            samples["host"][key].append(value)
    lines = ["| metric | Yolk | Linux VM | host (127.0.0.1) | ratio |", "|---|---:|---:|---:|---|"]
    for key, title, higher_better in METRICS:
        medians = {system: statistics.median(samples[system][key]) if samples[system][key] else None
                   for system in samples}
        yolk, linux_figure = medians["yolk"], medians["linux"]
        ratio = "–"
        if yolk and linux_figure:
            better = yolk / linux_figure if higher_better else linux_figure / yolk
            ratio = f"Yolk {better:.2f}× Linux" if better >= 1 else f"Linux {1 / better:.2f}× Yolk"
        cells = [f"{value:.1f}" if value is not None else "n/a" for value in
                 (yolk, linux_figure, medians["host"])]
        lines.append(f"| {title} | {cells[0]} | {cells[1]} | {cells[2]} | {ratio} |")
    text = "\n".join(lines) + "\n"
    if notes:
        text += "\n" + "\n".join("- " + note for note in notes) + "\n"
    text += (f"\nTap device in a private network namespace, q35, 256 MiB, 1 CPU, TCG; medians of "
             f"{ROUNDS} rounds after a warm-up, QEMU on CPU 0 and the load on CPU 1.\n")
    # A partial run (BENCH_NET_ONLY) leaves the full table in bench/results as it was.
    results = "bench/results" if ONLY >= set(SERVERS) else WORK
    os.makedirs(results, exist_ok=True)
    with open(os.path.join(results, "network.md"), "w") as table:
        table.write(text)
    print(text)


if __name__ == "__main__":
    main()
