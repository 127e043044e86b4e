/* SPDX-License-Identifier: MIT */
/* write_fault_retry: what an incremental garbage collector's dirty bits through mprotect need
 * (bdwgc's MPROTECT_VDB): a write to a read-only page raises SIGSEGV with si_addr the exact
 * address written and si_code SEGV_ACCERR; the handler makes the page writable again and
 * returns, and the interrupted write is retried and lands. Many pages, each faulting once;
 * prints the cost of one such fault (mprotect back included). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define PAGES 512
#define PAGE  4096ul

static unsigned char *area;
static volatile unsigned faults, wrong_address, wrong_code;
static volatile uintptr_t expected_address;

static void on_fault(int signal, siginfo_t *info, void *context)
{
	uintptr_t address = (uintptr_t)info->si_addr;

	(void)signal;
	(void)context;
	faults++;
	if (address != expected_address)
		wrong_address++;
	if (info->si_code != SEGV_ACCERR)
		wrong_code++;
	if (address < (uintptr_t)area || address >= (uintptr_t)area + PAGES * PAGE ||
	    mprotect((void *)(address & ~(PAGE - 1)), PAGE, PROT_READ | PROT_WRITE) != 0)
		_exit(3); /* not ours: stop rather than fault forever */
}

static uint64_t now_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

int main(void)
{
	struct sigaction action = {.sa_sigaction = on_fault, .sa_flags = SA_SIGINFO};

	sigaction(SIGSEGV, &action, NULL);
	area = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap failed");
	for (unsigned i = 0; i < PAGES; i++)
		area[i * PAGE] =
		    1; /* resident first: the faults below are protection faults only */
	CHECK(mprotect(area, PAGES * PAGE, PROT_READ) == 0, "mprotect failed");
	uint64_t start = now_ns();
	for (unsigned i = 0; i < PAGES; i++) {
		unsigned offset = 8 + (i * 40) % (PAGE - 16);
		expected_address = (uintptr_t)&area[i * PAGE + offset];
		volatile unsigned char *target = &area[i * PAGE + offset]; /* not moved before */
		target[0] = (unsigned char)i;  /* faults, then is retried */
		target[1] = (unsigned char)~i; /* writable now: no fault */
	}
	uint64_t took = now_ns() - start;
	for (unsigned i = 0; i < PAGES; i++) {
		unsigned offset = 8 + (i * 40) % (PAGE - 16);
		CHECK(area[i * PAGE + offset] == (unsigned char)i &&
			  area[i * PAGE + offset + 1] == (unsigned char)~i,
		      "page %u: the retried write did not land", i);
	}
	CHECK(faults == PAGES, "%u faults for %d pages", faults, PAGES);
	CHECK(wrong_address == 0, "%u faults had another si_addr", wrong_address);
	CHECK(wrong_code == 0, "%u faults had another si_code than SEGV_ACCERR", wrong_code);
	printf("%u write faults handled and retried, %llu ns each\n", faults,
	       (unsigned long long)(took / PAGES));
	return test_result();
}
