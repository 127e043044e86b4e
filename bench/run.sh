#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make bench: builds the benchmark programs for Yolk, for a minimal Linux VM (bench/linux-vm) and
# for the host, runs them side by side in one run and prints one table of medians and ratios,
# also written to bench/results/latest.md. Benchmarks, not tests: nothing here fails on timing,
# and a cell that cannot be measured says n/a with a note under the table.
#
# Every QEMU run uses the command line `yolk run --print-qemu-command` gives for the Yolk image;
# the Linux VM and the floor take the same command with only the guest swapped, so machine type,
# accelerator, CPU model, memory and CPU count are identical. QEMU is timed directly, without
# the yolk script around it.
#
# Usage: bench/run.sh [OUT]      (OUT: build folder, default build/bench)
# Environment: BENCH_RUNS (10), BENCH_ACCEL (auto: what yolk run picks), BENCH_MEM (128M),
#              BENCH_LINUX_APPEND (console=ttyS0 quiet panic=-1)
set -uo pipefail
export LC_ALL=C

cd "$(dirname "$0")/.." || exit 1
out=${1:-build/bench}
runs=${BENCH_RUNS:-10}
accel=${BENCH_ACCEL:-auto}
memory=${BENCH_MEM:-128M}
linux_append=${BENCH_LINUX_APPEND:-console=ttyS0 quiet panic=-1}
yolk=tools/yolk
results=bench/results
syscall_programs=(getppid clock_gettime write_devnull)
yolk_timeout=60   # seconds; hello takes well under one under TCG
linux_timeout=120 # the Linux VM boots in about 4 s under TCG
unikraft_hello_kib=208

notes=()
note() { notes+=("$*"); }
log() { echo "bench: $*" >&2; }

median() { # values on stdin, one a line; prints nothing when there are none
	sort -g | awk '{ v[NR] = $1 } END { if (NR) printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
calc() { awk "BEGIN { printf \"%.${2:-1}f\", $1 }"; }
is_number() { [[ ${1:-} =~ ^[0-9]+(\.[0-9]+)?$ ]]; }

# ---- building --------------------------------------------------------------------------------
build_all() {
	rm -rf "$out/yolk"
	mkdir -p "$out/yolk/default" "$out/yolk/trap" "$out/yolk/direct" "$out/floor" "$out/runs" \
		"$results"
	log "building the Linux VM (bench/linux-vm/build.sh)"
	if bench/linux-vm/build.sh "$out/linux-vm" >"$out/runs/linux-vm-build.txt" 2>&1; then
		linux_built=1
	else
		linux_built=0
		note "Linux VM: the build failed: $(tail -1 "$out/runs/linux-vm-build.txt")"
	fi
	if as --32 -o "$out/floor/exit-at-entry.o" bench/floor/exit-at-entry.S &&
		ld -m elf_i386 -N --no-warn-rwx-segments -Ttext=0x100000 \
			--section-start=.note.Xen=0x100040 -e entry \
			-o "$out/floor/exit-at-entry.elf" "$out/floor/exit-at-entry.o"; then
		floor_built=1
	else
		floor_built=0
		note "floor image: bench/floor/exit-at-entry.S did not build"
	fi
	log "building the Yolk images (tools/yolk build)"
	yolk_built=0
	direct_built=0
	if $yolk build -o "$out/yolk/default/hello.elf" bench/programs/hello.c \
		>"$out/runs/yolk-build.txt" 2>&1; then
		yolk_built=1
	else
		note "Yolk: yolk build failed: $(head -1 "$out/runs/yolk-build.txt")"
		return
	fi
	iso_built=0
	$yolk pack -o "$out/yolk/default/hello.iso" "$out/yolk/default/hello.elf" \
		>>"$out/runs/yolk-build.txt" 2>&1 && iso_built=1 ||
		note "Yolk ISO: yolk pack failed: $(tail -1 "$out/runs/yolk-build.txt")"
	local program
	for program in "${syscall_programs[@]}"; do
		$yolk build --libc=debian -o "$out/yolk/trap/$program.elf" "bench/programs/$program.c" \
			>>"$out/runs/yolk-build.txt" 2>&1 ||
			note "Yolk trap path: yolk build --libc=debian $program.c failed"
	done
	direct_built=1
	for program in "${syscall_programs[@]}"; do
		if ! $yolk build --libc=direct -o "$out/yolk/direct/$program.elf" \
			"bench/programs/$program.c" >"$out/runs/yolk-direct-build.txt" 2>&1; then
			direct_built=0
			note "Yolk direct path: n/a: $(head -1 "$out/runs/yolk-direct-build.txt")"
			break
		fi
	done
}

# ---- QEMU command lines ------------------------------------------------------------------------
# The flags yolk run used when this script was written; used only when the tool cannot print
# its own (then said in a note), so the Linux VM and the floor can still be measured.
fallback_command() { # IMAGE MEM
	local tcg=$accel
	[ "$tcg" = auto ] && tcg=tcg
	qemu_command=(qemu-system-x86_64
		-M microvm,x-option-roms=off,rtc=on,pit=on,pic=on,isa-serial=on,acpi=off
		-accel "$tcg" -cpu max -m "$2" -smp 1 -nodefaults -no-user-config -display none
		-no-reboot -chardev stdio,id=console,signal=off,mux=on -serial chardev:console
		-mon chardev=console,mode=readline -device isa-debug-exit,iobase=0x501,iosize=1
		-kernel "$1" -append "")
}

# Sets qemu_command to what `yolk run IMAGE --mem MEM [OPTIONS...]` would run, with the exit
# status file moved into the build folder.
yolk_command() { # IMAGE MEM [OPTIONS...]
	local image=$1 mem=$2 printed index
	shift 2
	if [ "$yolk_built" = 1 ] &&
		printed=$($yolk run --print-qemu-command --tty "$image" --accel "$accel" --mem "$mem" \
			--cpus 1 "$@" 2>"$out/runs/print-qemu-command.txt") && [ -n "$printed" ]; then
		eval "qemu_command=($printed)"
	else
		if [ -z "${fallback_noted:-}" ]; then
			fallback_noted=1
			note "QEMU flags: yolk run --print-qemu-command did not answer" \
				"($(head -1 "$out/runs/print-qemu-command.txt" 2>/dev/null)); used bench/run.sh's copy of them"
		fi
		fallback_command "$image" "$mem"
	fi
	for index in "${!qemu_command[@]}"; do
		case ${qemu_command[$index]} in
		file,id=status,path=*) qemu_command[$index]="file,id=status,path=$out/runs/status" ;;
		esac
	done
}

# Sets qemu_command to the Yolk command for MEM with the guest (-kernel, -append, -initrd) taken
# out and ARGUMENTS put in its place.
other_guest_command() { # MEM ARGUMENTS...
	local mem=$1
	shift
	yolk_command "$out/yolk/default/hello.elf" "$mem"
	local -a hello_qemu=("${qemu_command[@]}")
	guest_swapped hello_qemu "$@"
}

