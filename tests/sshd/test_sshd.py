# SPDX-License-Identifier: MIT
"""The sshd tests: the default image (the shell) boots on QEMU's user network with sshd
forwarded to 127.0.0.1 only, and Debian's OpenSSH clients (ssh, scp, sftp) talk to it with a
key pair, a known_hosts file and a password file the test makes in its own folder (shared into
the guest over 9P, where the host key is made and kept). Bad input comes from raw sockets.
Every loop is bounded in count and time. Prints PASS/FAIL per test and "N passed, N failed".
Usage: test_sshd.py YOLK IMAGE WORK_DIRECTORY"""
import concurrent.futures
import fcntl
import hashlib
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import termios
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "shell"))
from terminal import Terminal  # noqa: E402

YOLK, IMAGE, WORK = sys.argv[1:4]
TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools")
SHARE = os.path.join(WORK, "share")
PASSWORD = "correct horse battery staple"
LOGIN_GRACE = 10  # seconds: sshd -g
BOOT_TIMEOUT = 90


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Guest:
    """The shell image running `sshd` on its console, its output in a log file."""

    def __init__(self, name="guest", options=("--share", f"{SHARE}:/mnt"),
                 sshd=f"sshd -v -a /mnt/authorized_keys -k /mnt/keys "
                      f"--password-file /mnt/password -g {LOGIN_GRACE}"):
        self.port = free_port()
        self.log_path = os.path.join(WORK, name + ".log")
        command = [YOLK, "run", IMAGE, "--mem", "256M", "--timeout", "900",
                   "--net", f"user:hostfwd=tcp:127.0.0.1:{self.port}-:22", *options,
                   "--", "-c", sshd]
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        self.wait_for(r"sshd: listening on port 22")

    def output(self):
        with open(self.log_path, "rb") as log:
            return log.read().decode(errors="replace").replace("\r", "")

    def wait_for(self, pattern, timeout=BOOT_TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = re.search(pattern, self.output(), re.M)
            if match:
                return match
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"no /{pattern}/ in the console:\n{self.output()[-3000:]}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


guest = None


def path(name):
    return os.path.join(WORK, name)


def write_known_hosts(public_key=os.path.join(SHARE, "keys", "ssh_host_ed25519_key.pub"),
                      port=None):
    with open(public_key) as public:
        kind, key = public.read().split()[:2]
    with open(path("known_hosts"), "w") as known:
        known.write(f"[127.0.0.1]:{port or guest.port} {kind} {key}\n")


def ssh_options(key="id_ed25519", batch=True, host_keys="yes"):
    # (ssh takes the first value it is given for an option.)
    return ["-F", "/dev/null", "-o", f"UserKnownHostsFile={path('known_hosts')}",
            "-o", f"StrictHostKeyChecking={host_keys}", "-o", f"BatchMode={'yes' if batch else 'no'}",
            "-o", "ConnectTimeout=60", "-o", "LogLevel=ERROR", "-o", "IdentitiesOnly=yes",
            "-i", path(key)]


def ssh(command, key="id_ed25519", options=(), input=None, timeout=120):
    return subprocess.run(["ssh", "-p", str(guest.port), *ssh_options(key), *options,
                           "root@127.0.0.1", command], input=input, capture_output=True,
                          timeout=timeout)


def ssh_with_password(password, command="echo logged in", prompts=1, timeout=120):
    askpass = path("askpass")
    environment = dict(os.environ, SSH_ASKPASS=askpass, SSH_ASKPASS_REQUIRE="force",
                       YOLK_TEST_PASSWORD=password, DISPLAY=":0")
    options = ["-o", "PreferredAuthentications=password",
               "-o", "PubkeyAuthentication=no", "-o", f"NumberOfPasswordPrompts={prompts}"]
    return subprocess.run(["ssh", "-p", str(guest.port), *ssh_options(batch=False), *options,
                           "root@127.0.0.1", command], capture_output=True, timeout=timeout,
                          env=environment, stdin=subprocess.DEVNULL)


def set_up():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(SHARE)
    for name in ("id_ed25519", "other_ed25519"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name,
                        "-f", path(name)], check=True)
    shutil.copy(path("id_ed25519.pub"), os.path.join(SHARE, "authorized_keys"))
    # Fewer iterations than the default: the 200 failed logins hash 200 times in a guest
    # under TCG.
    hashed = subprocess.run([os.path.join(TOOLS, "sshd-password-hash"), "--iterations", "2000"],
                            input=PASSWORD + "\n",
                            capture_output=True, text=True, check=True).stdout
    with open(os.path.join(SHARE, "password"), "w") as password_file:
        password_file.write("# made by tools/sshd-password-hash\n" + hashed)
    with open(path("askpass"), "w") as askpass:
        askpass.write('#!/bin/sh\nprintf "%s\\n" "$YOLK_TEST_PASSWORD"\n')
    os.chmod(path("askpass"), 0o755)


