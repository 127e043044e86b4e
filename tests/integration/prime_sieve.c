/* SPDX-License-Identifier: MIT */
/* prime_sieve: the concurrent prime sieve (one routine per prime, chained by channels, as in
 * examples/prime-sieve) finds the first 1,000 primes, checked against trial division. */
#include <stdlib.h>
#include <yolk/chan.h>
#include <yolk/go.h>
#include "check.h"

struct filter {
	struct chan *in, *out;
	int prime;
};

static void generate(void *argument)
{
	for (int number = 2;; number++)
		chan_send(argument, &number);
}

static void filter(void *argument)
{
	struct filter *self = argument;
	int number;

	for (;;) {
		chan_recv(self->in, &number, NULL);
		if (number % self->prime)
			chan_send(self->out, &number);
	}
}

static int next_prime_after(int number)
{
	for (int candidate = number + 1;; candidate++) {
		int divisor = 2;
		while (divisor * divisor <= candidate && candidate % divisor)
			divisor++;
		if (divisor * divisor > candidate)
			return candidate;
	}
}

int main(void)
{
	struct chan *channel = chan_make(sizeof(int), 0);
	int expected = 1, wrong = 0;

	go_set_stack_size(16 * 1024);
	go(generate, channel);
	for (int i = 0; i < 1000; i++) {
		struct filter *next = malloc(sizeof(*next));
		chan_recv(channel, &next->prime, NULL);
		expected = next_prime_after(expected);
		if (next->prime != expected && wrong++ < 5)
			printf("prime %d is %d, expected %d\n", i + 1, next->prime, expected);
		next->in = channel;
		next->out = chan_make(sizeof(int), 0);
		CHECK(go(filter, next) == 0, "could not start filter %d", i);
		channel = next->out;
	}
	printf("the 1000th prime is %d\n", expected);
	CHECK(wrong == 0, "%d primes were wrong", wrong);
	return test_result();
}
