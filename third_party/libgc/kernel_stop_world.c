/* SPDX-License-Identifier: MIT */
/* bdwgc's platform hooks for stopping the world (its PLATFORM_STOP_WORLD build), over Yolk's
 * prctl(PR_YOLK_FREEZE_THREADS): the kernel takes every other registered thread off the CPU
 * at once and hands over its registers and stack pointer, with no signal handler run in any of
 * them (include/yolk/thread_freeze.h, docs/gc.md). This unit is libgc-kernel-stop.a, which
 * `yolk build --gc` links: bdwgc's sources included unchanged, and these hooks, the four
 * functions bdwgc leaves to the platform in that build (GC_stop_init, GC_stop_world,
 * GC_start_world, GC_push_all_stacks) and the signal getters its other code asks for. Called
 * with the allocation lock held, so nothing here allocates. */
/* bdwgc's single-file build: every source of libgc.a in this one unit, where its internal
 * functions are static, these four among them (declared there, defined here). */
#include "extra/gc.c"

#include <errno.h>
#include <signal.h>
#include <sys/prctl.h>
#include <yolk/thread_freeze.h>

#if !defined(PLATFORM_STOP_WORLD) || PLATFORM_GC_REG_STORAGE_SIZE != 48
#error                                                                                             \
    "needs -DPLATFORM_STOP_WORLD -DPLATFORM_HAVE_GC_REG_STORAGE_SIZE -DPLATFORM_GC_REG_STORAGE_SIZE=48"
#endif

/* Threads are frozen in batches of this many (the kernel's reports are copied out of it). */
#define FREEZE_BATCH 64

static struct yolk_frozen_thread batch[FREEZE_BATCH];
static GC_thread batch_threads[FREEZE_BATCH];
static unsigned batch_count;
/* Every thread frozen by this stop, to thaw at the start (the GC lock keeps the table as is). */
static pthread_t frozen[YOLK_FREEZE_MAX_THREADS];
static unsigned frozen_count;
static int suspend_signal = SIGPWR, restart_signal = SIGXCPU;

static void freeze_batch(void)
{
	if (batch_count == 0)
		return;
	if (prctl(PR_YOLK_FREEZE_THREADS, (unsigned long)batch, (unsigned long)batch_count, 0UL,
		  0UL) != 0) {
		GC_err_printf("kernel stop world: PR_YOLK_FREEZE_THREADS failed, errno %d: this "
			      "build of the collector runs on Yolk only\n",
			      errno);
		ABORT("cannot stop the world");
	}
	for (unsigned i = 0; i < batch_count; i++) {
		GC_thread thread = batch_threads[i];
		struct thread_stop_info *stop = &thread->stop_info;
		/* The red zone below its stack pointer is the thread's too. */
		stop->stack_ptr = (ptr_t)(batch[i].stack_pointer - YOLK_RED_ZONE);
		BCOPY(batch[i].registers, stop->registers, sizeof(batch[i].registers));
		BCOPY(batch[i].vector_registers, stop->registers + 16,
		      sizeof(batch[i].vector_registers));
		frozen[frozen_count++] = thread->id;
		if (GC_on_thread_event)
			GC_on_thread_event(GC_EVENT_THREAD_SUSPENDED, (void *)thread->id);
	}
	batch_count = 0;
}

GC_INNER void GC_stop_init(void)
{
}

GC_INNER void GC_stop_world(void)
{
	pthread_t self = pthread_self();

	GC_ASSERT(I_HOLD_LOCK());
#ifdef PARALLEL_MARK
	/* No marker may be building free lists while the world stops. */
	if (GC_parallel)
		GC_acquire_mark_lock();
#endif
	frozen_count = 0;
	for (int i = 0; i < THREAD_TABLE_SZ; i++)
		for (GC_thread thread = GC_threads[i]; thread; thread = thread->next) {
			if ((thread->flags & FINISHED) || THREAD_EQUAL(thread->id, self))
				continue;
			if (frozen_count + batch_count >= YOLK_FREEZE_MAX_THREADS)
				ABORT("kernel stop world: too many threads");
			batch[batch_count].thread_pointer = (uint64_t)thread->id;
			batch_threads[batch_count++] = thread;
			if (batch_count == FREEZE_BATCH)
				freeze_batch();
		}
	freeze_batch();
#ifdef PARALLEL_MARK
	if (GC_parallel)
		GC_release_mark_lock();
#endif
}

