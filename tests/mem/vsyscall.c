/*
 * tests/mem/vsyscall.c: the legacy vsyscall page, as the kernel was
 * booted: Debian's default vsyscall=none (a call is SIGSEGV, /proc
 * lists nothing), or vsyscall=xonly (run with
 * CHECK_APPEND="vsyscall=xonly tests=mem/vsyscall"): calls to
 * 0xffffffffff600000 (gettimeofday), +0x400 (time) and +0x800 (getcpu)
 * work and return to the caller; reading the page, calling elsewhere
 * in it, or passing a pointer the call cannot write is SIGSEGV; maps
 * and smaps list it last as "--xp ... [vsyscall]".
 */
#include "tap.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/time.h>
#include <time.h>

#define VSYSCALL 0xffffffffff600000UL

/* Call the page's entry at off with up to three arguments. */
static long vcall(unsigned long off, long a, long b, long c)
{
	long (*fn)(long, long, long) = (void *)(VSYSCALL + off);

	return fn(a, b, c);
}

static int read_page(void)
{
	return *(volatile int *)VSYSCALL;
}

static int misaligned(void)
{
	return vcall(0x100, 0, 0, 0);
}

static int bad_pointer(void)
{
	return vcall(0, (long)KERNEL_PTR, 0, 0);
}

static char buf[65536];

static int read_all(const char *path)
{
	int fd = open(path, O_RDONLY), n = 0, r;

	while (fd >= 0 && (r = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += r;
	buf[n] = 0;
	if (fd >= 0)
		close(fd);
	return n;
}

static int gettimeofday_call(void)
{
	return vcall(0, 0, 0, 0);
}

/* vsyscall=none: no page, nothing listed. */
static void none_mode(void)
{
	ok(killed_by(run_child(gettimeofday_call), SIGSEGV),
	   "vsyscall=none: a call is SIGSEGV");
	read_all("/proc/self/maps");
	ok(!strstr(buf, "[vsyscall]"), "maps does not list the page");
	read_all("/proc/self/smaps");
	ok(!strstr(buf, "[vsyscall]"), "smaps does not list the page");
}

int main(void)
{
	static const char line[] = "ffffffffff600000-ffffffffff601000 --xp "
		"00000000 00:00 0                  [vsyscall]\n";
	struct timeval tv = { 0, 0 }, now;
	unsigned int cpu = ~0u, node = ~0u;
	long t, t2;
	char *l;

	read_all("/proc/cmdline");
	if (!strstr(buf, "vsyscall=xonly")) {
		none_mode();
		return tap_done();
	}

	is(vcall(0, (long)&tv, 0, 0), 0, "gettimeofday through the page");
	gettimeofday(&now, NULL);
	ok(tv.tv_sec && labs(now.tv_sec - tv.tv_sec) <= 1,
	   "it filled the timeval (%ld vs %ld)", (long)tv.tv_sec,
	   (long)now.tv_sec);
	is(vcall(0, 0, 0, 0), 0, "gettimeofday(NULL, NULL)");
	t = vcall(0x400, (long)&t2, 0, 0);
	ok(t > 0 && t == t2 && labs(t - time(NULL)) <= 1,
	   "time through the page returns and stores the time");
	is(vcall(0x800, (long)&cpu, (long)&node, 0), 0,
	   "getcpu through the page");
	ok(cpu < 1024 && node == 0, "a cpu and node 0 (%u, %u)", cpu, node);

	ok(killed_by(run_child(read_page), SIGSEGV),
	   "reading the page: SIGSEGV (execute-only)");
	ok(killed_by(run_child(misaligned), SIGSEGV),
	   "a call inside an entry: SIGSEGV");
	ok(killed_by(run_child(bad_pointer), SIGSEGV),
	   "a kernel pointer for the timeval: SIGSEGV");

	read_all("/proc/self/maps");
	l = strstr(buf, "ffffffffff600000-");
	ok(l && !strcmp(l, line), "maps ends with Linux's [vsyscall] line");
	read_all("/proc/self/smaps");
	l = strstr(buf, "ffffffffff600000-");
	ok(l && !strncmp(l, line, sizeof(line) - 1) &&
	   strstr(l, "\nRss:                   0 kB\n") &&
	   strstr(l, "\nVmFlags: ex \n"),
	   "smaps: the page last, nothing resident, VmFlags: ex");
	read_all("/proc/self/smaps_rollup");
	ok(!strstr(buf, "ffffffffff60"), "smaps_rollup does not span it");
	return tap_done();
}
