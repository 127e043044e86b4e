#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: tests/boot/headers.sh IMAGE
# The boot headers of a Yolk image: GRUB's own checker accepts its Multiboot2 header, the PVH
# note names an entry inside the image, and the image is one ELF64; given hello, its stripped
# image is under 200 KiB (the project's rule: pay for what is used). Ends with the count.
set -uo pipefail
image=${1:?usage: tests/boot/headers.sh IMAGE}
. "$(dirname "$0")/../suite.sh"

check() { # NAME COMMAND...
	local name=$1
	shift
	if "$@" >/dev/null 2>&1; then pass "$name"; else fail "$name"; fi
}

pvh_entry_in_image() { # XEN_ELFNOTE_PHYS32_ENTRY is note type 18 (0x12) of owner Xen
	readelf -nW "$image" | grep -q 'Xen .*(0x00000012)'
}

check "grub-file accepts the Multiboot2 header" grub-file --is-x86-multiboot2 "$image"
check "it is not mistaken for Multiboot1" bash -c "! grub-file --is-x86-multiboot '$image'"
check "the PVH note is there" pvh_entry_in_image
check "one ELF64 for x86-64" bash -c "readelf -h '$image' | grep -q 'ELF64' && readelf -h '$image' | grep -q 'X86-64'"
stripped=$(mktemp)
if [ "$(basename "$image")" = hello.elf ] && strip -o "$stripped" "$image"; then
	size=$(stat -c %s "$stripped")
	if [ "$size" -lt $((200 * 1024)) ]; then
		pass "hello stripped is under 200 KiB ($size bytes)"
	else
		fail "hello stripped is under 200 KiB: $size bytes"
	fi
fi
rm -f "$stripped"
suite_end
