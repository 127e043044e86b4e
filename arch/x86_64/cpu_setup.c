// SPDX-License-Identifier: MIT
/* Per-CPU state set once at boot: SSE/AVX enabled for the application (CR0, CR4, XCR0), the
 * `syscall` MSRs pointing at arch/x86_64/syscall_entry.S, and GS.base at the per-CPU block, so
 * SMP later adds CPUs rather than a rewrite. */
#include "arch/x86_64/cpu_setup.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/selectors.h"
#include "fs/procfs.h"
#include "kernel/compiler.h"
#include "kernel/time.h"
#include "lib/string.h"

#define CR0_MP		       (1ul << 1)
#define CR0_EM		       (1ul << 2)
#define CR0_TS		       (1ul << 3)
#define CR0_NE		       (1ul << 5)
#define CR4_OSFXSR	       (1ul << 9)
#define CR4_OSXMMEXCPT	       (1ul << 10)
#define CR4_FSGSBASE	       (1ul << 16)
#define CR4_OSXSAVE	       (1ul << 18)
#define CPUID1_ECX_XSAVE       (1u << 26)
#define CPUID1_ECX_AVX	       (1u << 28)
#define CPUID7_EBX_FSGSBASE    (1u << 0)
#define XCR0_X87	       (1ul << 0)
#define XCR0_SSE	       (1ul << 1)
#define XCR0_AVX	       (1ul << 2)
#define RFLAGS_TRAP	       (1u << 8)
#define RFLAGS_DIRECTION       (1u << 10)
#define RFLAGS_NESTED_TASK     (1u << 14)
#define RFLAGS_ALIGNMENT_CHECK (1u << 18)

static struct cpu_local boot_cpu;
static bool have_xsave;
static uint64_t xsave_features;
static uint32_t fpu_state_size = 512;

BUILD_BUG_ON(__builtin_offsetof(struct cpu_local, syscall_frame) != 16);
BUILD_BUG_ON(__builtin_offsetof(struct cpu_local, signal_stack_top) != 24);
BUILD_BUG_ON(__builtin_offsetof(struct cpu_local, signal_pending) != 32);
BUILD_BUG_ON(__builtin_offsetof(struct cpu_local, interrupt_deferred) != 33);
static uint8_t boot_cpu_signal_stack[8192] __aligned(16);

static void enable_floating_point(void)
{
	struct cpuid_result features = cpuid(1, 0);
	uint64_t cr4 = read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT;

	write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
	if (features.ecx & CPUID1_ECX_XSAVE)
		cr4 |= CR4_OSXSAVE;
	if (cpuid(0, 0).eax >= 7 && (cpuid(7, 0).ebx & CPUID7_EBX_FSGSBASE))
		cr4 |= CR4_FSGSBASE;
	write_cr4(cr4);
	if (features.ecx & CPUID1_ECX_XSAVE) {
		have_xsave = true;
		xsave_features =
		    XCR0_X87 | XCR0_SSE | ((features.ecx & CPUID1_ECX_AVX) ? XCR0_AVX : 0);
		xsetbv(0, xsave_features);
		fpu_state_size = cpuid(0xd, 0).ebx; /* for the features now enabled */
	}
	__asm__ volatile("fninit");
	uint32_t mxcsr = 0x1f80; /* all exceptions masked, round to nearest */
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
}

extern char syscall_entry[];

static void enable_syscall(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	/* CS = STAR[47:32], SS = CS + 8: the kernel's own selectors. */
	wrmsr(MSR_STAR, (uint64_t)KERNEL_CODE_SELECTOR << 32);
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	/* The interrupt flag stays on: an interrupt during a system call is deferred
	 * (arch/x86_64/descriptors.c), which costs less than masking at entry and exit. */
	wrmsr(MSR_FMASK,
	      RFLAGS_TRAP | RFLAGS_DIRECTION | RFLAGS_NESTED_TASK | RFLAGS_ALIGNMENT_CHECK);
}

