/*
 * tests/procfs/timers_locks.c: /proc/<pid>/timers lists the process's
 * POSIX timers newest first as Linux prints them (id, signal/value,
 * notify kind and pid or tid, clock); /proc/locks shows POSIX, OFD and
 * flock locks with Linux's columns (kind, type, pid or -1, dev:inode,
 * range or EOF).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include "tap.h"
#include "proc.h"

#ifndef SIGEV_THREAD_ID
#define SIGEV_THREAD_ID 4
#endif

static char buf[16384];

static timer_t make_timer(clockid_t clock, int notify, int sig, void *value)
{
	struct sigevent ev = { 0 };
	timer_t id = 0;

	ev.sigev_notify = notify;
	ev.sigev_signo = sig;
	ev.sigev_value.sival_ptr = value;
	if (notify & SIGEV_THREAD_ID)
		ev.sigev_notify_thread_id = gettid();
	if (syscall(SYS_timer_create, clock, &ev, &id))
		return (timer_t)-1;
	return id;
}

static void timers(void)
{
	char want[512];
	int a = (int)(long)make_timer(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIGUSR1,
				     (void *)0x1234);
	int b = (int)(long)make_timer(CLOCK_REALTIME,
				     SIGEV_SIGNAL | SIGEV_THREAD_ID, SIGRTMIN,
				     (void *)0x7f0000001000);
	int c = (int)(long)make_timer(CLOCK_PROCESS_CPUTIME_ID, SIGEV_NONE,
				     SIGUSR2, NULL);

	ok(a >= 0 && b >= 0 && c >= 0, "three timers");
	slurp("/proc/self/timers", buf, sizeof(buf));
	snprintf(want, sizeof(want),
		 "ID: %d\nsignal: %d/%016lx\nnotify: none/pid.%d\nClockID: -6\n"
		 "ID: %d\nsignal: %d/%016lx\nnotify: signal/tid.%d\nClockID: 0\n"
		 "ID: %d\nsignal: %d/%016lx\nnotify: signal/pid.%d\nClockID: 1\n",
		 c, SIGUSR2, 0UL, getpid(), b, SIGRTMIN, 0x7f0000001000UL,
		 gettid(), a, SIGUSR1, 0x1234UL, getpid());
	is_str(buf, want, "/proc/self/timers: newest first, Linux's lines");
	syscall(SYS_timer_delete, b);
	slurp("/proc/self/timers", buf, sizeof(buf));
	ok(!strstr(buf, "tid."), "a deleted timer is gone from the list");
	syscall(SYS_timer_delete, a);
	syscall(SYS_timer_delete, c);
	slurp("/proc/self/timers", buf, sizeof(buf));
	is_str(buf, "", "no timers: an empty file");
}

/* The /proc/locks line (after "N: ") naming dev:ino, or NULL. */
static const char *lock_line(const struct stat *st, const char *kind)
{
	char key[64];
	char *l;

	snprintf(key, sizeof(key), " %02x:%02x:%lu ", major(st->st_dev),
		 minor(st->st_dev), (unsigned long)st->st_ino);
	for (l = buf; (l = strstr(l, key)); l++) {
		char *bol = l;

		while (bol > buf && bol[-1] != '\n')
			bol--;
		if (strstr(bol, kind) && strstr(bol, kind) < l)
			return strchr(bol, ' ') + 1;
	}
	return NULL;
}

static void locks(void)
{
	char p1[64], p2[64], want[128];
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
			    .l_start = 0, .l_len = 100 };
	struct flock ofd = { .l_type = F_RDLCK, .l_whence = SEEK_SET,
			     .l_start = 100, .l_len = 0 };
	struct stat s1, s2;
	int f1 = open(scratch(p1, sizeof(p1), "locks1"), O_RDWR | O_CREAT, 0600);
	int f2 = open(scratch(p2, sizeof(p2), "locks2"), O_RDWR | O_CREAT, 0600);
	const char *l;

	ok(f1 >= 0 && f2 >= 0 && fstat(f1, &s1) == 0 && fstat(f2, &s2) == 0,
	   "two files");
	ok(fcntl(f1, F_SETLK, &fl) == 0, "a POSIX write lock on bytes 0-99");
	ok(fcntl(f1, F_OFD_SETLK, &ofd) == 0, "an OFD read lock from 100 on");
	ok(flock(f2, LOCK_SH) == 0, "a shared flock");
	slurp("/proc/locks", buf, sizeof(buf));

	l = lock_line(&s1, "POSIX");
	snprintf(want, sizeof(want), "POSIX  ADVISORY  WRITE %d %02x:%02x:%lu 0 99\n",
		 getpid(), major(s1.st_dev), minor(s1.st_dev),
		 (unsigned long)s1.st_ino);
	ok(l && !strncmp(l, want, strlen(want)), "POSIX line: %s", want);
	l = lock_line(&s1, "OFDLCK");
	snprintf(want, sizeof(want), "OFDLCK ADVISORY  READ -1 %02x:%02x:%lu 100 EOF\n",
		 major(s1.st_dev), minor(s1.st_dev), (unsigned long)s1.st_ino);
	ok(l && !strncmp(l, want, strlen(want)), "OFD line: %s", want);
	l = lock_line(&s2, "FLOCK");
	snprintf(want, sizeof(want), "FLOCK  ADVISORY  READ %d %02x:%02x:%lu 0 EOF\n",
		 getpid(), major(s2.st_dev), minor(s2.st_dev),
		 (unsigned long)s2.st_ino);
	ok(l && !strncmp(l, want, strlen(want)), "FLOCK line: %s", want);
	ok(buf[0] >= '1' && buf[0] <= '9' && strchr(buf, ':') &&
	   strchr(buf, ':')[1] == ' ', "lines start \"N: \"");

	close(f1);
	close(f2);
	slurp("/proc/locks", buf, sizeof(buf));
	ok(!lock_line(&s1, "POSIX") && !lock_line(&s1, "OFDLCK") &&
	   !lock_line(&s2, "FLOCK"), "closing the files drops the locks");
	unlink(p1);
	unlink(p2);
}

int main(void)
{
	timers();
	locks();
	return tap_done();
}
