# SPDX-License-Identifier: MIT
"""The shell's tests: ysh (build/images/shell.elf) booted in QEMU on a pseudo-terminal and
typed at like a person would, through the serial console, and the network commands in a
session with a NIC (network_session.py). Prints PASS/FAIL per test and "N passed, N failed".
Usage: test_shell.py YOLK IMAGE WORK_DIRECTORY"""
import os
import subprocess
import sys
import time

from monitor import Monitor
from network_session import run_network_tests
from terminal import Terminal, Timeout
from ysh import prompt, run, run_tests

BIG_FILE_SIZE = 1 << 20


# ---- tests on one shared session -----------------------------------------------------------

def test_prompt_and_banner(term):
    term.expect(r"ysh, the Yolk shell")
    prompt(term)


def test_line_editing_keys(term):
    left, end = "\x1b[D", "\x1b[F"
    # Arrows insert in the middle, ^W erases a word, backspace a character.
    term.send("echo wrld" + left * 3 + "o" + end + " foo bar\x17baz\x7f\r")
    term.expect(r"\nworld foo ba\n")
    prompt(term)
    # ^A (typed twice: QEMU's console takes one ^A as its own escape key), right arrow, ^K.
    term.send("echo one two\x01\x01" + "\x1b[C" * 8 + "\x0b\r")
    term.expect(r"\none\n")
    prompt(term)
    run(term, "xyz\x15echo cleared", r"\ncleared\n")


def test_history_recall(term):
    run(term, "echo first-line", r"\nfirst-line\n")
    run(term, "echo second-line", r"\nsecond-line\n")
    term.send("\x1b[A\x1b[A\r")  # up twice: the first line again
    term.expect(r"\nfirst-line\n")
    prompt(term)
    run(term, "history", r"echo second-line")


def test_tab_completion(term):
    term.send("cat /proc/me\t")
    term.expect(r"meminfo ")
    term.send("\r")
    term.expect(r"MemTotal:")
    prompt(term)
    term.send("ls /proc/m\t\t")  # two candidates: the second tab lists them
    term.expect(r"meminfo\s+mounts")
    term.send("\x15\r")
    prompt(term)


def test_quoting_variables_and_status(term):
    run(term, "echo 'a  $HOME' \"b $HOME\" c\\ d", r"\na  \$HOME b /root c d\n")
    run(term, "false; echo status=$?", r"status=1\n")
    run(term, "nosuchcommand", r"ysh: nosuchcommand: command not found")
    run(term, "echo status=$?", r"status=127\n")
    run(term, "true && echo and-ran || echo or-ran", r"\nand-ran\n")
    run(term, "export GREETING=hi; echo $GREETING-there", r"\nhi-there\n")


def test_pipeline_of_commands(term):
    run(term, "ls /proc | grep mem | wc -l", r"\n\s*1\n")


def test_redirections(term):
    run(term, "echo one > /tmp/r; echo two >> /tmp/r; cat < /tmp/r", r"\none\ntwo\n")
    run(term, "nosuch 2> /tmp/e; cat /tmp/e", r"\nysh: nosuch: command not found\n")
    run(term, "cat /nonexistent > /tmp/o 2>&1; cat /tmp/o", r"nonexistent")


def test_background_jobs(term):
    run(term, "sleep 100 &", r"\[1\] sleep 100")
    run(term, "jobs", r"\[1\]\+ Running\s+sleep 100 &")
    run(term, "kill %1; wait; echo waited", r"\nwaited\n")


def test_ctrl_c_interrupts_the_foreground_command(term):
    term.send("sleep 100\r")
    time.sleep(1.0)  # the command has started (its thread is in nanosleep)
    start = time.monotonic()
    term.send("\x03")
    prompt(term, 10)
    latency_ms = (time.monotonic() - start) * 1000
    run(term, "echo status=$?", r"status=130\n")
    print("  Ctrl-C to prompt: %.0f ms (TCG, through the serial port)" % latency_ms)


def test_big_file_through_a_pipe(term):
    run(term, "cat /data/big | wc -c", r"\n\s*%d\n" % BIG_FILE_SIZE, timeout=60)


def test_ten_thousand_character_line(term):
    term.send("echo " + "x" * 10000 + "\r")
    term.expect(r"\n" + "x" * 10000 + r"\n", timeout=60)
    prompt(term)
    run(term, "echo still-alive", r"\nstill-alive\n")


def test_scripts_and_help(term):
    run(term, "echo 'echo from script $1 $#' > /tmp/s.sh; sh /tmp/s.sh arg",
        r"\nfrom script arg 1\n")
    run(term, "ls --help", r"usage: ls")
    run(term, "ls -Z; echo status=$?", r"status=2\n")


def test_reboot_boots_again(term):
    term.send("reboot\r")
    term.expect(r"ysh, the Yolk shell", 60)
    prompt(term)
    # A new ramfs: the history file has only the line that reads it.
    run(term, "wc -l < /root/.history", r"\n\s*1\n")


SESSION_TESTS = [
    test_prompt_and_banner,
    test_line_editing_keys,
    test_history_recall,
    test_tab_completion,
    test_quoting_variables_and_status,
    test_pipeline_of_commands,
    test_redirections,
    test_background_jobs,
    test_ctrl_c_interrupts_the_foreground_command,
    test_big_file_through_a_pipe,
    test_ten_thousand_character_line,
    test_scripts_and_help,
    test_reboot_boots_again,
]


