// SPDX-License-Identifier: MIT
/* /dev/dsp: OSS's PCM output (Linux's <linux/soundcard.h> numbers) over the sound output
 * (drivers/sound/sound.h). Formats U8 and S16_LE, mono or stereo, the rate the device takes
 * (SNDCTL_DSP_SPEED answers with it); samples are converted to the device's 16-bit stereo as
 * they are written. One opener at a time (EBUSY), starting as OSS does at 8 kHz, U8, mono.
 * write() blocks while the ring is full (O_NONBLOCK: EAGAIN, or the bytes it took); poll says
 * POLLOUT when there is room. SYNC, and close (unless O_NONBLOCK), wait until everything
 * written has played (the program's exit does not: it powers the machine off); a new rate
 * waits for that too (the card restarts on it); RESET and POST as in OSS. The ioctls:
 * RESET, SYNC, POST, SPEED, STEREO, CHANNELS, SETFMT, GETFMTS, GETBLKSIZE, SETFRAGMENT
 * (accepted; the ring's fragments are the device's), GETOSPACE, GETODELAY, GETOPTR, GETCAPS,
 * NONBLOCK and the SOUND_PCM_READ_* ones; others are EINVAL, as Linux's
 * OSS emulation says. */
#include "drivers/sound/sound.h"
#include "fs/devices.h"
#include "fs/vfs.h"
#include "include/uapi/errno.h"
#include "include/uapi/soundcard.h"
#include "kernel/compiler.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "sys/user_memory.h"

#define SOUND_MAJOR   14
#define DSP_MINOR     3
#define BATCH_FRAMES  256
#define MIN_RATE      8000
#define MAX_RATE      48000
#define WAIT_SLICE_NS 50000000ull /* a wait rechecks the ring at least this often */

struct dsp {
	struct sound_output *output;
	bool open;
	int format, channels;
	unsigned rate;
	uint8_t partial[4]; /* the bytes of a frame a write ended in the middle of */
	unsigned partial_bytes;
	uint64_t bytes_written, played_at_open;
};

static struct dsp the_dsp;

static unsigned frame_bytes(const struct dsp *dsp)
{
	return (unsigned)dsp->channels * (dsp->format == AFMT_U8 ? 1 : 2);
}

static int16_t sample_at(const struct dsp *dsp, const uint8_t *at)
{
	if (dsp->format == AFMT_U8)
		return (int16_t)((at[0] - 128) << 8);
	return (int16_t)(at[0] | at[1] << 8);
}

/* Frames of the program's format to the device's 16-bit stereo. */
static void convert(const struct dsp *dsp, const uint8_t *in, size_t frames, int16_t *out)
{
	unsigned bytes = frame_bytes(dsp), sample_bytes = dsp->format == AFMT_U8 ? 1 : 2;

	for (size_t i = 0; i < frames; i++, in += bytes) {
		out[2 * i] = sample_at(dsp, in);
		out[2 * i + 1] =
		    dsp->channels == 2 ? sample_at(dsp, in + sample_bytes) : out[2 * i];
	}
}

/* Sleeps until the device plays a fragment (or a while passes): 0, or -EINTR. */
static int wait_for_device(struct dsp *dsp)
{
	if (wait_queue_sleep(&dsp->output->waiters, time_monotonic_ns() + WAIT_SLICE_NS) == -EINTR)
		return -EINTR;
	return 0;
}

/* Waits until everything queued has played (bounded by its length and a second more). */
static int drain(struct dsp *dsp)
{
	struct sound_output *output = dsp->output;
	uint64_t deadline;

	output->flush(output);
	deadline = time_monotonic_ns() + 1000000000ull +
		   output->queued(output) * 1000000000ull / (dsp->rate ? dsp->rate : MIN_RATE);
	while (output->queued(output) && time_monotonic_ns() < deadline) {
		output->flush(output); /* a partial fragment that had no room before */
		if (wait_for_device(dsp))
			return -EINTR;
	}
	return 0;
}

static int dsp_open(struct inode *inode, struct file *file)
{
	struct dsp *dsp = &the_dsp;

	(void)inode, (void)file;
	if (dsp->open)
		return -EBUSY;
	if ((file->flags & O_ACCMODE) == O_RDONLY)
		return -EINVAL; /* no recording */
	dsp->open = true;
	dsp->format = AFMT_U8;
	dsp->channels = 1;
	dsp->rate = dsp->output->set_rate(dsp->output, MIN_RATE);
	dsp->partial_bytes = 0;
	dsp->bytes_written = 0;
	dsp->played_at_open = dsp->output->frames_played;
	return 0;
}

static void dsp_release(struct file *file)
{
	struct dsp *dsp = &the_dsp;

	if (!(file->flags & O_NONBLOCK))
		drain(dsp);
	dsp->output->stop(dsp->output);
	dsp->open = false;
}

static long dsp_write(struct file *file, const void *buffer, size_t count, uint64_t offset)
{
	struct dsp *dsp = &the_dsp;
	struct sound_output *output = dsp->output;
	unsigned bytes = frame_bytes(dsp);
	uint8_t in[BATCH_FRAMES * 4];
	int16_t frames[BATCH_FRAMES * 2];
	size_t done = 0;

	(void)offset;
	while (done < count) {
		size_t space = output->space(output);
		if (!space) {
			if (file->flags & O_NONBLOCK)
				return done ? (long)done : -EAGAIN;
			if (wait_for_device(dsp))
				return done ? (long)done : -EINTR;
			continue;
		}
		/* A batch of whole frames, the partial frame of the last write first. */
		size_t wanted = MIN(MIN(space, (size_t)BATCH_FRAMES) * bytes - dsp->partial_bytes,
				    count - done);
		memcpy(in, dsp->partial, dsp->partial_bytes);
		if (copy_from_user(in + dsp->partial_bytes, (const char *)buffer + done, wanted))
			return done ? (long)done : -EFAULT;
		size_t total = dsp->partial_bytes + wanted, whole = total / bytes;
		convert(dsp, in, whole, frames);
		output->write(output, frames, whole); /* it has room: space said so */
		dsp->partial_bytes = (unsigned)(total - whole * bytes);
		memcpy(dsp->partial, in + whole * bytes, dsp->partial_bytes);
		done += wanted;
	}
	dsp->bytes_written += done;
	return (long)done;
}

