// SPDX-License-Identifier: MIT
/* A toolkit program on Linux's fbdev and evdev (see app.h): works on Yolk and on Linux alike. */
#include "app.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/fb.h>
#include <linux/input.h>

double gui_app_now(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static int open_framebuffer(struct gui_app *app)
{
	struct fb_var_screeninfo mode;
	struct fb_fix_screeninfo fixed;
	FILE *err = app->io->err;

	app->framebuffer = open("/dev/fb0", O_RDWR | O_CLOEXEC);
	if (app->framebuffer < 0) {
		fprintf(err, "no framebuffer: /dev/fb0: %s (run the image with yolk run --gui)\n",
			strerror(errno));
		return -1;
	}
	if (ioctl(app->framebuffer, FBIOGET_VSCREENINFO, &mode) < 0 ||
	    ioctl(app->framebuffer, FBIOGET_FSCREENINFO, &fixed) < 0) {
		fprintf(err, "/dev/fb0: %s\n", strerror(errno));
		return -1;
	}
	if (mode.bits_per_pixel != 16 && mode.bits_per_pixel != 24 && mode.bits_per_pixel != 32) {
		fprintf(err, "/dev/fb0: %u bits per pixel: only 16, 24 and 32 are drawn\n",
			mode.bits_per_pixel);
		return -1;
	}
	app->width = (int)mode.xres;
	app->height = (int)mode.yres;
	app->pitch = (int)fixed.line_length;
	app->bytes_per_pixel = (int)mode.bits_per_pixel / 8;
	app->red_shift = (int)mode.red.offset, app->red_bits = (int)mode.red.length;
	app->green_shift = (int)mode.green.offset, app->green_bits = (int)mode.green.length;
	app->blue_shift = (int)mode.blue.offset, app->blue_bits = (int)mode.blue.length;
	app->memory_size = (size_t)fixed.line_length * mode.yres;
	app->memory =
	    mmap(NULL, app->memory_size, PROT_READ | PROT_WRITE, MAP_SHARED, app->framebuffer, 0);
	if (app->memory == MAP_FAILED) {
		app->memory = NULL;
		fprintf(err, "/dev/fb0: mmap: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/* Every event device there is: keyboards, mice, tablets. Grabbed, so the console does not
 * also take the keys. */
static void open_inputs(struct gui_app *app)
{
	for (int n = 0; n < 32 && app->input_count < GUI_MAX_INPUTS; n++) {
		char path[32];
		snprintf(path, sizeof(path), "/dev/input/event%d", n);
		int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			continue;
		struct gui_axes *axes = &app->axes[app->input_count];
		struct input_absinfo info;
		memset(axes, 0, sizeof(*axes));
		if (ioctl(fd, EVIOCGABS(ABS_X), &info) == 0)
			axes->minimum_x = info.minimum, axes->maximum_x = info.maximum;
		if (ioctl(fd, EVIOCGABS(ABS_Y), &info) == 0)
			axes->minimum_y = info.minimum, axes->maximum_y = info.maximum;
		ioctl(fd, EVIOCGRAB, 1);
		app->inputs[app->input_count++] = fd;
	}
}

int gui_app_open(struct gui_app *app, const struct gui_io *io, float font_height)
{
	size_t length;
	const unsigned char *ttf = gui_font_builtin(&length);

	memset(app, 0, sizeof(*app));
	app->io = io;
	app->framebuffer = -1;
	if (open_framebuffer(app) < 0)
		goto fail;
	int error = gui_font_load(&app->font, ttf, length, font_height);
	if (error) {
		fprintf(io->err, "the built-in font: %s\n", strerror(-error));
		goto fail;
	}
	app->gui = gui_create(&app->font, app->width, app->height);
	app->renderer =
	    app->gui ? gui_renderer_create(app->width, app->height, app->gui->style.desktop) : NULL;
	if (!app->renderer) {
		fprintf(io->err, "out of memory for a %dx%d screen\n", app->width, app->height);
		goto fail;
	}
	open_inputs(app);
	app->evdev.x = app->width / 2;
	app->evdev.y = app->height / 2;
	return 0;
fail:
	gui_app_close(app);
	return -1;
}

void gui_app_close(struct gui_app *app)
{
	for (int i = 0; i < app->input_count; i++)
		close(app->inputs[i]);
	app->input_count = 0;
	if (app->memory)
		munmap(app->memory, app->memory_size);
	if (app->framebuffer >= 0)
		close(app->framebuffer);
	app->memory = NULL;
	app->framebuffer = -1;
	gui_renderer_destroy(app->renderer);
	gui_destroy(app->gui);
	gui_font_free(&app->font);
	app->renderer = NULL;
	app->gui = NULL;
}

/* Reads the devices' events; stops after a report with a button change (see evdev_input.h).
 * Returns how many events were read. */
static int read_events(struct gui_app *app)
{
	int count = 0;

	for (int i = 0; i < app->input_count; i++) {
		struct input_event events[64];
		for (;;) {
			ssize_t got = read(app->inputs[i], events, sizeof(events[0]));
			if (got < (ssize_t)sizeof(events[0]))
				break;
			count++;
			if (gui_evdev_event(&app->evdev, app->gui, &app->axes[i], events[0].type,
					    events[0].code, events[0].value))
				return count;
		}
	}
	return count;
}

void gui_app_begin_frame(struct gui_app *app, int timeout_ms)
{
	struct pollfd polls[GUI_MAX_INPUTS];

	for (int i = 0; i < app->input_count; i++)
		polls[i] = (struct pollfd){.fd = app->inputs[i], .events = POLLIN};
	if (timeout_ms != 0 && app->input_count)
		poll(polls, (nfds_t)app->input_count, timeout_ms);
	app->input_time = gui_app_now();
	read_events(app);
	gui_begin(app->gui);
}

static uint32_t convert(const struct gui_app *app, uint32_t pixel)
{
	uint32_t r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

	return (r >> (8 - app->red_bits)) << app->red_shift |
	       (g >> (8 - app->green_bits)) << app->green_shift |
	       (b >> (8 - app->blue_bits)) << app->blue_shift;
}

/* Copies RECT of the canvas to the framebuffer, in its pixel format. */
static void present(struct gui_app *app, struct gui_rect rect)
{
	const struct gui_canvas *canvas = &app->renderer->canvas;
	bool native = app->bytes_per_pixel == 4 && app->red_shift == 16 && app->green_shift == 8 &&
		      app->blue_shift == 0;

	for (int y = rect.y; y < rect.y + rect.h; y++) {
		const uint32_t *source = canvas->pixels + (size_t)y * canvas->stride + rect.x;
		unsigned char *row =
		    app->memory + (size_t)y * app->pitch + (size_t)rect.x * app->bytes_per_pixel;
		if (native) {
			memcpy(row, source, (size_t)rect.w * 4);
			continue;
		}
		for (int x = 0; x < rect.w; x++) {
			uint32_t value = convert(app, source[x]);
			memcpy(row + (size_t)x * app->bytes_per_pixel, &value,
			       (size_t)app->bytes_per_pixel);
		}
	}
}

void gui_app_end_frame(struct gui_app *app)
{
	struct gui_rect dirty[GUI_MAX_DIRTY];

	gui_end(app->gui);
	if (app->gui->overflowed && !app->overflow_told) { /* said once, not each frame */
		fprintf(app->io->err,
			"gui: a frame had more to draw than the context holds "
			"(%d commands, %d bytes of text): the rest is not drawn\n",
			GUI_MAX_COMMANDS, GUI_MAX_TEXT);
		app->overflow_told = true;
	}
	int count = gui_render(app->renderer, app->gui, dirty);
	for (int i = 0; i < count; i++)
		present(app, dirty[i]);
	app->frame_seconds = gui_app_now() - app->input_time;
}
