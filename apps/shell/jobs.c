// SPDX-License-Identifier: MIT
/* Jobs: running pipelines as threads, waiting for them, passing Ctrl-C on, and the builtins
 * over the job table: jobs, fg, wait, kill (see jobs.h). */
#include "jobs.h"
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "shell.h"
#include "command.h"

#define STAGE_STACK_SIZE (256 * 1024)

/* The calling thread's session's job table (every thread of a session has one). */
static struct shell_jobs *table(void)
{
	return &shell_session_current()->jobs;
}

/* SIGINT, SIGQUIT and SIGHUP come to a session's own thread: its terminal's foreground
 * process group is the session (kernel: setsid). A hang-up also ends the session. */
static void on_interrupt(int signal)
{
	struct shell_session *session = shell_session_of_thread();
	int saved = errno;

	if (!session)
		return;
	if (signal == SIGHUP)
		session->hung_up = true;
	command_set_interrupted(); /* for a builtin running on the shell's thread */
	if (write(session->jobs.interrupt_events[1], "!", 1) < 0) {
		/* The pipe is full: an interrupt is already waiting to be seen. */
	}
	errno = saved;
}

static void on_command_interrupt(int signal)
{
	(void)signal;
	command_set_interrupted();
}

static int make_event_pipe(int ends[2])
{
	return pipe2(ends, O_CLOEXEC | O_NONBLOCK);
}

