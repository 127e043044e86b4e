// SPDX-License-Identifier: MIT
/* /metrics: the kernel's counters in the Prometheus text exposition format 0.0.4, read from the
 * /proc files that own them (uptime, threads, stat, interrupts, syscalls, meminfo, net/dev,
 * net/tcp and tcp6, fs/9p/stats, diskstats); the server adds its responses by status code
 * (httpd.c). Every family has its HELP and TYPE lines once, before its samples; counters end
 * in _total. Pure: the files come through an opener (tests/unit/test_httpd_metrics.c gives
 * fixtures), and nothing here knows CivetWeb. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "httpd_internal.h"

struct family {
	const char *name, *type, *help;
};

void httpd_write_family(FILE *out, const char *name, const char *type, const char *help)
{
	fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void start_family(FILE *out, const struct family *family)
{
	httpd_write_family(out, family->name, family->type, family->help);
}

void httpd_write_label_value(FILE *out, const char *value)
{
	for (; *value; value++) {
		if (*value == '\\' || *value == '"')
			fputc('\\', out), fputc(*value, out);
		else if (*value == '\n')
			fputs("\\n", out);
		else
			fputc(*value, out);
	}
}

static void write_uptime(FILE *out, FILE *proc)
{
	static const struct family uptime = {"yolk_uptime_seconds", "gauge",
					     "Time since the kernel booted."};
	double seconds;

	if (fscanf(proc, "%lf", &seconds) != 1)
		return;
	start_family(out, &uptime);
	fprintf(out, "%s %.3f\n", uptime.name, seconds);
}

/* /proc/threads: a header, then "TID STATE PRIORITY CPU_NS STACK NAME". */
static void write_threads(FILE *out, FILE *proc)
{
	static const struct family threads = {"yolk_threads", "gauge", "Threads by state."};
	static const struct family cpu = {"yolk_threads_cpu_seconds_total", "counter",
					  "CPU time of all the program's threads."};
	static const char states[] = "RSZ";
	static const char *const names[] = {"runnable", "sleeping", "dead"};
	unsigned long counts[3] = {0, 0, 0};
	unsigned long long cpu_ns, total_ns = 0;
	char line[256], state;
	int id, priority;

	if (!fgets(line, sizeof(line), proc))
		return;
	while (fgets(line, sizeof(line), proc))
		if (sscanf(line, "%d %c %d %llu", &id, &state, &priority, &cpu_ns) == 4) {
			const char *at = strchr(states, state);
			if (at && state)
				counts[at - states]++;
			total_ns += cpu_ns;
		}
	start_family(out, &threads);
	for (int i = 0; i < 3; i++)
		fprintf(out, "%s{state=\"%s\"} %lu\n", threads.name, names[i], counts[i]);
	start_family(out, &cpu);
	fprintf(out, "%s %.9f\n", cpu.name, (double)total_ns / 1e9);
}

/* /proc/stat: "cpu USER NICE SYSTEM IDLE ..." in hundredths of a second, and "ctxt N". */
static void write_stat(FILE *out, FILE *proc)
{
	static const struct family switches = {"yolk_context_switches_total", "counter",
					       "Switches from one thread to another."};
	static const struct family cpu = {"yolk_cpu_seconds_total", "counter",
					  "Time the CPU spent, by mode."};
	unsigned long long user = 0, idle = 0, value, switches_count = 0;
	bool have_cpu = false, have_switches = false;
	char line[512], name[16];

	while (fgets(line, sizeof(line), proc)) {
		if (!strncmp(line, "cpu ", 4) &&
		    sscanf(line + 4, "%llu %*u %*u %llu", &user, &idle) == 2)
			have_cpu = true;
		else if (sscanf(line, "%15s %llu", name, &value) == 2 && !strcmp(name, "ctxt"))
			have_switches = true, switches_count = value;
	}
	if (have_cpu) {
		start_family(out, &cpu);
		fprintf(out, "%s{mode=\"busy\"} %.2f\n%s{mode=\"idle\"} %.2f\n", cpu.name,
			(double)user / 100, cpu.name, (double)idle / 100);
	}
	if (have_switches) {
		start_family(out, &switches);
		fprintf(out, "%s %llu\n", switches.name, switches_count);
	}
}

