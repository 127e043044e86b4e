// SPDX-License-Identifier: MIT
/* The Bochs/QEMU display (PCI 1234:1111: QEMU's standard VGA on pc and q35, and
 * `bochs-display`; or `isa-vga`, the same VGA without PCI, on microvm): its "dispi" registers
 * set any mode the device allows, and BAR0 is the linear framebuffer (isa-vga's is at the
 * fixed address of Bochs's VBE, 0xe0000000). The registers are reached through BAR2's MMIO
 * window (at 0x500) where the device has one, else through the I/O ports 0x1ce/0x1cf. A mode
 * is asked for, then read back: the device silently clamps what it cannot do, and that is
 * refused, never shown. */
#include <stdbool.h>
#include <stdint.h>
#include "arch/x86_64/cpu.h"
#include "drivers/pci/pci.h"
#include "drivers/video/framebuffer.h"
#include "drivers/video/vga_text.h"
#include "include/uapi/errno.h"
#include "kernel/log.h"
#include "mm/paging.h"

#define BOCHS_VENDOR	 0x1234
#define BOCHS_DEVICE	 0x1111
#define PCI_CLASS	 0x0a /* class and subclass */
#define CLASS_VGA	 0x0300
#define DISPI_INDEX_PORT 0x1ce
#define DISPI_DATA_PORT	 0x1cf
#define MMIO_DISPI	 0x500 /* the registers, 16 bits each, in BAR2 */
#define MMIO_VGA	 0x400 /* the VGA ports 0x3c0-0x3df, in BAR2 */
#define MMIO_SIZE	 0x1000

enum dispi_register {
	DISPI_ID,
	DISPI_XRES,
	DISPI_YRES,
	DISPI_BPP,
	DISPI_ENABLE,
	DISPI_BANK,
	DISPI_VIRT_WIDTH,
	DISPI_VIRT_HEIGHT,
	DISPI_X_OFFSET,
	DISPI_Y_OFFSET,
	DISPI_VIDEO_MEMORY_64K,
};
#define DISPI_ID_MINIMUM   0xb0c0
#define DISPI_ID_MAXIMUM   0xb0cf /* (no device on the ports reads 0xffff) */
#define ISA_VGA_LFB	   0xe0000000ull
#define DISPI_ENABLED	   0x01
#define DISPI_GET_CAPS	   0x02
#define DISPI_LFB_ENABLED  0x40
#define VGA_ATTRIBUTE	   0x3c0
#define VGA_INPUT_STATUS   0x3da
#define ATTRIBUTE_VIDEO_ON 0x20 /* palette address source: the display shows the picture */
#define DEFAULT_WIDTH	   1024
#define DEFAULT_HEIGHT	   768

struct bochs {
	struct pci_function pci;      /* vendor 0: isa-vga */
	volatile uint16_t *registers; /* NULL: the I/O ports */
	volatile uint8_t *vga;	      /* the VGA ports in BAR2, or NULL */
	bool has_vga;		      /* std VGA (class 0300), not bochs-display */
};

static struct bochs bochs;
static struct framebuffer display;

static uint16_t dispi_read(enum dispi_register index)
{
	if (bochs.registers)
		return bochs.registers[index];
	outw(DISPI_INDEX_PORT, (uint16_t)index);
	return inw(DISPI_DATA_PORT);
}

static void dispi_write(enum dispi_register index, uint16_t value)
{
	if (bochs.registers) {
		bochs.registers[index] = value;
		return;
	}
	outw(DISPI_INDEX_PORT, (uint16_t)index);
	outw(DISPI_DATA_PORT, value);
}

/* The attribute controller's flip-flop is reset by reading the input status register; then
 * index 0x20 turns the video on. Without it, std VGA left in text mode shows a blank screen. */
static void video_on(bool on)
{
	if (!bochs.has_vga)
		return;
	if (bochs.vga) {
		(void)bochs.vga[VGA_INPUT_STATUS - VGA_ATTRIBUTE];
		bochs.vga[0] = on ? ATTRIBUTE_VIDEO_ON : 0;
	} else {
		(void)inb(VGA_INPUT_STATUS);
		outb(VGA_ATTRIBUTE, on ? ATTRIBUTE_VIDEO_ON : 0);
	}
}

