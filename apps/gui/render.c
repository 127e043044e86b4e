// SPDX-License-Identifier: MIT
/* The software renderer (see render.h): the primitives, the icons drawn from them, and the
 * dirty-cell bookkeeping that limits each frame's drawing to what changed. */
#include "render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static struct gui_rect canvas_clip(const struct gui_canvas *canvas, struct gui_rect clip)
{
	return gui_rect_intersect(clip, (struct gui_rect){0, 0, canvas->width, canvas->height});
}

static uint32_t blend(uint32_t under, struct gui_color color, unsigned alpha)
{
	unsigned r = (under >> 16) & 0xff, g = (under >> 8) & 0xff, b = under & 0xff;

	r = (color.r * alpha + r * (255 - alpha) + 127) / 255;
	g = (color.g * alpha + g * (255 - alpha) + 127) / 255;
	b = (color.b * alpha + b * (255 - alpha) + 127) / 255;
	return r << 16 | g << 8 | b;
}

static uint32_t pack(struct gui_color color)
{
	return (uint32_t)color.r << 16 | (uint32_t)color.g << 8 | color.b;
}

void gui_canvas_fill(struct gui_canvas *canvas, struct gui_rect clip, struct gui_rect rect,
		     struct gui_color color)
{
	struct gui_rect area = gui_rect_intersect(rect, canvas_clip(canvas, clip));
	uint32_t value = pack(color);

	for (int y = area.y; y < area.y + area.h; y++) {
		uint32_t *row = canvas->pixels + (size_t)y * canvas->stride + area.x;
		if (color.a == 255) {
			for (int x = 0; x < area.w; x++)
				row[x] = value;
		} else {
			for (int x = 0; x < area.w; x++)
				row[x] = blend(row[x], color, color.a);
		}
	}
}

void gui_canvas_text(struct gui_canvas *canvas, struct gui_rect clip, const struct gui_font *font,
		     const char *text, int length, int x, int y, struct gui_color color)
{
	struct gui_rect area = canvas_clip(canvas, clip);
	int baseline = y + font->ascent, used;

	for (int i = 0; i < length && text[i]; i += used) {
		const struct gui_glyph *glyph =
		    gui_font_next_glyph(font, text + i, length - i, &used);
		int left = x + glyph->x_offset, top = baseline + glyph->y_top;
		struct gui_rect box = gui_rect_intersect(
		    (struct gui_rect){left, top, glyph->width, glyph->height}, area);
		for (int py = box.y; py < box.y + box.h; py++) {
			const uint8_t *coverage = font->coverage + glyph->bitmap +
						  (size_t)(py - top) * glyph->width - left;
			uint32_t *row = canvas->pixels + (size_t)py * canvas->stride;
			for (int px = box.x; px < box.x + box.w; px++) {
				unsigned alpha = coverage[px] * color.a / 255;
				if (alpha)
					row[px] = blend(row[px], color, alpha);
			}
		}
		x += glyph->advance;
	}
}

/* Even-odd scanline fill, sampled at pixel centres. */
void gui_canvas_polygon(struct gui_canvas *canvas, struct gui_rect clip,
			const struct gui_point *points, int count, struct gui_color color)
{
	struct gui_rect area = canvas_clip(canvas, clip);
	float crossings[64];

	if (count < 3 || count > 64)
		return;
	for (int y = area.y; y < area.y + area.h; y++) {
		float sample = (float)y + 0.5f;
		int found = 0;
		for (int i = 0; i < count; i++) {
			struct gui_point a = points[i], b = points[(i + 1) % count];
			if ((a.y <= sample) == (b.y <= sample))
				continue;
			crossings[found++] = a.x + (sample - a.y) * (b.x - a.x) / (b.y - a.y);
		}
		for (int i = 1; i < found; i++) /* insertion sort: a handful of crossings */
			for (int j = i; j > 0 && crossings[j - 1] > crossings[j]; j--) {
				float swap = crossings[j];
				crossings[j] = crossings[j - 1];
				crossings[j - 1] = swap;
			}
		for (int i = 0; i + 1 < found; i += 2) {
			int x0 = (int)ceilf(crossings[i] - 0.5f),
			    x1 = (int)ceilf(crossings[i + 1] - 0.5f);
			gui_canvas_fill(canvas, area, (struct gui_rect){x0, y, x1 - x0, 1}, color);
		}
	}
}

