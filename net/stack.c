// SPDX-License-Identifier: MIT
/* lwIP's platform (see net/stack.h): its clock, its heap, its random numbers, its
 * diagnostics, its timers on a kernel timer, and the network lock's release, which also hands
 * frames looped back to the local interfaces to the stack. */
#include "net/stack.h"
#include <stdarg.h>
#include "kernel/cmdline.h"
#include "kernel/log.h"
#include "kernel/random.h"
#include "kernel/thread.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/timeouts.h"
#include "mm/heap.h"
#include "net/interface.h"

static struct kernel_timer timeouts_timer;
static bool started;

uint32_t sys_now(void)
{
	return (uint32_t)(time_monotonic_ns() / 1000000);
}

uint32_t net_random32(void)
{
	uint32_t value;

	random_fill(&value, sizeof(value));
	return value;
}

void *net_heap_alloc(size_t size)
{
	return heap_alloc(size);
}

void *net_heap_calloc(size_t count, size_t size)
{
	return count && size > SIZE_MAX / count ? NULL : heap_alloc_zeroed(count * size);
}

void net_heap_free(void *pointer)
{
	heap_free(pointer);
}

void net_log_diagnostic(const char *format, ...)
{
	va_list arguments;

	va_start(arguments, format);
	log_vprint(LOG_DEBUG, format, arguments);
	va_end(arguments);
}

/* lwIP asserts on its own invariants and on misuse of its API: worth a warning, not a halt
 * (the caller's error path follows the assertion). */
void net_log_assertion(const char *message, const char *file, int line)
{
	pr_warn("lwip: assertion \"%s\" failed at %s:%d\n", message, file, line);
}

static void timeouts_expired(struct kernel_timer *timer)
{
	(void)timer;
	net_check_timeouts();
	net_flush();
}

/* Arms the kernel timer for lwIP's next timeout unless it is armed for earlier already (an
 * early expiry only finds nothing due and re-arms). */
static void arm_timer(void)
{
	uint32_t sleep_ms = sys_timeouts_sleeptime();

	if (sleep_ms == SYS_TIMEOUTS_SLEEPTIME_INFINITE)
		return;
	uint64_t deadline = time_monotonic_ns() + sleep_ms * 1000000ull;
	if (!timeouts_timer.deadline_ns || deadline < timeouts_timer.deadline_ns)
		kernel_timer_start(&timeouts_timer, deadline);
}

void net_check_timeouts(void)
{
	sys_check_timeouts();
	arm_timer();
}

bool net_deliver_looped(void)
{
	bool delivered = false;

	if (!started)
		return false;
	/* A looped frame's answer is looped too (a SYN's SYN-ACK): until the queues are empty. */
	for (bool again = true; again;) {
		struct netif *netif;
		again = false;
		NETIF_FOREACH(netif)
		{
			if (netif->loop_first) {
				netif_poll(netif);
				again = delivered = true;
			}
		}
	}
	if (delivered)
		arm_timer();
	return delivered;
}

bool net_flush(void)
{
	/* Frames sent to a local address wait on the interface's loop queue; lwIP timers armed
	 * by the call (a connection's retransmission) need the kernel timer moved earlier. */
	bool delivered = net_deliver_looped();

	if (started) {
		nic_flush_all();
		arm_timer();
	}
	return delivered;
}

void net_unlock(uint64_t flags)
{
	net_flush();
	interrupts_restore(flags);
}

void net_init(const struct cmdline *cmdline)
{
	uint64_t flags = net_lock();

	timeouts_timer.expire = timeouts_expired;
	lwip_init();
	started = true;
	interface_start_all(cmdline);
	net_proc_init();
	net_unlock(flags);
}
