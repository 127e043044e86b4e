/* SPDX-License-Identifier: MIT */
/* The OSS ABI of Linux's <linux/soundcard.h>, the part /dev/dsp speaks: the same numbers and
 * layouts, so that programs written for OSS run unchanged. */
#pragma once

#define SNDCTL_DSP_RESET	0x00005000u
#define SNDCTL_DSP_SYNC		0x00005001u
#define SNDCTL_DSP_SPEED	0xc0045002u
#define SNDCTL_DSP_STEREO	0xc0045003u
#define SNDCTL_DSP_GETBLKSIZE	0xc0045004u
#define SNDCTL_DSP_SETFMT	0xc0045005u
#define SNDCTL_DSP_CHANNELS	0xc0045006u
#define SNDCTL_DSP_POST		0x00005008u
#define SNDCTL_DSP_SETFRAGMENT	0xc004500au
#define SNDCTL_DSP_GETFMTS	0x8004500bu
#define SNDCTL_DSP_GETOSPACE	0x8010500cu
#define SNDCTL_DSP_NONBLOCK	0x0000500eu
#define SNDCTL_DSP_GETCAPS	0x8004500fu
#define SNDCTL_DSP_GETOPTR	0x800c5012u
#define SNDCTL_DSP_GETODELAY	0x80045017u
#define SOUND_PCM_READ_RATE	0x80045002u
#define SOUND_PCM_READ_CHANNELS 0x80045006u
#define SOUND_PCM_READ_BITS	0x80045005u

#define AFMT_QUERY  0x00000000
#define AFMT_U8	    0x00000008
#define AFMT_S16_LE 0x00000010

#define DSP_CAP_REALTIME 0x00000200
#define DSP_CAP_BATCH	 0x00000400

struct audio_buf_info {
	int fragments, fragstotal, fragsize, bytes;
};

struct count_info {
	int bytes, blocks, ptr;
};
