/* SPDX-License-Identifier: MIT */
/* atexit_order: constructors run before main, atexit handlers run in reverse order of
 * registration after main returns, and output printed by them still reaches the console.
 * The last handler to run (the first registered) checks the order and prints the result. */
#include <stdlib.h>
#include <unistd.h>
#include "check.h"

static char order[8];
static int order_length;
static int constructed;

__attribute__((constructor)) static void construct(void)
{
	constructed = 1;
}

static void record(char c)
{
	if (order_length < (int)sizeof(order) - 1)
		order[order_length++] = c;
}

static void last_handler(void)
{
	record('1');
	printf("atexit handler 1\n");
	CHECK(strcmp(order, "4321") == 0, "handlers ran in order \"%s\", expected \"4321\"", order);
	if (test_result() != 0)
		_exit(1);
}

static void handler_2(void)
{
	record('2');
	printf("atexit handler 2\n");
}

static void handler_3(void)
{
	record('3');
	printf("atexit handler 3\n");
}

static void handler_4(void)
{
	record('4');
	printf("atexit handler 4 (registered inside main)\n");
}

int main(void)
{
	CHECK(constructed, "the constructor did not run before main");
	CHECK(atexit(last_handler) == 0, "atexit failed");
	CHECK(atexit(handler_2) == 0, "atexit failed");
	CHECK(atexit(handler_3) == 0, "atexit failed");
	CHECK(atexit(handler_4) == 0, "atexit failed");
	CHECK(order_length == 0, "a handler ran before main returned");
	printf("main returns\n");
	return 0;
}
