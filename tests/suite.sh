# SPDX-License-Identifier: MIT
# Sourced by the shell test suites (tests/boot/*.sh, tests/debug/debug.sh, tests/tool/*.sh): one PASS or FAIL
# line per check, and the closing "N passed, N failed" line that tests/run-suites.sh adds up.
passed=0 failed=0

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

# Prints the count; fails when a check did.
suite_end() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
