/* The NES front end's pure parts (apps/nes/play.h): where the picture goes on screens of
 * several sizes (integer scales, 8:7, letterbox, what does not fit), the key map, the
 * resampler's rate and values, the high-pass filter. */
#include <linux/input-event-codes.h>
#include <stdlib.h>
#include <string.h>
#include "apps/nes/play.h"
#include "tests/unit/unit.h"

TEST(nes_layout_picks_the_largest_scale_and_centres)
{
	static struct nes_layout layout;
	char error[160];

	CHECK_EQ(nes_layout_compute(&layout, 1024, 768, 0, false, error, sizeof(error)), 0);
	CHECK_EQ(layout.scale, 3u);
	CHECK_EQ(layout.width, 768u);
	CHECK_EQ(layout.height, 720u);
	CHECK_EQ(layout.left, 128u);
	CHECK_EQ(layout.top, 24u);
	CHECK_EQ(layout.column_source[0], 0);
	CHECK_EQ(layout.column_source[2], 0);
	CHECK_EQ(layout.column_source[3], 1);
	CHECK_EQ(layout.column_source[767], 255);
	CHECK_EQ(nes_layout_compute(&layout, 1920, 1080, 0, false, error, sizeof(error)), 0);
	CHECK_EQ(layout.scale, 4u);
	CHECK_EQ(nes_layout_compute(&layout, 256, 240, 0, false, error, sizeof(error)), 0);
	CHECK_EQ(layout.scale, 1u);
	CHECK_EQ(layout.left, 0u);
}

TEST(nes_layout_8_7_widens_columns)
{
	static struct nes_layout layout;
	char error[160];

	CHECK_EQ(nes_layout_compute(&layout, 1024, 768, 3, true, error, sizeof(error)), 0);
	CHECK_EQ(layout.width, 878u); /* 768 * 8 / 7, rounded up */
	CHECK_EQ(layout.left, 73u);
	CHECK_EQ(layout.column_source[877], 255);
	/* 8 output columns for every 7 at scale 1: column 8 shows NES pixel 7. */
	CHECK_EQ(nes_layout_compute(&layout, 640, 480, 1, true, error, sizeof(error)), 0);
	CHECK_EQ(layout.width, 293u);
	CHECK_EQ(layout.column_source[7], 6);
	CHECK_EQ(layout.column_source[8], 7);
	/* 1024x768 holds scale 3 at 8:7, not 4 */
	CHECK_EQ(nes_layout_compute(&layout, 1024, 768, 0, true, error, sizeof(error)), 0);
	CHECK_EQ(layout.scale, 3u);
}

TEST(nes_layout_refuses_what_does_not_fit)
{
	static struct nes_layout layout;
	char error[160];

	CHECK_EQ(nes_layout_compute(&layout, 1024, 768, 4, false, error, sizeof(error)), -1);
	CHECK(strstr(error, "scale 4 (1024x960) does not fit the 1024x768 screen") != NULL);
	CHECK_EQ(nes_layout_compute(&layout, 200, 200, 0, false, error, sizeof(error)), -1);
	CHECK(strstr(error, "smaller than the picture") != NULL);
	CHECK_EQ(nes_layout_compute(&layout, 9000, 9000, 9, false, error, sizeof(error)), -1);
}

TEST(nes_key_map)
{
	unsigned player = 9;
	uint8_t button = 0;

	CHECK_EQ(nes_key_lookup(KEY_ESC, &player, &button), NES_KEY_QUIT);
	CHECK_EQ(nes_key_lookup(KEY_F1, &player, &button), NES_KEY_RESET);
	CHECK_EQ(nes_key_lookup(KEY_Q, &player, &button), NES_KEY_NONE);
	CHECK_EQ(nes_key_lookup(KEY_Z, &player, &button), NES_KEY_BUTTON);
	CHECK_EQ(player, 0u);
	CHECK_EQ(button, NES_BUTTON_B);
	CHECK_EQ(nes_key_lookup(KEY_J, &player, &button), NES_KEY_BUTTON);
	CHECK_EQ(button, NES_BUTTON_A);
	CHECK_EQ(nes_key_lookup(KEY_ENTER, &player, &button), NES_KEY_BUTTON);
	CHECK_EQ(button, NES_BUTTON_START);
	CHECK_EQ(nes_key_lookup(KEY_KP8, &player, &button), NES_KEY_BUTTON);
	CHECK_EQ(player, 1u);
	CHECK_EQ(button, NES_BUTTON_UP);
}

