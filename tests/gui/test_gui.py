# SPDX-License-Identifier: MIT
"""The desktop (`gui`) and the physics demo (`physics`) in ysh, booted once with `yolk run
--gui --qmp`, headless: input injected with QMP's input-send-event (the tablet's absolute
pointer, its button, the virtio keyboard) and the results checked on the screen captured with
screendump: the desktop draws its windows, a click on a button changes its label, a click on
a checkbox draws its check, text typed into a field appears in it, a window dragged by its
title bar moves (its title bar is where the drag put it, the desktop where it was), text typed
into the editor is saved to its file (the shell's cat shows it), and the
physics demo's boxes move on the screen. `physics --steps 600` must then print the positions
that the host's build of the same objects prints, bit for bit. The desktop's --report lines
say where the widgets are. Captures: WORK/desktop.png and WORK/physics.png (the docs' images).
Prints PASS/FAIL per test and "N passed, N failed".
Usage: test_gui.py YOLK SHELL_IMAGE PHYSICS_HOST WORK_DIRECTORY"""
import math
import os
import re
import subprocess
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../graphics"))
from test_graphics import Machine, pixel  # noqa: E402

WIDTH, HEIGHT = 1024, 768
# The toolkit's default style (apps/gui/context.c).
DESKTOP = (0x2A, 0x4A, 0x5A)
TITLE = (0x8A, 0x90, 0x9A)
TITLE_FOCUSED = (0x2F, 0x5F, 0xA8)
WINDOW = (0xEE, 0xEE, 0xEC)
ACCENT = (0x2F, 0x7F, 0x3F)
# physics_draw's colours (apps/gui/physics/physics.c).
PLANET = (0x3A, 0x6E, 0xB0)
BOX = (0xE8, 0xB0, 0x40)
REPORT = re.compile(r'^GUI (\w+) "([^"]*)" (-?\d+) (-?\d+) (\d+) (\d+)$')


def region(screen, rect):
    """The RGB bytes of RECT (x, y, w, h), row by row."""
    width, _, data = screen
    x, y, w, h = rect
    return b"".join(data[3 * (width * row + x):3 * (width * row + x + w)]
                    for row in range(y, y + h))


def count(screen, rect, colour):
    """How many pixels of RECT are COLOUR."""
    data, wanted = region(screen, rect), bytes(colour)
    return sum(data[i:i + 3] == wanted for i in range(0, len(data), 3))


def dark(screen, rect):
    """How many pixels of RECT are dark (text)."""
    data = region(screen, rect)
    return sum(data[i] + data[i + 1] + data[i + 2] < 300 for i in range(0, len(data), 3))


def inset(rect, by):
    x, y, w, h = rect
    return (x + by, y + by, w - 2 * by, h - 2 * by)


