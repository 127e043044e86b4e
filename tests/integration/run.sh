#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Integration tests: builds each program listed in tests/integration/tests.txt with `yolk build`,
# boots it with `yolk run` in QEMU, and checks its exit status and console output against the
# table there. Prints "PASS name (secs)", "FAIL name: why" (with the end of the console output)
# or "SKIP name: why" per test as it finishes, then one line "N passed, N failed[, N skipped]".
# Exits non-zero if a test failed or none ran. A test named PROGRAM@VARIANT in the table runs
# PROGRAM.c with other arguments (another machine type, more memory). The console input is the
# file NAME.stdin (the full name, with any @VARIANT) or PROGRAM.stdin where there is one, else
# /dev/null.
#
#   tests/integration/run.sh [NAME...]     all tests, or only the named ones
#
# Environment: BUILD (default build; images and logs go to $BUILD/integration), YOLK (default
# tools/yolk), JOBS (tests run at once, default 2), TEST_TIMEOUT (seconds per test, default
# 120), YOLK_RUN_FLAGS (added to every `yolk run`, e.g. "--accel tcg"), YOLK_BUILD_FLAGS (added
# to every `yolk build`, e.g. "--libc=debian").
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root" || exit 2
here=tests/integration
manifest=$here/tests.txt
BUILD=${BUILD:-build}
YOLK=${YOLK:-tools/yolk}
JOBS=${JOBS:-2}
TEST_TIMEOUT=${TEST_TIMEOUT:-120}
read -r -a run_flags <<<"${YOLK_RUN_FLAGS:-}"
read -r -a global_build_flags <<<"${YOLK_BUILD_FLAGS:-}"
# Which libc this run links, for the manifest's arguments: direct or debian.
libc=direct
[[ " ${YOLK_BUILD_FLAGS:-} " != *" --libc=debian "* ]] || libc=debian
out=$BUILD/integration
LOG_LINES=30

declare -A expected_status run_arguments patterns
declare -a all_tests=()

die() {
	echo "run.sh: $*" >&2
	exit 2
}

# ---- the table -----------------------------------------------------------------------------
read_manifest() {
	local line number=0 name
	local -a fields
	while IFS= read -r line || [ -n "$line" ]; do
		number=$((number + 1))
		case "$line" in '' | '#'*) continue ;; esac
		eval "fields=($line)" 2>/dev/null || die "$manifest:$number: cannot parse: $line"
		[ ${#fields[@]} -ge 3 ] || die "$manifest:$number: needs NAME STATUS 'ARGUMENTS'"
		name=${fields[0]}
		[ -f "$here/${name%%@*}.c" ] || die "$manifest:$number: no $here/${name%%@*}.c"
		[ -z "${expected_status[$name]+set}" ] || die "$manifest:$number: $name twice"
		case "${fields[1]}" in
		'!0' | [0-9] | [0-9][0-9] | [0-9][0-9][0-9]) ;;
		*) die "$manifest:$number: status must be a number or !0, not '${fields[1]}'" ;;
		esac
		all_tests+=("$name")
		expected_status[$name]=${fields[1]}
		run_arguments[$name]=${fields[2]}
		patterns[$name]=$(printf '%s\n' "${fields[@]:3}")
	done <"$manifest"
}

# ---- one test, run as a background job; writes $out/NAME.report ----------------------------
status_matches() {
	local expected=$1 status=$2
	if [ "$expected" = '!0' ]; then
		case "$status" in 0 | 124 | 125 | 126 | 127) return 1 ;; esac
		return 0
	fi
	[ "$status" = "$expected" ]
}

# Prints the reasons the console log and exit status do not meet the table, one per line.
check_output() {
	local name=$1 log=$2 status=$3 expected=${expected_status[$1]} pattern result
	result=$(grep -m1 -E '^RESULT (FAIL|SKIP)' "$log")
	case "$result" in 'RESULT FAIL'*) echo "${result#RESULT }" ;; esac
	if [ "$status" = 124 ] && [ "$expected" != 124 ]; then
		echo "timed out after $TEST_TIMEOUT s"
	elif ! status_matches "$expected" "$status"; then
		echo "exit status $status, expected $expected"
	fi
	if [ "$expected" = 0 ] && [ "$status" != 124 ] && [ -z "$result" ] &&
		! grep -qx 'RESULT PASS' "$log"; then
		echo "no RESULT PASS line"
	fi
	while IFS= read -r pattern; do
		[ -n "$pattern" ] || continue
		grep -qE -- "$pattern" "$log" || echo "no line matches /$pattern/"
	done <<<"${patterns[$name]}"
}

