# SPDX-License-Identifier: MIT
"""QEMU's human monitor on a Unix socket (yolk run --monitor PATH), for tests: send keys as a
keyboard would, and read the VGA text screen back from guest memory."""
import re
import socket
import time

VGA_TEXT = 0xB8000
ROWS, COLUMNS = 25, 80


class Monitor:
    def __init__(self, path, timeout=20.0):
        self.socket = socket.socket(socket.AF_UNIX)
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.socket.connect(path)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self._read_to_prompt(timeout)  # the greeting

    def command(self, text, timeout=5.0):
        """Runs one monitor command; returns what the monitor printed."""
        self.socket.sendall(text.encode() + b"\n")
        return self._read_to_prompt(timeout)

    def _read_to_prompt(self, timeout):
        self.socket.settimeout(timeout)
        reply = b""
        while not reply.rstrip().endswith(b"(qemu)"):
            chunk = self.socket.recv(65536)
            if not chunk:
                break
            reply += chunk
        return reply.decode("latin-1")

    def type(self, text):
        """Types TEXT on the PS/2 keyboard (letters, digits, space, '-', '.', '/', newline)."""
        names = {" ": "spc", "\n": "ret", "-": "minus", ".": "dot", "/": "slash"}
        for character in text:
            self.command("sendkey " + names.get(character, character))

    def screen(self):
        """The VGA text screen's rows, trailing blanks removed."""
        reply = self.command("xp /%dxh 0x%x" % (ROWS * COLUMNS, VGA_TEXT))
        cells = []
        for line in reply.splitlines():
            if re.match(r"^[0-9a-f]+: ", line):
                cells += [int(word, 16) for word in re.findall(r"0x([0-9a-f]{4})", line)]
        text = "".join(chr(cell & 0xFF) for cell in cells[:ROWS * COLUMNS])
        return [text[i:i + COLUMNS].rstrip() for i in range(0, len(text), COLUMNS)]

    def close(self):
        self.socket.close()
