# SPDX-License-Identifier: MIT
"""The NES front end and sound in QEMU, headless (yolk run --gui --audio=wav:FILE --qmp):
Sprite Cans played at scale 2 and held at frame 120, whose screen (a QMP screendump) must be
the host core's frame 120 scaled, pixel for pixel, in the middle of a black letterbox; a ROM
made here that shows red while Start is held, with Enter held and let go over QMP; nes15
played at scale 3 until its title is on the screen (the host core's picture again), then Enter
(Start) injected over QMP must change the screen; Esc quits each; a ROM made here that plays a
440.4 Hz square wave on pulse 1 for 150 frames; the sound recorded meanwhile must be a 44,100 Hz
16-bit stereo WAV, not silent, centred on 0, and its last sound the square wave's pitch. Then tests/nes/dsp_tone.c, written
against OSS's <linux/soundcard.h>: its own checks of /dev/dsp, and the pitch of the two tones
it plays (440 Hz at 44,100 Hz 16-bit stereo, 880 Hz at 22,050 Hz 8-bit mono) in the WAV QEMU
recorded. Also: images that do not name /dev/dsp have no sound driver.
Usage: test_play.py YOLK SHELL_IMAGE TONE_IMAGE HELLO_IMAGE HOST_NES DATA WORK_DIRECTORY
Prints PASS/FAIL/SKIP per test and "N passed, N failed"; NES_TEST_TIMES=1 adds the seconds
since the start to each line."""
import math
import os
import shutil
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../graphics"))
from test_graphics import Machine  # noqa: E402

RESULTS = {"passed": 0, "failed": 0, "skipped": 0}
WIDTH, HEIGHT = 1024, 768


START = time.monotonic()


def check(name, condition, detail=""):
    if os.environ.get("NES_TEST_TIMES"):
        name += " [%.1f s]" % (time.monotonic() - START)
    if condition:
        print("PASS " + name)
        RESULTS["passed"] += 1
    else:
        print("FAIL %s%s" % (name, ": " + detail if detail else ""))
        RESULTS["failed"] += 1


def read_ppm(path):
    with open(path, "rb") as file:
        data = file.read()
    fields, at = [], 0
    while len(fields) < 4:
        while data[at:at + 1].isspace():
            at += 1
        end = at
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[at:end])
        at = end
    return int(fields[1]), int(fields[2]), data[at + 1:]


def host_frame(host_nes, rom, frames, work):
    path = os.path.join(work, "host-%s-%d.ppm" % (os.path.basename(rom), frames))
    subprocess.run([host_nes, "--frames", str(frames), "--screenshot", path, rom], check=True)
    return read_ppm(path)[2]


def expected_screen(picture, scale):
    """The NES picture (RGB, 256x240) scaled and centred on a black WIDTHxHEIGHT screen."""
    left, top = (WIDTH - 256 * scale) // 2, (HEIGHT - 240 * scale) // 2
    rows = [bytes(3 * WIDTH)] * HEIGHT
    for y in range(240):
        source = picture[3 * 256 * y:3 * 256 * (y + 1)]
        row = b"".join(source[3 * x:3 * x + 3] * scale for x in range(256))
        line = bytes(3 * left) + row + bytes(3 * (WIDTH - left - 256 * scale))
        for copy in range(scale):
            rows[top + y * scale + copy] = line
    return b"".join(rows)


def differing_pixels(got, wanted):
    return sum(1 for i in range(0, len(wanted), 3) if got[i:i + 3] != wanted[i:i + 3])


def wait_for_screen(machine, wanted, part, timeout):
    """The screen once its PART (a slice of the RGB bytes) is WANTED's, or at the timeout."""
    deadline = time.monotonic() + timeout
    while True:
        screen = machine.qmp.screen()
        if os.environ.get("NES_TEST_TIMES"):
            print("    [%.1f s] %d pixels differ" % (time.monotonic() - START,
                                                   differing_pixels(screen[2][part], wanted[part])))
        if screen[2][part] == wanted[part] or time.monotonic() > deadline:
            return screen
        time.sleep(1)


