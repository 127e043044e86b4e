#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bdwgc's own tests on Yolk: boots each image that third_party/libgc/libgc.mk built from the
# collector's tests/ folder (yolk build --gc) and checks its exit status (0) and, where the test
# prints one, its verdict line. Prints "PASS name (secs)" or "FAIL name: why" with the end of
# its output, then "N passed, N failed"; exits 1 if any failed.
#   third_party/libgc/run-tests.sh DIR     (DIR holds gctest.elf, subthread_create.elf, ...)
set -uo pipefail
dir=${1:?usage: run-tests.sh DIR}
yolk=${YOLK:-tools/yolk}
# name, then the line its output must have (empty: the exit status alone).
tests=(
	"gctest|^Collector appears to work$"
	"subthread_create|^subthread_create: created [0-9]+ threads"
	"threadkey_test|"
	"initsecondarythread|"
)
passed=0 failed=0
for entry in "${tests[@]}"; do
	name=${entry%%|*} pattern=${entry#*|}
	log=$dir/$name.log
	start=$SECONDS
	timeout 600 "$yolk" run "$dir/$name.elf" --timeout 540 >"$log" 2>&1 </dev/null
	status=$?
	why=""
	[ "$status" = 0 ] || why="exit status $status"
	[ -z "$why" ] && [ -n "$pattern" ] && ! tr -d '\r' <"$log" | grep -Eq "$pattern" && why="no line matching '$pattern'"
	if [ -z "$why" ]; then
		echo "PASS gc/$name ($((SECONDS - start)) s)"
		passed=$((passed + 1))
	else
		echo "FAIL gc/$name: $why"
		tail -n 20 "$log" | sed 's/^/    | /'
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
