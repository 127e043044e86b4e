/* SPDX-License-Identifier: MIT */
/* routines_many: 100,000 routines started and parked at once, each waiting to receive on a
 * channel; then the channel is closed, every routine wakes, and a wait group sees all of them
 * finish. Run with --mem 512M. */
#include <stdlib.h>
#include <yolk/chan.h>
#include <yolk/go.h>
#include "check.h"

#define ROUTINES 100000

static struct waitgroup parked = WAITGROUP_INIT, finished = WAITGROUP_INIT;
static struct chan *gate;

static void park(void *argument)
{
	bool ok = true;
	(void)argument;
	waitgroup_done(&parked);
	chan_recv(gate, NULL, &ok);
	waitgroup_done(&finished);
}

int main(void)
{
	int started = 0;

	gate = chan_make(sizeof(int), 0);
	go_set_stack_size(16 * 1024);
	waitgroup_add(&parked, ROUTINES);
	waitgroup_add(&finished, ROUTINES);
	for (int i = 0; i < ROUTINES; i++) {
		if (go(park, NULL))
			break;
		started++;
	}
	printf("%d routines started\n", started);
	CHECK(started == ROUTINES, "only %d of %d routines started", started, ROUTINES);
	waitgroup_add(&parked, started - ROUTINES);
	waitgroup_add(&finished, started - ROUTINES);
	waitgroup_wait(&parked);
	printf("%d routines parked on one channel\n", started);
	chan_close(gate);
	waitgroup_wait(&finished);
	printf("all %d routines finished\n", started);
	return test_result();
}
