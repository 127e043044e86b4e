#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: tests/boot/iso.sh OUT
# yolk pack and booting through GRUB: an ISO of tests/boot/iso_boot.c with kernel options,
# environment, an initrd module and arguments boots on BIOS (SeaBIOS, q35 and pc) and on UEFI
# (OVMF, q35) with its exit status and "RESULT PASS"; the kernel says it came through
# Multiboot2; run and pack refuse what does not fit with a clear message. Ends with the count.
set -uo pipefail
. "$(dirname "$0")/../suite.sh"
suite_setup "$@"
mkdir -p "$out/module"

# A failed check shows the end of what its command printed.
fail_showing_output() { fail "$1"; sed 's/^/    /' "$out/last.txt" | tail -n 15; }

# boot NAME YOLK-RUN-ARGUMENTS...: the run must exit 0 and print RESULT PASS and the kernel's
# line about its boot protocol.
boot() {
	local name=$1
	shift
	timeout 300 "$yolk" run "$@" </dev/null >"$out/last.txt" 2>&1
	local status=$?
	tr -d '\r' <"$out/last.txt" >"$out/last.clean" && mv "$out/last.clean" "$out/last.txt"
	if [ "$status" = 0 ] && grep -q '^RESULT PASS' "$out/last.txt" &&
		grep -q 'booted by multiboot2' "$out/last.txt"; then
		pass "$name"
	else
		fail_showing_output "$name (exit status $status)"
	fi
}

# refuses NAME PATTERN COMMAND...: the command must exit 2 and say PATTERN.
if ! "$yolk" build -o "$out/iso_boot.elf" tests/boot/iso_boot.c >"$out/last.txt" 2>&1; then
	fail_showing_output "yolk build tests/boot/iso_boot.c"
	suite_end
	exit
fi
echo "from the boot module" >"$out/module/iso-module.txt"
(cd "$out/module" && echo iso-module.txt | cpio -o -H newc --quiet) >"$out/module.cpio"
if "$yolk" pack -o "$out/boot.iso" --append loglevel=7 --env "ISO_SPACED=two words" \
	--initrd "$out/module.cpio" "$out/iso_boot.elf" -- one "two words" "it's" 'a"quote' \
	'back\slash' >"$out/last.txt" 2>&1 && [ -s "$out/boot.iso" ]; then
	pass "yolk pack writes an ISO"
else
	fail_showing_output "yolk pack writes an ISO"
fi
if xorriso -indev "$out/boot.iso" -report_el_torito plain 2>/dev/null >"$out/last.txt" &&
	grep -q 'BIOS' "$out/last.txt" && grep -q 'UEFI' "$out/last.txt"; then
	pass "the ISO has El Torito boot entries for BIOS and UEFI"
else
	fail_showing_output "the ISO has El Torito boot entries for BIOS and UEFI"
fi
boot "BIOS (SeaBIOS) on q35 boots it through GRUB" "$out/boot.iso" --timeout 120
boot "BIOS (SeaBIOS) on pc boots it through GRUB" "$out/boot.iso" --machine pc --timeout 120
boot "UEFI (OVMF) on q35 boots it through GRUB" "$out/boot.iso" --firmware uefi --timeout 240
refuses "run takes no arguments for an ISO" "fixed by 'yolk pack'" \
	"$yolk" run "$out/boot.iso" -- more
refuses "an ISO does not boot on microvm" "not microvm" \
	"$yolk" run "$out/boot.iso" --machine microvm
refuses "--firmware is for ISOs" "--firmware is for ISO images" \
	"$yolk" run "$out/iso_boot.elf" --firmware uefi
refuses "pack wants a Yolk image" "not a Yolk image" "$yolk" pack -o "$out/x.iso" /etc/hostname
suite_end
