/* SPDX-License-Identifier: MIT */
/* A terminal: the line discipline (Linux's N_TTY in the parts programs use) and the terminal's
 * job-control state, one implementation for every terminal Yolk has — the console
 * (kernel/console.c) and each pseudo-terminal's slave side (kernel/pseudo_terminal.c). The
 * owner says where output goes and is told when input has room again; the terminal does the
 * rest: canonical editing (erase, kill, word-erase, end of file) of a line that becomes
 * readable at its newline, or raw reads by VMIN/VTIME; echo (ECHOCTL for control characters);
 * ICRNL/INLCR/IGNCR on input and OPOST|ONLCR on output; ISIG turning ^C and ^\ into SIGINT and
 * SIGQUIT for the foreground process group; the window size, with SIGWINCH when it changes;
 * and the session it is the controlling terminal of. Everything runs with interrupts off (the
 * terminal lock on one CPU), input from interrupt handlers as well as from system calls. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "include/uapi/linux.h"
#include "kernel/thread.h"
#include "lib/byte_ring.h"
#include "fs/poll.h"

#define TERMINAL_INPUT_SIZE 4096

struct terminal;

struct terminal_operations {
	/* Takes output bytes (echo and what programs write, after output processing); never
	 * more than `room` said. */
	void (*put)(struct terminal *terminal, const char *text, size_t length);
	/* How many bytes `put` can take now; NULL when it takes everything (the console). */
	size_t (*room)(struct terminal *terminal);
	/* Input has room again after a read or a flush; NULL when nobody waits for it. */
	void (*input_room)(struct terminal *terminal);
};

struct terminal {
	const struct terminal_operations *operations;
	unsigned char input_storage[TERMINAL_INPUT_SIZE];
	struct byte_ring input;
	size_t readable; /* bytes a read may take: whole lines in canonical mode, all in raw */
	unsigned end_of_file_marks;
	struct wait_queue readers, writers;
	struct poll_waiters pollers;
	struct linux_termios termios;
	struct linux_winsize window;
	int session;	      /* the session it is the controlling terminal of, 0 for none */
	int foreground_group; /* the process group ISIG and SIGWINCH signal */
	bool hung_up;	      /* the other side is gone: reads see end of file, writes EIO */
};

/* Linux's initial settings (cooked, echo, ISIG), 80x24, no session. */
void terminal_init(struct terminal *terminal, const struct terminal_operations *operations);
/* One byte of input (interrupt context or a system call). */
void terminal_input(struct terminal *terminal, unsigned char byte);
/* Whether terminal_input can take a byte without dropping it. */
bool terminal_has_room(const struct terminal *terminal);
/* What a read or write of the terminal does (blocking unless `nonblocking`). */
long terminal_read(struct terminal *terminal, char *buffer, size_t length, bool nonblocking);
long terminal_write(struct terminal *terminal, const char *text, size_t length, bool nonblocking);
/* Writes from kernel memory without blocking, dropping what does not fit (kernel messages). */
void terminal_write_kernel(struct terminal *terminal, const char *text, size_t length);
/* The terminal requests (TCGETS, TIOCGWINSZ, TIOCSCTTY, TIOCSPGRP, ...); -ENOTTY otherwise. */
long terminal_ioctl(struct terminal *terminal, unsigned long request, void *argument);
/* POLL_IN / POLL_OUT / POLL_HUP, registering `table` to be woken. */
unsigned terminal_poll(struct terminal *terminal, struct poll_table *table);
/* Sets the window size; SIGWINCH to the foreground group when it changed. */
void terminal_set_window(struct terminal *terminal, const struct linux_winsize *window);
/* The other side went away: wakes every waiter, SIGHUP to the foreground group. */
void terminal_hang_up(struct terminal *terminal);
/* Sends `signal` to the foreground process group (TIOCSIG on a pseudo-terminal's master). */
int terminal_signal_foreground(struct terminal *terminal, int signal);
/* Wakes writers waiting for room in the output (the owner calls it when output drained). */
void terminal_output_drained(struct terminal *terminal);
/* Bytes of user memory a terminal request reads or writes (0: its argument is a number). */
long terminal_ioctl_argument_size(unsigned long request);