def key_event(machine, name, down):
    machine.qmp.send_events([{"type": "key", "data": {
        "down": down, "key": {"type": "qcode", "data": name}}}])


def press(machine, name, hold=0.3):
    key_event(machine, name, True)
    time.sleep(hold)
    try:
        key_event(machine, name, False)
    except OSError:  # Esc at the end of the script: the machine may be gone already
        pass


def read_wav(path):
    """(channels, rate, bits, samples as a list of ints, first channel): the data chunk is taken
    to the end of the file (QEMU fixes the sizes in the header only when it exits cleanly)."""
    with open(path, "rb") as file:
        data = file.read()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE", "not a WAV file"
    at, fmt = 12, None
    while at + 8 <= len(data):
        chunk, size = data[at:at + 4], struct.unpack("<I", data[at + 4:at + 8])[0]
        if chunk == b"fmt ":
            fmt = struct.unpack("<HHIIHH", data[at + 8:at + 24])
        if chunk == b"data":
            samples = data[at + 8:]
            break
        at += 8 + size
    else:
        raise AssertionError("no data chunk")
    kind, channels, rate, _, _, bits = fmt
    assert kind == 1 and bits == 16, "not 16-bit PCM"
    count = len(samples) // (2 * channels)
    values = struct.unpack("<%dh" % (count * channels), samples[:count * 2 * channels])
    return channels, rate, bits, list(values[::channels])


def square_rom():
    """A 16 KiB NROM program made here: pulse 1 at a constant 50% square wave, volume 15, timer
    period 253, so 1789773 / (16 * 254) = 440.4 Hz; rendering stays off."""
    code = bytes([
        0x78, 0xD8,                    # SEI, CLD
        0xA9, 0x01, 0x8D, 0x15, 0x40,  # pulse 1 on ($4015)
        0xA9, 0xBF, 0x8D, 0x00, 0x40,  # 50% duty, length halted, constant volume 15
        0xA9, 0x00, 0x8D, 0x01, 0x40,  # no sweep
        0xA9, 0xFD, 0x8D, 0x02, 0x40,  # timer 253
        0xA9, 0x00, 0x8D, 0x03, 0x40,  # (its high bits), start
        0x4C, 0x1B, 0xC0,              # JMP to itself
        0x40])                         # RTI: the NMI and IRQ handler at $C01E
    prg = bytearray(0x4000)
    prg[:len(code)] = code
    prg[0x3FFA:0x4000] = bytes([0x1E, 0xC0, 0x00, 0xC0, 0x1E, 0xC0])
    return b"NES\x1a\x01\x01" + bytes(10) + bytes(prg) + bytes(0x2000)


def input_rom():
    """A 16 KiB NROM program made here that, once a frame (at VBlank: the palette is written
    while nothing is drawn), reads controller 1 and sets the backdrop colour (rendering stays
    off, so it is the whole picture) to red ($16) while Start is held, black ($0F) otherwise."""
    code = bytes([
        0x78, 0xD8,                                # $C000: SEI, CLD
        0x2C, 0x02, 0x20, 0x10, 0xFB,              # $C002: wait for VBlank (BIT $2002, BPL)
        0xA9, 0x01, 0x8D, 0x16, 0x40,              # strobe $4016 high
        0xA9, 0x00, 0x8D, 0x16, 0x40,              # and low
        0xAD, 0x16, 0x40, 0xAD, 0x16, 0x40,        # A, B
        0xAD, 0x16, 0x40, 0xAD, 0x16, 0x40,        # Select, Start
        0x29, 0x01, 0xAA,                          # X = Start
        0xA9, 0x3F, 0x8D, 0x06, 0x20, 0xA9, 0x00, 0x8D, 0x06, 0x20,  # v = $3F00
        0xBD, 0x3C, 0xC0, 0x8D, 0x07, 0x20,        # the backdrop = colours[X]
        0xA9, 0x00, 0x8D, 0x06, 0x20, 0x8D, 0x06, 0x20,  # v = 0 (out of the palette)
        0x4C, 0x02, 0xC0,                          # JMP to the wait
        0x40,                                      # $C03B: RTI
        0x0F, 0x16])                               # $C03C: the colours
    assert code[0x3B] == 0x40 and code[0x3C:] == bytes([0x0F, 0x16])
    prg = bytearray(0x4000)
    prg[:len(code)] = code
    prg[0x3FFA:0x4000] = bytes([0x3B, 0xC0, 0x00, 0xC0, 0x3B, 0xC0])
    return b"NES\x1a\x01\x01" + bytes(10) + bytes(prg) + bytes(0x2000)


