// SPDX-License-Identifier: MIT
/* The toolkit's renderer (apps/gui/render.c) and font (font.c): fills clipped and blended,
 * polygons to the pixel, text inside its extent, dirty cells merged into rectangles, and a
 * frame drawing only where it changed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "apps/gui/render.h"
#include "tests/gui/gui_test_support.h"
#include "tests/unit/unit.h"

static struct gui_canvas canvas_of(uint32_t *pixels, int width, int height)
{
	memset(pixels, 0, sizeof(uint32_t) * (size_t)width * height);
	return (struct gui_canvas){pixels, width, height, width};
}

static int count_pixels(const struct gui_canvas *canvas, struct gui_rect area, bool inside)
{
	int count = 0;
	for (int y = 0; y < canvas->height; y++)
		for (int x = 0; x < canvas->width; x++)
			if (canvas->pixels[y * canvas->stride + x] &&
			    gui_rect_contains(area, x, y) == inside)
				count++;
	return count;
}

TEST(gui_fill_is_clipped_and_blended)
{
	static uint32_t pixels[64 * 64];
	struct gui_canvas canvas = canvas_of(pixels, 64, 64);

	gui_canvas_fill(&canvas, (struct gui_rect){10, 10, 20, 20}, (struct gui_rect){0, 0, 64, 64},
			(struct gui_color){255, 0, 0, 255});
	CHECK_EQ(count_pixels(&canvas, (struct gui_rect){10, 10, 20, 20}, true), 400);
	CHECK_EQ(count_pixels(&canvas, (struct gui_rect){10, 10, 20, 20}, false), 0);
	CHECK_EQ(pixels[10 * 64 + 10], 0xff0000);
	/* Half-transparent blue over the red. */
	gui_canvas_fill(&canvas, (struct gui_rect){0, 0, 64, 64}, (struct gui_rect){10, 10, 1, 1},
			(struct gui_color){0, 0, 255, 128});
	CHECK_EQ(pixels[10 * 64 + 10], 0x7f0080);
	/* Past the canvas: nothing written, nothing overrun (ASan watches). */
	gui_canvas_fill(&canvas, (struct gui_rect){-100, -100, 1000, 1000},
			(struct gui_rect){60, 60, 100, 100}, (struct gui_color){0, 255, 0, 255});
	CHECK_EQ(count_pixels(&canvas, (struct gui_rect){60, 60, 4, 4}, true), 16);
}

TEST(gui_polygon_fills_its_pixels)
{
	static uint32_t pixels[64 * 64];
	struct gui_canvas canvas = canvas_of(pixels, 64, 64);
	struct gui_point square[4] = {{8, 8}, {24, 8}, {24, 24}, {8, 24}};
	struct gui_point triangle[3] = {{0, 0}, {32, 0}, {0, 32}};

	gui_canvas_polygon(&canvas, (struct gui_rect){0, 0, 64, 64}, square, 4,
			   (struct gui_color){1, 2, 3, 255});
	CHECK_EQ(count_pixels(&canvas, (struct gui_rect){8, 8, 16, 16}, true), 256);
	CHECK_EQ(count_pixels(&canvas, (struct gui_rect){8, 8, 16, 16}, false), 0);
	canvas = canvas_of(pixels, 64, 64);
	gui_canvas_polygon(&canvas, (struct gui_rect){0, 0, 64, 64}, triangle, 3,
			   (struct gui_color){1, 2, 3, 255});
	int filled = count_pixels(&canvas, (struct gui_rect){0, 0, 64, 64}, true);
	CHECK(filled >= 32 * 32 / 2 - 32 && filled <= 32 * 32 / 2 + 32);
	CHECK(pixels[1 * 64 + 1] != 0 && pixels[30 * 64 + 30] == 0);
}

TEST(gui_text_draws_inside_its_extent)
{
	static uint32_t pixels[200 * 40];
	struct gui_canvas canvas = canvas_of(pixels, 200, 40);
	const struct gui_font *font = test_font();
	int width = gui_font_text_width(font, "Hello", 5);

	CHECK(font->height >= 15 && font->height <= 20);
	CHECK(width > 25 && width < 60);
	CHECK(gui_font_text_width(font, "Hello, world", 12) > width);
	gui_canvas_text(&canvas, (struct gui_rect){0, 0, 200, 40}, font, "Hello", 5, 10, 5,
			(struct gui_color){255, 255, 255, 255});
	struct gui_rect extent = {10, 5, width, font->height};
	CHECK(count_pixels(&canvas, extent, true) > 60);
	CHECK_EQ(count_pixels(&canvas, extent, false), 0);
	/* Antialiased: edges have coverage between none and full. */
	int partial = 0;
	for (int i = 0; i < 200 * 40; i++)
		partial += pixels[i] && pixels[i] != 0xffffff;
	CHECK(partial > 10);
	/* A clip cuts glyphs. */
	canvas = canvas_of(pixels, 200, 40);
	gui_canvas_text(&canvas, (struct gui_rect){0, 0, 14, 40}, font, "Hello", 5, 10, 5,
			(struct gui_color){255, 255, 255, 255});
	CHECK_EQ(count_pixels(&canvas, (struct gui_rect){0, 0, 14, 40}, false), 0);
	CHECK(count_pixels(&canvas, (struct gui_rect){0, 0, 14, 40}, true) > 0);
}

