// SPDX-License-Identifier: MIT
/* The host tests' font and contexts (see gui_test_support.h). */
#include "tests/gui/gui_test_support.h"

#include <stdio.h>
#include <stdlib.h>

static struct gui_font font; /* test-only: shared by every test of the run */
static int loaded;

const struct gui_font *test_font(void)
{
	if (!loaded) {
		FILE *file = fopen(TEST_FONT_FILE, "rb");
		static unsigned char data[2 << 20];
		size_t length = file ? fread(data, 1, sizeof(data), file) : 0;
		if (file)
			fclose(file);
		if (gui_font_load(&font, data, length, 15) != 0) {
			fprintf(stderr, "cannot load %s\n", TEST_FONT_FILE);
			exit(1);
		}
		loaded = 1;
	}
	return &font;
}

struct gui *test_context(int width, int height)
{
	return gui_create(test_font(), width, height);
}
