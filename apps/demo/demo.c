/* The default image of `make run` until the shell exists: a banner with the kernel version,
 * memory size, CPU model and boot time, then an echo of serial input lines until "exit". */
#include <cpuid.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <time.h>

static void cpu_model(char *out, size_t size)
{
	unsigned int words[12];

	if (__get_cpuid_max(0x80000000, NULL) < 0x80000004) {
		snprintf(out, size, "unknown");
		return;
	}
	for (unsigned int i = 0; i < 3; i++)
		__get_cpuid(0x80000002 + i, &words[4 * i], &words[4 * i + 1], &words[4 * i + 2],
			    &words[4 * i + 3]);
	memcpy(out, words, size < sizeof(words) ? size : sizeof(words));
	out[size < sizeof(words) + 1 ? size - 1 : sizeof(words)] = 0;
}

int main(void)
{
	struct utsname name;
	struct sysinfo info;
	struct timespec boot;
	char model[64], line[256];

	clock_gettime(CLOCK_BOOTTIME, &boot);
	uname(&name);
	sysinfo(&info);
	cpu_model(model, sizeof(model));
	printf("\n%s %s (%s)\n", name.sysname, name.release, name.machine);
	printf("memory: %lu MiB, cpu: %s\n", info.totalram * info.mem_unit >> 20, model);
	printf("booted in %.3f ms (first instruction to main)\n",
	       boot.tv_sec * 1e3 + boot.tv_nsec / 1e6);
	printf("type a line and it comes back; 'exit' powers off.\n");
	for (;;) {
		printf("> ");
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin))
			break;
		line[strcspn(line, "\n")] = 0;
		if (!strcmp(line, "exit"))
			break;
		printf("echo: %s\n", line);
	}
	printf("bye\n");
	return 0;
}
