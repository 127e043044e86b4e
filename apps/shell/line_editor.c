// SPDX-License-Identifier: MIT
/* The shell's line editor: raw terminal input turned into an edited line (see line_editor.h).
 * The screen is updated incrementally — typing at the end of the line echoes one character —
 * so a very long line costs what its length costs, not its square. */
#include "line_editor.h"
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "completion.h"
#include "history.h"

#define CONTROL(letter) ((letter)&0x1f)
#define ESCAPE		0x1b
#define DELETE		0x7f

struct line_edit {
	struct line_terminal *terminal;
	const char *prompt;
	char *buffer;
	size_t length, cursor, capacity;
	size_t history_index; /* the history's count while editing a new line */
	char *saved_line;     /* the new line, kept while browsing the history */
	bool last_was_tab;
	bool hidden;	  /* cleared from the screen while the waiter runs */
	char output[512]; /* pending screen output */
	size_t output_length;
};

static void flush(struct line_edit *editor)
{
	size_t done = 0;

	while (done < editor->output_length) {
		ssize_t written = write(editor->terminal->output, editor->output + done,
					editor->output_length - done);

		if (written < 0 && errno == EINTR)
			continue;
		if (written <= 0)
			break;
		done += (size_t)written;
	}
	editor->output_length = 0;
}

static void emit(struct line_edit *editor, const char *text, size_t length)
{
	while (length) {
		size_t room = sizeof(editor->output) - editor->output_length;
		size_t part = length < room ? length : room;

		memcpy(editor->output + editor->output_length, text, part);
		editor->output_length += part;
		text += part;
		length -= part;
		if (editor->output_length == sizeof(editor->output))
			flush(editor);
	}
}

static void emit_string(struct line_edit *editor, const char *text)
{
	emit(editor, text, strlen(text));
}

/* Moves the terminal's cursor COUNT columns left (negative: right). */
static void move_cursor(struct line_edit *editor, long count)
{
	char sequence[32];
	int length;

	if (!count)
		return;
	length = snprintf(sequence, sizeof(sequence), "\x1b[%ld%c", count > 0 ? count : -count,
			  count > 0 ? 'D' : 'C');
	emit(editor, sequence, (size_t)length);
}

/* Redraws the line from FROM to its end with the terminal's cursor at FROM now, then puts
 * the cursor back at editor->cursor. */
static void redraw_tail(struct line_edit *editor, size_t from)
{
	emit(editor, editor->buffer + from, editor->length - from);
	emit_string(editor, "\x1b[K");
	move_cursor(editor, (long)(editor->length - editor->cursor));
}

/* Redraws the whole line; the terminal's cursor is at OLD_CURSOR. */
static void redraw_line(struct line_edit *editor, size_t old_cursor)
{
	move_cursor(editor, (long)old_cursor);
	redraw_tail(editor, 0);
}

static int reserve(struct line_edit *editor, size_t length)
{
	if (length + 1 <= editor->capacity)
		return 0;
	size_t capacity = editor->capacity * 2 > length + 1 ? editor->capacity * 2 : length + 64;
	char *buffer = realloc(editor->buffer, capacity);

	if (!buffer)
		return -1;
	editor->buffer = buffer;
	editor->capacity = capacity;
	return 0;
}

static void insert(struct line_edit *editor, const char *text, size_t count)
{
	if (reserve(editor, editor->length + count))
		return;
	memmove(editor->buffer + editor->cursor + count, editor->buffer + editor->cursor,
		editor->length - editor->cursor + 1);
	memcpy(editor->buffer + editor->cursor, text, count);
	editor->length += count;
	editor->cursor += count;
	if (editor->cursor == editor->length) {
		emit(editor, text, count);
		return;
	}
	emit(editor, text, count);
	redraw_tail(editor, editor->cursor);
}

/* Deletes COUNT bytes from FROM (≤ the cursor or at it). */
static void delete_range(struct line_edit *editor, size_t from, size_t count)
{
	size_t old_cursor = editor->cursor;

	memmove(editor->buffer + from, editor->buffer + from + count,
		editor->length - from - count + 1);
	editor->length -= count;
	if (editor->cursor > from)
		editor->cursor = editor->cursor >= from + count ? editor->cursor - count : from;
	move_cursor(editor, (long)(old_cursor - from));
	if (from == editor->length && count == 1) {
		emit_string(editor, " \b"); /* backspace at the end: the cheap way */
		return;
	}
	redraw_tail(editor, from);
}

