// SPDX-License-Identifier: MIT
/* ps and top: the image's threads from /proc/threads (Yolk's thread table: there are no
 * processes). ps lists them once; top refreshes a view with each thread's share of the CPU
 * since the last refresh and the memory in use, every second in place, until 'q' or Ctrl-C
 * (-n COUNT refreshes, -d SECONDS between them); its input, when a terminal, is in raw mode
 * (no echo, no line editing: a key counts at once) meanwhile. */
#include <poll.h>
#include <termios.h>
#include <time.h>
#include "../command.h"

#define MAX_THREADS 1024

struct thread_row {
	int id, priority;
	char state;
	unsigned long long cpu_ns, stack_bytes;
	char name[32];
};

static int read_threads(struct thread_row *rows, int capacity)
{
	FILE *file = fopen("/proc/threads", "r");
	char line[256];
	int count = 0;

	if (!file)
		return -1;
	if (!fgets(line, sizeof(line), file)) { /* the header */
		fclose(file);
		return -1;
	}
	while (count < capacity && fgets(line, sizeof(line), file)) {
		struct thread_row *row = &rows[count];

		row->name[0] = 0;
		if (sscanf(line, "%d %c %d %llu %llu %31[^\n]", &row->id, &row->state,
			   &row->priority, &row->cpu_ns, &row->stack_bytes, row->name) >= 5)
			count++;
	}
	fclose(file);
	return count;
}

int ps_main(int argc, char **argv)
{
	struct thread_row *rows;
	int count;

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "ps: no options (every thread is listed)\n");
		return 2;
	}
	if (!(rows = malloc(MAX_THREADS * sizeof(*rows))) ||
	    (count = read_threads(rows, MAX_THREADS)) < 0) {
		fprintf(stderr, "ps: /proc/threads: %s\n", strerror(errno));
		free(rows);
		return 1;
	}
	printf("%5s %s %3s %10s %8s %s\n", "TID", "S", "PRI", "TIME(ms)", "STACK", "NAME");
	for (int i = 0; i < count; i++)
		printf("%5d %c %3d %10llu %7lluK %s\n", rows[i].id, rows[i].state, rows[i].priority,
		       rows[i].cpu_ns / 1000000, (rows[i].stack_bytes + 1023) / 1024, rows[i].name);
	free(rows);
	return 0;
}

static unsigned long long meminfo_kib(const char *field)
{
	FILE *file = fopen("/proc/meminfo", "r");
	char line[128];
	unsigned long long value = 0;
	size_t length = strlen(field);

	while (file && fgets(line, sizeof(line), file))
		if (!strncmp(line, field, length) && line[length] == ':')
			sscanf(line + length + 1, "%llu", &value);
	if (file)
		fclose(file);
	return value;
}

/* The thread's CPU time at the last refresh (0 before the first: then the interval is the time
 * since boot). */
static unsigned long long previous_cpu(const struct thread_row *before, int count, int id)
{
	for (int i = 0; i < count; i++)
		if (before[i].id == id)
			return before[i].cpu_ns;
	return 0;
}

static void show(const struct thread_row *rows, int count, const struct thread_row *before,
		 int before_count, double interval_ns)
{
	unsigned long long total = meminfo_kib("MemTotal"), available = meminfo_kib("MemAvailable");

	/* In place on a terminal; one view after another into a pipe or file. */
	if (isatty(fileno(stdout)))
		printf("\x1b[H\x1b[2J");
	printf("top: %d threads, memory %llu KiB used of %llu KiB ('q' quits)\n\n", count,
	       total - available, total);
	printf("%5s %s %3s %6s %10s %8s %s\n", "TID", "S", "PRI", "CPU%", "TIME(ms)", "STACK",
	       "NAME");
	for (int i = 0; i < count; i++) {
		double used =
		    (double)(rows[i].cpu_ns - previous_cpu(before, before_count, rows[i].id));

		printf("%5d %c %3d %6.1f %10llu %7lluK %s\n", rows[i].id, rows[i].state,
		       rows[i].priority, interval_ns > 0 ? 100.0 * used / interval_ns : 0.0,
		       rows[i].cpu_ns / 1000000, (rows[i].stack_bytes + 1023) / 1024, rows[i].name);
	}
	fflush(stdout);
}

/* Waits up to SECONDS for a key; true when it was 'q' (or the input ended). */
static bool quit_pressed(double seconds)
{
	struct pollfd input = {fileno(stdin), POLLIN, 0};
	char key;

	if (poll(&input, 1, (int)(seconds * 1000)) <= 0)
		return false;
	return read(fileno(stdin), &key, 1) != 1 || key == 'q' || key == 'Q';
}

int top_main(int argc, char **argv)
{
	struct thread_row(*rows)[MAX_THREADS] = malloc(2 * sizeof(*rows));
	double delay = 1.0;
	long iterations = -1;
	int option, counts[2] = {0, 0}, now = 0;
	struct termios saved, raw;
	struct timespec then = {0, 0}, current; /* the monotonic clock starts at boot */

	if (!rows) {
		fprintf(stderr, "top: out of memory\n");
		return 1;
	}
	while ((option = getopt(argc, argv, "n:d:")) != -1) {
		char *end = NULL;

		if (option == 'n')
			iterations = strtol(optarg, &end, 10);
		else if (option == 'd')
			delay = strtod(optarg, &end);
		if (option == '?' || !end || *end || end == optarg ||
		    (option == 'n' && iterations < 1) ||
		    (option == 'd' && !(delay >= 0.1 && delay <= 3600))) {
			if (option != '?')
				fprintf(stderr, "top: -%c: '%s' is not a %s\n", option, optarg,
					option == 'n' ? "count of 1 or more"
						      : "delay from 0.1 to 3600 seconds");
			free(rows);
			return 2;
		}
	}
	bool terminal = !tcgetattr(fileno(stdin), &saved);

	if (terminal) {
		raw = saved;
		raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		tcsetattr(fileno(stdin), TCSANOW, &raw);
	}
	while (iterations != 0 && !command_interrupted()) {
		counts[now] = read_threads(rows[now], MAX_THREADS);
		clock_gettime(CLOCK_MONOTONIC, &current);
		double interval = (double)(current.tv_sec - then.tv_sec) * 1e9 +
				  (double)(current.tv_nsec - then.tv_nsec);

		then = current;
		show(rows[now], counts[now], rows[!now], counts[!now], interval);
		now = !now;
		if (iterations > 0)
			iterations--;
		if (iterations != 0 && quit_pressed(delay))
			break;
	}
	if (terminal)
		tcsetattr(fileno(stdin), TCSANOW, &saved);
	free(rows);
	return command_interrupted() ? 130 : 0;
}