static void read_mode(struct framebuffer *framebuffer)
{
	struct framebuffer_mode *mode = &framebuffer->mode;

	mode->width = dispi_read(DISPI_XRES);
	mode->height = dispi_read(DISPI_YRES);
	mode->bits_per_pixel = dispi_read(DISPI_BPP);
	mode->virtual_width = dispi_read(DISPI_VIRT_WIDTH);
	mode->virtual_height = dispi_read(DISPI_VIRT_HEIGHT);
	framebuffer->x_offset = dispi_read(DISPI_X_OFFSET);
	framebuffer->y_offset = dispi_read(DISPI_Y_OFFSET);
	/* The device's line length is its virtual width in bytes. */
	framebuffer->pitch = mode->virtual_width * ((mode->bits_per_pixel + 7) / 8);
}

static void program_mode(const struct framebuffer_mode *mode)
{
	dispi_write(DISPI_ENABLE, 0);
	dispi_write(DISPI_BPP, (uint16_t)mode->bits_per_pixel);
	dispi_write(DISPI_XRES, (uint16_t)mode->width);
	dispi_write(DISPI_YRES, (uint16_t)mode->height);
	dispi_write(DISPI_BANK, 0);
	/* Enabling resets the virtual size to the visible one: it is set after. */
	dispi_write(DISPI_ENABLE, DISPI_ENABLED | DISPI_LFB_ENABLED);
	dispi_write(DISPI_VIRT_WIDTH, (uint16_t)mode->virtual_width);
	dispi_write(DISPI_VIRT_HEIGHT, (uint16_t)mode->virtual_height);
	dispi_write(DISPI_X_OFFSET, 0);
	dispi_write(DISPI_Y_OFFSET, 0);
	video_on(true);
}

static bool mode_fits(const struct framebuffer *framebuffer, const struct framebuffer_mode *mode)
{
	uint64_t bytes =
	    (uint64_t)mode->virtual_width * mode->virtual_height * ((mode->bits_per_pixel + 7) / 8);

	return mode->width && mode->height && mode->width <= framebuffer->max_width &&
	       mode->height <= framebuffer->max_height && mode->virtual_width >= mode->width &&
	       mode->virtual_height >= mode->height && mode->virtual_width <= 0xffff &&
	       mode->virtual_height <= 0xffff && bytes <= framebuffer->memory_size;
}

static int bochs_set_mode(struct framebuffer *framebuffer, const struct framebuffer_mode *mode)
{
	struct framebuffer_mode old = framebuffer->mode;

	if (!mode_fits(framebuffer, mode) ||
	    framebuffer_set_layout(framebuffer, mode->bits_per_pixel))
		return -EINVAL;
	program_mode(mode);
	read_mode(framebuffer);
	const struct framebuffer_mode *got = &framebuffer->mode;
	if (got->width == mode->width && got->height == mode->height &&
	    got->bits_per_pixel == mode->bits_per_pixel &&
	    got->virtual_width == mode->virtual_width &&
	    got->virtual_height >= mode->virtual_height)
		return 0;   /* (QEMU makes the virtual height all the memory holds) */
	program_mode(&old); /* the device changed what was asked for: not that one, then */
	read_mode(framebuffer);
	framebuffer_set_layout(framebuffer, old.bits_per_pixel);
	return -EINVAL;
}

static int bochs_pan(struct framebuffer *framebuffer, uint32_t x, uint32_t y)
{
	const struct framebuffer_mode *mode = &framebuffer->mode;

	if (x + mode->width > mode->virtual_width || y + mode->height > mode->virtual_height)
		return -EINVAL;
	dispi_write(DISPI_X_OFFSET, (uint16_t)x);
	dispi_write(DISPI_Y_OFFSET, (uint16_t)y);
	framebuffer->x_offset = dispi_read(DISPI_X_OFFSET);
	framebuffer->y_offset = dispi_read(DISPI_Y_OFFSET);
	return 0;
}

static int bochs_blank(struct framebuffer *framebuffer, bool blank)
{
	(void)framebuffer;
	if (!bochs.has_vga)
		return -EINVAL; /* bochs-display has no way to blank */
	video_on(!blank);
	return 0;
}

