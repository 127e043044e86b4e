/* SPDX-License-Identifier: MIT */
/* users_and_groups: the built-in /etc/passwd and /etc/group name root and Debian's nobody and
 * nogroup (65534), which servers started as root look up to drop privileges to: nginx stops
 * with `getpwnam("nobody") failed` without them. musl's getpwnam, getpwuid, getgrnam and
 * getgrgid read them; a name that is not there is NULL, not a crash. */
#include <grp.h>
#include <pwd.h>
#include "check.h"

int main(void)
{
	struct passwd *user = getpwnam("root");
	CHECK(user && user->pw_uid == 0 && user->pw_gid == 0 && !strcmp(user->pw_dir, "/root"),
	      "getpwnam(\"root\")");
	user = getpwnam("nobody");
	CHECK(user && user->pw_uid == 65534 && user->pw_gid == 65534, "getpwnam(\"nobody\"): %s",
	      user ? user->pw_name : "NULL");
	user = getpwuid(65534);
	CHECK(user && !strcmp(user->pw_name, "nobody"), "getpwuid(65534)");
	struct group *group = getgrnam("nogroup");
	CHECK(group && group->gr_gid == 65534, "getgrnam(\"nogroup\")");
	group = getgrgid(0);
	CHECK(group && !strcmp(group->gr_name, "root"), "getgrgid(0)");
	if (user && group)
		printf("nobody is %u:%u, group 0 is %s\n", (unsigned)user->pw_uid,
		       (unsigned)user->pw_gid, group->gr_name);
	/* (These reuse musl's static entries: user and group are not read after them.) */
	CHECK(!getpwnam("no-such-user"), "getpwnam of a name that is not there");
	CHECK(!getgrnam("no-such-group"), "getgrnam of a name that is not there");
	return test_result();
}
