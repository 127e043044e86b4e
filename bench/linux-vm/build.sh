#!/bin/sh
# Builds the benchmark Linux VM into OUT (default build/bench/linux-vm), from Debian packages only:
#   OUT/vmlinuz         Debian's kernel (linux-image-amd64), linked from /boot
#   OUT/initramfs.cpio  an uncompressed newc archive: busybox-static, bench/linux-vm/init as /init,
#                       the exit-qemu helper, and the benchmark programs in /bench
#   OUT/root/bench/*    the same static programs, which also run on the host
#   OUT/modules-9p.cpio the kernel modules for 9P over virtio-pci, in load order (lib/modules),
#                       to append to the initramfs for the 9P benchmark only
#   OUT/modules-net.cpio the same for virtio-net over PCI, for the network benchmarks
#   OUT/modules-gfx.cpio the same for bochs-drm (QEMU's std VGA) with its fbdev emulation
#                       (/dev/fb0), for the framebuffer benchmark
# Programs are compiled with musl-gcc -static -O2 from bench/programs (programs/gc with libgc.a).
# Usage: bench/linux-vm/build.sh [OUT]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
programs="$here/../programs"
out=${1:-build/bench/linux-vm}

die() {
	echo "linux-vm: $*" >&2
	exit 1
}

# The kernel the linux-image-amd64 meta-package points at (one of possibly several in /boot).
kernel_package=$(dpkg-query -W -f='${Depends}' linux-image-amd64 2>/dev/null | sed 's/[ ,(].*//')
[ -n "$kernel_package" ] || die "linux-image-amd64 is not installed (scripts/deps)"
vmlinuz=/boot/vmlinuz-${kernel_package#linux-image-}
[ -r "$vmlinuz" ] || die "$vmlinuz: missing or not readable"
busybox=/bin/busybox
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q "install ok installed" ||
	die "busybox-static is not installed (scripts/deps)"
command -v musl-gcc >/dev/null || die "musl-gcc not found: install musl-tools (scripts/deps)"

rm -rf "$out/root"
mkdir -p "$out/root/bin" "$out/root/bench" "$out/root/dev" "$out/root/proc" "$out/root/sys" \
	"$out/root/tmp"
cp "$busybox" "$out/root/bin/busybox"
for applet in sh mount poweroff ip; do
	ln -s busybox "$out/root/bin/$applet"
done
cp "$here/init" "$out/root/init"
chmod 755 "$out/root/init"
musl-gcc -static -O2 -Wall -Wextra -Werror -o "$out/root/bin/exit-qemu" "$here/exit-qemu.c"
# Linux's uapi headers (<linux/fb.h>) after musl's, without glibc's beside them.
mkdir -p "$out/linux-headers"
ln -sfn /usr/include/linux "$out/linux-headers/linux"
ln -sfn /usr/include/asm-generic "$out/linux-headers/asm-generic"
ln -sfn /usr/include/x86_64-linux-gnu/asm "$out/linux-headers/asm"
for source in "$programs"/*.c; do
	name=$(basename "$source" .c)
	musl-gcc -static -O2 -Wall -Wextra -Werror -idirafter "$out/linux-headers" \
		-o "$out/root/bench/$name" "$source"
done
# The NES core's bench (bench/programs/nes/frames.c): the core's sources and a ROM.
musl-gcc -static -O2 -Wall -Wextra -Werror -o "$out/root/bench/nes_frames" "$programs/nes/frames.c" \
	"$here"/../../apps/nes/core/*.c
cp "$here/../../tests/nes/roms/spritecans.nes" "$out/root/bench/"
# The `nes` command itself (playing on /dev/fb0: bench/run.sh's drawing rows), with the uapi headers.
musl-gcc -static -O2 -Wall -Wextra -Werror -idirafter "$out/linux-headers" -I"$here/../.." \
	-o "$out/root/bench/nes" "$here"/../../apps/nes/core/*.c "$here"/../../apps/nes/headless.c \
	"$here"/../../apps/nes/play.c "$here"/../../apps/nes/screen.c "$here"/../../apps/nes/controls.c \
	"$here"/../../apps/nes/sound.c "$here"/../../apps/nes/main.c
# The collector's benchmarks (programs/gc), with the libgc.a and start-up file `yolk build --gc`
# links (YOLK_LIB, default the tree's build/lib/yolk), when they are built.
yolk_lib=${YOLK_LIB:-$here/../../build/lib/yolk}
if [ -r "$yolk_lib/libgc.a" ]; then
	for source in "$programs"/gc/*.c; do
		name=$(basename "$source" .c)
		musl-gcc -static -O2 -Wall -Wextra -Werror -isystem "$yolk_lib/gc-include" -DGC_THREADS \
			-DGC_USE_LD_WRAP -o "$out/root/bench/$name" "$source" "$yolk_lib/collector_start.c" \
			"$yolk_lib/libgc.a" -Wl,--wrap=pthread_create,--wrap=pthread_join,--wrap=pthread_detach \
			-Wl,--wrap=pthread_exit,--wrap=pthread_cancel,--wrap=pthread_sigmask -lpthread
	done
fi
(cd "$out/root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) \
	>"$out/initramfs.cpio"
ln -sf "$vmlinuz" "$out/vmlinuz"

# 9P and virtio-net over virtio-pci: Debian builds these as modules (and virtio-mmio devices
# cannot be named on its command line: CONFIG_VIRTIO_MMIO_CMDLINE_DEVICES is off), so those runs
# are on q35 with these loaded by /init, in dependency order (modinfo -F depends).
modules_dir=/lib/modules/${kernel_package#linux-image-}/kernel
virtio_modules="drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_pci_modern_dev
	drivers/virtio/virtio_pci_legacy_dev drivers/virtio/virtio_pci"
module_archive() { # NAME MODULE...
	local name=$1 order="" module
	shift
	rm -rf "$out/modules-$name" && mkdir -p "$out/modules-$name/lib/modules"
	for module in "$@"; do
		[ -r "$modules_dir/$module.ko" ] || die "$modules_dir/$module.ko: missing (linux-image-amd64)"
		cp "$modules_dir/$module.ko" "$out/modules-$name/lib/modules/"
		order="$order $(basename "$module")"
	done
	echo "$order" >"$out/modules-$name/lib/modules/order"
	(cd "$out/modules-$name" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) \
		>"$out/modules-$name.cpio"
}
# shellcheck disable=SC2086 # the module lists are words
module_archive 9p $virtio_modules fs/netfs/netfs fs/fscache/fscache net/9p/9pnet net/9p/9pnet_virtio \
	fs/9p/9p
# shellcheck disable=SC2086
module_archive net $virtio_modules net/core/failover drivers/net/net_failover drivers/net/virtio_net
# shellcheck disable=SC2086
module_archive gfx drivers/gpu/drm/drm drivers/gpu/drm/drm_kms_helper drivers/gpu/drm/ttm/ttm \
	drivers/gpu/drm/drm_ttm_helper drivers/gpu/drm/drm_vram_helper drivers/gpu/drm/tiny/bochs
echo "$kernel_package" >"$out/kernel-version"
