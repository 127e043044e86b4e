// SPDX-License-Identifier: MIT
/* The graphical console's speed: text written to a console device (Yolk: /dev/console, drawn on
 * the framebuffer and sent to the serial port; Linux: /dev/tty1, fbcon on bochs-drm's fbdev).
 *   glyphs: full screens of text from the top left ("\e[H", then every cell with a letter other
 *           than the last screen's), so each write draws every cell once; "BENCH
 *           fbcon_glyph_ns N" is the time per glyph (median of BENCH_ROUNDS rounds);
 *   cat:    10 MiB of 64-byte lines in 4 KiB writes, as cat writes a file; "BENCH fbcon_cat_ns
 *           N" is the time of the whole.
 * With --baseline (Yolk, whose console also writes every byte to the serial port) the glyphs are
 * written again with /dev/fb0 open, which takes the screen from the console, so that only the
 * serial port's share remains: "BENCH fbcon_glyph_drawing_ns" is the difference, the drawing
 * alone. (The cat is not run twice: through QEMU's emulated UART, which writes each byte
 * alone, 10 MiB take minutes under TCG.)
 * Usage: fbconsole [--baseline] [DEVICE]   (the size in cells from TIOCGWINSZ on DEVICE). */
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "bench.h"

#define CAT_BYTES  (10u << 20)
#define CAT_WRITE  4096
#define SCREENS	   4 /* per round */
#define LINE_BYTES 64

static void write_all(int fd, const char *text, size_t length)
{
	while (length) {
		ssize_t done = write(fd, text, length);

		if (done <= 0) {
			printf("BENCH note a write failed\n");
			exit(1);
		}
		text += done;
		length -= (size_t)done;
	}
}

/* One screen of COLUMNS x ROWS letters LETTER, from the top left, without a scroll. */
static size_t make_screen(char *screen, unsigned columns, unsigned rows, char letter)
{
	size_t length = 0;

	memcpy(screen, "\x1b[H", 3);
	length = 3;
	for (unsigned row = 0; row < rows; row++) {
		memset(screen + length, letter, columns);
		length += columns;
		if (row + 1 < rows) {
			memcpy(screen + length, "\r\n", 2);
			length += 2;
		}
	}
	return length;
}

/* Median ns per glyph of BENCH_ROUNDS rounds of SCREENS screens. */
static double glyph_ns(int fd, unsigned columns, unsigned rows)
{
	double round_ns[BENCH_ROUNDS];
	char *screen = malloc((size_t)(columns + 2) * rows + 3);
	int letter = 0;

	for (int round = 0; round < BENCH_ROUNDS; round++) {
		double start = bench_now_ns();
		for (int i = 0; i < SCREENS; i++, letter++) {
			size_t length =
			    make_screen(screen, columns, rows, (char)('A' + letter % 26));
			write_all(fd, screen, length);
		}
		round_ns[round] = (bench_now_ns() - start) / ((double)SCREENS * columns * rows);
	}
	free(screen);
	qsort(round_ns, BENCH_ROUNDS, sizeof(round_ns[0]), bench_compare);
	return round_ns[BENCH_ROUNDS / 2];
}

static double cat_ns(int fd)
{
	static char block[CAT_WRITE];
	static const char line[LINE_BYTES + 1] =
	    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.\n";

	for (size_t at = 0; at < sizeof(block); at += LINE_BYTES)
		memcpy(block + at, line, LINE_BYTES);
	double start = bench_now_ns();
	for (size_t done = 0; done < CAT_BYTES; done += sizeof(block))
		write_all(fd, block, sizeof(block));
	return bench_now_ns() - start;
}

int main(int argc, char **argv)
{
	int baseline = argc > 1 && !strcmp(argv[1], "--baseline");
	const char *device = argc > 1 + baseline ? argv[1 + baseline] : "/dev/console";
	int fd = open(device, O_WRONLY);
	struct winsize window;

	if (fd < 0 || ioctl(fd, TIOCGWINSZ, &window) || !window.ws_col || !window.ws_row) {
		printf("BENCH note no console with a size at %s\n", device);
		return 1;
	}
	double glyph = glyph_ns(fd, window.ws_col, window.ws_row), serial_glyph = 0;
	if (baseline) {
		int screen = open("/dev/fb0", O_RDWR); /* the console leaves the screen */
		if (screen < 0) {
			printf("BENCH note no /dev/fb0 for the baseline\n");
			return 1;
		}
		serial_glyph = glyph_ns(fd, window.ws_col, window.ws_row);
		close(screen);
	}
	double cat = cat_ns(fd);
	write_all(fd, "\x1b[H\x1b[2J\r\n", 9);
	printf("BENCH fbcon_size %ux%u\n", window.ws_col, window.ws_row);
	printf("BENCH fbcon_glyph_ns %.1f\n", glyph);
	if (baseline)
		printf("BENCH fbcon_glyph_drawing_ns %.1f\n", glyph - serial_glyph);
	printf("BENCH fbcon_cat_ns %.0f\n", cat);
	return 0;
}
