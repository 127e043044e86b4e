#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: tests/streams/streams.sh OUT
# yolk run as a program runner: standard input, output and error that are pipes or files are
# byte streams (pipelines, binary data byte-exact, end of file, a slow reader, each stream
# where it was sent, kernel messages and crash reports kept out of stdout), and terminals stay
# the console (isatty per descriptor on a pseudo-terminal, through script(1)); arguments
# byte-exact through PVH and an ISO; the default environment, --cwd; the refusals before QEMU
# starts. Ends with the count.
set -uo pipefail
. "$(dirname "$0")/../suite.sh"
suite_setup "$@"
here=tests/streams
limit=120

for program in stream_cat stream_probe; do
	"$yolk" build -o "$out/$program.elf" "$here/$program.c" >"$out/$program.build.log" 2>&1 ||
		{ fail "$program builds"; cat "$out/$program.build.log"; suite_end; exit 1; }
done
cat_elf=$out/stream_cat.elf probe=$out/stream_probe.elf

# Passes when the two values are equal.
check_equal() { # NAME EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1 (expected '$2', got '$3')"; fi
}

# Passes when the two files are byte for byte the same.
check_same_file() { # NAME EXPECTED ACTUAL
	if cmp -s "$2" "$3"; then
		pass "$1"
	else
		fail "$1 ($3 differs from $2: $(cmp "$2" "$3" 2>&1 | head -1))"
		od -c "$3" | head -5 | sed 's/^/    /'
	fi
}

run() { timeout "$limit" "$yolk" run "$@"; }

# ---- pipelines and files -------------------------------------------------------------------
check_equal "stdin from a pipe, stdout to a pipe: 4 bytes, and it ends" 4 \
	"$(printf 'abc\n' | run "$cat_elf" | wc -c)"
check_equal "the same on q35 (virtio-serial over PCI)" 4 \
	"$(printf 'abc\n' | run "$cat_elf" --machine q35 | wc -c)"
check_equal "end of file on an empty stdin" 0 "$(run "$cat_elf" </dev/null | wc -c)"
check_equal "a closed stdin is an empty one, a closed stdout drops the output" "0 0" \
	"$(run "$cat_elf" <&- | wc -c) $(run "$cat_elf" </dev/null >&-; echo $?)"
printf 'line one\nline two\r\n\ttabbed\n' >"$out/text.txt"
run "$cat_elf" <"$out/text.txt" >"$out/text.out"
check_same_file "stdin from a file, stdout to a file, bytes as they were" "$out/text.txt" "$out/text.out"
seq 1 20000 | sed 's/^/line /' >"$out/lines.txt"
check_equal "in a pipeline like any filter" "$(sort <"$out/lines.txt" | sha256sum)" \
	"$(run "$cat_elf" <"$out/lines.txt" | sort | sha256sum)"

head -c 100M /dev/urandom >"$out/big.bin"
expected=$(sha256sum <"$out/big.bin")
check_equal "100 MiB of binary data in from a file and out to a pipe, byte-exact" "$expected" \
	"$(run "$cat_elf" <"$out/big.bin" | sha256sum)"
check_equal "100 MiB in from a pipe and out to a file, byte-exact" "$expected" \
	"$(cat "$out/big.bin" | run "$cat_elf" >"$out/big.out"; sha256sum <"$out/big.out")"
rm -f "$out/big.out"
head -c 8M "$out/big.bin" >"$out/eight.bin"
check_equal "a slow reader on the host loses nothing" "$(sha256sum <"$out/eight.bin")" \
	"$(run "$cat_elf" <"$out/eight.bin" | (sleep 2; cat) | sha256sum)"
rm -f "$out/big.bin"
cp "$cat_elf" "$out/endless_cat.elf"
statuses=$(run "$out/endless_cat.elf" </dev/zero | head -c 10 >/dev/null; echo "${PIPESTATUS[0]}")
check_equal "a reader that goes (| head) ends the run with 141, as SIGPIPE would" 141 "$statuses"
sleep 1
check_equal "and no QEMU is left behind" "" "$(pgrep -f "$out/endless_cat.elf")"

