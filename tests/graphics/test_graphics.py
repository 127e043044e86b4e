# SPDX-License-Identifier: MIT
"""Graphics and input tests, headless: programs written against Linux's <linux/fb.h> and
<linux/input.h> (tests/graphics/*.c) booted with `yolk run --gui --qmp`, the screen captured
with QMP's screendump and checked pixel by pixel, input injected with input-send-event and
the events the program read checked. Also: which images link graphics, and yolk run's bad
--resolution. Prints PASS/FAIL/SKIP per test and "N passed, N failed".
Usage: test_graphics.py YOLK WORK_DIRECTORY"""
import os
import queue
import re
import subprocess
import sys
import threading
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../tools"))
from qmp import QMP, QMPError  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BOOT_TIMEOUT = 120

# fb_rectangles.c's rectangles: x, y, width, height in 1/16 of the screen, and the colour.
RECTANGLES = [
    (1, 1, 4, 3, (255, 0, 0)), (6, 1, 4, 3, (0, 255, 0)), (11, 1, 4, 3, (0, 0, 255)),
    (1, 6, 6, 4, (255, 255, 255)), (9, 6, 6, 4, (255, 255, 0)), (1, 12, 14, 1, (0, 255, 255)),
]
ROW_COLOUR = (255, 0, 255)  # the row at 14/16, written with pwrite


class Machine:
    """A program booted with yolk run --gui: its output read line by line, its input a pipe,
    its QMP socket connected."""

    def __init__(self, yolk, image, work, name, extra=(), display="--gui"):
        self.qmp_path = os.path.join(work, name + ".qmp")
        if os.path.exists(self.qmp_path):
            os.unlink(self.qmp_path)
        self.log = open(os.path.join(work, name + ".log"), "w")
        self.process = subprocess.Popen(
            [yolk, "run", image, display, "--qmp", self.qmp_path, "--timeout", "170",
             *extra], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, start_new_session=True)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.qmp = None

    def _read(self):
        for line in self.process.stdout:
            self.log.write(line)
            self.log.flush()
            self.lines.put(line.rstrip("\r\n"))
        self.lines.put(None)

    def expect(self, pattern, timeout=BOOT_TIMEOUT):
        """The first line matching PATTERN (a regular expression); the lines before it too."""
        deadline, seen = time.monotonic() + timeout, []
        while True:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                line = None
                if time.monotonic() < deadline:
                    continue
            if line is None:
                raise AssertionError("no line matching %r; got:\n%s" % (pattern, "\n".join(seen)))
            seen.append(line)
            match = re.search(pattern, line)
            if match:
                return match, seen

    def connect(self):
        self.qmp = QMP(self.qmp_path)
        return self.qmp

    def send(self, text):
        self.process.stdin.write(text)
        self.process.stdin.flush()

    def finish(self, timeout=60):
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.close()

    def close(self):
        if self.qmp:
            self.qmp.close()
        if self.process.poll() is None:
            os.killpg(self.process.pid, 9)
            self.process.wait()
        self.log.close()


def build(yolk, source, output, *flags):
    subprocess.run([yolk, "build", *flags, "-o", output, source], check=True)
    return output


def pixel(screen, x, y):
    width, _, data = screen
    offset = (y * width + x) * 3
    return tuple(data[offset:offset + 3])


def close_to(got, wanted, tolerance):
    return all(abs(g - w) <= tolerance for g, w in zip(got, wanted))


