// SPDX-License-Identifier: MIT
/* The 2C02 PPU, one dot per ppu_step (bus.c calls it three times a CPU cycle): 262 lines of 341
 * dots, the background fetched every 8 dots into a 16-pixel pipeline with loopy's v/t/x/w
 * scroll registers, sprites evaluated for the next line at dot 257 (with the overflow flag's
 * diagonal-scan bug) and their patterns fetched through 257-320 (so MMC3's A12 counter sees
 * them), sprite 0 hit, VBlank at line 241 dot 1 with the $2002 read race, the odd-frame skipped
 * dot, the $2007 read buffer, palette RAM mirrors and the register open bus. */
#include "internal.h"

/* What the palette RAM held at power-on on the console blargg's power_up_palette test used. */
static const uint8_t power_up_palette[32] = {
    0x09, 0x01, 0x00, 0x01, 0x00, 0x02, 0x02, 0x0d, 0x08, 0x10, 0x08, 0x24, 0x00, 0x00, 0x04, 0x2c,
    0x09, 0x01, 0x34, 0x03, 0x00, 0x04, 0x00, 0x14, 0x08, 0x3a, 0x00, 0x02, 0x00, 0x20, 0x2c, 0x08,
};

static bool rendering(const struct nes_ppu *ppu)
{
	return ppu->mask & 0x18;
}

/* $3F10/$3F14/$3F18/$3F1C are the same bytes as $3F00/$3F04/$3F08/$3F0C. */
static unsigned palette_index(uint16_t address)
{
	unsigned index = address & 0x1f;
	return (index & 0x13) == 0x10 ? index & ~0x10u : index;
}

static uint8_t ppu_bus_read(struct nes *nes, uint16_t address)
{
	struct nes_ppu *ppu = &nes->ppu;
	address &= 0x3fff;
	mapper_ppu_address(nes, address);
	if (address < 0x2000)
		return *chr_pointer(nes, address);
	if (address < 0x3f00)
		return ppu->vram[ppu->nametable[(address >> 10) & 3] + (address & 0x3ff)];
	return ppu->palette[palette_index(address)];
}

static void ppu_bus_write(struct nes *nes, uint16_t address, uint8_t value)
{
	struct nes_ppu *ppu = &nes->ppu;
	address &= 0x3fff;
	mapper_ppu_address(nes, address);
	if (address < 0x2000) {
		if (!nes->cart.chr_rom)
			*chr_pointer(nes, address) = value;
	} else if (address < 0x3f00)
		ppu->vram[ppu->nametable[(address >> 10) & 3] + (address & 0x3ff)] = value;
	else
		ppu->palette[palette_index(address)] = value & 0x3f;
}

void ppu_set_mirroring(struct nes *nes, enum nes_mirroring mirroring)
{
	static const uint16_t layouts[5][4] = {
	    [NES_MIRROR_HORIZONTAL] = {0, 0, 0x400, 0x400},
	    [NES_MIRROR_VERTICAL] = {0, 0x400, 0, 0x400},
	    [NES_MIRROR_SINGLE_LOW] = {0, 0, 0, 0},
	    [NES_MIRROR_SINGLE_HIGH] = {0x400, 0x400, 0x400, 0x400},
	    [NES_MIRROR_FOUR_SCREEN] = {0, 0x400, 0x800, 0xc00},
	};
	for (int i = 0; i < 4; i++)
		nes->ppu.nametable[i] = layouts[mirroring][i];
}

static void increment_x(struct nes_ppu *ppu)
{
	if ((ppu->v & 0x1f) == 31)
		ppu->v = (ppu->v & ~0x1f) ^ 0x400;
	else
		ppu->v++;
}

static void increment_y(struct nes_ppu *ppu)
{
	if ((ppu->v & 0x7000) != 0x7000) {
		ppu->v += 0x1000;
		return;
	}
	ppu->v &= ~0x7000;
	unsigned y = (ppu->v & 0x3e0) >> 5;
	if (y == 29) {
		y = 0;
		ppu->v ^= 0x800;
	} else if (y == 31)
		y = 0;
	else
		y++;
	ppu->v = (ppu->v & ~0x3e0) | y << 5;
}