void gui_canvas_line(struct gui_canvas *canvas, struct gui_rect clip, struct gui_point from,
		     struct gui_point to, struct gui_color color)
{
	struct gui_rect area = canvas_clip(canvas, clip);
	float dx = to.x - from.x, dy = to.y - from.y;
	int steps = (int)ceilf(fmaxf(fabsf(dx), fabsf(dy)));

	if (steps > 4096)
		return;
	for (int i = 0; i <= steps; i++) {
		float t = steps ? (float)i / (float)steps : 0;
		int x = (int)floorf(from.x + dx * t), y = (int)floorf(from.y + dy * t);
		if (gui_rect_contains(area, x, y))
			canvas->pixels[(size_t)y * canvas->stride + x] = pack(color);
	}
}

static struct gui_point at(struct gui_rect rect, float fx, float fy)
{
	return (struct gui_point){(float)rect.x + fx * (float)rect.w,
				  (float)rect.y + fy * (float)rect.h};
}

/* A thick line as a quadrilateral. */
static void thick_line(struct gui_canvas *canvas, struct gui_rect clip, struct gui_point a,
		       struct gui_point b, float width, struct gui_color color)
{
	float dx = b.x - a.x, dy = b.y - a.y, length = sqrtf(dx * dx + dy * dy);

	if (length <= 0)
		return;
	float nx = -dy / length * width / 2, ny = dx / length * width / 2;
	struct gui_point quad[4] = {
	    {a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}};
	gui_canvas_polygon(canvas, clip, quad, 4, color);
}

static void circle(struct gui_canvas *canvas, struct gui_rect clip, struct gui_point centre,
		   float radius, struct gui_color color)
{
	struct gui_point points[32];

	for (int i = 0; i < 32; i++) {
		float angle = (float)i * 6.2831853f / 32;
		points[i] = (struct gui_point){centre.x + radius * cosf(angle),
					       centre.y + radius * sinf(angle)};
	}
	gui_canvas_polygon(canvas, clip, points, 32, color);
}

void gui_canvas_icon(struct gui_canvas *canvas, struct gui_rect clip, enum gui_icon icon,
		     struct gui_rect r, struct gui_color color)
{
	struct gui_rect square = r;
	if (icon != GUI_ICON_CURSOR && icon != GUI_ICON_RESIZE) { /* a centred square */
		int size = (r.w < r.h ? r.w : r.h) * 5 / 10;
		square =
		    (struct gui_rect){r.x + (r.w - size) / 2, r.y + (r.h - size) / 2, size, size};
	}
	switch (icon) {
	case GUI_ICON_CLOSE:
		thick_line(canvas, clip, at(square, 0, 0), at(square, 1, 1), 2, color);
		thick_line(canvas, clip, at(square, 1, 0), at(square, 0, 1), 2, color);
		break;
	case GUI_ICON_CHECK: {
		struct gui_rect box = {r.x + 2, r.y + 2, r.w - 4, r.h - 4};
		thick_line(canvas, clip, at(box, 0.1f, 0.5f), at(box, 0.4f, 0.85f), 3, color);
		thick_line(canvas, clip, at(box, 0.4f, 0.85f), at(box, 0.95f, 0.1f), 3, color);
		break;
	}
	case GUI_ICON_RADIO: {
		struct gui_point centre = at(r, 0.5f, 0.5f);
		float radius = (float)(r.w < r.h ? r.w : r.h) / 2;
		circle(canvas, clip, centre, radius, color);
		circle(canvas, clip, centre, radius - 1.5f, (struct gui_color){255, 255, 255, 255});
		break;
	}
	case GUI_ICON_COLLAPSED: {
		struct gui_point tri[3] = {at(square, 0.2f, 0), at(square, 0.9f, 0.5f),
					   at(square, 0.2f, 1)};
		gui_canvas_polygon(canvas, clip, tri, 3, color);
		break;
	}
	case GUI_ICON_EXPANDED:
	case GUI_ICON_DOWN: {
		struct gui_point tri[3] = {at(square, 0, 0.2f), at(square, 1, 0.2f),
					   at(square, 0.5f, 0.9f)};
		gui_canvas_polygon(canvas, clip, tri, 3, color);
		break;
	}
	case GUI_ICON_RESIZE:
		for (int i = 0; i < 3; i++) {
			float inset = (float)(i * 4 + 3);
			gui_canvas_line(
			    canvas, clip,
			    (struct gui_point){(float)(r.x + r.w) - inset, (float)(r.y + r.h) - 2},
			    (struct gui_point){(float)(r.x + r.w) - 2, (float)(r.y + r.h) - inset},
			    color);
		}
		break;
	case GUI_ICON_CURSOR: { /* an arrow: white inside a dark outline */
		float x = (float)r.x, y = (float)r.y;
		struct gui_point outer[7] = {{x, y},
					     {x, y + 17},
					     {x + 4.5f, y + 13},
					     {x + 8, y + 19.5f},
					     {x + 10.5f, y + 18},
					     {x + 7, y + 12},
					     {x + 12.5f, y + 12}};
		struct gui_point inner[7] = {{x + 1, y + 2.5f},	    {x + 1, y + 14.5f},
					     {x + 4.8f, y + 11},    {x + 8.3f, y + 18},
					     {x + 9.3f, y + 17.4f}, {x + 5.6f, y + 11},
					     {x + 10, y + 11}};
		gui_canvas_polygon(canvas, clip, outer, 7, color);
		gui_canvas_polygon(canvas, clip, inner, 7, (struct gui_color){255, 255, 255, 255});
		break;
	}
	}
}

