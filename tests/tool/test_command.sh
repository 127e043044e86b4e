#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: tests/tool/test_command.sh OUT
# yolk test: of four programs (one passes, one exits 3, one dereferences NULL, one does not
# compile) and one that never ends (--timeout 3), it reports each as it went, with the status,
# the crash report or the compiler's error, counts them and exits 1; all passing, it exits 0;
# with nothing to test, 2. Ends with the count.
set -uo pipefail
. "$(dirname "$0")/../suite.sh"
suite_setup "$@"

printf '#include <stdio.h>\nint main(void) { puts("fine"); return 0; }\n' >"$out/passes.c"
printf 'int main(void) { return 3; }\n' >"$out/exits_3.c"
printf 'int main(void) { volatile int *p = 0; return *p; }\n' >"$out/null_read.c"
printf 'int main(void) { return undefined_name; }\n' >"$out/no_build.c"
printf 'int main(void) { for (volatile int i = 0;; i++) ; }\n' >"$out/forever.c"

"$yolk" test --timeout 3 "$out/passes.c" "$out/exits_3.c" "$out/null_read.c" \
	"$out/no_build.c" "$out/forever.c" >"$out/last.txt" 2>&1
status=$?
if [ "$status" = 1 ]; then pass "a failed program makes yolk test exit 1"; else fail "yolk test exited $status"; fi
check_output "the passing program passes" '^PASS passes$' "$out/last.txt"
check_output "an exit status fails, and is shown" '^FAIL exits_3 \(exit status 3\)$' "$out/last.txt"
check_output "a crash fails with 128 + SIGSEGV and its report" '^FAIL null_read \(exit status 139\)$' "$out/last.txt"
check_output "the crash report names the function" 'main\+0x' "$out/last.txt"
check_output "a program that does not build fails with the compiler's error" '^FAIL no_build \(does not build\)$' "$out/last.txt"
check_output "the compiler's error is shown" 'undefined_name' "$out/last.txt"
check_output "a program that never ends fails at --timeout" '^FAIL forever \(exit status 124\)$' "$out/last.txt"
check_output "the count" '^1 passed, 4 failed$' "$out/last.txt"
"$yolk" test "$out/passes.c" >"$out/last.txt" 2>&1
status=$?
if [ "$status" = 0 ]; then pass "all passing: exit 0"; else fail "all passing: exit $status"; fi
"$yolk" test >"$out/last.txt" 2>&1
status=$?
if [ "$status" = 2 ]; then pass "nothing to test: exit 2"; else fail "nothing to test: exit $status"; fi
suite_end
