/* The ANSI screen model (lib/ansi_screen.c): text, wrapping, scrolling, cursor moves, erasing,
 * colours, scrolling regions, saved cursors, and sequences it does not know. */
#include <string.h>
#include "lib/ansi_screen.h"
#include "tests/unit/unit.h"

#define ROWS	4
#define COLUMNS 10

static uint16_t cells[ROWS * COLUMNS];
static struct ansi_screen screen;

static void start(void)
{
	ansi_screen_init(&screen, cells, ROWS, COLUMNS);
}

static void type(const char *text)
{
	ansi_screen_write(&screen, text, strlen(text));
}

/* Row ROW as text, trailing blanks kept. */
static const char *row_text(int row)
{
	static char text[COLUMNS + 1];

	for (int column = 0; column < COLUMNS; column++)
		text[column] = (char)(cells[row * COLUMNS + column] & 0xff);
	text[COLUMNS] = 0;
	return text;
}

static uint8_t attribute_at(int row, int column)
{
	return (uint8_t)(cells[row * COLUMNS + column] >> 8);
}

TEST(ansi_screen_writes_wraps_and_scrolls)
{
	start();
	type("hello\r\nworld");
	CHECK(!strcmp(row_text(0), "hello     "));
	CHECK(!strcmp(row_text(1), "world     "));
	CHECK_EQ(attribute_at(0, 0), 0x07);
	type("\r\n0123456789ab");
	CHECK(!strcmp(row_text(2), "0123456789"));
	CHECK(!strcmp(row_text(3), "ab        "));
	type("\r\nlast");
	CHECK(!strcmp(row_text(0), "world     "));
	CHECK(!strcmp(row_text(3), "last      "));
	type("\b\bX\tY");
	CHECK(!strcmp(row_text(3), "laXt    Y "));
}

TEST(ansi_screen_moves_the_cursor_and_erases)
{
	start();
	type("aaaaaaaaaa\r\nbbbbbbbbbb\r\ncccccccccc");
	type("\x1b[2;3H\x1b[K");
	CHECK(!strcmp(row_text(1), "bb        "));
	type("\x1b[1;5H\x1b[1K");
	CHECK(!strcmp(row_text(0), "     aaaaa"));
	type("\x1b[A\x1b[3B\x1b[2C\x1b[1DZ");
	CHECK_EQ(screen.row, 3);
	CHECK(row_text(3)[5] == 'Z');
	type("\x1b[2J");
	CHECK(!strcmp(row_text(2), "          "));
	type("\x1b[99;99HQ");
	CHECK(row_text(3)[9] == 'Q');
}

TEST(ansi_screen_colours_and_attributes)
{
	start();
	type("\x1b[31;44mR\x1b[1mB\x1b[7mV\x1b[0mN\x1b[92mG");
	CHECK_EQ(attribute_at(0, 0), 0x14); /* red (VGA 4) on blue (VGA 1) */
	CHECK_EQ(attribute_at(0, 1), 0x1c); /* bright red */
	CHECK_EQ(attribute_at(0, 2), 0x49); /* reversed: red behind, blue in front, still bright */
	CHECK_EQ(attribute_at(0, 3), 0x07);
	CHECK_EQ(attribute_at(0, 4), 0x0a);
}

TEST(ansi_screen_scrolling_region_and_saved_cursor)
{
	start();
	type("top\r\nr1\r\nr2\r\nbottom");
	type("\x1b[2;3r"); /* rows 2-3 scroll; the cursor goes home */
	type("\x1b[3;1H\nnew");
	CHECK(!strcmp(row_text(0), "top       "));
	CHECK(!strcmp(row_text(1), "r2        "));
	CHECK(!strcmp(row_text(2), "new       "));
	CHECK(!strcmp(row_text(3), "bottom    "));
	type("\x1b"
	     "7\x1b[1;1Hx\x1b"
	     "8y\x1b[s\x1b[4;1Hz\x1b[uw");
	CHECK(row_text(0)[0] == 'x');
	CHECK(!strcmp(row_text(2), "newyw     "));
	CHECK(row_text(3)[0] == 'z');
}

TEST(ansi_screen_ignores_unknown_and_broken_sequences)
{
	start();
	type("\x1b[?25la\x1b[5nb\x1b(Bc\x1b[12;\x01"
	     "d");
	CHECK(!strcmp(row_text(0), "abcd      "));
	type("\x1b[999999999999999999A");
	CHECK_EQ(screen.row, 0);
}
