#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: tests/nes/yolk_nes.sh YOLK SHELL_IMAGE HOST_NES DATA OUT
# The `nes` command of the default image under QEMU, on ROMs in a 9P share (yolk run --share):
# blargg ROMs by their $6000 result (from DATA, ../shared/data/nes, SKIP where missing),
# Sprite Cans (tests/nes/roms) for 600 frames, whose screenshot must equal the host core's
# (HOST_NES, the same sources built for the host) byte for byte, nestest's trace against the
# host's, and a ROM with a broken header (a clear error, status 1, the shell goes on).
set -uo pipefail
yolk=$1 image=$2 host_nes=$3 data=$4 out=$5
passed=0 failed=0 skipped=0
check() { # NAME CONDITION...
	local name=$1
	shift
	if "$@"; then
		echo "PASS $name"
		passed=$((passed + 1))
	else
		echo "FAIL $name"
		failed=$((failed + 1))
	fi
}

share=$out/share
rm -rf "$out" && mkdir -p "$share"
cp tests/nes/roms/spritecans.nes "$share/"
{ printf 'NES\032\002\001'; head -c 10000 /dev/zero; } >"$share/truncated.nes" # 2 x 16 KiB of PRG said
roms=(cpu/instr_01-basics.nes cpu/instr_10-branches.nes ppu/vbl_02-vbl_set_time.nes)
script=""
for rom in "${roms[@]}"; do
	if [ -f "$data/$rom" ]; then
		cp "$data/$rom" "$share/"
		script+="nes --test /mnt/$(basename "$rom"); echo \"status $(basename "$rom") \$?\"; "
	else
		echo "SKIP $rom: not in $data"
		skipped=$((skipped + 1))
	fi
done
have_nestest=false
if [ -f "$data/cpu/nestest.nes" ]; then
	cp "$data/cpu/nestest.nes" "$share/"
	have_nestest=true
	script+="nes --cpu-log /mnt/nestest.trace --start C000 --instructions 8991 /mnt/nestest.nes; echo \"status nestest \$?\"; "
else
	echo "SKIP nestest trace: not in $data"
	skipped=$((skipped + 1))
fi
script+="nes --frames 600 --screenshot /mnt/spritecans.ppm /mnt/spritecans.nes; echo \"status spritecans \$?\"; "
script+="nes --test /mnt/truncated.nes; echo \"status truncated \$?\"; echo done"

"$yolk" run "$image" --timeout 600 --share "$share:/mnt" -- -c "$script" >"$out/console.txt" 2>&1
sed 's/^/    /' "$out/console.txt"
status_of() { grep -a "^status $1 " "$out/console.txt" | awk '{print $3}' | tr -d '\r'; }

for rom in "${roms[@]}"; do
	name=$(basename "$rom")
	[ -f "$share/$name" ] || continue
	check "nes --test $name passes in Yolk" [ "$(status_of "$name")" = 0 ]
done
# Only when some test ROM was there to print it.
if [ -n "$(cd "$share" && ls instr_* vbl_* 2>/dev/null)" ]; then
	check "the Passed text of the ROMs reaches the console" grep -aq "^Passed" "$out/console.txt"
fi
"$host_nes" --frames 600 --screenshot "$out/host-spritecans.ppm" tests/nes/roms/spritecans.nes
check "spritecans runs 600 frames in Yolk" [ "$(status_of spritecans)" = 0 ]
check "its frame 600 is the host core's, pixel for pixel" cmp -s "$share/spritecans.ppm" "$out/host-spritecans.ppm"
if $have_nestest; then
	"$host_nes" --cpu-log "$out/host-nestest.trace" --start C000 --instructions 8991 "$share/nestest.nes"
	check "nestest's trace in Yolk is the host's (8991 lines)" \
		bash -c "cmp -s '$share/nestest.trace' '$out/host-nestest.trace' && [ \$(wc -l <'$share/nestest.trace') = 8991 ]"
fi
check "a truncated ROM is refused with status 1" [ "$(status_of truncated)" = 1 ]
check "with a clear message" grep -aq "truncated.nes: ROM image shorter than its header says" "$out/console.txt"
check "and the shell goes on" grep -aq "^done" "$out/console.txt"
line="$passed passed, $failed failed"
[ "$skipped" -eq 0 ] || line+=", $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
