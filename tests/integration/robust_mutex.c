/* SPDX-License-Identifier: MIT */
/* robust_mutex: a thread that exits holding a robust mutex leaves it to the next locker with
 * EOWNERDEAD (the kernel walks the thread's robust list at exit); pthread_mutex_consistent makes
 * it usable again. */
#include <errno.h>
#include <pthread.h>
#include "check.h"

static pthread_mutex_t mutex;

static void *lock_and_leave(void *argument)
{
	(void)argument;
	pthread_mutex_lock(&mutex);
	return NULL; /* exits holding it */
}

int main(void)
{
	pthread_mutexattr_t attributes;
	pthread_t thread;

	pthread_mutexattr_init(&attributes);
	pthread_mutexattr_setrobust(&attributes, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&mutex, &attributes);
	pthread_create(&thread, NULL, lock_and_leave, NULL);
	pthread_join(thread, NULL);
	int result = pthread_mutex_lock(&mutex);
	CHECK(result == EOWNERDEAD, "lock after the owner died gave %d, expected EOWNERDEAD",
	      result);
	CHECK(pthread_mutex_consistent(&mutex) == 0, "pthread_mutex_consistent");
	CHECK(pthread_mutex_unlock(&mutex) == 0 && pthread_mutex_lock(&mutex) == 0, "usable again");
	pthread_mutex_unlock(&mutex);
	return test_result();
}
