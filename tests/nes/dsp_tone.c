// SPDX-License-Identifier: MIT
/* Written against OSS's <linux/soundcard.h>, as a sound program for Linux would be: checks
 * /dev/dsp's answers (formats, rates, channels, space, its errors), then plays two known
 * tones: 440 Hz as 16-bit stereo at 44,100 Hz for 0.6 s, and 880 Hz as 8-bit mono at 22,050 Hz
 * for 0.6 s after 0.3 s of silence, and closes (which waits until they have played).
 * tests/nes/test_play.py records them with QEMU's wav backend and measures their pitch. Prints "ok
 * ..." or "FAIL ..." lines and "tones written". */
#include <errno.h>
#include <fcntl.h>
#include <linux/soundcard.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define STEREO_FRAMES 26460 /* 0.6 s at 44,100 Hz */
#define MONO_FRAMES   13230 /* 0.6 s at 22,050 Hz */

static int failures;

static void expect(const char *what, bool good, long got)
{
	printf("%s %s (%ld)\n", good ? "ok" : "FAIL", what, got);
	failures += !good;
}

static void expect_error(const char *what, long result, int wanted)
{
	bool good = result == -1 && errno == wanted;
	printf("%s %s: %s\n", good ? "ok" : "FAIL", what,
	       result == -1 ? strerror(errno) : "it worked");
	failures += !good;
}

static int set(int fd, unsigned long request, int value)
{
	if (ioctl(fd, request, &value) < 0)
		return -1;
	return value;
}

/* Writes all of it (blocking writes may take part of it). */
static void write_all(int fd, const void *data, size_t size)
{
	const char *at = data;
	while (size) {
		ssize_t done = write(fd, at, size);
		if (done <= 0) {
			printf("FAIL write: %s\n", done < 0 ? strerror(errno) : "0 bytes");
			failures++;
			return;
		}
		at += done;
		size -= (size_t)done;
	}
}

static int16_t stereo[STEREO_FRAMES * 2];
static uint8_t mono[MONO_FRAMES];

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	int fd = open("/dev/dsp", O_WRONLY);
	audio_buf_info space;

	if (fd < 0) {
		printf("FAIL open /dev/dsp: %s\n", strerror(errno));
		return 1;
	}
	expect_error("a second open", open("/dev/dsp", O_WRONLY), EBUSY);
	expect("formats: U8 and S16_LE", set(fd, SNDCTL_DSP_GETFMTS, 0) == (AFMT_U8 | AFMT_S16_LE),
	       set(fd, SNDCTL_DSP_GETFMTS, 0));
	expect("it starts as 8-bit", set(fd, SNDCTL_DSP_SETFMT, AFMT_QUERY) == AFMT_U8,
	       set(fd, SNDCTL_DSP_SETFMT, AFMT_QUERY));
	expect("A-law is refused: the format stays",
	       set(fd, SNDCTL_DSP_SETFMT, AFMT_A_LAW) == AFMT_U8,
	       set(fd, SNDCTL_DSP_SETFMT, AFMT_QUERY));
	expect("6 channels are refused", set(fd, SNDCTL_DSP_CHANNELS, 6) == 1,
	       set(fd, SNDCTL_DSP_CHANNELS, 6));
	expect("a rate of 1 MHz becomes 48 kHz", set(fd, SNDCTL_DSP_SPEED, 1000000) == 48000,
	       set(fd, SNDCTL_DSP_SPEED, 1000000));
	expect_error("an unknown request", ioctl(fd, _IOR('P', 99, int), &space), EINVAL);
	expect_error("a bad pointer", ioctl(fd, SNDCTL_DSP_GETOSPACE, (void *)16), EFAULT);

	expect("16-bit", set(fd, SNDCTL_DSP_SETFMT, AFMT_S16_LE) == AFMT_S16_LE, 0);
	expect("stereo", set(fd, SNDCTL_DSP_CHANNELS, 2) == 2, 0);
	int rate = set(fd, SNDCTL_DSP_SPEED, 44100);
	expect("44100 Hz", rate == 44100, rate);
	if (ioctl(fd, SNDCTL_DSP_GETOSPACE, &space) == 0)
		expect("GETOSPACE: all of the ring free, in this format's bytes",
		       space.fragments == space.fragstotal && space.fragments > 1 &&
			   space.bytes == space.fragments * space.fragsize &&
			   space.fragsize % 4 == 0,
		       space.bytes);
	else
		expect("GETOSPACE", false, errno);
	for (size_t i = 0; i < sizeof(stereo) / sizeof(stereo[0]) / 2; i++)
		stereo[2 * i] = stereo[2 * i + 1] =
		    (int16_t)(12000 * sin(2 * M_PI * 440 * i / 44100.0));
	write_all(fd, stereo, sizeof(stereo));
	int delay = 0;
	ioctl(fd, SNDCTL_DSP_GETODELAY, &delay);
	expect("GETODELAY: some of it is still queued", delay > 0 && delay <= (int)sizeof(stereo),
	       delay);
	expect("SYNC", ioctl(fd, SNDCTL_DSP_SYNC, 0) == 0, 0);
	ioctl(fd, SNDCTL_DSP_GETODELAY, &delay);
	expect("after SYNC nothing is queued", delay == 0, delay);

	expect("8-bit", set(fd, SNDCTL_DSP_SETFMT, AFMT_U8) == AFMT_U8, 0);
	expect("mono", set(fd, SNDCTL_DSP_CHANNELS, 1) == 1, 0);
	rate = set(fd, SNDCTL_DSP_SPEED, 22050);
	expect("22050 Hz", rate == 22050, rate);
	memset(mono, 128, sizeof(mono)); /* 0.3 s of silence between the tones */
	write_all(fd, mono, sizeof(mono) / 2);
	for (size_t i = 0; i < sizeof(mono); i++)
		mono[i] = (uint8_t)(128 + 48 * sin(2 * M_PI * 880 * i / 22050.0));
	write_all(fd, mono, sizeof(mono));
	expect("close waits until it has played", close(fd) == 0, 0);
	printf("tones written, %d failures\n", failures);
	return failures != 0;
}
