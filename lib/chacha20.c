// SPDX-License-Identifier: MIT
/* ChaCha20 block function, written from RFC 8439. */
#include "lib/chacha20.h"

static uint32_t rotate_left(uint32_t value, int bits)
{
	return (value << bits) | (value >> (32 - bits));
}

static void quarter_round(uint32_t *state, int a, int b, int c, int d)
{
	state[a] += state[b];
	state[d] = rotate_left(state[d] ^ state[a], 16);
	state[c] += state[d];
	state[b] = rotate_left(state[b] ^ state[c], 12);
	state[a] += state[b];
	state[d] = rotate_left(state[d] ^ state[a], 8);
	state[c] += state[d];
	state[b] = rotate_left(state[b] ^ state[c], 7);
}

static uint32_t load_little_endian(const uint8_t *bytes)
{
	return bytes[0] | (uint32_t)bytes[1] << 8 | (uint32_t)bytes[2] << 16 |
	       (uint32_t)bytes[3] << 24;
}

void chacha20_block(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
		    const uint8_t nonce[CHACHA20_NONCE_SIZE], uint8_t output[CHACHA20_BLOCK_SIZE])
{
	uint32_t initial[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
	uint32_t state[16];

	for (int i = 0; i < 8; i++)
		initial[4 + i] = load_little_endian(key + 4 * i);
	initial[12] = counter;
	for (int i = 0; i < 3; i++)
		initial[13 + i] = load_little_endian(nonce + 4 * i);
	for (int i = 0; i < 16; i++)
		state[i] = initial[i];
	for (int round = 0; round < 10; round++) {
		quarter_round(state, 0, 4, 8, 12);
		quarter_round(state, 1, 5, 9, 13);
		quarter_round(state, 2, 6, 10, 14);
		quarter_round(state, 3, 7, 11, 15);
		quarter_round(state, 0, 5, 10, 15);
		quarter_round(state, 1, 6, 11, 12);
		quarter_round(state, 2, 7, 8, 13);
		quarter_round(state, 3, 4, 9, 14);
	}
	for (int i = 0; i < 16; i++) {
		uint32_t word = state[i] + initial[i];
		for (int byte = 0; byte < 4; byte++)
			output[4 * i + byte] = word >> (8 * byte);
	}
}
