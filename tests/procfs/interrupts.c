/*
 * tests/procfs/interrupts.c: /proc/interrupts laid out as Linux's x86
 * one: a header of CPU columns, a row per interrupt with one count per
 * online CPU, the RTC's "IO-APIC 8-edge rtc0" line, Linux's named rows
 * in its order (NMI, LOC, SPU ... MCP), ERR and MIS with one number;
 * the local timer count grows while we sleep, and the RTC's as its
 * update interrupts come.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/ioctl.h>
#include <time.h>
#include "tap.h"
#include "proc.h"

static char buf[65536];

/* The sum of the counts in the row labelled label ("LOC", "8"), or -1. */
static long long row_sum(const char *label, int *ncols)
{
	char want[16];
	int n = snprintf(want, sizeof(want), "%s:", label);

	for (char *l = buf; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : l) {
		char *p = l;
		long long sum = 0;
		int cols = 0;

		while (*p == ' ')
			p++;
		if (strncmp(p, want, n))
			continue;
		p += n;
		for (;;) {
			char *end;
			long long v = strtoll(p, &end, 10);

			if (end == p || (*end != ' ' && *end != '\n'))
				break;
			sum += v;
			cols++;
			p = end;
		}
		if (ncols)
			*ncols = cols;
		return sum;
	}
	return -1;
}

int main(void)
{
	static const char *const rows[] = { "NMI", "LOC", "SPU", "PMI", "IWI",
		"RTR", "RES", "CAL", "TLB", "TRM", "THR", "DFR", "MCE", "MCP",
		"ERR", "MIS" };
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	struct timespec ts = { 0, 300 * 1000 * 1000 };
	long long loc, rtc;
	const char *prev = buf;
	char *l, *hdr_end;
	int cols = 0, fd, order = 1;

	ok(slurp("/proc/interrupts", buf, sizeof(buf)) > 0, "read /proc/interrupts");
	hdr_end = strchr(buf, '\n');
	ok(hdr_end && !strncmp(buf, "           CPU0", 15),
	   "the header: CPU columns after 11 blanks (%.*s)",
	   hdr_end ? (int)(hdr_end - buf) : 0, buf);
	loc = row_sum("LOC", &cols);
	ok(loc > 0 && cols == ncpu, "LOC: a count per online CPU (%d)", cols);
	for (unsigned int i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
		char want[16];

		snprintf(want, sizeof(want), "\n%3s: ", rows[i]);
		l = strstr(buf, want);
		if (!l || l < prev)
			order = 0;
		prev = l ? l : prev;
	}
	ok(order, "Linux's named rows, in its order");
	ok(row_sum("ERR", &cols) >= 0 && cols == 1 &&
	   row_sum("MIS", &cols) >= 0 && cols == 1, "ERR and MIS: one number");
	ok(strstr(buf, "Local timer interrupts\n") &&
	   strstr(buf, "Rescheduling interrupts\n"), "rows say what they count");
	l = strstr(buf, "\n  8: ");
	ok(l && strstr(l, "   IO-APIC   8-edge      rtc0\n") ==
		       strchr(l + 1, '\n') - strlen("   IO-APIC   8-edge      rtc0"),
	   "the RTC: \"IO-APIC   8-edge      rtc0\"");

	nanosleep(&ts, NULL);
	slurp("/proc/interrupts", buf, sizeof(buf));
	ok(row_sum("LOC", NULL) > loc, "LOC grows while we sleep");

	rtc = row_sum("8", NULL);
	fd = open("/dev/rtc0", O_RDONLY);
	if (fd >= 0) {
		unsigned long data;

		ioctl(fd, _IO('p', 0x03));	/* RTC_UIE_ON */
		read(fd, &data, sizeof(data));
		read(fd, &data, sizeof(data));
		close(fd);
	}
	slurp("/proc/interrupts", buf, sizeof(buf));
	ok(fd >= 0 && row_sum("8", NULL) > rtc,
	   "the RTC's count grows with its update interrupts");
	return tap_done();
}
