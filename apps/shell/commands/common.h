// SPDX-License-Identifier: MIT
/* Helpers the commands share (apps/shell/commands/common.c): sizes for people, mode strings,
 * copying a stream, and opening an operand where "-" means standard input. */
#ifndef YOLK_SHELL_COMMANDS_COMMON_H
#define YOLK_SHELL_COMMANDS_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/* "1.5K", "12M" when HUMAN, else the plain number. */
void common_format_size(char *out, size_t size, uint64_t bytes, bool human);
/* "drwxr-xr-x": 10 characters and a NUL. */
void common_mode_string(mode_t mode, char out[11]);
/* Copies IN to OUT until the end, an error or an interrupt; returns 0 or -1 (reported on
 * stderr by the caller, errno set). */
int common_copy_stream(FILE *in, FILE *out);
/* Opens PATH for reading, "-" being the command's stdin; NULL (errno set) on failure. */
FILE *common_open_input(const char *path);
void common_close_input(FILE *file);

#endif
