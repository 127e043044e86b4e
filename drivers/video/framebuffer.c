// SPDX-License-Identifier: MIT
/* The framebuffer record (see drivers/video/framebuffer.h): the first source to register wins;
 * its memory is mapped write-combining in the direct map (PAT entry 1, which Yolk turns from
 * write-through into write-combining, as Linux does, where the CPU has PAT; uncached else). */
#include "drivers/video/framebuffer.h"
#include "drivers/video/framebuffer_console.h"
#include "arch/x86_64/cpu.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "kernel/log.h"
#include "mm/layout.h"
#include "mm/paging.h"

#define CPUID_PAT	    (1u << 16) /* leaf 1, EDX */
#define PAT_ENTRY1_MASK	    (0xfful << 8)
#define PAT_WRITE_COMBINING 0x01ul

static struct framebuffer *registered;
/* The page flags that make a mapping write-combining (uncached without PAT). */
uint64_t framebuffer_cache_flags = PAGE_CACHE_DISABLE | PAGE_WRITE_THROUGH;

struct framebuffer *framebuffer_get(void)
{
	return registered;
}

/* PAT entry 1 (PWT alone) becomes write-combining. Nothing maps with PWT alone before this:
 * device registers are PCD | PWT, entry 3, uncached. */
static void enable_write_combining(void)
{
	if (!(cpuid(1, 0).edx & CPUID_PAT))
		return;
	uint64_t pat = rdmsr(MSR_PAT);
	write_back_and_invalidate_caches();
	wrmsr(MSR_PAT, (pat & ~PAT_ENTRY1_MASK) | PAT_WRITE_COMBINING << 8);
	write_back_and_invalidate_caches();
	framebuffer_cache_flags = PAGE_WRITE_THROUGH;
}

int framebuffer_set_layout(struct framebuffer *framebuffer, uint32_t bits_per_pixel)
{
	static const uint8_t layouts[][8] = {
	    /* bpp  red      green    blue     reserved (shift, size) */
	    {15, 10, 5, 5, 5, 0, 5, 0},
	    {16, 11, 5, 5, 6, 0, 5, 0},
	    {24, 16, 8, 8, 8, 0, 8, 0},
	    {32, 16, 8, 8, 8, 0, 8, 24},
	};

	for (unsigned i = 0; i < ARRAY_SIZE(layouts); i++) {
		const uint8_t *layout = layouts[i];
		if (layout[0] != bits_per_pixel)
			continue;
		framebuffer->red_shift = layout[1];
		framebuffer->red_size = layout[2];
		framebuffer->green_shift = layout[3];
		framebuffer->green_size = layout[4];
		framebuffer->blue_shift = layout[5];
		framebuffer->blue_size = layout[6];
		framebuffer->reserved_shift = layout[7];
		framebuffer->reserved_size = bits_per_pixel == 32 ? 8 : 0;
		return 0;
	}
	return -EINVAL;
}

static void *map_pixels(uint64_t physical, uint64_t length)
{
	const uint64_t flags =
	    PAGE_PRESENT | PAGE_WRITABLE | PAGE_GLOBAL | PAGE_NO_EXECUTE | framebuffer_cache_flags;

	for (uint64_t page = ALIGN_DOWN(physical, PAGE_SIZE); page < physical + length;
	     page += PAGE_SIZE)
		if (paging_map(DIRECT_MAP_BASE + page, page, flags))
			return NULL;
	return phys_to_virtual(physical);
}

void fbdev_register(void);

int framebuffer_register(struct framebuffer *framebuffer)
{
	if (registered)
		return -EBUSY;
	enable_write_combining();
	framebuffer->pixels = framebuffer->in_ram
				  ? phys_to_virtual(framebuffer->physical)
				  : map_pixels(framebuffer->physical, framebuffer->memory_size);
	if (!framebuffer->pixels)
		return -ENOMEM;
	registered = framebuffer;
	pr_info("fb0: %s, %ux%u, %u bits, pitch %u, %llu KiB at %#llx\n", framebuffer->source,
		framebuffer->mode.width, framebuffer->mode.height, framebuffer->mode.bits_per_pixel,
		framebuffer->pitch, (unsigned long long)(framebuffer->memory_size >> 10),
		(unsigned long long)framebuffer->physical);
	fbdev_register();
	framebuffer_console_start(framebuffer);
	return 0;
}
