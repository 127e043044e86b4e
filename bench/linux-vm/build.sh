#!/bin/sh
# Builds the benchmark Linux VM into OUT (default build/bench/linux-vm), from Debian packages only:
#   OUT/vmlinuz         Debian's kernel (linux-image-amd64), linked from /boot
#   OUT/initramfs.cpio  an uncompressed newc archive: busybox-static, bench/linux-vm/init as /init,
#                       the exit-qemu helper, and the benchmark programs in /bench
#   OUT/root/bench/*    the same static programs, which also run on the host
#   OUT/modules-9p.cpio the kernel modules for 9P over virtio-pci, in load order (lib/modules),
#                       to append to the initramfs for the 9P benchmark only
# Programs are compiled with musl-gcc -static -O2 from bench/programs.
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
for applet in sh mount poweroff; do
	ln -s busybox "$out/root/bin/$applet"
done
cp "$here/init" "$out/root/init"
chmod 755 "$out/root/init"
musl-gcc -static -O2 -Wall -Wextra -Werror -o "$out/root/bin/exit-qemu" "$here/exit-qemu.c"
for source in "$programs"/*.c; do
	name=$(basename "$source" .c)
	musl-gcc -static -O2 -Wall -Wextra -Werror -o "$out/root/bench/$name" "$source"
done
(cd "$out/root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) \
	>"$out/initramfs.cpio"
ln -sf "$vmlinuz" "$out/vmlinuz"

# 9P over virtio-pci: Debian builds these as modules (and virtio-mmio devices cannot be named on
# its command line: CONFIG_VIRTIO_MMIO_CMDLINE_DEVICES is off), so the 9P run is on q35 with
# these loaded by /init, in dependency order (modinfo -F depends).
modules_dir=/lib/modules/${kernel_package#linux-image-}/kernel
rm -rf "$out/modules-9p" && mkdir -p "$out/modules-9p/lib/modules"
order=""
for module in drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_pci_modern_dev \
	drivers/virtio/virtio_pci_legacy_dev drivers/virtio/virtio_pci fs/netfs/netfs \
	fs/fscache/fscache net/9p/9pnet net/9p/9pnet_virtio fs/9p/9p; do
	[ -r "$modules_dir/$module.ko" ] || die "$modules_dir/$module.ko: missing (linux-image-amd64)"
	cp "$modules_dir/$module.ko" "$out/modules-9p/lib/modules/"
	order="$order $(basename "$module")"
done
echo "$order" >"$out/modules-9p/lib/modules/order"
(cd "$out/modules-9p" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) \
	>"$out/modules-9p.cpio"
echo "$kernel_package" >"$out/kernel-version"
