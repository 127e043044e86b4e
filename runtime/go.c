// SPDX-License-Identifier: MIT
/* go() and wait groups (see include/yolk/go.h): a routine is a detached pthread with a small
 * guarded stack; musl maps the stack and its guard page. */
#include <errno.h>
#include <stdlib.h>
#include <yolk/go.h>

#define MINIMUM_STACK (16 * 1024)
#define DEFAULT_STACK (64 * 1024)

struct routine_start {
	void (*fn)(void *arg);
	void *arg;
};

static size_t stack_size = DEFAULT_STACK;

void go_set_stack_size(size_t bytes)
{
	bytes = (bytes + 4095) & ~(size_t)4095;
	stack_size = bytes < MINIMUM_STACK ? MINIMUM_STACK : bytes;
}

size_t go_stack_size(void)
{
	return stack_size;
}

static void *routine_main(void *argument)
{
	struct routine_start start = *(struct routine_start *)argument;

	free(argument);
	start.fn(start.arg);
	return NULL;
}

int go(void (*fn)(void *arg), void *arg)
{
	struct routine_start *start = malloc(sizeof(*start));
	pthread_attr_t attributes;
	pthread_t thread;
	int error;

	if (!start)
		return ENOMEM;
	*start = (struct routine_start){fn, arg};
	pthread_attr_init(&attributes);
	pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attributes, stack_size);
	pthread_attr_setguardsize(&attributes, 4096);
	error = pthread_create(&thread, &attributes, routine_main, start);
	pthread_attr_destroy(&attributes);
	if (error)
		free(start);
	return error;
}

void waitgroup_add(struct waitgroup *group, long delta)
{
	pthread_mutex_lock(&group->lock);
	group->count += delta;
	if (group->count <= 0)
		pthread_cond_broadcast(&group->done);
	pthread_mutex_unlock(&group->lock);
}

void waitgroup_done(struct waitgroup *group)
{
	waitgroup_add(group, -1);
}

void waitgroup_wait(struct waitgroup *group)
{
	pthread_mutex_lock(&group->lock);
	while (group->count > 0)
		pthread_cond_wait(&group->done, &group->lock);
	pthread_mutex_unlock(&group->lock);
}
