// SPDX-License-Identifier: MIT
/* Signals of the single program (see kernel/signal.h). */
#include "kernel/signal.h"
#include <stdbool.h>
#include "include/uapi/errno.h"
#include "kernel/log.h"
#include "kernel/power.h"

#define SIGNAL_KILL 9
#define SIGNAL_STOP 19
#define BIT(signal) (1ull << ((signal)-1))
#define UNBLOCKABLE (BIT(SIGNAL_KILL) | BIT(SIGNAL_STOP))
/* SIGCHLD, SIGCONT, SIGURG, SIGWINCH: ignored by default. */
#define DEFAULT_IGNORED (BIT(17) | BIT(18) | BIT(23) | BIT(28))

static const char *const signal_names[32] = {
	[1] = "SIGHUP",	  [2] = "SIGINT",   [3] = "SIGQUIT",  [4] = "SIGILL",   [5] = "SIGTRAP",
	[6] = "SIGABRT",  [7] = "SIGBUS",   [8] = "SIGFPE",   [9] = "SIGKILL",  [10] = "SIGUSR1",
	[11] = "SIGSEGV", [12] = "SIGUSR2", [13] = "SIGPIPE", [14] = "SIGALRM", [15] = "SIGTERM",
};

static struct linux_sigaction actions[SIGNAL_COUNT + 1];
static uint64_t blocked, pending;

static bool valid_signal(int signal)
{
	return signal >= 1 && signal <= SIGNAL_COUNT;
}

static void deliver_pending(void)
{
	uint64_t deliverable = pending & ~blocked;

	for (int signal = 1; deliverable && signal <= SIGNAL_COUNT; signal++) {
		if (!(deliverable & BIT(signal)))
			continue;
		deliverable &= ~BIT(signal);
		if (actions[signal].handler == SIG_DFL) {
			const char *name = signal < 32 ? signal_names[signal] : NULL;
			log_raw("yolk: terminated by signal %d%s%s\n", signal, name ? " " : "",
				name ? name : "");
			power_off(128 + signal);
		}
		static bool logged;
		if (!logged) {
			logged = true;
			pr_warn("signal %d has a handler; delivery to handlers is not implemented "
				"yet, it stays pending\n", signal);
		}
	}
}

int signal_set_action(int signal, const struct linux_sigaction *action,
		      struct linux_sigaction *old_action)
{
	if (!valid_signal(signal) || (action && (BIT(signal) & UNBLOCKABLE)))
		return -EINVAL;
	if (old_action)
		*old_action = actions[signal];
	if (action) {
		actions[signal] = *action;
		if (action->handler == SIG_IGN)
			pending &= ~BIT(signal);
	}
	return 0;
}

int signal_change_mask(int how, const uint64_t *set, uint64_t *old_set)
{
	if (old_set)
		*old_set = blocked;
	if (!set)
		return 0;
	switch (how) {
	case 0:
		blocked |= *set;
		break;
	case 1:
		blocked &= ~*set;
		break;
	case 2:
		blocked = *set;
		break;
	default:
		return -EINVAL;
	}
	blocked &= ~UNBLOCKABLE;
	deliver_pending();
	return 0;
}

int signal_send(int signal)
{
	if (signal == 0)
		return 0;
	if (!valid_signal(signal))
		return -EINVAL;
	uint64_t handler = actions[signal].handler;
	if (handler == SIG_IGN || (handler == SIG_DFL && (BIT(signal) & DEFAULT_IGNORED)))
		return 0;
	pending |= BIT(signal);
	deliver_pending();
	return 0;
}
