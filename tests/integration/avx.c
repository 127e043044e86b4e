/* SPDX-License-Identifier: MIT */
/* avx: where the CPU has XSAVE the kernel enables it (CR4.OSXSAVE, XCR0 with SSE and AVX
 * state), so AVX code runs and the upper halves of the YMM registers survive a system call.
 * Skipped where the CPU has no AVX. */
#include <cpuid.h>
#include <sys/syscall.h>
#include "check.h"

static const uint64_t pattern[4] = {0x1111222233334444, 0x5555666677778888, 0x9999aaaabbbbcccc,
				    0xddddeeeeffff0000};

__attribute__((target("avx"), noinline)) static int ymm_survives_syscall(void)
{
	uint64_t out[4];
	long number = SYS_getppid;

	__asm__ volatile("vmovdqu %[in], %%ymm7\n\t"
			 "vmovdqu %[in], %%ymm15\n\t"
			 "syscall\n\t"
			 "vmovdqu %%ymm15, %[out]\n\t"
			 "vzeroupper"
			 : [out] "=m"(out), "+a"(number)
			 : [in] "m"(pattern)
			 : "rcx", "r11", "memory", "xmm7", "xmm15");
	return memcmp(out, pattern, sizeof(out)) == 0;
}

__attribute__((target("avx"), noinline)) static double avx_sum(const double *values, int count)
{
	double total = 0;

	for (int i = 0; i < count; i++)
		total += values[i] * 0.5;
	return total;
}

int main(void)
{
	unsigned eax, ebx, ecx, edx;
	double values[1000];

	__cpuid(1, eax, ebx, ecx, edx);
	int has_xsave = !!(ecx & bit_XSAVE), has_osxsave = !!(ecx & bit_OSXSAVE);
	int has_avx = !!(ecx & bit_AVX);
	printf("xsave %d osxsave %d avx %d\n", has_xsave, has_osxsave, has_avx);
	CHECK(!has_xsave || has_osxsave,
	      "the CPU has XSAVE but the kernel did not set CR4.OSXSAVE");
	if (!has_avx || !has_osxsave) {
		if (check_failures)
			return test_result();
		printf("RESULT SKIP the CPU has no AVX\n");
		return 0;
	}
	unsigned xcr0_low, xcr0_high;
	__asm__ volatile("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
	printf("xcr0 %#x\n", xcr0_low);
	CHECK((xcr0_low & 7) == 7, "XCR0 is %#x: x87, SSE and AVX state not all enabled", xcr0_low);
	if ((xcr0_low & 7) != 7)
		return test_result();
	for (int i = 0; i < 1000; i++)
		values[i] = i;
	CHECK(avx_sum(values, 1000) == 249750.0, "the AVX sum is %g, expected 249750",
	      avx_sum(values, 1000));
	CHECK(ymm_survives_syscall(), "the upper half of YMM15 changed across a system call");
	return test_result();
}
