/* httpd's /metrics text (apps/httpd/metrics.c) from fixtures in the kernel's /proc formats:
 * each family's HELP and TYPE, the values parsed out of each file, files that are absent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apps/httpd/httpd_internal.h"
#include "tests/unit/unit.h"

struct fixture {
	const char *path, *text;
};

static const struct fixture full[] = {
    {"uptime", "12.34 10.00\n"},
    {"threads", "  TID S PRI  CPU_TIME_NS STACK_BYTES NAME\n"
		"    1 S   2     50000000     4096 main\n"
		"    2 R   2   1500000000     4096 yes\n"
		"    3 S   2            0     4096 civetweb-worker\n"},
    {"stat", "cpu  150 0 0 1084 0 0 0 0 0 0\ncpu0 150 0 0 1084 0 0 0 0 0 0\nctxt 4242\n"
	     "btime 1700000000\nprocesses 1\n"},
    {"interrupts", "        CPU0      \n    14:         87  page_fault\n"
		   "    48:       1234  timer_interrupt\n"},
    {"syscalls", "read 10\nwrite 20\nsendfile 3\n"},
    {"meminfo", "MemTotal:         131072 kB\nMemFree:          100000 kB\n"
		"MemAvailable:     100000 kB\n"},
    {"net/dev",
     "Inter-|   Receive                                                |  Transmit\n"
     " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs "
     "drop fifo colls carrier compressed\n"
     "    lo:     168       3    0    0    0     0          0         0      168       3    0 "
     "   0    0     0       0          0\n"
     "  eth0:    3195      33    1    2    0     0          0         0    10547      36    3 "
     "   4    0     0       0          0\n"},
    {"net/tcp", "  sl  local_address rem_address   st tx_queue rx_queue\n"
		"   0: 00000000:0050 00000000:0000 0A 00000000:00000000\n"
		"   1: 0F02000A:0050 0202000A:D431 01 00000000:00000000\n"},
    {"net/tcp6", "  sl  local_address rem_address   st\n"
		 "   0: 00000000000000000000000000000000:0051 "
		 "00000000000000000000000000000000:0000 0A 0\n"},
    {"fs/9p/stats", "requests 7\nread_bytes 4096\nwrite_bytes 12\n"},
    {"diskstats", " 254       0 vda 3 0 16 0 1 0 8 0 0 0 0\n"},
    {NULL, NULL},
};

static FILE *open_fixture(const char *path, void *context)
{
	for (const struct fixture *fixture = context; fixture->path; fixture++)
		if (!strcmp(fixture->path, path))
			return fmemopen((void *)fixture->text, strlen(fixture->text), "r");
	return NULL;
}

static char *metrics(const struct fixture *fixtures)
{
	char *text = NULL;
	size_t length = 0;
	FILE *out = open_memstream(&text, &length);

	httpd_write_kernel_metrics(out, open_fixture, (void *)fixtures);
	fclose(out);
	return text;
}

static int has(const char *text, const char *line)
{
	char wanted[512];

	snprintf(wanted, sizeof(wanted), "\n%s\n", line);
	return strstr(text, wanted) != NULL || !strncmp(text, line, strlen(line));
}

static const char *const expected_lines[] = {
    "# HELP yolk_uptime_seconds Time since the kernel booted.",
    "# TYPE yolk_uptime_seconds gauge",
    "yolk_uptime_seconds 12.340",
    "yolk_threads{state=\"runnable\"} 1",
    "yolk_threads{state=\"sleeping\"} 2",
    "yolk_threads_cpu_seconds_total 1.550000000",
    "yolk_cpu_seconds_total{mode=\"busy\"} 1.50", /* cpu, not cpu0 */
    "yolk_context_switches_total 4242",
    "yolk_interrupts_total{vector=\"48\",handler=\"timer_interrupt\"} 1234",
    "yolk_syscalls_total{name=\"sendfile\"} 3",
    "yolk_memory_bytes{kind=\"used\"} 31817728",
    "yolk_network_receive_errors_total{interface=\"eth0\"} 1",
    "yolk_network_receive_drops_total{interface=\"eth0\"} 2",
    "yolk_network_transmit_bytes_total{interface=\"eth0\"} 10547",
    "yolk_network_transmit_drops_total{interface=\"eth0\"} 4",
    "yolk_network_receive_packets_total{interface=\"lo\"} 3",
    "yolk_tcp_connections{state=\"LISTEN\"} 2", /* IPv4 and IPv6 */
    "yolk_tcp_connections{state=\"ESTABLISHED\"} 1",
    "yolk_tcp_connections{state=\"TIME_WAIT\"} 0",
    "yolk_9p_read_bytes_total 4096",
    "yolk_block_read_bytes_total{device=\"vda\"} 8192",
    "yolk_block_write_bytes_total{device=\"vda\"} 4096",
};

TEST(httpd_metrics_from_every_file)
{
	char *text = metrics(full);

	for (size_t i = 0; i < sizeof(expected_lines) / sizeof(expected_lines[0]); i++)
		if (!has(text, expected_lines[i]))
			unit_fail(__FILE__, __LINE__, "a line of the metrics", expected_lines[i]);
	free(text);
}

TEST(httpd_metrics_leave_out_absent_files)
{
	static const struct fixture few[] = {{"uptime", "1.00 0.50\n"}, {NULL, NULL}};
	char *text = metrics(few);

	CHECK(has(text, "yolk_uptime_seconds 1.000"));
	CHECK(strstr(text, "yolk_network") == NULL);
	CHECK(strstr(text, "yolk_tcp_connections") == NULL);
	CHECK(strstr(text, "yolk_block") == NULL);
	free(text);
}

TEST(httpd_metrics_label_escapes)
{
	char *text = NULL;
	size_t length = 0;
	FILE *out = open_memstream(&text, &length);

	httpd_write_label_value(out, "a\"b\\c\nd");
	fclose(out);
	CHECK(!strcmp(text, "a\\\"b\\\\c\\nd"));
	free(text);
}
