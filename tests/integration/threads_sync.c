/* SPDX-License-Identifier: MIT */
/* threads_sync: pthreads on kernel threads and futexes: 1,000 create+join, 4 x 100,000 mutex
 * increments, condition-variable producer/consumer, rwlock, barrier, semaphore, pthread_once,
 * per-thread __thread values and pthread_key destructors. */
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>
#include <stdbool.h>
#include "check.h"

#define INCREMENTS 100000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static long counter;
static __thread long thread_value = 7;
static int queue[16], queue_count, produced_sum, consumed_sum;
static bool producer_done;

static void *add_many(void *argument)
{
	(void)argument;
	for (int i = 0; i < INCREMENTS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static void *return_double(void *argument)
{
	thread_value = (long)argument;
	return (void *)(thread_value * 2);
}

static void *produce(void *argument)
{
	(void)argument;
	for (int i = 1; i <= 1000; i++) {
		pthread_mutex_lock(&lock);
		while (queue_count == 16)
			pthread_cond_wait(&changed, &lock);
		queue[queue_count++] = i;
		produced_sum += i;
		pthread_cond_broadcast(&changed);
		pthread_mutex_unlock(&lock);
	}
	pthread_mutex_lock(&lock);
	producer_done = true;
	pthread_cond_broadcast(&changed);
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void *consume(void *argument)
{
	(void)argument;
	pthread_mutex_lock(&lock);
	for (;;) {
		while (!queue_count && !producer_done)
			pthread_cond_wait(&changed, &lock);
		if (!queue_count)
			break;
		consumed_sum += queue[--queue_count];
		pthread_cond_broadcast(&changed);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;
static int shared_value;

static void *reader_writer(void *argument)
{
	for (int i = 0; i < 2000; i++) {
		if ((long)argument == 0 && i % 10 == 0) {
			pthread_rwlock_wrlock(&rwlock);
			shared_value++;
			pthread_rwlock_unlock(&rwlock);
		} else {
			pthread_rwlock_rdlock(&rwlock);
			(void)shared_value;
			pthread_rwlock_unlock(&rwlock);
		}
	}
	return NULL;
}

static pthread_barrier_t barrier;
static int arrived;

static void *meet(void *argument)
{
	(void)argument;
	__atomic_add_fetch(&arrived, 1, __ATOMIC_SEQ_CST);
	pthread_barrier_wait(&barrier);
	return (void *)(long)__atomic_load_n(&arrived, __ATOMIC_SEQ_CST);
}

static sem_t semaphore;
static int once_calls, destructor_calls;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_key_t key;

static void count_once(void)
{
	once_calls++;
}

static void destroy(void *value)
{
	__atomic_add_fetch(&destructor_calls, (int)(long)value, __ATOMIC_SEQ_CST);
}

static void *post_and_once(void *argument)
{
	pthread_once(&once, count_once);
	pthread_setspecific(key, argument);
	sem_post(&semaphore);
	return NULL;
}

static void run_threads(void *(*function)(void *), int count, void **results)
{
	pthread_t threads[8];

	for (long i = 0; i < count; i++)
		CHECK(pthread_create(&threads[i], NULL, function, (void *)i) == 0, "create %ld", i);
	for (int i = 0; i < count; i++)
		pthread_join(threads[i], results ? &results[i] : NULL);
}

int main(void)
{
	int joined = 0;
	void *results[8];

	for (long i = 0; i < 1000; i++) {
		pthread_t thread;
		void *result;
		if (pthread_create(&thread, NULL, return_double, (void *)i) == 0 &&
		    pthread_join(thread, &result) == 0 && (long)result == 2 * i)
			joined++;
	}
	CHECK(joined == 1000, "%d of 1000 threads created and joined with the right result",
	      joined);
	CHECK(thread_value == 7, "main's __thread value is %ld, expected 7", thread_value);
	run_threads(add_many, 4, NULL);
	CHECK(counter == 4 * INCREMENTS, "counter is %ld, expected %d", counter, 4 * INCREMENTS);
	pthread_t producer, consumers[2];
	pthread_create(&producer, NULL, produce, NULL);
	pthread_create(&consumers[0], NULL, consume, NULL);
	pthread_create(&consumers[1], NULL, consume, NULL);
	pthread_join(producer, NULL);
	pthread_join(consumers[0], NULL);
	pthread_join(consumers[1], NULL);
	CHECK(consumed_sum == produced_sum && produced_sum == 500500,
	      "consumed %d, produced %d, expected 500500", consumed_sum, produced_sum);
	run_threads(reader_writer, 4, NULL);
	CHECK(shared_value == 200, "rwlock-protected value is %d, expected 200", shared_value);
	pthread_barrier_init(&barrier, NULL, 4);
	run_threads(meet, 4, results);
	for (int i = 0; i < 4; i++)
		CHECK((long)results[i] == 4, "thread %d left the barrier seeing %ld arrived", i,
		      (long)results[i]);
	sem_init(&semaphore, 0, 0);
	pthread_key_create(&key, destroy);
	run_threads(post_and_once, 6, NULL);
	int posts = 0;
	while (sem_trywait(&semaphore) == 0)
		posts++;
	CHECK(posts == 6, "semaphore counted %d posts, expected 6", posts);
	CHECK(once_calls == 1, "pthread_once ran %d times", once_calls);
	CHECK(destructor_calls == 0 + 1 + 2 + 3 + 4 + 5,
	      "key destructors summed %d, expected 15 (thread 0's value is NULL)",
	      destructor_calls);
	return test_result();
}
