/* SPDX-License-Identifier: MIT */
/* uname_sysinfo: uname names the system ("Yolk"; run.sh checks the printed sysname, so the
 * program itself also passes on Linux) and the machine "x86_64"; sysinfo reports the memory.
 * With EXPECT_MEM_MIB set (run.sh passes --mem 256M --env EXPECT_MEM_MIB=256), totalram must
 * be most of that memory, never more. */
#include <errno.h>
#include <stdlib.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include "check.h"

static void check_uname(void)
{
	struct utsname name;

	memset(&name, 0xff, sizeof(name));
	CHECK(uname(&name) == 0, "uname failed, errno %d", errno);
	CHECK(memchr(name.sysname, 0, sizeof(name.sysname)) && memchr(name.release, 0, 65) &&
		  memchr(name.version, 0, 65) && memchr(name.machine, 0, 65) &&
		  memchr(name.nodename, 0, 65),
	      "a uname field is not NUL-terminated");
	printf("sysname=%s\nrelease=%s\nversion=%s\nmachine=%s\nnodename=%s\n", name.sysname,
	       name.release, name.version, name.machine, name.nodename);
	CHECK(strcmp(name.sysname, "Yolk") == 0 || strcmp(name.sysname, "Linux") == 0,
	      "sysname is \"%s\", expected \"Yolk\"", name.sysname);
	CHECK(strcmp(name.machine, "x86_64") == 0, "machine is \"%s\", expected \"x86_64\"",
	      name.machine);
	CHECK(name.release[0] != '\0', "release is empty");
	CHECK(name.version[0] != '\0', "version is empty");
}

static void check_sysinfo(void)
{
	struct sysinfo info;
	const char *expected = getenv("EXPECT_MEM_MIB");

	memset(&info, 0xff, sizeof(info));
	CHECK(sysinfo(&info) == 0, "sysinfo failed, errno %d", errno);
	unsigned long long unit = info.mem_unit ? info.mem_unit : 1;
	unsigned long long total = info.totalram * unit, free_memory = info.freeram * unit;
	printf("totalram=%llu KiB freeram=%llu KiB mem_unit=%u uptime=%lu procs=%u\n", total >> 10,
	       free_memory >> 10, info.mem_unit, (unsigned long)info.uptime, info.procs);
	CHECK(info.mem_unit >= 1, "mem_unit is 0");
	CHECK(info.totalram > 0, "totalram is 0");
	CHECK(info.freeram > 0 && info.freeram <= info.totalram, "freeram %lu, totalram %lu",
	      info.freeram, info.totalram);
	CHECK(info.procs >= 1, "procs is %u", info.procs);
	if (expected) {
		unsigned long long mib = strtoull(expected, NULL, 10) << 20;
		CHECK(total <= mib && total > mib / 2,
		      "totalram is %llu KiB with %s MiB of guest memory", total >> 10, expected);
	}
}

int main(void)
{
	check_uname();
	check_sysinfo();
	return test_result();
}
