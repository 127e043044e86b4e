// SPDX-License-Identifier: MIT
/* Poller lists (see fs/poll.h). */
#include "fs/poll.h"
#include "kernel/thread.h"
#include "mm/heap.h"

void poll_waiters_init(struct poll_waiters *waiters)
{
	list_init(&waiters->entries);
}

void poll_table_init(struct poll_table *table)
{
	table->single = NULL;
	table->extra = NULL;
	table->count = 0;
	table->capacity = POLL_TABLE_ENTRIES;
	table->thread = thread_current();
}

static struct poll_entry *entry_at(struct poll_table *table, unsigned index)
{
	return index < POLL_TABLE_ENTRIES ? &table->inline_entries[index]
					  : &table->extra[index - POLL_TABLE_ENTRIES];
}

void poll_wait(struct poll_waiters *waiters, struct poll_table *table)
{
	if (!table || !waiters)
		return;
	if (table->single) {
		if (!table->single->waiters) {
			table->single->waiters = waiters;
			list_add_tail(&waiters->entries, &table->single->node);
		}
		return;
	}
	if (table->count == table->capacity) {
		unsigned extra = table->capacity - POLL_TABLE_ENTRIES;
		unsigned grown = extra ? extra * 2 : POLL_TABLE_ENTRIES;
		struct poll_entry *entries = heap_alloc(grown * sizeof(*entries));
		if (!entries)
			return; /* this object will not wake us: the timeout still will */
		for (unsigned i = 0; i < extra; i++) {
			entries[i] = table->extra[i];
			list_init(&entries[i].node);
			list_insert_before(&table->extra[i].node, &entries[i].node);
			list_remove(&table->extra[i].node);
		}
		heap_free(table->extra);
		table->extra = entries;
		table->capacity = POLL_TABLE_ENTRIES + grown;
	}
	struct poll_entry *entry = entry_at(table, table->count++);
	entry->thread = table->thread;
	entry->notify = NULL;
	entry->waiters = waiters;
	list_add_tail(&waiters->entries, &entry->node);
}

void poll_notify(struct poll_waiters *waiters)
{
	struct list_node *node;

	list_for_each(node, &waiters->entries)
	{
		struct poll_entry *entry = list_entry(node, struct poll_entry, node);
		if (entry->notify)
			entry->notify(entry);
		else if (entry->thread->state == THREAD_BLOCKED)
			scheduler_wake(entry->thread, 0);
	}
}

void poll_table_release(struct poll_table *table)
{
	for (unsigned i = 0; i < table->count; i++)
		list_remove(&entry_at(table, i)->node);
	heap_free(table->extra);
	table->extra = NULL;
	table->count = 0;
}
