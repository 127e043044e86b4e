#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: tests/lua/run.sh IMAGE...
# Runs tests/lua/test.lua (in each image's initrd) with each Lua image; ends with the count.
set -uo pipefail
cd "$(dirname "$0")/../.."
passed=0 failed=0
for image in "$@"; do
	output=$(timeout 120 tools/yolk run "$image" --env LUA_TEST=yes -- /test.lua 2>&1)
	status=$?
	if [ "$status" = 0 ] && grep -q '^lua test passed' <<<"$(tr -d '\r' <<<"$output")"; then
		echo "PASS lua $(basename "$image")"
		passed=$((passed + 1))
	else
		echo "FAIL lua $(basename "$image") (exit status $status)"
		tail -20 <<<"$output" | sed 's/^/    | /'
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