static void install_signal_handlers(void)
{
	struct sigaction action = {.sa_handler = on_interrupt};

	/* No SA_RESTART: a blocking call in the shell's thread returns EINTR on Ctrl-C. */
	sigemptyset(&action.sa_mask);
	sigaction(SIGINT, &action, NULL);
	sigaction(SIGQUIT, &action, NULL);
	sigaction(SIGHUP, &action, NULL);
	action.sa_handler = on_command_interrupt;
	sigaction(JOBS_INTERRUPT_SIGNAL, &action, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int jobs_init(struct shell_jobs *jobs)
{
	static pthread_once_t handlers_installed = PTHREAD_ONCE_INIT;

	*jobs = (struct shell_jobs){NULL, {-1, -1}, {-1, -1}};
	if (make_event_pipe(jobs->finished_events) || make_event_pipe(jobs->interrupt_events)) {
		jobs_end(jobs);
		return -1;
	}
	pthread_once(&handlers_installed, install_signal_handlers);
	return 0;
}

static void drain(int descriptor)
{
	char bytes[64];

	while (read(descriptor, bytes, sizeof(bytes)) > 0)
		;
}

static void close_stage_streams(struct job_stage *stage)
{
	if (stage->owns_error && stage->streams.err)
		fclose(stage->streams.err);
	if (stage->owns_output && stage->streams.out)
		fclose(stage->streams.out);
	else if (stage->streams.out)
		fflush(stage->streams.out);
	if (stage->owns_input && stage->streams.in)
		fclose(stage->streams.in);
	stage->streams = (struct command_streams){0};
}

static int run_stage(struct job_stage *stage)
{
	if (stage->skip)
		return stage->status;
	if (!stage->command) {
		fprintf(stage->streams.err, "ysh: %s: command not found\n",
			stage->arguments.fields[0]);
		return 127;
	}
	if (stage->arguments.count > 1 && !strcmp(stage->arguments.fields[1], "--help")) {
		fprintf(stage->streams.out, "usage: %s %s\n%s\n", stage->command->name,
			stage->command->usage, stage->command->summary);
		return 0;
	}
	int status = command_run(stage->command->main, &stage->streams, stage->arguments.count,
				 stage->arguments.fields);

	stage->keeps_status = command_keeps_status();
	return status;
}

static void *stage_thread(void *argument)
{
	struct job_stage *stage = argument;
	struct shell_session *session = stage->session;

	shell_session_enter(session);
	prctl(PR_SET_NAME, stage->arguments.fields[0]); /* what ps and top show */
	stage->status = run_stage(stage);
	close_stage_streams(stage);
	atomic_store(&stage->finished, true);
	if (write(session->jobs.finished_events[1], "", 1) < 0) {
		/* Full: the shell has wake-ups enough waiting. */
	}
	return NULL;
}

static void free_stage(struct job_stage *stage)
{
	close_stage_streams(stage);
	parser_expansion_free(&stage->arguments);
}

void jobs_free(struct job *job)
{
	for (int i = 0; i < job->stage_count; i++)
		free_stage(&job->stages[i]);
	free(job->stages);
	free(job->text);
	free(job);
}

/* Joins the stages of JOB that have ended; true when none is left running. */
static bool reap(struct job *job)
{
	bool done = true;

	for (int i = 0; i < job->stage_count; i++) {
		struct job_stage *stage = &job->stages[i];

		if (!stage->started || stage->joined)
			continue;
		if (!atomic_load(&stage->finished)) {
			done = false;
			continue;
		}
		pthread_join(stage->thread, NULL);
		stage->joined = true;
	}
	return done;
}

static void interrupt(struct job *job)
{
	for (int i = 0; i < job->stage_count; i++)
		if (job->stages[i].started && !job->stages[i].joined)
			pthread_kill(job->stages[i].thread, JOBS_INTERRUPT_SIGNAL);
}

/* Waits until JOB has ended. Ctrl-C is passed on to it when FORWARD, else ends the wait
 * early. Returns 0, or 130 when a Ctrl-C ended the wait. */
static int wait_for(struct job *job, bool forward)
{
	struct shell_jobs *jobs = table();
	struct pollfd events[2] = {{jobs->finished_events[0], POLLIN, 0},
				   {jobs->interrupt_events[0], POLLIN, 0}};
	bool interrupted = false;

	while (!reap(job)) {
		if (poll(events, 2, -1) < 0 && errno != EINTR)
			return 1;
		drain(jobs->finished_events[0]);
		if (!(events[1].revents & POLLIN))
			continue;
		drain(jobs->interrupt_events[0]);
		if (!forward)
			return 130;
		interrupt(job);
		interrupted = true;
	}
	return interrupted ? 130 : 0;
}

static int start_stages(struct job *job)
{
	pthread_attr_t attributes;
	sigset_t blocked, saved;
	int result = 0;

	pthread_attr_init(&attributes);
	pthread_attr_setstacksize(&attributes, STAGE_STACK_SIZE);
	/* Command threads inherit a mask with SIGINT and SIGQUIT blocked: Ctrl-C is the shell's
	 * to handle, and it comes to a command as JOBS_INTERRUPT_SIGNAL. */
	sigemptyset(&blocked);
	sigaddset(&blocked, SIGINT);
	sigaddset(&blocked, SIGQUIT);
	pthread_sigmask(SIG_BLOCK, &blocked, &saved);
	for (int i = 0; i < job->stage_count; i++) {
		struct job_stage *stage = &job->stages[i];
		stage->session = shell_session_current();
		int error = pthread_create(&stage->thread, &attributes, stage_thread, stage);

		if (error) {
			fprintf(stderr, "ysh: cannot start %s: %s\n", stage->arguments.fields[0],
				strerror(error));
			close_stage_streams(stage);
			stage->status = 126;
			result = -1;
			continue;
		}
		stage->started = true;
	}
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	pthread_attr_destroy(&attributes);
	return result;
}

static int job_status(const struct job *job)
{
	return job->stages[job->stage_count - 1].status;
}

static int lowest_free_number(void)
{
	int number = 1;

	for (struct job *job = table()->background; job; job = job->next)
		if (job->number >= number)
			number = job->number + 1;
	return number;
}

static void remove_background(struct job *job)
{
	for (struct job **link = &table()->background; *link; link = &(*link)->next)
		if (*link == job) {
			*link = job->next;
			return;
		}
}

static int wait_in_foreground(struct job *job)
{
	bool interrupted = wait_for(job, true) == 130;
	int status = job_status(job);

	if (interrupted) {
		/* The terminal echoed ^C; the prompt goes on a line of its own. */
		putchar('\n');
		if (!job->stages[job->stage_count - 1].keeps_status)
			status = status ? status : 130;
	}

	jobs_free(job);
	return status;
}

int jobs_run(struct job *job)
{
	start_stages(job);
	if (!job->background)
		return wait_in_foreground(job);
	job->number = lowest_free_number();
	job->next = table()->background;
	table()->background = job;
	printf("[%d] %s\n", job->number, job->text);
	fflush(stdout);
	return 0;
}

int jobs_run_in_shell(struct job *job)
{
	int status;

	drain(table()->interrupt_events[0]);
	status = run_stage(&job->stages[0]);
	jobs_free(job);
	return status;
}

void jobs_report_finished(void)
{
	struct job *job = table()->background, *next;

	for (; job; job = next) {
		next = job->next;
		if (!reap(job))
			continue;
		printf("[%d]+ Done%s %s\n", job->number, job_status(job) ? " (error)" : "",
		       job->text);
		remove_background(job);
		jobs_free(job);
	}
	fflush(stdout);
}

void jobs_end(struct shell_jobs *jobs)
{
	/* Background jobs end with their session: interrupted, then awaited. */
	while (jobs->background) {
		struct job *job = jobs->background;

		jobs->background = job->next;
		interrupt(job);
		while (!reap(job)) {
			struct pollfd finished = {jobs->finished_events[0], POLLIN, 0};
			poll(&finished, 1, 100);
			drain(jobs->finished_events[0]);
		}
		jobs_free(job);
	}
	for (int i = 0; i < 2; i++) {
		if (jobs->finished_events[i] >= 0)
			close(jobs->finished_events[i]);
		if (jobs->interrupt_events[i] >= 0)
			close(jobs->interrupt_events[i]);
	}
	*jobs = (struct shell_jobs){NULL, {-1, -1}, {-1, -1}};
}

/* ---- builtins ------------------------------------------------------------------------- */

/* The job named by %N (or the newest, for NULL). */
static struct job *find_job(const char *name, const char *command)
{
	struct job *job = table()->background;
	char *end;

	if (!name)
		goto found;
	long number = strtol(name + (name[0] == '%'), &end, 10);

	for (; job && !*end; job = job->next)
		if (job->number == number)
			goto found;
	fprintf(stderr, "%s: %s: no such job\n", command, name);
	return NULL;
found:
	if (!job && !name)
		fprintf(stderr, "%s: no current job\n", command);
	return job;
}

int jobs_main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "jobs: too many arguments\n");
		return 2;
	}
	for (struct job *job = table()->background; job; job = job->next) {
		bool done = reap(job);

		printf("[%d]%c %-8s %s &\n", job->number, job == table()->background ? '+' : '-',
		       done ? "Done" : "Running", job->text);
	}
	return 0;
}

