// SPDX-License-Identifier: MIT
/* /dev/fb0: Linux's fbdev ABI over the framebuffer record (drivers/video/framebuffer.c).
 * FBIOGET_VSCREENINFO / FBIOGET_FSCREENINFO describe the mode and the memory; FBIOPUT_
 * VSCREENINFO changes the mode where the source can (the Bochs display: any size and depth it
 * accepts; FB_ACTIVATE_TEST only asks) and pans when only the offsets differ; FBIOPAN_DISPLAY,
 * FBIOBLANK, FBIOGETCMAP / FBIOPUTCMAP (a 256-entry colour map, kept: the visual is true
 * colour); read/write/pread/pwrite reach the memory, and mmap maps it (MAP_SHARED or
 * MAP_PRIVATE alike: it is the device's memory either way), write-combining. While a program
 * has it open the graphical console stays off the screen, and is drawn again at the last
 * close (a mapping that outlives the descriptor shares the screen with it, as on Linux). */
#include "drivers/video/framebuffer.h"
#include "drivers/video/framebuffer_console.h"
#include "fs/devices.h"
#include "fs/vfs.h"
#include "include/uapi/errno.h"
#include "include/uapi/fb.h"
#include "kernel/compiler.h"
#include "lib/string.h"
#include "mm/layout.h"
#include "mm/vm.h"
#include "sys/user_memory.h"

#define FB_MAJOR     29
#define CMAP_ENTRIES 256

extern uint64_t framebuffer_cache_flags;

static uint16_t colour_map[4][CMAP_ENTRIES]; /* red, green, blue, transparency */
static unsigned open_count;		     /* while a program has it open, the screen is its */

static struct framebuffer *framebuffer_of(struct file *file)
{
	(void)file;
	return framebuffer_get();
}

static struct fb_bitfield bitfield(uint8_t shift, uint8_t size)
{
	return (struct fb_bitfield){shift, size, 0};
}

static void describe_mode(const struct framebuffer *framebuffer, struct fb_var_screeninfo *var)
{
	const struct framebuffer_mode *mode = &framebuffer->mode;

	memset(var, 0, sizeof(*var));
	var->xres = mode->width;
	var->yres = mode->height;
	var->xres_virtual = mode->virtual_width;
	var->yres_virtual = mode->virtual_height;
	var->xoffset = framebuffer->x_offset;
	var->yoffset = framebuffer->y_offset;
	var->bits_per_pixel = mode->bits_per_pixel;
	var->red = bitfield(framebuffer->red_shift, framebuffer->red_size);
	var->green = bitfield(framebuffer->green_shift, framebuffer->green_size);
	var->blue = bitfield(framebuffer->blue_shift, framebuffer->blue_size);
	var->transp = bitfield(framebuffer->reserved_shift, framebuffer->reserved_size);
	var->height = var->width = 0xffffffff; /* the physical size is unknown */
}

static void describe_memory(const struct framebuffer *framebuffer, struct fb_fix_screeninfo *fix)
{
	memset(fix, 0, sizeof(*fix));
	strlcpy(fix->id, framebuffer->source, sizeof(fix->id));
	fix->smem_start = framebuffer->physical;
	fix->smem_len = (uint32_t)framebuffer->memory_size;
	fix->type = FB_TYPE_PACKED_PIXELS;
	fix->visual = FB_VISUAL_TRUECOLOR;
	fix->line_length = framebuffer->pitch;
	if (framebuffer->operations && framebuffer->operations->pan)
		fix->xpanstep = fix->ypanstep = 1;
	fix->accel = FB_ACCEL_NONE;
}

static bool same_mode(const struct framebuffer_mode *a, const struct framebuffer_mode *b)
{
	return a->width == b->width && a->height == b->height &&
	       a->virtual_width == b->virtual_width && a->virtual_height == b->virtual_height &&
	       a->bits_per_pixel == b->bits_per_pixel;
}

static int change_mode(struct framebuffer *framebuffer, const struct fb_var_screeninfo *var)
{
	const struct framebuffer_operations *operations = framebuffer->operations;
	struct framebuffer_mode old = framebuffer->mode;
	struct framebuffer_mode mode = {var->xres, var->yres, MAX(var->xres_virtual, var->xres),
					MAX(var->yres_virtual, var->yres), var->bits_per_pixel};
	bool test = (var->activate & FB_ACTIVATE_MASK) == FB_ACTIVATE_TEST;
	int error;

	if (same_mode(&mode, &old))
		return test || (!var->xoffset && !var->yoffset && !framebuffer->x_offset &&
				!framebuffer->y_offset)
			   ? 0
		       : operations && operations->pan
			   ? operations->pan(framebuffer, var->xoffset, var->yoffset)
			   : -EINVAL;
	if (!operations || !operations->set_mode)
		return -EINVAL; /* a boot loader's mode: that one only */
	if ((error = operations->set_mode(framebuffer, &mode)))
		return error;
	if (test)
		return operations->set_mode(framebuffer, &old);
	return 0;
}

static long put_mode(struct framebuffer *framebuffer, void *argument)
{
	struct fb_var_screeninfo var;
	int error;

	if (copy_from_user(&var, argument, sizeof(var)))
		return -EFAULT;
	struct fb_var_screeninfo asked = var;
	if ((error = change_mode(framebuffer, &var)))
		return error;
	describe_mode(framebuffer, &var);
	if ((asked.activate & FB_ACTIVATE_MASK) == FB_ACTIVATE_TEST) {
		var.xres = asked.xres, var.yres = asked.yres;
		var.xres_virtual = MAX(asked.xres_virtual, asked.xres);
		var.yres_virtual = MAX(asked.yres_virtual, asked.yres);
		var.bits_per_pixel = asked.bits_per_pixel;
	}
	var.activate = asked.activate;
	return copy_to_user(argument, &var, sizeof(var));
}

