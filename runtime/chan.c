// SPDX-License-Identifier: MIT
/* Channels (see include/yolk/chan.h), after Go's runtime: each channel has a lock, a ring of
 * buffered elements and queues of waiting senders and receivers. A waiter belongs to one
 * operation (a plain send or receive, or a whole select); whoever completes it first claims it
 * with a compare-and-swap on its state, so a select fires exactly one case. Waiting is a futex
 * on that state word. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <yolk/chan.h>

#define FUTEX_WAKE_PRIVATE	  129
#define FUTEX_WAIT_BITSET_PRIVATE 137
#define FUTEX_BITSET_MATCH_ANY	  0xffffffffu

enum { WAITING, FIRED, TIMED_OUT };

struct operation {
	int state;	/* WAITING, then FIRED or TIMED_OUT: the futex word */
	int fired_case; /* which case completed it */
	bool closed;	/* it completed because the channel was closed */
};

struct waiter {
	struct operation *operation;
	int case_index;
	void *element;
	struct waiter *next, *previous;
	struct chan *channel;
};

struct waiter_queue {
	struct waiter *first, *last;
};

struct chan {
	pthread_mutex_t lock;
	size_t element_size, capacity, count, head;
	bool closed;
	struct waiter_queue senders, receivers;
	unsigned char buffer[];
};

static void report_closed(const char *what)
{
	fprintf(stderr, "yolk: %s on a closed channel\n", what);
}

struct chan *chan_make(size_t element_size, size_t capacity)
{
	if (capacity && element_size > (SIZE_MAX - sizeof(struct chan)) / capacity)
		return NULL;
	struct chan *channel = calloc(1, sizeof(*channel) + element_size * capacity);

	if (!channel)
		return NULL;
	pthread_mutex_init(&channel->lock, NULL);
	channel->element_size = element_size;
	channel->capacity = capacity;
	return channel;
}

void chan_free(struct chan *channel)
{
	if (channel) {
		pthread_mutex_destroy(&channel->lock);
		free(channel);
	}
}

static void enqueue(struct waiter_queue *queue, struct waiter *waiter)
{
	waiter->next = NULL;
	waiter->previous = queue->last;
	if (queue->last)
		queue->last->next = waiter;
	else
		queue->first = waiter;
	queue->last = waiter;
}

static void unlink_waiter(struct waiter_queue *queue, struct waiter *waiter)
{
	if (waiter->previous)
		waiter->previous->next = waiter->next;
	else if (queue->first == waiter)
		queue->first = waiter->next;
	else
		return; /* not queued */
	if (waiter->next)
		waiter->next->previous = waiter->previous;
	else
		queue->last = waiter->previous;
	waiter->next = waiter->previous = NULL;
}

