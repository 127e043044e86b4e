// SPDX-License-Identifier: MIT
/* The VGA text screen: the cells at 0xb8000, as the BIOS left the mode (80x25 text), driven by
 * lib/ansi_screen.c; the hardware cursor follows through the CRT controller's registers. The
 * screen model works on a copy in RAM, and only the cells that differ from what the display
 * holds are stored there once a write is done: an emulated display's memory costs an exit per
 * access, and scrolling line by line would read and write all of it for every line. */
#include "drivers/video/vga_text.h"
#include <stdbool.h>
#include "arch/x86_64/cpu.h"
#include "drivers/pci/pci.h"
#include "kernel/log.h"
#include "lib/ansi_screen.h"
#include "mm/paging.h"

#define VGA_TEXT_BUFFER	       0xb8000
#define VGA_ROWS	       25
#define VGA_COLUMNS	       80
#define CRTC_INDEX	       0x3d4
#define CRTC_DATA	       0x3d5
#define CRTC_CURSOR_HIGH       0x0e
#define CRTC_CURSOR_LOW	       0x0f
#define PCI_CLASS_SUBCLASS     0x0a
#define DISPLAY_VGA_COMPATIBLE 0x0300 /* class 03 (display), subclass 00 (VGA) */

static struct ansi_screen screen;
static bool present;
static uint16_t *display;			   /* the text buffer */
static uint16_t model[VGA_ROWS * VGA_COLUMNS];	   /* what the screen should show */
static uint16_t displayed[VGA_ROWS * VGA_COLUMNS]; /* what the display holds */

static void find_display(const struct pci_function *pci)
{
	if (pci_read16(pci, PCI_CLASS_SUBCLASS) == DISPLAY_VGA_COMPATIBLE)
		present = true;
}

static void move_hardware_cursor(void)
{
	unsigned position = (unsigned)(screen.row * VGA_COLUMNS + screen.column);

	outb(CRTC_INDEX, CRTC_CURSOR_LOW);
	outb(CRTC_DATA, position & 0xff);
	outb(CRTC_INDEX, CRTC_CURSOR_HIGH);
	outb(CRTC_DATA, position >> 8);
}

void vga_text_init(void)
{
	pci_for_each(find_display);
	if (!present)
		return;
	display = paging_map_device(VGA_TEXT_BUFFER, VGA_ROWS * VGA_COLUMNS * 2);
	if (!display) {
		pr_warn("vga: cannot map the text buffer\n");
		present = false;
		return;
	}
	ansi_screen_init(&screen, model, VGA_ROWS, VGA_COLUMNS);
	for (unsigned i = 0; i < VGA_ROWS * VGA_COLUMNS; i++)
		display[i] = displayed[i] = model[i];
	move_hardware_cursor();
	pr_info("vga: 80x25 text console\n");
}

void vga_text_write(const char *text, size_t length)
{
	if (!present)
		return;
	ansi_screen_write(&screen, text, length);
	for (unsigned i = 0; i < VGA_ROWS * VGA_COLUMNS; i++)
		if (displayed[i] != model[i])
			display[i] = displayed[i] = model[i];
	move_hardware_cursor();
}

void vga_text_release(void)
{
	present = false;
}