TEST(gui_font_refuses_what_is_not_a_font)
{
	struct gui_font font;
	unsigned char junk[64] = "not a TrueType font at all, only some bytes";

	CHECK_EQ(gui_font_load(&font, junk, sizeof(junk), 15), -EINVAL);
	CHECK_EQ(gui_font_load(&font, junk, 4, 15), -EINVAL);
	CHECK_EQ(gui_font_load(&font, junk, sizeof(junk), 200), -EINVAL);
	/* Characters outside Latin-1 draw as '?', malformed UTF-8 too. */
	const struct gui_font *real = test_font();
	CHECK_EQ(gui_font_text_width(real, "\xe2\x82\xac", 3), gui_font_text_width(real, "?", 1));
	CHECK_EQ(gui_font_text_width(real, "\xc3\xa9", 2), real->glyphs[0xe9 - 32].advance);
	CHECK_EQ(gui_font_text_width(real, "\xff", 1), gui_font_text_width(real, "?", 1));
}

TEST(gui_dirty_cells_merge_into_rectangles)
{
	bool cells[4 * 4] = {0};
	struct gui_rect rects[4];

	cells[0] = cells[1] = cells[4] = cells[5] = true; /* a 2x2 block */
	CHECK_EQ(gui_dirty_rectangles(cells, 4, 4, 32, 128, 128, rects, 4), 1);
	CHECK(rects[0].x == 0 && rects[0].y == 0 && rects[0].w == 64 && rects[0].h == 64);
	cells[15] = true; /* and the last cell, cut to a screen of 120 x 100 */
	CHECK_EQ(gui_dirty_rectangles(cells, 4, 4, 32, 120, 100, rects, 4), 2);
	CHECK(rects[1].x == 96 && rects[1].y == 96 && rects[1].w == 24 && rects[1].h == 4);
	/* More runs than rectangles allowed: one around them all. */
	memset(cells, 0, sizeof(cells));
	cells[0] = cells[2] = cells[8] = cells[10] = cells[15] = true;
	CHECK_EQ(gui_dirty_rectangles(cells, 4, 4, 32, 128, 128, rects, 2), 1);
	CHECK(rects[0].x == 0 && rects[0].y == 0 && rects[0].w == 128 && rects[0].h == 128);
	memset(cells, 0, sizeof(cells));
	CHECK_EQ(gui_dirty_rectangles(cells, 4, 4, 32, 128, 128, rects, 4), 0);
}

static void one_window_frame(struct gui *gui, int x)
{
	struct gui_window *window = gui_window_find(gui, "Moving");

	if (window) /* as if dragged there */
		window->rect.x = x;
	gui_begin(gui);
	if (gui_window_begin(gui, "Moving", (struct gui_rect){x, 40, 100, 80}, 0)) {
		gui_label(gui, "label");
		gui_window_end(gui);
	}
	gui_end(gui);
}

TEST(gui_render_draws_only_what_changed)
{
	struct gui *gui = test_context(320, 240);
	struct gui_renderer *renderer = gui_renderer_create(320, 240, gui->style.desktop);
	struct gui_rect dirty[GUI_MAX_DIRTY];

	gui->show_cursor = false;
	one_window_frame(gui, 40);
	CHECK_EQ(gui_render(renderer, gui, dirty), 1); /* the first frame: everything */
	CHECK(dirty[0].w == 320 && dirty[0].h == 240);
	uint32_t title = gui->style.title_focused.r << 16 | gui->style.title_focused.g << 8 |
			 gui->style.title_focused.b;
	CHECK_EQ(renderer->canvas.pixels[45 * 320 + 60], title);
	one_window_frame(gui, 40); /* the same frame: nothing to draw */
	CHECK_EQ(gui_render(renderer, gui, dirty), 0);
	one_window_frame(gui, 200); /* moved right: its old and new places, nothing else */
	int count = gui_render(renderer, gui, dirty);
	CHECK(count >= 1);
	for (int i = 0; i < count; i++)
		CHECK(dirty[i].y >= 32 && dirty[i].y + dirty[i].h <= 160);
	CHECK_EQ(renderer->canvas.pixels[45 * 320 + 220], title);
	uint32_t desktop =
	    gui->style.desktop.r << 16 | gui->style.desktop.g << 8 | gui->style.desktop.b;
	CHECK_EQ(renderer->canvas.pixels[45 * 320 + 60], desktop);
	gui_renderer_destroy(renderer);
	gui_destroy(gui);
}

TEST(gui_a_frame_past_the_arenas_is_cut_and_flagged)
{
	struct gui *gui = test_context(320, 240);

	gui_begin(gui);
	CHECK(gui_window_begin(gui, "Full", (struct gui_rect){0, 0, 320, 240}, 0));
	for (int i = 0; i < GUI_MAX_COMMANDS + 10; i++)
		gui_draw_rect(gui, (struct gui_rect){i % 300, 30, 4, 4}, gui->style.accent);
	gui_window_end(gui);
	gui_end(gui);
	CHECK(gui->overflowed);
	CHECK_EQ(gui->command_count, GUI_MAX_COMMANDS);
	gui_begin(gui); /* the next frame starts afresh */
	CHECK(!gui->overflowed);
	gui_end(gui);
	gui_destroy(gui);
}
