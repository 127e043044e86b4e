// SPDX-License-Identifier: MIT
/* Timers that send signals: alarm, setitimer/getitimer (ITIMER_REAL), and the POSIX
 * timer_create family (SIGEV_SIGNAL, SIGEV_NONE, and SIGEV_THREAD_ID, which musl's
 * SIGEV_THREAD is built on). Each is a kernel timer whose expiry, in interrupt context, sends
 * the signal and re-arms an interval. */
#include "sys/syscalls.h"
#include "arch/x86_64/cpu.h"
#include "include/uapi/linux.h"
#include "kernel/signal.h"
#include "kernel/thread.h"
#include "kernel/time.h"
#include "sys/user_memory.h"

#define TIMER_COUNT	    32
#define REAL_INTERVAL_TIMER 0 /* the slot of ITIMER_REAL and alarm */
#define SIGEV_SIGNAL	    0
#define SIGEV_NONE	    1
#define SIGEV_THREAD_ID	    4
#define ITIMER_REAL	    0
#define NS		    NANOSECONDS_PER_SECOND

struct linux_sigevent {
	uint64_t value;
	int32_t signal;
	int32_t notify;
	int32_t thread_id;
	int32_t padding[11];
};

struct linux_itimerspec {
	struct linux_timespec interval, value;
};

struct linux_itimerval {
	struct linux_timeval interval, value;
};

struct program_timer {
	struct kernel_timer timer;
	bool used;
	int clock;
	int signal, notify, thread_id;
	uint64_t interval_ns;
};

static struct program_timer timers[TIMER_COUNT];

static void timer_expired(struct kernel_timer *kernel_timer)
{
	struct program_timer *timer = container_of(kernel_timer, struct program_timer, timer);
	struct thread *target =
	    timer->notify == SIGEV_THREAD_ID ? thread_find(timer->thread_id) : NULL;

	if (timer->notify != SIGEV_NONE) {
		if (target) {
			target->signals_from_timer |= 1ull << (timer->signal - 1);
			signal_send_to_thread(target, timer->signal);
		} else if (timer->notify != SIGEV_THREAD_ID) {
			signal_send_to_program(timer->signal);
		}
	}
	if (timer->interval_ns)
		kernel_timer_start(kernel_timer, time_monotonic_ns() + timer->interval_ns);
}

static uint64_t remaining_ns(const struct program_timer *timer)
{
	uint64_t now = time_monotonic_ns(), deadline = timer->timer.deadline_ns;

	return deadline > now ? deadline - now : (deadline ? 1 : 0);
}

static void arm(struct program_timer *timer, uint64_t value_ns, uint64_t interval_ns)
{
	timer->interval_ns = interval_ns;
	kernel_timer_start(&timer->timer, value_ns ? time_monotonic_ns() + value_ns : 0);
}

static struct program_timer *real_interval_timer(void)
{
	struct program_timer *timer = &timers[REAL_INTERVAL_TIMER];

	if (!timer->used) {
		*timer = (struct program_timer){
		    .used = true, .signal = SIGNAL_ALARM, .notify = SIGEV_SIGNAL};
		timer->timer.expire = timer_expired;
	}
	return timer;
}

long sys_alarm(unsigned seconds)
{
	struct program_timer *timer = real_interval_timer();
	uint64_t flags = interrupts_save();
	uint64_t left = remaining_ns(timer);

	arm(timer, (uint64_t)seconds * NS, 0);
	interrupts_restore(flags);
	return (long)((left + NS - 1) / NS);
}

static uint64_t timeval_ns(const struct linux_timeval *value)
{
	return value->tv_sec * NS + value->tv_usec * 1000;
}

static struct linux_timeval ns_timeval(uint64_t ns)
{
	return (struct linux_timeval){ns / NS, ns % NS / 1000};
}

long sys_getitimer(int which, struct linux_itimerval *current)
{
	struct program_timer *timer = real_interval_timer();

	if (which != ITIMER_REAL)
		return -EINVAL; /* CPU-time interval timers are not provided */
	struct linux_itimerval value = {ns_timeval(timer->interval_ns),
					ns_timeval(remaining_ns(timer))};
	return copy_to_user(current, &value, sizeof(value));
}

long sys_setitimer(int which, const struct linux_itimerval *new_value,
		   struct linux_itimerval *old_value)
{
	struct linux_itimerval value;

