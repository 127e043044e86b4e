# SPDX-License-Identifier: MIT
"""Typing at ysh on a Terminal (terminal.py): its prompt, and a command line with the output
it should print, and a list of tests run on one session, for the shell's test files."""
import time

from terminal import Timeout

PROMPT = r"root@yolk:[^#\n]*# "


def prompt(term, timeout=20.0):
    term.expect(PROMPT, timeout)


def run(term, line, expected, timeout=20.0):
    """Types LINE, waits for EXPECTED (a regular expression) and the next prompt."""
    term.send(line + "\r")
    match = term.expect(expected, timeout)
    prompt(term, timeout)
    return match


def run_tests(term, tests, *arguments):
    """Runs each of TESTS as test(term, *arguments) on one session, printing PASS or FAIL
    (with the seconds it took); after a failure, interrupts whatever runs and waits for the
    prompt again. Returns (passed, failed)."""
    passed = failed = 0
    for number, test in enumerate(tests):
        started = time.monotonic()
        try:
            test(term, *arguments)
            print("PASS %s (%.1f s)" % (test.__name__, time.monotonic() - started), flush=True)
            passed += 1
        except (Timeout, AssertionError, OSError) as error:
            print("FAIL %s: %s" % (test.__name__, error), flush=True)
            failed += 1
            # Back to a known state: interrupt whatever runs, clear the line, resynchronise.
            term.send("\x03\x15echo resync-%d\r" % number)
            try:
                term.expect(r"\nresync-%d\n" % number)
                prompt(term)
            except Timeout:
                break
    return passed, failed