/* Bit i of a byte to bit 4 * i. */
static uint32_t spread_bits(uint8_t byte)
{
	uint32_t x = (byte & 0x0fu) | (byte & 0xf0u) << 12;
	x = (x & 0x00030003u) | (x & 0x000c000cu) << 6;
	return (x & 0x01010101u) | (x & 0x02020202u) << 3;
}

/* One of the four fetches of a background tile, by the dot within its 8. */
static void fetch_background(struct nes *nes, int phase)
{
	struct nes_ppu *ppu = &nes->ppu;
	uint16_t v = ppu->v;
	uint16_t pattern = (ppu->ctrl & 0x10 ? 0x1000 : 0) + ppu->next_name * 16 + ((v >> 12) & 7);

	switch (phase) {
	case 1:
		ppu->next_name = ppu_bus_read(nes, 0x2000 | (v & 0x0fff));
		break;
	case 3: {
		uint8_t byte = ppu_bus_read(nes, 0x23c0 | (v & 0x0c00) | ((v >> 4) & 0x38) |
						     ((v >> 2) & 0x07));
		ppu->next_attribute = (byte >> (((v >> 4) & 4) | (v & 2))) & 3;
		break;
	}
	case 5:
		ppu->next_low = ppu_bus_read(nes, pattern);
		break;
	case 7:
		ppu->next_high = ppu_bus_read(nes, pattern + 8);
		break;
	case 0:
		/* 8 pixels of 4 bits, the leftmost on top: attribute, high and low pattern bit */
		ppu->tile_data |= (uint32_t)ppu->next_attribute * 0x44444444u |
				  spread_bits(ppu->next_high) << 1 | spread_bits(ppu->next_low);
		increment_x(ppu);
		break;
	}
}

static uint8_t reverse_bits(uint8_t b)
{
	b = (b & 0xf0) >> 4 | (b & 0x0f) << 4;
	b = (b & 0xcc) >> 2 | (b & 0x33) << 2;
	return (b & 0xaa) >> 1 | (b & 0x55) << 1;
}

/* Find the next line's sprites in OAM: up to 8, then the overflow flag as the chip sets it
 * (after the eighth, it also steps through the bytes within entries: the diagonal bug). */
static void evaluate_sprites(struct nes_ppu *ppu)
{
	int height = ppu->ctrl & 0x20 ? 16 : 8;
	int count = 0, n = 0, m = 0;

	ppu->next_has_zero = false;
	for (; n < 64 && count < 8; n++) {
		int row = ppu->scanline - ppu->oam[n * 4];
		if (row >= 0 && row < height) {
			if (n == 0)
				ppu->next_has_zero = true;
			ppu->sprite_indexes[count++] = n;
		}
	}
	for (; n < 64; n++) {
		int row = ppu->scanline - ppu->oam[n * 4 + m];
		if (row >= 0 && row < height) {
			ppu->status |= 0x20;
			break;
		}
		m = (m + 1) & 3;
	}
	ppu->next_sprite_count = count;
}

/* The pattern fetch of sprite slot `slot` for the next line (tile $FF for an empty slot). */
static void fetch_sprite(struct nes *nes, int slot)
{
	struct nes_ppu *ppu = &nes->ppu;
	bool tall = ppu->ctrl & 0x20;
	uint8_t y = 0xff, tile = 0xff, attributes = 0, x = 0xff;
	int index = slot < ppu->next_sprite_count ? ppu->sprite_indexes[slot] : -1;

	if (index >= 0) {
		y = ppu->oam[index * 4];
		tile = ppu->oam[index * 4 + 1];
		attributes = ppu->oam[index * 4 + 2];
		x = ppu->oam[index * 4 + 3];
	}
	int row = (ppu->scanline - y) & (tall ? 15 : 7);
	if (attributes & 0x80)
		row = (tall ? 15 : 7) - row;
	uint16_t address;
	if (tall)
		address = (tile & 1) * 0x1000 + (tile & 0xfe) * 16 + (row & 8) * 2 + (row & 7);
	else
		address = (ppu->ctrl & 0x08 ? 0x1000 : 0) + tile * 16 + row;
	uint8_t low = ppu_bus_read(nes, address);
	uint8_t high = ppu_bus_read(nes, address + 8);
	if (index < 0)
		return;
	if (attributes & 0x40) {
		low = reverse_bits(low);
		high = reverse_bits(high);
	}
	ppu->sprites[slot] = (struct nes_sprite){x, attributes, low, high, index == 0};
}