	if (which != ITIMER_REAL)
		return -EINVAL;
	if (new_value && copy_from_user(&value, new_value, sizeof(value)))
		return -EFAULT;
	if (new_value && (value.value.tv_usec < 0 || value.value.tv_usec >= 1000000 ||
			  value.interval.tv_usec < 0 || value.interval.tv_usec >= 1000000))
		return -EINVAL;
	if (old_value) {
		long error = sys_getitimer(which, old_value);
		if (error)
			return error;
	}
	if (new_value) {
		uint64_t flags = interrupts_save();
		arm(real_interval_timer(), timeval_ns(&value.value), timeval_ns(&value.interval));
		interrupts_restore(flags);
	}
	return 0;
}

long sys_timer_create(int clock, const struct linux_sigevent *event, int *timer_id)
{
	struct linux_sigevent value = {.signal = SIGNAL_ALARM, .notify = SIGEV_SIGNAL};
	int slot;

	if (clock < 0 || clock > CLOCK_TAI)
		return -EINVAL;
	if (event && copy_from_user(&value, event, sizeof(value)))
		return -EFAULT;
	if (value.notify != SIGEV_SIGNAL && value.notify != SIGEV_NONE &&
	    value.notify != SIGEV_THREAD_ID)
		return -EINVAL;
	if (value.notify != SIGEV_NONE && (value.signal < 1 || value.signal > SIGNAL_COUNT))
		return -EINVAL;
	if (value.notify == SIGEV_THREAD_ID && !thread_find(value.thread_id))
		return -EINVAL;
	if (!user_writable(timer_id, sizeof(*timer_id)))
		return -EFAULT;
	for (slot = 1; slot < TIMER_COUNT && timers[slot].used; slot++)
		;
	if (slot == TIMER_COUNT)
		return -EAGAIN;
	timers[slot] = (struct program_timer){.used = true,
					      .clock = clock,
					      .signal = value.signal,
					      .notify = value.notify,
					      .thread_id = value.thread_id};
	timers[slot].timer.expire = timer_expired;
	list_init(&timers[slot].timer.node);
	*timer_id = slot;
	return 0;
}

static struct program_timer *find_timer(int id)
{
	return id >= 1 && id < TIMER_COUNT && timers[id].used ? &timers[id] : NULL;
}

long sys_timer_gettime(int id, struct linux_itimerspec *current)
{
	struct program_timer *timer = find_timer(id);

	if (!timer)
		return -EINVAL;
	uint64_t left = remaining_ns(timer);
	struct linux_itimerspec value = {{timer->interval_ns / NS, timer->interval_ns % NS},
					 {left / NS, left % NS}};
	return copy_to_user(current, &value, sizeof(value));
}

long sys_timer_settime(int id, int flags, const struct linux_itimerspec *new_value,
		       struct linux_itimerspec *old_value)
{
	struct program_timer *timer = find_timer(id);
	struct linux_itimerspec value;

	if (!timer)
		return -EINVAL;
	if (copy_from_user(&value, new_value, sizeof(value)))
		return -EFAULT;
	if (value.value.tv_nsec < 0 || value.value.tv_nsec >= (int64_t)NS ||
	    value.value.tv_sec < 0 || value.interval.tv_nsec < 0 ||
	    value.interval.tv_nsec >= (int64_t)NS)
		return -EINVAL;
	if (old_value && sys_timer_gettime(id, old_value))
		return -EFAULT;
	uint64_t ns = value.value.tv_sec * NS + value.value.tv_nsec;
	if ((flags & TIMER_ABSTIME) && ns) {
		uint64_t now = (timer->clock == CLOCK_REALTIME || timer->clock == CLOCK_TAI ||
				timer->clock == CLOCK_REALTIME_COARSE)
				   ? time_realtime_ns()
				   : time_monotonic_ns();
		ns = ns > now ? ns - now : 1;
	}
	uint64_t interrupt_flags = interrupts_save();
	arm(timer, ns, value.interval.tv_sec * NS + value.interval.tv_nsec);
	interrupts_restore(interrupt_flags);
	return 0;
}

long sys_timer_getoverrun(int id)
{
	return find_timer(id) ? 0 : -EINVAL;
}

long sys_timer_delete(int id)
{
	struct program_timer *timer = find_timer(id);

	if (!timer)
		return -EINVAL;
	kernel_timer_cancel(&timer->timer);
	timer->used = false;
	return 0;
}
