// SPDX-License-Identifier: MIT
/* Editing text in a text field or the multi-line editor (widgets.c calls it for the focused
 * one): the cursor and the selection (struct gui_text_cursor, one per context), typing over
 * the selection, Backspace/Delete, the arrows (Shift extends the selection), Home/End,
 * Ctrl+A, and the clipboard inside the GUI (Ctrl+C, Ctrl+X, Ctrl+V). Positions are byte
 * offsets kept on UTF-8 character boundaries. Pure code. */
#include "text_edit.h"

#include <string.h>

static bool continuation(char byte)
{
	return ((unsigned char)byte & 0xc0) == 0x80;
}

static size_t previous_character(const char *text, size_t position)
{
	if (position == 0)
		return 0;
	position--;
	while (position > 0 && continuation(text[position]))
		position--;
	return position;
}

static size_t next_character(const char *text, size_t length, size_t position)
{
	if (position >= length)
		return length;
	position++;
	while (position < length && continuation(text[position]))
		position++;
	return position;
}

size_t gui_text_line_start(const char *text, size_t position)
{
	while (position > 0 && text[position - 1] != '\n')
		position--;
	return position;
}

size_t gui_text_line_end(const char *text, size_t length, size_t position)
{
	while (position < length && text[position] != '\n')
		position++;
	return position;
}

size_t gui_text_position_at(const struct gui_font *font, const char *text, size_t length, int x)
{
	int pen = 0, used;
	size_t position = 0;

	while (position < length && text[position] != '\n') {
		int advance =
		    gui_font_next_glyph(font, text + position, (int)(length - position), &used)
			->advance;
		if (x < pen + advance / 2)
			break;
		pen += advance;
		position += (size_t)used;
	}
	return position;
}

static void selection(const struct gui_text_cursor *cursor, size_t *start, size_t *end)
{
	*start = cursor->position < cursor->anchor ? cursor->position : cursor->anchor;
	*end = cursor->position < cursor->anchor ? cursor->anchor : cursor->position;
}

static void delete_range(char *buffer, size_t *length, size_t start, size_t end)
{
	memmove(buffer + start, buffer + end, *length - end + 1);
	*length -= end - start;
}

/* Inserts TEXT at the cursor in place of the selection; what does not fit is left out whole
 * characters at a time (never half a UTF-8 sequence). True when anything changed. */
static bool insert(struct gui_text_cursor *cursor, char *buffer, size_t size, size_t *length,
		   const char *text, size_t count)
{
	size_t start, end;
	bool changed = false;

	selection(cursor, &start, &end);
	if (start != end) {
		delete_range(buffer, length, start, end);
		changed = true;
	}
	if (*length + count + 1 > size) {
		count = size - 1 - *length;
		while (count > 0 && continuation(text[count]))
			count--;
	}
	if (count) {
		memmove(buffer + start + count, buffer + start, *length - start + 1);
		memcpy(buffer + start, text, count);
		*length += count;
		changed = true;
	}
	cursor->position = cursor->anchor = start + count;
	return changed;
}

static size_t vertical_move(const struct gui_font *font, const char *text, size_t length,
			    struct gui_text_cursor *cursor, bool up)
{
	size_t start = gui_text_line_start(text, cursor->position);
	size_t target;

	if (up) {
		if (start == 0)
			return 0;
		target = gui_text_line_start(text, start - 1);
	} else {
		size_t end = gui_text_line_end(text, length, cursor->position);
		if (end == length)
			return length;
		target = end + 1;
	}
	return target +
	       gui_text_position_at(font, text + target, length - target, cursor->preferred_x);
}

static int column_x(const struct gui_font *font, const char *text, size_t position)
{
	size_t start = gui_text_line_start(text, position);
	return gui_font_text_width(font, text + start, (int)(position - start));
}

