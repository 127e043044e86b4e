#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: tests/run-suites.sh MAKE TARGET...
# Runs each test suite's make target, shows its output, and ends with one line adding them up,
# "total: N passed, N failed[, N skipped]", so the whole of `make test` closes with a count,
# after a table of each suite's count and seconds (where the time of `make test` goes).
# Exits non-zero when a suite fails, when one ends without its count line, or when no test ran
# at all.
set -uo pipefail

make_command=$1
shift
passed=0 failed=0 skipped=0 broken=() times=()
for target in "$@"; do
	log=$(mktemp)
	start=$SECONDS
	"$make_command" --no-print-directory "$target" 2>&1 | tee "$log"
	status=${PIPESTATUS[0]}
	summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
	rm -f "$log"
	if [ -n "$summary" ]; then
		read -r p _ f _ s _ <<<"${summary//,/}"
		passed=$((passed + p))
		failed=$((failed + f))
		skipped=$((skipped + ${s:-0}))
	else
		echo "$target: no 'N passed, N failed' line: the suite stopped before its end"
		status=1
	fi
	[ "$status" -eq 0 ] || broken+=("$target")
	times+=("$(printf '%6d s  %-24s %s' $((SECONDS - start)) "$target" "${summary:-no count}")")
done
printf '%s\n' "suites (seconds, name, count):" "${times[@]}"
[ ${#broken[@]} -eq 0 ] || echo "failed suites: ${broken[*]}"
line="total: $passed passed, $failed failed"
[ "$skipped" -eq 0 ] || line+=", $skipped skipped"
echo "$line"
[ ${#broken[@]} -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
