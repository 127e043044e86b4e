// SPDX-License-Identifier: MIT
/* stb_truetype's implementation (Debian's libstb-dev ships the header; its libstb.a is built
 * for glibc), compiled in our build for the toolkit's font (font.c). */
#define STB_TRUETYPE_IMPLEMENTATION
#include <stb_truetype.h>
