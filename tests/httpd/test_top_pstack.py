# SPDX-License-Identifier: MIT
"""top and pstack, typed at ysh on the serial console through a pseudo-terminal (the shell's
own test harness: tests/shell/terminal.py), with a background job and a busy thread so that
there is something to see: top in batch mode (-n), top refreshing in place until 'q' is typed
(raw mode: no Enter), its bad arguments; pstack of every thread and of one, and of a thread
that is not there. Prints PASS/FAIL per test and "N passed, N failed".
Usage: test_top_pstack.py YOLK IMAGE WORK_DIRECTORY"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "shell"))
from terminal import Terminal, Timeout  # noqa: E402
from ysh import prompt, run, run_tests  # noqa: E402

HEADER = r"top: (\d+) threads, memory (\d+) KiB used of (\d+) KiB \('q' quits\)\n\n"
COLUMNS = r"\s*TID S PRI\s+CPU%\s+TIME\(ms\)\s+STACK NAME\n"


def test_top_batch(term):
    """Two views a second apart into a pipe: no screen clearing, the busy thread on top."""
    term.send("top -n 2 -d 1 | cat\r")
    for _ in range(2):
        match = term.expect(HEADER, 30)
        used, total = int(match.group(2)), int(match.group(3))
        assert 0 < used < total and total > 100000, match.group(0)
        term.expect(COLUMNS)
    prompt(term, 30)
    text = term.output.decode(errors="replace")
    view = text[text.rfind("TID S PRI"):]
    rows = re.findall(r"^\s*(\d+) ([RSZ])\s+(\d+)\s+([\d.]+)\s+(\d+)\s+(\d+)K (.*)$", view, re.M)
    assert len(rows) >= 3, view
    busy = [row for row in rows if row[6] == "yes"]
    assert busy and float(busy[0][3]) > 20, f"the busy thread's CPU%:\n{view}"
    assert "\x1b[2J" not in view, "a pipe got screen-clearing escapes"
    names = {row[6] for row in rows}
    assert {"main", "sleep", "top"} <= names, names


def test_top_interactive_quits_on_q(term):
    """On the terminal: the view is redrawn in place (cursor home, clear) each second, and 'q'
    alone (raw mode: no Enter) ends it; the shell's line discipline is back afterwards."""
    term.send("top\r")
    term.expect(r"\x1b\[H\x1b\[2J" + HEADER, 30)
    term.expect(r"\x1b\[H\x1b\[2J" + HEADER, 30)  # refreshed a second later
    term.send("q")
    prompt(term, 30)
    run(term, "echo back-to-normal", r"\nback-to-normal\n")


def test_top_bad_arguments(term):
    run(term, "top -n 0; echo status=$?", r"top: -n: '0' is not a count of 1 or more\n"
        r"status=2\n")
    run(term, "top -d x; echo status=$?", r"top: -d: 'x' is not a delay.*\nstatus=2\n")


def test_pstack_every_thread(term):
    """Every thread with a symbolized stack: the shell's main thread waits in poll, the sleep
    job in nanosleep."""
    term.send("pstack | cat\r")
    prompt(term, 30)
    text = term.output.decode(errors="replace")
    text = text[text.rfind("pstack | cat"):]
    threads = re.findall(r"^Thread (\d+) \(([^)]*)\) ([RSZ]), ([\d.]+) s CPU:$", text, re.M)
    assert len(threads) >= 4, text[:2000]
    names = {name for _, name, _, _ in threads}
    assert {"main", "sleep", "yes", "pstack"} <= names, names
    sleeping = text[text.find("(sleep)"):]
    sleeping = sleeping[:sleeping.find("\n\n")]
    assert re.search(r"#\d+\s+0x[0-9a-f]{16} sys_nanosleep\+0x", sleeping), sleeping
    assert re.search(r"#\d+\s+0x[0-9a-f]{16} sleep_main\+0x", sleeping), sleeping
    main = text[text.find("(main)"):]
    assert re.search(r" sys_poll\+0x(.*\n)+.* shell_run_line\+0x", main[:main.find("\n\n")]), \
        main[:1500]


def test_pstack_one_thread_and_a_missing_one(term):
    match = run(term, "ps | grep ' sleep$'", r"\n\s*(\d+) S .* sleep\n")
    tid = match.group(1).decode()
    match = run(term, f"pstack {tid}; echo status=$?", rf"Thread {tid} \(sleep\) S, [\d.]+ s CPU:"
                r"\n((?:  #.*\n)+)\nstatus=0\n")
    assert b"Thread" not in match.group(1), match.group(0)
    run(term, "pstack 99999; echo status=$?", r"pstack: no thread 99999\nstatus=1\n")
    run(term, "pstack x; echo status=$?", r"pstack: 'x' is not a thread id.*\nstatus=2\n")


TESTS = [test_top_batch, test_top_interactive_quits_on_q, test_top_bad_arguments,
         test_pstack_every_thread, test_pstack_one_thread_and_a_missing_one]


def main():
    yolk, image, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    term = Terminal([yolk, "run", image, "--timeout", "300"], os.path.join(work, "session.log"))
    passed = failed = 0
    try:
        prompt(term, 60)
        # Something to see: a thread that sleeps, one that computes (its output thrown away).
        run(term, "sleep 1000 &", r"\[1\] sleep 1000")
        run(term, "yes > /dev/null &", r"\[2\] yes")
        passed, failed = run_tests(term, TESTS)
    except Timeout as error:
        failed += 1
        print(f"FAIL the session: {error}")
    finally:
        term.close()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