# ---- stdout and stderr apart -----------------------------------------------------------------
printf 'to stdout\n\0\1\r\n\377' >"$out/split.expected"
run "$probe" -- split >"$out/split.out" 2>"$out/split.err" </dev/null
check_same_file "stdout to its file, bytes as written (no \\r added)" "$out/split.expected" "$out/split.out"
check_equal "stderr to its own file" "to stderr" "$(cat "$out/split.err")"
check_equal "2>/dev/null drops only the errors" "$(od -c <"$out/split.expected")" \
	"$(run "$probe" -- split 2>/dev/null </dev/null | od -c)"
check_equal "stderr into a pipe, stdout dropped" "to stderr" \
	"$(run "$probe" -- split 2>&1 >/dev/null </dev/null | cat)"
run "$probe" --append loglevel=7 -- split >"$out/log.out" 2>"$out/log.err" </dev/null
check_same_file "kernel messages stay out of stdout" "$out/split.expected" "$out/log.out"
check_output "kernel messages go to stderr" 'boot to main' "$out/log.err"
status=0
run "$probe" -- crash >"$out/crash.out" 2>"$out/crash.err" </dev/null || status=$?
check_equal "a crash: 128 + SIGSEGV" 139 "$status"
check_equal "a crash: stdout holds only what the program wrote" "about to crash" "$(cat "$out/crash.out")"
check_output "a crash: the report on stderr" '\bmain\b' "$out/crash.err"

# ---- isatty, per descriptor ---------------------------------------------------------------
check_equal "isatty: pipes and files are not terminals" "isatty 0=0 1=0 2=0" \
	"$(run "$probe" -- isatty </dev/null 2>/dev/null | cat)"
on_terminal() { # COMMAND: run on a pseudo-terminal, its output without carriage returns
	timeout "$limit" script -qec "$1" /dev/null </dev/null | tr -d '\r\0'
}
check_equal "isatty on a terminal: all three" "isatty 0=1 1=1 2=1" \
	"$(on_terminal "$yolk run $probe -- isatty" | grep -o "isatty [0-9= ]*")"
check_equal "isatty: stdin from a file, the rest a terminal" "isatty 0=0 1=1 2=1" \
	"$(on_terminal "$yolk run $probe -- isatty </dev/null" | grep -o "isatty [0-9= ]*")"
on_terminal "$yolk run $probe -- isatty >$out/tty_stdout.txt" >/dev/null
check_equal "isatty: stdout to a file, the rest a terminal" "isatty 0=1 1=0 2=1" \
	"$(cat "$out/tty_stdout.txt")"
check_equal "--tty: the three are the terminal whatever the host's are" "isatty 0=1 1=1 2=1" \
	"$(run "$probe" --tty -- isatty </dev/null 2>/dev/null | tr -d '\r')"

# ---- arguments, byte-exact -----------------------------------------------------------------
# What the probe prints for ARGUMENTS: their count and their bytes, each with its NUL, in hex.
expected_args() {
	printf 'args %d %s\n' $# "$( ((${#} == 0)) || printf '%s\0' "$@" | od -An -v -tx1 | tr -d ' \n')"
}
tricky=($'two\nlines' $'a\ttab' "it's" 'say "hi"' 'back\slash\' '' 'ünïcødé' '  spaced  '
	$'\rreturn' $'ends in a newline\n' -- K=V $'\x01\x7f controls' '$HOME *' "x'\"\\\\\"'y")
check_equal "every class of byte in arguments, through PVH" "$(expected_args "${tricky[@]}")" \
	"$(run "$probe" -- args "${tricky[@]}" </dev/null)"
many=()
for ((i = 0; i < 1000; i++)); do many+=("$(printf 'argument %04d %090d' "$i" 0)"); done
check_equal "1,000 arguments, 100 KiB in all, through PVH (apart from the command line)" \
	"$(expected_args "${many[@]}" "${tricky[@]}")" \
	"$(run "$probe" -- args "${many[@]}" "${tricky[@]}" </dev/null)"
