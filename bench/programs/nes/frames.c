// SPDX-License-Identifier: MIT
/* The NES core's speed: `frames ROM [FRAMES]` runs ROM headless (no drawing, no pacing) for 60
 * frames to warm up, then BENCH_ROUNDS rounds of FRAMES frames (default 300), and prints the
 * median round's time per frame, "BENCH nes_frame_ns N". Built with the core's sources
 * (apps/nes/core) for Yolk (yolk build, the ROM packed with --fs), the Linux VM and the host
 * (bench/linux-vm/build.sh, musl-gcc -static). */
#include "../bench.h"
#include "../../../apps/nes/core/nes.h"

static uint8_t image[1 << 20];
static struct nes nes;

int main(int argc, char **argv)
{
	struct nes_cartridge cart;
	double round_ns[BENCH_ROUNDS];
	long frames = argc > 2 ? atol(argv[2]) : 300;

	if (argc < 2 || frames <= 0) {
		fprintf(stderr, "usage: frames ROM [FRAMES]\n");
		return 2;
	}
	FILE *file = fopen(argv[1], "rb");
	if (!file) {
		perror(argv[1]);
		return 1;
	}
	size_t size = fread(image, 1, sizeof(image), file);
	fclose(file);
	int error = nes_parse_rom(&cart, image, size);
	if (!error)
		error = nes_power_on(&nes, &cart);
	if (error) {
		fprintf(stderr, "%s: %s\n", argv[1], nes_load_error_string(error));
		return 1;
	}
	for (int frame = 0; frame < 60; frame++)
		nes_run_frame(&nes);
	for (int round = 0; round < BENCH_ROUNDS; round++) {
		double start = bench_now_ns();
		for (long frame = 0; frame < frames; frame++)
			nes_run_frame(&nes);
		round_ns[round] = (bench_now_ns() - start) / frames;
	}
	bench_report("nes_frame", round_ns);
	return 0;
}
