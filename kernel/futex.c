// SPDX-License-Identifier: MIT
/* Futex wait queues: a hash table of buckets, each a list of waiting threads with their key
 * and bitset. The check of the futex word and the enqueue happen with interrupts disabled, so
 * on one CPU no wake can fall between them. The table starts small (a program with a few
 * threads pays for no more) and grows fourfold, rehashing its waiters, whenever they outnumber
 * its buckets twice over: a wake walks only its bucket, so 100,000 routines each waiting on a
 * word of its own would otherwise make each wake walk thousands. */
#include "kernel/futex.h"
#include "arch/x86_64/cpu.h"
#include "kernel/compiler.h"
#include "include/uapi/errno.h"
#include "kernel/thread.h"
#include "mm/heap.h"

#define FIRST_BUCKETS	64
#define MAXIMUM_BUCKETS (1u << 16)

static struct wait_queue first_buckets[FIRST_BUCKETS];
static struct wait_queue *buckets = first_buckets;
static unsigned bucket_bits = 6; /* log2 of the table's size */
static unsigned long waiters;	 /* threads in futex_wait, in the table */
static bool ready;

static struct wait_queue *bucket_for(uintptr_t key)
{
	if (!ready) {
		for (int i = 0; i < FIRST_BUCKETS; i++)
			wait_queue_init(&first_buckets[i]);
		ready = true;
	}
	return &buckets[(key >> 2) * 0x9e3779b97f4a7c15ull >> (64 - bucket_bits)];
}

/* A table four times the size, with every waiter moved to its bucket there (in order, so the
 * waiters of one key keep theirs). Without memory the table stays as it is: slower, not wrong. */
static __cold __attribute__((noinline)) void grow(void)
{
	unsigned bits = bucket_bits + 2, count = 1u << bits;
	struct wait_queue *larger = heap_alloc_zeroed(count * sizeof(*larger));

	if (!larger)
		return;
	for (unsigned i = 0; i < count; i++)
		wait_queue_init(&larger[i]);
	uint64_t flags = interrupts_save();
	struct wait_queue *old = buckets;
	unsigned old_count = 1u << bucket_bits;

	buckets = larger;
	bucket_bits = bits;
	for (unsigned i = 0; i < old_count; i++) {
		struct list_node *node, *next;

		list_for_each_safe(node, next, &old[i].waiters)
		{
			struct thread *thread = list_entry(node, struct thread, queue_node);

			list_remove(node);
			list_add_tail(&bucket_for(thread->futex_key)->waiters, node);
		}
	}
	interrupts_restore(flags);
	if (old != first_buckets)
		heap_free(old);
}

/* The waiters are threads on the bucket's wait queue, each with its futex key and bitset. */
int futex_wait(uint32_t *address, uint32_t expected, uint64_t deadline_ns, uint32_t bitset)
{
	struct thread *current = thread_current();
	int result = -EAGAIN;

	if (waiters >= 2ul << bucket_bits && (1u << bucket_bits) < MAXIMUM_BUCKETS && ready)
		grow();
	uint64_t flags = interrupts_save();
	if (__atomic_load_n(address, __ATOMIC_SEQ_CST) == expected) {
		current->futex_key = (uintptr_t)address;
		current->futex_bitset = bitset;
		waiters++;
		result = wait_queue_sleep(bucket_for((uintptr_t)address), deadline_ns);
		waiters--;
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