/* The next line's sprite pixels, one byte per x (0: none; else bit 7 sprite 0, bit 6 behind the
 * background, bits 0-4 the palette entry), built once the eight fetches are done. The first
 * opaque pixel in OAM order wins, so they are laid down from the last sprite to the first. */
static void build_sprite_line(struct nes_ppu *ppu)
{
	if (ppu->sprite_line_used)
		for (int x = 0; x < NES_WIDTH; x++)
			ppu->sprite_line[x] = 0;
	ppu->sprite_line_used = ppu->sprite_count > 0;
	for (int i = ppu->sprite_count - 1; i >= 0; i--) {
		const struct nes_sprite *s = &ppu->sprites[i];
		uint8_t tag = (s->zero ? 0x80 : 0) | (s->attributes & 0x20 ? 0x40 : 0) | 0x10 |
			      (s->attributes & 3) << 2;
		for (int offset = 0; offset < 8 && s->x + offset < NES_WIDTH; offset++) {
			uint8_t bits =
			    ((s->high >> (7 - offset)) & 1) << 1 | ((s->low >> (7 - offset)) & 1);
			if (bits)
				ppu->sprite_line[s->x + offset] = tag | bits;
		}
	}
}

static void render_pixel(struct nes *nes)
{
	struct nes_ppu *ppu = &nes->ppu;
	int x = ppu->dot - 1;
	uint8_t background = 0, sprite = 0, color;

	if ((ppu->mask & 0x08) && (x >= 8 || (ppu->mask & 0x02)))
		background = (ppu->tile_data >> 32 >> ((7 - ppu->fine_x) * 4)) & 0x0f;
	if (ppu->sprite_line_used && (ppu->mask & 0x10) && (x >= 8 || (ppu->mask & 0x04)))
		sprite = ppu->sprite_line[x];
	if ((sprite & 0x80) && (background & 3) && x != 255)
		ppu->status |= 0x40;
	if (sprite && (!(background & 3) || !(sprite & 0x40)))
		color = sprite & 0x1f;
	else
		color = background & 3 ? background : 0;
	ppu->pixels[ppu->scanline * NES_WIDTH + x] =
	    ppu->palette[palette_index(color)] & (ppu->mask & 1 ? 0x30 : 0x3f);
}

/* With rendering off the picture is the backdrop colour, or the palette entry v points at. */
static void render_blank(struct nes_ppu *ppu)
{
	unsigned index = (ppu->v & 0x3f00) == 0x3f00 ? palette_index(ppu->v) : 0;
	ppu->pixels[ppu->scanline * NES_WIDTH + ppu->dot - 1] =
	    ppu->palette[index] & (ppu->mask & 1 ? 0x30 : 0x3f);
}

/* Dots 1-340 of the visible lines and the pre-render line, while rendering is on. */
static void render_line_dot(struct nes *nes, bool visible)
{
	struct nes_ppu *ppu = &nes->ppu;
	int dot = ppu->dot;

	if (dot <= 256 || (dot >= 321 && dot <= 336)) {
		if (visible && dot <= 256)
			render_pixel(nes);
		ppu->tile_data <<= 4;
		fetch_background(nes, dot & 7);
		if (dot == 256)
			increment_y(ppu);
		return;
	}
	if (dot == 257) {
		ppu->v = (ppu->v & 0xfbe0) | (ppu->t & 0x041f);
		if (visible)
			evaluate_sprites(ppu);
		else
			ppu->next_sprite_count = 0;
	}
	if (dot >= 257 && dot <= 320) {
		ppu->oam_address = 0;
		if ((dot & 7) == 5)
			fetch_sprite(nes, (dot - 257) >> 3);
		if (dot == 320) {
			ppu->sprite_count = ppu->next_sprite_count;
			build_sprite_line(ppu);
		}
	}
	if (!visible && dot >= 280 && dot <= 304)
		ppu->v = (ppu->v & 0x841f) | (ppu->t & 0x7be0);
	if (dot == 337 || dot == 339)
		ppu_bus_read(nes, 0x2000 | (ppu->v & 0x0fff)); /* the two unused name fetches */
}

/* Locals, not the fields: a compare of both fields right after the store of one stalls on
 * store forwarding, and this runs 5.4 million times a second. */