# Sets qemu_command to the command in the array named BASE with its guest (-kernel, -append,
# -initrd) taken out and ARGUMENTS put in its place.
guest_swapped() { # BASE ARGUMENTS...
	local -n base=$1
	local index
	shift
	qemu_command=()
	for ((index = 0; index < ${#base[@]}; index++)); do
		case ${base[$index]} in
		-kernel | -append | -initrd) index=$((index + 1)) ;;
		*) qemu_command+=("${base[$index]}") ;;
		esac
	done
	qemu_command+=("$@")
}

linux_command() { # BENCHMARK MEM
	other_guest_command "$2" -kernel "$out/linux-vm/vmlinuz" -initrd "$out/linux-vm/initramfs.cpio" \
		-append "$linux_append bench=$1"
}

# ---- running -------------------------------------------------------------------------------------
# Runs COMMAND with stdin from INPUT and a time limit; sets elapsed_ms (start to exit, wall
# clock) and leaves the output in $out/runs/last.txt. Succeeds when the exit status is STATUS
# and the output has a line matching EXPECT. QEMU exits with 1 when the guest exits with 0.
last="$out/runs/last.txt"
timed_run() { # EXPECT STATUS LIMIT INPUT COMMAND...
	local expect=$1 want=$2 limit=$3 input=$4 start end status
	shift 4
	start=$EPOCHREALTIME
	timeout "$limit" "$@" <"$input" >"$last" 2>&1
	status=$?
	end=$EPOCHREALTIME
	elapsed_ms=$(calc "($end - $start) * 1000" 2)
	[ "$status" = "$want" ] || return 1
	[ -z "$expect" ] || grep -q -- "$expect" "$last"
}

# Keeps the output of the first failed run of each kind and stops running that kind, so a
# broken guest costs one timeout, not ten.
declare -A failed
fail() { # KIND
	failed[$1]=1
	cp "$last" "$out/runs/failed-$1.txt"
	note "$1: a run failed (output in $out/runs/failed-$1.txt)"
}
can_run() { [ -z "${failed[$1]:-}" ]; }

boot_samples() {
	local i monitor_quit="$out/runs/monitor-quit.txt"
	printf '\001cquit\n' >"$monitor_quit" # Ctrl-A c switches the muxed console to the monitor
	: >"$out/runs/floor.ms"
	: >"$out/runs/floor-entry.ms"
	: >"$out/runs/yolk-hello.ms"
	: >"$out/runs/yolk-boot-to-main.us"
	: >"$out/runs/linux-hello.ms"
	: >"$out/runs/linux-init-uptime.s"
	: >"$out/runs/host-hello.ms"
	log "boot to exit: $runs runs each of the floors, Yolk, the Linux VM and the host, interleaved"
	for ((i = 1; i <= runs; i++)); do
		other_guest_command "$memory" -S
		if can_run floor; then
			if timed_run "(qemu)" 0 10 "$monitor_quit" "${qemu_command[@]}"; then
				echo "$elapsed_ms" >>"$out/runs/floor.ms"
			else fail floor; fi
		fi
		if [ "$floor_built" = 1 ] && can_run floor-entry; then
			other_guest_command "$memory" -kernel "$out/floor/exit-at-entry.elf"
			if timed_run "" 1 10 /dev/null "${qemu_command[@]}"; then
				echo "$elapsed_ms" >>"$out/runs/floor-entry.ms"
			else fail floor-entry; fi
		fi
		if [ "$yolk_built" = 1 ] && can_run yolk-hello; then
			yolk_command "$out/yolk/default/hello.elf" "$memory"
			if timed_run "^hello" 1 "$yolk_timeout" /dev/null "${qemu_command[@]}"; then
				echo "$elapsed_ms" >>"$out/runs/yolk-hello.ms"
			else fail yolk-hello; fi
			# The kernel's own first-instruction-to-main time, printed at loglevel info.
			yolk_command "$out/yolk/default/hello.elf" "$memory" --append loglevel=6
			timed_run "^hello" 1 "$yolk_timeout" /dev/null "${qemu_command[@]}" &&
				sed -n 's/.*boot to main \([0-9]*\) us.*/\1/p' "$last" >>"$out/runs/yolk-boot-to-main.us"
		fi
		if [ "$linux_built" = 1 ] && can_run linux-hello; then
			linux_command hello "$memory"
			if timed_run "^hello" 1 "$linux_timeout" /dev/null "${qemu_command[@]}"; then
				echo "$elapsed_ms" >>"$out/runs/linux-hello.ms"
				sed -n 's/^BOOT init_uptime_s \([0-9.]*\).*/\1/p' "$last" >>"$out/runs/linux-init-uptime.s"
			else fail linux-hello; fi
		fi
		if [ "$linux_built" = 1 ] && can_run host-hello; then
			if timed_run "^hello" 0 10 /dev/null "$out/linux-vm/root/bench/hello"; then
				echo "$elapsed_ms" >>"$out/runs/host-hello.ms"
			else fail host-hello; fi
		fi
	done
}

# hello from the ISO `yolk pack` makes, through the firmware and GRUB from a CD drive on q35:
# SeaBIOS and OVMF, QEMU start to exit (a Yolk-only figure: the Linux VM has no ISO here).
iso_samples() {
	local i firmware
	[ "${iso_built:-0}" = 1 ] || return
	log "ISO boot: hello through SeaBIOS and OVMF with GRUB, $runs runs each"
	for firmware in bios uefi; do
		: >"$out/runs/yolk-iso-$firmware.ms"
		for ((i = 1; i <= runs; i++)); do
			can_run "yolk-iso-$firmware" || break
			yolk_command "$out/yolk/default/hello.iso" "$memory" --firmware "$firmware"
			# Unanchored: on UEFI, GRUB's last line on the serial console ends in LF CR.
			if timed_run "hello" 1 "$yolk_timeout" /dev/null "${qemu_command[@]}"; then
				echo "$elapsed_ms" >>"$out/runs/yolk-iso-$firmware.ms"
			else fail "yolk-iso-$firmware"; fi
		done
	done
}

# Prints the ns figure of one BENCH line, or nothing.
bench_value() { # PROGRAM
	sed -n "s/^BENCH $1_ns \([0-9.]*\).*/\1/p" "$last" | tail -1
}

declare -A ns
syscall_samples() {
	local program path
	for program in "${syscall_programs[@]}"; do
		log "$program: Yolk (trap, direct), Linux VM, host"
		for path in trap direct; do
			[ -f "$out/yolk/$path/$program.elf" ] || continue
			[ "$path" = direct ] && [ "$direct_built" = 0 ] && continue
			yolk_command "$out/yolk/$path/$program.elf" "$memory"
			if timed_run "^BENCH" 1 "$yolk_timeout" /dev/null "${qemu_command[@]}"; then
				ns[yolk-$path-$program]=$(bench_value "$program")
			else fail "yolk-$path-$program"; fi
		done
		if [ "$linux_built" = 1 ]; then
			linux_command "$program" "$memory"
			if timed_run "^BENCH" 1 "$linux_timeout" /dev/null "${qemu_command[@]}"; then
				ns[linux-$program]=$(bench_value "$program")
				linux_clocksource=$(sed -n 's/^BOOT clocksource \([^ ]*\).*/\1/p' "$last")
			else fail "linux-$program"; fi
			if timed_run "^BENCH" 0 60 /dev/null "$out/linux-vm/root/bench/$program"; then
				ns[host-$program]=$(bench_value "$program")
			else fail "host-$program"; fi
		fi
	done
}

# The smallest whole number of MiB at which hello still prints and exits 0, by bisection between
# 0 (never enough) and the benchmark memory size (must work). A run that hangs costs its timeout.
hello_runs_in() { # yolk|linux MIB
	if [ "$1" = yolk ]; then
		yolk_command "$out/yolk/default/hello.elf" "$2M"
		timed_run "^hello" 1 10 /dev/null "${qemu_command[@]}"
	else
		linux_command hello "$2M"
		timed_run "^hello" 1 60 /dev/null "${qemu_command[@]}"
	fi
}
smallest_memory() { # yolk|linux; prints MiB or nothing
	local low=0 high=${memory%M} middle
	is_number "$high" || return
	hello_runs_in "$1" "$high" || return
	while ((high - low > 1)); do
		middle=$(((low + high) / 2))
		if hello_runs_in "$1" "$middle"; then high=$middle; else low=$middle; fi
	done
	echo "$high"
}

kib() { calc "$(stat -c %s "$1") / 1024" 0; }

# ---- the table -------------------------------------------------------------------------------
rows=()
row() { # METRIC YOLK LINUX HOST-OR-FLOOR RATIO TARGET
	local cell line=""
	for cell in "$@"; do line+="${cell:-n/a}"$'\t'; done
	rows+=("${line%$'\t'}")
}
# "met" or "not met" for VALUE OP LIMIT, or nothing when VALUE is not a number.
verdict() {
	is_number "$1" || { echo "n/a"; return; }
	if awk "BEGIN { exit !($1 $2 $3) }"; then echo "met"; else echo "not met"; fi
}
ratio() { # A B: A / B with a x, or nothing
	is_number "$1" && is_number "$2" && awk "BEGIN { exit !($2 > 0) }" || return
	echo "$(calc "$1 / $2" 1)x"
}

boot_rows() {
	local yolk_ms linux_ms floor_ms entry_ms host_ms main_ms init_ms
	yolk_ms=$(median <"$out/runs/yolk-hello.ms")
	linux_ms=$(median <"$out/runs/linux-hello.ms")
	floor_ms=$(median <"$out/runs/floor.ms")
	entry_ms=$(median <"$out/runs/floor-entry.ms")
	host_ms=$(median <"$out/runs/host-hello.ms")
	main_ms=$(awk '{ print $1 / 1000 }' "$out/runs/yolk-boot-to-main.us" | median)
	init_ms=$(awk '{ print $1 * 1000 }' "$out/runs/linux-init-uptime.s" | median)
	[ -s "$out/runs/yolk-boot-to-main.us" ] || [ "$yolk_built" = 0 ] ||
		note "Yolk boot to main: no 'boot to main N us' line at loglevel=6"
	local yolk_floor linux_yolk
	yolk_floor=$(ratio "$yolk_ms" "$floor_ms")
	linux_yolk=$(ratio "$linux_ms" "$yolk_ms")
	row "hello, QEMU start to exit (ms, median of $runs)" "$yolk_ms" "$linux_ms" \
		"${floor_ms:+$floor_ms (floor: QEMU with no guest, -S then quit)}" \
		"Yolk/floor ${yolk_floor:-n/a}; Linux/Yolk ${linux_yolk:-n/a}" \
		"<= 2x floor: $(verdict "${yolk_floor%x}" "<=" 2); Linux >= 50x Yolk: $(verdict "${linux_yolk%x}" ">=" 50)"
	row "  floor with firmware: a PVH guest that exits at its first instruction (ms)" - - \
		"$entry_ms" "Yolk/this $(ratio "$yolk_ms" "$entry_ms")" -
	row "  guest's own boot: Yolk first instruction -> main (TSC); Linux kernel clock at /init (ms)" \
		"$main_ms" "$init_ms" - "Linux/Yolk $(ratio "$init_ms" "$main_ms")" \
		"Unikraft anchor: 0.054 ms guest boot"
	row "  hello as a host process, fork+exec to exit (ms)" - - "$host_ms" - -
	[ "${iso_built:-0}" = 1 ] || return
	row "  hello from yolk pack's ISO, SeaBIOS + GRUB on q35, QEMU start to exit (ms)" \
		"$(median <"$out/runs/yolk-iso-bios.ms")" - - - -
	row "  the same through UEFI (OVMF + GRUB) (ms)" "$(median <"$out/runs/yolk-iso-uefi.ms")" \
		- - - -
}

syscall_rows() {
	local program path label yolk_ns linux_ns host_ns speedup target
	for program in "${syscall_programs[@]}"; do
		linux_ns=${ns[linux-$program]:-}
		host_ns=${ns[host-$program]:-}
		for path in trap direct; do
			yolk_ns=${ns[yolk-$path-$program]:-}
			speedup=$(ratio "$linux_ns" "$yolk_ns")
			target="-"
			case $path-$program in
			trap-getppid)
				target=">= 6x below Linux: $(verdict "${speedup%x}" ">=" 6); <= 40 ns: $(verdict "$yolk_ns" "<=" 40)" ;;
			direct-getppid)
				target=">= 25x below Linux: $(verdict "${speedup%x}" ">=" 25); <= 15 ns: $(verdict "$yolk_ns" "<=" 15)" ;;
			esac
			label="trap (--libc=debian)"
			[ "$path" = direct ] && label="direct call (--libc=direct)"
			case $program in
			getppid) row "getppid() ns, Yolk $label" "$yolk_ns" "$linux_ns" "$host_ns" \
				"Linux/Yolk ${speedup:-n/a}" "$target" ;;
			clock_gettime) row "clock_gettime(MONOTONIC) ns (vDSO), Yolk $label" "$yolk_ns" "$linux_ns" \
				"$host_ns" "Linux/Yolk ${speedup:-n/a}" "$target" ;;
			write_devnull) row "1-byte write() to /dev/null ns, Yolk $label" "$yolk_ns" "$linux_ns" \
				"$host_ns" "Linux/Yolk ${speedup:-n/a}" "$target" ;;
			esac
		done
	done
}

