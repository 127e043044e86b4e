# SPDX-License-Identifier: MIT
"""make bench, the network part: Yolk and the Linux VM (bench/linux-vm, with Debian's virtio-net
modules) as servers on a tap device in a network namespace of this script's own (run it under
`unshare -n`; 198.18.0.2 is the guest, 198.18.0.1 the host side), the same QEMU command line for
both (yolk run's, on q35 with virtio-net-pci: the Linux VM's kernel has no virtio-mmio command
line), QEMU pinned to CPU 0 and the load generator to CPU 1, and the host itself on 127.0.0.1
for scale. Per system: one warm-up round discarded, then ROUNDS rounds alternating between the
two guests; each figure is the median. Prints a table and writes it to bench/results/network.md.
Usage: bench/network.py BUILD_DIRECTORY   (environment: BENCH_NET_ROUNDS, default 5)"""
import os
import re
import shlex
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
notes = []


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
    return images, linux


def qemu_command(image, console, arguments):
    """yolk run's QEMU command for IMAGE on the tap device, its console into a file."""
    printed = subprocess.run(
        [YOLK, "run", "--print-qemu-command", "--tty", image, "--machine", "q35", "--mem",
         "256M", "--net", "tap:" + TAP, "--append", f"ip={GUEST}/24 gw={HOST}", "--",
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
    def __init__(self, command, console, ready="BENCH ready"):
        self.console = console
        self.ready = ready
        os.unlink(console) if os.path.exists(console) else None
        open(console, "w").close()
        self.process = subprocess.Popen(["taskset", "-c", "0", *command],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
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
        notes.append(f"wrk against {address}{' (close)' if close else ''}: {errors.group(0)}")
    return float(match.group(1)) if match else None


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


def measure(address, start_http, start_bench, start_httpd=None):
    """start_*() boot a guest's server (None: it is there already); without start_httpd, no
    httpd figure."""
    figures = {}
    server = start_httpd() if start_httpd else None
    try:
        if start_httpd and server.wait_ready() and reachable(address, 80):
            figures["httpd_static"] = wrk(address, False, "/" + STATIC_FILE)
    finally:
        if server:
            server.stop()
    server = start_http()
    try:
        if (server is None or server.wait_ready()) and reachable(address, 80):
            figures["http_keepalive"] = wrk(address, False)
            figures["http_close"] = wrk(address, True)
    finally:
        if server:
            server.stop()
    server = start_bench()
    try:
        if (server is None or server.wait_ready()) and reachable(address, 5001):
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
    serving = "httpd: serving"
    systems = {
        "yolk": (lambda: Server(yolk_http, console), lambda: Server(yolk_bench, console),
                 lambda: Server(yolk_httpd, console, serving)),
        "linux": (lambda: Server(linux_command(yolk_http, linux, "http_server", "80"), console),
                  lambda: Server(linux_command(yolk_bench, linux, "net_bench", "server 5001"),
                                 console),
                  lambda: Server(linux_command(yolk_httpd, linux, "httpd",
                                               " ".join(HTTPD_ARGUMENTS), "initramfs-httpd.cpio"),
                                 console, serving)),
    }
    samples = {system: {key: [] for key, _, _ in METRICS} for system in ("yolk", "linux", "host")}
    for round_number in range(ROUNDS + 1):
        for system, (http, bench, httpd) in systems.items():
            log(f"network: round {round_number} of {ROUNDS} ({'warm-up' if not round_number else 'kept'}), {system}")
            figures = measure(GUEST, http, bench, httpd)
            if round_number:
                for key, value in figures.items():
                    if value is not None:
                        samples[system][key].append(value)
    # The host for scale: the same servers on 127.0.0.1, one round.
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
    if reachable("127.0.0.1", 80):
        figure = wrk("127.0.0.1", False, "/" + STATIC_FILE)
        if figure is not None:
            samples["host"]["httpd_static"].append(figure)
    host_httpd.kill()
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
    os.makedirs("bench/results", exist_ok=True)
    with open("bench/results/network.md", "w") as table:
        table.write(text)
    print(text)


if __name__ == "__main__":
    main()
