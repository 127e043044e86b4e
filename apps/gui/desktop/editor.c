// SPDX-License-Identifier: MIT
/* The text editor window: a file's path, Open and Save, and the multi-line editor. */
#include "desktop.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int editor_open(struct editor_state *state, const char *path)
{
	FILE *file = fopen(path, "r");

	if (!file)
		return -errno;
	size_t length = fread(state->text, 1, sizeof(state->text) - 1, file);
	bool more = fgetc(file) != EOF;
	int error = ferror(file) ? -EIO : 0;
	fclose(file);
	state->text[length] = 0;
	if (!error && more) /* no silent truncation */
		return -EFBIG;
	return error;
}

int editor_save(struct editor_state *state, const char *path)
{
	FILE *file = fopen(path, "w");

	if (!file)
		return -errno;
	size_t length = strlen(state->text);
	bool written = fwrite(state->text, 1, length, file) == length;
	int error = fclose(file) ? -errno : 0;
	return written ? error : -EIO;
}

void editor_window(struct gui *gui, struct editor_state *state)
{
	if (!state->path[0])
		snprintf(state->path, sizeof(state->path), "/tmp/notes.txt");
	if (!gui_window_begin(gui, "Editor", (struct gui_rect){120, 380, 460, 340}, 0))
		return;
	gui_layout_row(gui, 3, (int[]){0, 60, 60}, 0);
	int field = gui_textbox(gui, "path", state->path, sizeof(state->path));
	bool open = gui_button(gui, "Open") || (field & GUI_RESULT_SUBMIT);
	bool save = gui_button(gui, "Save");
	if (open || save) {
		int error =
		    open ? editor_open(state, state->path) : editor_save(state, state->path);
		if (error == -EFBIG)
			snprintf(state->status, sizeof(state->status),
				 "%s is larger than %d bytes: not opened", state->path,
				 DESKTOP_EDITOR_BYTES - 1);
		else if (error)
			snprintf(state->status, sizeof(state->status), "%s: %s", state->path,
				 strerror(-error));
		else
			snprintf(state->status, sizeof(state->status), "%s %s, %zu bytes",
				 open ? "opened" : "saved", state->path, strlen(state->text));
	}
	gui_layout_row(gui, 1, NULL, 0);
	gui_label_colored(gui, state->status[0] ? state->status : "Ctrl+A, Ctrl+C, Ctrl+X, Ctrl+V",
			  gui->style.text_dim);
	gui_editor(gui, "text", state->text, sizeof(state->text), 0);
	gui_window_end(gui);
}
