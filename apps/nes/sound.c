// SPDX-License-Identifier: MIT
/* The APU's sound on /dev/dsp (OSS): its DC level filtered away (a 90 Hz high-pass, as the
 * console's output stage has), 16-bit mono asked for at the APU's rate (44,100 Hz); the
 * device's answer to SNDCTL_DSP_SPEED is the rate the samples are resampled to (linear
 * interpolation). Writes do not block: when the card is full (the emulator ran ahead of it) the
 * rest waits for room at most a frame, and what still does not fit is dropped and counted, so
 * the card never stalls the picture for long. */
#include "play.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/soundcard.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define MAX_RATE     192000
#define ROOM_WAIT_MS 17 /* a frame: how long a full card may hold the emulator back */

void nes_resampler_init(struct nes_resampler *resampler, uint32_t from, uint32_t to)
{
	*resampler = (struct nes_resampler){.from = from, .to = to};
}

size_t nes_resample(struct nes_resampler *resampler, const int16_t *in, size_t count, int16_t *out,
		    size_t max)
{
	size_t written = 0;

	for (size_t i = 0; i < count; i++) {
		int32_t next = in[i], last = resampler->last;
		while (resampler->phase < resampler->to) {
			int64_t value = last + (int64_t)(next - last) * (int64_t)resampler->phase /
						   (int64_t)resampler->to;
			if (written < max)
				out[written++] = (int16_t)value;
			resampler->phase += resampler->from;
		}
		resampler->phase -= resampler->to;
		resampler->last = (int16_t)next;
	}
	return written;
}

/* y[n] = a (y[n-1] + x[n] - x[n-1]), a = RC / (RC + 1 / rate), RC = 1 / (2 pi 90 Hz) */
#define HIGH_PASS_FACTOR 0.987338f /* at NES_AUDIO_RATE */

void nes_high_pass(struct nes_high_pass *filter, int16_t *samples, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		float in = samples[i];
		float out = HIGH_PASS_FACTOR * (filter->previous_out + in - filter->previous_in);
		filter->previous_in = in;
		filter->previous_out = out;
		samples[i] = (int16_t)(out > 32767.0f ? 32767 : out < -32768.0f ? -32768 : out);
	}
}

int nes_sound_open(struct nes_sound *sound, FILE *err)
{
	int format = AFMT_S16_LE, channels = 1, rate = NES_AUDIO_RATE;

	sound->dropped = 0;
	sound->high_pass = (struct nes_high_pass){-32767.0f, 0.0f}; /* the APU's silence */
	sound->fd = open("/dev/dsp", O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	if (sound->fd < 0) {
		fprintf(err, "nes: no sound: /dev/dsp: %s\n", strerror(errno));
		return 1;
	}
	if (ioctl(sound->fd, SNDCTL_DSP_SETFMT, &format) < 0 || format != AFMT_S16_LE ||
	    ioctl(sound->fd, SNDCTL_DSP_CHANNELS, &channels) < 0 || channels != 1 ||
	    ioctl(sound->fd, SNDCTL_DSP_SPEED, &rate) < 0 || rate <= 0 || rate > MAX_RATE) {
		fprintf(err, "nes: no sound: /dev/dsp refuses 16-bit mono at %d Hz\n",
			NES_AUDIO_RATE);
		nes_sound_close(sound);
		return 1;
	}
	sound->rate = (uint32_t)rate;
	nes_resampler_init(&sound->resampler, NES_AUDIO_RATE, sound->rate);
	return 0;
}

void nes_sound_feed(struct nes_sound *sound, struct nes *nes)
{
	int16_t in[NES_AUDIO_BUFFER];
	int16_t out[NES_AUDIO_BUFFER * (MAX_RATE / NES_AUDIO_RATE + 1)];
	size_t count = nes_audio_take(nes, in, NES_AUDIO_BUFFER);

	if (sound->fd < 0 || !count)
		return;
	nes_high_pass(&sound->high_pass, in, count);
	size_t samples = nes_resample(&sound->resampler, in, count, out, sizeof(out) / 2);
	size_t taken = 0;
	for (int attempt = 0; attempt < 2 && taken < samples; attempt++) {
		struct pollfd room = {sound->fd, POLLOUT, 0};
		if (attempt && poll(&room, 1, ROOM_WAIT_MS) <= 0)
			break;
		ssize_t written = write(sound->fd, out + taken, (samples - taken) * 2);
		if (written > 0)
			taken += (size_t)written / 2;
	}
	sound->dropped += samples - taken;
}

void nes_sound_close(struct nes_sound *sound)
{
	if (sound->fd >= 0)
		close(sound->fd);
	sound->fd = -1;
}
