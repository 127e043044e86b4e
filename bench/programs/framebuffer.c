// SPDX-License-Identifier: MIT
/* Full-screen frames per second through /dev/fb0 (Linux's fbdev, as written for Linux): each
 * frame copies a back buffer in RAM, row by row at the framebuffer's pitch, to the mapped
 * framebuffer, at 1024x768x32 (set with FBIOPUT_VSCREENINFO if the boot mode differs, where
 * the driver allows). Prints "BENCH fb_frame_ns N" (the median of BENCH_ROUNDS rounds), and
 * "BENCH fb_frame_aliased_ns N" for a back buffer placed a multiple of 16 MiB from the
 * framebuffer's mapping, where the pages of both share entries of an emulator's direct-mapped
 * TLB (4096 entries: QEMU's TCG, grown), to show what that placement costs. */
#include <fcntl.h>
#include <linux/fb.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "bench.h"

#define FRAMES	   20
#define TLB_PERIOD (16ul << 20)

static double frame_ns(uint8_t *screen, const uint8_t *back, size_t row_bytes, unsigned rows,
		       unsigned pitch)
{
	double round_ns[BENCH_ROUNDS];

	for (int round = 0; round < BENCH_ROUNDS; round++) {
		double start = bench_now_ns();
		for (int frame = 0; frame < FRAMES; frame++)
			for (unsigned y = 0; y < rows; y++)
				memcpy(screen + (size_t)y * pitch, back + y * row_bytes, row_bytes);
		round_ns[round] = (bench_now_ns() - start) / FRAMES;
	}
	qsort(round_ns, BENCH_ROUNDS, sizeof(round_ns[0]), bench_compare);
	return round_ns[BENCH_ROUNDS / 2];
}

static void fill(uint8_t *back, size_t bytes)
{
	for (size_t i = 0; i < bytes; i++)
		back[i] = (uint8_t)(i * 7 + (i >> 12));
}

int main(void)
{
	struct fb_var_screeninfo var;
	struct fb_fix_screeninfo fix;
	int fd = open("/dev/fb0", O_RDWR);

	if (fd < 0 || ioctl(fd, FBIOGET_VSCREENINFO, &var)) {
		printf("BENCH note no /dev/fb0\n");
		return 1;
	}
	if (var.xres != 1024 || var.yres != 768 || var.bits_per_pixel != 32) {
		var.xres = var.xres_virtual = 1024;
		var.yres = var.yres_virtual = 768;
		var.bits_per_pixel = 32;
		if (ioctl(fd, FBIOPUT_VSCREENINFO, &var))
			ioctl(fd, FBIOGET_VSCREENINFO, &var);
	}
	ioctl(fd, FBIOGET_FSCREENINFO, &fix);
	printf("BENCH note mode %ux%ux%u, pitch %u\n", var.xres, var.yres, var.bits_per_pixel,
	       fix.line_length);
	size_t row_bytes = (size_t)var.xres * var.bits_per_pixel / 8;
	size_t bytes = row_bytes * var.yres, mapped = (size_t)fix.line_length * var.yres;
	uint8_t *screen = mmap(NULL, mapped, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	uint8_t *back = malloc(bytes);
	if (screen == MAP_FAILED || !back) {
		printf("BENCH note cannot map the framebuffer or allocate the back buffer\n");
		return 1;
	}
	fill(back, bytes);
	printf("BENCH fb_frame_ns %.1f\n",
	       frame_ns(screen, back, row_bytes, var.yres, fix.line_length));
	/* The same copy from a buffer a multiple of 16 MiB away (asked for by hint). */
	uint8_t *hint = screen + 4 * TLB_PERIOD;
	uint8_t *aliased =
	    mmap(hint, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (aliased == hint) {
		fill(aliased, bytes);
		printf("BENCH fb_frame_aliased_ns %.1f\n",
		       frame_ns(screen, aliased, row_bytes, var.yres, fix.line_length));
	} else {
		printf("BENCH note the aliased buffer did not land where asked\n");
	}
	return 0;
}
