// SPDX-License-Identifier: MIT
/* ROM images: the iNES header and its NES 2.0 extension (mapper bits 8-11 and submapper, the
 * size MSBs with the exponent form, PRG and CHR RAM sizes), the trainer, and the old "DiskDude!"
 * headers whose junk in bytes 7-15 must not be read as a mapper number. */
#include "internal.h"

/* NES 2.0 ROM sizes: 12 bits in units, or 2^E * (2M + 1) bytes when the MSB nibble is $F. */
static uint64_t rom_size(uint8_t low, uint8_t msb_nibble, uint64_t unit)
{
	if (msb_nibble != 0xf)
		return (uint64_t)(msb_nibble << 8 | low) * unit;
	unsigned exponent = low >> 2, multiplier = low & 3;
	if (exponent > 40)
		return ~0ull;
	return (1ull << exponent) * (multiplier * 2 + 1);
}

/* NES 2.0 RAM sizes: 64 << shift bytes, 0 for none. */
static size_t ram_size(uint8_t shift)
{
	return shift ? (size_t)64 << shift : 0;
}

static bool mapper_supported(unsigned mapper)
{
	return mapper <= 4 || mapper == 7;
}

int nes_parse_rom(struct nes_cartridge *cart, const uint8_t *image, size_t size)
{
	static const uint8_t magic[4] = {'N', 'E', 'S', 0x1a};
	for (size_t i = 0; i < 4; i++)
		if (i >= size || image[i] != magic[i])
			return -NES_ERROR_NOT_INES;
	if (size < 16)
		return -NES_ERROR_TRUNCATED;
	uint8_t flags6 = image[6], flags7 = image[7];
	bool nes2 = (flags7 & 0x0c) == 0x08;
	bool junk = !nes2 && (image[12] | image[13] | image[14] | image[15]);
	uint64_t prg_size, chr_size;

	*cart = (struct nes_cartridge){0};
	cart->nes2 = nes2;
	cart->mapper = flags6 >> 4 | (junk ? 0 : flags7 & 0xf0);
	if (nes2) {
		cart->mapper |= (image[8] & 0x0f) << 8;
		cart->submapper = image[8] >> 4;
		prg_size = rom_size(image[4], image[9] & 0x0f, 0x4000);
		chr_size = rom_size(image[5], image[9] >> 4, 0x2000);
		cart->prg_ram_size = ram_size(image[10] & 0x0f) + ram_size(image[10] >> 4);
	} else {
		prg_size = (uint64_t)(image[4] ? image[4] : 256) * 0x4000;
		chr_size = (uint64_t)image[5] * 0x2000;
	}
	cart->battery = flags6 & 0x02;
	cart->mirroring = flags6 & 0x08	  ? NES_MIRROR_FOUR_SCREEN
			  : flags6 & 0x01 ? NES_MIRROR_VERTICAL
					  : NES_MIRROR_HORIZONTAL;
	size_t offset = 16 + (flags6 & 0x04 ? 512 : 0);
	if (prg_size == 0 || prg_size % 0x2000 || prg_size > 0x800000 || chr_size % 0x400 ||
	    chr_size > 0x800000)
		return -NES_ERROR_BAD_SIZE;
	if (offset + prg_size + chr_size > size)
		return -NES_ERROR_TRUNCATED;
	if (!mapper_supported(cart->mapper))
		return -NES_ERROR_UNSUPPORTED_MAPPER;
	cart->prg = image + offset;
	cart->prg_size = prg_size;
	if (chr_size) {
		cart->chr_rom = image + offset + prg_size;
		cart->chr_size = chr_size;
	} else {
		size_t chr_ram = nes2 ? ram_size(image[11] & 0x0f) + ram_size(image[11] >> 4) : 0;
		cart->chr_size = chr_ram && chr_ram <= NES_CHR_RAM_SIZE ? chr_ram : 0x2000;
	}
	if (!cart->prg_ram_size || cart->prg_ram_size > NES_PRG_RAM_SIZE)
		cart->prg_ram_size = 0x2000;
	return 0;
}

const char *nes_load_error_string(int error)
{
	switch (-error) {
	case NES_ERROR_NOT_INES:
		return "not an iNES ROM image (no NES<1A> header)";
	case NES_ERROR_TRUNCATED:
		return "ROM image shorter than its header says";
	case NES_ERROR_UNSUPPORTED_MAPPER:
		return "unsupported mapper (supported: 0, 1, 2, 3, 4, 7)";
	case NES_ERROR_BAD_SIZE:
		return "ROM sizes in the header are impossible";
	default:
		return "unknown error";
	}
}