class Desktop:
    """The shell's `gui --report` on a booted machine: its widgets' places, the pointer."""

    def __init__(self, machine):
        self.machine, self.qmp, self.widgets = machine, machine.qmp, {}

    def read_report(self, until, timeout=60):
        """Reads report lines up to one whose name matches UNTIL; returns that widget."""
        while True:
            match, _ = self.machine.expect(r"^GUI ", timeout)
            line = REPORT.match(match.string)
            if line:
                kind, name = line.group(1), line.group(2)
                self.widgets[name] = tuple(int(line.group(i)) for i in range(3, 7))
                if re.search(until, name):
                    return self.widgets[name]

    def point(self, x, y):
        self.qmp.pointer_absolute(x / (WIDTH - 1), y / (HEIGHT - 1))
        time.sleep(0.15)

    def button(self, down):
        self.qmp.command("input-send-event",
                         events=[{"type": "btn", "data": {"down": down, "button": "left"}}])
        time.sleep(0.15)

    def click(self, rect):
        x, y, w, h = rect
        self.point(x + w // 2, y + h // 2)
        self.button(True)
        self.button(False)

    def wait_for(self, check, what, timeout=30):
        """Captures until CHECK(screen) is true; returns that screen."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.qmp.screen()
            if check(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError("the screen never showed " + what)
            time.sleep(0.3)


def test_desktop_draws_and_takes_input(machine, host, work):
    machine.send("gui --open widgets --open calculator --open clock --open monitor --report\n")
    desktop = Desktop(machine)
    notes = desktop.read_report(r"^Widgets/notes$")
    widgets = desktop.widgets
    launcher = widgets["Launcher/Launcher"]
    window = widgets["Widgets/Widgets"]
    assert launcher == (40, 60, 220, 330), launcher
    assert notes[1] > window[1], (notes, window)
    title = lambda rect: (rect[0] + 2, rect[1] + 2, rect[2] - 40, 22)
    # The desktop, the windows with their title bars (the first has the focus), the
    # launcher's buttons with their labels' text.
    screen = desktop.wait_for(lambda s: count(s, title(window), TITLE) > 1000,
                              "the Widgets window")
    assert count(screen, (0, 0, 30, 700), DESKTOP) == 30 * 700, "no desktop at the left"
    assert count(screen, title(launcher), TITLE_FOCUSED) > 2000, "no launcher title bar"
    assert count(screen, (45, 300, 200, 80), WINDOW) > 12000, "no launcher body"
    for name in ("Widgets", "Calculator", "Physics"):
        assert dark(screen, inset(widgets["Launcher/" + name], 3)) > 40, "no text on " + name
    assert pixel(screen, window[0] + 100, window[1] + 100) != DESKTOP
    desktop.qmp.screendump(os.path.join(work, "desktop.png"))

    # A click on the button: its label says so (the text changes, the start stays).
    label = widgets["Widgets/clicked 0 times"]
    before = region(screen, label)
    desktop.click(widgets["Widgets/Click me"])
    screen = desktop.wait_for(lambda s: region(s, label) != before, "the label change")
    changed = region(screen, label)
    first_changed = next(i for i in range(len(before)) if before[i] != changed[i]) // 3
    assert first_changed % label[2] > 40, "the label's start changed too"
    # The checkbox: its box gets the check mark in the accent colour.
    checkbox = widgets["Widgets/A checkbox"]
    box = (checkbox[0], checkbox[1], 24, checkbox[3])
    assert count(screen, box, ACCENT) == 0
    desktop.click(checkbox)
    desktop.wait_for(lambda s: count(s, box, ACCENT) > 20, "the check mark")

    # Typing into the text field: the empty field gets text.
    field = widgets["Widgets/field"]
    assert dark(screen, inset(field, 3)) == 0, "the field is not empty"
    desktop.click(field)
    desktop.point(900, 700)  # the pointer out of the way
    desktop.qmp.type("hello")
    screen = desktop.wait_for(lambda s: dark(s, inset(field, 3)) > 60, "the typed text")
    text_width = max(x for x in range(field[2] - 6)
                     if dark(screen, (field[0] + 3 + x, field[1] + 3, 1, field[3] - 6)))
    assert 25 < text_width < 60, "the text is %d pixels wide, not hello's" % text_width

    # Drag the launcher by its title bar: 300 right, 350 down, in steps.
    desktop.point(launcher[0] + 60, launcher[1] + 12)
    desktop.button(True)
    for step in range(1, 6):
        desktop.point(launcher[0] + 60 + 60 * step, launcher[1] + 12 + 70 * step)
    desktop.button(False)
    moved = desktop.read_report(r"^Launcher/Launcher$")
    while moved[:2] != (launcher[0] + 300, launcher[1] + 350):
        moved = desktop.read_report(r"^Launcher/Launcher$")
    desktop.read_report(r"^Launcher/q or x quits$")  # the rest of that report: its buttons
    screen = desktop.wait_for(
        lambda s: count(s, title(moved), TITLE_FOCUSED) > 2000 and
        count(s, (40, 60, 200, 200), DESKTOP) > 39000, "the launcher in its new place")
    assert count(screen, title(window), TITLE) > 1000, "the Widgets window took the focus"

    # The launcher opens the editor (its buttons moved with it); what is typed there is saved
    # to its file, which the shell then shows.
    desktop.click(desktop.widgets["Launcher/Editor"])
    text = desktop.read_report(r"^Editor/text$")
    save = desktop.widgets["Editor/Save"]
    desktop.click(text)
    desktop.qmp.type("Typed in the Editor: 1+1=2!")
    desktop.wait_for(lambda s: dark(s, inset(text, 4)) > 100, "the editor's text")
    desktop.click(save)
    path = "/tmp/notes.txt"  # the editor's default (apps/gui/desktop/editor.c)
    time.sleep(0.5)

    # q (outside a text field: a click on the desktop first) quits to the shell.
    desktop.click((1000, 20, 1, 1))
    desktop.qmp.key("q")
    machine.send("echo back in the shell; cat %s; echo\n" % path)
    _, lines = machine.expect(r"back in the shell", timeout=30)
    machine.expect(r"^Typed in the Editor: 1\+1=2!$", timeout=30)


def test_physics_moves_on_the_screen(machine, host, work):
    machine.send("physics\n")
    view = (100, 60, 824, 680)
    qmp = machine.qmp
    desktop = Desktop(machine)
    first = desktop.wait_for(lambda s: count(s, view, BOX) > 2000 and
                             count(s, (492, 364, 40, 40), PLANET) > 1000, "the planet and boxes")
    second = desktop.wait_for(lambda s: region(s, view) != region(first, view),
                              "the boxes moving")
    assert count(second, view, BOX) > 2000
    qmp.screendump(os.path.join(work, "physics.png"))
    qmp.key("q")
    match, _ = machine.expect(r"^physics: (\d+) frames, ([\d.]+) ms a frame", timeout=30)
    assert int(match.group(1)) >= 2, match.group(0)


def test_physics_positions_match_the_host(machine, host, work):
    machine.send("physics --steps 600\n")
    match, lines = machine.expect(r"^steps (\d+), radius ([\d.]+)\.\.([\d.]+)", timeout=120)
    assert match.group(1) == "600"
    assert float(match.group(2)) > 70 and float(match.group(3)) < 450, match.group(0)
    guest = [line for line in lines if line.startswith(("box ", "planet "))]
    expected = subprocess.run([host, "--steps", "600"], capture_output=True, text=True,
                              check=True).stdout.splitlines()
    expected = [line for line in expected if line.startswith(("box ", "planet "))]
    assert len(expected) == 51, expected
    assert guest == expected, "Yolk's positions differ from the host's:\n%s" % "\n".join(
        "%s | %s" % pair for pair in zip(guest, expected) if pair[0] != pair[1])
    angle = float(guest[-1].split()[1])
    assert abs(angle - 1.0) < 1e-9, angle  # 0.2 rad/s for 5 s


def test_bad_options_are_refused(machine, host, work):
    machine.send("physics --boxes 0; echo status $?\n")
    _, lines = machine.expect(r"^status \d+", timeout=30)
    assert any("--boxes needs a number from 1 to 500" in line for line in lines), lines
    assert lines[-1] == "status 2", lines
    machine.send("gui --open nothing; echo status $?\n")
    _, lines = machine.expect(r"^status \d+", timeout=30)
    assert any("gui: no demo nothing" in line for line in lines), lines
    assert lines[-1] == "status 2", lines


TESTS = [test_desktop_draws_and_takes_input, test_physics_moves_on_the_screen,
         test_physics_positions_match_the_host, test_bad_options_are_refused]


def main():
    yolk, image, host, work = sys.argv[1:5]
    os.makedirs(work, exist_ok=True)
    passed = failed = 0
    machine = Machine(yolk, image, work, "gui-shell")
    try:
        machine.expect(r"Yolk .* ysh")
        machine.connect()
        for test in TESTS:
            started = time.monotonic()
            try:
                test(machine, host, work)
                passed += 1
                print("PASS %s (%.1f s)" % (test.__name__, time.monotonic() - started),
                      flush=True)
            except Exception:
                failed += 1
                try:  # what the screen showed, to look at
                    machine.qmp.screendump(os.path.join(work, test.__name__ + "-failed.png"))
                except Exception:
                    pass
                print("FAIL %s:\n%s" % (test.__name__, traceback.format_exc()), flush=True)
                try:  # leave the desktop or the demo for the next test: a click on the
                    machine.qmp.pointer_absolute(0.999, 0.999)  # desktop, then q
                    machine.qmp.button("left")
                    machine.qmp.key("q")
                except Exception:
                    pass
        if machine.process.poll() is None:
            machine.send("exit\n")
            machine.finish(timeout=30)
    finally:
        machine.close()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
