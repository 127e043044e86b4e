#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: tests/debug/debug.sh OUT
# yolk debug with Debian's gdb in batch mode: the image stops at main with its source line, a
# breakpoint in a function is hit with its argument, the backtrace goes back to main through
# the symbols, finish reads the result, the program's console output went to the given file,
# the code runs in the higher half, no QEMU is left behind, and without a terminal or --console
# yolk debug says what to do. Ends with the count.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
out=${1:?usage: tests/debug/debug.sh OUT}
yolk=tools/yolk
passed=0 failed=0
mkdir -p "$out"

check() { # NAME PATTERN FILE: grep -E PATTERN in FILE
	if grep -Eq -- "$2" "$3"; then
		echo "PASS $1"
		passed=$((passed + 1))
	else
		echo "FAIL $1 (no line matching '$2' in $3)"
		sed 's/^/    /' "$3" | tail -n 20
		failed=$((failed + 1))
	fi
}

if ! "$yolk" build -O0 -o "$out/debug_target.elf" tests/debug/debug_target.c >"$out/build.txt" 2>&1; then
	echo "FAIL yolk build tests/debug/debug_target.c"
	echo "0 passed, 1 failed"
	exit 1
fi
rm -f "$out/console.txt"
timeout 120 "$yolk" debug "$out/debug_target.elf" --console "$out/console.txt" --batch \
	--ex "break compute" --ex continue --ex bt --ex "print value" --ex "info registers rip" \
	--ex finish </dev/null >"$out/gdb.txt" 2>&1
status=$?
[ "$status" = 0 ] && echo "PASS gdb exits 0" && passed=$((passed + 1)) ||
	{ echo "FAIL gdb exits $status"; failed=$((failed + 1)); }
check "it stops at main, on its source line" '^Breakpoint 1, main \(\) at .*debug_target\.c:[0-9]+' "$out/gdb.txt"
check "a breakpoint in compute is hit with its argument" '^Breakpoint 2, compute \(value=42\)' "$out/gdb.txt"
check "the backtrace reaches main" '^#1 .* in main \(\) at .*debug_target\.c' "$out/gdb.txt"
check "print reads the argument" '^\$1 = 42$' "$out/gdb.txt"
check "the code runs in the higher half" '^rip +0xffffffff8' "$out/gdb.txt"
check "finish reads the result" '^Value returned is \$2 = 85$' "$out/gdb.txt"
check "the console output went to --console" '^before compute' "$out/console.txt"
sleep 0.5
if pgrep -f "kernel $out/debug_target.elf" >/dev/null; then
	echo "FAIL a QEMU was left running"
	failed=$((failed + 1))
else
	echo "PASS no QEMU is left running"
	passed=$((passed + 1))
fi
"$yolk" debug "$out/debug_target.elf" --batch </dev/null >"$out/refused.txt" 2>&1
status=$?
if [ "$status" = 2 ] && grep -q 'give --console FILE' "$out/refused.txt"; then
	echo "PASS without a terminal it asks for --console"
	passed=$((passed + 1))
else
	echo "FAIL without a terminal: exit status $status"
	failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