if "$yolk" pack -o "$out/probe.iso" "$probe" -- args "${tricky[@]}" "${many[@]:0:100}" \
	>"$out/pack.log" 2>&1; then
	check_equal "every class of byte in arguments, through yolk pack's GRUB" \
		"$(expected_args "${tricky[@]}" "${many[@]:0:100}")" \
		"$(run "$out/probe.iso" </dev/null 2>&1 | tr -d '\r' | grep '^args ')"
else
	fail "yolk pack with every class of byte in arguments: $(tail -1 "$out/pack.log")"
fi

# ---- environment and working directory -------------------------------------------------------
environment_of() { run "$probe" "$@" -- env </dev/null | tr '\0' '\n'; }
environment_of >"$out/env.txt"
check_output "default environment: PATH" '^PATH=/usr/local/bin:/usr/bin:/bin$' "$out/env.txt"
check_output "default environment: HOME" '^HOME=/root$' "$out/env.txt"
check_output "default environment: TERM=dumb without a terminal" '^TERM=dumb$' "$out/env.txt"
environment_of --env HOME=/tmp --env TERM=xterm --env EXTRA=1 >"$out/env.txt"
check_equal "--env overrides a default, once" "EXTRA=1 HOME=/tmp TERM=xterm" \
	"$(grep -E '^(HOME|TERM|EXTRA)=' "$out/env.txt" | sort | paste -sd ' ')"
check_equal "TERM is the host terminal's" "TERM=yolk-test-term" \
	"$(TERM=yolk-test-term on_terminal "$yolk run $probe -- env" | grep -o 'TERM=[a-z-]*')"
mkdir -p "$out/share/sub"
check_equal "--cwd into a share, after it is mounted" /t/sub \
	"$(run "$probe" --share "$out/share:/t" --cwd /t/sub -- cwd </dev/null)"
check_equal "--workdir, the same" /proc "$(run "$probe" --workdir /proc -- cwd </dev/null)"
check_equal "no --cwd: /" / "$(run "$probe" -- cwd </dev/null)"
status=0
run "$probe" --cwd /no/such/dir -- cwd </dev/null >"$out/cwd.out" 2>"$out/cwd.err" || status=$?
check_equal "--cwd to a directory that is not there: status 2" 2 "$status"
check_output "--cwd to a directory that is not there: why" 'no/such/dir.*no such directory' "$out/cwd.err"
if "$yolk" pack -o "$out/cwd.iso" --cwd /proc "$probe" -- cwd >"$out/pack.log" 2>&1; then
	check_equal "yolk pack --cwd" /proc "$(run "$out/cwd.iso" </dev/null 2>&1 | tr -d '\r' | grep '^/')"
else
	fail "yolk pack --cwd: $(tail -1 "$out/pack.log")"
fi

# ---- refusals, before QEMU starts ----------------------------------------------------------
refuses "--mem below what the image needs" \
	"^yolk run: --mem 1M is below what stream_probe.elf needs \(at least [0-9]+ MiB\)$" \
	"$yolk" run "$probe" --mem 1M
refuses "--mem in KiB below it too" "below what stream_probe.elf needs" "$yolk" run "$probe" --mem 1536K
refuses "not a Yolk image" "not a Yolk image" "$yolk" run "$here/stream_probe.c"
refuses "a share folder that does not exist" "/no/such/folder is not a directory" \
	"$yolk" run "$probe" --share /no/such/folder:/mnt
refuses "an unknown option, with the nearest spelling" "unknown option '--mme'; did you mean --mem\?" \
	"$yolk" run "$probe" --mme 2M
refuses "an unknown option of yolk pack, with the nearest spelling" "did you mean --cwd\?" \
	"$yolk" pack --cdw / "$probe"
refuses "an unknown option far from any: no guess" "unknown option '--frobnicate' \(see" \
	"$yolk" run "$probe" --frobnicate
suite_end