memory_rows() {
	local yolk_mib="" linux_mib=""
	if [ "$yolk_built" = 1 ]; then
		log "smallest memory for Yolk hello (bisection over whole MiB)"
		yolk_mib=$(smallest_memory yolk)
	fi
	if [ "$linux_built" = 1 ]; then
		log "smallest memory for the Linux VM's hello (bisection over whole MiB)"
		linux_mib=$(smallest_memory linux)
	fi
	row "smallest --mem for hello (MiB, bisection)" "$yolk_mib" "$linux_mib" - \
		"Yolk/Unikraft (2 MB) $(ratio "$yolk_mib" 2)" "<= 2 MiB: $(verdict "$yolk_mib" "<=" 2)"
}

size_rows() {
	local yolk_kib="" linux_cell="" host_kib="" copy
	if [ "$yolk_built" = 1 ]; then
		copy="$out/yolk/default/hello.stripped.elf"
		cp "$out/yolk/default/hello.elf" "$copy" && strip "$copy" && yolk_kib=$(kib "$copy")
		yolk_command "$copy" "$memory"
		timed_run "^hello" 1 "$yolk_timeout" /dev/null "${qemu_command[@]}" ||
			note "the stripped Yolk hello did not boot (output in $last)"
	fi
	if [ "$linux_built" = 1 ]; then
		local kernel initramfs
		kernel=$(kib "$(readlink -f "$out/linux-vm/vmlinuz")")
		initramfs=$(kib "$out/linux-vm/initramfs.cpio")
		linux_cell="$((kernel + initramfs)) (vmlinuz $kernel + initramfs $initramfs)"
		copy="$out/runs/hello.host.stripped"
		cp "$out/linux-vm/root/bench/hello" "$copy" && strip "$copy" && host_kib=$(kib "$copy")
	fi
	row "stripped hello image (KiB)" "$yolk_kib" "$linux_cell" \
		"${host_kib:+$host_kib (static musl binary)}" \
		"Yolk/Unikraft ($unikraft_hello_kib KiB) $(ratio "$yolk_kib" "$unikraft_hello_kib")" \
		"< 200 KiB: $(verdict "$yolk_kib" "<" 200)"
}

