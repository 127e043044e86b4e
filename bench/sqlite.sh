#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: bench/sqlite.sh OUT SPEEDTEST1-IMAGE SPEEDTEST1-PROGRAM
# SQLite's own speedtest1 --size 25 (no network): the Yolk image that `yolk cc` linked beside
# the static musl program (build/third_party/sqlite/build/speedtest1, the same objects), and that
# program in the Linux VM (bench/linux-vm, its /init running /bench/speedtest1 from an initramfs
# of its own appended), both on `yolk run --print-qemu-command`'s QEMU command line, the database
# in /tmp (Yolk's ramfs, the VM's tmpfs). One warm-up round is discarded, then BENCH_ROUNDS
# (default 5) rounds alternate; the figure is speedtest1's own TOTAL (timed inside the guest),
# the median. Prints one table, also written to bench/results/sqlite.md.
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: $0 OUT SPEEDTEST1-IMAGE SPEEDTEST1-PROGRAM}
image=${2:?usage: $0 OUT SPEEDTEST1-IMAGE SPEEDTEST1-PROGRAM}
program=${3:?usage: $0 OUT SPEEDTEST1-IMAGE SPEEDTEST1-PROGRAM}
rounds=${BENCH_ROUNDS:-5}
memory=${BENCH_MEM:-128M}
size=${BENCH_SQLITE_SIZE:-25}
linux_append=${BENCH_LINUX_APPEND:-console=ttyS0 quiet panic=-1}
yolk=tools/yolk
mkdir -p "$out/sqlite" bench/results
log() { echo "bench: $*" >&2; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

[ -x "$program" ] || { echo "bench/sqlite.sh: $program (the static musl program) is missing" >&2; exit 1; }
bench/linux-vm/build.sh "$out/linux-vm" >"$out/sqlite/linux-vm-build.txt" 2>&1 ||
	{ echo "bench/sqlite.sh: the Linux VM did not build: $(tail -1 "$out/sqlite/linux-vm-build.txt")" >&2; exit 1; }
rm -rf "$out/sqlite/root" && mkdir -p "$out/sqlite/root/bench"
cp "$program" "$out/sqlite/root/bench/speedtest1"
(cd "$out/sqlite/root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) \
	>"$out/sqlite/speedtest1.cpio"
cat "$out/linux-vm/initramfs.cpio" "$out/sqlite/speedtest1.cpio" >"$out/sqlite/initramfs.cpio"

# The QEMU command yolk run uses for the image, and the same with the Linux VM put in its place.
printed=$($yolk run --print-qemu-command --tty "$image" --mem "$memory" --cpus 1 -- --size "$size" /tmp/speed.db)
eval "yolk_qemu=($printed)"
linux_qemu=()
for ((index = 0; index < ${#yolk_qemu[@]}; index++)); do
	case ${yolk_qemu[$index]} in
	-kernel | -append | -initrd) index=$((index + 1)) ;;
	file,id=status,path=*) linux_qemu+=("file,id=status,path=$out/sqlite/status") ;;
	*) linux_qemu+=("${yolk_qemu[$index]}") ;;
	esac
done
linux_qemu+=(-kernel "$out/linux-vm/vmlinuz" -initrd "$out/sqlite/initramfs.cpio"
	-append "$linux_append bench=speedtest1 -- --size $size /tmp/speed.db")

total_ms() { # OUTPUT-FILE: speedtest1's TOTAL in ms
	sed -n 's/^ *TOTAL\.* *\([0-9]*\)\.\([0-9]*\)s.*/\1\2/p' "$1" | tr -d '\r' | sed 's/^0*//' | tail -1
}
: >"$out/sqlite/yolk.txt"
: >"$out/sqlite/linux.txt"
for ((round = 0; round <= rounds; round++)); do
	log "speedtest1 --size $size: round $round of $rounds (0 is the warm-up), Yolk and the Linux VM"
	timeout 600 "${yolk_qemu[@]}" </dev/null >"$out/sqlite/yolk-run.txt" 2>&1
	timeout 600 "${linux_qemu[@]}" </dev/null >"$out/sqlite/linux-run.txt" 2>&1
	[ "$round" = 0 ] && continue
	total_ms "$out/sqlite/yolk-run.txt" >>"$out/sqlite/yolk.txt"
	total_ms "$out/sqlite/linux-run.txt" >>"$out/sqlite/linux.txt"
done
yolk_ms=$(median <"$out/sqlite/yolk.txt")
linux_ms=$(median <"$out/sqlite/linux.txt")
ratio=n/a
[ -z "$yolk_ms" ] || [ -z "$linux_ms" ] || ratio=$(awk "BEGIN { printf \"%.2fx\", $linux_ms / $yolk_ms }")
host_ms=$(cd "$out/sqlite" && rm -f host.db && "$OLDPWD/$program" --size "$size" host.db 2>&1 |
	sed -n 's/^ *TOTAL\.* *\([0-9]*\)\.\([0-9]*\)s.*/\1\2/p' | sed 's/^0*//')
image_kib=$(($(stat -c %s "$image") / 1024))
stripped_kib=$( (strip -o "$out/sqlite/stripped.elf" "$image" && echo $(($(stat -c %s "$out/sqlite/stripped.elf") / 1024))) || echo n/a)
{
	echo "| metric | Yolk | Linux VM | host | ratio |"
	echo "|---|---:|---:|---:|---|"
	echo "| SQLite speedtest1 --size $size, /tmp (ms, median of $rounds; speedtest1's TOTAL) | ${yolk_ms:-n/a} | ${linux_ms:-n/a} | ${host_ms:-n/a} | Yolk $ratio Linux |"
	echo "| speedtest1 image (KiB; stripped) | $image_kib ($stripped_kib) | - | - | |"
	echo
	echo "Rounds (ms): Yolk $(tr '\n' ' ' <"$out/sqlite/yolk.txt"), Linux VM $(tr '\n' ' ' <"$out/sqlite/linux.txt");" \
		"QEMU: \`${yolk_qemu[*]:0:12} ...\` for both."
} | tee bench/results/sqlite.md
