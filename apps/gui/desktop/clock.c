// SPDX-License-Identifier: MIT
/* The clock window: the time (UTC, as `date` shows it) on a dial and in digits. */
#include "desktop.h"

#include <math.h>
#include <stdio.h>
#include <time.h>

static void hand(struct gui *gui, struct gui_point centre, double turns, float length,
		 struct gui_color color)
{
	double angle = turns * 2 * M_PI;
	gui_draw_line(gui, centre,
		      (struct gui_point){centre.x + length * (float)sin(angle),
					 centre.y - length * (float)cos(angle)},
		      color);
}

void clock_window(struct gui *gui)
{
	time_t now = time(NULL);
	struct tm parts;
	char digits[32];

	if (!gui_window_begin(gui, "Clock", (struct gui_rect){40, 420, 200, 240}, 0))
		return;
	gmtime_r(&now, &parts);
	strftime(digits, sizeof(digits), "%H:%M:%S UTC", &parts);
	gui_label(gui, digits);
	gui_layout_row(gui, 1, NULL, 160);
	struct gui_rect dial = gui_layout_next(gui);
	float radius = (float)(dial.w < dial.h ? dial.w : dial.h) / 2 - 4;
	struct gui_point centre = {(float)dial.x + (float)dial.w / 2,
				   (float)dial.y + (float)dial.h / 2};
	struct gui_point rim[40];
	for (int i = 0; i < 40; i++)
		rim[i] = (struct gui_point){centre.x + radius * (float)cos(i * M_PI / 20),
					    centre.y + radius * (float)sin(i * M_PI / 20)};
	gui_draw_polygon(gui, rim, 40, gui->style.base);
	for (int i = 0; i < 12; i++) {
		double a = i * M_PI / 6;
		gui_draw_line(gui,
			      (struct gui_point){centre.x + (radius - 8) * (float)sin(a),
						 centre.y - (radius - 8) * (float)cos(a)},
			      (struct gui_point){centre.x + radius * (float)sin(a),
						 centre.y - radius * (float)cos(a)},
			      gui->style.border);
	}
	double seconds = parts.tm_sec, minutes = parts.tm_min + seconds / 60;
	hand(gui, centre, (parts.tm_hour % 12 + minutes / 60) / 12, radius * 0.5f, gui->style.text);
	hand(gui, centre, minutes / 60, radius * 0.8f, gui->style.text);
	hand(gui, centre, seconds / 60, radius * 0.9f, gui_rgb(0xc0, 0x30, 0x30));
	gui_window_end(gui);
}
