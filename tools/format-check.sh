#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# format-check.sh: the test that every tracked C file is as clang-format (with the repo's
# .clang-format) would write it. Lists the files that are not, with the first lines that differ,
# and ends with one "N passed, N failed" line for tests/run-suites.sh (the whole tree is one test).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
unformatted=()
while IFS= read -r file; do
	clang-format --dry-run --Werror "$file" >/dev/null 2>&1 || unformatted+=("$file")
done < <(git ls-files '*.c' '*.h')
for file in "${unformatted[@]}"; do
	echo "not formatted: $file (make format fixes it)"
	clang-format "$file" | diff "$file" - | head -6
done
if [ ${#unformatted[@]} -eq 0 ]; then
	echo "PASS every C file is clang-formatted"
	echo "1 passed, 0 failed"
else
	echo "FAIL ${#unformatted[@]} files are not clang-formatted"
	echo "0 passed, 1 failed"
	exit 1
fi
