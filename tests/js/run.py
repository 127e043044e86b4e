# SPDX-License-Identifier: MIT
"""The JavaScript runner's tests (issue 14): scripts of tests/js/scripts run by `js` in the
shell image in QEMU, their output compared with Node's for the same script on the host (when
Node is installed; otherwise that comparison prints SKIP), exit statuses and error reports
checked, http against real host clients and servers over QEMU's user network, the REPL typed at
over the serial console, and the images `yolk build --js` makes. Prints PASS/FAIL/SKIP per test
and a summary; exits 1 on any failure.
Usage: run.py YOLK SHELL_IMAGE APP_IMAGE HTTP_APP_IMAGE TWO_INTERPRETERS_IMAGE WORK_DIRECTORY"""
import os
import re
import shutil
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "shell"))
from terminal import Terminal, Timeout  # noqa: E402
from ysh import prompt  # noqa: E402

results = {"PASS": 0, "FAIL": 0, "SKIP": 0}


def report(verdict, name, detail=""):
    results[verdict] += 1
    print("%s %s%s" % (verdict, name, (": " + detail) if detail else ""), flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Runner:
    def __init__(self, yolk, image, work):
        self.yolk, self.image, self.work = yolk, image, os.path.abspath(work)
        self.share = os.path.join(work, "share")
        shutil.rmtree(self.share, ignore_errors=True)
        shutil.copytree(os.path.join(HERE, "scripts"), self.share)
        self.node = shutil.which("node") or shutil.which("nodejs")

    def yolk_js(self, arguments, net=None, timeout=120):
        """Runs `js ARGUMENTS` (a shell command line) in the guest, in /mnt (the share)."""
        command = [self.yolk, "run", self.image, "--share", self.share + ":/mnt",
                   "--timeout", str(timeout)]
        if net:
            command += ["--net", net]
        command += ["--", "-c", "cd /mnt && js " + arguments]
        return subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=timeout + 30)

    def node_js(self, arguments, cwd):
        return subprocess.run([self.node] + arguments, cwd=cwd, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=60)


def text(data):
    return data.decode("utf-8", "replace")


def compare_with_node(runner, name, script, guest_arguments="", host_arguments=None):
    """The script's stdout and status in Yolk; the same as Node's on the host."""
    result = runner.yolk_js(script + (" " + guest_arguments if guest_arguments else ""))
    if result.returncode != 0:
        report("FAIL", name, "status %d, stderr:\n%s" % (result.returncode, text(result.stderr)))
        return
    if not result.stdout:
        report("FAIL", name, "no output")
        return
    if not runner.node:
        report("PASS", name + " (runs)")
        report("SKIP", name + " compared with Node", "node is not installed")
        return
    host = runner.node_js([script] + (host_arguments or []), runner.share)
    if host.stdout != result.stdout:
        report("FAIL", name, "differs from Node:\n--- node (status %d)\n%s%s--- yolk\n%s" %
               (host.returncode, text(host.stdout), text(host.stderr), text(result.stdout)))
        return
    report("PASS", name + " (same output as Node, %d lines)" % result.stdout.count(b"\n"))


def expect_run(runner, name, arguments, status, stdout=(), stderr=(), absent=(), net=None):
    """`js ARGUMENTS` ends with STATUS, its stdout and stderr match the patterns given."""
    result = runner.yolk_js(arguments, net=net)
    out, err = text(result.stdout), text(result.stderr)
    problems = []
    if result.returncode != status:
        problems.append("status %d, not %d" % (result.returncode, status))
    problems += ["stdout lacks %r" % p for p in stdout if not re.search(p, out, re.M)]
    problems += ["stderr lacks %r" % p for p in stderr if not re.search(p, err, re.M)]
    problems += ["%r is there" % p for p in absent if re.search(p, out + err, re.M)]
    if problems:
        report("FAIL", name, "; ".join(problems) + "\nstdout:\n%s\nstderr:\n%s" % (out, err))
    else:
        report("PASS", name)
    return result


