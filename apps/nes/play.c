// SPDX-License-Identifier: MIT
/* Playing a ROM: the frame loop over the screen (screen.c), the keyboards (controls.c) and the
 * sound (sound.c). Pacing is 60.0988 frames a second by CLOCK_MONOTONIC (the TSC in Yolk, read
 * in the vDSO): each frame has its deadline; a frame that ends late is not drawn (frame skip,
 * at most MAX_SKIPPED in a row), and a machine more than MAX_BEHIND frames behind starts
 * counting again from now rather than racing to catch up. --fps shows the frames emulated and
 * skipped in the last second at the picture's top left, and prints a summary at the end. */
#include "play.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FRAME_NS     ((int64_t)(1e9 / NES_FRAME_RATE + 0.5)) /* 16,639,263 ns */
#define MAX_SKIPPED  4
#define MAX_BEHIND   8
#define HOLD_POLL_NS 20000000

struct nes_player {
	struct nes *nes;
	const struct nes_play_options *options;
	const struct nes_io *io;
	struct nes_screen screen;
	struct nes_controls controls;
	struct nes_sound sound;
	long frames, drawn, skipped;
	long second_frames, second_skipped; /* in the second before the counter's update */
	char counter[32];
};

static int64_t now_ns(void)
{
	struct timespec time;
	clock_gettime(CLOCK_MONOTONIC, &time);
	return (int64_t)time.tv_sec * 1000000000 + time.tv_nsec;
}

static void sleep_until(int64_t deadline)
{
	struct timespec time = {deadline / 1000000000, deadline % 1000000000};
	clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &time, NULL);
}

static bool stopped(struct nes_player *p)
{
	return p->controls.quit || (p->io->interrupted && p->io->interrupted());
}

static void draw(struct nes_player *p)
{
	nes_screen_draw(&p->screen, p->nes->ppu.pixels);
	if (p->options->fps)
		nes_screen_draw_text(&p->screen, p->counter);
	p->drawn++;
}

static void update_counter(struct nes_player *p, int64_t elapsed_ns)
{
	double seconds = (double)elapsed_ns / 1e9;
	long frames = p->frames - p->second_frames, skipped = p->skipped - p->second_skipped;
	snprintf(p->counter, sizeof(p->counter), "%.1f FPS %ld SKIP", (double)frames / seconds,
		 skipped);
	p->second_frames = p->frames;
	p->second_skipped = p->skipped;
}

static void run(struct nes_player *p)
{
	const struct nes_play_options *o = p->options;
	int64_t start = now_ns(), deadline = start, second = start;
	int skipped_in_row = 0;

	snprintf(p->counter, sizeof(p->counter), "0.0 FPS 0 SKIP");
	while (!stopped(p) && (o->frames < 0 || p->frames < o->frames)) {
		nes_controls_poll(&p->controls, p->nes);
		if (p->controls.reset) {
			p->controls.reset = false;
			nes_reset(p->nes);
		}
		nes_run_frame(p->nes);
		p->frames++;
		if (!o->mute)
			nes_sound_feed(&p->sound, p->nes);
		deadline += FRAME_NS;
		int64_t now = now_ns();
		if (now - second >= 1000000000) {
			update_counter(p, now - second);
			second = now;
		}
		bool last = o->frames >= 0 && p->frames == o->frames;
		if (o->no_pacing || last || now <= deadline || skipped_in_row >= MAX_SKIPPED) {
			draw(p);
			skipped_in_row = 0;
		} else {
			p->skipped++;
			skipped_in_row++;
		}
		if (o->no_pacing)
			continue;
		now = now_ns();
		if (now < deadline)
			sleep_until(deadline);
		else if (now - deadline > MAX_BEHIND * FRAME_NS)
			deadline = now;
	}
	if (o->fps) {
		double seconds = (double)(now_ns() - start) / 1e9;
		fprintf(
		    p->io->out,
		    "nes: %ld frames in %.2f s: %.1f frames a second, %ld drawn (%.1f a second), "
		    "%ld skipped\n",
		    p->frames, seconds, (double)p->frames / seconds, p->drawn,
		    (double)p->drawn / seconds, p->skipped);
		if (p->sound.fd >= 0 && p->sound.dropped)
			fprintf(p->io->out,
				"nes: %llu sound samples dropped (no room in /dev/dsp)\n",
				(unsigned long long)p->sound.dropped);
	}
}

static void hold(struct nes_player *p)
{
	fprintf(p->io->err, "nes: stopped at frame %ld; Esc quits\n", p->frames);
	fflush(p->io->err);
	while (!stopped(p)) {
		nes_controls_poll(&p->controls, p->nes);
		sleep_until(now_ns() + HOLD_POLL_NS);
	}
}

int nes_play(struct nes *nes, const struct nes_play_options *options, const struct nes_io *io)
{
	struct nes_player *p = calloc(1, sizeof(*p));
	if (!p) {
		fprintf(io->err, "nes: out of memory\n");
		return 1;
	}
	p->nes = nes;
	p->options = options;
	p->io = io;
	p->sound.fd = -1;
	if (nes_screen_open(&p->screen, options, io->err)) {
		free(p);
		return 1;
	}
	if (!nes_controls_open(&p->controls))
		fprintf(io->err, "nes: no keyboard in /dev/input: Ctrl-C stops it\n");
	if (!options->mute)
		nes_sound_open(&p->sound, io->err);
	fprintf(io->err, "nes: playing %s at scale %u%s (%ux%u on %ux%u)%s\n", options->rom,
		p->screen.layout.scale, options->wide ? ", 8:7" : "", p->screen.layout.width,
		p->screen.layout.height, p->screen.width, p->screen.height,
		p->sound.fd >= 0 ? ", sound on /dev/dsp" : "");
	fflush(io->err);
	run(p);
	if (options->hold && !p->controls.quit)
		hold(p);
	nes_sound_close(&p->sound);
	nes_controls_close(&p->controls);
	nes_screen_close(&p->screen);
	free(p);
	return 0;
}
