// SPDX-License-Identifier: MIT
/* Clocks from the TSC. Its frequency comes, without measuring, from the host (yolk.tsc_hz= on
 * the command line: under QEMU's TCG the guest's TSC is the host's, and CPUID says nothing),
 * CPUID leaf 0x15/0x16, or the hypervisor's timing leaf 0x40000010 (KVM, VMware); only
 * without any of them is it measured, 2 ms against the PIT (boot time matters: that is the
 * whole calibration budget). The local APIC timer, which wakes sleepers where there is no
 * TSC-deadline mode, counts QEMU's 1 GHz bus (or the timing leaf's) divided by 16, else it is
 * measured in the same window. */
#include "kernel/time.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/cpu_setup.h"
#include "boot/boot.h"
#include "drivers/interrupt/irq.h"
#include "drivers/platform/cmos_clock.h"
#include "drivers/timer/pit.h"
#include "kernel/compiler.h"
#include "kernel/log.h"
#include "lib/string.h"

#define CALIBRATION_PIT_TICKS 2386 /* 2 ms */
#define FALLBACK_TSC_HZ	      2000000000ull

struct time_parameters time_parameters;
static uint64_t tsc_hz;
static uint64_t ticks_per_ns_fixed; /* TSC ticks per nanosecond, 40.24 fixed point */
static uint64_t lapic_ticks_per_second;
static bool tsc_deadline; /* the local APIC timer can fire at a TSC value */

#define CPUID1_ECX_TSC_DEADLINE (1u << 24)

static uint64_t tsc_hz_from_cpuid(void)
{
	if (cpuid(0, 0).eax < 0x15)
		return 0;
	struct cpuid_result leaf = cpuid(0x15, 0);
	if (leaf.eax && leaf.ebx && leaf.ecx)
		return (uint64_t)leaf.ecx * leaf.ebx / leaf.eax;
	if (cpuid(0, 0).eax >= 0x16 && (cpuid(0x16, 0).eax & 0xffff))
		return (uint64_t)(cpuid(0x16, 0).eax & 0xffff) * 1000000;
	return 0;
}

#define HYPERVISOR_TIMING_LEAF 0x40000010
#define QEMU_LAPIC_TIMER_HZ    62500000 /* QEMU's (TCG and KVM) 1 GHz bus / 16 */

/* What is known without measuring (0 where nothing is): the TSC's and the LAPIC timer's Hz. */
static void known_frequencies(uint64_t host_tsc_hz, uint64_t *tsc, uint64_t *lapic)
{
	char name[13];
	uint32_t highest = cpu_hypervisor(name);
	struct cpuid_result timing = {0, 0, 0, 0};

	if (highest >= HYPERVISOR_TIMING_LEAF)
		timing = cpuid(HYPERVISOR_TIMING_LEAF, 0);
	*tsc = host_tsc_hz ? host_tsc_hz : tsc_hz_from_cpuid();
	if (!*tsc)
		*tsc = (uint64_t)timing.eax * 1000;
	*lapic = (uint64_t)timing.ebx * 1000 / 16;
	if (!*lapic && (!strcmp(name, "TCGTCGTCGTCG") || !strcmp(name, "KVMKVMKVM")))
		*lapic = QEMU_LAPIC_TIMER_HZ;
}

__cold static void calibrate(uint64_t host_tsc_hz)
{
	struct pit_calibration measured;
	bool have_pit = false;

	tsc_deadline = cpuid(1, 0).ecx & CPUID1_ECX_TSC_DEADLINE;
	known_frequencies(host_tsc_hz, &tsc_hz, &lapic_ticks_per_second);
	if (!tsc_hz || (!lapic_ticks_per_second && !tsc_deadline)) {
		lapic_timer_start(0xffffffff);
		have_pit = pit_measure(CALIBRATION_PIT_TICKS, &measured);
		lapic_timer_start(0);
	}
	if (!tsc_hz && have_pit)
		tsc_hz = measured.tsc_ticks * PIT_HZ / measured.pit_ticks;
	if (!tsc_hz) {
		pr_warn("no PIT and no TSC frequency in CPUID: assuming %llu Hz\n",
			FALLBACK_TSC_HZ);
		tsc_hz = FALLBACK_TSC_HZ;
	}
	if (!lapic_ticks_per_second && have_pit)
		lapic_ticks_per_second =
		    (uint64_t)measured.lapic_ticks * PIT_HZ / measured.pit_ticks;
	if (!lapic_ticks_per_second)
		lapic_ticks_per_second = QEMU_LAPIC_TIMER_HZ;
	time_parameters.first_tsc = boot_first_tsc;
	time_parameters.ns_per_tick_fixed = (NANOSECONDS_PER_SECOND << 32) / tsc_hz;
	ticks_per_ns_fixed = (tsc_hz << 24) / NANOSECONDS_PER_SECOND;
}

static void report_frequencies(void)
{
	pr_info("TSC %llu Hz, local APIC timer %llu Hz%s\n", (unsigned long long)tsc_hz,
		(unsigned long long)lapic_ticks_per_second,
		tsc_deadline ? ", TSC-deadline mode" : "");
}

__cold void time_init(uint64_t host_tsc_hz)
{
	calibrate(host_tsc_hz);
	uint64_t seconds = cmos_clock_read_seconds();
	if (!seconds)
		pr_warn("no CMOS clock: the wall clock starts at 1970-01-01\n");
	/* The CMOS clock was read now; the monotonic clock started at the first instruction. */
	time_parameters.boot_wall_ns = seconds * NANOSECONDS_PER_SECOND - time_monotonic_ns();
	log_defer(report_frequencies);
}

uint64_t time_tsc_hz(void)
{
	return tsc_hz;
}

static uint64_t time_ns_to_tsc(uint64_t ns)
{
	return (uint64_t)(((unsigned __int128)ns * ticks_per_ns_fixed) >> 24);
}

static uint64_t armed_ns = 1; /* what the timer is set for; 1 (never a deadline): unknown */

void time_timer_fired(void)
{
	armed_ns = 1; /* it may have fired early: the next request must program it again */
}

void time_arm_timer(uint64_t deadline_ns)
{
	/* The scheduler asks at every switch, wake and interrupt's end, and the timer is device
	 * I/O, which costs an emulator microseconds: so repeats are skipped, and an earlier
	 * deadline already armed is kept, also instead of a stop. When it fires with nothing due,
	 * the scheduler asks again (time_timer_fired forgets it): one interrupt, not a write per
	 * call. */
	if (deadline_ns == armed_ns || (armed_ns > 1 && (!deadline_ns || deadline_ns > armed_ns)))
		return;
	armed_ns = deadline_ns;
	if (!deadline_ns) {
		if (tsc_deadline)
			lapic_timer_start_deadline(0);
		else
			lapic_timer_start(0);
		return;
	}
	if (tsc_deadline) {
		lapic_timer_start_deadline(time_parameters.first_tsc + time_ns_to_tsc(deadline_ns));
		return;
	}
	uint64_t now = time_monotonic_ns();
	/* Past a second the product could overflow; the timer is simply re-armed then. */
	uint64_t delay = MIN(deadline_ns > now ? deadline_ns - now : 0, NANOSECONDS_PER_SECOND);
	uint64_t ticks = delay * lapic_ticks_per_second / NANOSECONDS_PER_SECOND;
	lapic_timer_start((uint32_t)MIN(MAX(ticks, 1), 0xffffffffull));
}
