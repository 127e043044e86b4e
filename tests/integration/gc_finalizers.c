/* SPDX-License-Identifier: MIT */
/* gc_finalizers (yolk build --gc): finalizers registered with GC_REGISTER_FINALIZER run for
 * objects that became unreachable (each once, with its own data), never for reachable ones,
 * and from GC_invoke_finalizers on the caller's thread. */
#include <gc.h>
#include <stdint.h>
#include "check.h"

#define OBJECTS 1000

static unsigned finalized[OBJECTS];
static unsigned wrong_data;

static void finalize(void *object, void *data)
{
	uintptr_t index = (uintptr_t)data;

	if (*(uintptr_t *)object != index * 7)
		wrong_data++;
	finalized[index]++;
}

/* Allocates the objects in a frame of its own, so no pointer to them stays in main's. */
static __attribute__((noinline)) void make_objects(void **kept)
{
	for (uintptr_t i = 0; i < OBJECTS; i++) {
		uintptr_t *object = GC_MALLOC(64);
		*object = i * 7;
		GC_REGISTER_FINALIZER(object, finalize, (void *)i, NULL, NULL);
		if (i % 2 == 0)
			kept[i / 2] = object;
	}
}

int main(void)
{
	void **kept = GC_MALLOC(sizeof(void *) * OBJECTS / 2);
	unsigned run = 0, odd_run = 0, even_run = 0, twice = 0;

	GC_set_finalize_on_demand(1);
	make_objects(kept);
	for (int i = 0; i < 8; i++) {
		GC_gcollect();
		run += (unsigned)GC_invoke_finalizers();
	}
	for (int i = 0; i < OBJECTS; i++) {
		if (finalized[i] > 1)
			twice++;
		if (finalized[i] && i % 2)
			odd_run++;
		if (finalized[i] && i % 2 == 0)
			even_run++;
	}
	printf("%u finalizers ran: %u of %d unreachable objects, %u reachable\n", run, odd_run,
	       OBJECTS / 2, even_run);
	CHECK(odd_run >= OBJECTS / 2 * 9 / 10, "only %u of %d unreachable objects finalized",
	      odd_run, OBJECTS / 2);
	CHECK(even_run == 0, "%u reachable objects were finalized", even_run);
	CHECK(twice == 0, "%u finalizers ran twice", twice);
	CHECK(wrong_data == 0, "%u finalizers saw the wrong object", wrong_data);
	CHECK(*(uintptr_t *)kept[10] == 140, "a kept object changed");
	return test_result();
}
