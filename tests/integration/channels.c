/* SPDX-License-Identifier: MIT */
/* channels: Yolk's Go-style channels and routines (<yolk/chan.h>, <yolk/go.h>): unbuffered
 * rendezvous, buffered FIFO order, close semantics, select with default and with a timeout,
 * and select fairness (two always-ready cases each chosen 40-60% of 10,000 times). */
#include <time.h>
#include <yolk/chan.h>
#include <yolk/go.h>
#include "check.h"

static volatile int sender_returned;

static void send_one(void *argument)
{
	int value = 42;
	chan_send(argument, &value);
	sender_returned = 1;
}

static void send_forever(void *argument)
{
	int value = 1;
	for (;;)
		if (chan_send(argument, &value))
			return;
}

static struct waitgroup group = WAITGROUP_INIT;

static void count_down(void *argument)
{
	chan_send(argument, &(int){1});
	waitgroup_done(&group);
}

static double now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

int main(void)
{
	struct chan *unbuffered = chan_make(sizeof(int), 0);
	int value = 0;
	bool ok;

	/* Rendezvous: the sender cannot finish before the receiver takes the value. */
	go(send_one, unbuffered);
	struct timespec pause = {0, 20000000};
	nanosleep(&pause, NULL);
	CHECK(!sender_returned, "an unbuffered send finished without a receiver");
	chan_recv(unbuffered, &value, &ok);
	CHECK(value == 42 && ok, "received %d ok=%d", value, ok);

	struct chan *buffered = chan_make(sizeof(int), 8);
	for (int i = 0; i < 8; i++)
		CHECK(chan_send(buffered, &i) == 0, "buffered send %d", i);
	CHECK(chan_len(buffered) == 8 && chan_cap(buffered) == 8, "len %zu cap %zu",
	      chan_len(buffered), chan_cap(buffered));
	for (int i = 0; i < 8; i++) {
		chan_recv(buffered, &value, &ok);
		CHECK(value == i && ok, "FIFO: got %d, expected %d", value, i);
	}

	chan_send(buffered, &(int){5});
	CHECK(chan_close(buffered) == 0, "close failed");
	chan_recv(buffered, &value, &ok);
	CHECK(value == 5 && ok, "a value sent before close is still received (%d, %d)", value, ok);
	value = 99;
	chan_recv(buffered, &value, &ok);
	CHECK(value == 0 && !ok, "closed and drained: got %d ok=%d", value, ok);
	CHECK(chan_send(buffered, &value) == CHAN_ERROR_CLOSED, "send on a closed channel");
	CHECK(chan_close(buffered) == CHAN_ERROR_CLOSED, "second close");

	struct chan *empty = chan_make(sizeof(int), 0);
	struct chan_case receive = {empty, CHAN_RECV, &value, false};
	CHECK(chan_select(&receive, 1, true, CHAN_NO_TIMEOUT) == CHAN_SELECT_DEFAULT,
	      "select with default on an empty channel");
	double start = now_ms();
	CHECK(chan_select(&receive, 1, false, 30 * 1000000ll) == CHAN_SELECT_TIMEOUT,
	      "select with a timeout");
	CHECK(now_ms() - start >= 30.0, "select timed out after %.1f ms", now_ms() - start);

	struct chan *left = chan_make(sizeof(int), 0), *right = chan_make(sizeof(int), 0);
	go(send_forever, left);
	go(send_forever, right);
	int chosen[2] = {0, 0};
	struct chan_case both[2] = {{left, CHAN_RECV, &value, false},
				    {right, CHAN_RECV, &value, false}};
	for (int i = 0; i < 10000; i++) {
		int index = chan_select(both, 2, false, CHAN_NO_TIMEOUT);
		if (index == 0 || index == 1)
			chosen[index]++;
	}
	printf("select fairness: %d / %d\n", chosen[0], chosen[1]);
	CHECK(chosen[0] >= 4000 && chosen[0] <= 6000, "case 0 chosen %d of 10000 times", chosen[0]);
	chan_close(left);
	chan_close(right);

	struct chan *results = chan_make(sizeof(int), 100);
	waitgroup_add(&group, 100);
	for (int i = 0; i < 100; i++)
		go(count_down, results);
	waitgroup_wait(&group);
	CHECK(chan_len(results) == 100, "wait group returned with %zu of 100 done",
	      chan_len(results));
	return test_result();
}