static void advance_dot(struct nes *nes)
{
	struct nes_ppu *ppu = &nes->ppu;
	int dot = ppu->dot + 1, scanline = ppu->scanline;

	nes->ppu_dots++;
	/* the CPU sees the NMI output a dot late */
	ppu->nmi_output = ppu_nmi_line(nes);
	if (dot >= 338 && scanline == 261) {
		/* odd frames skip the pre-render line's last dot if rendering was on at dot 338 */
		if (dot == 338)
			ppu->skip_dot = (ppu->frame & 1) && rendering(ppu);
		if (dot == 340 && ppu->skip_dot)
			dot = 341;
	}
	if (dot > 340) {
		dot = 0;
		if (++scanline > 261) {
			scanline = 0;
			ppu->frame++;
		}
		if (scanline == 240)
			ppu->frame_ready = true;
		ppu->scanline = scanline;
	}
	ppu->dot = dot;
}

void ppu_step(struct nes *nes)
{
	struct nes_ppu *ppu = &nes->ppu;

	advance_dot(nes);
	if (ppu->dot == 0)
		return;
	if (ppu->scanline < 240) {
		if (rendering(ppu))
			render_line_dot(nes, true);
		else if (ppu->dot <= 256)
			render_blank(ppu);
	} else if (ppu->scanline == 241 && ppu->dot == 1) {
		if (!ppu->prevent_vblank)
			ppu->status |= 0x80;
		ppu->prevent_vblank = false;
	} else if (ppu->scanline == 261) {
		if (ppu->dot == 1)
			ppu->status &= 0x1f;
		if (rendering(ppu))
			render_line_dot(nes, false);
	}
}

/* Dots 1-256 of a visible line with rendering on, all at once: exactly what ppu_step does dot
 * by dot (the picture, sprite 0 hit, the fetches, v's increments, the pipeline), with the
 * pipeline in a local and a tile's four fetches together at its first dot (v does not change
 * in between). Only for a run the CPU cannot look into: ppu_run, when the whole stretch is
 * behind the CPU. */
static void run_visible_dots(struct nes *nes)
{
	struct nes_ppu *ppu = &nes->ppu;
	uint64_t tile_data = ppu->tile_data;
	uint8_t *out = ppu->pixels + ppu->scanline * NES_WIDTH;
	const uint8_t *sprites = ppu->sprite_line;
	/* the first x where each layer shows (256: nowhere), and the line's 32 colours */
	int background_from = !(ppu->mask & 0x08) ? 256 : ppu->mask & 0x02 ? 0 : 8;
	int sprites_from = !ppu->sprite_line_used || !(ppu->mask & 0x10) ? 256
			   : ppu->mask & 0x04				 ? 0
									 : 8;
	uint8_t grey = ppu->mask & 1 ? 0x30 : 0x3f, colours[32];
	unsigned shift = 32 + (7 - ppu->fine_x) * 4;
	uint16_t pattern_table = ppu->ctrl & 0x10 ? 0x1000 : 0;

	for (unsigned c = 0; c < 32; c++)
		colours[c] = ppu->palette[palette_index(c & 3 ? c : 0)] & grey;
	for (int x = 0; x < NES_WIDTH; x += 8) {
		uint16_t v = ppu->v;
		ppu->next_name = ppu_bus_read(nes, 0x2000 | (v & 0x0fff));
		uint8_t attribute = ppu_bus_read(nes, 0x23c0 | (v & 0x0c00) | ((v >> 4) & 0x38) |
							  ((v >> 2) & 0x07));
		ppu->next_attribute = (attribute >> (((v >> 4) & 4) | (v & 2))) & 3;
		uint16_t pattern = pattern_table + ppu->next_name * 16 + ((v >> 12) & 7);
		ppu->next_low = ppu_bus_read(nes, pattern);
		ppu->next_high = ppu_bus_read(nes, pattern + 8);
		for (int i = x; i < x + 8; i++, tile_data <<= 4) {
			uint8_t background = i >= background_from ? (tile_data >> shift) & 0x0f : 0;
			uint8_t sprite = i >= sprites_from ? sprites[i] : 0;
			if (!sprite) {
				out[i] = colours[background];
				continue;
			}
			if ((sprite & 0x80) && (background & 3) && i != 255)
				ppu->status |= 0x40;
			if (!(background & 3) || !(sprite & 0x40))
				out[i] = colours[sprite & 0x1f];
			else
				out[i] = colours[background];
		}
		ppu->tile_data = tile_data;
		fetch_background(nes, 0); /* the tile into the pipeline, v to the next */
		tile_data = ppu->tile_data;
	}
	increment_y(ppu);
	ppu->dot = 256;
	nes->ppu_dots += 256;
	nes->ppu_clock += 4 * 256;
	ppu->nmi_output = ppu_nmi_line(nes); /* nothing here changes it */
}