/* /proc/interrupts: a header, then "VECTOR: COUNT HANDLER". */
static void write_interrupts(FILE *out, FILE *proc)
{
	static const struct family interrupts = {"yolk_interrupts_total", "counter",
						 "Interrupts and exceptions taken, by vector."};
	char line[256], handler[128];
	unsigned vector;
	unsigned long long count;

	if (!fgets(line, sizeof(line), proc))
		return;
	start_family(out, &interrupts);
	while (fgets(line, sizeof(line), proc))
		if (sscanf(line, " %u: %llu %127s", &vector, &count, handler) == 3) {
			fprintf(out, "%s{vector=\"%u\",handler=\"", interrupts.name, vector);
			httpd_write_label_value(out, handler);
			fprintf(out, "\"} %llu\n", count);
		}
}

/* /proc/syscalls: "NAME COUNT", one line per call made. */
static void write_syscalls(FILE *out, FILE *proc)
{
	static const struct family syscalls = {"yolk_syscalls_total", "counter",
					       "System calls made, by name."};
	char line[128], name[64];
	unsigned long long count;

	start_family(out, &syscalls);
	while (fgets(line, sizeof(line), proc))
		if (sscanf(line, "%63s %llu", name, &count) == 2) {
			fprintf(out, "%s{name=\"", syscalls.name);
			httpd_write_label_value(out, name);
			fprintf(out, "\"} %llu\n", count);
		}
}

/* /proc/meminfo: "Name: N kB". */
static void write_memory(FILE *out, FILE *proc)
{
	static const struct family memory = {"yolk_memory_bytes", "gauge",
					     "RAM: total, free and used."};
	unsigned long long total = 0, free = 0, value;
	char line[128], name[64];

	while (fgets(line, sizeof(line), proc))
		if (sscanf(line, "%63[^:]: %llu", name, &value) == 2) {
			if (!strcmp(name, "MemTotal"))
				total = value * 1024;
			else if (!strcmp(name, "MemFree"))
				free = value * 1024;
		}
	start_family(out, &memory);
	fprintf(out, "%s{kind=\"total\"} %llu\n%s{kind=\"free\"} %llu\n%s{kind=\"used\"} %llu\n",
		memory.name, total, memory.name, free, memory.name,
		total > free ? total - free : 0);
}

/* /proc/net/dev: two header lines, then "NAME: 8 receive counters 8 transmit counters". */
static void write_network(FILE *out, FILE *proc)
{
	static const struct family families[] = {
	    {"yolk_network_receive_bytes_total", "counter", "Bytes received, by interface."},
	    {"yolk_network_receive_packets_total", "counter", "Packets received, by interface."},
	    {"yolk_network_receive_errors_total", "counter", "Receive errors, by interface."},
	    {"yolk_network_receive_drops_total", "counter", "Received packets dropped."},
	    {"yolk_network_transmit_bytes_total", "counter", "Bytes sent, by interface."},
	    {"yolk_network_transmit_packets_total", "counter", "Packets sent, by interface."},
	    {"yolk_network_transmit_errors_total", "counter", "Transmit errors, by interface."},
	    {"yolk_network_transmit_drops_total", "counter", "Packets not sent, dropped."},
	};
	static const int columns[] = {0, 1, 2, 3, 8, 9, 10, 11};
	struct interface {
		char name[32];
		unsigned long long values[16];
	} interfaces[16];
	int count = 0;
	char line[512];

	for (int header = 0; header < 2; header++)
		if (!fgets(line, sizeof(line), proc))
			return;
	while (count < 16 && fgets(line, sizeof(line), proc)) {
		struct interface *interface = &interfaces[count];
		char *colon = strchr(line, ':'), *at;
		if (!colon)
			continue;
		*colon = 0;
		at = line + strspn(line, " ");
		snprintf(interface->name, sizeof(interface->name), "%s", at);
		at = colon + 1;
		int column = 0;
		for (; column < 16; column++) {
			char *end;
			interface->values[column] = strtoull(at, &end, 10);
			if (end == at)
				break;
			at = end;
		}
		if (column == 16)
			count++;
	}
	for (int family = 0; family < 8; family++) {
		start_family(out, &families[family]);
		for (int i = 0; i < count; i++) {
			fprintf(out, "%s{interface=\"", families[family].name);
			httpd_write_label_value(out, interfaces[i].name);
			fprintf(out, "\"} %llu\n", interfaces[i].values[columns[family]]);
		}
	}
}