int fg_main(int argc, char **argv)
{
	if (argc > 2) {
		fprintf(stderr, "fg: too many arguments\n");
		return 2;
	}
	struct job *job = find_job(argc > 1 ? argv[1] : NULL, "fg");

	if (!job)
		return 1;
	remove_background(job);
	job->background = false;
	printf("%s\n", job->text);
	fflush(stdout);
	return wait_in_foreground(job);
}

int wait_main(int argc, char **argv)
{
	int status = 0;

	if (argc == 1) {
		for (struct job *job = table()->background; job && !status; job = job->next)
			status = wait_for(job, false);
		return status;
	}
	for (int i = 1; i < argc && !status; i++) {
		struct job *job = find_job(argv[i], "wait");

		if (!job)
			return 127;
		status = wait_for(job, false);
		if (!status)
			status = job_status(job);
	}
	return status;
}

static int parse_signal(const char *text)
{
	static const struct {
		const char *name;
		int number;
	} names[] = {{"HUP", SIGHUP},	{"INT", SIGINT},   {"QUIT", SIGQUIT}, {"KILL", SIGKILL},
		     {"USR1", SIGUSR1}, {"USR2", SIGUSR2}, {"TERM", SIGTERM}, {"ALRM", SIGALRM}};
	char *end;
	long number = strtol(text, &end, 10);

	if (!*end && number > 0 && number < 65)
		return (int)number;
	if (!strncmp(text, "SIG", 3))
		text += 3;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(text, names[i].name))
			return names[i].number;
	return -1;
}

int kill_main(int argc, char **argv)
{
	int signal_number = SIGTERM, first = 1, status = 0;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
		signal_number = parse_signal(argv[1] + 1);
		first = 2;
		if (signal_number < 0) {
			fprintf(stderr, "kill: %s: unknown signal\n", argv[1] + 1);
			return 2;
		}
	}
	if (first >= argc) {
		fprintf(stderr, "kill: usage: kill [-SIGNAL] %%JOB|TID...\n");
		return 2;
	}
	for (int i = first; i < argc; i++) {
		if (argv[i][0] == '%') {
			struct job *job = find_job(argv[i], "kill");

			if (job)
				interrupt(job);
			status |= !job;
			continue;
		}
		char *end;
		long thread = strtol(argv[i], &end, 10);

		/* A signal to one thread of the image: its action (terminating, by default) is
		 * the whole image's, as for a process on Linux. */
		if (*end || thread <= 0 ||
		    syscall(SYS_tgkill, getpid(), (pid_t)thread, signal_number)) {
			fprintf(stderr, "kill: %s: %s\n", argv[i],
				*end ? "not a thread or job" : strerror(errno));
			status = 1;
		}
	}
	return status;
}
