// SPDX-License-Identifier: MIT
/* Futex wait queues: a hash table of buckets, each a list of waiting threads with their key
 * and bitset. The check of the futex word and the enqueue happen with interrupts disabled, so
 * on one CPU no wake can fall between them. */
#include "kernel/futex.h"
#include "arch/x86_64/cpu.h"
#include "include/uapi/errno.h"
#include "kernel/thread.h"

#define BUCKETS 64

static struct wait_queue buckets[BUCKETS];
static bool ready;

static struct wait_queue *bucket_for(uintptr_t key)
{
	if (!ready) {
		for (int i = 0; i < BUCKETS; i++)
			wait_queue_init(&buckets[i]);
		ready = true;
	}
	return &buckets[(key >> 2) * 0x9e3779b97f4a7c15ull >> 58];
}

/* The waiters are threads on the bucket's wait queue, each with its futex key and bitset. */
int futex_wait(uint32_t *address, uint32_t expected, uint64_t deadline_ns, uint32_t bitset)
{
	uint64_t flags = interrupts_save();
	struct thread *current = thread_current();
	int result = -EAGAIN;

	if (__atomic_load_n(address, __ATOMIC_SEQ_CST) == expected) {
		current->futex_key = (uintptr_t)address;
		current->futex_bitset = bitset;
		result = wait_queue_sleep(bucket_for((uintptr_t)address), deadline_ns);
		current->futex_key = 0;
	}
	interrupts_restore(flags);
	return result;
}

static int wake_matching(struct wait_queue *bucket, uintptr_t key, int count, uint32_t bitset,
			 struct wait_queue *move_to, uintptr_t new_key, int move_count)
{
	struct list_node *node, *next;
	int woken = 0, moved = 0;

	list_for_each_safe(node, next, &bucket->waiters)
	{
		struct thread *thread = list_entry(node, struct thread, queue_node);
		if (thread->futex_key != key || !(thread->futex_bitset & bitset))
			continue;
		if (woken < count) {
			scheduler_wake(thread, 0);
			woken++;
		} else if (move_to && moved < move_count) {
			list_remove(&thread->queue_node);
			list_add_tail(&move_to->waiters, &thread->queue_node);
			thread->futex_key = new_key;
			moved++;
		} else {
			break;
		}
	}
	return woken + moved;
}

int futex_wake(uint32_t *address, int count, uint32_t bitset)
{
	uint64_t flags = interrupts_save();
	int woken = wake_matching(bucket_for((uintptr_t)address), (uintptr_t)address, count, bitset,
				  NULL, 0, 0);

	interrupts_restore(flags);
	return woken;
}

int futex_requeue(uint32_t *address, int wake_count, uint32_t *target, int requeue_count)
{
	uint64_t flags = interrupts_save();
	int result = wake_matching(bucket_for((uintptr_t)address), (uintptr_t)address, wake_count,
				   FUTEX_BITSET_MATCH_ANY, bucket_for((uintptr_t)target),
				   (uintptr_t)target, requeue_count);

	interrupts_restore(flags);
	return result;
}