static void set_cursor(struct line_edit *editor, size_t position)
{
	move_cursor(editor, (long)editor->cursor - (long)position);
	editor->cursor = position;
}

static void replace_line(struct line_edit *editor, const char *text)
{
	size_t old_cursor = editor->cursor, length = strlen(text);

	if (reserve(editor, length))
		return;
	memcpy(editor->buffer, text, length + 1);
	editor->length = editor->cursor = length;
	redraw_line(editor, old_cursor);
}

static void browse_history(struct line_edit *editor, int direction)
{
	const struct shell_history *history = editor->terminal->history;
	size_t count = history ? history_count(history) : 0;

	if ((direction < 0 && editor->history_index == 0) ||
	    (direction > 0 && editor->history_index >= count))
		return;
	if (editor->history_index == count) {
		free(editor->saved_line);
		editor->saved_line = strdup(editor->buffer);
	}
	editor->history_index += direction;
	replace_line(editor, editor->history_index == count
				 ? (editor->saved_line ? editor->saved_line : "")
				 : history_line(history, editor->history_index));
}

static void delete_word_before_cursor(struct line_edit *editor)
{
	size_t start = editor->cursor;

	while (start > 0 && editor->buffer[start - 1] == ' ')
		start--;
	while (start > 0 && editor->buffer[start - 1] != ' ')
		start--;
	delete_range(editor, start, editor->cursor - start);
}

static void show_prompt_and_line(struct line_edit *editor)
{
	emit_string(editor, editor->prompt);
	emit(editor, editor->buffer, editor->length);
	move_cursor(editor, (long)(editor->length - editor->cursor));
}

static void list_candidates(struct line_edit *editor, const struct completion *completion)
{
	emit_string(editor, "\r\n");
	for (size_t i = 0; i < completion->count; i++) {
		const char *name = completion->candidates[i];
		size_t length = strlen(name);
		/* Only the last path component, as ls would show it. */
		const char *slash = length > 1 ? memrchr(name, '/', length - 1) : NULL;

		emit_string(editor, slash ? slash + 1 : name);
		emit_string(editor, i + 1 < completion->count ? "  " : "\r\n");
	}
	show_prompt_and_line(editor);
}

static void complete(struct line_edit *editor)
{
	const struct line_editor_completer *completer = editor->terminal->completer;
	struct completion completion;
	bool second_tab = editor->last_was_tab;

	editor->last_was_tab = true;
	if ((completer
		 ? completer->find(completer->context, editor->buffer, editor->cursor, &completion)
		 : completion_find(editor->buffer, editor->cursor, &completion)) ||
	    !completion.count) {
		emit_string(editor, "\a");
		return;
	}
	size_t typed = editor->cursor - completion.word_start;

	if (completion.common_length > typed) {
		insert(editor, completion.candidates[0] + typed, completion.common_length - typed);
		if (completion.count == 1 && !completion.no_space_after &&
		    completion.candidates[0][completion.common_length - 1] != '/')
			insert(editor, " ", 1);
		editor->last_was_tab = false;
	} else if (completion.count > 1 && second_tab) {
		list_candidates(editor, &completion);
	} else if (completion.count > 1) {
		emit_string(editor, "\a");
	}
	completion_free(&completion);
}

/* Handles an escape sequence's final byte with its numeric PARAMETER (0 when none). */
static void handle_sequence(struct line_edit *editor, char final, int parameter)
{
	if (final == 'A')
		browse_history(editor, -1);
	else if (final == 'B')
		browse_history(editor, 1);
	else if (final == 'C' && editor->cursor < editor->length)
		set_cursor(editor, editor->cursor + 1);
	else if (final == 'D' && editor->cursor > 0)
		set_cursor(editor, editor->cursor - 1);
	else if (final == 'H' || (final == '~' && (parameter == 1 || parameter == 7)))
		set_cursor(editor, 0);
	else if (final == 'F' || (final == '~' && (parameter == 4 || parameter == 8)))
		set_cursor(editor, editor->length);
	else if (final == '~' && parameter == 3 && editor->cursor < editor->length)
		delete_range(editor, editor->cursor, 1);
}