static long pan(struct framebuffer *framebuffer, void *argument)
{
	struct fb_var_screeninfo var;

	if (copy_from_user(&var, argument, sizeof(var)))
		return -EFAULT;
	if (!framebuffer->operations || !framebuffer->operations->pan)
		return var.xoffset || var.yoffset ? -EINVAL : 0;
	return framebuffer->operations->pan(framebuffer, var.xoffset, var.yoffset);
}

static long blank(struct framebuffer *framebuffer, unsigned long level)
{
	if (level > FB_BLANK_POWERDOWN)
		return -EINVAL;
	if (!framebuffer->operations || !framebuffer->operations->blank)
		return -EINVAL;
	int error = framebuffer->operations->blank(framebuffer, level != FB_BLANK_UNBLANK);
	if (!error)
		framebuffer->blanked = level != FB_BLANK_UNBLANK;
	return error;
}

/* FBIOGETCMAP (`put` false) and FBIOPUTCMAP: the entries [start, start + len) of each array
 * the fb_cmap points at (transparency may be NULL). */
static long colour_map_transfer(void *argument, bool put)
{
	struct fb_cmap cmap;

	if (copy_from_user(&cmap, argument, sizeof(cmap)))
		return -EFAULT;
	if (cmap.start >= CMAP_ENTRIES || cmap.len > CMAP_ENTRIES - cmap.start || !cmap.len)
		return -EINVAL;
	uint16_t *arrays[4] = {cmap.red, cmap.green, cmap.blue, cmap.transp};
	size_t bytes = cmap.len * sizeof(uint16_t);
	for (unsigned i = 0; i < 4; i++) {
		if (!arrays[i] && i == 3)
			continue;
		int error = put ? copy_from_user(&colour_map[i][cmap.start], arrays[i], bytes)
				: copy_to_user(arrays[i], &colour_map[i][cmap.start], bytes);
		if (error)
			return error;
	}
	return 0;
}

static long fbdev_ioctl(struct file *file, unsigned long request, void *argument)
{
	struct framebuffer *framebuffer = framebuffer_of(file);
	struct fb_var_screeninfo var;
	struct fb_fix_screeninfo fix;

	switch (request) {
	case FBIOGET_VSCREENINFO:
		describe_mode(framebuffer, &var);
		return copy_to_user(argument, &var, sizeof(var));
	case FBIOPUT_VSCREENINFO:
		return put_mode(framebuffer, argument);
	case FBIOGET_FSCREENINFO:
		describe_memory(framebuffer, &fix);
		return copy_to_user(argument, &fix, sizeof(fix));
	case FBIOPAN_DISPLAY:
		return pan(framebuffer, argument);
	case FBIOBLANK:
		return blank(framebuffer, (unsigned long)argument);
	case FBIOGETCMAP:
	case FBIOPUTCMAP:
		return colour_map_transfer(argument, request == FBIOPUTCMAP);
	}
	return -ENOTTY;
}

/* The bytes of video memory [offset, offset + count) clipped to its end: Linux's fb_read and
 * fb_write say EFBIG past it, and a write that starts at the very end ENOSPC. */
static long clip(const struct framebuffer *framebuffer, uint64_t offset, size_t *count,
		 bool writing)
{
	if (offset > framebuffer->memory_size)
		return -EFBIG;
	*count = MIN(*count, framebuffer->memory_size - offset);
	return writing && !*count ? -ENOSPC : 0;
}

static long fbdev_read(struct file *file, void *buffer, size_t count, uint64_t offset)
{
	struct framebuffer *framebuffer = framebuffer_of(file);
	long error = clip(framebuffer, offset, &count, false);

	if (error)
		return error;
	if (copy_to_user(buffer, (const void *)(framebuffer->pixels + offset), count))
		return -EFAULT;
	return (long)count;
}

static long fbdev_write(struct file *file, const void *buffer, size_t count, uint64_t offset)
{
	struct framebuffer *framebuffer = framebuffer_of(file);
	long error = clip(framebuffer, offset, &count, true);

	if (error)
		return error;
	if (copy_from_user((void *)(framebuffer->pixels + offset), buffer, count))
		return -EFAULT;
	return (long)count;
}

static long fbdev_mmap(struct file *file, uint64_t length, uint64_t offset, int protection,
		       int flags)
{
	struct framebuffer *framebuffer = framebuffer_of(file);
	uint64_t size = ALIGN_UP(framebuffer->memory_size, PAGE_SIZE);

	(void)flags;
	if (!length || offset > size || length > size - offset)
		return -EINVAL;
	return vm_map_device(framebuffer->physical + offset, length, protection,
			     framebuffer->in_ram ? 0 : framebuffer_cache_flags);
}

static int fbdev_open(struct inode *inode, struct file *file)
{
	(void)inode, (void)file;
	if (!open_count++)
		framebuffer_console_suspend();
	return 0;
}

static void fbdev_release(struct file *file)
{
	(void)file;
	if (!--open_count)
		framebuffer_console_resume();
}

static const struct file_operations fbdev_operations = {
    .open = fbdev_open,
    .release = fbdev_release,
    .read = fbdev_read,
    .write = fbdev_write,
    .ioctl = fbdev_ioctl,
    .mmap = fbdev_mmap,
};

void fbdev_register(void);
void fbdev_register(void)
{
	if (!device_register(DEVICE_NUMBER(FB_MAJOR, 0), &fbdev_operations))
		devfs_add_node("fb0", S_IFCHR | 0660, DEVICE_NUMBER(FB_MAJOR, 0));
}
