#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: tests/debug/debug.sh OUT
# yolk debug with Debian's gdb in batch mode: the image stops at main with its source line, a
# breakpoint in a function is hit with its argument, the backtrace goes back to main through
# the symbols, finish reads the result, the program's console output went to the given file,
# the code runs in the higher half, no QEMU is left behind, and without a terminal or --console
# yolk debug says what to do. Ends with the count.
set -uo pipefail
. "$(dirname "$0")/../suite.sh"
suite_setup "$@"

if ! "$yolk" build -O0 -o "$out/debug_target.elf" tests/debug/debug_target.c >"$out/build.txt" 2>&1; then
	fail "yolk build tests/debug/debug_target.c"
	suite_end
	exit
fi
rm -f "$out/console.txt"
timeout 120 "$yolk" debug "$out/debug_target.elf" --console "$out/console.txt" --batch \
	--ex "break compute" --ex continue --ex bt --ex "print value" --ex "info registers rip" \
	--ex finish </dev/null >"$out/gdb.txt" 2>&1
status=$?
if [ "$status" = 0 ]; then pass "gdb exits 0"; else fail "gdb exits $status"; fi
check_output "it stops at main, on its source line" '^Breakpoint 1, main \(\) at .*debug_target\.c:[0-9]+' "$out/gdb.txt"
check_output "a breakpoint in compute is hit with its argument" '^Breakpoint 2, compute \(value=42\)' "$out/gdb.txt"
check_output "the backtrace reaches main" '^#1 .* in main \(\) at .*debug_target\.c' "$out/gdb.txt"
check_output "print reads the argument" '^\$1 = 42$' "$out/gdb.txt"
check_output "the code runs in the higher half" '^rip +0xffffffff8' "$out/gdb.txt"
check_output "finish reads the result" '^Value returned is \$2 = 85$' "$out/gdb.txt"
check_output "the console output went to --console" '^before compute' "$out/console.txt"
sleep 0.5
qemu_left() { # a process whose command line boots this image (no procps needed)
	local file
	for file in /proc/[0-9]*/cmdline; do
		tr '\0' ' ' <"$file" 2>/dev/null | grep -q -- "[-]kernel $out/debug_target.elf" && return 0
	done
	return 1
}
if qemu_left; then
	fail "a QEMU was left running"
else
	pass "no QEMU is left running"
fi
"$yolk" debug "$out/debug_target.elf" --batch </dev/null >"$out/refused.txt" 2>&1
status=$?
if [ "$status" = 2 ] && grep -q 'give --console FILE' "$out/refused.txt"; then
	pass "without a terminal it asks for --console"
else
	fail "without a terminal: exit status $status"
fi
suite_end