TEST(nes_controls_follow_keys_and_keep_short_taps)
{
	static struct nes_controls controls;
	uint8_t buttons[2];

	memset(&controls, 0, sizeof(controls));
	nes_controls_key(&controls, KEY_LEFT, 1);
	nes_controls_key(&controls, KEY_A, 1); /* the same button twice */
	nes_controls_key(&controls, KEY_KP3, 1);
	nes_controls_buttons(&controls, buttons);
	CHECK_EQ(buttons[0], NES_BUTTON_LEFT);
	CHECK_EQ(buttons[1], NES_BUTTON_A);
	nes_controls_key(&controls, KEY_LEFT, 0); /* A (left) still held */
	nes_controls_buttons(&controls, buttons);
	CHECK_EQ(buttons[0], NES_BUTTON_LEFT);
	memset(controls.pressed, 0, sizeof(controls.pressed));
	nes_controls_key(&controls, KEY_A, 0);
	nes_controls_buttons(&controls, buttons);
	CHECK_EQ(buttons[0], 0);
	/* pressed and released within one frame: held for that frame */
	nes_controls_key(&controls, KEY_ENTER, 1);
	nes_controls_key(&controls, KEY_ENTER, 0);
	nes_controls_buttons(&controls, buttons);
	CHECK_EQ(buttons[0], NES_BUTTON_START);
	CHECK(!controls.quit);
	nes_controls_key(&controls, KEY_ESC, 1);
	CHECK(controls.quit);
}

TEST(nes_resampler_rate_and_values)
{
	struct nes_resampler resampler;
	static int16_t in[44100], out[50000];
	size_t total = 0;

	for (size_t i = 0; i < 44100; i++)
		in[i] = (int16_t)(i % 100 * 100);
	nes_resampler_init(&resampler, 44100, 48000);
	for (size_t at = 0; at < 44100; at += 735) /* a frame's worth at a time */
		total += nes_resample(&resampler, in + at, 735, out + total, 50000 - total);
	CHECK(total >= 47999 && total <= 48001);
	/* a constant stays constant, through other rates too */
	for (size_t i = 0; i < 1000; i++)
		in[i] = 1234;
	nes_resampler_init(&resampler, 44100, 22050);
	total = nes_resample(&resampler, in, 1000, out, 50000);
	CHECK(total >= 499 && total <= 501);
	CHECK_EQ(out[total - 1], 1234);
	/* the output buffer's limit holds */
	nes_resampler_init(&resampler, 44100, 48000);
	CHECK_EQ(nes_resample(&resampler, in, 1000, out, 10), 10u);
}

TEST(nes_high_pass_takes_the_dc_level_away)
{
	struct nes_high_pass filter = {-32767.0f, 0.0f};
	static int16_t samples[44100];

	for (size_t i = 0; i < 44100; i++) /* silence, then a 441 Hz square wave above it */
		samples[i] = (int16_t)(i < 22050 ? -32767 : (i / 50) % 2 ? -20000 : -32767);
	nes_high_pass(&filter, samples, 44100);
	CHECK_EQ(samples[100], 0); /* silence stays silence */
	long sum = 0, high = 0, low = 0;
	for (size_t i = 44100 - 4410; i < 44100; i++) { /* the last 100 ms: centred on 0 */
		sum += samples[i];
		high = samples[i] > high ? samples[i] : high;
		low = samples[i] < low ? samples[i] : low;
	}
	CHECK(labs(sum / 4410) < 300);
	CHECK(high > 5000 && low < -5000);
}
