// SPDX-License-Identifier: MIT
/* What the toolkit's host tests share: the font (DejaVu Sans from the host's file, the one
 * images build in) and a context of a given size. */
#ifndef YOLK_TESTS_GUI_SUPPORT_H
#define YOLK_TESTS_GUI_SUPPORT_H

#include "apps/gui/gui.h"

#define TEST_FONT_FILE "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

const struct gui_font *test_font(void); /* loaded once, at 15 pixels */
struct gui *test_context(int width, int height);

#endif