print_table() {
	local header="metric"$'\t'"Yolk"$'\t'"Linux VM"$'\t'"host / floor"$'\t'"ratio"$'\t'"target"
	printf '%s\n' "$header" "${rows[@]}" | awk -F'\t' '
		{ for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > width[i]) width[i] = length($i) } }
		NF > columns { columns = NF }
		END {
			for (r = 1; r <= NR; r++) {
				line = "|"
				for (i = 1; i <= columns; i++) line = line sprintf(" %-*s |", width[i], cell[r, i])
				print line
				if (r == 1) {
					line = "|"
					for (i = 1; i <= columns; i++) { dashes = sprintf("%*s", width[i], ""); gsub(/ /, "-", dashes); line = line "-" dashes "-|" }
					print line
				}
			}
		}'
}

report() {
	local kernel qemu_version yolk_line linux_line
	kernel=$(cat "$out/linux-vm/kernel-version" 2>/dev/null || echo "not built")
	qemu_version=$(qemu-system-x86_64 --version | head -1)
	yolk_command "$out/yolk/default/hello.elf" "$memory"
	yolk_line=$(printf '%q ' "${qemu_command[@]}")
	linux_command hello "$memory"
	linux_line=$(printf '%q ' "${qemu_command[@]}")
	echo "# Yolk benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null)"
	echo
	echo "$qemu_version; $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) host CPUs," \
		"load average at start $load_at_start. Same QEMU flags for every guest:" \
		"$(printf '%s\n' "${qemu_command[@]}" | sed -n '/^-M$/{n;s/,.*//;p}') machine," \
		"accelerator $(printf '%s\n' "${qemu_command[@]}" | sed -n '/^-accel$/{n;p}')," \
		"-m $memory, 1 CPU. Linux VM: Debian's $kernel, \`$linux_append\`, busybox-static initramfs." \
		"Figures are medians; ns per call are medians of 5 rounds of 10^6 calls inside one boot," \
		"timed in the guest with CLOCK_MONOTONIC; a ratio is a quotient (Linux/Yolk 4.0x: Linux takes 4 times as long)."
	echo
	print_table
	echo
	local line
	for line in "${notes[@]}"; do echo "- $line"; done
	echo "- Yolk's hello (boot, memory and size rows) is built with yolk build's defaults."
	echo "- clock_gettime runs in the vDSO without a system call on Linux, the host and Yolk" \
		"(both libcs find Yolk's through AT_SYSINFO_EHDR: sys/vdso.c); Linux VM clock source:" \
		"${linux_clocksource:-unknown}, Yolk's the TSC."
	echo "- Host figures share the machine with whatever else runs on it (see the load average)."
	echo "- Yolk's QEMU command: \`$yolk_line\`"
	echo "- Linux VM's QEMU command: \`$linux_line\`"
	echo "- Raw samples: $out/runs/*.ms, *.us, *.s"
}

# ---- threads, routines, files (issues: threads; files) ---------------------------------------
# threads and files run on all three; routines and ninep are Yolk's own (no Linux counterpart
# yet: the Linux VM has no 9p modules in its initramfs).
portable_programs=(threads files)
declare -A metric

# A figure (the value of "BENCH KEY_ns VALUE") scaled: per-second rates and unit changes.
per_second() { is_number "${1:-}" && calc "1000000000 / $1" 0; }
scaled() { is_number "${1:-}" && calc "$1 / $2" "${3:-1}"; }

extra_samples() {
	local program key where
	[ "$yolk_built" = 1 ] || return
	for program in "${portable_programs[@]}" yolk/routines ninep; do
		$yolk build -o "$out/yolk/direct/${program#yolk/}.elf" "bench/programs/$program.c" \
			>>"$out/runs/yolk-build.txt" 2>&1 || note "Yolk: yolk build $program.c failed"
	done
	for program in "${portable_programs[@]}"; do
		log "$program: Yolk, Linux VM, host"
		yolk_command "$out/yolk/direct/$program.elf" "$memory"
		if timed_run "^BENCH" 1 300 /dev/null "${qemu_command[@]}"; then
			cp "$last" "$out/runs/yolk-$program.txt"
		else fail "yolk-$program"; fi
		if [ "$linux_built" = 1 ]; then
			linux_command "$program" "$memory"
			if timed_run "^BENCH" 1 300 /dev/null "${qemu_command[@]}"; then
				cp "$last" "$out/runs/linux-$program.txt"
			else fail "linux-$program"; fi
			if timed_run "^BENCH" 0 120 /dev/null "$out/linux-vm/root/bench/$program"; then
				cp "$last" "$out/runs/host-$program.txt"
			else fail "host-$program"; fi
		fi
	done
	log "routines and channels: Yolk"
	yolk_command "$out/yolk/direct/routines.elf" 512M
	timed_run "^BENCH start" 1 300 /dev/null "${qemu_command[@]}" &&
		cp "$last" "$out/runs/yolk-routines.txt" || fail yolk-routines
	ninep_samples
	for where in yolk linux host; do
		for key in pthread_create_join mutex_condvar_pingpong file_create_stat_unlink \
			pipe_per_mib channel_pingpong start_100k_routines ninep_write_per_mib \
			ninep_read_per_mib; do
			metric[$where-$key]=$(cat "$out/runs/$where"-*.txt 2>/dev/null |
				sed -n "s/^BENCH ${key}_ns \([0-9.]*\).*/\1/p" | tail -1)
		done
	done
}