/* /proc/net/tcp and tcp6: a header, then "SL: LOCAL REMOTE STATE ..." with Linux's state
 * numbers in hexadecimal. */
static const char *const tcp_states[] = {
    NULL,	 "ESTABLISHED", "SYN_SENT",   "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
    "TIME_WAIT", "CLOSE",	"CLOSE_WAIT", "LAST_ACK", "LISTEN",    "CLOSING",
};

static void count_tcp(FILE *proc, unsigned long *counts)
{
	char line[512];
	unsigned state;

	if (!proc || !fgets(line, sizeof(line), proc))
		return;
	while (fgets(line, sizeof(line), proc))
		if (sscanf(line, " %*u: %*s %*s %x", &state) == 1 && state > 0 && state < 12)
			counts[state]++;
}

static void write_tcp(FILE *out, httpd_proc_opener open_proc, void *context)
{
	static const struct family tcp = {"yolk_tcp_connections", "gauge",
					  "TCP sockets (IPv4 and IPv6), by state."};
	unsigned long counts[12] = {0};
	FILE *proc = open_proc("net/tcp", context);

	if (!proc)
		return;
	count_tcp(proc, counts);
	fclose(proc);
	if ((proc = open_proc("net/tcp6", context))) {
		count_tcp(proc, counts);
		fclose(proc);
	}
	start_family(out, &tcp);
	for (int state = 1; state < 12; state++)
		fprintf(out, "%s{state=\"%s\"} %lu\n", tcp.name, tcp_states[state], counts[state]);
}

/* /proc/fs/9p/stats: "requests N", "read_bytes N", "write_bytes N". */
static void write_ninep(FILE *out, FILE *proc)
{
	static const struct family families[] = {
	    {"yolk_9p_requests_total", "counter", "9P requests answered (every mount)."},
	    {"yolk_9p_read_bytes_total", "counter", "Bytes read from 9P servers."},
	    {"yolk_9p_write_bytes_total", "counter", "Bytes written to 9P servers."},
	};
	static const char *const keys[] = {"requests", "read_bytes", "write_bytes"};
	char line[128], key[32];
	unsigned long long value;

	while (fgets(line, sizeof(line), proc))
		if (sscanf(line, "%31s %llu", key, &value) == 2)
			for (int i = 0; i < 3; i++)
				if (!strcmp(key, keys[i])) {
					start_family(out, &families[i]);
					fprintf(out, "%s %llu\n", families[i].name, value);
				}
}

/* /proc/diskstats: "MAJOR MINOR NAME READS MERGED SECTORS MS WRITES MERGED SECTORS ...". */
static void write_disks(FILE *out, FILE *proc)
{
	static const struct family read = {"yolk_block_read_bytes_total", "counter",
					   "Bytes read from block devices."};
	static const struct family written = {"yolk_block_write_bytes_total", "counter",
					      "Bytes written to block devices."};
	char line[256], names[8][32];
	unsigned long long sectors[8][2];
	int count = 0;

	while (count < 8 && fgets(line, sizeof(line), proc))
		if (sscanf(line, " %*u %*u %31s %*u %*u %llu %*u %*u %*u %llu", names[count],
			   &sectors[count][0], &sectors[count][1]) == 3)
			count++;
	for (int kind = 0; kind < 2; kind++) {
		start_family(out, kind ? &written : &read);
		for (int i = 0; i < count; i++) {
			fprintf(out, "%s{device=\"", (kind ? &written : &read)->name);
			httpd_write_label_value(out, names[i]);
			fprintf(out, "\"} %llu\n", sectors[i][kind] * 512);
		}
	}
}

void httpd_write_kernel_metrics(FILE *out, httpd_proc_opener open_proc, void *context)
{
	static const struct {
		const char *path;
		void (*write)(FILE *out, FILE *proc);
	} files[] = {
	    {"uptime", write_uptime},	  {"threads", write_threads},
	    {"stat", write_stat},	  {"interrupts", write_interrupts},
	    {"syscalls", write_syscalls}, {"meminfo", write_memory},
	    {"net/dev", write_network},	  {"fs/9p/stats", write_ninep},
	    {"diskstats", write_disks},
	};

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		FILE *proc = open_proc(files[i].path, context);
		if (proc) {
			files[i].write(out, proc);
			fclose(proc);
		}
	}
	write_tcp(out, open_proc, context);
}
