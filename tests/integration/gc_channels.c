/* SPDX-License-Identifier: MIT */
/* gc_channels (yolk build --gc): a pipeline of routines passes collected objects over channels
 * (producer -> squarer -> checker), none freed: what sits in a channel's buffer, or only on a
 * routine's stack while it waits to send, is reachable and survives; what the checker drops is
 * reclaimed, so many times the memory goes through in bounded space. */
#include <gc.h>
#include <stdint.h>
#include <stdlib.h>
#include <yolk/chan.h>
#include <yolk/go.h>
#include "check.h"

struct item {
	uint64_t number;
	uint64_t square;
	struct item *twin; /* a second object reachable only through the first */
	unsigned char payload[200];
};

static uint64_t count;
static struct chan *numbers, *squares;
static struct waitgroup done;

static void producer(void *unused)
{
	(void)unused;
	for (uint64_t i = 0; i < count; i++) {
		struct item *item = malloc(sizeof(*item));
		item->number = i;
		item->twin = malloc(sizeof(*item));
		item->twin->number = ~i;
		item->payload[0] = item->payload[199] = (unsigned char)i;
		chan_send(numbers, &item);
	}
	chan_close(numbers);
	waitgroup_done(&done);
}

static void squarer(void *unused)
{
	struct item *item;
	bool ok;

	(void)unused;
	for (;;) {
		chan_recv(numbers, &item, &ok);
		if (!ok)
			break;
		item->square = item->number * item->number;
		chan_send(squares, &item);
	}
	chan_close(squares);
	waitgroup_done(&done);
}

int main(int argc, char **argv)
{
	uint64_t megabytes = argc > 1 ? (uint64_t)atol(argv[1]) : 256, received = 0;
	struct item *item;
	bool ok;

	count = (megabytes << 20) / (2 * sizeof(struct item));
	numbers = chan_make(sizeof(struct item *), 64);
	squares = chan_make(sizeof(struct item *), 0);
	waitgroup_add(&done, 2);
	go(producer, NULL);
	go(squarer, NULL);
	for (;;) {
		chan_recv(squares, &item, &ok);
		if (!ok)
			break;
		CHECK(item->number == received && item->square == received * received &&
			  item->twin->number == ~received &&
			  item->payload[0] == (unsigned char)received &&
			  item->payload[199] == (unsigned char)received,
		      "item %llu arrived damaged", (unsigned long long)received);
		received++;
	}
	waitgroup_wait(&done);
	printf("%llu objects (%llu MiB) through 2 channels, never freed; heap %zu KiB, %zu "
	       "collections\n",
	       (unsigned long long)received, (unsigned long long)megabytes,
	       GC_get_heap_size() >> 10, (size_t)GC_get_gc_no());
	CHECK(received == count, "received %llu of %llu", (unsigned long long)received,
	      (unsigned long long)count);
	CHECK(GC_get_heap_size() < 32u << 20, "the heap grew to %zu KiB", GC_get_heap_size() >> 10);
	return test_result();
}
