/* SPDX-License-Identifier: MIT */
/* Readiness: the one mechanism under poll, select and epoll (and, later, sockets). Each object
 * that can become ready keeps a list of pollers; a thread that polls several objects puts an
 * entry on each list and sleeps; the object calls poll_notify when its state changes. */
#pragma once
#include "lib/list.h"

struct thread;

struct poll_waiters {
	struct list_node entries;
};

#define POLL_TABLE_ENTRIES 64

struct poll_entry {
	struct list_node node;
	struct thread *thread;			  /* woken by poll_notify, or */
	void (*notify)(struct poll_entry *entry); /* called instead (epoll's interests) */
	struct poll_waiters *waiters;
};

/* Entries of one waiting poll call; more are allocated when the inline ones run out. */
struct poll_table {
	struct poll_entry *single; /* if set: the one persistent entry to register (epoll) */
	struct poll_entry inline_entries[POLL_TABLE_ENTRIES];
	struct poll_entry *extra;
	unsigned count, capacity;
	struct thread *thread;
};

void poll_waiters_init(struct poll_waiters *waiters);
/* Called by a file's poll operation: registers the polling thread (no-op without a table). */
void poll_wait(struct poll_waiters *waiters, struct poll_table *table);
/* Wakes every thread polling this object. */
void poll_notify(struct poll_waiters *waiters);
void poll_table_init(struct poll_table *table);
/* Takes every entry off its object's list. */
void poll_table_release(struct poll_table *table);
