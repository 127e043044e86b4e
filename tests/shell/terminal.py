# SPDX-License-Identifier: MIT
"""A terminal for driving a Yolk image from tests: `yolk run IMAGE` on a pseudo-terminal, keys
typed into it, and its output waited for with a timeout (what Debian's expect does, in the
standard library only). Expectations match the output with its carriage returns removed."""
import os
import pty
import re
import select
import signal
import time


class Timeout(Exception):
    pass


class Terminal:
    def __init__(self, command, log_path=None):
        self.output = b""  # everything seen
        self.consumed = 0  # where the next expect starts looking
        self.log = open(log_path, "wb") if log_path else None
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvp(command[0], command)

    def _read(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        ready, _, _ = select.select([self.fd], [], [], remaining)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            data = b""
        if not data:
            raise Timeout("the program ended; output so far:\n" + self.tail())
        if self.log:
            self.log.write(data)
            self.log.flush()
        # Carriage returns dropped: the guest's and the host pty's output processing each
        # add theirs, and no test is about them.
        self.output += data.replace(b"\r", b"")
        return True

    def tail(self, size=600):
        return self.output[-size:].decode("utf-8", "replace")

    def expect(self, pattern, timeout=20.0):
        """Waits for PATTERN (a regular expression over bytes or str) after what earlier
        expects consumed; returns the match and consumes up to its end."""
        if isinstance(pattern, str):
            pattern = pattern.encode()
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            match = regex.search(self.output, self.consumed)
            if match:
                self.consumed = match.end()
                return match
            if not self._read(deadline):
                raise Timeout("no %r within %.0f s; output so far:\n%s"
                              % (pattern, timeout, self.tail()))

    def stream_until(self, marker, timeout=60.0):
        """Reads until MARKER (bytes, after carriage returns are dropped) without keeping the
        output (for throughput: megabytes of it); returns how many bytes came, carriage returns
        included. Output after the marker is kept for later expects."""
        deadline = time.monotonic() + timeout
        self.output, self.consumed = self.output[self.consumed:], 0
        total = 0
        while marker not in self.output:
            remaining = deadline - time.monotonic()
            ready = remaining > 0 and select.select([self.fd], [], [], remaining)[0]
            if not ready:
                raise Timeout("no %r within %.0f s" % (marker, timeout))
            data = os.read(self.fd, 1 << 20)
            if not data:
                raise Timeout("the program ended")
            total += len(data)
            # Keep only a tail long enough to hold the marker across two reads.
            self.output = (self.output + data.replace(b"\r", b""))[-(len(marker) + 65536):]
        self.consumed = self.output.index(marker) + len(marker)
        return total

    def send(self, text):
        if isinstance(text, str):
            text = text.encode()
        # Small pieces: a person types, and the guest's input buffer is finite.
        for start in range(0, len(text), 256):
            os.write(self.fd, text[start:start + 256])
            if len(text) > 256:
                self._read(time.monotonic() + 0.02)

    def wait(self, timeout=30.0):
        """Waits for the program to end; returns its exit status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.pid = 0
                return os.waitstatus_to_exitcode(status)
            try:
                self._read(min(deadline, time.monotonic() + 0.1))
            except Timeout:
                pass
        raise Timeout("the program did not end within %.0f s" % timeout)

    def close(self):
        if self.pid:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
            self.pid = 0
        os.close(self.fd)
        if self.log:
            self.log.close()