static void generate_cpuinfo(struct procfs_text *text, void *context)
{
	uint32_t brand[13] = {0};
	struct cpuid_result vendor = cpuid(0, 0), features = cpuid(1, 0);
	uint32_t vendor_text[4] = {vendor.ebx, vendor.edx, vendor.ecx, 0};

	(void)context;
	if (cpuid(0x80000000, 0).eax >= 0x80000004)
		for (unsigned i = 0; i < 3; i++) {
			struct cpuid_result part = cpuid(0x80000002 + i, 0);
			brand[4 * i] = part.eax;
			brand[4 * i + 1] = part.ebx;
			brand[4 * i + 2] = part.ecx;
			brand[4 * i + 3] = part.edx;
		}
	procfs_printf(
	    text,
	    "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n"
	    "model name\t: %s\ncpu MHz\t\t: %llu.000\nflags\t\t:%s%s%s%s%s\n\n",
	    (char *)vendor_text, (features.eax >> 8) & 0xf, (features.eax >> 4) & 0xf,
	    brand[0] ? (char *)brand : "unknown", (unsigned long long)(time_tsc_hz() / 1000000),
	    features.edx & (1 << 25) ? " sse" : "", features.edx & (1 << 26) ? " sse2" : "",
	    features.ecx & (1 << 0) ? " pni" : "", features.ecx & (1 << 28) ? " avx" : "",
	    features.ecx & (1 << 30) ? " rdrand" : "");
}

void cpu_setup(void)
{
	enable_floating_point(); /* first: kernel/main.c says why */
	enable_syscall();
	procfs_register_file("cpuinfo", generate_cpuinfo, NULL);
	boot_cpu.self = &boot_cpu;
	boot_cpu.signal_stack_top = (uint64_t)boot_cpu_signal_stack + sizeof(boot_cpu_signal_stack);
	wrmsr(MSR_GS_BASE, (uint64_t)&boot_cpu);
}

void cpu_set_thread_pointer(uint64_t fs_base)
{
	wrmsr(MSR_FS_BASE, fs_base);
}

uint64_t cpu_get_thread_pointer(void)
{
	return rdmsr(MSR_FS_BASE);
}

uint32_t cpu_fpu_state_size(void)
{
	return fpu_state_size;
}

void cpu_fpu_save(void *area)
{
	if (have_xsave)
		__asm__ volatile("xsave64 (%0)"
				 :
				 : "r"(area), "a"((uint32_t)xsave_features),
				   "d"((uint32_t)(xsave_features >> 32))
				 : "memory");
	else
		__asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory");
}

void cpu_fpu_save_control(struct fpu_control *control)
{
	__asm__ volatile("stmxcsr %0; fnstcw %1"
			 : "=m"(control->mxcsr), "=m"(control->x87_control));
}

void cpu_fpu_restore_control(const struct fpu_control *control)
{
	__asm__ volatile("ldmxcsr %0; fldcw %1" : : "m"(control->mxcsr), "m"(control->x87_control));
}

void cpu_fpu_restore(const void *area)
{
	if (have_xsave)
		__asm__ volatile("xrstor64 (%0)"
				 :
				 : "r"(area), "a"((uint32_t)xsave_features),
				   "d"((uint32_t)(xsave_features >> 32))
				 : "memory");
	else
		__asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory");
}

uint32_t cpu_hypervisor(char name[13])
{
	name[0] = 0;
	if (!(cpuid(1, 0).ecx & (1u << 31))) /* no hypervisor */
		return 0;
	struct cpuid_result leaf = cpuid(0x40000000, 0);
	memcpy(name, &leaf.ebx, 4);
	memcpy(name + 4, &leaf.ecx, 4);
	memcpy(name + 8, &leaf.edx, 4);
	name[12] = 0;
	return leaf.eax;
}