extra_rows() {
	local yolk linux host
	yolk=$(scaled "${metric[yolk-pthread_create_join]}" 1000)
	linux=$(scaled "${metric[linux-pthread_create_join]}" 1000)
	host=$(scaled "${metric[host-pthread_create_join]}" 1000)
	row "pthread create+join (us)" "$yolk" "$linux" "$host" "Linux/Yolk $(ratio "$linux" "$yolk")" \
		">= 5x faster than Linux: $(verdict "$(ratio "$linux" "$yolk" | tr -d x)" ">=" 5)"
	yolk=${metric[yolk-mutex_condvar_pingpong]}
	linux=${metric[linux-mutex_condvar_pingpong]}
	row "mutex+condvar ping-pong round trip, 2 threads (ns)" "$yolk" "$linux" \
		"${metric[host-mutex_condvar_pingpong]}" "Linux/Yolk $(ratio "$linux" "$yolk")" \
		">= 3x faster than Linux: $(verdict "$(ratio "$linux" "$yolk" | tr -d x)" ">=" 3)"
	row "channel ping-pong round trip, 2 routines (ns)" "${metric[yolk-channel_pingpong]}" - - \
		"channel/condvar $(ratio "${metric[yolk-channel_pingpong]}" "$yolk")" -
	row "start 100,000 parked routines (ms, --mem 512M)" \
		"$(scaled "${metric[yolk-start_100k_routines]}" 10)" - - - -
	yolk=$(per_second "${metric[yolk-file_create_stat_unlink]}")
	linux=$(per_second "${metric[linux-file_create_stat_unlink]}")
	row "create+stat+unlink of 10,000 files in /tmp (files/s; ramfs vs tmpfs)" "$yolk" "$linux" \
		"$(per_second "${metric[host-file_create_stat_unlink]}")" \
		"Yolk/Linux $(ratio "$yolk" "$linux")" \
		">= 2x Linux: $(verdict "$(ratio "$yolk" "$linux" | tr -d x)" ">=" 2)"
	yolk=$(per_second "${metric[yolk-pipe_per_mib]}")
	linux=$(per_second "${metric[linux-pipe_per_mib]}")
	row "pipe throughput between 2 threads (MiB/s)" "$yolk" "$linux" \
		"$(per_second "${metric[host-pipe_per_mib]}")" "Yolk/Linux $(ratio "$yolk" "$linux")" \
		">= Linux: $(verdict "$(ratio "$yolk" "$linux" | tr -d x)" ">=" 1)"
	yolk=$(per_second "${metric[yolk-ninep_write_per_mib]}")
	linux=$(per_second "${metric[linux-ninep_write_per_mib]}")
	row "9P sequential write, 256 MiB (MiB/s; q35, virtio-9p-pci)" "$yolk" "$linux" - \
		"Yolk/Linux $(ratio "$yolk" "$linux")" ">= Linux: $(verdict "$(ratio "$yolk" "$linux" | tr -d x)" ">=" 1)"
	yolk=$(per_second "${metric[yolk-ninep_read_per_mib]}")
	linux=$(per_second "${metric[linux-ninep_read_per_mib]}")
	row "9P sequential read, 256 MiB (MiB/s; q35, virtio-9p-pci)" "$yolk" "$linux" - \
		"Yolk/Linux $(ratio "$yolk" "$linux")" ">= Linux: $(verdict "$(ratio "$yolk" "$linux" | tr -d x)" ">=" 1)"
}

# ---- the garbage collector (docs/gc.md) ---------------------------------------------------------
# binary-trees at depth 16 with bdwgc as malloc: `yolk build --gc` for Yolk, the same program
# with the signal build's libgc.a linked with musl-gcc -static for the Linux VM and the host
# (bench/linux-vm/build.sh). The pauses are each collection's, start to end (the world is
# stopped throughout). Then the same with 8 other threads for each collection to stop (4
# waiting in read, 4 sleeping 1 ms at a time), on Yolk with the kernel freezing them (--gc) and
# with bdwgc's signal protocol (--gc=signals), and on the host; "stop" is the part of each
# pause spent stopping and restarting them. (The Linux VM runs out of memory with the threads:
# docs/gc.md.)
declare -A gc_metric
gc_samples() {
	local where key variant
	[ "$yolk_built" = 1 ] || return
	mkdir -p "$out/yolk/gc"
	for variant in kernel signals; do
		if ! $yolk build --gc=$variant -o "$out/yolk/gc/binary_trees-$variant.elf" \
			bench/programs/gc/binary_trees.c >>"$out/runs/yolk-build.txt" 2>&1; then
			note "Yolk: yolk build --gc=$variant binary_trees.c failed"
			return
		fi
	done
	log "binary-trees with the collector: Yolk, Linux VM, host; with 8 threads, Yolk and host"
	yolk_command "$out/yolk/gc/binary_trees-kernel.elf" "$memory"
	if timed_run "^BENCH gc_heap" 1 600 /dev/null "${qemu_command[@]}"; then
		cp "$last" "$out/runs/yolk-gc.txt"
		gc_metric[yolk-wall_ms]=$elapsed_ms
	else fail yolk-gc; fi
	for variant in kernel signals; do
		yolk_command "$out/yolk/gc/binary_trees-$variant.elf" "$memory" -- 16 8
		if timed_run "^BENCH gc_heap" 1 600 /dev/null "${qemu_command[@]}"; then
			cp "$last" "$out/runs/yolk-$variant-threads-gc.txt"
		else fail yolk-$variant-threads-gc; fi
	done
	if [ "$linux_built" = 1 ] && [ -x "$out/linux-vm/root/bench/binary_trees" ]; then
		linux_command binary_trees "$memory"
		if timed_run "^BENCH gc_heap" 1 600 /dev/null "${qemu_command[@]}"; then
			cp "$last" "$out/runs/linux-gc.txt"
			gc_metric[linux-wall_ms]=$elapsed_ms
		else fail linux-gc; fi
		if timed_run "^BENCH gc_heap" 0 300 /dev/null "$out/linux-vm/root/bench/binary_trees"; then
			cp "$last" "$out/runs/host-gc.txt"
		else fail host-gc; fi
		if timed_run "^BENCH gc_heap" 0 300 /dev/null "$out/linux-vm/root/bench/binary_trees" \
			16 8; then
			cp "$last" "$out/runs/host-threads-gc.txt"
		else fail host-threads-gc; fi
	else
		note "binary-trees: no Linux build (bench/linux-vm/build.sh needs build/lib/yolk/libgc.a)"
	fi
	for where in yolk linux host yolk-kernel-threads yolk-signals-threads host-threads; do
		for key in gc_binary_trees gc_pause_median gc_pause_max gc_stop_median gc_stop_max \
			gc_collections; do
			gc_metric[$where-$key]=$(sed -n "s/^BENCH ${key}_ns \([0-9.]*\).*/\1/p" \
				"$out/runs/$where-gc.txt" 2>/dev/null | tail -1)
		done
	done
}

# "MEDIAN / MAX" in ms of the gc metric KIND (pause or stop) of WHERE.
gc_median_max() { # WHERE KIND DIGITS
	echo "$(scaled "${gc_metric[$1-gc_$2_median]:-}" 1000000 "$3") / $(scaled "${gc_metric[$1-gc_$2_max]:-}" 1000000 "$3")"
}