def make_initrd(work):
    """A cpio archive with /data/big (1 MiB of random bytes) for the pipe test."""
    data = os.path.join(work, "initrd", "data")
    os.makedirs(data, exist_ok=True)
    with open(os.path.join(data, "big"), "wb") as big:
        big.write(os.urandom(BIG_FILE_SIZE))
    archive = os.path.join(work, "initrd.cpio")
    names = subprocess.run(["find", "data"], cwd=os.path.join(work, "initrd"),
                           capture_output=True, check=True).stdout
    with open(archive, "wb") as out:
        subprocess.run(["cpio", "--quiet", "-o", "-H", "newc"], input=names, stdout=out,
                       cwd=os.path.join(work, "initrd"), check=True)
    return archive


def test_commands_script(yolk, image, work):
    """commands.ysh, run as a script by `ysh FILE`, prints commands.expected."""
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.join(work, "script-root")
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(here, "commands.ysh"), "rb") as source:
        script = source.read()
    with open(os.path.join(root, "commands.ysh"), "wb") as copy:
        copy.write(script)
    archive = os.path.join(work, "script.cpio")
    with open(archive, "wb") as out:
        subprocess.run(["cpio", "--quiet", "-o", "-H", "newc"], input=b"commands.ysh\n",
                       stdout=out, cwd=root, check=True)
    # --tty: the script's output and its commands' errors on one terminal, in order, as
    # commands.expected has them.
    result = subprocess.run([yolk, "run", image, "--tty", "--timeout", "120", "--initrd",
                             archive, "--", "/commands.ysh"], capture_output=True, timeout=180)
    output = result.stdout.replace(b"\r", b"").decode("utf-8", "replace")
    with open(os.path.join(here, "commands.expected")) as expected_file:
        expected = expected_file.read()
    if result.returncode != 0 or output != expected:
        with open(os.path.join(work, "commands.out"), "w") as actual:
            actual.write(output)
        raise Timeout("status %d; output differs from commands.expected (diff it with %s)"
                      % (result.returncode, os.path.join(work, "commands.out")))


def test_etc_rc_runs_at_boot(yolk, image, work):
    """An image's /etc/rc runs in the console's session before the first prompt: what it starts
    in the background (an image's services) are that session's jobs."""
    root = os.path.join(work, "rc-root")
    os.makedirs(os.path.join(root, "etc"), exist_ok=True)
    with open(os.path.join(root, "etc", "rc"), "w") as rc:
        rc.write("echo rc-ran-in-$PWD > /tmp/rc-out\nsleep 300 &\n")
    archive = os.path.join(work, "rc.cpio")
    with open(archive, "wb") as out:
        subprocess.run(["cpio", "--quiet", "-o", "-H", "newc"], input=b"etc\netc/rc\n",
                       stdout=out, cwd=root, check=True)
    term = Terminal([yolk, "run", image, "--timeout", "120", "--initrd", archive],
                    os.path.join(work, "rc-session.log"))
    try:
        term.expect(r"\[1\] sleep 300", 60)
        prompt(term, 60)
        run(term, "cat /tmp/rc-out; jobs", r"rc-ran-in-/root\n\[1\]\+ Running\s+sleep 300")
        term.send("exit 4\r")
        status = term.wait()
        if status != 4:
            raise Timeout("exit status %d, expected 4" % status)
    finally:
        term.close()


def test_keyboard_and_screen(yolk, image, work):
    """On q35 with --vga: a command typed on the PS/2 keyboard (QEMU's sendkey) runs, its output
    is on the serial port and on the VGA text screen (read back from guest memory)."""
    socket_path = os.path.join(work, "monitor.sock")
    if os.path.exists(socket_path):
        os.unlink(socket_path)
    term = Terminal([yolk, "run", image, "--vga", "--monitor", socket_path, "--timeout", "120"],
                    os.path.join(work, "vga-session.log"))
    monitor = None
    try:
        prompt(term, 60)
        monitor = Monitor(socket_path)
        monitor.type("echo typed-on-the-keyboard\n")
        term.expect(r"\ntyped-on-the-keyboard\n", 30)
        prompt(term)
        rows = monitor.screen()
        wanted = ["root@yolk:/root# echo typed-on-the-keyboard", "typed-on-the-keyboard"]
        for index, row in enumerate(rows):
            if rows[index:index + 2] == wanted:
                break
        else:
            raise Timeout("the screen does not show the command and its output:\n"
                          + "\n".join(rows))
        term.send("exit 7\r")
        status = term.wait()
        if status != 7:
            raise Timeout("exit status %d, expected 7" % status)
    finally:
        if monitor:
            monitor.close()
        term.close()


def main():
    yolk, image, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    passed = failed = 0
    for test in (test_commands_script, test_etc_rc_runs_at_boot, test_keyboard_and_screen):
        try:
            test(yolk, image, work)
            print("PASS", test.__name__)
            passed += 1
        except (Timeout, subprocess.TimeoutExpired, OSError) as error:
            print("FAIL %s: %s" % (test.__name__, error))
            failed += 1
    command = [yolk, "run", image, "--timeout", "600", "--initrd", make_initrd(work)]
    term = Terminal(command, os.path.join(work, "session.log"))
    session_passed, session_failed = run_tests(term, SESSION_TESTS)
    passed += session_passed
    failed += session_failed
    # Leaving: `exit 3` powers off with status 3.
    try:
        term.send("exit 3\r")
        status = term.wait()
        ok = status == 3
        print("PASS" if ok else "FAIL", "exit_status_is_the_image_status", "" if ok else status)
    except Timeout as error:
        ok = False
        print("FAIL exit_status_is_the_image_status:", error)
    passed += ok
    failed += not ok
    term.close()
    # The network commands, in a session of their own with a NIC (network_session.py).
    network_passed, network_failed = run_network_tests(yolk, image, os.path.join(work, "net"))
    passed += network_passed
    failed += network_failed
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
