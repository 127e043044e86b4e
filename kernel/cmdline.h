/* SPDX-License-Identifier: MIT */
/* The kernel command line, split the way `yolk run` writes it:
 *     [kernel options] [NAME=VALUE ...] -- [arguments ...]
 * Words are separated by spaces; double quotes group, a backslash escapes the next character.
 * Before "--", the kernel's own options (loglevel=N, yolk.streams=DIGITS, yolk.cwd=DIR;
 * ip=ADDRESS/PREFIX, gw=ADDRESS and dns=ADDRESS, a static network configuration for eth0) are
 * taken out (and virtio_mmio.device=, which QEMU's microvm appends, wherever it is), other
 * NAME=VALUE words become the environment and any other word an argument (as Linux does for
 * init); after it, every word is an argument. Pure code, unit-tested on the host. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CMDLINE_MAX_WORDS 256
#define CMDLINE_STORAGE	  4096

struct cmdline {
	char storage[CMDLINE_STORAGE];
	char *argument_words[CMDLINE_MAX_WORDS + 1];
	/* argument_words, NULL-terminated; or what kernel/arguments.c loaded in their place. */
	char **arguments;
	unsigned argument_count;
	char *environment[CMDLINE_MAX_WORDS + 1];
	unsigned environment_count;
	int log_level; /* -1 when not given */
	/* ip=, gw=, dns=: NULL when not given (then eth0 asks DHCP). */
	const char *network_address, *network_gateway, *network_dns;
	/* Bit N: descriptor N is a virtio-console port, not the terminal ("yolk.streams=012"). */
	unsigned streams;
	const char *working_directory; /* yolk.cwd=DIR, NULL when not given */
	uint64_t tsc_hz;	       /* yolk.tsc_hz=N, the host's word; 0 when not given */
	/* "virtio_mmio.device=SIZE@ADDRESS:IRQ" words, which QEMU appends after everything. */
	char *virtio_mmio_devices[8];
	unsigned virtio_mmio_count;
	bool truncated;
};

void cmdline_parse(struct cmdline *result, const char *line);
/* Adds CMDLINE_DEFAULT_ENVIRONMENT's variables that the environment lacks (by name). */
void cmdline_add_default_environment(struct cmdline *cmdline);

/* What a program finds in its environment unless it was given other values. */
#define CMDLINE_DEFAULT_ENVIRONMENT                                                                \
	{                                                                                          \
		"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/root", "TERM=vt100"                    \
	}