static void wake(struct operation *operation)
{
	syscall(SYS_futex, &operation->state, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

/* Takes the first waiter in the queue whose operation can still be claimed; NULL if none. */
static struct waiter *claim_first(struct waiter_queue *queue)
{
	for (struct waiter *waiter = queue->first; waiter; waiter = queue->first) {
		unlink_waiter(queue, waiter);
		int expected = WAITING;
		if (__atomic_compare_exchange_n(&waiter->operation->state, &expected, FIRED, false,
						__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
			waiter->operation->fired_case = waiter->case_index;
			return waiter;
		}
	}
	return NULL;
}

static unsigned char *slot(struct chan *channel, size_t index)
{
	return channel->buffer + (index % channel->capacity) * channel->element_size;
}

static void copy_out(struct chan *channel, void *to, const void *from)
{
	if (to)
		memcpy(to, from, channel->element_size);
}

/* Tries to send without waiting; channel locked. 1 done, 0 would block, CHAN_ERROR_CLOSED. */
static int try_send(struct chan *channel, const void *element)
{
	struct waiter *receiver;

	if (channel->closed)
		return CHAN_ERROR_CLOSED;
	if ((receiver = claim_first(&channel->receivers))) {
		copy_out(channel, receiver->element, element);
		wake(receiver->operation);
		return 1;
	}
	if (channel->count < channel->capacity) {
		memcpy(slot(channel, channel->head + channel->count), element,
		       channel->element_size);
		channel->count++;
		return 1;
	}
	return 0;
}

/* Tries to receive without waiting; channel locked. 1 done (*ok says if a value came). */
static int try_recv(struct chan *channel, void *element, bool *ok)
{
	struct waiter *sender;

	if (channel->count) {
		copy_out(channel, element, slot(channel, channel->head));
		channel->head = (channel->head + 1) % channel->capacity;
		channel->count--;
		/* A waiting sender's element takes the freed place. */
		if ((sender = claim_first(&channel->senders))) {
			memcpy(slot(channel, channel->head + channel->count), sender->element,
			       channel->element_size);
			channel->count++;
			wake(sender->operation);
		}
		*ok = true;
		return 1;
	}
	if ((sender = claim_first(&channel->senders))) {
		copy_out(channel, element, sender->element);
		wake(sender->operation);
		*ok = true;
		return 1;
	}
	if (channel->closed) {
		if (element)
			memset(element, 0, channel->element_size);
		*ok = false;
		return 1;
	}
	return 0;
}

/* Waits for the operation to fire or the deadline (CLOCK_MONOTONIC ns, 0 = none). */
static void wait_for(struct operation *operation, int64_t deadline_ns)
{
	while (__atomic_load_n(&operation->state, __ATOMIC_ACQUIRE) == WAITING) {
		struct timespec deadline = {deadline_ns / 1000000000, deadline_ns % 1000000000};
		long result =
		    syscall(SYS_futex, &operation->state, FUTEX_WAIT_BITSET_PRIVATE, WAITING,
			    deadline_ns ? &deadline : NULL, NULL, FUTEX_BITSET_MATCH_ANY);
		if (result < 0 && errno == ETIMEDOUT) {
			int expected = WAITING;
			__atomic_compare_exchange_n(&operation->state, &expected, TIMED_OUT, false,
						    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
		}
	}
}

static uint64_t next_random(void)
{
	static __thread uint64_t state;

	if (!state && getrandom(&state, sizeof(state), 0) != sizeof(state))
		state = (uint64_t)(uintptr_t)&state | 1;
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

/* The distinct channels of the cases, sorted by address: the order locks are taken in. */
static size_t lock_order(const struct chan_case *cases, size_t count, struct chan **channels)
{
	size_t distinct = 0;

	for (size_t i = 0; i < count; i++) {
		struct chan *channel = cases[i].channel;
		size_t at = 0;
		if (!channel)
			continue;
		while (at < distinct && channels[at] < channel)
			at++;
		if (at < distinct && channels[at] == channel)
			continue;
		memmove(&channels[at + 1], &channels[at], (distinct - at) * sizeof(*channels));
		channels[at] = channel;
		distinct++;
	}
	return distinct;
}

static void lock_all(struct chan **channels, size_t distinct)
{
	for (size_t i = 0; i < distinct; i++)
		pthread_mutex_lock(&channels[i]->lock);
}

static void unlock_all(struct chan **channels, size_t distinct)
{
	for (size_t i = distinct; i-- > 0;)
		pthread_mutex_unlock(&channels[i]->lock);
}

/* Pass 1: the first ready case in a random order, done; -1 if none. Channels locked. */
static int try_cases(struct chan_case *cases, size_t count, bool *send_failed)
{
	size_t order[count];

	for (size_t i = 0; i < count; i++)
		order[i] = i;
	for (size_t i = count; i > 1; i--) {
		size_t j = next_random() % i, swap = order[i - 1];
		order[i - 1] = order[j];
		order[j] = swap;
	}
	for (size_t k = 0; k < count; k++) {
		struct chan_case *one = &cases[order[k]];
		int result;
		if (!one->channel)
			continue;
		if (one->direction == CHAN_SEND) {
			result = try_send(one->channel, one->element);
			if (result == CHAN_ERROR_CLOSED)
				*send_failed = true;
		} else {
			result = try_recv(one->channel, one->element, &one->ok);
		}
		if (result)
			return (int)order[k];
	}
	return -1;
}

static int64_t deadline_after(int64_t timeout_ns)
{
	struct timespec now;

	if (timeout_ns == CHAN_NO_TIMEOUT)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1000000000ll + now.tv_nsec + (timeout_ns > 0 ? timeout_ns : 0) + 1;
}

static int select_cases(struct chan_case *cases, size_t count, bool has_default, int64_t timeout_ns,
			bool *send_failed)
{
	struct chan *channels[count ? count : 1];
	struct waiter waiters[count ? count : 1];
	struct operation operation = {WAITING, -1, false};
	size_t distinct = lock_order(cases, count, channels);

	*send_failed = false;
	lock_all(channels, distinct);
	int fired = try_cases(cases, count, send_failed);
	if (fired >= 0 || has_default || timeout_ns <= 0) {
		unlock_all(channels, distinct);
		if (*send_failed)
			report_closed("send");
		return fired >= 0 ? fired : has_default ? CHAN_SELECT_DEFAULT : CHAN_SELECT_TIMEOUT;
	}
	for (size_t i = 0; i < count; i++) {
		waiters[i] = (struct waiter){&operation, (int)i, cases[i].element,
					     NULL,	 NULL,	 cases[i].channel};
		if (cases[i].channel)
			enqueue(cases[i].direction == CHAN_SEND ? &cases[i].channel->senders
								: &cases[i].channel->receivers,
				&waiters[i]);
	}
	unlock_all(channels, distinct);
	wait_for(&operation, deadline_after(timeout_ns));
	lock_all(channels, distinct);
	for (size_t i = 0; i < count; i++)
		if (cases[i].channel)
			unlink_waiter(cases[i].direction == CHAN_SEND
					  ? &cases[i].channel->senders
					  : &cases[i].channel->receivers,
				      &waiters[i]);
	unlock_all(channels, distinct);
	if (operation.state == TIMED_OUT)
		return CHAN_SELECT_TIMEOUT;
	fired = operation.fired_case;
	if (cases[fired].direction == CHAN_RECV) {
		cases[fired].ok = !operation.closed;
	} else if (operation.closed) {
		*send_failed = true;
		report_closed("send");
	}
	return fired;
}

int chan_select(struct chan_case *cases, size_t count, bool has_default, int64_t timeout_ns)
{
	bool send_failed;

	return select_cases(cases, count, has_default, timeout_ns, &send_failed);
}

int chan_send(struct chan *channel, const void *element)
{
	struct chan_case send_case = {channel, CHAN_SEND, (void *)element, false};
	bool send_failed;

	select_cases(&send_case, 1, false, CHAN_NO_TIMEOUT, &send_failed);
	return send_failed ? CHAN_ERROR_CLOSED : 0;
}

void chan_recv(struct chan *channel, void *element, bool *ok)
{
	struct chan_case receive_case = {channel, CHAN_RECV, element, false};
	bool send_failed;

	select_cases(&receive_case, 1, false, CHAN_NO_TIMEOUT, &send_failed);
	if (ok)
		*ok = receive_case.ok;
}

int chan_close(struct chan *channel)
{
	struct waiter *waiter;

	pthread_mutex_lock(&channel->lock);
	if (channel->closed) {
		pthread_mutex_unlock(&channel->lock);
		report_closed("close");
		return CHAN_ERROR_CLOSED;
	}
	channel->closed = true;
	/* Every waiting receiver gets "closed"; every waiting sender an error. */
	while ((waiter = claim_first(&channel->receivers))) {
		if (waiter->element)
			memset(waiter->element, 0, channel->element_size);
		waiter->operation->closed = true;
		wake(waiter->operation);
	}
	while ((waiter = claim_first(&channel->senders))) {
		waiter->operation->closed = true;
		wake(waiter->operation);
	}
	pthread_mutex_unlock(&channel->lock);
	return 0;
}

size_t chan_len(struct chan *channel)
{
	pthread_mutex_lock(&channel->lock);
	size_t count = channel->count;
	pthread_mutex_unlock(&channel->lock);
	return count;
}

size_t chan_cap(struct chan *channel)
{
	return channel->capacity;
}
