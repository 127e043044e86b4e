#!/bin/sh
# Usage: syscall-doc.sh sys/syscall_table.h [NOTES.md] > docs/syscalls.md
# Generates the system-call table of the documentation from the kernel's one list, followed by
# NOTES.md as it is (docs/syscall-notes.md: what real programs needed, by program).
set -e
table=$1
implemented=$(grep -c '^SYSCALL(' "$table")
total=$(grep -c '^\(SYSCALL\|MISSING\)(' "$table")
cat <<HEADER
# System calls

Generated from \`sys/syscall_table.h\` by \`tools/syscall-doc.sh\`; do not edit by hand.

Yolk implements $implemented of the $total Linux x86-64 system calls. A call marked "no" returns
\`-ENOSYS\` and is logged once by name (\`yolk: system call NAME (N) is not implemented\`).

| number | name | implemented |
|---:|---|---|
HEADER
sed -n 's/^SYSCALL(\([0-9]*\), \([a-z0-9_]*\))$/| \1 | `\2` | yes |/p; s/^MISSING(\([0-9]*\), \([a-z0-9_]*\))$/| \1 | `\2` | no |/p' "$table"
[ -z "${2:-}" ] || { echo; cat "$2"; }
