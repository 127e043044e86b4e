// SPDX-License-Identifier: MIT
/* The toolkit's software renderer (render.c): draws a frame's command list (gui.h) into a
 * canvas of 0x00RRGGBB pixels in RAM, with clipping, and only where the picture changed: the
 * screen is a grid of cells, each with a hash of the commands that touch it; cells whose hash
 * differs from the last frame's are dirty, merged into rectangles, and only those are drawn
 * again (and copied to the screen by the caller). Pure code: host unit tests. */
#ifndef YOLK_GUI_RENDER_H
#define YOLK_GUI_RENDER_H

#include "gui.h"

#define GUI_CELL_SIZE 32
#define GUI_MAX_DIRTY 64

struct gui_canvas {
	uint32_t *pixels;
	int width, height, stride; /* stride: pixels from one row to the next */
};

struct gui_renderer {
	struct gui_canvas canvas;
	int columns, rows;
	uint32_t *hashes, *previous; /* a hash per cell: this frame's, the last's */
	bool *changed;		     /* per cell: to draw this frame */
	bool everything;	     /* the next frame draws every cell */
	struct gui_color background;
	unsigned long frames, cells_drawn;
};

/* A renderer with its own canvas of WIDTH x HEIGHT; NULL without memory. */
struct gui_renderer *gui_renderer_create(int width, int height, struct gui_color background);
void gui_renderer_destroy(struct gui_renderer *renderer);
void gui_renderer_invalidate(struct gui_renderer *renderer);

/* Draws what changed in GUI's last frame (after gui_end) into the canvas; returns how many
 * rectangles of DIRTY (at most GUI_MAX_DIRTY) were drawn: what the caller copies out. */
int gui_render(struct gui_renderer *renderer, const struct gui *gui,
	       struct gui_rect dirty[GUI_MAX_DIRTY]);

/* The primitives, each clipped to CLIP (and the canvas). */
void gui_canvas_fill(struct gui_canvas *canvas, struct gui_rect clip, struct gui_rect rect,
		     struct gui_color color);
void gui_canvas_text(struct gui_canvas *canvas, struct gui_rect clip, const struct gui_font *font,
		     const char *text, int length, int x, int y, struct gui_color color);
void gui_canvas_polygon(struct gui_canvas *canvas, struct gui_rect clip,
			const struct gui_point *points, int count, struct gui_color color);
void gui_canvas_line(struct gui_canvas *canvas, struct gui_rect clip, struct gui_point from,
		     struct gui_point to, struct gui_color color);
void gui_canvas_icon(struct gui_canvas *canvas, struct gui_rect clip, enum gui_icon icon,
		     struct gui_rect rect, struct gui_color color);

/* Cells to rectangles: DIRTY_CELLS (COLUMNS x ROWS, row by row, true = dirty) merged into at
 * most MAX rectangles of CELL pixels a side, clipped to WIDTH x HEIGHT; returns how many. */
int gui_dirty_rectangles(const bool *dirty_cells, int columns, int rows, int cell, int width,
			 int height, struct gui_rect *rects, int max);

#endif
