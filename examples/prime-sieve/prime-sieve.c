/* The concurrent prime sieve (after the Go example that eggos ran): a generator routine sends
 * 2, 3, 4, ... down a channel; each prime found starts a filter routine that passes on only
 * the numbers it does not divide, chained channel to channel.
 *
 *     yolk run prime-sieve.elf -- 1000      prints the first 1000 primes */
#include <stdio.h>
#include <stdlib.h>
#include <yolk/chan.h>
#include <yolk/go.h>

struct filter {
	struct chan *in, *out;
	int prime;
};

static void generate(void *argument)
{
	struct chan *out = argument;

	for (int number = 2;; number++)
		chan_send(out, &number);
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

int main(int argc, char **argv)
{
	int count = argc > 1 ? atoi(argv[1]) : 100;
	struct chan *channel = chan_make(sizeof(int), 0);

	go_set_stack_size(16 * 1024);
	if (!channel || go(generate, channel)) {
		fprintf(stderr, "prime-sieve: cannot start the generator\n");
		return 1;
	}
	for (int i = 0; i < count; i++) {
		struct filter *next = malloc(sizeof(*next));
		chan_recv(channel, &next->prime, NULL);
		printf("%d\n", next->prime);
		next->in = channel;
		next->out = chan_make(sizeof(int), 0);
		if (!next->out || go(filter, next)) {
			fprintf(stderr, "prime-sieve: cannot start filter %d\n", i);
			return 1;
		}
		channel = next->out;
	}
	return 0;
}
