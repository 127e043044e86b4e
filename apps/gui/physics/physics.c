// SPDX-License-Identifier: MIT
/* The `physics` command (see physics.h): callers are ysh's `physics` (apps/shell/commands) and
 * the stand-alone program (apps/gui/physics/main.c). Everything lives on the stack or heap. */
#include "physics.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: physics [--boxes N] [--seed N] [--frames N]\n"
    "       physics --steps N [--boxes N] [--seed N]\n"
    "Chipmunk2D's Planet demo: boxes in orbit around a spinning planet, 1/120 s steps.\n"
    "  --steps N   headless: run N steps and print each box's place and angle (%.17g)\n"
    "  --boxes N   how many boxes (1..500, default 50)\n"
    "  --seed N    where the boxes start (default 1)\n"
    "  --frames N  on the screen: stop after N frames and print the mean frame time\n"
    "On the screen (/dev/fb0: yolk run --gui), q, Escape or the close box quits.\n";

struct physics_options {
	long steps, boxes, seed, frames;
};

static bool parse_number(const char *text, long low, long high, long *value)
{
	char *end;

	errno = 0;
	*value = strtol(text, &end, 10);
	return text[0] && !*end && !errno && *value >= low && *value <= high;
}

static int parse_options(int argc, char **argv, struct physics_options *options, FILE *err)
{
	*options =
	    (struct physics_options){.steps = -1, .boxes = PLANET_BOXES, .seed = 1, .frames = -1};
	for (int i = 1; i < argc; i++) {
		const char *name = argv[i];
		long *target = !strcmp(name, "--steps")	   ? &options->steps
			       : !strcmp(name, "--boxes")  ? &options->boxes
			       : !strcmp(name, "--seed")   ? &options->seed
			       : !strcmp(name, "--frames") ? &options->frames
							   : NULL;
		if (!strcmp(name, "-h") || !strcmp(name, "--help"))
			return 1;
		if (!target) {
			fprintf(err, "physics: unknown option %s\n%s", name, usage);
			return -1;
		}
		long high = target == &options->boxes ? PLANET_MAX_BOXES : 100000000L;
		long low = target == &options->boxes || target == &options->seed ? 1 : 0;
		if (i + 1 >= argc || !parse_number(argv[i + 1], low, high, target)) {
			fprintf(err, "physics: %s needs a number from %ld to %ld\n", name, low,
				high);
			return -1;
		}
		i++;
	}
	return 0;
}

static int run_headless(struct planet *planet, const struct physics_options *options,
			const struct gui_io *io)
{
	double started = gui_app_now(), closest = 1e300, farthest = 0;

	for (long i = 0; i < options->steps; i++) {
		if (io->interrupted && io->interrupted())
			return 130;
		planet_step(planet);
	}
	double seconds = gui_app_now() - started;
	for (int i = 0; i < planet_box_count(planet); i++) {
		struct planet_box box = planet_box(planet, i);
		double r = hypot(box.x, box.y);
		closest = r < closest ? r : closest;
		farthest = r > farthest ? r : farthest;
		fprintf(io->out, "box %d %.17g %.17g %.17g\n", i, box.x, box.y, box.angle);
	}
	fprintf(io->out, "planet %.17g\n", planet_angle(planet));
	fprintf(io->out, "steps %lu, radius %.1f..%.1f, %.0f steps/s\n", planet_steps(planet),
		closest, farthest, seconds > 0 ? (double)options->steps / seconds : 0.0);
	return 0;
}