def test_scripts(runner):
    compare_with_node(runner, "console formatting of 30 values and placeholders",
                      "console_format.js")
    compare_with_node(runner, "modules: cycles, JSON, index.js, package.json main, "
                      "nested node_modules", "modules/main.js")
    compare_with_node(runner, "timer and microtask order", "timers_order.js")
    compare_with_node(runner, "promises", "promises.js")
    compare_with_node(runner, "deep recursion is a RangeError", "deep_recursion.js")
    host_directory = os.path.join(runner.work, "node-fs")
    os.makedirs(host_directory, exist_ok=True)
    compare_with_node(runner, "fs round trips on ramfs (/tmp)", "fs_roundtrip.js", "/tmp",
                      [host_directory])
    os.makedirs(os.path.join(runner.share, "ninep"), exist_ok=True)
    compare_with_node(runner, "fs round trips on a 9P share", "fs_roundtrip.js",
                      "/mnt/ninep", [host_directory])


def test_statuses_and_errors(runner):
    expect_run(runner, "process.exit(3) ends at once", "exit_codes.js exit3", 3,
               stdout=[r"^exit event 3$"], absent=[r"never", r"not printed"])
    expect_run(runner, "process.exitCode after the loop", "exit_codes.js exitcode4", 4,
               stdout=[r"the loop still runs", r"^exit event 4$"])
    expect_run(runner, "an error thrown in a timer: status 1", "exit_codes.js throw", 1,
               stderr=[r"Error: from a timer", r"at .*\(/mnt/exit_codes\.js:16\)"])
    expect_run(runner, "an unhandled rejection: status 1", "exit_codes.js reject", 1,
               stderr=[r"Error: not handled"])
    expect_run(runner, "a normal end: status 0", "exit_codes.js", 0,
               stdout=[r"^normal$", r"^exit event 0$"])
    expect_run(runner, "an uncaught error's message and stack", "uncaught_error.js", 1,
               stdout=[r"^before$"],
               stderr=[r"^/mnt/uncaught_error\.js:3$", r"throw new TypeError",
                       r"^TypeError: inner went wrong$",
                       r"^\s+at inner \(/mnt/uncaught_error\.js:3\)$",
                       r"^\s+at outer \(/mnt/uncaught_error\.js:6\)$",
                       r"\(/mnt/uncaught_error\.js:9\)$"],
               absent=[r"not reached", r"<js>", r"preventsyield"])
    # Duktape reports no column: apps/js/syntax_position.c finds it (the caret as Node's).
    expect_run(runner, "a syntax error's file, line and column", "syntax_error.js", 1,
               stderr=[r"^/mnt/syntax_error\.js:4:18$", r"^var broken = ok \+\* 2;$",
                       r"^ {17}\^$", r"^SyntaxError: parse error \(line 4, column 18\)$"],
               absent=[r"not printed"])
    expect_run(runner, "syntax errors' columns: line 1 of a module, -e code",
               "-e 'require(\"./syntax_error_module\")'; js -e 'var a = foo bar'", 1,
               stderr=[r"^/mnt/syntax_error_module\.js:1:17$", r"^exports\.value = \) 1;",
                       r"^ {16}\^$", r"\(line 1, column 17\)$",
                       r"^\[eval\]:1:13$", r"^ {12}\^$",
                       r"^SyntaxError: unterminated statement \(line 1, column 13\)$"])
    expect_run(runner, "js -e with require", "-e 'console.log(require(\"fs\")"
               ".readdirSync(\"/proc\").length)'", 0, stdout=[r"^[1-9][0-9]*$"])
    expect_run(runner, "child_process is absent, and says why",
               "-e 'require(\"child_process\")'", 1,
               stderr=[r"Cannot find module 'child_process': there are no processes"])
    expect_run(runner, "a missing file", "/mnt/nothing.js", 1,
               stderr=[r"Cannot find module '/mnt/nothing\.js'"])
    expect_run(runner, "a bad option", "--frobnicate", 2,
               stderr=[r"js: --frobnicate: unknown option", r"Usage: js"])
    expect_run(runner, "os and process", "-e 0 && export JS_VAR=from-the-shell && js "
               "-e 'var os = require(\"os\"); console.log("
               "process.platform, os.cpus().length > 0, os.totalmem() > os.freemem(), "
               "typeof os.hostname(), process.argv.length, process.cwd(), "
               "process.memoryUsage().heapUsed > 0, process.hrtime().length); "
               "process.chdir(\"/proc\"); console.log(process.cwd(), process.env.JS_VAR, "
               "typeof process.pid, process.pid > 0, os.uptime() >= 0)' a b",
               0, stdout=[r"^yolk true true string 3 /mnt true 2$",
                          r"^/proc from-the-shell number true true$"])
    expect_run(runner, "JS_PATH, print, printf, process.stdout.write",
               "-e 'print(\"p\", 1, [2]); printf(\"%s=%d;\", \"x\", 5); "
               "process.stdout.write(\"w\\n\")' && cd / && "
               "export JS_PATH=/mnt/modules/node_modules && js -e "
               "'console.log(require(\"withmain\")(), require(\"outer\").name)'", 0,
               stdout=[r"^p 1 \[ 2 \]$", r"^x=5;w$", r"^withmain via package\.json main outer$"])
    expect_run(runner, "sys port I/O (the serial port's scratch register, fw_cfg's signature)",
               "sys_ports.js", 0,
               stdout=[r"^scratch 5a a5$", r"^fw_cfg QEMU 554d4551 4320 47464320$",
                       r"^in8 RangeError$", r"^in16 RangeError$", r"^in32 RangeError$",
                       r"^out8 RangeError$"])


