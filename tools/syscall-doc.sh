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
cat <<'NOTES'

## Notes

Behaviour that programs (and a garbage collector, docs/gc.md) depend on beyond "yes":

- `mremap`: the main thread's stack is neither moved nor resized. Growing part of it in place
  fails with ENOMEM (as on Linux, where the stack's next page is in the way), and a range below
  it is EFAULT: musl's `pthread_getattr_np` finds the main stack's extent this way.
- `rt_sigaction` with `SA_RESTART`: a `read` or `write` waiting on a pipe, an eventfd or a
  console port runs the handler where it waits and goes on waiting (Linux restarts the call);
  other waits (sockets, futexes, `nanosleep`, `poll`, `sigsuspend`) return EINTR.
- Page faults: SIGSEGV's `si_addr` is the address accessed; `si_code` is SEGV_ACCERR for a
  mapped page whose protection forbids the access (`mprotect`), SEGV_MAPERR otherwise. A handler
  that returns has the access retried.
NOTES
[ -z "${2:-}" ] || { echo; cat "$2"; }