void physics_draw(struct gui *gui, const struct planet *planet, struct gui_rect area)
{
	double scale = fmin(area.w / PLANET_WORLD_WIDTH, area.h / PLANET_WORLD_HEIGHT);
	float cx = (float)area.x + (float)area.w / 2, cy = (float)area.y + (float)area.h / 2;
	struct gui_point points[48];

	gui_draw_rect(gui, area, gui_rgb(0x10, 0x14, 0x20));
	gui_push_clip(gui, area);
	double spin = planet_angle(planet);
	for (int i = 0; i < 48; i++) { /* y grows down on the screen, up in the world */
		double angle = i * 2 * M_PI / 48;
		points[i] = (struct gui_point){cx + (float)(PLANET_RADIUS * scale * cos(angle)),
					       cy - (float)(PLANET_RADIUS * scale * sin(angle))};
	}
	gui_draw_polygon(gui, points, 48, gui_rgb(0x3a, 0x6e, 0xb0));
	gui_draw_line(gui, (struct gui_point){cx, cy},
		      (struct gui_point){cx + (float)(PLANET_RADIUS * scale * cos(spin)),
					 cy - (float)(PLANET_RADIUS * scale * sin(spin))},
		      gui_rgb(0xff, 0xff, 0xff));
	for (int i = 0; i < planet_box_count(planet); i++) {
		struct planet_box box = planet_box(planet, i);
		double c = cos(box.angle), s = sin(box.angle), h = PLANET_BOX_HALF;
		static const int corners[4][2] = {{-1, -1}, {-1, 1}, {1, 1}, {1, -1}};
		for (int k = 0; k < 4; k++) {
			double x = box.x + corners[k][0] * h * c - corners[k][1] * h * s;
			double y = box.y + corners[k][0] * h * s + corners[k][1] * h * c;
			points[k] =
			    (struct gui_point){cx + (float)(x * scale), cy - (float)(y * scale)};
		}
		gui_draw_polygon(gui, points, 4, gui_rgb(0xe8, 0xb0, 0x40));
	}
	gui_pop_clip(gui);
}

static bool quit_key(const struct gui *gui)
{
	return strchr(gui->input.text, 'q') || gui->input.keys_pressed & GUI_KEY_ESCAPE;
}

static int run_on_screen(struct planet *planet, const struct physics_options *options,
			 const struct gui_io *io)
{
	struct gui_app *app = malloc(sizeof(*app));
	double total = 0, step_seconds = 0;
	long frames = 0;
	char line[128] = "";

	if (!app || gui_app_open(app, io, 15) < 0) {
		free(app);
		return 1;
	}
	struct gui *gui = app->gui;
	struct gui_rect whole = {0, 0, app->width, app->height};
	for (;;) {
		gui_app_begin_frame(app, 0);
		if (quit_key(gui) || (io->interrupted && io->interrupted()))
			break;
		double started = gui_app_now();
		planet_step(planet); /* two steps of 1/120 s: a 60 Hz frame */
		planet_step(planet);
		step_seconds += gui_app_now() - started;
		if (!gui_window_begin(gui, "Planet", whole, GUI_WINDOW_NO_RESIZE)) {
			gui_end(gui);
			break;
		}
		gui_layout_row(gui, 1, NULL, 0);
		if (frames % 30 == 0) /* twice a second or so: a line that stays readable */
			snprintf(
			    line, sizeof(line),
			    "Chipmunk2D Planet: %d boxes, %.1f s, frame %.1f ms (physics %.2f ms)",
			    planet_box_count(planet), (double)planet_steps(planet) * PLANET_STEP,
			    app->frame_seconds * 1e3,
			    frames ? step_seconds * 1e3 / (double)frames : 0.0);
		gui_label(gui, line);
		gui_layout_row(gui, 1, NULL, -1);
		struct gui_rect view = gui->layout.frame;
		view.y = gui_layout_next(gui).y;
		view.h = gui->layout.frame.y + gui->layout.frame.h - view.y;
		physics_draw(gui, planet, view);
		gui_window_end(gui);
		gui_app_end_frame(app);
		total += app->frame_seconds;
		frames++;
		if (options->frames >= 0 && frames >= options->frames)
			break;
	}
	if (frames)
		fprintf(io->out, "physics: %ld frames, %.2f ms a frame, %.0f steps/s\n", frames,
			total * 1e3 / (double)frames,
			step_seconds > 0 ? 2.0 * (double)frames / step_seconds : 0.0);
	gui_app_close(app);
	free(app);
	return 0;
}

int physics_command_main(int argc, char **argv, const struct gui_io *io)
{
	struct physics_options options;
	int parsed = parse_options(argc, argv, &options, io->err);

	if (parsed) {
		if (parsed > 0)
			fputs(usage, io->out);
		return parsed > 0 ? 0 : 2;
	}
	struct planet *planet = planet_create((unsigned)options.seed, (int)options.boxes);
	if (!planet) {
		fprintf(io->err, "physics: out of memory\n");
		return 1;
	}
	int status = options.steps >= 0 ? run_headless(planet, &options, io)
					: run_on_screen(planet, &options, io);
	planet_destroy(planet);
	return status;
}
