// SPDX-License-Identifier: MIT
/* The built-in font's bytes (font_data.S). */
#include "font.h"

extern const unsigned char gui_font_data[], gui_font_data_end[];

const unsigned char *gui_font_builtin(size_t *length)
{
	*length = (size_t)(gui_font_data_end - gui_font_data);
	return gui_font_data;
}
