#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: third_party/musl/check-no-syscall.sh ARCHIVE.a
# Disassembles a libc archive and fails, naming each object and function, if an instruction
# that traps into the kernel is left in it (`syscall`; also `sysenter` and `int $0x80`, which
# no x86-64 musl should hold either). The direct-call libc must have none: in Yolk each of
# them is a trap where a function call was meant. Exit status 0 clean, 1 found, 2 unusable.
set -euo pipefail

archive=${1:?usage: check-no-syscall.sh ARCHIVE.a}
[ -r "$archive" ] || { echo "check-no-syscall: $archive: not found" >&2; exit 2; }
listing=$(mktemp)
trap 'rm -f "$listing"' EXIT
objdump -d --no-show-raw-insn "$archive" >"$listing" ||
	{ echo "check-no-syscall: objdump failed on $archive" >&2; exit 2; }

awk -v archive="$archive" '
	/file format/ { object = $1; sub(/:$/, "", object); next }
	/^[0-9a-f]+ <.*>:$/ { name = $2; gsub(/[<>:]/, "", name); functions++; next }
	$2 == "syscall" || $2 == "sysenter" || ($2 == "int" && $3 == "$0x80") {
		key = object ": " name
		if (!(key in seen))
			order[found_functions++] = key
		seen[key]++
		instructions++
	}
	END {
		if (functions == 0) {
			print "check-no-syscall: " archive ": no functions disassembled" > "/dev/stderr"
			exit 2
		}
		if (instructions == 0) {
			printf "%s: no syscall instruction in %d functions\n", archive, functions
			exit 0
		}
		for (i = 0; i < found_functions; i++)
			printf "  %s (%d)\n", order[i], seen[order[i]]
		printf "%s: %d syscall instructions in %d functions\n", archive, instructions,
			found_functions
		exit 1
	}' "$listing"
