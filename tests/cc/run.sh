#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: tests/cc/run.sh OUT
# yolk cc, the compiler driver for build systems: its compile steps are musl-gcc's (musl's
# headers only), a final link writes a static musl program that runs on the host and its Yolk
# image that boots, `yolk build --from` links the image again from the program's recipe, and
# this folder's autotools and CMake projects configure (their test programs run, on musl), build
# and run on the host and in QEMU with the same output. Ends with the count.
set -uo pipefail
. "$(dirname "$0")/../suite.sh"
suite_setup "$@"
rm -rf "$out" && mkdir -p "$out"
top=$PWD
yolk_path=$top/tools/yolk

# Passes when the host program and its image print EXPECTED (a file) for ARGUMENTS.
same_on_host_and_yolk() { # NAME PROGRAM IMAGE EXPECTED ARGUMENTS...
	local name=$1 program=$2 image=$3 expected=$4
	shift 4
	if "$program" "$@" >"$out/host.txt" 2>&1 && cmp -s "$out/host.txt" "$expected"; then
		pass "$name: the host program's output"
	else
		fail "$name: the host program's output"
		diff "$expected" "$out/host.txt" | head -10 | sed 's/^/    /'
	fi
	if timeout 120 "$yolk" run "$image" -- "$@" >"$out/yolk.txt" 2>"$out/yolk-stderr.txt" &&
		cmp -s "$out/yolk.txt" "$expected"; then
		pass "$name: the Yolk image's output"
	else
		fail "$name: the Yolk image's output"
		diff "$expected" "$out/yolk.txt" | head -10 | sed 's/^/    /'
		tail -5 "$out/yolk-stderr.txt" | sed 's/^/    /'
	fi
}

# ---- the driver ----
"$yolk" cc --version >"$out/version.txt" 2>&1
check_output "yolk cc --version names itself, musl and the gcc it drives" '^yolk cc [0-9.]+: musl-gcc \(musl [0-9]' "$out/version.txt"
check_output "yolk cc --version shows gcc's version" 'gcc.* [0-9]+\.[0-9]+\.[0-9]+' "$out/version.txt"
tools/yolk-cc --help >"$out/help.txt" 2>&1
check_output "yolk-cc is yolk cc: --help" '^Usage: yolk cc ' "$out/help.txt"
check_output "--help says what a final link writes" 'OUTPUT\.elf +the bootable Yolk image' "$out/help.txt"
"$yolk" --help >"$out/help.txt" 2>&1
check_output "yolk --help lists cc" '^  cc +a C compiler driver' "$out/help.txt"

cat >"$out/greet.c" <<'C'
#include <stdio.h>
#include <math.h>
#include "greet.h"
int main(int argc, char **argv)
{
	printf("%s, %s: %.3f\n", GREETING, argc > 1 ? argv[1] : "nobody", sqrt(2.0));
	return argc > 2 ? 7 : 0;
}
C
printf '#define GREETING "hello"\n' >"$out/greet.h"
printf 'hello, yolk: 1.414\n' >"$out/greet.expected"
"$yolk" cc -E -I"$out" "$out/greet.c" >"$out/greet.i" 2>&1
check_output "-E takes musl's <stdio.h>" '^# 1 "/usr/include/x86_64-linux-musl/stdio.h"' "$out/greet.i"
if grep -E '^# [0-9]+ "/usr/include/(stdio\.h|x86_64-linux-gnu/)' "$out/greet.i" >/dev/null; then
	fail "-E: a glibc header leaked in"
else
	pass "-E: no glibc header leaks in"
fi
"$yolk" cc -MM -I"$out" "$out/greet.c" >"$out/greet.d" 2>&1
check_output "-MM lists the project's header" 'greet\.o: .*greet\.c .*greet\.h' "$out/greet.d"
(cd "$out" && "$yolk_path" cc -O2 -c greet.c -o greet.o) &&
	(cd "$out" && "$yolk_path" cc -o greet greet.o -lm)
if [ -x "$out/greet" ] && [ -f "$out/greet.elf" ]; then
	pass "a final link writes the host program and PROGRAM.elf"
else
	fail "a final link writes the host program and PROGRAM.elf"
fi
file "$out/greet" >"$out/file.txt"
check_output "the host program is static" 'statically linked' "$out/file.txt"
same_on_host_and_yolk "compiled, then linked" "$out/greet" "$out/greet.elf" "$out/greet.expected" yolk
status=0
timeout 120 "$yolk" run "$out/greet.elf" -- a b >/dev/null 2>&1 || status=$?
if [ "$status" = 7 ]; then pass "the image exits with main's status"; else fail "the image exited $status, not 7"; fi
# A source on the link line, and the image again from the program's recipe.
(cd "$out" && "$yolk_path" cc -O2 -I. -o greet-at-once greet.c -lm)
same_on_host_and_yolk "compiled and linked at once" "$out/greet-at-once" "$out/greet-at-once.elf" "$out/greet.expected" yolk
# A dynamic symbol table asked for (-Wl,-E, as nginx's link does): the host program has one,
# the image, with no dynamic loader, is linked without.
(cd "$out" && "$yolk_path" cc -o greet-exported greet.o -lm -Wl,-E -rdynamic)
same_on_host_and_yolk "linked with -Wl,-E -rdynamic" "$out/greet-exported" "$out/greet-exported.elf" "$out/greet.expected" yolk
mkdir -p "$out/elsewhere"
(cd "$out/elsewhere" && "$yolk_path" build -o again.elf --from ../greet)
same_on_host_and_yolk "yolk build --from PROGRAM" "$out/greet" "$out/elsewhere/again.elf" "$out/greet.expected" yolk
strip -o "$out/greet-stripped" "$out/greet"
if "$yolk" build -o "$out/stripped.elf" --from "$out/greet-stripped" 2>"$out/last.txt"; then
	pass "a stripped program keeps its recipe"
