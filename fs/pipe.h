/* SPDX-License-Identifier: MIT */
/* Pipes: pipe2() and named FIFOs share one implementation. */
#pragma once
#include "fs/vfs.h"

#define PIPE_CAPACITY 65536
#define PIPE_ATOMIC   4096 /* PIPE_BUF: writes up to this size are never split */

/* Makes an anonymous pipe: two open files, read end and write end. */
int pipe_create(unsigned flags, struct file **read_end, struct file **write_end);