static const struct framebuffer_operations bochs_operations = {
    .set_mode = bochs_set_mode,
    .pan = bochs_pan,
    .blank = bochs_blank,
};

static void find_device(const struct pci_function *pci)
{
	if (pci->vendor == BOCHS_VENDOR && pci->device == BOCHS_DEVICE && !bochs.pci.vendor)
		bochs.pci = *pci;
}

static void read_capabilities(struct framebuffer *framebuffer)
{
	uint16_t enable = dispi_read(DISPI_ENABLE);

	dispi_write(DISPI_ENABLE, enable | DISPI_GET_CAPS);
	framebuffer->max_width = dispi_read(DISPI_XRES);
	framebuffer->max_height = dispi_read(DISPI_YRES);
	dispi_write(DISPI_ENABLE, enable);
	framebuffer->memory_size = (uint64_t)dispi_read(DISPI_VIDEO_MEMORY_64K) << 16;
}

/* Std VGA or bochs-display on PCI: the registers in BAR2 where it has one. */
static void probe_pci(void)
{
	pci_enable(&bochs.pci);
	bochs.has_vga = pci_read16(&bochs.pci, PCI_CLASS) == CLASS_VGA;
	uint64_t mmio = pci_bar_address(&bochs.pci, 2);
	if (mmio) {
		volatile uint8_t *window = paging_map_device(mmio, MMIO_SIZE);
		if (window) {
			bochs.registers = (volatile uint16_t *)(window + MMIO_DISPI);
			bochs.vga = window + MMIO_VGA;
		}
	}
	display.physical = pci_bar_address(&bochs.pci, 0);
}

/* isa-vga (microvm has no PCI): the dispi registers answer on the I/O ports, the framebuffer
 * is where Bochs's VBE puts it, and the VGA attribute controller must turn the video on. */
static bool probe_isa(void)
{
	uint16_t id = dispi_read(DISPI_ID);

	if (id < DISPI_ID_MINIMUM || id > DISPI_ID_MAXIMUM)
		return false;
	bochs.has_vga = true;
	display.physical = ISA_VGA_LFB;
	return true;
}

/* The mode `width`x`height`x32 from yolk.resolution= on the command line (0: none given:
 * 1024x768 on bochs-display, text mode left alone on std VGA and isa-vga). */
void bochs_display_probe(uint32_t width, uint32_t height);
void bochs_display_probe(uint32_t width, uint32_t height)
{
	const char *name = "bochs-display";

	pci_for_each(find_device);
	if (bochs.pci.vendor)
		probe_pci();
	else if (probe_isa())
		name = "isa-vga";
	else
		return;
	if (bochs.has_vga && !width) {
		/* std VGA in text mode is the VGA console's (yolk run --vga): graphics only when
		 * asked for (yolk run --gui passes yolk.resolution=). */
		pr_info("%s: VGA left in text mode (no yolk.resolution=)\n", name);
		return;
	}
	if (dispi_read(DISPI_ID) < DISPI_ID_MINIMUM) {
		pr_warn("%s: no dispi registers (id %#x)\n", name, dispi_read(DISPI_ID));
		return;
	}
	display.source = bochs.pci.vendor ? "bochs-dispi" : "isa-vga";
	display.operations = &bochs_operations;
	read_capabilities(&display);
	if (!display.physical || !display.memory_size)
		return;
	vga_text_release(); /* its text buffer is video memory of a graphics mode from here */
	struct framebuffer_mode mode = {width ? width : DEFAULT_WIDTH,
					height ? height : DEFAULT_HEIGHT, 0, 0, 32};
	mode.virtual_width = mode.width;
	mode.virtual_height = mode.height;
	if (bochs_set_mode(&display, &mode)) {
		pr_warn("%s: %ux%u is not a mode this device has (up to %ux%u, %llu KiB); "
			"1024x768\n",
			name, mode.width, mode.height, display.max_width, display.max_height,
			(unsigned long long)(display.memory_size >> 10));
		mode = (struct framebuffer_mode){DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_WIDTH,
						 DEFAULT_HEIGHT, 32};
		if (bochs_set_mode(&display, &mode))
			return;
	}
	if (framebuffer_register(&display))
		pr_warn("%s: cannot map the framebuffer\n", name);
}