def test_http(runner):
    # http.get of a server on the host (QEMU's user network: the host is 10.0.2.2).
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                               "127.0.0.1", "--directory", runner.share],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):  # until it accepts (bounded)
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        expect_run(runner, "http.get of a host server",
                   "http_get.js http://10.0.2.2:%d/app_fs/helper.js" % port, 0,
                   stdout=[r"^status 200 (text|application)/javascript",
                           r"^body \"exports\.greeting = 'helper from --fs';\\n\"$"],
                   net="user")
    finally:
        server.terminate()
        server.wait()
    expect_run(runner, "http.get of a closed port: ECONNREFUSED",
               "http_get.js http://10.0.2.2:%d/" % free_port(), 1,
               stdout=[r"^error ECONNREFUSED"], net="user")
    test_http_server(runner)


def curl(arguments, attempts):
    for _ in range(attempts):
        result = subprocess.run(["curl", "-s", "-m", "5", "-i"] + arguments,
                                capture_output=True, timeout=30)
        if result.returncode == 0:
            return text(result.stdout)
        time.sleep(0.3)
    return None


def test_http_server(runner):
    """http.createServer in the guest, hit by curl through a hostfwd on 127.0.0.1."""
    port = free_port()
    command = [runner.yolk, "run", runner.image, "--share", runner.share + ":/mnt",
               "--timeout", "120", "--net", "user:hostfwd=tcp:127.0.0.1:%d-:8080" % port,
               "--", "-c", "js /mnt/http_server.js 8080 3"]
    guest = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    try:
        url = "http://127.0.0.1:%d" % port
        first = curl([url + "/hello"], 100)
        second = curl(["-d", "0123456789", url + "/post"], 3)
        third = curl(["-H", "Content-Type: application/json", "-d", '{"x": 1}',
                      url + "/json"], 3)
        out, err = guest.communicate(timeout=60)
    finally:
        if guest.poll() is None:
            guest.kill()
            guest.wait()
    problems = []
    if not first or not re.search(r"HTTP/1.1 200 OK", first) or \
            "hello from yolk GET /hello 0" not in first:
        problems.append("GET: %r" % first)
    if not second or "hello from yolk POST /post 10" not in second:
        problems.append("POST: %r" % second)
    if not third or not re.search(r"HTTP/1.1 201 Created", third) or \
            '{"method":"POST","body":"{\\"x\\": 1}","served":3}' not in third:
        problems.append("JSON: %r" % third)
    if guest.returncode != 0 or b"closed after 3" not in out:
        problems.append("guest status %s, output %r %r" % (guest.returncode, out, err))
    if problems:
        report("FAIL", "http.createServer hit by curl", "; ".join(problems))
    else:
        report("PASS", "http.createServer hit by curl (3 requests, then closed)")