/* ---- the renderer -------------------------------------------------------------------------- */

struct gui_renderer *gui_renderer_create(int width, int height, struct gui_color background)
{
	struct gui_renderer *renderer = calloc(1, sizeof(*renderer));

	if (!renderer || width <= 0 || height <= 0)
		goto fail;
	renderer->canvas =
	    (struct gui_canvas){calloc((size_t)width * height, 4), width, height, width};
	renderer->columns = (width + GUI_CELL_SIZE - 1) / GUI_CELL_SIZE;
	renderer->rows = (height + GUI_CELL_SIZE - 1) / GUI_CELL_SIZE;
	size_t cells = (size_t)renderer->columns * renderer->rows;
	renderer->hashes = calloc(cells, sizeof(uint32_t));
	renderer->previous = calloc(cells, sizeof(uint32_t));
	renderer->changed = calloc(cells, sizeof(bool));
	if (!renderer->canvas.pixels || !renderer->hashes || !renderer->previous ||
	    !renderer->changed)
		goto fail;
	renderer->background = background;
	renderer->everything = true;
	return renderer;
fail:
	gui_renderer_destroy(renderer);
	return NULL;
}

void gui_renderer_destroy(struct gui_renderer *renderer)
{
	if (!renderer)
		return;
	free(renderer->canvas.pixels);
	free(renderer->hashes);
	free(renderer->previous);
	free(renderer->changed);
	free(renderer);
}

void gui_renderer_invalidate(struct gui_renderer *renderer)
{
	renderer->everything = true;
}

static uint32_t hash(uint32_t seed, const void *data, size_t length)
{
	const unsigned char *bytes = data;

	for (size_t i = 0; i < length; i++)
		seed = (seed ^ bytes[i]) * 16777619u;
	return seed;
}

/* What a command draws, as one number: its fields, its text or points, and its clip. */
static uint32_t command_hash(const struct gui *gui, const struct gui_command *command,
			     struct gui_rect clip)
{
	int fields[10] = {command->type,   command->rect.x, command->rect.y, command->rect.w,
			  command->rect.h, clip.x,	    clip.y,	     clip.w,
			  clip.h,	   command->icon};
	uint32_t value = hash(2166136261u, fields, sizeof(fields));

	value = hash(value, &command->color, sizeof(command->color));
	if (command->type == GUI_COMMAND_TEXT)
		value = hash(value, gui->text + command->first, command->count);
	else if (command->type == GUI_COMMAND_POLYGON || command->type == GUI_COMMAND_LINE)
		value = hash(value, gui->points + command->first,
			     command->count * sizeof(struct gui_point));
	return value;
}

int gui_dirty_rectangles(const bool *dirty_cells, int columns, int rows, int cell, int width,
			 int height, struct gui_rect *rects, int max)
{
	int count = 0;
	bool overflow = false;

	for (int row = 0; row < rows; row++) {
		for (int column = 0; column < columns; column++) {
			if (!dirty_cells[row * columns + column])
				continue;
			int start = column;
			while (column + 1 < columns && dirty_cells[row * columns + column + 1])
				column++;
			struct gui_rect run = {start * cell, row * cell,
					       (column - start + 1) * cell, cell};
			/* Grow the rectangle above when it spans the same columns. */
			bool merged = false;
			for (int i = 0; i < count; i++)
				if (rects[i].x == run.x && rects[i].w == run.w &&
				    rects[i].y + rects[i].h == run.y) {
					rects[i].h += cell;
					merged = true;
					break;
				}
			if (merged)
				continue;
			if (count == max) {
				overflow = true;
				continue;
			}
			rects[count++] = run;
		}
	}
	if (overflow) { /* too many: one rectangle around them all */
		int x0 = width, y0 = height, x1 = 0, y1 = 0;
		for (int row = 0; row < rows; row++)
			for (int column = 0; column < columns; column++)
				if (dirty_cells[row * columns + column]) {
					x0 = column * cell < x0 ? column * cell : x0;
					y0 = row * cell < y0 ? row * cell : y0;
					x1 = (column + 1) * cell > x1 ? (column + 1) * cell : x1;
					y1 = (row + 1) * cell > y1 ? (row + 1) * cell : y1;
				}
		rects[0] = (struct gui_rect){x0, y0, x1 - x0, y1 - y0};
		count = 1;
	}
	for (int i = 0; i < count; i++)
		rects[i] = gui_rect_intersect(rects[i], (struct gui_rect){0, 0, width, height});
	return count;
}

