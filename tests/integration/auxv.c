/* SPDX-License-Identifier: MIT */
/* auxv: the auxiliary vector carries what musl and programs read from it (AT_PAGESZ, the
 * program headers for TLS, AT_RANDOM, AT_HWCAP, AT_CLKTCK, AT_SECURE=0, AT_EXECFN, and equal
 * real and effective ids so that musl does not take its secure-mode path). */
#include <elf.h>
#include <sys/auxv.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
	unsigned long page_size = getauxval(AT_PAGESZ);
	const Elf64_Phdr *headers = (const Elf64_Phdr *)getauxval(AT_PHDR);
	unsigned long header_count = getauxval(AT_PHNUM);
	const unsigned char *random_bytes = (const unsigned char *)getauxval(AT_RANDOM);
	const char *executable = (const char *)getauxval(AT_EXECFN);
	int found_load = 0, random_nonzero = 0;

	CHECK(page_size == 4096, "AT_PAGESZ is %lu", page_size);
	CHECK(sysconf(_SC_PAGESIZE) == 4096, "sysconf(_SC_PAGESIZE) is %ld", sysconf(_SC_PAGESIZE));
	CHECK(headers != NULL, "AT_PHDR is missing");
	CHECK(getauxval(AT_PHENT) == sizeof(Elf64_Phdr), "AT_PHENT is %lu", getauxval(AT_PHENT));
	CHECK(header_count > 0 && header_count < 64, "AT_PHNUM is %lu", header_count);
	for (unsigned long i = 0; headers && i < header_count && i < 64; i++)
		if (headers[i].p_type == PT_LOAD)
			found_load = 1;
	CHECK(found_load, "no PT_LOAD among the program headers at AT_PHDR");
	CHECK(random_bytes != NULL, "AT_RANDOM is missing");
	for (int i = 0; random_bytes && i < 16; i++)
		random_nonzero |= random_bytes[i];
	CHECK(random_nonzero, "the 16 AT_RANDOM bytes are all zero");
	CHECK(getauxval(AT_HWCAP) != 0, "AT_HWCAP is 0");
	CHECK(getauxval(AT_CLKTCK) > 0, "AT_CLKTCK is 0");
	CHECK(sysconf(_SC_CLK_TCK) > 0, "sysconf(_SC_CLK_TCK) is %ld", sysconf(_SC_CLK_TCK));
	CHECK(getauxval(AT_SECURE) == 0, "AT_SECURE is %lu", getauxval(AT_SECURE));
	CHECK(getauxval(AT_UID) == getauxval(AT_EUID), "AT_UID %lu != AT_EUID %lu",
	      getauxval(AT_UID), getauxval(AT_EUID));
	CHECK(getauxval(AT_GID) == getauxval(AT_EGID), "AT_GID %lu != AT_EGID %lu",
	      getauxval(AT_GID), getauxval(AT_EGID));
	CHECK(executable && strstr(executable, "auxv"), "AT_EXECFN is \"%s\"",
	      executable ? executable : "(null)");
	return test_result();
}
