// SPDX-License-Identifier: MIT
/* Reads the MC146818 CMOS clock: waits out an update in progress, reads until two reads agree,
 * converts BCD and 12-hour forms, and turns the date into seconds since the epoch. */
#include "drivers/platform/cmos_clock.h"
#include <stdbool.h>
#include "arch/x86_64/cpu.h"
#include "lib/string.h"

#define CMOS_INDEX	   0x70
#define CMOS_DATA	   0x71
#define STATUS_A	   0x0a
#define STATUS_B	   0x0b
#define UPDATE_IN_PROGRESS 0x80
#define STATUS_B_BINARY	   0x04
#define STATUS_B_24_HOUR   0x02

struct clock_reading {
	uint8_t second, minute, hour, day, month, year, century;
};

static uint8_t cmos_read(uint8_t index)
{
	outb(CMOS_INDEX, index);
	return inb(CMOS_DATA);
}

static void read_once(struct clock_reading *reading)
{
	for (int spin = 0; spin < 100000 && (cmos_read(STATUS_A) & UPDATE_IN_PROGRESS); spin++)
		cpu_pause();
	reading->second = cmos_read(0x00);
	reading->minute = cmos_read(0x02);
	reading->hour = cmos_read(0x04);
	reading->day = cmos_read(0x07);
	reading->month = cmos_read(0x08);
	reading->year = cmos_read(0x09);
	reading->century = cmos_read(0x32);
}

static unsigned from_bcd(uint8_t value)
{
	return (value & 0x0f) + (value >> 4) * 10;
}

/* Days from 1970-01-01 to the given civil date (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int64_t year, unsigned month, unsigned day)
{
	year -= month <= 2;
	int64_t era = (year >= 0 ? year : year - 399) / 400;
	unsigned year_of_era = (unsigned)(year - era * 400);
	unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	return era * 146097 + (int64_t)day_of_era - 719468;
}

uint64_t cmos_clock_read_seconds(void)
{
	struct clock_reading first, second;
	uint8_t status_b = cmos_read(STATUS_B);
	bool binary = status_b & STATUS_B_BINARY;

	read_once(&second);
	do {
		first = second;
		read_once(&second);
	} while (memcmp(&first, &second, sizeof(first)));
	if (first.month == 0xff)
		return 0;
	bool pm = first.hour & 0x80;
	first.hour &= 0x7f;
	unsigned s = binary ? first.second : from_bcd(first.second);
	unsigned m = binary ? first.minute : from_bcd(first.minute);
	unsigned h = binary ? first.hour : from_bcd(first.hour);
	unsigned d = binary ? first.day : from_bcd(first.day);
	unsigned mo = binary ? first.month : from_bcd(first.month);
	unsigned y = binary ? first.year : from_bcd(first.year);
	unsigned c = binary ? first.century : from_bcd(first.century);
	if (!(status_b & STATUS_B_24_HOUR) && pm)
		h = (h % 12) + 12;
	unsigned full_year = (c >= 19 && c <= 30) ? c * 100 + y : 2000 + y;
	return (uint64_t)days_from_civil(full_year, mo, d) * 86400 + h * 3600 + m * 60 + s;
}