else
	fail "a stripped program keeps its recipe"
fi
refuses "--from a program yolk cc did not link is refused" "not linked by 'yolk cc'" \
	"$yolk" build -o "$out/x.elf" --from /bin/true
refuses "--from a file that is not a program is refused" 'not an ELF program' \
	"$yolk" build -o "$out/x.elf" --from "$out/greet.c"
# YOLK_CC_IMAGE: none (the host program only), only (the image as OUTPUT).
(cd "$out" && YOLK_CC_IMAGE=none "$yolk_path" cc -o host-only greet.o -lm)
if [ -x "$out/host-only" ] && ! [ -e "$out/host-only.elf" ]; then pass "YOLK_CC_IMAGE=none: no image"; else fail "YOLK_CC_IMAGE=none: no image"; fi
(cd "$out" && YOLK_CC_IMAGE=only "$yolk_path" cc -o image-only greet.o -lm)
same_on_host_and_yolk "YOLK_CC_IMAGE=only: OUTPUT is the image" "$out/greet" "$out/image-only" "$out/greet.expected" yolk
refuses "a bad YOLK_CC_IMAGE is refused" 'YOLK_CC_IMAGE must be next, none or only' \
	env YOLK_CC_IMAGE=both "$yolk" cc -o "$out/x" "$out/greet.o"
# A failing link fails, as gcc's does (configure relies on it), and writes nothing.
printf 'int missing(void);\nint main(void) { return missing(); }\n' >"$out/undefined.c"
status=0
"$yolk" cc -o "$out/undefined" "$out/undefined.c" >"$out/last.txt" 2>&1 || status=$?
if [ "$status" != 0 ] && ! [ -e "$out/undefined" ] && ! [ -e "$out/undefined.elf" ]; then
	pass "an undefined symbol fails the link"
else
	fail "an undefined symbol fails the link (status $status)"
fi
# Objects and an archive made by plain musl-gcc, as a prebuilt static program's are.
printf 'int twice(int x) { return 2 * x; }\n' >"$out/twice.c"
printf '#include <stdio.h>\nint twice(int);\nint main(void) { printf("%%d\\n", twice(21)); return 0; }\n' >"$out/main.c"
musl-gcc -c "$out/twice.c" -o "$out/twice.o" && ar rcs "$out/libtwice.a" "$out/twice.o" &&
	musl-gcc -c "$out/main.c" -o "$out/main.o" && musl-gcc -static -o "$out/prebuilt" "$out/main.o" "$out/libtwice.a"
"$yolk" build -o "$out/prebuilt.elf" "$out/main.o" "$out/libtwice.a"
printf '42\n' >"$out/prebuilt.expected"
same_on_host_and_yolk "yolk build of a musl-gcc program's objects and archive" "$out/prebuilt" "$out/prebuilt.elf" "$out/prebuilt.expected"

# ---- an autotools project ----
cp -r tests/cc/autotools "$out/autotools"
printf 'words: 4\nsizeof long: 8\ngetrandom, accept4, epoll: found\nconfigure'"'"'s test programs ran on musl\n' >"$out/autotools.expected"
if (cd "$out/autotools" && autoreconf -i >autoreconf.log 2>&1 && mkdir build && cd build &&
	CC="$yolk_path cc" ../configure --host=x86_64-linux-musl >configure.log 2>&1 && make >make.log 2>&1); then
	pass "autotools: autoreconf, configure --host=x86_64-linux-musl and make"
else
	fail "autotools: autoreconf, configure --host=x86_64-linux-musl and make"
	tail -15 "$out"/autotools/build/*.log "$out/autotools/autoreconf.log" 2>/dev/null | sed 's/^/    /'
fi
check_output "autotools: configure ran its test programs (not a cross build)" 'whether we are cross compiling\.\.\. no' "$out/autotools/build/configure.log"
same_on_host_and_yolk "autotools" "$out/autotools/build/wordcount" "$out/autotools/build/wordcount.elf" "$out/autotools.expected" one two 'three four'

# ---- a CMake project ----
printf 'abc 024d0127\ntry_run said: musl\nepoll_create1: works\n' >"$out/cmake.expected"
mkdir -p "$out/cmake"
if (cd "$out/cmake" && cmake -DCMAKE_TOOLCHAIN_FILE="$top/tools/yolk.cmake" "$top/tests/cc/cmake" >cmake.log 2>&1 &&
	make >make.log 2>&1); then
	pass "CMake: configure with tools/yolk.cmake and make"
else
	fail "CMake: configure with tools/yolk.cmake and make"
	tail -15 "$out"/cmake/*.log | sed 's/^/    /'
fi
same_on_host_and_yolk "CMake" "$out/cmake/sum" "$out/cmake/sum.elf" "$out/cmake.expected" abc
suite_end