def test_repl(runner):
    """The REPL over the serial console (over a pseudo-terminal: the integration test
    js_repl_pty)."""
    log = os.path.join(runner.work, "repl.log")
    term = Terminal([runner.yolk, "run", runner.image, "--timeout", "300"], log)
    steps = [
        ("multi-line input and Node-like results", [
            ("var o = {a: 1, b: [1, 2]}", r"undefined\n> "),
            ("o", r"\{ a: 1, b: \[ 1, 2 \] \}\n> "),
            ("function f() {", r"\n\.\.\. "),
            ("  return 42", r"\n\.\.\. "),
            ("}", r"undefined\n> "),
            ("f()", r"42\n> "),
            ("'a' +", r"\n\.\.\. "),
            ("'b'", r"'ab'\n> "),
            ("{x: 1}", r"\{ x: 1 \}\n> "),
        ]),
        ("a syntax error is not incomplete input, and names line and column", [
            ("var = 3", r"REPL\d+:1:5\r?\nvar = 3\r?\n    \^\r?\n\r?\n"
             r"Uncaught SyntaxError: invalid variable declaration \(line 1, column 5\)"),
            ("_ = 7", r"7\n> "),
            ("var a = foo bar", r"REPL\d+:1:13\r?\n.*\r?\n {12}\^\r?\n\r?\n"
             r"Uncaught SyntaxError: unterminated statement"),
            ("'line' + 2", r"'line2'\n> "),
        ]),
        ("errors, and the session goes on", [
            ("throw new Error('thrown')", r"Uncaught Error: thrown"),
            ("require('path').join('a', 'b')", r"'a/b'\n> "),
        ]),
    ]
    try:
        prompt(term, 120)
        term.send("js\r")
        term.expect(r"Type \".help\"", 30)
        term.expect(r"> ")
        for name, lines in steps:
            try:
                for line, wanted in lines:
                    term.send(line + "\r")
                    term.expect(wanted, 20)
                report("PASS", "REPL: " + name)
            except Timeout as error:
                report("FAIL", "REPL: " + name, str(error))
                term.send("\x15\r")
                term.expect(r"> ", 20)
        try:
            term.send("o.\t\t")
            term.expect(r"o\.a\s+o\.b\n", 20)
            term.send("\x15consol\t")
            term.expect(r"console", 20)
            term.send(".lo\t")
            term.expect(r"log", 20)
            term.send("('completed')\r")
            term.expect(r"\ncompleted\n", 20)
            term.expect(r"> ", 20)
            report("PASS", "REPL: Tab completes globals and properties")
        except Timeout as error:
            report("FAIL", "REPL: Tab completion", str(error))
            term.send("\x15\r")
        try:
            term.send("\x1b[A")
            term.expect(r"console\.log\('completed'\)", 20)
            term.send("\r")
            term.expect(r"\ncompleted\n", 20)
            term.expect(r"> ", 20)
            report("PASS", "REPL: the up arrow recalls the last line")
        except Timeout as error:
            report("FAIL", "REPL: history", str(error))
            term.send("\x15\r")
        try:
            term.send("var n = 0; while (true) { n++; }\r")
            # The line's echo first: a ^C that came while the editor still had the terminal
            # in raw mode would be a byte of input, not a signal.
            term.expect(r"n\+\+; \}\n", 30)
            time.sleep(2)
            term.send("\x03")
            term.expect(r"Script execution interrupted\.", 30)
            term.expect(r"> ", 20)
            term.send("n > 0\r")
            term.expect(r"true\n> ", 20)
            report("PASS", "REPL: Ctrl-C stops while(true){} and the REPL goes on")
        except Timeout as error:
            report("FAIL", "REPL: Ctrl-C of a running loop", str(error))
        term.send("\x04")
        prompt(term, 20)
        term.send("echo js-status=$?\r")
        term.expect(r"js-status=0", 20)
        report("PASS", "REPL: Ctrl-D leaves it, back to the shell")
        term.send("cat $HOME/.js_history\r")
        term.expect(r"\nvar o = \{a: 1, b: \[1, 2\]\}\n(.*\n)*console\.log\('completed'\)\n", 20)
        prompt(term, 20)
        report("PASS", "REPL: its history is kept in $HOME/.js_history")
        term.send("js -e 'while (true) {}'\r")
        term.expect(r"while \(true\) \{\}'\n", 30)
        time.sleep(2)
        term.send("\x03")
        term.expect(r"js: interrupted", 30)
        prompt(term, 20)
        term.send("echo script-status=$?\r")
        term.expect(r"script-status=130", 20)
        report("PASS", "Ctrl-C stops a script: status 130")
    except Timeout as error:
        report("FAIL", "REPL session", str(error))