SQUARE_HZ = 1789773 / (16 * 254)


def last_sound(values, rate, gap=0.5):
    """The loud 10 ms windows of the last sound in the recording (no gap over GAP seconds)."""
    size = rate // 100
    windows = [at for at in range(0, len(values) - size, size) if rms(values[at:at + size]) > 1000]
    chosen = []
    for at in reversed(windows):
        if chosen and chosen[-1] - at > gap * rate:
            break
        chosen.append(at)
    return sorted(chosen), size


def pitch_of_windows(values, windows, size, rate):
    """The frequency by the most common interval between rising zero crossings inside the
    windows (the mean of those within 2 samples of it): where the emulator fell behind or ran
    ahead of the card, the sound has gaps or cuts, whose odd intervals this leaves out."""
    intervals = []
    for at in windows:
        part = values[at:at + size]
        crossings = [i for i in range(1, len(part)) if part[i - 1] < 0 <= part[i]]
        intervals += [b - a for a, b in zip(crossings, crossings[1:])]
    if not intervals:
        return 0.0
    common = max(set(intervals), key=lambda n: sum(1 for i in intervals if abs(i - n) <= 2))
    near = [i for i in intervals if abs(i - common) <= 2]
    if len(near) < len(intervals) // 3:
        return 0.0
    return rate * len(near) / sum(near)


def rms(values):
    return math.sqrt(sum(v * v for v in values) / len(values)) if values else 0.0


def loud_stretches(values, rate, threshold=1000, window=0.01):
    """[start, end) sample ranges where the 10 ms RMS is above THRESHOLD."""
    size = int(rate * window)
    stretches, start = [], None
    for at in range(0, len(values) - size, size):
        loud = rms(values[at:at + size]) > threshold
        if loud and start is None:
            start = at
        if not loud and start is not None:
            stretches.append((start, at))
            start = None
    if start is not None:
        stretches.append((start, len(values)))
    return stretches


def pitch(values, rate):
    """The frequency by rising zero crossings, over the middle of the stretch."""
    crossings = [i for i in range(1, len(values)) if values[i - 1] < 0 <= values[i]]
    if len(crossings) < 3:
        return 0.0
    return (len(crossings) - 1) * rate / (crossings[-1] - crossings[0])