int gui_text_edit_keys(struct gui *gui, char *buffer, size_t size, bool multiline)
{
	struct gui_text_cursor *cursor = &gui->text_cursor;
	int keys = gui->input.keys_pressed, result = 0;
	bool shift = gui->input.keys_down & GUI_KEY_SHIFT;
	size_t length = strlen(buffer), start, end;
	bool vertical = false;

	cursor->position = cursor->position > length ? length : cursor->position;
	cursor->anchor = cursor->anchor > length ? length : cursor->anchor;
	selection(cursor, &start, &end);
	if (keys & (GUI_KEY_COPY | GUI_KEY_CUT) && start != end) {
		gui->clipboard_length = end - start < sizeof(gui->clipboard) - 1
					    ? end - start
					    : sizeof(gui->clipboard) - 1;
		memcpy(gui->clipboard, buffer + start, gui->clipboard_length);
		gui->clipboard[gui->clipboard_length] = 0;
		if (keys & GUI_KEY_CUT) {
			delete_range(buffer, &length, start, end);
			cursor->position = cursor->anchor = start;
			result |= GUI_RESULT_CHANGED;
		}
	}
	if (keys & GUI_KEY_PASTE &&
	    insert(cursor, buffer, size, &length, gui->clipboard, gui->clipboard_length))
		result |= GUI_RESULT_CHANGED;
	if (keys & GUI_KEY_SELECT_ALL) {
		cursor->anchor = 0;
		cursor->position = length;
	}
	const char *typed = gui->input.text;
	size_t typed_length = strlen(typed);
	if (!multiline) { /* a field takes no line breaks or tabs */
		char line[sizeof(gui->input.text)];
		size_t kept = 0;
		for (size_t i = 0; i < typed_length; i++)
			if ((unsigned char)typed[i] >= 0x20 && typed[i] != 0x7f)
				line[kept++] = typed[i];
		if (kept && insert(cursor, buffer, size, &length, line, kept))
			result |= GUI_RESULT_CHANGED;
	} else if (typed_length && insert(cursor, buffer, size, &length, typed, typed_length)) {
		result |= GUI_RESULT_CHANGED;
	}
	selection(cursor, &start, &end);
	if (keys & (GUI_KEY_BACKSPACE | GUI_KEY_DELETE)) {
		if (start == end) {
			if (keys & GUI_KEY_BACKSPACE)
				start = previous_character(buffer, start);
			else
				end = next_character(buffer, length, end);
		}
		if (start != end) {
			delete_range(buffer, &length, start, end);
			result |= GUI_RESULT_CHANGED;
		}
		cursor->position = cursor->anchor = start;
	}
	if (keys & GUI_KEY_RETURN) {
		if (multiline) {
			if (insert(cursor, buffer, size, &length, "\n", 1))
				result |= GUI_RESULT_CHANGED;
		} else {
			result |= GUI_RESULT_SUBMIT;
		}
	}
	if (keys & GUI_KEY_LEFT)
		cursor->position =
		    (!shift && start != end) ? start : previous_character(buffer, cursor->position);
	if (keys & GUI_KEY_RIGHT)
		cursor->position = (!shift && start != end)
				       ? end
				       : next_character(buffer, length, cursor->position);
	if (keys & GUI_KEY_HOME)
		cursor->position = multiline ? gui_text_line_start(buffer, cursor->position) : 0;
	if (keys & GUI_KEY_END)
		cursor->position =
		    multiline ? gui_text_line_end(buffer, length, cursor->position) : length;
	if (multiline && keys & (GUI_KEY_UP | GUI_KEY_DOWN)) {
		cursor->position =
		    vertical_move(gui->font, buffer, length, cursor, keys & GUI_KEY_UP);
		vertical = true;
	}
	if (keys & (GUI_KEY_LEFT | GUI_KEY_RIGHT | GUI_KEY_HOME | GUI_KEY_END | GUI_KEY_UP |
		    GUI_KEY_DOWN) &&
	    !shift)
		cursor->anchor = cursor->position;
	if (!vertical)
		cursor->preferred_x = column_x(gui->font, buffer, cursor->position);
	if (keys || typed_length)
		cursor->move_to_view = true;
	return result;
}
