#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: bench/gui.sh OUT GUI-IMAGE PHYSICS-IMAGE GUI-PROGRAM PHYSICS-PROGRAM
# The GUI toolkit and the physics demo (apps/gui), Yolk vs the Linux VM vs the host: the
# images (`yolk run --gui`: q35, std VGA) and the static musl programs linked from the same
# objects (build/gui/gui-host, physics-host), those in the Linux VM (bench/linux-vm, on
# bochs-drm's fbdev: modules-gfx.cpio) and, for the physics steps, on the host. Rows:
#   the widget overview's frame time: `gui --open widgets --frames 200`, the mean over frames
#     in which nothing changes (the toolkit builds, sorts and hashes its commands; no pixels)
#     and again with --redraw (every frame drawn whole and copied to the framebuffer)
#   the physics demo on the screen: `physics --frames 100` (two steps and a whole frame each)
#   physics steps per second headless: `physics --steps 3000`
# Each figure is the programs' own (timed inside the guest), the median of BENCH_ROUNDS
# (default 3) runs. Prints one table, also written to bench/results/gui.md.
set -uo pipefail
cd "$(dirname "$0")/.."
usage="usage: $0 OUT GUI-IMAGE PHYSICS-IMAGE GUI-PROGRAM PHYSICS-PROGRAM"
out=${1:?$usage}/gui
gui_image=${2:?$usage}
physics_image=${3:?$usage}
gui_program=${4:?$usage}
physics_program=${5:?$usage}
rounds=${BENCH_ROUNDS:-3}
memory=${BENCH_MEM:-256M}
linux_append=${BENCH_LINUX_APPEND:-console=ttyS0 quiet panic=-1}
yolk=tools/yolk
mkdir -p "$out" bench/results
log() { echo "bench: $*" >&2; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

linux_vm=1
bench/linux-vm/build.sh "$(dirname "$out")/linux-vm" >"$out/linux-vm-build.txt" 2>&1 ||
	{ log "the Linux VM did not build: $(tail -1 "$out/linux-vm-build.txt")"; linux_vm=0; }
vm=$(dirname "$out")/linux-vm
if [ "$linux_vm" = 1 ]; then
	rm -rf "$out/root" && mkdir -p "$out/root/bench"
	cp "$gui_program" "$out/root/bench/gui"
	cp "$physics_program" "$out/root/bench/physics"
	(cd "$out/root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) \
		>"$out/programs.cpio"
	cat "$vm/initramfs.cpio" "$vm/modules-gfx.cpio" "$out/programs.cpio" >"$out/initramfs.cpio"
fi

# Runs IMAGE (Yolk) or PROGRAM (the Linux VM) with ARGUMENTS, ROUNDS times; appends the
# number that SED-EXPRESSION finds in each run's output to OUT/NAME-WHERE.txt.
measure() { # NAME PATTERN IMAGE PROGRAM-NAME ARGUMENTS...
	local name=$1 pattern=$2 image=$3 program=$4 printed index round
	shift 4
	printed=$($yolk run --print-qemu-command --tty "$image" --gui --mem "$memory" --cpus 1 -- "$@")
	eval "yolk_qemu=($printed)"
	linux_qemu=()
	for ((index = 0; index < ${#yolk_qemu[@]}; index++)); do
		case ${yolk_qemu[$index]} in
		-kernel | -append | -initrd) index=$((index + 1)) ;;
		file,id=status,path=*) linux_qemu+=("file,id=status,path=$out/status") ;;
		*) linux_qemu+=("${yolk_qemu[$index]}") ;;
		esac
	done
	linux_qemu+=(-kernel "$vm/vmlinuz" -initrd "$out/initramfs.cpio"
		-append "$linux_append bench=$program -- $*")
	: >"$out/$name-yolk.txt"
	: >"$out/$name-linux.txt"
	for ((round = 1; round <= rounds; round++)); do
		log "$name: round $round of $rounds, Yolk and the Linux VM"
		timeout 300 "${yolk_qemu[@]}" </dev/null >"$out/$name-yolk-run.txt" 2>&1
		tr -d '\r' <"$out/$name-yolk-run.txt" | sed -n "$pattern" | tail -1 >>"$out/$name-yolk.txt"
		[ "$linux_vm" = 1 ] || continue
		timeout 300 "${linux_qemu[@]}" </dev/null >"$out/$name-linux-run.txt" 2>&1
		tr -d '\r' <"$out/$name-linux-run.txt" | sed -n "$pattern" | tail -1 >>"$out/$name-linux.txt"
	done
}

frame_ms='s/.* frames, \([0-9.]*\) ms a frame.*/\1/p'
steps_per_second='s/^steps .*, \([0-9]*\) steps\/s$/\1/p'
measure overview "$frame_ms" "$gui_image" gui --open widgets --frames 200
measure overview-redraw "$frame_ms" "$gui_image" gui --open widgets --frames 100 --redraw
measure physics-frames "$frame_ms" "$physics_image" physics --frames 100
measure physics-steps "$steps_per_second" "$physics_image" physics --steps 3000
: >"$out/physics-steps-host.txt"
for ((round = 1; round <= rounds; round++)); do
	"$physics_program" --steps 3000 | sed -n "$steps_per_second" >>"$out/physics-steps-host.txt"
done

value() { median <"$out/$1.txt"; }
ratio() { # A B: A / B, or n/a
	[ -n "$1" ] && [ -n "$2" ] && awk "BEGIN { exit !($2 > 0) }" && awk "BEGIN { printf \"%.2fx\", $1 / $2 }" || echo n/a
}
{
	echo "| metric | Yolk | Linux VM | host | ratio |"
	echo "|---|---:|---:|---:|---|"
	echo "| GUI: widget overview frame, nothing changed (ms, mean of 200) | $(value overview-yolk) | $(value overview-linux) | - | Linux/Yolk $(ratio "$(value overview-linux)" "$(value overview-yolk)") |"
	echo "| GUI: widget overview frame drawn whole, 1024x768 (ms, --redraw) | $(value overview-redraw-yolk) | $(value overview-redraw-linux) | - | Linux/Yolk $(ratio "$(value overview-redraw-linux)" "$(value overview-redraw-yolk)") |"
	echo "| physics: Planet demo frame on the screen, 2 steps (ms) | $(value physics-frames-yolk) | $(value physics-frames-linux) | - | Linux/Yolk $(ratio "$(value physics-frames-linux)" "$(value physics-frames-yolk)") |"
	echo "| physics: Chipmunk2D steps/s, 50 boxes, headless | $(value physics-steps-yolk) | $(value physics-steps-linux) | $(value physics-steps-host) | Yolk/Linux $(ratio "$(value physics-steps-yolk)" "$(value physics-steps-linux)") |"
	echo
	echo "Medians of $rounds runs; each program times itself. QEMU: \`${yolk_qemu[*]:0:10} ...\` for both."
} | tee bench/results/gui.md
