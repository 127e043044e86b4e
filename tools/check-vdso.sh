#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# check-vdso.sh OBJECT: fails if the vDSO's code (section .text.vdso, sys/vdso.c) transfers
# control anywhere but within itself or to yolk_syscall. The vDSO runs as application code, with
# interrupts taken at once; a call into the kernel's own text would run there with interrupts
# deferred to a system-call exit that never comes (see sys/vdso.c).
set -euo pipefail
object=$1
listing=$(objdump -dr --no-show-raw-insn -j .text.vdso "$object")
grep -q '<vdso_clock_gettime>:' <<<"$listing" || {
	echo "check-vdso: no vdso_clock_gettime in .text.vdso of $object" >&2
	exit 1
}
awk -v object="$object" '
	/^[0-9a-f]+ <.*>:$/ { function_name = $2 }
	pending {
		if ($0 !~ /R_X86_64_/ || $NF !~ /^yolk_syscall([-+]0x[0-9a-f]+)?$/) {
			print "check-vdso: " function_name " in " object ": " instruction >"/dev/stderr"
			failed = 1
		}
		pending = 0
	}
	/\t(call|jmp)[a-z]* / {
		instruction = $0
		if ($0 ~ /\*/) {
			print "check-vdso: indirect transfer in " function_name ": " $0 >"/dev/stderr"
			failed = 1
		} else if ($0 !~ /<vdso_[a-z_]+(\+0x[0-9a-f]+)?>$/ || $0 ~ /\t(call)/) {
			pending = 1 # a call, or a jump out of the section: must be yolk_syscall
		}
	}
	END { exit failed }
' <<<"$listing"
