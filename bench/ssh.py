# SPDX-License-Identifier: MIT
"""make bench, the ssh part: Yolk's sshd (the default image, libssh + mbedTLS) against Dropbear
(Debian's dropbear-bin, with OpenSSH's sftp-server for scp, in the Linux VM of bench/linux-vm)
on the tap device of bench/network.py (run under `unshare -n`), the same QEMU command line,
QEMU on CPU 0 and the same OpenSSH client on CPU 1. Both servers speak the same algorithms to
it (curve25519-sha256, an Ed25519 host key, chacha20-poly1305), so the figures compare the
servers and the systems under them: a login that runs `true` (session set-up: TCP connect, key
exchange, public-key login, exec, close; the median of 10) and scp (SFTP) of 32 MiB each way.
Per system: one warm-up boot discarded, then ROUNDS boots; each figure is the median. Prints
a table and writes it to bench/results/ssh.md.
Usage: bench/ssh.py BUILD_DIRECTORY   (environment: BENCH_SSH_ROUNDS, default 3)"""
import os
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import network  # noqa: E402  (the tap device, the QEMU command lines, the servers)

OUT = sys.argv[1]
ROUNDS = int(os.environ.get("BENCH_SSH_ROUNDS", "3"))
WORK = os.path.join(OUT, "ssh")
GUEST = network.GUEST
LOGINS = 10
COPY_BYTES = 32 * 1024 * 1024
IMAGE = "build/images/shell.elf"
notes = []


def log(text):
    print(f"bench: {text}", file=sys.stderr, flush=True)


def cpio(root, archive):
    with open(archive, "wb") as output:
        files = subprocess.run(["find", ".", "-mindepth", "1"], cwd=root, check=True,
                               capture_output=True, text=True).stdout
        subprocess.run(["cpio", "-o", "-H", "newc", "-R", "0:0", "--quiet"], cwd=root,
                       input="\n".join(sorted(files.split())) + "\n", text=True, stdout=output,
                       check=True)


def copy_with_libraries(program, root, target):
    """PROGRAM at TARGET in ROOT, with the shared libraries ldd says it needs."""
    os.makedirs(os.path.dirname(root + target), exist_ok=True)
    shutil.copy(program, root + target)
    for line in subprocess.run(["ldd", program], check=True, capture_output=True,
                               text=True).stdout.splitlines():
        words = line.split()
        library = words[2] if "=>" in words and len(words) > 2 else words[0]
        if library.startswith("/"):
            os.makedirs(os.path.dirname(root + library), exist_ok=True)
            shutil.copy(library, root + library)


def make_keys():
    for name in ("client", "host"):
        key = os.path.join(WORK, name)
        if not os.path.exists(key):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key],
                           check=True)


def yolk_initrd():
    """/root/.ssh/authorized_keys and /etc/ssh's host key for the Yolk image."""
    root = os.path.join(WORK, "yolk-root")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root + "/root/.ssh")
    os.makedirs(root + "/etc/ssh")
    shutil.copy(os.path.join(WORK, "client.pub"), root + "/root/.ssh/authorized_keys")
    shutil.copy(os.path.join(WORK, "host"), root + "/etc/ssh/ssh_host_ed25519_key")
    archive = os.path.join(WORK, "yolk-keys.cpio")
    cpio(root, archive)
    return archive


def dropbear_initrd(linux):
    """The Linux VM's initramfs with the virtio-net modules, Dropbear and sftp-server."""
    root = os.path.join(WORK, "dropbear-root")
    shutil.rmtree(root, ignore_errors=True)
    copy_with_libraries("/usr/sbin/dropbear", root, "/bin/dropbear")
    copy_with_libraries("/usr/lib/openssh/sftp-server", root, "/usr/lib/sftp-server")
    os.makedirs(root + "/root/.ssh", mode=0o700)
    os.makedirs(root + "/etc/dropbear")
    os.makedirs(root + "/bench")
    shutil.copy(os.path.join(WORK, "client.pub"), root + "/root/.ssh/authorized_keys")
    os.chmod(root + "/root", 0o700)
    subprocess.run(["dropbearconvert", "openssh", "dropbear", os.path.join(WORK, "host"),
                    root + "/etc/dropbear/dropbear_ed25519_host_key"], check=True,
                   capture_output=True)
    with open(root + "/etc/passwd", "w") as passwd:
        passwd.write("root:x:0:0:root:/root:/bin/sh\n")
    with open(root + "/etc/shells", "w") as shells:
        shells.write("/bin/sh\n")
    with open(root + "/bench/dropbear", "w") as script:
        script.write("#!/bin/sh\nmkdir -p /dev/pts && mount -t devpts devpts /dev/pts\n"
                     "dropbear -F -E -p 22 -r /etc/dropbear/dropbear_ed25519_host_key &\n"
                     "sleep 1\necho 'BENCH ready'\nwait\n")
    os.chmod(root + "/bench/dropbear", 0o755)
    archive = os.path.join(WORK, "dropbear.cpio")
    cpio(root, archive)
    joined = os.path.join(WORK, "initramfs-dropbear.cpio")
    with open(joined, "wb") as output:
        for part in (os.path.join(linux, "initramfs.cpio"), os.path.join(linux, "modules-net.cpio"),
                     archive):
            with open(part, "rb") as piece:
                output.write(piece.read())
    return joined