def test_built_images(runner, app_image, http_image):
    """Images that `yolk build --js` made: the script is main, --fs modules beside it, the
    network stack only in the one whose script requires http."""
    result = subprocess.run([runner.yolk, "run", app_image, "--timeout", "60", "--", "5",
                             "and more"], capture_output=True, timeout=90)
    out = text(result.stdout)
    if result.returncode == 5 and "app 5 and more helper from --fs /app.js" in out:
        report("PASS", "yolk build --js: the runner with app.js built in")
    else:
        report("FAIL", "yolk build --js", "status %d, %r %r" % (result.returncode, out,
                                                                 text(result.stderr)))
    symbols = {}
    for image in (app_image, http_image):
        listing = subprocess.run(["nm", image], capture_output=True, timeout=60).stdout
        symbols[image] = re.search(rb" [tT] tcp_input$", listing, re.M) is not None
    if not symbols[app_image] and symbols[http_image]:
        report("PASS", "yolk build --js: the network stack only with require('http')")
    else:
        report("FAIL", "yolk build --js: network stack", "tcp_input in app: %s, in http app: %s"
               % (symbols[app_image], symbols[http_image]))


def test_two_interpreters(runner, image):
    result = subprocess.run([runner.yolk, "run", image, "--timeout", "60"], capture_output=True,
                            timeout=90)
    out = text(result.stdout)
    if result.returncode == 0 and out.count("PASS interpreter") == 2:
        report("PASS", "two interpreters at once in one image, each on its thread")
    else:
        report("FAIL", "two interpreters in one image", "status %d, %r %r" %
               (result.returncode, out, text(result.stderr)))


def main():
    yolk, image, app_image, http_image, two_image, work = sys.argv[1:7]
    os.makedirs(work, exist_ok=True)
    runner = Runner(yolk, image, work)
    if not runner.node:
        print("SKIP comparisons with Node: node is not installed (Debian's nodejs)")
    test_scripts(runner)
    test_statuses_and_errors(runner)
    test_http(runner)
    test_repl(runner)
    test_built_images(runner, app_image, http_image)
    test_two_interpreters(runner, two_image)
    print("%d passed, %d failed, %d skipped" % (results["PASS"], results["FAIL"],
                                                   results["SKIP"]))
    sys.exit(1 if results["FAIL"] or not results["PASS"] else 0)


if __name__ == "__main__":
    main()
