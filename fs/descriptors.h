/* SPDX-License-Identifier: MIT */
/* The file-descriptor table of the program (one: there are no processes): numbers to open
 * files, each with its close-on-exec flag. Its size is RLIMIT_NOFILE. */
#pragma once
#include <stdbool.h>
#include "fs/vfs.h"

/* Installs `file` at the lowest free number >= minimum (taking over the caller's reference);
 * the number, or -EMFILE. */
int descriptor_install(struct file *file, int minimum, bool close_on_exec);
/* The open file at fd with a reference for the caller (file_put it), or NULL. */
struct file *descriptor_get(int fd);
/* For calls that make a file: installs it at the lowest free number, or drops it (file_put)
 * when the table is full; the number or -errno. */
int descriptor_install_new(struct file *file, bool close_on_exec);
int descriptor_close(int fd);
/* dup2/dup3: makes `new_fd` refer to old's file; returns new_fd or -errno. */
int descriptor_duplicate_to(int old_fd, int new_fd, bool close_on_exec);
int descriptor_get_flags(int fd); /* FD_CLOEXEC or -EBADF */
int descriptor_set_flags(int fd, int flags);
/* Closes [first, last] (close_range), optionally only marking them close-on-exec. */
int descriptor_close_range(unsigned first, unsigned last, bool mark_only);
unsigned descriptor_limit(void);
