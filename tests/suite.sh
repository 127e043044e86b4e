# SPDX-License-Identifier: MIT
# Sourced by the shell test suites (tests/boot/*.sh, tests/debug/debug.sh, tests/tool/*.sh): one PASS or FAIL
# line per check, and the closing "N passed, N failed" line that tests/run-suites.sh adds up.
passed=0 failed=0

# For a suite that boots images into an output folder: runs from the tree's top, with out=OUT
# (made) and yolk=tools/yolk. Called as `suite_setup "$@"` by the sourcing script.
suite_setup() {
	cd "$(dirname "$0")/../.." || exit 1
	out=${1:?usage: $0 OUT}
	yolk=tools/yolk
	mkdir -p "$out"
}

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

# Passes when FILE has a line matching the extended regular expression PATTERN; a failure
# shows the end of FILE.
check_output() { # NAME PATTERN FILE
	if grep -Eq -- "$2" "$3"; then
		pass "$1"
	else
		fail "$1 (no line matching '$2' in $3)"
		sed 's/^/    /' "$3" | tail -n 20
	fi
}

# Passes when COMMAND refuses at once: exit status 2 and one line, matching PATTERN (grep
# -E), within 5 seconds (before QEMU could have booted anything). Needs out.
refuses() { # NAME PATTERN COMMAND...
	local name=$1 pattern=$2 start=$SECONDS status=0
	shift 2
	"$@" </dev/null >"$out/last.txt" 2>&1 || status=$?
	if [ "$status" = 2 ] && [ "$(wc -l <"$out/last.txt")" = 1 ] &&
		grep -Eq -- "$pattern" "$out/last.txt" && [ $((SECONDS - start)) -le 5 ]; then
		pass "$name"
	else
		fail "$name (exit status $status after $((SECONDS - start)) s)"
		sed 's/^/    /' "$out/last.txt" | tail -n 15
	fi
}

# Passes when no line of the console log LOG says a system call is not implemented, but for
# those matching the extended regular expression ALLOWED (when given); PROGRAM names the check.
# A failure lists them. Needs out.
check_no_missing_calls() { # PROGRAM LOG [ALLOWED]
	if grep 'is not implemented' "$2" | grep -Ev -- "${3:-^$}" >"$out/missing.txt"; then
		fail "a system call $1 made is not implemented"
		sed 's/^/    /' "$out/missing.txt"
	else
		pass "no system call $1 made is missing${3:+ (but /$3/)}"
	fi
}

# Prints the count; fails when a check did.
suite_end() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