/* Dots 257-340 of a visible line with rendering on, all at once (as run_visible_dots): the
 * sprite evaluation and fetches for the next line, the first two tiles of the next line. */
static void run_sprite_dots(struct nes *nes)
{
	struct nes_ppu *ppu = &nes->ppu;

	ppu->v = (ppu->v & 0xfbe0) | (ppu->t & 0x041f);
	evaluate_sprites(ppu);
	ppu->oam_address = 0;
	for (int slot = 0; slot < 8; slot++)
		fetch_sprite(nes, slot);
	ppu->sprite_count = ppu->next_sprite_count;
	build_sprite_line(ppu);
	for (int dot = 321; dot <= 336; dot++) {
		ppu->tile_data <<= 4;
		fetch_background(nes, dot & 7);
	}
	/* dots 337-340: the two unused name fetches, which only MMC3 could see */
	ppu->dot = 340;
	nes->ppu_dots += 84;
	nes->ppu_clock += 4 * 84;
	ppu->nmi_output = ppu_nmi_line(nes);
}

/* How many of the dots ahead are idle ones (post-render and VBlank lines, where only the clock
 * moves), up to `limit`: not the dot that sets VBlank (241, 1) nor the pre-render line. */
static long idle_dots(const struct nes_ppu *ppu, long limit)
{
	long line = ppu->scanline, dot = ppu->dot, count;

	if (line < 240 || line > 260 || (line == 241 && dot == 0))
		return 0;
	if (line == 240)
		count = 340 - dot + 1; /* up to and with dot 0 of line 241 */
	else
		count = (260 - line) * 341L + 340 - dot; /* up to dot 340 of line 260 */
	return count < limit ? count : limit;
}

/* Moves over `count` idle dots (as ppu_step would: only the clock and the line change). */
static void skip_dots(struct nes *nes, long count)
{
	struct nes_ppu *ppu = &nes->ppu;
	long position = ppu->scanline * 341L + ppu->dot + count;

	ppu->scanline = (int)(position / 341);
	ppu->dot = (int)(position % 341);
	nes->ppu_dots += (uint64_t)count;
	nes->ppu_clock += 4 * (uint64_t)count;
	ppu->nmi_output = ppu_nmi_line(nes);
}

void ppu_run(struct nes *nes, uint64_t clock)
{
	struct nes_ppu *ppu = &nes->ppu;
	bool batches = nes->cart.mapper != 4; /* MMC3 watches every fetch */

	while (nes->ppu_clock + 4 <= clock) {
		long ahead = (long)((clock - nes->ppu_clock) / 4);
		if (batches && ppu->scanline < 240 && rendering(ppu)) {
			if (ppu->dot == 0 && ahead >= 256) {
				run_visible_dots(nes);
				continue;
			}
			if (ppu->dot == 256 && ahead >= 84) {
				run_sprite_dots(nes);
				continue;
			}
		}
		long idle = batches ? idle_dots(ppu, ahead) : 0;
		if (idle > 1) {
			skip_dots(nes, idle);
			continue;
		}
		nes->ppu_clock += 4;
		ppu_step(nes);
	}
}

uint64_t ppu_next_event_clock(const struct nes *nes)
{
	const struct nes_ppu *ppu = &nes->ppu;
	long dots;

	if (nes->cart.mapper == 4)
		return 0;
	/* the NMI output follows the VBlank flag a dot late: it changes on dot 2 of line 241
	 * (set) and of line 261 (cleared); the odd-frame skip may make the next frame a dot
	 * shorter, so from line 261 the count is one short (early is safe) */
	if (ppu->scanline < 241 || (ppu->scanline == 241 && ppu->dot < 2))
		dots = (241 - ppu->scanline) * 341L + 2 - ppu->dot;
	else if (ppu->scanline < 261 || ppu->dot < 2)
		dots = (261 - ppu->scanline) * 341L + 2 - ppu->dot;
	else
		dots = 341L - ppu->dot - 1 + 241 * 341L + 2;
	return nes->ppu_clock + 4 * (uint64_t)(dots > 1 ? dots : 1);
}

