// SPDX-License-Identifier: MIT
/* Thread costs, the same program on Yolk, in the Linux VM and on the host: pthread create+join
 * (ns per pair), and a mutex+condition-variable ping-pong between two threads (ns per round
 * trip). Prints "BENCH <metric> <value>" lines. */
#include <pthread.h>
#include "bench.h"

#define CREATE_JOINS 2000
#define ROUND_TRIPS  20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int turn; /* 0: ping's turn, 1: pong's */

static void *nothing(void *argument)
{
	return argument;
}

static void *pong(void *argument)
{
	(void)argument;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < ROUND_TRIPS; i++) {
		while (turn != 1)
			pthread_cond_wait(&changed, &lock);
		turn = 0;
		pthread_cond_signal(&changed);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

static double ping_pong_round(void)
{
	pthread_t thread;
	double start = bench_now_ns();

	pthread_create(&thread, NULL, pong, NULL);
	pthread_mutex_lock(&lock);
	for (int i = 0; i < ROUND_TRIPS; i++) {
		turn = 1;
		pthread_cond_signal(&changed);
		while (turn != 0)
			pthread_cond_wait(&changed, &lock);
	}
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	return (bench_now_ns() - start) / ROUND_TRIPS;
}

int main(void)
{
	double rounds[BENCH_ROUNDS];

	for (int round = 0; round < BENCH_ROUNDS; round++) {
		double start = bench_now_ns();
		for (int i = 0; i < CREATE_JOINS; i++) {
			pthread_t thread;
			if (pthread_create(&thread, NULL, nothing, NULL) ||
			    pthread_join(thread, NULL)) {
				perror("pthread");
				return 1;
			}
		}
		rounds[round] = (bench_now_ns() - start) / CREATE_JOINS;
	}
	bench_report("pthread_create_join", rounds);
	for (int round = 0; round < BENCH_ROUNDS; round++)
		rounds[round] = ping_pong_round();
	bench_report("mutex_condvar_pingpong", rounds);
	return 0;
}
