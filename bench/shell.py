#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""make bench, the shell's part: ysh (the default image) against the Linux VM's busybox sh on the
same QEMU command line and serial port, driven through a pseudo-terminal as a person would use
them (tests/shell/terminal.py):
  - start to prompt: from starting QEMU to the shell's first prompt on the serial port (ms);
  - cat of a 10 MiB text file to the serial console, as the host's terminal receives it (MB/s;
    once: it takes tens of seconds through QEMU's emulated UART, which writes each byte alone);
    for Yolk also with the VGA screen on (q35, --vga): the console writes both.
The file comes in an initrd (Yolk: yolk run --initrd; Linux: appended to the VM's initramfs,
and busybox sh runs as the kernel's rdinit). Prints "SHELL <name> <value>" lines for
bench/run.sh's table. Usage: bench/shell.py OUT QEMU-COMMAND-FILE VGA-QEMU-COMMAND-FILE
LINUX-VM-DIR RUNS (the command files: what yolk run --print-qemu-command prints for the shell
image, without and with --vga)."""
import os
import shlex
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "shell"))
from terminal import Terminal, Timeout  # noqa: E402

FILE_SIZE = 10 << 20
LINE = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.\n"  # 64 bytes


def make_data(out):
    root = os.path.join(out, "shell-data")
    os.makedirs(os.path.join(root, "data"), exist_ok=True)
    with open(os.path.join(root, "data", "big"), "wb") as big:
        big.write(LINE * (FILE_SIZE // len(LINE)))
    archive = os.path.join(out, "shell-data.cpio")
    with open(archive, "wb") as cpio:
        subprocess.run(["cpio", "-o", "-H", "newc", "-R", "0:0", "--quiet"], cwd=root,
                       input=b"data\ndata/big\n", stdout=cpio, check=True)
    return archive


def guest_command(base, kernel, initrd, append=None):
    """BASE (yolk run --print-qemu-command's words) with the guest swapped (APPEND None: the
    kernel command line BASE has)."""
    if append is None:
        append = base[base.index("-append") + 1]
    command, skip = [], False
    for word in base:
        if skip:
            skip = False
        elif word in ("-kernel", "-initrd", "-append"):
            skip = True
        else:
            command.append(word)
    return command + ["-kernel", kernel, "-initrd", initrd, "-append", append]


def measure(command, prompt, cat_line, log_path):
    """Returns (ms to the first prompt, MB/s of the cat or None when CAT_LINE is None), or
    raises Timeout."""
    start = time.monotonic()
    term = Terminal(command, log_path)
    try:
        term.expect(prompt, 120)
        ready_ms = (time.monotonic() - start) * 1000
        if not cat_line:
            return ready_ms, None
        term.send(cat_line + "\r")
        term.expect(cat_line.encode()[-8:], 20)  # the echo of the command line
        start = time.monotonic()
        received = term.stream_until(prompt.encode(), 300)
        seconds = time.monotonic() - start
        if received < FILE_SIZE:
            raise Timeout("only %d bytes of the file came" % received)
        return ready_ms, FILE_SIZE / seconds / 1e6
    finally:
        term.close()


def median(values):
    values = sorted(values)
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def main():
    out, base_file, vga_file, linux_vm = sys.argv[1:5]
    runs = int(sys.argv[5])
    base = shlex.split(open(base_file).read())
    vga_base = shlex.split(open(vga_file).read())
    data = make_data(out)
    yolk_image = base[base.index("-kernel") + 1]
    systems = {"yolk": (guest_command(base, yolk_image, data), "root@yolk:/root# ",
                        "cat /data/big"),
               "yolk_vga": (guest_command(vga_base, yolk_image, data), "root@yolk:/root# ",
                            "cat /data/big")}
    linux_initrd = os.path.join(out, "shell-linux.cpio")
    try:
        with open(linux_initrd, "wb") as joined:
            for part in (os.path.join(linux_vm, "initramfs.cpio"), data):
                joined.write(open(part, "rb").read())
        systems["linux"] = (guest_command(base, os.path.join(linux_vm, "vmlinuz"), linux_initrd,
                                          "console=ttyS0 quiet panic=-1 rdinit=/bin/sh"),
                            "/ # ", "busybox cat /data/big")
    except OSError as error:
        print("SHELL note the Linux VM is missing: %s" % error)
    for name, (command, prompt, cat_line) in systems.items():
        ready, speed = [], []
        for run in range(runs if name != "yolk_vga" else 1):
            try:
                # The cat takes tens of seconds through an emulated UART: once is enough.
                ms, mbps = measure(command, prompt, cat_line if run == 0 else None,
                                   os.path.join(out, "runs", "shell-%s-%d.log" % (name, run)))
                ready.append(ms)
                if mbps:
                    speed.append(mbps)
            except Timeout as error:
                print("SHELL note %s: %s" % (name, str(error).splitlines()[0]))
        if ready:
            print("SHELL %s_prompt_ms %.0f" % (name, median(ready)))
        if speed:
            print("SHELL %s_cat_serial_mbps %.2f" % (name, speed[0]))


if __name__ == "__main__":
    main()