static unsigned dsp_poll(struct file *file, struct poll_table *table)
{
	struct sound_output *output = the_dsp.output;

	(void)file;
	poll_wait(&output->pollers, table);
	return output->space(output) ? POLL_OUT | POLL_WRNORM : 0;
}

static long put_int(void *argument, int value)
{
	return copy_to_user(argument, &value, sizeof(value)) ? -EFAULT : 0;
}

static long dsp_ioctl(struct file *file, unsigned long request, void *argument)
{
	struct dsp *dsp = &the_dsp;
	struct sound_output *output = dsp->output;
	unsigned bytes = frame_bytes(dsp);
	int value = 0;

	/* The requests that pass an int in. */
	if ((request == SNDCTL_DSP_SPEED || request == SNDCTL_DSP_STEREO ||
	     request == SNDCTL_DSP_SETFMT || request == SNDCTL_DSP_CHANNELS ||
	     request == SNDCTL_DSP_SETFRAGMENT || request == SNDCTL_DSP_GETBLKSIZE) &&
	    copy_from_user(&value, argument, sizeof(value)))
		return -EFAULT;
	switch (request) {
	case SNDCTL_DSP_RESET:
		output->stop(output);
		dsp->partial_bytes = 0;
		return 0;
	case SNDCTL_DSP_SYNC:
		return drain(dsp);
	case SNDCTL_DSP_POST:
		output->flush(output);
		return 0;
	case SNDCTL_DSP_SPEED:
		if (value > 0) {
			unsigned rate = (unsigned)(value < MIN_RATE   ? MIN_RATE
						   : value > MAX_RATE ? MAX_RATE
								      : value);
			if (rate != dsp->rate && drain(dsp))
				return -EINTR;
			dsp->rate = output->set_rate(output, rate);
		}
		return put_int(argument, (int)dsp->rate);
	case SOUND_PCM_READ_RATE:
		return put_int(argument, (int)dsp->rate);
	case SNDCTL_DSP_STEREO:
		dsp->channels = value ? 2 : 1;
		dsp->partial_bytes = 0;
		return put_int(argument, dsp->channels - 1);
	case SNDCTL_DSP_CHANNELS:
		if (value == 1 || value == 2) {
			dsp->channels = value;
			dsp->partial_bytes = 0;
		}
		return put_int(argument, dsp->channels);
	case SOUND_PCM_READ_CHANNELS:
		return put_int(argument, dsp->channels);
	case SNDCTL_DSP_SETFMT:
		if (value == AFMT_U8 || value == AFMT_S16_LE) {
			dsp->format = value;
			dsp->partial_bytes = 0;
		}
		return put_int(argument, dsp->format); /* AFMT_QUERY and others: the current one */
	case SOUND_PCM_READ_BITS:
		return put_int(argument, dsp->format == AFMT_U8 ? 8 : 16);
	case SNDCTL_DSP_GETFMTS:
		return put_int(argument, AFMT_U8 | AFMT_S16_LE);
	case SNDCTL_DSP_GETBLKSIZE:
		return put_int(argument, (int)(output->fragment_frames * bytes));
	case SNDCTL_DSP_SETFRAGMENT:
		return 0; /* the device's fragments stay; GETOSPACE tells them */
	case SNDCTL_DSP_GETOSPACE: {
		size_t space = output->space(output);
		struct audio_buf_info info = {
		    .fragments = (int)(space / output->fragment_frames),
		    .fragstotal = (int)output->fragments,
		    .fragsize = (int)(output->fragment_frames * bytes),
		    .bytes = (int)(space * bytes),
		};
		return copy_to_user(argument, &info, sizeof(info)) ? -EFAULT : 0;
	}
	case SNDCTL_DSP_GETODELAY:
		return put_int(argument,
			       (int)(output->queued(output) * bytes + dsp->partial_bytes));
	case SNDCTL_DSP_GETOPTR: {
		uint64_t played = output->frames_played - dsp->played_at_open;
		struct count_info info = {
		    .bytes = (int)(played * bytes),
		    .blocks = (int)(played / output->fragment_frames),
		    .ptr = (int)(played % (output->fragments * output->fragment_frames) * bytes),
		};
		return copy_to_user(argument, &info, sizeof(info)) ? -EFAULT : 0;
	}
	case SNDCTL_DSP_GETCAPS:
		return put_int(argument, DSP_CAP_REALTIME | DSP_CAP_BATCH);
	case SNDCTL_DSP_NONBLOCK:
		file->flags |= O_NONBLOCK;
		return 0;
	}
	return -EINVAL;
}

static const struct file_operations dsp_operations = {
    .open = dsp_open,
    .release = dsp_release,
    .write = dsp_write,
    .poll = dsp_poll,
    .ioctl = dsp_ioctl,
    .stream = true,
};

void dsp_register(struct sound_output *output)
{
	the_dsp.output = output;
	if (!device_register(DEVICE_NUMBER(SOUND_MAJOR, DSP_MINOR), &dsp_operations))
		devfs_add_node("dsp", S_IFCHR | 0660, DEVICE_NUMBER(SOUND_MAJOR, DSP_MINOR));
}