enum key_result { KEY_CONTINUE, KEY_DONE, KEY_END_OF_INPUT, KEY_INTERRUPT };

static enum key_result handle_byte(struct line_edit *editor, unsigned char byte)
{
	struct line_key_reader *keys = &editor->terminal->keys;

	if (keys->state == 1) {
		keys->state = byte == '[' || byte == 'O' ? 2 : 0;
		keys->parameter = 0;
		return KEY_CONTINUE;
	}
	if (keys->state == 2) {
		if (byte >= '0' && byte <= '9') {
			keys->parameter = keys->parameter * 10 + (byte - '0');
			return KEY_CONTINUE;
		}
		if (byte == ';')
			return KEY_CONTINUE;
		keys->state = 0;
		handle_sequence(editor, (char)byte, keys->parameter);
		return KEY_CONTINUE;
	}
	bool after_return = keys->last_was_carriage_return;

	keys->last_was_carriage_return = byte == '\r';
	if (byte != '\t')
		editor->last_was_tab = false;
	switch (byte) {
	case '\n':
		if (after_return)
			return KEY_CONTINUE; /* the \n of a \r\n pair */
					     /* fall through */
	case '\r':
		set_cursor(editor, editor->length);
		emit_string(editor, "\r\n");
		return KEY_DONE;
	case ESCAPE:
		keys->state = 1;
		break;
	case CONTROL('C'):
		set_cursor(editor, editor->length);
		emit_string(editor, "^C\r\n");
		editor->length = editor->cursor = 0;
		editor->buffer[0] = 0;
		return KEY_INTERRUPT;
	case CONTROL('D'):
		if (!editor->length)
			return KEY_END_OF_INPUT;
		if (editor->cursor < editor->length)
			delete_range(editor, editor->cursor, 1);
		break;
	case DELETE:
	case '\b':
		if (editor->cursor > 0)
			delete_range(editor, editor->cursor - 1, 1);
		break;
	case CONTROL('A'):
		set_cursor(editor, 0);
		break;
	case CONTROL('E'):
		set_cursor(editor, editor->length);
		break;
	case CONTROL('B'):
		handle_sequence(editor, 'D', 0);
		break;
	case CONTROL('F'):
		handle_sequence(editor, 'C', 0);
		break;
	case CONTROL('P'):
		browse_history(editor, -1);
		break;
	case CONTROL('N'):
		browse_history(editor, 1);
		break;
	case CONTROL('K'):
		editor->length = editor->cursor;
		editor->buffer[editor->length] = 0;
		emit_string(editor, "\x1b[K");
		break;
	case CONTROL('U'):
		delete_range(editor, 0, editor->cursor);
		break;
	case CONTROL('W'):
		delete_word_before_cursor(editor);
		break;
	case CONTROL('L'):
		emit_string(editor, "\x1b[H\x1b[2J");
		show_prompt_and_line(editor);
		break;
	case '\t':
		complete(editor);
		break;
	default:
		if (byte >= ' ')
			insert(editor, (const char *)&byte, 1);
		break;
	}
	return KEY_CONTINUE;
}

/* Without a terminal: one line as it comes, without editing. */
static char *read_plain_line(int input)
{
	char *line = NULL;
	size_t length = 0, capacity = 0;
	char byte;
	ssize_t got;

	while ((got = read(input, &byte, 1)) == 1 || (got < 0 && errno == EINTR)) {
		if (got < 0)
			continue;
		if (byte == '\n')
			break;
		if (length + 2 > capacity) {
			char *bigger = realloc(line, capacity = capacity * 2 + 64);

			if (!bigger)
				break;
			line = bigger;
		}
		line[length++] = byte;
	}
	if (got == 0 && !length) {
		free(line);
		return NULL;
	}
	if (!line)
		return strdup("");
	line[length] = 0;
	return line;
}

