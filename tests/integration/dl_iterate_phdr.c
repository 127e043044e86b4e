/* SPDX-License-Identifier: MIT */
/* dl_iterate_phdr: a static program finds its own segments through AT_PHDR and AT_PHNUM, as a
 * garbage collector finds its static roots: a writable PT_LOAD segment holds the program's
 * initialized and zeroed globals, every writable segment is mapped and readable end to end, and
 * the TLS segment is reported. */
#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <sys/auxv.h>
#include "check.h"

static int initialized_global = 42;
static char zeroed_global[8192];

struct findings {
	unsigned objects, loads, writable;
	int holds_data, holds_bss, has_tls;
	unsigned long writable_bytes, sum;
};

static int visit(struct dl_phdr_info *info, size_t size, void *context)
{
	struct findings *found = context;

	CHECK(size >= sizeof(*info) - sizeof(info->dlpi_tls_data), "dl_phdr_info size %zu", size);
	found->objects++;
	for (unsigned i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
		uintptr_t start = info->dlpi_addr + segment->p_vaddr;
		uintptr_t end = start + segment->p_memsz;

		if (segment->p_type == PT_TLS)
			found->has_tls = 1;
		if (segment->p_type != PT_LOAD)
			continue;
		found->loads++;
		if (!(segment->p_flags & PF_W))
			continue;
		found->writable++;
		found->writable_bytes += end - start;
		/* A collector reads every word of it. */
		for (const volatile unsigned long *word = (void *)(start & ~7ul);
		     (uintptr_t)word < end; word++)
			found->sum += *word;
		if (start <= (uintptr_t)&initialized_global && (uintptr_t)&initialized_global < end)
			found->holds_data = 1;
		if (start <= (uintptr_t)zeroed_global && (uintptr_t)(zeroed_global + 8192) <= end)
			found->holds_bss = 1;
	}
	return 0;
}

int main(void)
{
	struct findings found = {0};

	CHECK(getauxval(AT_PHDR) != 0 && getauxval(AT_PHNUM) != 0, "no AT_PHDR/AT_PHNUM");
	CHECK(dl_iterate_phdr(visit, &found) == 0, "dl_iterate_phdr failed");
	printf("%u object(s), %u PT_LOAD, %u writable (%lu KiB)\n", found.objects, found.loads,
	       found.writable, found.writable_bytes / 1024);
	CHECK(found.objects >= 1, "no objects reported");
	CHECK(found.loads >= 2, "only %u PT_LOAD segments", found.loads);
	CHECK(found.holds_data, "no writable segment holds an initialized global");
	CHECK(found.holds_bss, "no writable segment holds a zeroed global");
	CHECK(found.has_tls || test_on_linux(), "no PT_TLS segment");
	zeroed_global[0] = (char)initialized_global;
	return test_result();
}