# ---- the tests ---------------------------------------------------------------------------------

def test_host_key_made_at_first_start():
    log = guest.output()
    assert "made the host key /mnt/keys/ssh_host_ed25519_key" in log, log
    fingerprint = re.search(r"sshd: host key (SHA256:\S+)", log).group(1)
    listed = subprocess.run(["ssh-keygen", "-lf",
                             os.path.join(SHARE, "keys", "ssh_host_ed25519_key.pub")],
                            capture_output=True, text=True, check=True).stdout
    assert fingerprint in listed and "ED25519" in listed, (fingerprint, listed)
    write_known_hosts()


def test_public_key_login():
    result = ssh("echo hello from $USER")
    assert result.returncode == 0, result
    assert result.stdout == b"hello from root\n", result


def test_wrong_key_refused():
    result = ssh("echo should not run", key="other_ed25519")
    assert result.returncode == 255, result
    assert b"Permission denied" in result.stderr and b"should not run" not in result.stdout, \
        result


def test_password_login():
    result = ssh_with_password(PASSWORD, "echo password ok")
    assert result.returncode == 0 and result.stdout == b"password ok\n", result


def test_wrong_password_refused():
    result = ssh_with_password("not the password", "echo should not run")
    assert result.returncode == 255 and b"Permission denied" in result.stderr, result
    assert b"should not run" not in result.stdout, result


def test_exec_exit_status():
    assert ssh("true").returncode == 0
    result = ssh("echo before; exit 3")
    assert result.returncode == 3 and result.stdout == b"before\n", result


def test_exec_proc_count():
    names = ssh("ls /proc")
    counted = ssh("ls /proc | wc -l")
    assert names.returncode == 0 and counted.returncode == 0, (names, counted)
    assert int(counted.stdout) == len(names.stdout.split()) > 3, (names.stdout, counted.stdout)


def test_exec_input_and_error_streams():
    data = os.urandom(48 * 1024).hex().encode() + b"\n"
    result = ssh("cat", input=data)
    assert result.returncode == 0 and result.stdout == data, (result.returncode, result.stderr)
    result = ssh("ls /no/such/path")
    assert result.returncode != 0 and result.stdout == b"", result
    assert b"/no/such/path" in result.stderr, result


def test_exec_environment():
    result = ssh("echo $YOLK_GREETING", options=["-o", "SetEnv=YOLK_GREETING=hi-there"])
    assert result.returncode == 0 and result.stdout == b"hi-there\n", result


def test_hash_password_in_the_image():
    result = ssh("echo s3cret | sshd --hash-password")
    assert result.returncode == 0, result
    match = re.fullmatch(rb"pbkdf2-sha256:(\d+):([0-9a-f]{32}):([0-9a-f]{64})\n", result.stdout)
    assert match, result.stdout
    iterations, salt, digest = int(match[1]), bytes.fromhex(match[2].decode()), match[3].decode()
    assert hashlib.pbkdf2_hmac("sha256", b"s3cret", salt, iterations, 32).hex() == digest


