// SPDX-License-Identifier: MIT
/* Written straight against Linux's <linux/input.h>, as evtest is: lists /dev/input/event*
 * (name, id, capabilities, axes), checks that bad requests get clear errors and that a
 * non-blocking read with nothing queued is EAGAIN, then prints "READY" and every event it
 * reads from all devices through epoll, one line each ("EVENT N TYPE CODE VALUE"), until it
 * has seen the Q key released. tests/graphics/test_graphics.py injects the events (QMP) and
 * checks the lines. */
#include <errno.h>
#include <fcntl.h>
#include <linux/input.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include "expect.h"

#define MAX_DEVICES	    8
#define BITS_PER_LONG	    (8 * sizeof(long))
#define TEST_BIT(bits, bit) ((bits[(bit) / BITS_PER_LONG] >> ((bit) % BITS_PER_LONG)) & 1)

static void describe(int number, int fd)
{
	char name[256] = "?";
	struct input_id id;
	unsigned long types[EV_MAX / BITS_PER_LONG + 1] = {0};
	unsigned long keys[KEY_MAX / BITS_PER_LONG + 1] = {0};
	unsigned long properties[INPUT_PROP_MAX / BITS_PER_LONG + 1] = {0};
	int version = 0;

	ioctl(fd, EVIOCGVERSION, &version);
	ioctl(fd, EVIOCGNAME(sizeof(name)), name);
	ioctl(fd, EVIOCGID, &id);
	ioctl(fd, EVIOCGBIT(0, sizeof(types)), types);
	ioctl(fd, EVIOCGBIT(EV_KEY, sizeof(keys)), keys);
	ioctl(fd, EVIOCGPROP(sizeof(properties)), properties);
	printf("DEVICE %d \"%s\" version %#x bus %#x vendor %#x product %#x:%s%s%s%s%s%s\n", number,
	       name, version, id.bustype, id.vendor, id.product,
	       TEST_BIT(types, EV_KEY) ? " keys" : "", TEST_BIT(types, EV_REL) ? " relative" : "",
	       TEST_BIT(types, EV_ABS) ? " absolute" : "", TEST_BIT(keys, KEY_Q) ? " (has Q)" : "",
	       TEST_BIT(keys, BTN_LEFT) ? " (has left)" : "",
	       TEST_BIT(properties, INPUT_PROP_DIRECT) ? " (direct)" : "");
	if (TEST_BIT(types, EV_ABS)) {
		struct input_absinfo x;
		if (ioctl(fd, EVIOCGABS(ABS_X), &x) == 0)
			printf("DEVICE %d x axis %d..%d\n", number, x.minimum, x.maximum);
	}
}

static void bad_requests(int fd)
{
	struct input_event event;
	char small[4];

	expect_error("read smaller than an event", read(fd, small, sizeof(small)), EINVAL);
	expect_error("non-blocking read with nothing queued", read(fd, &event, sizeof(event)),
		     EAGAIN);
	expect_error("bad pointer", ioctl(fd, EVIOCGID, (void *)16), EFAULT);
	expect_error("unknown evdev request", ioctl(fd, _IOR('E', 0x0f, int), &event), EINVAL);
	expect_error("a terminal's request", ioctl(fd, TCGETS, &event), ENOTTY);
	expect_error("axis the device has not", ioctl(fd, EVIOCGABS(ABS_MAX), &event), EINVAL);
	if (ioctl(fd, EVIOCGRAB, 1) || ioctl(fd, EVIOCGRAB, 0)) {
		printf("FAIL grab and release: %s\n", strerror(errno));
		failures++;
	}
	expect_error("release of a grab not held", ioctl(fd, EVIOCGRAB, 0), EINVAL);
}

int main(void)
{
	int fds[MAX_DEVICES], count = 0, poller = epoll_create1(0);
	char path[32];

	for (; count < MAX_DEVICES; count++) {
		snprintf(path, sizeof(path), "/dev/input/event%d", count);
		if ((fds[count] = open(path, O_RDONLY | O_NONBLOCK)) < 0)
			break;
		describe(count, fds[count]);
		struct epoll_event interest = {.events = EPOLLIN, .data.u32 = (unsigned)count};
		epoll_ctl(poller, EPOLL_CTL_ADD, fds[count], &interest);
	}
	if (!count) {
		printf("FAIL no /dev/input/event0: %s\n", strerror(errno));
		return 1;
	}
	bad_requests(fds[0]);
	FILE *devices = fopen("/proc/bus/input/devices", "r");
	char line[256];
	while (devices && fgets(line, sizeof(line), devices))
		printf("PROC %s", line);
	if (devices)
		fclose(devices);
	printf("READY %d devices\n", count);
	fflush(stdout);
	for (int done = 0; !done;) {
		struct epoll_event ready[MAX_DEVICES];
		int n = epoll_wait(poller, ready, MAX_DEVICES, 60000);
		if (n <= 0) {
			printf("FAIL epoll_wait: %d (%s)\n", n, n ? strerror(errno) : "timed out");
			return 1;
		}
		for (int i = 0; i < n; i++) {
			struct input_event events[16];
			int device = (int)ready[i].data.u32;
			ssize_t got = read(fds[device], events, sizeof(events));
			for (ssize_t j = 0; j < got / (ssize_t)sizeof(events[0]); j++) {
				const struct input_event *e = &events[j];
				if (e->type == EV_SYN)
					continue;
				printf("EVENT %d %d %d %d\n", device, e->type, e->code, e->value);
				done |= e->type == EV_KEY && e->code == KEY_Q && e->value == 0;
			}
		}
		fflush(stdout);
	}
	printf("%s\n", failures ? "RESULT FAIL" : "RESULT PASS");
	return failures ? 1 : 0;
}
