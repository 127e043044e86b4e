// SPDX-License-Identifier: MIT
/* Random bytes (see kernel/random.h). The ChaCha20 generator rekeys itself after every request
 * (fast key erasure), so earlier outputs cannot be recomputed from its state. */
#include "kernel/random.h"
#include <stdbool.h>
#include <stdint.h>
#include "arch/x86_64/cpu.h"
#include "kernel/time.h"
#include "lib/chacha20.h"
#include "lib/string.h"

#define CPUID1_ECX_RDRAND (1u << 30)
#define CPUID7_EBX_RDSEED (1u << 18)

static bool have_rdrand;
static uint8_t key[CHACHA20_KEY_SIZE];
static uint8_t nonce[CHACHA20_NONCE_SIZE];

static bool rdrand64(uint64_t *value)
{
	for (int attempt = 0; attempt < 10; attempt++) {
		uint8_t ok;
		__asm__ volatile("rdrand %0; setc %1" : "=r"(*value), "=qm"(ok));
		if (ok)
			return true;
	}
	return false;
}

static bool rdseed64(uint64_t *value)
{
	uint8_t ok;

	__asm__ volatile("rdseed %0; setc %1" : "=r"(*value), "=qm"(ok));
	return ok;
}

void random_init(void)
{
	bool have_rdseed = cpuid(0, 0).eax >= 7 && (cpuid(7, 0).ebx & CPUID7_EBX_RDSEED);
	uint64_t words[CHACHA20_KEY_SIZE / 8];

	have_rdrand = cpuid(1, 0).ecx & CPUID1_ECX_RDRAND;
	for (unsigned i = 0; i < CHACHA20_KEY_SIZE / 8; i++) {
		uint64_t value = 0;
		if (!(have_rdseed && rdseed64(&value)) && !(have_rdrand && rdrand64(&value))) {
			/* TSC jitter across a few CPUID instructions (they exit to the host on
			 * a hypervisor), mixed with the wall clock. */
			for (int round = 0; round < 64; round++) {
				value = (value << 7 | value >> 57) ^ rdtsc();
				cpuid(0, 0);
			}
			value ^= time_realtime_ns() * 0x9e3779b97f4a7c15ull;
		}
		words[i] = value;
	}
	memcpy(key, words, sizeof(key));
}

static void chacha20_fill(uint8_t *out, size_t length)
{
	uint8_t block[CHACHA20_BLOCK_SIZE];
	uint32_t counter = 1;

	/* Block 0 becomes the next key; blocks 1.. are output. */
	chacha20_block(key, 0, nonce, block);
	while (length) {
		uint8_t output[CHACHA20_BLOCK_SIZE];
		chacha20_block(key, counter++, nonce, output);
		size_t chunk = length < sizeof(output) ? length : sizeof(output);
		memcpy(out, output, chunk);
		out += chunk;
		length -= chunk;
		if (counter == 0) { /* 256 GiB: move to a fresh nonce */
			nonce[0]++;
		}
	}
	memcpy(key, block, sizeof(key));
	memset(block, 0, sizeof(block));
}

void random_fill(void *buffer, size_t length)
{
	uint8_t *out = buffer;
	uint64_t value;

	while (have_rdrand && length >= sizeof(value) && rdrand64(&value)) {
		memcpy(out, &value, sizeof(value));
		out += sizeof(value);
		length -= sizeof(value);
	}
	if (length)
		chacha20_fill(out, length);
}
