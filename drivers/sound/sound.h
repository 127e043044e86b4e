/* SPDX-License-Identifier: MIT */
/* A PCM output device (drivers/sound/ac97.c) as /dev/dsp (drivers/sound/dsp.c) sees it: a ring
 * of fragments of 16-bit stereo frames that the device plays by DMA. Everything runs in system
 * calls or in the device's interrupt, which the kernel defers while a call runs: no locks. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fs/poll.h"
#include "kernel/thread.h"

#define SOUND_FRAME_BYTES 4 /* 16-bit stereo */

struct sound_output {
	const char *name;
	unsigned fragments, fragment_frames; /* the ring */
	/* Sets the rate (the ring has drained); returns the one the device took. */
	unsigned (*set_rate)(struct sound_output *output, unsigned rate);
	/* Copies up to `count` frames into the ring, starting the device; returns how many. */
	size_t (*write)(struct sound_output *output, const int16_t *frames, size_t count);
	/* Frames the ring has room for; frames queued and not played yet. */
	size_t (*space)(struct sound_output *output);
	size_t (*queued)(struct sound_output *output);
	/* Sends a partly filled fragment to the device. */
	void (*flush)(struct sound_output *output);
	/* Stops at once, dropping what is queued. */
	void (*stop)(struct sound_output *output);
	uint64_t frames_played; /* since boot */
	/* Woken when the device has played a fragment. */
	struct wait_queue waiters;
	struct poll_waiters pollers;
};

/* Finds the sound devices at boot (or drivers/sound/absent.c: none). */
void sound_init(void);
/* /dev/dsp over the output (called by its driver once, at boot). */
void dsp_register(struct sound_output *output);
