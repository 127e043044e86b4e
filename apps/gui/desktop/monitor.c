// SPDX-License-Identifier: MIT
/* The system monitor window: CPU use (/proc/stat), threads (/proc/threads), memory
 * (/proc/meminfo) and the network's bytes (/proc/net/dev, in images with the network stack),
 * sampled once a second. */
#include "desktop.h"

#include <stdio.h>
#include <string.h>

static void sample_cpu(struct monitor_state *state)
{
	FILE *file = fopen("/proc/stat", "r");
	unsigned long long user = 0, nice = 0, system = 0, idle = 0;

	if (!file)
		return;
	if (fscanf(file, "cpu %llu %llu %llu %llu", &user, &nice, &system, &idle) == 4) {
		unsigned long long busy = user + nice + system, total = busy + idle;
		if (total > state->last_total)
			state->cpu =
			    (float)(busy - state->last_busy) / (float)(total - state->last_total);
		state->last_busy = busy;
		state->last_total = total;
	}
	fclose(file);
}

static void sample_files(struct monitor_state *state)
{
	char line[256];
	FILE *file = fopen("/proc/threads", "r");

	if (file) {
		state->threads = -1; /* the header */
		while (fgets(line, sizeof(line), file))
			state->threads++;
		fclose(file);
	}
	if ((file = fopen("/proc/meminfo", "r"))) {
		while (fgets(line, sizeof(line), file)) {
			sscanf(line, "MemTotal: %llu", &state->memory_total_kib);
			sscanf(line, "MemFree: %llu", &state->memory_free_kib);
		}
		fclose(file);
	}
	state->network = false;
	state->received = state->sent = 0;
	if ((file = fopen("/proc/net/dev", "r"))) {
		while (fgets(line, sizeof(line), file)) {
			char *colon = strchr(line, ':');
			unsigned long long in, out, skip;
			if (colon &&
			    sscanf(colon + 1, "%llu %llu %llu %llu %llu %llu %llu %llu %llu", &in,
				   &skip, &skip, &skip, &skip, &skip, &skip, &skip, &out) == 9) {
				state->received += in;
				state->sent += out;
				state->network = true;
			}
		}
		fclose(file);
	}
}

void monitor_window(struct gui *gui, struct monitor_state *state)
{
	char line[128];
	double now = gui_app_now();

	if (!gui_window_begin(gui, "Monitor", (struct gui_rect){700, 360, 280, 230}, 0))
		return;
	if (now - state->last_sample >= 1) {
		sample_cpu(state);
		sample_files(state);
		state->last_sample = now;
	}
	snprintf(line, sizeof(line), "CPU %.0f%%", state->cpu * 100);
	gui_label(gui, line);
	gui_layout_row(gui, 1, NULL, 12);
	gui_progress(gui, state->cpu);
	gui_layout_row(gui, 1, NULL, 0);
	snprintf(line, sizeof(line), "Threads %ld", state->threads);
	gui_label(gui, line);
	unsigned long long used = state->memory_total_kib - state->memory_free_kib;
	snprintf(line, sizeof(line), "Memory %llu of %llu MiB", used / 1024,
		 state->memory_total_kib / 1024);
	gui_label(gui, line);
	gui_layout_row(gui, 1, NULL, 12);
	gui_progress(gui,
		     state->memory_total_kib ? (float)used / (float)state->memory_total_kib : 0);
	gui_layout_row(gui, 1, NULL, 0);
	if (state->network)
		snprintf(line, sizeof(line), "Network %llu bytes in, %llu out", state->received,
			 state->sent);
	else
		snprintf(line, sizeof(line), "Network: none in this image");
	gui_label(gui, line);
	gui_window_end(gui);
}
