/* SPDX-License-Identifier: MIT */
/* Linux's evdev ABI (<linux/input.h>, <linux/input-event-codes.h>), the part /dev/input/eventN
 * speaks: the same layouts, requests and event codes. */
#pragma once
#include <stdint.h>

struct input_event {
	int64_t seconds, microseconds; /* struct timeval */
	uint16_t type, code;
	int32_t value;
};

struct input_id {
	uint16_t bustype, vendor, product, version;
};

struct input_absinfo {
	int32_t value, minimum, maximum, fuzz, flat, resolution;
};

_Static_assert(sizeof(struct input_event) == 24, "Linux's layout");

#define EV_VERSION 0x010001

/* ioctl numbers: direction << 30 | size << 16 | 'E' << 8 | number. */
#define EVDEV_IOC_TYPE	     'E'
#define EVDEV_IOC_READ	     2u
#define EVDEV_IOC_WRITE	     1u
#define EVDEV_IOC_NUMBER(r)  ((r)&0xff)
#define EVDEV_IOC_SIZE(r)    (((r) >> 16) & 0x3fff)
#define EVDEV_IOC_TYPE_OF(r) (((r) >> 8) & 0xff)
#define EVDEV_IOC_DIR(r)     ((r) >> 30)
#define EVIOCGVERSION	     0x80044501
#define EVIOCGID	     0x80084502
#define EVIOCGREP	     0x80084503
#define EVIOCGRAB	     0x40044590
#define EVIOCSCLOCKID	     0x400445a0
/* Numbers of the variable-length requests (EVIOCGNAME(len) and so on). */
#define EVIOC_NAME 0x06
#define EVIOC_PHYS 0x07
#define EVIOC_UNIQ 0x08
#define EVIOC_PROP 0x09
#define EVIOC_KEY  0x18
#define EVIOC_LED  0x19
#define EVIOC_SND  0x1a
#define EVIOC_SW   0x1b
#define EVIOC_BIT  0x20 /* + event type */
#define EVIOC_ABS  0x40 /* + axis */

#define EV_SYN		   0x00
#define EV_KEY		   0x01
#define EV_REL		   0x02
#define EV_ABS		   0x03
#define EV_MSC		   0x04
#define EV_LED		   0x11
#define EV_REP		   0x14
#define EV_MAX		   0x1f
#define SYN_REPORT	   0
#define SYN_DROPPED	   3
#define KEY_MAX		   0x2ff
#define REL_X		   0x00
#define REL_Y		   0x01
#define REL_WHEEL	   0x08
#define REL_MAX		   0x0f
#define ABS_X		   0x00
#define ABS_Y		   0x01
#define ABS_MAX		   0x3f
#define MSC_MAX		   0x07
#define LED_MAX		   0x0f
#define BTN_LEFT	   0x110
#define BTN_RIGHT	   0x111
#define BTN_MIDDLE	   0x112
#define BUS_VIRTUAL	   0x06
#define BUS_I8042	   0x11
#define INPUT_PROP_POINTER 0x00
#define INPUT_PROP_DIRECT  0x01
#define INPUT_PROP_MAX	   0x1f
