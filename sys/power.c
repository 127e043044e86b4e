// SPDX-License-Identifier: MIT
/* reboot(2): restarting or powering off the machine (the shell's `reboot` and `poweroff`). */
#include "sys/syscalls.h"
#include "include/uapi/errno.h"
#include "kernel/log.h"
#include "kernel/power.h"

#define REBOOT_MAGIC1		0xfee1dead
#define REBOOT_MAGIC2		672274793
#define REBOOT_MAGIC2A		85072278
#define REBOOT_MAGIC2B		369367448
#define REBOOT_MAGIC2C		537993216
#define REBOOT_COMMAND_RESTART	0x01234567
#define REBOOT_COMMAND_HALT	0xcdef0123
#define REBOOT_COMMAND_POWEROFF 0x4321fedc
#define REBOOT_COMMAND_CAD_ON	0x89abcdef
#define REBOOT_COMMAND_CAD_OFF	0x00000000

long sys_reboot(int magic1, int magic2, unsigned int command, void *argument)
{
	(void)argument;
	if ((unsigned int)magic1 != REBOOT_MAGIC1 ||
	    (magic2 != REBOOT_MAGIC2 && magic2 != REBOOT_MAGIC2A && magic2 != REBOOT_MAGIC2B &&
	     magic2 != REBOOT_MAGIC2C))
		return -EINVAL;
	switch (command) {
	case REBOOT_COMMAND_RESTART:
		log_print(LOG_INFO, "reboot: restarting\n");
		machine_restart();
	case REBOOT_COMMAND_HALT:
	case REBOOT_COMMAND_POWEROFF:
		power_off(0);
	case REBOOT_COMMAND_CAD_ON:
	case REBOOT_COMMAND_CAD_OFF:
		return 0; /* Ctrl-Alt-Del is the keyboard driver's to act on, or not */
	default:
		return -EINVAL;
	}
}
