// SPDX-License-Identifier: MIT
/* The event loop's native half: one epoll instance per interpreter, the descriptors the
 * runtime watches (sockets), a wait bounded by the next timer, and the monotonic clock. The
 * loop itself (timers, immediates, microtasks, exit when nothing is pending) is
 * runtime/bootstrap.js's. A wait ends early on Ctrl-C, which stops the program. */
#include <errno.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>
#include "interpreter.h"

#define EVENTS_PER_WAIT 64

static int epoll_of(duk_context *context, struct js_interpreter *interpreter)
{
	if (interpreter->epoll < 0) {
		interpreter->epoll = epoll_create1(EPOLL_CLOEXEC);
		if (interpreter->epoll < 0)
			return js_throw_errno(context, errno, "epoll_create", NULL);
	}
	return interpreter->epoll;
}

/* watch(fd, readable, writable) */
static duk_ret_t native_watch(duk_context *context)
{
	struct js_interpreter *interpreter = js_interpreter_of(context);
	int descriptor = duk_require_int(context, 0);
	struct epoll_event event = {.data.fd = descriptor};
	int epoll = epoll_of(context, interpreter);

	if (duk_to_boolean(context, 1))
		event.events |= EPOLLIN | EPOLLRDHUP;
	if (duk_to_boolean(context, 2))
		event.events |= EPOLLOUT;
	if (epoll_ctl(epoll, EPOLL_CTL_MOD, descriptor, &event) &&
	    (errno != ENOENT || epoll_ctl(epoll, EPOLL_CTL_ADD, descriptor, &event)))
		return js_throw_errno(context, errno, "epoll_ctl", NULL);
	return 0;
}

static duk_ret_t native_unwatch(duk_context *context)
{
	struct js_interpreter *interpreter = js_interpreter_of(context);

	if (interpreter->epoll >= 0)
		epoll_ctl(interpreter->epoll, EPOLL_CTL_DEL, duk_require_int(context, 0), NULL);
	return 0;
}

static duk_ret_t interrupted(duk_context *context, struct js_interpreter *interpreter)
{
	interpreter->interrupt_seen = true;
	interpreter->stopping = true;
	return duk_error(context, DUK_ERR_RANGE_ERROR, "interrupted");
}

/* wait(milliseconds): the ready descriptors as [fd, readable, writable, ...]; -1 waits for
 * a descriptor only. Without an epoll instance (no sockets) it just sleeps. */
static duk_ret_t native_wait(duk_context *context)
{
	struct js_interpreter *interpreter = js_interpreter_of(context);
	int timeout = duk_require_int(context, 0), count;
	struct epoll_event events[EVENTS_PER_WAIT];

	if (js_interpreter_should_stop(interpreter))
		return interrupted(context, interpreter);
	if (interpreter->epoll < 0) {
		struct timespec pause = {timeout / 1000, (long)(timeout % 1000) * 1000000};

		count = timeout > 0 ? nanosleep(&pause, NULL) : 0;
	} else {
		count = epoll_wait(interpreter->epoll, events, EVENTS_PER_WAIT, timeout);
	}
	if (count < 0 && errno != EINTR)
		return js_throw_errno(context, errno, "epoll_wait", NULL);
	if (count < 0 || js_interpreter_should_stop(interpreter)) {
		if (js_interpreter_should_stop(interpreter))
			return interrupted(context, interpreter);
		count = 0;
	}
	duk_push_array(context);
	for (int i = 0; i < count && interpreter->epoll >= 0; i++) {
		duk_push_int(context, events[i].data.fd);
		duk_put_prop_index(context, -2, (duk_uarridx_t)(3 * i));
		duk_push_boolean(context,
				 events[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR));
		duk_put_prop_index(context, -2, (duk_uarridx_t)(3 * i + 1));
		duk_push_boolean(context, events[i].events & (EPOLLOUT | EPOLLERR | EPOLLHUP));
		duk_put_prop_index(context, -2, (duk_uarridx_t)(3 * i + 2));
	}
	return 1;
}

/* now(): milliseconds of the monotonic clock. */
static duk_ret_t native_now(duk_context *context)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	duk_push_number(context, (double)now.tv_sec * 1000.0 + (double)now.tv_nsec / 1e6);
	return 1;
}

void js_loop_close(struct js_interpreter *interpreter)
{
	if (interpreter->epoll >= 0)
		close(interpreter->epoll);
	interpreter->epoll = -1;
}

void js_loop_bind(duk_context *context)
{
	static const duk_function_list_entry functions[] = {
	    {"watch", native_watch, 3},
	    {"unwatch", native_unwatch, 1},
	    {"wait", native_wait, 1},
	    {"now", native_now, 0},
	    {NULL, NULL, 0},
	};

	duk_put_function_list(context, -1, functions);
}
