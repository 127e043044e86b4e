/* SPDX-License-Identifier: MIT */
/* gc_bounded (yolk build --gc): a program that allocates many times its memory in linked
 * structures (lists of nodes, each list dropped for the next) and never calls free() runs in
 * bounded memory: the collector reclaims what nothing points to. Checks each list's contents
 * before dropping it, and that the heap stays far below the total allocated.
 *
 *   gc_bounded GIB            nodes of 16 to 2,048 bytes from malloc (all scanned)
 *   gc_bounded GIB payloads   small nodes from malloc, each holding a payload of 64 KiB to
 *                             1 MiB from GC_malloc_atomic (not cleared, not scanned): many
 *                             bytes for little work, so 20 GiB is cheap enough for make test.
 *                             Every 4 KiB of a payload carries its node's value, so a payload
 *                             reused while still reachable, or two that overlap, are found. */
#include <gc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

struct node {
	struct node *next;
	uint64_t value;
	size_t size;
	unsigned char *payload; /* the payload itself: inline (small nodes) or GC_malloc_atomic */
	unsigned char inline_payload[];
};

enum { PAYLOAD_STAMP_STRIDE = 4096 };

/* A payload's marks: its first and last byte (small nodes), or the node's value at every
 * PAYLOAD_STAMP_STRIDE bytes and the low byte of it in the last (payloads). */
static void mark_payload(struct node *node, int large)
{
	if (large)
		for (size_t at = 0; at + 16 <= node->size; at += PAYLOAD_STAMP_STRIDE)
			memcpy(node->payload + at, &node->value, sizeof(node->value));
	node->payload[0] = node->payload[node->size - 1] = (unsigned char)node->value;
}

static int payload_is_intact(const struct node *node, int large)
{
	if (large)
		for (size_t at = 0; at + 16 <= node->size; at += PAYLOAD_STAMP_STRIDE) {
			uint64_t stamp;
			memcpy(&stamp, node->payload + at, sizeof(stamp));
			if (stamp != node->value)
				return 0;
		}
	return node->payload[node->size - 1] == (unsigned char)node->value &&
	       (large || node->payload[0] == (unsigned char)node->value);
}

int main(int argc, char **argv)
{
	uint64_t total = (uint64_t)(argc > 1 ? atol(argv[1]) : 1) << 30;
	int large = argc > 2 && strcmp(argv[2], "payloads") == 0;
	int nodes_per_list = large ? 16 : 4096;
	uint64_t allocated = 0, random = 17, lists = 0;
	size_t largest_heap = 0;

	if (argc > 2 && !large) {
		fprintf(stderr, "usage: gc_bounded GIB [payloads]\n");
		return 2;
	}
	/* bdwgc collects after about a third of the memory it must scan has been allocated, and
	 * counts unscanned (atomic) memory a quarter: 16 payloads of 8 MiB together would mean a
	 * collection every megabyte (17,500 for 20 GiB, 24 s under TCG). One every 8 MiB is
	 * 2,400 collections and the heap still stays within a fifth of --mem. */
	if (large)
		GC_set_min_bytes_allocd(8u << 20);
	while (allocated < total) {
		struct node *list = NULL;
		uint64_t expected = 0;
		for (int i = 0; i < nodes_per_list; i++) {
			size_t size = large ? (64u << 10) + test_random(&random) % (960u << 10)
					    : 16 + test_random(&random) % 2032;
			struct node *node = malloc(sizeof(*node) + (large ? 0 : size));
			unsigned char *payload = NULL;
			if (node)
				payload = large ? GC_malloc_atomic(size) : node->inline_payload;
			CHECK(node && payload,
			      "allocating a node of %zu bytes failed after %llu MiB", size,
			      (unsigned long long)(allocated >> 20));
			if (!node || !payload)
				return test_result();
			node->next = list;
			node->value = test_random(&random);
			node->size = size;
			node->payload = payload;
			mark_payload(node, large);
			expected += node->value;
			list = node;
			allocated += sizeof(*node) + size;
		}
		uint64_t sum = 0;
		int count = 0;
		for (struct node *node = list; node; node = node->next, count++) {
			sum += node->value;
			CHECK(payload_is_intact(node, large),
			      "list %llu: a node's payload was overwritten",
			      (unsigned long long)lists);
		}
		CHECK(count == nodes_per_list && sum == expected,
		      "list %llu: %d nodes, or their values changed", (unsigned long long)lists,
		      count);
		if (GC_get_heap_size() > largest_heap)
			largest_heap = GC_get_heap_size();
		lists++;
	}
	printf("allocated %llu MiB in %llu lists%s, never freed; largest heap %zu KiB, %zu "
	       "collections\n",
	       (unsigned long long)(allocated >> 20), (unsigned long long)lists,
	       large ? " of payloads" : "", largest_heap >> 10, (size_t)GC_get_gc_no());
	CHECK(largest_heap < 64u << 20, "the heap grew to %zu KiB", largest_heap >> 10);
	CHECK(allocated / largest_heap >= 20, "allocated only %llu times the largest heap",
	      (unsigned long long)(allocated / largest_heap));
	/* The heap can only have stayed that small if collections reclaimed it all along. */
	CHECK(GC_get_gc_no() >= allocated / largest_heap, "only %zu collections",
	      (size_t)GC_get_gc_no());
	return test_result();
}