def window_size(terminal, rows, columns):
    fcntl.ioctl(terminal.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


def interactive_session():
    command = ["sh", "-c", 'stty rows 24 cols 80 && exec "$@"', "sh", "ssh", "-tt",
               "-p", str(guest.port), *ssh_options(), "root@127.0.0.1"]
    return Terminal(command, path("interactive.log"))


def test_interactive_terminal():
    terminal = interactive_session()
    try:
        terminal.expect(r"root@yolk:/root# ", timeout=60)
        terminal.send("echo abX\x7fc\n")  # a typo rubbed out
        terminal.expect(r"\nabc\n")
        terminal.send("echo ac\x1b[Db\n")  # the cursor moved left, a letter put in
        terminal.expect(r"\nabc\n")
        terminal.send("stty size\n")
        terminal.expect(r"\n24 80\n")
        window_size(terminal, 40, 100)  # the host's pty tells ssh (SIGWINCH): window-change
        time.sleep(1)
        terminal.send("stty size\n")
        terminal.expect(r"\n40 100\n")
        terminal.send("sleep 100\n")
        time.sleep(1)
        started = time.monotonic()
        terminal.send("\x03")
        terminal.expect(r"root@yolk:/root# ", timeout=30)
        assert time.monotonic() - started < 30
        terminal.send("echo status $?\n")
        terminal.expect(r"status 130\n")
        terminal.send("exit\n")
        assert terminal.wait(30) == 0
    finally:
        terminal.close()
    assert ssh("echo still serving").stdout == b"still serving\n"


def test_client_gone_mid_session():
    closed_before = guest.output().count(": closed")
    terminal = interactive_session()
    try:
        terminal.expect(r"root@yolk:/root# ", timeout=60)
        terminal.send("sleep 100\n")
        time.sleep(1)
        os.kill(terminal.pid, signal.SIGKILL)  # no close, no EOF: the connection just drops
        terminal.wait(10)
    finally:
        terminal.close()
    guest.wait_for(r"the client is gone: its session is hung up", timeout=30)
    deadline = time.monotonic() + 30
    while guest.output().count(": closed") == closed_before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert guest.output().count(": closed") > closed_before, guest.output()[-2000:]
    assert ssh("echo still serving").stdout == b"still serving\n"


def test_default_paths():
    """`sshd` with no options: /root/.ssh/authorized_keys (here from an initrd), the host key
    made in /etc/ssh."""
    root = path("initrd-root")
    os.makedirs(os.path.join(root, "root", ".ssh"))
    shutil.copy(path("id_ed25519.pub"), os.path.join(root, "root", ".ssh", "authorized_keys"))
    with open(path("keys.cpio"), "wb") as archive:
        subprocess.run(["cpio", "-o", "-H", "newc", "--quiet"], cwd=root, stdout=archive,
                       input=b"root\nroot/.ssh\nroot/.ssh/authorized_keys\n", check=True)
    other = Guest("default", options=("--initrd", path("keys.cpio")), sshd="sshd")
    try:
        other.wait_for(r"made the host key /etc/ssh/ssh_host_ed25519_key")
        saved = path("known_hosts.saved")
        shutil.copy(path("known_hosts"), saved)
        with open(path("known_hosts"), "w") as known:
            known.write("")
        result = subprocess.run(["ssh", "-p", str(other.port),
                                 *ssh_options(host_keys="accept-new"), "root@127.0.0.1",
                                 "cat /etc/ssh/ssh_host_ed25519_key.pub"],
                                capture_output=True, timeout=120)
        assert result.returncode == 0 and result.stdout.startswith(b"ssh-ed25519 "), result
        with open(path("known_hosts")) as known:  # what the client saw is the key made there
            assert result.stdout.split()[1].decode() in known.read()
        shutil.copy(saved, path("known_hosts"))
    finally:
        other.stop()


def test_two_sessions_with_their_own_directories():
    sessions = [subprocess.Popen(["ssh", "-T", "-p", str(guest.port), *ssh_options(),
                                  "root@127.0.0.1"], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(2)]
    try:
        for session, directory in zip(sessions, ("/tmp", "/proc")):
            session.stdin.write(f"cd {directory}\n".encode())
            session.stdin.flush()
        time.sleep(2)  # both at once: each has its cd done before either prints
        for session in sessions:
            session.stdin.write(b"pwd\nexit\n")
            session.stdin.flush()
        outputs = [session.communicate(timeout=60)[0] for session in sessions]
    finally:
        for session in sessions:
            if session.poll() is None:
                session.kill()
    assert re.search(rb"^/tmp$", outputs[0], re.M), outputs
    assert re.search(rb"^/proc$", outputs[1], re.M), outputs
    assert all(session.returncode == 0 for session in sessions), outputs


def sha256(file_name):
    with open(file_name, "rb") as data:
        return hashlib.sha256(data.read()).hexdigest()


def test_scp_both_ways():
    with open(path("upload.bin"), "wb") as upload:
        upload.write(os.urandom(10 * 1024 * 1024))
    scp = ["scp", "-P", str(guest.port), *ssh_options()]
    result = subprocess.run([*scp, path("upload.bin"), "root@127.0.0.1:/tmp/upload.bin"],
                            capture_output=True, timeout=300)
    assert result.returncode == 0, result
    size = ssh("wc -c < /tmp/upload.bin")
    assert size.stdout.strip() == str(10 * 1024 * 1024).encode(), size
    result = subprocess.run([*scp, "root@127.0.0.1:/tmp/upload.bin", path("download.bin")],
                            capture_output=True, timeout=300)
    assert result.returncode == 0, result
    assert sha256(path("download.bin")) == sha256(path("upload.bin"))
    ssh("rm /tmp/upload.bin")


def test_sftp_batch():
    with open(path("sftp.txt"), "wb") as text:
        text.write(b"sftp's file\n" * 1000)
    batch = path("sftp.batch")
    with open(batch, "w") as commands:
        commands.write(f"mkdir /tmp/sftp-dir\nput {path('sftp.txt')} /tmp/sftp-dir/file\n"
                       f"ls -l /tmp/sftp-dir\nget /tmp/sftp-dir/file {path('sftp-back.txt')}\n"
                       "rename /tmp/sftp-dir/file /tmp/sftp-dir/moved\nls /tmp/sftp-dir\n"
                       "rm /tmp/sftp-dir/moved\nrmdir /tmp/sftp-dir\n")
    result = subprocess.run(["sftp", "-P", str(guest.port), *ssh_options(), "-b", batch,
                             "root@127.0.0.1"], capture_output=True, timeout=120)
    assert result.returncode == 0, result
    assert re.search(rb"-rw-r--r-- .* 12000 .* file", result.stdout), result.stdout
    assert b"/tmp/sftp-dir/moved" in result.stdout, result.stdout
    assert sha256(path("sftp-back.txt")) == sha256(path("sftp.txt"))
    assert ssh("ls /tmp").stdout.find(b"sftp-dir") < 0


def banner(connection):
    connection.settimeout(60)
    data = b""
    while b"\n" not in data:
        chunk = connection.recv(256)
        assert chunk, "closed before its banner"
        data += chunk
    assert data.startswith(b"SSH-2.0-"), data
    return data


def closed_within(connection, seconds):
    """Whether the server closes CONNECTION within SECONDS (what it sends is read and
    dropped)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        connection.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            if not connection.recv(65536):
                return True
        except socket.timeout:
            return False
        except (ConnectionResetError, BrokenPipeError):
            return True
    return False


def test_bad_input_garbage_after_the_banner():
    random = os.urandom(4096)
    for greeting in (b"", b"SSH-2.0-garbage\r\n"):
        with socket.create_connection(("127.0.0.1", guest.port)) as connection:
            banner(connection)
            try:
                connection.sendall(greeting + random)
            except (ConnectionResetError, BrokenPipeError):
                pass
            assert closed_within(connection, 30), "the server kept a garbage connection open"
    assert ssh("echo fine").stdout == b"fine\n"


def test_bad_input_silent_client_dropped():
    with socket.create_connection(("127.0.0.1", guest.port)) as silent:
        banner(silent)
        started = time.monotonic()
        # Others are served meanwhile.
        served = ssh("echo served while one is silent")
        assert served.returncode == 0, served
        assert closed_within(silent, LOGIN_GRACE + 30), "a silent client was never dropped"
        waited = time.monotonic() - started
    assert waited >= LOGIN_GRACE - 2, f"dropped after {waited:.1f} s, before the grace time"
    assert re.search(rf"not logged in after {LOGIN_GRACE} s: dropped", guest.output())


def test_bad_input_200_failed_logins():
    def refusals():
        return guest.output().count("password login of root refused") - refusals_before

    refusals_before = guest.output().count("password login of root refused")
    started = time.monotonic()
    results = []
    # Connections of 3 wrong passwords each, 7 at a time (under sshd's 8 unauthenticated
    # connections: one that would be a ninth is dropped before it may guess), until 200 are
    # refused; 100 connections at most.
    with concurrent.futures.ThreadPoolExecutor(7) as pool:
        while refusals() < 200 and len(results) < 100:
            results += pool.map(lambda _: ssh_with_password("wrong", prompts=3, timeout=120),
                                range(7))
    elapsed = time.monotonic() - started
    assert all(result.returncode == 255 for result in results)
    assert not any(b"logged in" in result.stdout for result in results)
    assert refusals() >= 200, f"{refusals()} refusals logged in {len(results)} connections"
    # The rate limit: a wrong password is answered after a second, so 7 connections at a
    # time get no more than 7 guesses a second.
    assert elapsed >= refusals() / 7 * 0.9, f"{refusals()} refusals in {elapsed:.1f} s"
    print(f"  {refusals()} refused passwords in {len(results)} connections, {elapsed:.1f} s",
          flush=True)
    assert ssh_with_password(PASSWORD).returncode == 0
    assert ssh("echo still serving").stdout == b"still serving\n"


def test_host_key_kept_across_boots():
    global guest
    fingerprint = re.search(r"sshd: host key (SHA256:\S+)", guest.output()).group(1)
    guest.stop()
    guest = Guest()
    log = guest.output()
    assert "made the host key" not in log, log
    assert f"host key {fingerprint}" in log, log
    write_known_hosts()  # same key, new port
    assert ssh("echo same key").stdout == b"same key\n"


def main():
    global guest
    set_up()
    guest = Guest()
    tests = [(name, function) for name, function in globals().items()
             if name.startswith("test_") and callable(function)]
    only = os.environ.get("SSHD_TESTS", "").split()
    passed = failed = 0
    try:
        for name, function in tests:
            if only and name not in only and name != "test_host_key_made_at_first_start":
                continue
            started = time.monotonic()
            try:
                function()
                passed += 1
                print(f"PASS {name} ({time.monotonic() - started:.1f} s)", flush=True)
            except Exception as error:  # a test's failure, whatever it was
                failed += 1
                print(f"FAIL {name}: {type(error).__name__}: {error}", flush=True)
    finally:
        guest.stop()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
