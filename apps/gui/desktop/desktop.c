// SPDX-License-Identifier: MIT
/* The `gui` command (see desktop.h): the desktop's frame loop and its launcher. Callers:
 * ysh's `gui` (apps/shell/commands/gui.c) and the stand-alone program (apps/gui/main.c).
 * Its state is one struct desktop on the heap. */
#include "desktop.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../physics/physics.h"

static const char usage[] =
    "usage: gui [--open NAME]... [--frames N] [--redraw] [--report]\n"
    "The desktop: windows to drag (title bar), resize (lower right corner), raise (a click)\n"
    "and close (x), and a launcher for the demos: Widgets (every widget), Calculator, Editor\n"
    "(opens and saves files), Clock, Monitor (CPU, threads, memory, network) and Physics.\n"
    "  --open NAME  open a demo's window at the start (widgets, calculator, editor, clock,\n"
    "               monitor, physics)\n"
    "  --frames N   stop after N frames and print the mean frame time\n"
    "  --redraw     draw every frame whole, not only what changed (to time it)\n"
    "  --report     print each window's and labelled widget's place when the windows change\n"
    "q (outside a text field) or the launcher's close box quits. Needs /dev/fb0 (yolk run\n"
    "--gui).\n";

enum demo { OVERVIEW, CALCULATOR, EDITOR, CLOCK, MONITOR, PHYSICS, DEMOS };
static const char *const demo_titles[DEMOS] = {"Widgets", "Calculator", "Editor",
					       "Clock",	  "Monitor",	"Physics"};
static const char *const demo_names[DEMOS] = {"widgets", "calculator", "editor",
					      "clock",	 "monitor",    "physics"};

struct desktop_options {
	bool open[DEMOS], report, redraw;
	long frames;
};

static int parse_options(int argc, char **argv, struct desktop_options *options, FILE *err)
{
	memset(options, 0, sizeof(*options));
	options->frames = -1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return 1;
		if (!strcmp(argv[i], "--report")) {
			options->report = true;
		} else if (!strcmp(argv[i], "--redraw")) {
			options->redraw = true;
		} else if (!strcmp(argv[i], "--frames") && i + 1 < argc) {
			char *end;
			errno = 0;
			options->frames = strtol(argv[++i], &end, 10);
			if (!argv[i][0] || *end || errno || options->frames < 1) {
				fprintf(err, "gui: --frames needs a number above 0\n");
				return -1;
			}
		} else if (!strcmp(argv[i], "--open") && i + 1 < argc) {
			int demo = 0;
			i++;
			while (demo < DEMOS && strcmp(argv[i], demo_names[demo]))
				demo++;
			if (demo == DEMOS) {
				fprintf(err,
					"gui: no demo %s (widgets, calculator, editor, clock, "
					"monitor, physics)\n",
					argv[i]);
				return -1;
			}
			options->open[demo] = true;
		} else {
			fprintf(err, "gui: unknown option %s\n%s", argv[i], usage);
			return -1;
		}
	}
	return 0;
}

static void launcher_window(struct gui *gui, struct desktop *desktop, bool shown[DEMOS])
{
	if (!gui_window_begin(gui, "Launcher", (struct gui_rect){40, 60, 220, 330},
			      GUI_WINDOW_NO_RESIZE)) {
		desktop->quit = true;
		return;
	}
	gui_label(gui, "Yolk: open a demo");
	for (int demo = 0; demo < DEMOS; demo++)
		if (gui_button(gui, demo_titles[demo])) {
			shown[demo] = true;
			gui_window_open(gui, demo_titles[demo]);
		}
	gui_label_colored(gui, "q or x quits", gui->style.text_dim);
	gui_window_end(gui);
}

static void physics_window(struct gui *gui, struct desktop *desktop)
{
	if (!gui_window_begin(gui, "Physics", (struct gui_rect){280, 200, 420, 360}, 0))
		return;
	if (!desktop->planet)
		desktop->planet = planet_create(1, PLANET_BOXES);
	if (!desktop->planet) {
		gui_label(gui, "out of memory");
		gui_window_end(gui);
		return;
	}
	planet_step(desktop->planet);
	planet_step(desktop->planet);
	gui_layout_row(gui, 1, NULL, -1);
	struct gui_rect view = gui_layout_next(gui);
	view.h = gui->layout.frame.y + gui->layout.frame.h - view.y - gui->style.padding;
	physics_draw(gui, desktop->planet, view);
	gui_window_end(gui);
}

/* One frame of every window that is shown; a demo whose window was closed is not shown. */
static void frame(struct desktop *desktop, bool shown[DEMOS])
{
	struct gui *gui = desktop->app.gui;

	launcher_window(gui, desktop, shown);
	for (int demo = 0; demo < DEMOS; demo++) {
		if (!shown[demo])
			continue;
		switch (demo) {
		case OVERVIEW:
			overview_window(gui, &desktop->overview);
			break;
		case CALCULATOR:
			calculator_window(gui, &desktop->calculator);
			break;
		case EDITOR:
			editor_window(gui, &desktop->editor);
			break;
		case CLOCK:
			clock_window(gui);
			break;
		case MONITOR:
			monitor_window(gui, &desktop->monitor);
			break;
		case PHYSICS:
			physics_window(gui, desktop);
			break;
		}
		shown[demo] = gui_window_is_open(gui, demo_titles[demo]);
	}
}

static int run(struct desktop *desktop, const struct desktop_options *options,
	       const struct gui_io *io)
{
	struct gui *gui = desktop->app.gui;
	bool shown[DEMOS];
	double total = 0;
	long frames = 0;

	memcpy(shown, options->open, sizeof(shown));
	if (options->report)
		gui_set_report(gui, io->out);
	while (!desktop->quit) {
		/* Animated windows want frames; the clock and monitor a second's. */
		int timeout = shown[PHYSICS] ? 10 : (shown[CLOCK] || shown[MONITOR]) ? 250 : 1000;
		gui_app_begin_frame(&desktop->app, options->frames > 0 ? 0 : timeout);
		if ((!gui->focus && strchr(gui->input.text, 'q')) ||
		    (io->interrupted && io->interrupted()))
			desktop->quit = true;
		frame(desktop, shown);
		if (options->redraw)
			gui_renderer_invalidate(desktop->app.renderer);
		gui_app_end_frame(&desktop->app);
		total += desktop->app.frame_seconds;
		if (options->frames > 0 && ++frames >= options->frames)
			break;
	}
	if (options->frames > 0)
		fprintf(io->out,
			"gui: %ld frames, %.2f ms a frame, %.0f of %d cells drawn a frame\n",
			frames, total * 1e3 / (double)frames,
			(double)desktop->app.renderer->cells_drawn / (double)frames,
			desktop->app.renderer->columns * desktop->app.renderer->rows);
	return 0;
}

int gui_desktop_main(int argc, char **argv, const struct gui_io *io)
{
	struct desktop_options options;
	int parsed = parse_options(argc, argv, &options, io->err);

	if (parsed) {
		if (parsed > 0)
			fputs(usage, io->out);
		return parsed > 0 ? 0 : 2;
	}
	struct desktop *desktop = calloc(1, sizeof(*desktop));
	if (!desktop) {
		fprintf(io->err, "gui: out of memory\n");
		return 1;
	}
	int status = 1;
	if (gui_app_open(&desktop->app, io, 15) == 0) {
		status = run(desktop, &options, io);
		gui_app_close(&desktop->app);
	}
	planet_destroy(desktop->planet);
	free(desktop);
	return status;
}