def client_options():
    return ["-F", "/dev/null", "-i", os.path.join(WORK, "client"), "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=30"]


def timed(command):
    started = time.monotonic()
    result = subprocess.run(["taskset", "-c", "1", *command], capture_output=True, timeout=300)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        notes.append(f"{' '.join(command[:2])}...: status {result.returncode}: "
                     f"{result.stderr.decode(errors='replace').strip()[-200:]}")
        return None
    return elapsed


def measure(address):
    figures = {}
    ssh = ["ssh", *client_options(), f"root@{address}"]
    logins = [timed([*ssh, "true"]) for _ in range(LOGINS)]
    logins = [seconds for seconds in logins if seconds is not None]
    if logins:
        figures["setup"] = statistics.median(logins) * 1000
    scp = ["scp", *client_options()]
    source = os.path.join(WORK, "copy.bin")
    up = timed([*scp, source, f"root@{address}:/tmp/copy.bin"])
    if up:
        figures["scp_up"] = COPY_BYTES / up / 1e6
    down = timed([*scp, f"root@{address}:/tmp/copy.bin", os.path.join(WORK, "back.bin")])
    if down:
        figures["scp_down"] = COPY_BYTES / down / 1e6
        with open(source, "rb") as one, open(os.path.join(WORK, "back.bin"), "rb") as other:
            if one.read() != other.read():
                notes.append(f"scp from {address}: the copy differs")
    return figures


METRICS = [
    ("setup", "ssh session set-up: connect, login, exec `true`, close (ms, median of 10)", False),
    ("scp_up", "scp of 32 MiB to the guest's /tmp (MB/s)", True),
    ("scp_down", "scp of 32 MiB from the guest (MB/s)", True),
]


def main():
    network.set_up_tap()
    os.makedirs(WORK, exist_ok=True)
    linux = os.path.join(OUT, "linux-vm")
    subprocess.run(["bench/linux-vm/build.sh", linux], check=True, stdout=subprocess.DEVNULL)
    make_keys()
    with open(os.path.join(WORK, "copy.bin"), "wb") as data:
        data.write(os.urandom(COPY_BYTES))
    console = os.path.join(WORK, "console.txt")
    yolk_words = network.qemu_command(IMAGE, console, ["-c", "sshd"])
    yolk_words += ["-initrd", yolk_initrd()]
    linux_words = network.linux_command(yolk_words[:-2], linux, "dropbear", "")
    linux_words[linux_words.index("-initrd") + 1] = dropbear_initrd(linux)
    systems = {"yolk": yolk_words, "linux": linux_words}
    samples = {system: {key: [] for key, _, _ in METRICS} for system in systems}
    for round_number in range(ROUNDS + 1):
        for system, words in systems.items():
            log(f"ssh: round {round_number} of {ROUNDS} "
                f"({'warm-up' if not round_number else 'kept'}), {system}")
            server = network.Server(words, console)
            try:
                ready = wait_ready(console, server) and network.reachable(GUEST, 22)
                figures = measure(GUEST) if ready else {}
            finally:
                server.stop()
            if not ready:
                notes.append(f"{system}: the server never came up")
            if round_number:
                for key, value in figures.items():
                    samples[system][key].append(value)
    print_table(samples)


def wait_ready(console, server, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open(console, errors="replace") as text:
            output = text.read()
        if "BENCH ready" in output or "sshd: listening on port 22" in output:
            return True
        if server.process.poll() is not None:
            return False
        time.sleep(0.1)
    return False


def print_table(samples):
    lines = ["| metric | Yolk (sshd) | Linux VM (Dropbear) | ratio |", "|---|---:|---:|---|"]
    for key, title, higher_better in METRICS:
        medians = {system: statistics.median(values[key]) if values[key] else None
                   for system, values in samples.items()}
        yolk, linux = medians["yolk"], medians["linux"]
        ratio = "–"
        if yolk and linux:
            better = yolk / linux if higher_better else linux / yolk
            ratio = f"Yolk {better:.2f}× Linux" if better >= 1 else f"Linux {1 / better:.2f}× Yolk"
        cells = [f"{value:.1f}" if value is not None else "n/a" for value in (yolk, linux)]
        lines.append(f"| {title} | {cells[0]} | {cells[1]} | {ratio} |")
    text = "\n".join(lines) + "\n"
    if notes:
        text += "\n" + "\n".join("- " + note for note in notes) + "\n"
    text += (f"\nOpenSSH 9.2's client on CPU 1, the guest's QEMU on CPU 0; tap device in a private "
             f"network namespace, q35, 256 MiB, 1 CPU; medians of {ROUNDS} boots after a "
             f"warm-up.\n")
    os.makedirs("bench/results", exist_ok=True)
    with open("bench/results/ssh.md", "w") as table:
        table.write(text)
    print(text)


if __name__ == "__main__":
    main()