static void increment_address(struct nes_ppu *ppu)
{
	ppu->v = (ppu->v + (ppu->ctrl & 0x04 ? 32 : 1)) & 0x7fff;
}

uint8_t ppu_read_register(struct nes *nes, uint16_t address)
{
	struct nes_ppu *ppu = &nes->ppu;
	uint8_t value;

	switch (address & 7) {
	case 2:
		value = (ppu->status & 0xe0) | (ppu->io_latch & 0x1f);
		ppu->status &= 0x7f;
		ppu->w = false;
		/* one dot before VBlank: read as clear, and the flag is not set this frame */
		if (ppu->scanline == 241 && ppu->dot == 0)
			ppu->prevent_vblank = true;
		ppu->io_latch = (ppu->io_latch & 0x1f) | (value & 0xe0);
		return value;
	case 4:
		return ppu->io_latch = ppu->oam[ppu->oam_address];
	case 7: {
		uint16_t target = ppu->v & 0x3fff;
		if (target >= 0x3f00) {
			/* palette reads are immediate; the buffer gets the nametable byte below */
			value = (ppu_bus_read(nes, target) & 0x3f) | (ppu->io_latch & 0xc0);
			ppu->read_buffer = ppu_bus_read(nes, target - 0x1000);
		} else {
			value = ppu->read_buffer;
			ppu->read_buffer = ppu_bus_read(nes, target);
		}
		increment_address(ppu);
		return ppu->io_latch = value;
	}
	default:
		return ppu->io_latch;
	}
}

uint8_t ppu_peek_register(struct nes *nes, uint16_t address)
{
	struct nes_ppu *ppu = &nes->ppu;
	switch (address & 7) {
	case 2:
		return (ppu->status & 0xe0) | (ppu->io_latch & 0x1f);
	case 4:
		return ppu->oam[ppu->oam_address];
	case 7:
		return ppu->read_buffer;
	default:
		return ppu->io_latch;
	}
}

void ppu_write_register(struct nes *nes, uint16_t address, uint8_t value)
{
	struct nes_ppu *ppu = &nes->ppu;

	ppu->io_latch = value;
	switch (address & 7) {
	case 0:
		ppu->ctrl = value;
		ppu->t = (ppu->t & 0xf3ff) | (value & 3) << 10;
		break;
	case 1:
		ppu->mask = value;
		break;
	case 3:
		ppu->oam_address = value;
		break;
	case 4:
		/* bits 2-4 of the attribute byte do not exist */
		ppu->oam[ppu->oam_address] = (ppu->oam_address & 3) == 2 ? value & 0xe3 : value;
		ppu->oam_address++;
		break;
	case 5:
		if (!ppu->w) {
			ppu->t = (ppu->t & 0xffe0) | value >> 3;
			ppu->fine_x = value & 7;
		} else
			ppu->t = (ppu->t & 0x8c1f) | (value & 7) << 12 | (value & 0xf8) << 2;
		ppu->w = !ppu->w;
		break;
	case 6:
		if (!ppu->w)
			ppu->t = (ppu->t & 0x80ff) | (value & 0x3f) << 8;
		else {
			ppu->t = (ppu->t & 0xff00) | value;
			ppu->v = ppu->t;
			mapper_ppu_address(nes, ppu->v & 0x3fff);
		}
		ppu->w = !ppu->w;
		break;
	case 7:
		ppu_bus_write(nes, ppu->v, value);
		increment_address(ppu);
		break;
	}
}

void ppu_power_on(struct nes *nes)
{
	struct nes_ppu *ppu = &nes->ppu;
	for (int i = 0; i < 32; i++)
		ppu->palette[i] = power_up_palette[i];
	ppu_reset(nes);
}

void ppu_reset(struct nes *nes)
{
	struct nes_ppu *ppu = &nes->ppu;
	ppu->ctrl = ppu->mask = 0;
	ppu->w = false;
	ppu->read_buffer = 0;
	ppu->t = 0;
}
