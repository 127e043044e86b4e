/* SPDX-License-Identifier: MIT */
/* gc_musl_internals (yolk build --gc): with malloc redirected to the collector, what musl
 * allocates for itself stays sound under constant collection. musl's internal allocations
 * (atexit's table, locales, the time zone) go to its own allocator (__libc_malloc), which the
 * collector never frees; what it allocates through malloc (FILE objects of fopen, getline's
 * and open_memstream's buffers, strdup, setenv's strings, opendir's DIR, regcomp's automaton,
 * pthread keys' values) is the collector's, reachable only through musl's own data: stdio's
 * list of open files, environ, a thread's key table. Each round allocates garbage enough to
 * collect several times while these live, then checks every one of them. */
#define _GNU_SOURCE
#include <dirent.h>
#include <gc.h>
#include <pthread.h>
#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define ROUNDS 6

static pthread_key_t key;

static void make_garbage(void)
{
	for (int i = 0; i < 20000; i++)
		memset(malloc(64 + i % 512), 0xee, 64);
	GC_gcollect();
}

static void *thread_with_key(void *unused)
{
	char *value = strdup("a value only a thread's key table holds");

	(void)unused;
	pthread_setspecific(key, value);
	value = NULL;
	make_garbage();
	make_garbage();
	const char *back = pthread_getspecific(key);
	CHECK(back && strcmp(back, "a value only a thread's key table holds") == 0,
	      "a pthread_setspecific value was collected");
	return NULL;
}

static void round_of(int round)
{
	char name[64], *line = NULL, *stream_text = NULL, value[32];
	size_t line_size = 0, stream_size = 0;

	/* Open files reachable only through stdio's list, written between collections. */
	FILE *files[4];
	for (int i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "/tmp/gc-%d-%d", round, i);
		files[i] = fopen(name, "w+");
		CHECK(files[i] != NULL, "fopen %s failed", name);
		fprintf(files[i], "file %d of round %d\n", i, round);
	}
	FILE *memory = open_memstream(&stream_text, &stream_size);
	fprintf(memory, "memstream of round %d", round);
	snprintf(value, sizeof(value), "value-%d", round);
	setenv("YOLK_GC_TEST", value, 1);
	regex_t pattern;
	CHECK(regcomp(&pattern, "^file ([0-9]+) of round ([0-9]+)$", REG_EXTENDED) == 0,
	      "regcomp failed");
	DIR *directory = opendir("/tmp");
	char *copy = strdup(name);
	uintptr_t hidden_copy = (uintptr_t)copy ^ 1;
	copy = NULL;
	tzset();

	make_garbage();
	make_garbage();

	for (int i = 0; i < 4; i++) {
		rewind(files[i]);
		CHECK(getline(&line, &line_size, files[i]) > 0, "getline failed");
		line[strcspn(line, "\n")] = 0;
		regmatch_t match[3];
		CHECK(regexec(&pattern, line, 3, match, 0) == 0, "round %d: '%s' does not match",
		      round, line);
		CHECK(atoi(line + match[1].rm_so) == i && atoi(line + match[2].rm_so) == round,
		      "round %d: file %d reads '%s'", round, i, line);
		fclose(files[i]);
		snprintf(name, sizeof(name), "/tmp/gc-%d-%d", round, i);
		unlink(name);
	}
	fclose(memory);
	snprintf(name, sizeof(name), "memstream of round %d", round);
	CHECK(stream_text && strcmp(stream_text, name) == 0, "open_memstream's buffer changed");
	CHECK(strcmp(getenv("YOLK_GC_TEST"), value) == 0, "setenv's value changed");
	unsigned entries = 0;
	while (readdir(directory))
		entries++;
	closedir(directory);
	CHECK(entries >= 2, "readdir found %u entries", entries);
	regfree(&pattern);
	(void)hidden_copy; /* dropped: a strdup copy nobody holds may be collected */
	free(line);
	free(stream_text);
}

int main(void)
{
	pthread_t thread;

	pthread_key_create(&key, NULL);
	for (int round = 0; round < ROUNDS; round++)
		round_of(round);
	CHECK(pthread_create(&thread, NULL, thread_with_key, NULL) == 0, "pthread_create failed");
	pthread_join(thread, NULL);
	printf("%d rounds of musl's own allocations under %zu collections\n", ROUNDS,
	       (size_t)GC_get_gc_no());
	return test_result();
}
