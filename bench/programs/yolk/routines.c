// SPDX-License-Identifier: MIT
/* Yolk's routines and channels (no Linux counterpart): an unbuffered channel ping-pong between
 * two routines (ns per round trip, to set beside the pthread condvar figure), and the time to
 * start 100,000 routines that park on one channel (ns per routine). */
#include <yolk/chan.h>
#include <yolk/go.h>
#include "../bench.h"

#define ROUND_TRIPS 20000
#define ROUTINES    100000

static struct chan *ping, *pong;
static struct waitgroup parked = WAITGROUP_INIT;
static struct chan *gate;

static void echo(void *argument)
{
	int value;
	(void)argument;
	for (int i = 0; i < ROUND_TRIPS; i++) {
		chan_recv(ping, &value, NULL);
		chan_send(pong, &value);
	}
}

static void park(void *argument)
{
	(void)argument;
	waitgroup_done(&parked);
	chan_recv(gate, NULL, NULL);
}

int main(void)
{
	double rounds[BENCH_ROUNDS];

	ping = chan_make(sizeof(int), 0);
	pong = chan_make(sizeof(int), 0);
	for (int round = 0; round < BENCH_ROUNDS; round++) {
		double start = bench_now_ns();
		go(echo, NULL);
		for (int i = 0; i < ROUND_TRIPS; i++) {
			chan_send(ping, &i);
			chan_recv(pong, NULL, NULL);
		}
		rounds[round] = (bench_now_ns() - start) / ROUND_TRIPS;
	}
	bench_report("channel_pingpong", rounds);
	gate = chan_make(sizeof(int), 0);
	go_set_stack_size(16 * 1024);
	waitgroup_add(&parked, ROUTINES);
	double start = bench_now_ns();
	for (int i = 0; i < ROUTINES; i++)
		if (go(park, NULL)) {
			printf("only %d routines started\n", i);
			return 1;
		}
	waitgroup_wait(&parked);
	printf("BENCH start_100k_routines_ns %.1f\n", (bench_now_ns() - start) / ROUTINES);
	return 0;
}