def play_tests(yolk, shell, host_nes, data, work):
    share = os.path.join(work, "share")
    os.makedirs(share)
    cans = os.path.join(HERE, "roms/spritecans.nes")
    shutil.copy(cans, share)
    nes15 = os.path.join(data, "homebrew/nes15.nes")
    have_nes15 = os.path.exists(nes15)
    with open(os.path.join(share, "input.nes"), "wb") as file:
        file.write(input_rom())
    script = ("nes --scale 2 --frames 120 --hold /mnt/spritecans.nes; "
              "echo \"status spritecans $?\"; "
              "nes --scale 2 /mnt/input.nes; echo \"status input $?\"; ")
    if have_nes15:
        shutil.copy(nes15, share)
        script += "nes --scale 3 --fps /mnt/nes15.nes; echo \"status nes15 $?\"; "
    else:
        print("SKIP nes15 (input): not in %s" % data)
        RESULTS["skipped"] += 1
    with open(os.path.join(share, "square.nes"), "wb") as file:
        file.write(square_rom())
    script += ("nes --scale 4 /mnt/spritecans.nes; echo \"status too-big $?\"; "
               "nes --scale 0 /mnt/spritecans.nes; echo \"status bad-scale $?\"; "
               "nes --frames 150 /mnt/square.nes; echo \"status square $?\"; echo done")
    wav = os.path.join(work, "play.wav")
    machine = Machine(yolk, shell, work, "play", extra=(
        "--audio=wav:" + wav, "--share", share + ":/mnt", "--", "-c", script))
    try:
        machine.expect(r"nes: playing /mnt/spritecans.nes at scale 2 \(512x480 on 1024x768\), "
                       r"sound on /dev/dsp")
        print("PASS nes plays on the framebuffer with sound on /dev/dsp")
        RESULTS["passed"] += 1
        machine.expect(r"nes: stopped at frame 120", timeout=120)
        machine.connect()
        wanted = expected_screen(host_frame(host_nes, cans, 120, work), 2)
        width, height, got = machine.qmp.screen()
        check("the screen is 1024x768", (width, height) == (WIDTH, HEIGHT),
              "%dx%d" % (width, height))
        check("Sprite Cans' frame 120 on the screen is the host core's, at scale 2, "
              "letterboxed", got == wanted,
              "%d pixels differ" % differing_pixels(got, wanted) if len(got) == len(wanted)
              else "size")
        press(machine, "esc")
        match, _ = machine.expect(r"^status spritecans (\d+)")
        check("Esc quits, status 0", match.group(1) == "0", match.group(1))
        machine.expect(r"nes: playing /mnt/input.nes at scale 2")
        centre = 3 * (WIDTH * (HEIGHT // 2) + WIDTH // 2)

        def red(pixel):
            return pixel[0] > 2 * max(pixel[1], pixel[2])

        def centre_until(done, seconds=20):
            """The picture's centre once DONE holds for it, or as it is after SECONDS."""
            deadline = time.monotonic() + seconds
            while True:
                pixel = tuple(machine.qmp.screen()[2][centre:centre + 3])
                if done(pixel) or time.monotonic() > deadline:
                    return pixel
                time.sleep(0.25)

        # The ROM's first frame shows the power-up palette's backdrop (green), and on a loaded
        # machine the first frames can take a second or more to come: Enter stays held until
        # the red shows (or 20 s pass), so a slow start does not look like a key not seen.
        time.sleep(1)
        before = centre_until(lambda pixel: pixel == (0, 0, 0))
        key_event(machine, "ret", True)
        during = centre_until(red)
        key_event(machine, "ret", False)
        after = centre_until(lambda pixel: not red(pixel))
        check("Enter held over QMP is Start on controller 1: the ROM's backdrop turns from "
              "black to red and back when it is let go (%s, %s, %s)"
              % (tuple(before), tuple(during), tuple(after)),
              before == (0, 0, 0) and red(during) and after == before)
        press(machine, "esc")
        match, _ = machine.expect(r"^status input (\d+)")
        check("Esc quits, status 0 (the input ROM)", match.group(1) == "0", match.group(1))
        if have_nes15:
            machine.expect(r"nes: playing /mnt/nes15.nes at scale 3")
            title = expected_screen(host_frame(host_nes, nes15, 400, work), 3)
            # The --fps counter covers the top left: compare below it.
            top = (HEIGHT - 720) // 2 + 3 * 8
            below = slice(3 * WIDTH * top, None)
            screen = wait_for_screen(machine, title, below, 60)
            check("nes15's title screen is the host core's (below the --fps counter)",
                  screen[2][below] == title[below],
                  "%d pixels differ" % differing_pixels(screen[2][below], title[below]))
            check("the --fps counter is drawn over the picture's top left",
                  screen[2][:3 * WIDTH * top] != title[:3 * WIDTH * top])
            press(machine, "ret")
            deadline, changed = time.monotonic() + 30, False
            while time.monotonic() < deadline and not changed:
                time.sleep(0.5)
                changed = machine.qmp.screen()[2][below] != title[below]
            check("Enter (Start) injected over QMP reaches the controller: the game starts",
                  changed)
            press(machine, "esc")
            match, lines = machine.expect(r"^status nes15 (\d+)")
            check("Esc quits nes15, status 0", match.group(1) == "0", match.group(1))
            summary = [line for line in lines if "frames a second" in line]
            check("--fps prints a summary at the end", bool(summary))
            if summary:
                print("    " + summary[0])
        match, lines = machine.expect(r"^status too-big (\d+)")
        check("a scale that does not fit is refused, status 1", match.group(1) == "1"
              and any("does not fit the 1024x768 screen" in line for line in lines),
              "\n".join(lines))
        match, lines = machine.expect(r"^status bad-scale (\d+)")
        check("a bad --scale is a usage error, status 2", match.group(1) == "2"
              and any("bad value for --scale" in line for line in lines))
        match, lines = machine.expect(r"^status square (\d+)", timeout=120)
        check("a ROM playing a square wave runs its 150 frames and ends, status 0",
              match.group(1) == "0", match.group(1))
        machine.expect("^done")
        status = machine.finish()
        check("the shell goes on and ends with status 0", status == 0, str(status))
    except AssertionError as error:
        check("the play session", False, str(error))
    finally:
        machine.close()
    try:
        channels, rate, bits, values = read_wav(wav)
        check("the sound is recorded as 44,100 Hz 16-bit stereo",
              (channels, rate, bits) == (2, 44100, 16), str((channels, rate, bits)))
        size = rate // 100
        loud = sum(1 for at in range(0, len(values) - size, size)
                   if rms(values[at:at + size]) > 1000) / 100
        check("the games' sound is not silent (%.1f s recorded, %.1f s of it loud)"
              % (len(values) / rate, loud), loud > 1.0)
        mean = sum(values) / len(values)
        check("the sound is centred on 0 (the APU's DC level filtered away; mean %.0f)" % mean,
              abs(mean) < 1000)
        windows, size = last_sound(values, rate)
        got = pitch_of_windows(values, windows, size, rate)
        check("the square wave ROM sounds at %.1f Hz (measured %.1f Hz over %.2f s)"
              % (SQUARE_HZ, got, len(windows) * size / rate),
              abs(got - SQUARE_HZ) < SQUARE_HZ * 0.03 and len(windows) >= 20)
    except (OSError, AssertionError, struct.error) as error:
        check("the recorded sound", False, str(error))


def tone_tests(yolk, tone, work):
    wav = os.path.join(work, "tone.wav")
    result = subprocess.run([yolk, "run", tone, "--audio=wav:" + wav, "--timeout", "120"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with open(os.path.join(work, "tone.log"), "w") as log:
        log.write(result.stdout)
    lines = result.stdout.splitlines()
    for line in lines:
        if line.startswith("ok ") or line.startswith("FAIL "):
            check("dsp_tone: " + line.split(" ", 1)[1], line.startswith("ok "))
    check("dsp_tone ends with status 0", result.returncode == 0 and
          any(line.startswith("tones written, 0 failures") for line in lines),
          result.stdout[-2000:])
    try:
        channels, rate, bits, values = read_wav(wav)
    except (OSError, AssertionError, struct.error) as error:
        check("the tones' recording", False, str(error))
        return
    stretches = [(a, b) for a, b in loud_stretches(values, rate) if b - a > rate // 10]
    check("two tones are heard", len(stretches) >= 2, str(stretches))
    if len(stretches) < 2:
        return
    first, second = stretches[0], stretches[-1]
    for (start, end), wanted, what in ((first, 440, "16-bit stereo at 44,100 Hz"),
                                       (second, 880, "8-bit mono at 22,050 Hz")):
        middle = values[start + (end - start) // 4:end - (end - start) // 4]
        got = pitch(middle, rate)
        check("the tone written as %s is %d Hz (measured %.1f Hz)" % (what, wanted, got),
              abs(got - wanted) < wanted * 0.02)
        length = (end - start) / rate
        check("and lasts 0.6 s (measured %.2f s)" % length, 0.5 < length < 0.75)


def main(arguments):
    yolk, shell, tone, hello, host_nes, data, work = arguments
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    with open(hello, "rb") as file:
        check("hello has no sound driver", b"ac97:" not in file.read())
    with open(tone, "rb") as file:
        check("a program that opens /dev/dsp has it", b"ac97:" in file.read())
    play_tests(yolk, shell, host_nes, data, work)
    tone_tests(yolk, tone, work)
    line = "%d passed, %d failed" % (RESULTS["passed"], RESULTS["failed"])
    if RESULTS["skipped"]:
        line += ", %d skipped" % RESULTS["skipped"]
    print(line)
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