def check_screen(screen, width, height, tolerance=0):
    """Every pixel of every rectangle, of the pwrite row, and of the black in between: each
    row is compared whole with the row expected, pixel by pixel only where it differs (and a
    difference within TOLERANCE per channel, for 16-bit modes, is allowed)."""
    got_width, got_height, data = screen
    assert (got_width, got_height) == (width, height), \
        "the screen is %dx%d, not %dx%d" % (got_width, got_height, width, height)
    row_of_pwrite = height * 14 // 16
    bad = []
    for py in range(height):
        expected = bytearray(3 * width)
        if py == row_of_pwrite:
            expected[:] = bytes(ROW_COLOUR) * width
        for x, y, w, h, colour in RECTANGLES:
            if y * height // 16 <= py < (y + h) * height // 16:
                x0, x1 = x * width // 16, (x + w) * width // 16
                expected[3 * x0:3 * x1] = bytes(colour) * (x1 - x0)
        got = data[3 * width * py:3 * width * (py + 1)]
        if got == expected:
            continue
        for px in range(width):
            wanted = tuple(expected[3 * px:3 * px + 3])
            if not close_to(pixel(screen, px, py), wanted, tolerance):
                bad.append((px, py, pixel(screen, px, py), wanted))
    assert not bad, "%d pixels differ, first %s" % (len(bad), bad[:3])