gc_rows() {
	local yolk linux host
	yolk=$(scaled "${gc_metric[yolk-gc_binary_trees]:-}" 1000000000 2)
	linux=$(scaled "${gc_metric[linux-gc_binary_trees]:-}" 1000000000 2)
	host=$(scaled "${gc_metric[host-gc_binary_trees]:-}" 1000000000 2)
	row "binary-trees depth 16, bdwgc as malloc (s; ${gc_metric[yolk-gc_collections]:-?} / ${gc_metric[linux-gc_collections]:-?} collections)" \
		"$yolk" "$linux" "$host" "Linux/Yolk $(ratio "$linux" "$yolk")" -
	row "  collection pause, median / max (ms)" "$(gc_median_max yolk pause 1)" \
		"$(gc_median_max linux pause 1)" "$(gc_median_max host pause 1)" \
		"Linux/Yolk (median) $(ratio "${gc_metric[linux-gc_pause_median]:-}" "${gc_metric[yolk-gc_pause_median]:-}")" -
	# The guests' own clocks disagree with the host's under TCG (the Linux VM calibrates its TSC
	# at boot, on a loaded machine): the same run by the host's clock, QEMU start to exit less
	# the median hello run of the same guest (its boot).
	local yolk_boot linux_boot
	yolk_boot=$(median <"$out/runs/yolk-hello.ms" 2>/dev/null)
	linux_boot=$(median <"$out/runs/linux-hello.ms" 2>/dev/null)
	is_number "${gc_metric[yolk-wall_ms]:-}" && is_number "$yolk_boot" &&
		yolk=$(calc "(${gc_metric[yolk-wall_ms]:-} - $yolk_boot) / 1000" 2) || yolk=""
	is_number "${gc_metric[linux-wall_ms]:-}" && is_number "$linux_boot" &&
		linux=$(calc "(${gc_metric[linux-wall_ms]:-} - $linux_boot) / 1000" 2) || linux=""
	row "  the same by the host's clock, less each guest's hello run (s)" "$yolk" "$linux" - \
		"Linux/Yolk $(ratio "$linux" "$yolk")" -
	# With 8 threads to stop: the Yolk column is --gc (the kernel freezes them), the Linux
	# column Yolk's --gc=signals (bdwgc's signal protocol), the host's the signal protocol.
	row "binary-trees depth 16 with 8 other threads (s): Yolk --gc | Yolk --gc=signals | host" \
		"$(scaled "${gc_metric[yolk-kernel-threads-gc_binary_trees]:-}" 1000000000 2)" \
		"$(scaled "${gc_metric[yolk-signals-threads-gc_binary_trees]:-}" 1000000000 2)" \
		"$(scaled "${gc_metric[host-threads-gc_binary_trees]:-}" 1000000000 2)" \
		"signals/kernel $(ratio "${gc_metric[yolk-signals-threads-gc_binary_trees]:-}" "${gc_metric[yolk-kernel-threads-gc_binary_trees]:-}")" -
	row "  collection pause, median / max (ms)" "$(gc_median_max yolk-kernel-threads pause 1)" \
		"$(gc_median_max yolk-signals-threads pause 1)" "$(gc_median_max host-threads pause 1)" \
		"signals/kernel (median) $(ratio "${gc_metric[yolk-signals-threads-gc_pause_median]:-}" "${gc_metric[yolk-kernel-threads-gc_pause_median]:-}")" -
	row "  of which stopping and restarting the threads, median / max (ms)" \
		"$(gc_median_max yolk-kernel-threads stop 2)" "$(gc_median_max yolk-signals-threads stop 2)" \
		"$(gc_median_max host-threads stop 2)" \
		"signals/kernel (median) $(ratio "${gc_metric[yolk-signals-threads-gc_stop_median]:-}" "${gc_metric[yolk-kernel-threads-gc_stop_median]:-}")" -
}

# Sets qemu_command to the command in the array named BASE with the Linux VM's kernel, INITRD
# and APPEND as its guest.
linux_guest_of() { # BASE INITRD APPEND
	guest_swapped "$1" -kernel "$out/linux-vm/vmlinuz" -initrd "$2" -append "$3"
}

# 9P, Yolk and the Linux VM, both on q35 (virtio-9p-pci; see linux-vm/build.sh for why) with the
# same -fsdev/-device lines, msize 131136 (Yolk's: fs/ninep.c), no caching on either side.
ninep_samples() {
	local -a yolk_qemu
	log "9P: Yolk, Linux VM (q35, virtio-9p-pci)"
	rm -rf "$out/share" && mkdir -p "$out/share"
	yolk_command "$out/yolk/direct/ninep.elf" 256M --machine q35 --share "$out/share:/share"
	yolk_qemu=("${qemu_command[@]}")
	timed_run "^BENCH ninep_read" 1 300 /dev/null "${yolk_qemu[@]}" &&
		cp "$last" "$out/runs/yolk-ninep.txt" || fail yolk-ninep
	[ "$linux_built" = 1 ] || return
	rm -f "$out/share/bench.bin"
	cat "$out/linux-vm/initramfs.cpio" "$out/linux-vm/modules-9p.cpio" >"$out/linux-vm/initramfs-9p.cpio"
	linux_guest_of yolk_qemu "$out/linux-vm/initramfs-9p.cpio" \
		"$linux_append bench=ninep share=/share msize=131136"
	timed_run "^BENCH ninep_read" 1 300 /dev/null "${qemu_command[@]}" &&
		cp "$last" "$out/runs/linux-ninep.txt" || fail linux-ninep
}

# ---- graphics (issue: graphics) --------------------------------------------------------------
# PROGRAM (bench/programs/PROGRAM.c) on Yolk with --gui (q35, std VGA) and on the Linux VM with
# the same QEMU command and bochs-drm's fbdev emulation (modules-gfx.cpio), in 1024x768 as Yolk's
# --gui (video=); ARGUMENTS for each (words, or ""); the BENCH lines kept in
# runs/yolk-PROGRAM.txt and runs/linux-PROGRAM.txt.
gui_samples() { # PROGRAM EXPECT LIMIT YOLK-ARGUMENTS LINUX-ARGUMENTS
	local program=$1 expect=$2 limit=$3 yolk_arguments=$4 linux_arguments=$5
	local -a yolk_qemu
	[ "$yolk_built" = 1 ] || return
	$yolk build -o "$out/yolk/direct/$program.elf" "bench/programs/$program.c" \
		>>"$out/runs/yolk-build.txt" 2>&1 || { note "Yolk: yolk build $program.c failed"; return; }
	# shellcheck disable=SC2086 # the arguments are words
	yolk_command "$out/yolk/direct/$program.elf" "$memory" --gui ${yolk_arguments:+-- $yolk_arguments}
	yolk_qemu=("${qemu_command[@]}")
	timed_run "$expect" 1 "$limit" /dev/null "${yolk_qemu[@]}" &&
		grep -a '^BENCH' "$last" >"$out/runs/yolk-$program.txt" || fail "yolk-$program"
	[ "$linux_built" = 1 ] || return
	cat "$out/linux-vm/initramfs.cpio" "$out/linux-vm/modules-gfx.cpio" >"$out/linux-vm/initramfs-gfx.cpio"
	linux_guest_of yolk_qemu "$out/linux-vm/initramfs-gfx.cpio" \
		"$linux_append video=1024x768 bench=$program${linux_arguments:+ -- $linux_arguments}"
	timed_run "$expect" 1 "$limit" /dev/null "${qemu_command[@]}" &&
		grep -a '^BENCH' "$last" >"$out/runs/linux-$program.txt" || fail "linux-$program"
}

# bench/programs/framebuffer.c: full-screen frames through /dev/fb0. bench/programs/fbconsole.c:
# the graphical console, glyphs per second and a cat of 10 MiB, on Yolk /dev/console (drawn on
# the framebuffer and written to the serial port; --baseline: the glyphs again without the
# screen, for the serial port's share), on the Linux VM /dev/tty1 (fbcon on bochs-drm's fbdev,
# which writes nothing to the serial port).
graphics_samples() {
	log "framebuffer: Yolk, Linux VM (q35, std VGA)"
	gui_samples framebuffer "^BENCH fb_frame" 300 "" ""
	log "graphical console: Yolk, Linux VM (q35, std VGA, 1024x768)"
	gui_samples fbconsole "^BENCH fbcon_cat" 1200 --baseline /dev/tty1
}

graphics_value() { # WHERE KEY: frames per second from "BENCH KEY_ns N"
	per_second "$(sed -n "s/^BENCH $2_ns \([0-9.]*\).*/\1/p" "$out/runs/$1-framebuffer.txt" 2>/dev/null | tail -1)"
}

