# SPDX-License-Identifier: MIT
"""The sqlite3 shell used interactively on Yolk's console: booted on a pseudo-terminal (the
serial console) and typed at; SQLite's shell has no readline here, so the line editing is
Yolk's terminal's (erase, word-erase, kill). Prints PASS/FAIL per check.
Usage: interactive.py YOLK SQLITE3-IMAGE LOG"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "shell"))
from terminal import Terminal, Timeout  # noqa: E402

PROMPT = r"sqlite> "


def main():
    yolk, image, log = sys.argv[1:4]
    term = Terminal([yolk, "run", image, "--timeout", "300"], log)
    checks = [
        ("the banner and the prompt", None, r"SQLite version 3\.40\.1 [^\n]*\n(.|\n)*" + PROMPT),
        ("a query", "SELECT 6 * 7;\r", r"\n42\n" + PROMPT),
        ("backspace erases a character", "SELECT 'abx\x7fc';\r", r"\nabc\n" + PROMPT),
        ("^W erases a word", "SELECT 'one two\x17three';\r", r"\none three\n" + PROMPT),
        ("^U kills the line", "garbage typed\x15SELECT upper('ok');\r", r"\nOK\n" + PROMPT),
        ("a statement over two lines", "SELECT 40 +\r", r"\n   \.\.\.> "),
        ("... completed on the second", "2;\r", r"\n42\n" + PROMPT),
        ("tables, rows and .mode box",
         "CREATE TABLE t(a, b); INSERT INTO t VALUES (1, 'x'), (2, 'y');\r.mode box\r"
         "SELECT * FROM t ORDER BY a;\r",
         r"│ a │ b │\n├───┼───┤\n│ 1 │ x │\n│ 2 │ y │\n└───┴───┘\n" + PROMPT),
        ("an error is reported and the shell goes on", "SELECT * FROM missing;\r",
         r"no such table: missing\n" + PROMPT),
    ]
    failed = 0
    for name, keys, expected in checks:
        try:
            if keys:
                term.send(keys)
            term.expect(expected, timeout=60)
            print("PASS", name)
        except Timeout as error:
            print("FAIL %s: %s" % (name, error))
            failed += 1
    # After an error the shell exits with 1, as the host's sqlite3 -interactive does.
    try:
        term.send(".quit\r")
        status = term.wait(timeout=30)
        print("PASS" if status == 1 else "FAIL", ".quit ends the image with status 1 (an error was seen)",
              "" if status == 1 else status)
        failed += status != 1
    except Timeout as error:
        print("FAIL .quit ends the image: %s" % error)
        failed += 1
    term.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
