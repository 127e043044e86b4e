// SPDX-License-Identifier: MIT
/* The program's arguments from a blob (see kernel/arguments.h). The module's memory stays
 * reserved, so its strings are used where they are; fw_cfg's are read into the heap. */
#include "kernel/arguments.h"
#include "drivers/platform/fw_cfg.h"
#include "include/uapi/errno.h"
#include "kernel/log.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/layout.h"

/* Points the arguments at the SIZE bytes of BLOB, each string ending with a NUL. */
static int use_blob(struct cmdline *cmdline, char *blob, size_t size)
{
	unsigned count = 0;

	if (!size || blob[size - 1])
		return -EINVAL;
	for (size_t i = 0; i < size; i++)
		count += !blob[i];
	char **arguments = heap_alloc((count + 1) * sizeof(char *));
	if (!arguments)
		return -ENOMEM;
	for (unsigned i = 0; i < count; i++) {
		arguments[i] = blob;
		blob += strlen(blob) + 1;
	}
	arguments[count] = NULL;
	cmdline->arguments = arguments;
	cmdline->argument_count = count;
	return 0;
}

void arguments_load(struct cmdline *cmdline, const struct bootinfo *info)
{
	char *blob = NULL;
	size_t size = 0;
	int error = -ENOENT;

	for (unsigned i = 0; i < info->module_count; i++)
		if (info->modules[i].arguments)
			error = use_blob(cmdline, phys_to_virtual(info->modules[i].start),
					 info->modules[i].length);
	if (error == -ENOENT && !strcmp(info->protocol, "pvh") &&
	    !fw_cfg_read_file(ARGUMENTS_FW_CFG_NAME, &blob, &size))
		error = use_blob(cmdline, blob, size);
	if (error && error != -ENOENT)
		pr_warn("the arguments' blob is unusable (%d): the command line's are used\n",
			error);
}