def check_two_modes(machine, width, height, source, second_depth=16):
    """fb_rectangles booted in WIDTHxHEIGHTx32 from SOURCE, then switched to 640x480 in
    SECOND_DEPTH bits: the capture checked pixel by pixel in both, and the bad requests'
    errors."""
    try:
        _, seen = machine.expect(r"^READY %dx%d 32 line %d$" % (width, height, width * 4))
        assert any("fb0 %s: %dx%d, 32 bits" % (source, width, height) in line
                   for line in seen), seen
        failures = [line for line in seen if line.startswith("FAIL")]
        assert not failures, failures
        assert sum(line.startswith("ok ") for line in seen) == 8, seen
        qmp = machine.connect()
        check_screen(qmp.screen(), width, height)
        # A mode change (to 16 bits: 5-6-5 channels, a pitch of 1280 bytes, not width * 4).
        machine.send("640x480x%d\n" % second_depth)
        match, _ = machine.expect(r"^READY 640x480 %d line (\d+)" % second_depth)
        assert match.group(1) == str(640 * second_depth // 8), match.group(0)
        check_screen(qmp.screen(), 640, 480, tolerance=8 if second_depth == 16 else 0)
        machine.send("quit\n")
        machine.expect(r"^RESULT PASS")
        assert machine.finish() == 0
    finally:
        machine.close()


def test_framebuffer_two_resolutions(yolk, work):
    image = build(yolk, os.path.join(HERE, "fb_rectangles.c"), os.path.join(work, "fb.elf"))
    check_two_modes(Machine(yolk, image, work, "fb", ["--resolution", "1280x800"]), 1280, 800,
                    "bochs-dispi")


def test_framebuffer_on_microvm_isa_vga(yolk, work):
    """microvm has no PCI: --gui gives it isa-vga, the dispi registers on I/O ports and the
    framebuffer at Bochs's fixed address."""
    check_two_modes(Machine(yolk, os.path.join(work, "fb.elf"), work, "fb-microvm",
                            ["--machine", "microvm", "--resolution", "800x600"]), 800, 600,
                    "isa-vga")


def test_framebuffer_on_microvm_ramfb(yolk, work):
    """ramfb: the framebuffer in the guest's RAM, its place and mode written to fw_cfg's
    etc/ramfb by DMA; a mode change is a new record (32 bits only)."""
    check_two_modes(Machine(yolk, os.path.join(work, "fb.elf"), work, "fb-ramfb",
                            ["--resolution", "800x600"], display="--gui=ramfb"), 800, 600,
                    "ramfb", second_depth=32)


def boot_through_grub(yolk, work, firmware):
    """fb_rectangles in an ISO (yolk pack: GRUB with a graphics mode), the framebuffer from the
    Multiboot2 tag, in whatever direct-colour mode the firmware gave."""
    iso = os.path.join(work, "fb.iso")
    if not os.path.exists(iso):
        subprocess.run([yolk, "pack", "-o", iso, os.path.join(work, "fb.elf")], check=True)
    machine = Machine(yolk, iso, work, "fb-" + firmware, ["--firmware", firmware])
    try:
        match, seen = machine.expect(r"READY (\d+)x(\d+) (\d+) line", timeout=150)
        assert any("fb0 multiboot2:" in line for line in seen), seen
        assert not [line for line in seen if line.startswith("FAIL")], seen
        qmp = machine.connect()
        check_screen(qmp.screen(), int(match.group(1)), int(match.group(2)))
        machine.send("quit\n")
        machine.expect(r"RESULT PASS")
        assert machine.finish() == 0
    finally:
        machine.close()


def test_framebuffer_through_grub_bios(yolk, work):
    boot_through_grub(yolk, work, "bios")


def test_framebuffer_through_grub_uefi(yolk, work):
    boot_through_grub(yolk, work, "uefi")


def test_evdev_events_from_injected_input(yolk, work):
    image = build(yolk, os.path.join(HERE, "evdev_events.c"), os.path.join(work, "evdev.elf"))
    machine = Machine(yolk, image, work, "evdev")
    try:
        _, seen = machine.expect(r"^READY (\d+) devices")
        failures = [line for line in seen if line.startswith("FAIL")]
        assert not failures, failures
        text = "\n".join(seen)
        for device in ('"AT Translated Set 2 keyboard"', '"ImPS/2 Generic Mouse"',
                       '"QEMU Virtio Keyboard"', '"QEMU Virtio Tablet"'):
            assert device in text, "no device %s in:\n%s" % (device, text)
        assert re.search(r'DEVICE 3 "QEMU Virtio Tablet".* absolute \(has left\)', text), text
        assert "DEVICE 3 x axis 0..32767" in text, text
        assert 'PROC N: Name="QEMU Virtio Tablet"' in text, text
        assert re.search(r"PROC H: Handlers=kbd event0", text), text
        assert re.search(r"PROC H: Handlers=mouse0 event1", text), text
        assert re.search(r"PROC B: EV=7\b", text) or re.search(r"PROC B: EV=", text), text
        qmp = machine.connect()
        qmp.key("a")                         # KEY_A (30) down and up, on the virtio keyboard
        qmp.key("shift", "b")                # KEY_LEFTSHIFT (42), KEY_B (48)
        qmp.pointer_absolute(0.5, 0.25)      # the tablet: ABS_X 16384, ABS_Y 8192
        qmp.pointer_relative(10, -5)         # the PS/2 mouse: REL_X 10, REL_Y -5
        qmp.button("left")                   # BTN_LEFT (272) on the tablet
        # Devices report in their own time: wait for the pointers' events, then the Q.
        _, lines = machine.expect(r"EVENT 3 1 272 0$", timeout=30)
        if not any(re.search(r"EVENT 1 2 1 -5$", line) for line in lines):
            _, more = machine.expect(r"EVENT 1 2 1 -5$", timeout=30)
            lines += more
        qmp.key("q")                         # ends the program
        _, more = machine.expect(r"EVENT 2 1 16 0$", timeout=30)
        lines += more
        # (The keys typed on the console are echoed on the serial port, in the same output:
        # an event's line may follow an echoed letter.)
        events = [match.group(1) for line in lines
                  for match in [re.search(r"EVENT (\d+ \d+ \d+ -?\d+)$", line)] if match]
        expected = {"2": ["1 30 1", "1 30 0", "1 42 1", "1 48 1", "1 48 0", "1 42 0",
                          "1 16 1", "1 16 0"],
                    "3": ["3 0 16384", "3 1 8192", "1 272 1", "1 272 0"],
                    "1": ["2 0 10", "2 1 -5"]}
        for device, wanted in expected.items():
            got = [event.split(" ", 1)[1] for event in events if event.split()[0] == device]
            assert got == wanted, "device %s's events: %s\nall:\n%s" % (
                device, got, "\n".join(lines))
        assert len(events) == sum(map(len, expected.values())), events
        machine.expect(r"^RESULT PASS")
        assert machine.finish() == 0
    finally:
        machine.close()


def test_ps2_keyboard_and_mouse(yolk, work):
    """With --vga (no virtio input devices), QEMU's keys and relative moves reach the PS/2
    keyboard and mouse: event0 and event1."""
    machine = Machine(yolk, os.path.join(work, "evdev.elf"), work, "evdev-ps2", display="--vga")
    try:
        _, seen = machine.expect(r"^READY 2 devices")
        assert not [line for line in seen if line.startswith("FAIL")], seen
        qmp = machine.connect()
        qmp.key("a")
        qmp.key("shift", "b")
        qmp.pointer_relative(10, -5)
        qmp.button("left")
        # Devices report in their own time: the pointer's events first, then the Q that ends.
        _, lines = machine.expect(r"EVENT 1 1 272 0$", timeout=30)
        qmp.key("q")
        _, more = machine.expect(r"EVENT 0 1 16 0$", timeout=30)
        lines += more
        events = [match.group(1) for line in lines
                  for match in [re.search(r"EVENT (\d+ \d+ \d+ -?\d+)$", line)] if match]
        keyboard = [e.split(" ", 1)[1] for e in events if e.startswith("0 ")]
        mouse = [e.split(" ", 1)[1] for e in events if e.startswith("1 ")]
        assert keyboard == ["1 30 1", "1 30 0", "1 42 1", "1 48 1", "1 48 0", "1 42 0",
                            "1 16 1", "1 16 0"], keyboard
        assert mouse == ["2 0 10", "2 1 -5", "1 272 1", "1 272 0"], mouse
        machine.expect(r"RESULT PASS")
        assert machine.finish() == 0
    finally:
        machine.close()


def test_images_link_graphics_only_when_used(yolk, work):
    def has_graphics(image):
        symbols = subprocess.run(["nm", image], capture_output=True, text=True).stdout
        return " fbdev_ioctl" in symbols
    hello = build(yolk, os.path.join(HERE, "../../examples/hello/hello.c"),
                  os.path.join(work, "hello.elf"))
    assert not has_graphics(hello), "hello links graphics"
    forced = build(yolk, os.path.join(HERE, "../../examples/hello/hello.c"),
                   os.path.join(work, "hello-graphics.elf"), "--graphics")
    assert has_graphics(forced), "--graphics did not link graphics"
    assert has_graphics(os.path.join(work, "fb.elf")), "a /dev/fb0 program lacks graphics"


def test_bad_resolution_or_device_is_refused(yolk, work):
    for value, message in (("12x", "must be WIDTHxHEIGHT"), ("0x600", "must be WIDTHxHEIGHT")):
        result = subprocess.run([yolk, "run", os.path.join(work, "fb.elf"), "--gui",
                                 "--resolution", value], capture_output=True, text=True)
        assert result.returncode == 2 and message in result.stderr, \
            (value, result.returncode, result.stderr)
    result = subprocess.run([yolk, "run", os.path.join(work, "fb.elf"), "--resolution",
                             "800x600"], capture_output=True, text=True)
    assert result.returncode == 2 and "--resolution is for --gui" in result.stderr, result
    for flags, message in ((["--gui=cga"], "must be std-vga, isa-vga or ramfb"),
                           (["--gui=std-vga", "--machine", "microvm"], "microvm has no PCI"),
                           (["--gui=isa-vga", "--machine", "q35"], "is for --machine microvm")):
        result = subprocess.run([yolk, "run", os.path.join(work, "fb.elf"), *flags],
                                capture_output=True, text=True)
        assert result.returncode == 2 and message in result.stderr, \
            (flags, result.returncode, result.stderr)


def test_unsupported_mode_falls_back(yolk, work):
    machine = Machine(yolk, os.path.join(work, "fb.elf"), work, "fb-fallback",
                      ["--resolution", "20000x100"])
    try:
        _, seen = machine.expect(r"^READY 1024x768 32")
        assert any("20000x100 is not a mode this device has" in line for line in seen), seen
        machine.send("quit\n")
        assert machine.finish() == 0
    finally:
        machine.close()


CONSOLE_FONT = "/usr/share/consolefonts/Lat15-Terminus16.psf.gz"
VGA = {"grey": (0xAA, 0xAA, 0xAA), "black": (0, 0, 0), "red": (0xAA, 0, 0),
       "bright green": (0x55, 0xFF, 0x55), "blue": (0, 0, 0xAA), "white": (0xFF, 0xFF, 0xFF)}


def load_psf1(path):
    """(height, glyph bitmaps, Latin-1 byte -> glyph) of a PSF 1 font, as the kernel reads it."""
    import gzip
    data = gzip.open(path).read()
    assert data[0:2] == b"\x36\x04", "not PSF 1"
    mode, height = data[2], data[3]
    count = 512 if mode & 1 else 256
    glyphs = [data[4 + i * height:4 + (i + 1) * height] for i in range(count)]
    glyph_of = {code: code for code in range(256)}
    if mode & 2:
        table, glyph, sequence = data[4 + count * height:], 0, False
        for offset in range(0, len(table) - 1, 2):
            code = table[offset] | table[offset + 1] << 8
            if code == 0xFFFF:
                glyph, sequence = glyph + 1, False
            elif code == 0xFFFE:
                sequence = True
            elif not sequence and code < 256:
                glyph_of[code] = glyph
    return height, glyphs, glyph_of


def check_console_text(screen, rows):
    """ROWS: per text row a list of (text, foreground, background); each cell's pixels must be
    the host's rendering of it."""
    height, glyphs, glyph_of = load_psf1(CONSOLE_FONT)
    bad = []
    for row, segments in enumerate(rows):
        column = 0
        for text, foreground, background in segments:
            for character in text:
                bitmap = glyphs[glyph_of[ord(character)]]
                for y in range(height):
                    for x in range(8):
                        on = bitmap[y] & (0x80 >> x)
                        wanted = VGA[foreground] if on else VGA[background]
                        got = pixel(screen, column * 8 + x, row * height + y)
                        if got != wanted:
                            bad.append((row, column, character, got, wanted))
                column += 1
    assert not bad, "%d pixels differ from the host's rendering, first %s" % (len(bad), bad[:3])


def test_graphical_console_text(yolk, work):
    image = build(yolk, os.path.join(HERE, "console_text.c"),
                  os.path.join(work, "console.elf"), "--graphics")
    machine = Machine(yolk, image, work, "console", ["--tty"])
    try:
        machine.expect(r"^READY")
        qmp = machine.connect()
        plain = lambda text: [(text, "grey", "black")]
        expected = [
            plain("Hello from the graphical console!"),
            [("red", "red", "black"), (" ", "grey", "black"),
             ("bright green", "bright green", "black"), (" ", "grey", "black"),
             ("white on blue", "white", "blue")],
            plain("window 128x48 cells, 1024x768 pixels"),
            plain("READY"),
        ]
        # The console draws just after the serial port has the bytes: a busy host may show
        # the screen a moment later.
        for attempt in range(20):
            screen = qmp.screen()
            try:
                check_console_text(screen, expected)
                break
            except AssertionError:
                if attempt == 19:
                    raise
                time.sleep(0.5)
        assert all(pixel(screen, x, 4 * 16 + y) == VGA["grey"] for x in range(8)
                   for y in range(16)), "no cursor at row 4, column 0"
        qmp.type("Typed on virtio: A_Z!")  # the virtio keyboard types on the console, shift too
        try:
            qmp.key("ret")  # the program ends with the line: QEMU may be gone before the release
        except (OSError, QMPError):
            pass
        machine.expect(r"^GOT Typed on virtio: A_Z!", timeout=30)
        assert machine.finish() == 0
    finally:
        machine.close()


TESTS = [test_framebuffer_two_resolutions, test_framebuffer_on_microvm_isa_vga,
         test_framebuffer_on_microvm_ramfb, test_framebuffer_through_grub_bios,
         test_framebuffer_through_grub_uefi, test_graphical_console_text,
         test_evdev_events_from_injected_input, test_ps2_keyboard_and_mouse,
         test_images_link_graphics_only_when_used, test_bad_resolution_or_device_is_refused,
         test_unsupported_mode_falls_back]


def main():
    yolk, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    passed = failed = 0
    for test in TESTS:
        started = time.monotonic()
        try:
            test(yolk, work)
            passed += 1
            print("PASS %s (%.1f s)" % (test.__name__, time.monotonic() - started), flush=True)
        except Exception:
            failed += 1
            print("FAIL %s:\n%s" % (test.__name__, traceback.format_exc()), flush=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