graphics_rows() {
	local yolk linux
	yolk=$(graphics_value yolk fb_frame)
	linux=$(graphics_value linux fb_frame)
	row "framebuffer: full-screen frames/s, 1024x768x32 from a back buffer (mmap of /dev/fb0; Linux: bochs-drm fbdev)" \
		"$yolk" "$linux" - "Yolk/Linux $(ratio "$yolk" "$linux")" -
	row "  the same, back buffer aliasing the framebuffer in the emulator's TLB (frames/s)" \
		"$(graphics_value yolk fb_frame_aliased)" "$(graphics_value linux fb_frame_aliased)" - - -
	fbconsole_rows
}

fbconsole_value() { # WHERE KEY
	sed -n "s/^BENCH $2 \([0-9.]*\).*/\1/p" "$out/runs/$1-fbconsole.txt" 2>/dev/null | tail -1
}

fbconsole_rows() {
	local yolk linux yolk_ns
	yolk=$(per_second "$(fbconsole_value yolk fbcon_glyph_drawing_ns)")
	linux=$(per_second "$(fbconsole_value linux fbcon_glyph_ns)")
	row "graphical console: glyphs drawn per second, full screens of 128x48 (Terminus 8x16 at 1024x768; Yolk: less the serial port's share; Linux: fbcon on /dev/tty1)" \
		"$yolk (with the serial port: $(per_second "$(fbconsole_value yolk fbcon_glyph_ns)"))" \
		"$linux" - "Yolk/Linux $(ratio "$yolk" "$linux")" -
	yolk_ns=$(fbconsole_value yolk fbcon_cat_ns)
	yolk=$(is_number "$yolk_ns" && calc "10485760 * 1000 / $yolk_ns" 3)
	linux=$(fbconsole_value linux fbcon_cat_ns)
	linux=$(is_number "$linux" && calc "10485760 * 1000 / $linux" 3)
	row "graphical console: cat of 10 MiB, 64-byte lines in 4 KiB writes (MB/s; Yolk: the serial console too)" \
		"$yolk" "$linux" - "Yolk/Linux $(ratio "$yolk" "$linux")" -
}

# ---- the shell (issue: console and shell) ---------------------------------------------------
# bench/shell.py drives ysh and the Linux VM's busybox sh through a pseudo-terminal.
shell_samples() {
	[ "$yolk_built" = 1 ] || return
	log "shell: ysh and busybox sh, start to prompt and cat of 10 MiB to the serial console"
	yolk_command build/images/shell.elf "$memory"
	printf '%q ' "${qemu_command[@]}" >"$out/runs/shell-qemu-command.txt"
	yolk_command build/images/shell.elf "$memory" --vga
	printf '%q ' "${qemu_command[@]}" >"$out/runs/shell-vga-qemu-command.txt"
	python3 bench/shell.py "$out" "$out/runs/shell-qemu-command.txt" \
		"$out/runs/shell-vga-qemu-command.txt" "$out/linux-vm" "$runs" \
		>"$out/runs/shell.txt" 2>&1 || note "shell: bench/shell.py failed: $(tail -1 "$out/runs/shell.txt")"
	local line
	while read -r line; do note "shell: ${line#SHELL note }"; done \
		< <(grep '^SHELL note' "$out/runs/shell.txt")
}

shell_value() { sed -n "s/^SHELL $1 \([0-9.]*\)$/\1/p" "$out/runs/shell.txt" 2>/dev/null | tail -1; }

shell_rows() {
	local yolk linux
	yolk=$(shell_value yolk_prompt_ms)
	linux=$(shell_value linux_prompt_ms)
	row "shell: QEMU start to the first prompt (ms; ysh vs busybox sh)" "$yolk" "$linux" - \
		"Linux/Yolk $(ratio "$linux" "$yolk")" -
	yolk=$(shell_value yolk_cat_serial_mbps)
	linux=$(shell_value linux_cat_serial_mbps)
	row "shell: cat of 10 MiB to the serial console (MB/s)" "$yolk" "$linux" - \
		"Yolk/Linux $(ratio "$yolk" "$linux")" -
	row "  the same with the VGA screen on too (q35, --vga; MB/s)" \
		"$(shell_value yolk_vga_cat_serial_mbps)" - - - -
}

# ---- the NES emulator (issue: NES) ---------------------------------------------------------
# The core (apps/nes/core) headless, no drawing, no pacing, on Sprite Cans (tests/nes/roms): on
# Yolk (the ROM packed with --fs), as a static program in the Linux VM (linux-vm/build.sh puts
# it and the ROM in /bench) and on the host. bench/programs/nes/frames.c times the frames.
nes_rom=tests/nes/roms/spritecans.nes
nes_samples() {
	[ "$yolk_built" = 1 ] || return
	log "NES core: Yolk, Linux VM, host"
	rm -rf "$out/nes-fs" && mkdir -p "$out/nes-fs" && cp "$nes_rom" "$out/nes-fs/"
	if $yolk build -o "$out/yolk/direct/nes_frames.elf" --fs "$out/nes-fs" \
		bench/programs/nes/frames.c apps/nes/core/*.c >>"$out/runs/yolk-build.txt" 2>&1; then
		yolk_command "$out/yolk/direct/nes_frames.elf" "$memory" -- /spritecans.nes
		if timed_run "^BENCH" 1 600 /dev/null "${qemu_command[@]}"; then
			cp "$last" "$out/runs/yolk-nes.txt"
		else fail yolk-nes; fi
	else
		note "Yolk: yolk build of bench/programs/nes/frames.c failed"
	fi
	if [ "$linux_built" = 1 ]; then
		linux_command nes_frames "$memory"
		qemu_command[-1]+=" -- /bench/spritecans.nes"
		if timed_run "^BENCH" 1 600 /dev/null "${qemu_command[@]}"; then
			cp "$last" "$out/runs/linux-nes.txt"
		else fail linux-nes; fi
		if timed_run "^BENCH" 0 120 /dev/null "$out/linux-vm/root/bench/nes_frames" "$nes_rom"; then
			cp "$last" "$out/runs/host-nes.txt"
		else fail host-nes; fi
	fi
}

# The `nes` command playing Sprite Cans on the framebuffer, unpaced, every frame drawn, no sound
# (nes --no-pacing --fps --mute --frames 300 --scale N: its "frames a second" summary): on Yolk
# (yolk run --gui) and on the Linux VM with the same QEMU command (bochs-drm's fbdev, as the
# framebuffer bench has it), at scale 2 and 3.
nes_drawing_samples() {
	local -a yolk_qemu
	local index scale
	[ "$yolk_built" = 1 ] || return
	log "NES playing on the framebuffer, scale 2 and 3: Yolk, Linux VM"
	if ! $yolk build -o "$out/yolk/direct/nes_play.elf" --fs "$out/nes-fs" \
		apps/nes/core/*.c apps/nes/headless.c apps/nes/play.c apps/nes/screen.c \
		apps/nes/controls.c apps/nes/sound.c apps/nes/main.c >>"$out/runs/yolk-build.txt" 2>&1; then
		note "Yolk: yolk build of the nes program failed"
		return
	fi
	for scale in 2 3; do
		yolk_command "$out/yolk/direct/nes_play.elf" "$memory" --gui -- --no-pacing --fps --mute \
			--frames 300 --scale "$scale" /spritecans.nes
		yolk_qemu=("${qemu_command[@]}")
		timed_run "frames a second" 1 600 /dev/null "${yolk_qemu[@]}" &&
			cp "$last" "$out/runs/yolk-nes-scale$scale.txt" || fail "yolk-nes-scale$scale"
		[ "$linux_built" = 1 ] || continue
		cat "$out/linux-vm/initramfs.cpio" "$out/linux-vm/modules-gfx.cpio" >"$out/linux-vm/initramfs-gfx.cpio"
		qemu_command=()
		for ((index = 0; index < ${#yolk_qemu[@]}; index++)); do
			case ${yolk_qemu[$index]} in
			-kernel | -append | -initrd | -fw_cfg) index=$((index + 1)) ;;
			*) qemu_command+=("${yolk_qemu[$index]}") ;;
			esac
		done
		qemu_command+=(-kernel "$out/linux-vm/vmlinuz" -initrd "$out/linux-vm/initramfs-gfx.cpio"
			-append "$linux_append bench=nes -- --no-pacing --fps --mute --frames 300 --scale $scale /bench/spritecans.nes")
		timed_run "frames a second" 1 600 /dev/null "${qemu_command[@]}" &&
			cp "$last" "$out/runs/linux-nes-scale$scale.txt" || fail "linux-nes-scale$scale"
	done
}

nes_drawing_fps() { # yolk|linux SCALE
	sed -n 's/^nes: [0-9]* frames in [0-9.]* s: \([0-9.]*\) frames a second.*/\1/p' \
		"$out/runs/$1-nes-scale$2.txt" 2>/dev/null | tail -1
}