run_one() {
	local name=$1 image="$out/$1.elf" log="$out/$1.log" report="$out/$1.report"
	local program=${1%%@*} input=/dev/null start=$EPOCHREALTIME status=0 reasons seconds skip
	local -a arguments
	if [ -f "$here/$name.stdin" ]; then
		input=$here/$name.stdin
	elif [ -f "$here/$program.stdin" ]; then
		input=$here/$program.stdin
	fi
	# Optional per-program hooks: PROGRAM.setup (run first, with OUT set, to make test data)
	# and NAME.build or PROGRAM.build (extra `yolk build` arguments, shell words).
	local -a build_arguments=()
	if [ -x "$here/$program.setup" ] && ! OUT=$out NAME=$name "$here/$program.setup" >"$out/$name.setup.log" 2>&1; then
		echo "FAIL $name: $program.setup failed: $(tail -1 "$out/$name.setup.log")" >"$report"
		return
	fi
	local build_file=$here/$name.build
	[ -f "$build_file" ] || build_file=$here/$program.build
	[ ! -f "$build_file" ] || eval "build_arguments=($(cat "$build_file"))"
	if ! "$YOLK" build "${global_build_flags[@]}" "${build_arguments[@]}" -o "$image" "$here/$program.c" >"$out/$name.build.log" 2>&1; then
		{
			echo "FAIL $name: yolk build failed"
			tail -n "$LOG_LINES" "$out/$name.build.log" | sed 's/^/    | /'
		} >"$report"
		return
	fi
	eval "arguments=(${run_arguments[$name]})"
	timeout -k 10 "$TEST_TIMEOUT" "$YOLK" run "$image" "${run_flags[@]}" "${arguments[@]}" \
		<"$input" >"$log.raw" 2>&1 || status=$?
	tr -d '\r' <"$log.raw" >"$log"
	rm -f "$log.raw"
	seconds=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
	reasons=$(check_output "$name" "$log" "$status")
	# PROGRAM.check, if present, then inspects what the test left on the host (OUT set).
	if [ -z "$reasons" ] && [ -x "$here/$program.check" ] &&
		! OUT=$out NAME=$name "$here/$program.check" >"$out/$name.check.log" 2>&1; then
		reasons="$program.check: $(tail -1 "$out/$name.check.log")"
	fi
	skip=$(sed -n 's/^RESULT SKIP *//p' "$log" | head -1)
	if [ -n "$reasons" ]; then
		{
			echo "FAIL $name: $(paste -sd ';' - <<<"$reasons" | sed 's/;/; /g') (${seconds}s)"
			echo "    console output (last $LOG_LINES lines) and exit status $status:"
			tail -n "$LOG_LINES" "$log" | sed 's/^/    | /'
		} >"$report"
	elif [ -n "$skip" ]; then
		echo "SKIP $name: $skip" >"$report"
	else
		echo "PASS $name (${seconds}s)" >"$report"
	fi
}

# ---- the run -------------------------------------------------------------------------------
read_manifest
selected=()
if [ $# -gt 0 ]; then
	for name in "$@"; do
		name=${name%.c}
		name=${name##*/}
		[ -n "${expected_status[$name]+set}" ] || die "unknown test '$name' (see $manifest)"
		selected+=("$name")
	done
else
	selected=("${all_tests[@]}")
	listed=" ${all_tests[*]%%@*} "
	for source in "$here"/*.c; do
		name=$(basename "$source" .c)
		[[ "$listed" == *" $name "* ]] ||
			echo "run.sh: warning: $source has no line in $manifest and does not run" >&2
	done
fi
[ -x "$YOLK" ] || die "$YOLK not found or not executable"
mkdir -p "$out" || exit 2

passed=0 failed=0 skipped=0 running=0
declare -A job_names

finish_one() {
	local pid name
	wait -n -p pid
	name=${job_names[$pid]}
	unset "job_names[$pid]"
	running=$((running - 1))
	if [ ! -s "$out/$name.report" ]; then
		echo "FAIL $name: the test job ended without a report" >"$out/$name.report"
	fi
	cat "$out/$name.report"
	case "$(head -c 4 "$out/$name.report")" in
	PASS) passed=$((passed + 1)) ;;
	SKIP) skipped=$((skipped + 1)) ;;
	*) failed=$((failed + 1)) ;;
	esac
}

for name in "${selected[@]}"; do
	[ "$running" -lt "$JOBS" ] || finish_one
	rm -f "$out/$name.report"
	run_one "$name" &
	job_names[$!]=$name
	running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
	finish_one
done

summary="$passed passed, $failed failed"
[ "$skipped" = 0 ] || summary+=", $skipped skipped"
echo "$summary"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