static void enter_raw_mode(int input, const struct termios *saved)
{
	struct termios raw = *saved;

	raw.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IGNCR | IXON);
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(input, TCSADRAIN, &raw);
}

void line_terminal_init(struct line_terminal *terminal, int input, int output,
			struct shell_history *history)
{
	*terminal = (struct line_terminal){.input = input, .output = output, .history = history};
}

void line_terminal_hide(struct line_terminal *terminal)
{
	struct line_edit *editor = terminal->editing;

	if (!editor || editor->hidden)
		return;
	/* The line fits the screen's width: the editor's cursor moves assume it too. */
	emit_string(editor, "\r\x1b[K");
	flush(editor);
	editor->hidden = true;
}

/* Waits until a key can be read, running the waiter's work meanwhile (with the terminal in
 * SAVED, its own mode, and back in raw mode after). False when the waiter ends the reading. */
static bool wait_for_key(struct line_edit *editor, const struct termios *saved)
{
	struct line_terminal *terminal = editor->terminal;
	const struct line_editor_waiter *waiter = terminal->waiter;

	for (;;) {
		struct pollfd ready[2] = {{.fd = terminal->input, .events = POLLIN},
					  {.fd = -1, .events = POLLIN}};
		int timeout = waiter->prepare(waiter->context, &ready[1].fd);
		int count = poll(ready, 2, timeout);

		if (count < 0 && errno != EINTR)
			return true; /* read() will tell */
		if (count > 0 && ready[0].revents)
			return true;
		if (count == 0 || (count > 0 && ready[1].revents)) {
			bool end;

			tcsetattr(terminal->input, TCSADRAIN, saved);
			end = waiter->run(waiter->context, terminal);
			enter_raw_mode(terminal->input, saved);
			if (end) {
				if (!editor->hidden) /* the program ends: leave the prompt's line */
					emit_string(editor, "\r\n");
				flush(editor);
				return false;
			}
			if (editor->hidden) {
				editor->hidden = false;
				show_prompt_and_line(editor);
				flush(editor);
			}
		}
	}
}

char *line_terminal_read(struct line_terminal *terminal, const char *prompt, bool *interrupted)
{
	struct line_edit editor = {.terminal = terminal, .prompt = prompt};
	enum key_result result = KEY_CONTINUE;
	struct termios saved;
	bool restored = false;

	*interrupted = false;
	if (tcgetattr(terminal->input, &saved))
		return read_plain_line(terminal->input);
	if (reserve(&editor, 64))
		return NULL;
	editor.history_index = terminal->history ? history_count(terminal->history) : 0;
	editor.buffer[0] = 0;
	enter_raw_mode(terminal->input, &saved);
	emit_string(&editor, prompt);
	flush(&editor);
	terminal->editing = &editor;
	while (result == KEY_CONTINUE) {
		if (!terminal->pending_length) {
			if (terminal->waiter && !wait_for_key(&editor, &saved)) {
				result = KEY_END_OF_INPUT;
				break;
			}
			ssize_t got =
			    read(terminal->input, terminal->pending, sizeof(terminal->pending));

			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0) {
				result = KEY_END_OF_INPUT;
				break;
			}
			terminal->pending_start = 0;
			terminal->pending_length = (size_t)got;
		}
		while (terminal->pending_length && result == KEY_CONTINUE) {
			result = handle_byte(&editor, terminal->pending[terminal->pending_start++]);
			terminal->pending_length--;
		}
		/* The terminal's own mode comes back before the line's end is shown: a ^C typed
		 * once the newline is seen is a signal to what runs the line, not a byte queued
		 * in raw mode for the next prompt. */
		if (result != KEY_CONTINUE)
			restored = !tcsetattr(terminal->input, TCSADRAIN, &saved);
		flush(&editor);
	}
	terminal->editing = NULL;
	if (!restored) /* the reads that ended the loop early */
		tcsetattr(terminal->input, TCSADRAIN, &saved);
	free(editor.saved_line);
	if (result == KEY_END_OF_INPUT) {
		free(editor.buffer);
		return NULL;
	}
	*interrupted = result == KEY_INTERRUPT;
	return editor.buffer;
}