nes_fps() { # yolk|linux|host
	local ns
	ns=$(sed -n 's/^BENCH nes_frame_ns \([0-9.]*\).*/\1/p' "$out/runs/$1-nes.txt" 2>/dev/null | tail -1)
	is_number "$ns" && calc "1000000000 / $ns" 1
}

nes_rows() {
	local yolk linux host
	yolk=$(nes_fps yolk)
	linux=$(nes_fps linux)
	host=$(nes_fps host)
	row "NES core, headless (frames/s; Sprite Cans, no drawing)" "$yolk" "$linux" "$host" \
		"Yolk/Linux $(ratio "$yolk" "$linux")" \
		">= 60 fps: $(verdict "$yolk" ">=" 60)$(is_number "$yolk" && awk "BEGIN { exit !($yolk < 60) }" &&
			echo ", misses by $(calc "60 / $yolk" 1)x")"
	local scale
	for scale in 2 3; do
		yolk=$(nes_drawing_fps yolk "$scale")
		linux=$(nes_drawing_fps linux "$scale")
		row "NES playing, drawn at scale $scale (frames/s; Sprite Cans, unpaced, every frame drawn)" \
			"$yolk" "$linux" - "Yolk/Linux $(ratio "$yolk" "$linux")" \
			">= 60 fps: $(verdict "$yolk" ">=" 60)$(is_number "$yolk" && awk "BEGIN { exit !($yolk < 60) }" &&
				echo ", misses by $(calc "60 / $yolk" 1)x")"
	done
}

# ---- JavaScript (issue 14) -------------------------------------------------------------------
# bench/programs/js/bench.js on the same Duktape build everywhere: Yolk (yolk build --js), the
# Linux VM and the host (apps/js/main.c over build/lib/yolk/libyolk-js.a, musl-gcc -static, in
# an initramfs of its own appended to the VM's); and Debian's mujs on the host, for scale.
js_workloads=(recursion strings json regex sort)
js_samples() {
	local root="$out/linux-vm/js-root" where key
	[ "$yolk_built" = 1 ] || return
	log "JavaScript: Yolk, Linux VM, host, mujs"
	if ! $yolk build -o "$out/yolk/direct/js-bench.elf" --js bench/programs/js/bench.js \
		>>"$out/runs/yolk-build.txt" 2>&1; then
		note "Yolk: yolk build --js bench.js failed"
		return
	fi
	yolk_command "$out/yolk/direct/js-bench.elf" "$memory"
	timed_run "^BENCH js_sort" 1 300 /dev/null "${qemu_command[@]}" &&
		cp "$last" "$out/runs/yolk-js.txt" || fail yolk-js
	rm -rf "$root" && mkdir -p "$root/bench"
	if musl-gcc -static -O2 -Iapps/js -o "$root/bench/js" apps/js/main.c \
		build/lib/yolk/libyolk-js.a >"$out/runs/js-linux-build.txt" 2>&1; then
		cp bench/programs/js/bench.js "$root/bench/bench.js"
		(cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) \
			>"$out/linux-vm/js.cpio"
		if [ "$linux_built" = 1 ]; then
			cat "$out/linux-vm/initramfs.cpio" "$out/linux-vm/js.cpio" \
				>"$out/linux-vm/initramfs-js.cpio"
			other_guest_command "$memory" -kernel "$out/linux-vm/vmlinuz" \
				-initrd "$out/linux-vm/initramfs-js.cpio" \
				-append "$linux_append bench=js -- /bench/bench.js"
			timed_run "^BENCH js_sort" 1 300 /dev/null "${qemu_command[@]}" &&
				cp "$last" "$out/runs/linux-js.txt" || fail linux-js
		fi
		timed_run "^BENCH js_sort" 0 300 /dev/null "$root/bench/js" bench/programs/js/bench.js &&
			cp "$last" "$out/runs/host-js.txt" || fail host-js
	else
		note "JavaScript: the Linux build of the runner failed ($out/runs/js-linux-build.txt)"
	fi
	if command -v mujs >/dev/null; then
		timed_run "^BENCH js_sort" 0 300 /dev/null mujs bench/programs/js/bench.js &&
			cp "$last" "$out/runs/mujs-js.txt" || fail mujs-js
	else
		note "JavaScript: Debian's mujs is not installed (scripts/deps): no mujs figures"
	fi
	for where in yolk linux host mujs; do
		for key in "${js_workloads[@]}"; do
			metric[$where-js_$key]=$(sed -n "s/^BENCH js_${key}_ns \([0-9.]*\).*/\1/p" \
				"$out/runs/$where-js.txt" 2>/dev/null | tail -1)
		done
	done
}

js_rows() {
	local key yolk linux
	for key in "${js_workloads[@]}"; do
		yolk=$(scaled "${metric[yolk-js_$key]}" 1000000)
		linux=$(scaled "${metric[linux-js_$key]}" 1000000)
		row "JavaScript $key (ms per run; Duktape 2.7, bench/programs/js)" "$yolk" "$linux" \
			"$(scaled "${metric[host-js_$key]}" 1000000)" \
			"Linux/Yolk $(ratio "$linux" "$yolk"); mujs on the host $(scaled "${metric[mujs-js_$key]}" 1000000) ms" \
			">= Linux: $(verdict "$(ratio "$linux" "$yolk" | tr -d x)" ">=" 1)"
	done
}

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
linux_clocksource=""
build_all
boot_samples
iso_samples
syscall_samples
extra_samples
nes_samples
nes_drawing_samples
gc_samples

js_samples
shell_samples
graphics_samples
boot_rows
syscall_rows
extra_rows
nes_rows
gc_rows

js_rows
shell_rows
graphics_rows
memory_rows
size_rows
report | tee "$results/latest.md"
exit 0