GC_INNER void GC_start_world(void)
{
	GC_ASSERT(I_HOLD_LOCK());
	for (unsigned start = 0; start < frozen_count; start += FREEZE_BATCH) {
		unsigned count = frozen_count - start;
		if (count > FREEZE_BATCH)
			count = FREEZE_BATCH;
		for (unsigned i = 0; i < count; i++)
			batch[i].thread_pointer = (uint64_t)frozen[start + i];
		if (prctl(PR_YOLK_THAW_THREADS, (unsigned long)batch, (unsigned long)count, 0UL,
			  0UL) != 0)
			ABORT("kernel stop world: PR_YOLK_THAW_THREADS failed");
		if (GC_on_thread_event)
			for (unsigned i = 0; i < count; i++)
				GC_on_thread_event(GC_EVENT_THREAD_UNSUSPENDED,
						   (void *)frozen[start + i]);
	}
	frozen_count = 0;
}

/* Each thread's stack from where it stopped (the collecting thread: from here, its
 * callee-saved registers already pushed below) to its top, and a frozen thread's registers. */
GC_INNER void GC_push_all_stacks(void)
{
	pthread_t self = pthread_self();
	word total = 0;
	GC_bool found_self = FALSE;

	if (!GC_thr_initialized)
		GC_thr_init();
	for (int i = 0; i < THREAD_TABLE_SZ; i++)
		for (GC_thread thread = GC_threads[i]; thread; thread = thread->next) {
			ptr_t low, high;
			if (thread->flags & FINISHED)
				continue;
			if (THREAD_EQUAL(thread->id, self)) {
				low = GC_approx_sp();
				found_self = TRUE;
			} else {
				low = thread->stop_info.stack_ptr;
				GC_push_all_stack((ptr_t)thread->stop_info.registers,
						  (ptr_t)(thread->stop_info.registers +
							  PLATFORM_GC_REG_STORAGE_SIZE));
			}
			high = (thread->flags & MAIN_THREAD) ? GC_stackbottom : thread->stack_end;
			if (low == NULL)
				ABORT("kernel stop world: a thread's stack pointer is not known");
			/* On its alternate signal stack: that, then (as bdwgc's own code does). */
			if (thread->altstack && (word)thread->altstack <= (word)low &&
			    (word)low <= (word)thread->altstack + thread->altstack_size)
				high = thread->altstack + thread->altstack_size;
			/* Whole: no sections of GC_do_blocking skipped (its saved stack
			 * pointers may predate the kernel's). */
			GC_push_all_stack_sections(low, high, NULL);
			total += high - low;
		}
	if (!found_self && !GC_in_thread_creation)
		ABORT("Collecting from unknown thread");
	GC_total_stacksize = total;
}

/* Asked for by bdwgc's thread code (its pthread_sigmask wrapper leaves the suspend signal
 * unblocked, its markers block all others): no signal stops a thread in this build, these
 * are only the numbers kept out of the masks. */
GC_API void GC_CALL GC_set_suspend_signal(int signal_number)
{
	suspend_signal = signal_number;
}

GC_API void GC_CALL GC_set_thr_restart_signal(int signal_number)
{
	restart_signal = signal_number;
}

GC_API int GC_CALL GC_get_suspend_signal(void)
{
	return suspend_signal;
}

GC_API int GC_CALL GC_get_thr_restart_signal(void)
{
	return restart_signal;
}
