// SPDX-License-Identifier: MIT
/* pstack [TID...]: the symbolized stacks of every thread, or of the threads named, from the
 * kernel's /proc/stacks (a header line per thread, "TID STATE CPU_NS NAME", then its frames
 * from where it last stopped, innermost first). */
#include "../command.h"

#define MAX_WANTED 64

static bool wanted(int id, const int *ids, int count, bool *found)
{
	if (!count)
		return true;
	for (int i = 0; i < count; i++)
		if (ids[i] == id)
			return found[i] = true;
	return false;
}

int pstack_main(int argc, char **argv)
{
	int ids[MAX_WANTED], count = 0, status = 0;
	bool found[MAX_WANTED] = {false}, showing = false;
	char line[512], name[64], state;
	unsigned long long cpu_ns;
	FILE *stacks;

	for (int i = 1; i < argc; i++) {
		char *end;
		long id = strtol(argv[i], &end, 10);

		if (*end || end == argv[i] || id <= 0 || count == MAX_WANTED) {
			fprintf(stderr, "pstack: '%s' is not a thread id (see ps)\n", argv[i]);
			return 2;
		}
		ids[count++] = (int)id;
	}
	if (!(stacks = fopen("/proc/stacks", "r"))) {
		fprintf(stderr, "pstack: /proc/stacks: %s\n", strerror(errno));
		return 1;
	}
	while (fgets(line, sizeof(line), stacks)) {
		int id;

		if (line[0] != ' ' && line[0] != '\n') {
			name[0] = 0;
			if (sscanf(line, "%d %c %llu %63[^\n]", &id, &state, &cpu_ns, name) < 3)
				continue;
			if ((showing = wanted(id, ids, count, found)))
				printf("Thread %d (%s) %c, %.3f s CPU:\n", id, name, state,
				       (double)cpu_ns / 1e9);
		} else if (showing && fputs(line, stdout) == EOF) {
			break;
		}
	}
	fclose(stacks);
	for (int i = 0; i < count; i++)
		if (!found[i]) {
			fprintf(stderr, "pstack: no thread %d\n", ids[i]);
			status = 1;
		}
	if (fflush(stdout)) {
		fprintf(stderr, "pstack: %s\n", strerror(errno));
		return 1;
	}
	return status;
}
