#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""QEMU's machine protocol (QMP) for tests and docs: screenshots and input.

Start the machine with `yolk run IMAGE --gui --qmp PATH`, then, from Python:

    from qmp import QMP
    with QMP(PATH) as machine:
        machine.screendump("screen.png")           # or .ppm; QEMU writes the file
        width, height, pixels = machine.screen()   # the screen as RGB bytes (through a PPM)
        machine.key("a")                           # press and release (QEMU's key names, "q",
        machine.key("ctrl", "alt", "delete")       #   "ret", "spc", "shift", ...): together
        machine.pointer_absolute(0.5, 0.25)        # the tablet, in fractions of the screen
        machine.pointer_relative(10, -5)           # the PS/2 mouse, in counts
        machine.button("left")                     # press and release a button

or from a shell (the same operations):

    tools/qmp.py PATH screendump screen.png
    tools/qmp.py PATH key ctrl alt delete
    tools/qmp.py PATH move 0.5 0.25 | move-relative 10 -5 | click left | command query-status

Events go to QEMU's first input handler for their kind, the virtio keyboard and tablet with
--gui; `device=` picks one by its QEMU id ("keyboard", "tablet")."""
import json
import os
import socket
import sys
import tempfile
import time

ABSOLUTE_MAX = 0x7FFF  # QEMU's absolute axes run 0..0x7fff across the screen


class QMPError(Exception):
    pass


class QMP:
    def __init__(self, path, timeout=30.0):
        self.socket = socket.socket(socket.AF_UNIX)
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.socket.connect(path)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self.socket.settimeout(timeout)
        self.reader = self.socket.makefile("rb")
        self._receive()  # the greeting
        self.command("qmp_capabilities")

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.close()

    def close(self):
        self.reader.close()
        self.socket.close()

    def _receive(self):
        line = self.reader.readline()
        if not line:
            raise QMPError("QEMU closed the QMP connection")
        return json.loads(line)

    def command(self, name, **arguments):
        """Runs one QMP command; returns its "return" value (events in between are skipped)."""
        message = {"execute": name}
        if arguments:
            message["arguments"] = arguments
        self.socket.sendall(json.dumps(message).encode() + b"\n")
        while True:
            reply = self._receive()
            if "return" in reply:
                return reply["return"]
            if "error" in reply:
                raise QMPError("%s: %s" % (name, reply["error"].get("desc", reply["error"])))

    def screendump(self, filename, device=None):
        """Writes the screen to FILENAME: PNG if it ends in .png, else PPM."""
        arguments = {"filename": os.path.abspath(filename)}
        if filename.endswith(".png"):
            arguments["format"] = "png"
        if device:
            arguments["device"] = device
        self.command("screendump", **arguments)

    def screen(self):
        """The screen now: (width, height, RGB bytes row by row)."""
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "screen.ppm")
            self.screendump(path)
            with open(path, "rb") as file:
                return parse_ppm(file.read())

    def send_events(self, events, device=None):
        arguments = {"events": events}
        if device:
            arguments["device"] = device
        self.command("input-send-event", **arguments)

    def key(self, *names, device=None):
        """Presses the keys NAMES (QEMU's names: "a", "ret", "shift", ...) and releases them."""
        keys = [{"type": "qcode", "data": name} for name in names]
        self.send_events([{"type": "key", "data": {"down": True, "key": k}} for k in keys],
                         device)
        self.send_events([{"type": "key", "data": {"down": False, "key": k}}
                          for k in reversed(keys)], device)

    def type(self, text, device=None):
        """Types TEXT as on a US keyboard: letters (capitals with shift), digits, space, tab,
        newline and the printable ASCII symbols. Any other character is a ValueError."""
        for character in text:
            self.key(*qcodes_of(character), device=device)

    def pointer_absolute(self, x, y, device=None):
        """Moves the absolute pointer (the tablet) to (x, y), fractions of the screen."""
        self.send_events([{"type": "abs", "data": {"axis": axis, "value": value}}
                          for axis, value in (("x", round(x * ABSOLUTE_MAX)),
                                              ("y", round(y * ABSOLUTE_MAX)))], device)

    def pointer_relative(self, dx, dy, device=None):
        """Moves the relative pointer (the PS/2 mouse) by (dx, dy) counts; y grows down."""
        self.send_events([{"type": "rel", "data": {"axis": "x", "value": dx}},
                          {"type": "rel", "data": {"axis": "y", "value": dy}}], device)

    def button(self, name="left", down=None, device=None):
        """Presses and releases a button ("left", "right", "middle"), or only presses
        (down=True) or releases (down=False) it."""
        for state in ((True, False) if down is None else (down,)):
            self.send_events([{"type": "btn", "data": {"down": state, "button": name}}],
                             device)


# QEMU's key names (qcodes) for the unshifted symbols of a US keyboard, and the symbols that are
# those keys with shift.
UNSHIFTED_QCODES = {" ": "spc", "\n": "ret", "\t": "tab", "-": "minus", "=": "equal",
                    "[": "bracket_left", "]": "bracket_right", "\\": "backslash",
                    ";": "semicolon", "'": "apostrophe", "`": "grave_accent", ",": "comma",
                    ".": "dot", "/": "slash"}
SHIFTED_SYMBOLS = dict(zip('!@#$%^&*()_+{}|:"~<>?', "1234567890-=[]\\;'`,./"))


def qcodes_of(character):
    """The keys to press together for CHARACTER, e.g. ("shift", "a") for "A"."""
    if character in UNSHIFTED_QCODES:
        return (UNSHIFTED_QCODES[character],)
    if character in SHIFTED_SYMBOLS:
        return ("shift",) + qcodes_of(SHIFTED_SYMBOLS[character])
    if character.isascii() and (character.islower() or character.isdigit()):
        return (character,)
    if character.isascii() and character.isupper():
        return ("shift", character.lower())
    raise ValueError("qmp type: no key for %r on a US keyboard" % character)


def parse_ppm(data):
    """(width, height, RGB bytes) of a binary PPM (P6, maximum 255), as QEMU writes them."""
    fields, position = [], 0
    while len(fields) < 4:
        while data[position:position + 1].isspace():
            position += 1
        if data[position:position + 1] == b"#":
            position = data.index(b"\n", position) + 1
            continue
        end = position
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    if fields[0] != b"P6" or fields[3] != b"255":
        raise QMPError("not a binary PPM with 8-bit channels")
    width, height = int(fields[1]), int(fields[2])
    pixels = data[position + 1:position + 1 + width * height * 3]
    if len(pixels) != width * height * 3:
        raise QMPError("PPM shorter than %dx%d" % (width, height))
    return width, height, pixels


def main(arguments):
    if len(arguments) < 2 or arguments[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if arguments and arguments[0] in ("-h", "--help") else 2
    path, operation, rest = arguments[0], arguments[1], arguments[2:]
    with QMP(path) as machine:
        if operation == "screendump" and len(rest) == 1:
            machine.screendump(rest[0])
        elif operation == "key" and rest:
            machine.key(*rest)
        elif operation == "type" and len(rest) == 1:
            machine.type(rest[0])
        elif operation == "move" and len(rest) == 2:
            machine.pointer_absolute(float(rest[0]), float(rest[1]))
        elif operation == "move-relative" and len(rest) == 2:
            machine.pointer_relative(int(rest[0]), int(rest[1]))
        elif operation == "click" and len(rest) <= 1:
            machine.button(*(rest or ["left"]))
        elif operation == "command" and len(rest) == 1:
            print(json.dumps(machine.command(rest[0]), indent=2))
        else:
            print("qmp.py: unknown operation or wrong arguments: %s (see --help)"
                  % " ".join(arguments[1:]), file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
