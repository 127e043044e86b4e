/* SPDX-License-Identifier: MIT */
/* thread_local: __thread variables of the main thread, initialised (.tdata) and zero (.tbss),
 * with large alignment, laid out by musl from the program headers that AT_PHDR points at, and
 * reached through FS.base, which musl sets with arch_prctl(ARCH_SET_FS). */
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "check.h"

#define ARCH_GET_FS 0x1003 /* <asm/prctl.h>, which musl does not ship */

__thread int initialised = 42;
__thread long long initialised_wide = -1234567890123ll;
__thread char text[32] = "thread-local text";
__thread int zeroed;
__thread char zeroed_array[4096];
__thread _Alignas(64) int aligned = 7;
static __thread struct {
	int a;
	double b;
} local_struct = {5, 2.5};

/* Not inlined, so the access goes through the TLS model and not a constant. */
__attribute__((noinline)) static int *address_of_initialised(void)
{
	return &initialised;
}

int main(void)
{
	int all_zero = 1;
	unsigned long fs_base = 0;

	CHECK(initialised == 42, "initialised is %d, expected 42", initialised);
	CHECK(initialised_wide == -1234567890123ll, "initialised_wide is %lld", initialised_wide);
	CHECK(strcmp(text, "thread-local text") == 0, "text is \"%.32s\"", text);
	CHECK(zeroed == 0, "zeroed is %d", zeroed);
	for (size_t i = 0; i < sizeof(zeroed_array); i++)
		all_zero &= zeroed_array[i] == 0;
	CHECK(all_zero, "zeroed_array is not all zero");
	CHECK(aligned == 7, "aligned is %d, expected 7", aligned);
	CHECK(((uintptr_t)&aligned & 63) == 0, "&aligned %p is not 64-byte aligned",
	      (void *)&aligned);
	CHECK(local_struct.a == 5 && local_struct.b == 2.5, "local_struct is {%d, %g}",
	      local_struct.a, local_struct.b);

	initialised = 99;
	zeroed = 17;
	zeroed_array[4095] = 3;
	CHECK(*address_of_initialised() == 99, "a write to initialised was not seen");
	CHECK(zeroed == 17 && zeroed_array[4095] == 3, "writes to .tbss variables were lost");

	CHECK(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs_base) == 0,
	      "arch_prctl(ARCH_GET_FS) failed");
	/* On x86-64 musl's thread pointer is FS.base and points at the thread's own descriptor. */
	CHECK(fs_base == (unsigned long)pthread_self(), "FS.base %#lx != pthread_self() %p",
	      fs_base, (void *)pthread_self());
	uintptr_t distance = (uintptr_t)fs_base - (uintptr_t)&initialised;
	CHECK(distance < 65536, "initialised at %p is far from the thread pointer %#lx",
	      (void *)&initialised, fs_base);
	return test_result();
}
