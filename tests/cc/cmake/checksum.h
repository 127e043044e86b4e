/* Adler-32 of a buffer: the library half of the CMake test project. */
#ifndef CHECKSUM_H
#define CHECKSUM_H
#include <stddef.h>
#include <stdint.h>
uint32_t adler32(const void *data, size_t length);
#endif
