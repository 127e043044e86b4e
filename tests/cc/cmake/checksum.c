/* Adler-32 of a buffer: the library half of the CMake test project. */
#include "checksum.h"

uint32_t adler32(const void *data, size_t length)
{
	const unsigned char *bytes = data;
	uint32_t a = 1, b = 0;
	for (size_t i = 0; i < length; i++) {
		a = (a + bytes[i]) % 65521;
		b = (b + a) % 65521;
	}
	return b << 16 | a;
}
