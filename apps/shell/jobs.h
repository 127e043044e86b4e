// SPDX-License-Identifier: MIT
/* Jobs (apps/shell/jobs.c): a pipeline running as threads, one per stage, joined by pipes, in
 * the foreground (the shell waits, and Ctrl-C interrupts it) or in the background (`&`, listed
 * by `jobs`, brought back by `fg`, awaited by `wait`). Ctrl-C reaches the shell's own thread
 * as SIGINT — every command thread blocks it — and the shell passes it on to the foreground
 * job's threads as JOBS_INTERRUPT_SIGNAL, whose handler marks the command interrupted and whose
 * arrival ends any blocking call it is in with EINTR. */
#ifndef YOLK_SHELL_JOBS_H
#define YOLK_SHELL_JOBS_H

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include "command_runtime.h"
#include "commands.h"
#include "parser.h"

#define JOBS_INTERRUPT_SIGNAL SIGUSR1

struct shell_session;

struct job_stage {
	struct expansion arguments;	     /* argv */
	const struct shell_command *command; /* NULL: not found (127) */
	struct command_streams streams;
	bool owns_input, owns_output, owns_error; /* closed when the stage ends */
	int status;				  /* preset to non-zero when a redirection failed */
	bool keeps_status;			  /* Ctrl-C does not make its 0 into 130 */
	bool skip;				  /* do not run: a redirection failed */
	struct shell_session *session; /* whose job it is: the stage's thread enters it */
	pthread_t thread;
	bool started, joined;
	atomic_bool finished;
};

struct job {
	int number; /* for %N; 0 until started in the background */
	char *text;
	struct job_stage *stages;
	int stage_count;
	bool background;
	struct job *next;
};

/* A session's job table: its background jobs and the pipes that wake its waits. */
struct shell_jobs {
	struct job *background;	 /* started with '&', newest first */
	int finished_events[2];	 /* a stage thread writes a byte here as it ends */
	int interrupt_events[2]; /* the SIGINT handler writes a byte here */
};

/* Makes a session's table; the first call also installs the image's signal handling: SIGINT,
 * SIGQUIT and SIGHUP for the sessions, JOBS_INTERRUPT_SIGNAL for commands, SIGPIPE ignored.
 * 0, or -1 with errno. */
int jobs_init(struct shell_jobs *jobs);
/* Interrupts and awaits the session's background jobs and closes the table. */
void jobs_end(struct shell_jobs *jobs);
/* Takes JOB over and starts its stages. In the foreground, waits for it and returns the last
 * stage's status; in the background, prints "[N] TEXT" and returns 0. */
int jobs_run(struct job *job);
/* Runs one stage on the calling thread (a builtin alone in the foreground), Ctrl-C included,
 * and frees JOB. */
int jobs_run_in_shell(struct job *job);
/* Reaps finished background jobs, printing "[N]+ Done TEXT" for each, before a prompt. */
void jobs_report_finished(void);
/* Frees a job that was never started. */
void jobs_free(struct job *job);

#endif