static void draw_command(struct gui_renderer *renderer, const struct gui *gui,
			 const struct gui_command *command, struct gui_rect clip)
{
	struct gui_canvas *canvas = &renderer->canvas;

	switch (command->type) {
	case GUI_COMMAND_CLIP:
		break;
	case GUI_COMMAND_RECT:
		gui_canvas_fill(canvas, clip, command->rect, command->color);
		break;
	case GUI_COMMAND_TEXT:
		gui_canvas_text(canvas, clip, gui->font, gui->text + command->first,
				(int)command->count, command->rect.x, command->rect.y,
				command->color);
		break;
	case GUI_COMMAND_ICON:
		gui_canvas_icon(canvas, clip, command->icon, command->rect, command->color);
		break;
	case GUI_COMMAND_POLYGON:
		gui_canvas_polygon(canvas, clip, gui->points + command->first, (int)command->count,
				   command->color);
		break;
	case GUI_COMMAND_LINE:
		gui_canvas_line(canvas, clip, gui->points[command->first],
				gui->points[command->first + 1], command->color);
		break;
	}
}

int gui_render(struct gui_renderer *renderer, const struct gui *gui,
	       struct gui_rect dirty[GUI_MAX_DIRTY])
{
	int columns = renderer->columns, rows = renderer->rows;
	size_t cells = (size_t)columns * rows;
	struct gui_rect screen = {0, 0, renderer->canvas.width, renderer->canvas.height};
	struct gui_rect clip = screen;
	const struct gui_command *command;
	uint32_t index = 0;

	for (size_t i = 0; i < cells; i++)
		renderer->hashes[i] = 2166136261u;
	while ((command = gui_next_command(gui, &index))) {
		if (command->type == GUI_COMMAND_CLIP) {
			clip = gui_rect_intersect(command->rect, screen);
			continue;
		}
		struct gui_rect area = gui_rect_intersect(command->rect, clip);
		if (area.w <= 0 || area.h <= 0)
			continue;
		uint32_t value = command_hash(gui, command, clip);
		for (int row = area.y / GUI_CELL_SIZE; row <= (area.y + area.h - 1) / GUI_CELL_SIZE;
		     row++)
			for (int column = area.x / GUI_CELL_SIZE;
			     column <= (area.x + area.w - 1) / GUI_CELL_SIZE; column++) {
				uint32_t *cell = &renderer->hashes[row * columns + column];
				*cell = hash(*cell, &value, sizeof(value));
			}
	}
	bool *changed = renderer->changed;
	for (size_t i = 0; i < cells; i++)
		changed[i] = renderer->everything || renderer->hashes[i] != renderer->previous[i];
	int count = gui_dirty_rectangles(changed, columns, rows, GUI_CELL_SIZE, screen.w, screen.h,
					 dirty, GUI_MAX_DIRTY);
	for (size_t i = 0; i < cells; i++)
		renderer->cells_drawn += changed[i];
	memcpy(renderer->previous, renderer->hashes, cells * sizeof(uint32_t));
	renderer->everything = false;
	renderer->frames++;

	for (int i = 0; i < count; i++) {
		gui_canvas_fill(&renderer->canvas, dirty[i], dirty[i], renderer->background);
		clip = screen;
		index = 0;
		while ((command = gui_next_command(gui, &index))) {
			if (command->type == GUI_COMMAND_CLIP) {
				clip = gui_rect_intersect(command->rect, screen);
				continue;
			}
			struct gui_rect area =
			    gui_rect_intersect(gui_rect_intersect(command->rect, clip), dirty[i]);
			if (area.w > 0 && area.h > 0)
				draw_command(renderer, gui, command,
					     gui_rect_intersect(clip, dirty[i]));
		}
	}
	return count;
}
