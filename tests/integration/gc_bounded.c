/* SPDX-License-Identifier: MIT */
/* gc_bounded (yolk build --gc): a program that allocates many times its memory in linked
 * structures (lists of nodes of mixed sizes, each list dropped for the next) and never calls
 * free() runs in bounded memory: the collector reclaims what nothing points to. Checks each
 * list's contents before dropping it, and that the heap stays far below the total allocated.
 * The total (GiB) is the first argument. */
#include <gc.h>
#include <stdint.h>
#include <stdlib.h>
#include "check.h"

struct node {
	struct node *next;
	uint64_t value;
	size_t size;
	unsigned char payload[];
};

int main(int argc, char **argv)
{
	uint64_t total = (uint64_t)(argc > 1 ? atol(argv[1]) : 1) << 30;
	uint64_t allocated = 0, random = 17, lists = 0;
	size_t largest_heap = 0;

	while (allocated < total) {
		struct node *list = NULL;
		uint64_t expected = 0;
		for (int i = 0; i < 4096; i++) {
			size_t size = 16 + test_random(&random) % 2032;
			struct node *node = malloc(sizeof(*node) + size);
			CHECK(node != NULL, "malloc of %zu failed after %llu MiB", size,
			      (unsigned long long)(allocated >> 20));
			if (!node)
				return test_result();
			node->next = list;
			node->value = test_random(&random);
			node->size = size;
			node->payload[0] = node->payload[size - 1] = (unsigned char)node->value;
			expected += node->value;
			list = node;
			allocated += sizeof(*node) + size;
		}
		uint64_t sum = 0;
		for (struct node *node = list; node; node = node->next) {
			sum += node->value;
			CHECK(node->payload[0] == (unsigned char)node->value &&
				  node->payload[node->size - 1] == (unsigned char)node->value,
			      "list %llu: a node's payload was overwritten",
			      (unsigned long long)lists);
		}
		CHECK(sum == expected, "list %llu: its values changed", (unsigned long long)lists);
		if (GC_get_heap_size() > largest_heap)
			largest_heap = GC_get_heap_size();
		lists++;
	}
	printf("allocated %llu MiB in %llu lists, never freed; largest heap %zu KiB, %zu "
	       "collections\n",
	       (unsigned long long)(allocated >> 20), (unsigned long long)lists, largest_heap >> 10,
	       (size_t)GC_get_gc_no());
	CHECK(largest_heap < 64u << 20, "the heap grew to %zu KiB", largest_heap >> 10);
	CHECK(allocated / largest_heap >= 20, "allocated only %llu times the largest heap",
	      (unsigned long long)(allocated / largest_heap));
	return test_result();
}
