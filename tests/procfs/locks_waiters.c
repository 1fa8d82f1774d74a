/*
 * tests/procfs/locks_waiters.c: /proc/locks lists the requests blocked
 * on a lock right after it, under the lock's number, as Linux 6.1 does:
 * "N: -> POSIX ..." for a request waiting on the lock, and one more space
 * of indent for a request queued under an earlier request it conflicts
 * with ("N:  -> ..."); flock waiters likewise. Released, the waiters get
 * their locks and the lines go.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include "tap.h"
#include "proc.h"

static char buf[65536];
static char path1[64], path2[64];

/* " maj:min:ino " of st, as /proc/locks prints it. */
static void dev_key(const struct stat *st, char *key, size_t size)
{
	snprintf(key, size, "%02x:%02x:%lu", major(st->st_dev),
		 minor(st->st_dev), (unsigned long)st->st_ino);
}

/* Child: take a POSIX lock of type on [start, start+len), waiting. */
static void posix_waiter(short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET,
			    .l_start = start, .l_len = len };
	int fd = open(path1, O_RDWR);

	_exit(fd < 0 || fcntl(fd, F_SETLKW, &fl) ? 1 : 0);
}

/* Child: open path2 itself (its own open file) and flock it, waiting. */
static void flock_waiter(int op)
{
	int fd = open(path2, O_RDWR);

	_exit(fd < 0 || flock(fd, op) ? 1 : 0);
}

/* Wait (10 s at most) until /proc/locks holds want; 1 if it did. */
static int wait_for_text(const char *want)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };

	for (int i = 0; i < 500; i++) {
		if (slurp("/proc/locks", buf, sizeof(buf)) > 0 &&
		    strstr(buf, want))
			return 1;
		nanosleep(&ts, NULL);
	}
	return 0;
}

/* The number of the line "N: <text>" in buf, or -1. */
static long line_number(const char *text)
{
	const char *l = strstr(buf, text);

	if (!l)
		return -1;
	while (l > buf && l[-1] != '\n')
		l--;
	return strtol(l, NULL, 10);
}

static pid_t spawn(void (*fn)(short, off_t, off_t), short type, off_t start,
		   off_t len)
{
	pid_t pid = fork();

	if (pid == 0)
		fn(type, start, len);
	return pid;
}

static void test_posix_tree(const struct stat *st)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
			    .l_start = 0, .l_len = 100 };
	char key[64], text[256], want[1024];
	int fd = open(path1, O_RDWR), status, good = 0;
	pid_t a, b, c;
	long n;

	dev_key(st, key, sizeof(key));
	ok(fcntl(fd, F_SETLK, &fl) == 0, "a POSIX write lock on bytes 0-99");
	a = spawn(posix_waiter, F_WRLCK, 0, 10);
	snprintf(text, sizeof(text), "-> POSIX  ADVISORY  WRITE %d %s 0 9\n",
		 a, key);
	ok(wait_for_text(text), "waiter A on 0-9 shows as \"N: -> POSIX ...\"");
	b = spawn(posix_waiter, F_WRLCK, 5, 16);
	snprintf(text, sizeof(text), " -> POSIX  ADVISORY  WRITE %d %s 5 20\n",
		 b, key);
	ok(wait_for_text(text), "waiter B on 5-20 queues under A (\" -> \")");
	c = spawn(posix_waiter, F_RDLCK, 50, 11);
	snprintf(text, sizeof(text), "-> POSIX  ADVISORY  READ %d %s 50 60\n",
		 c, key);
	ok(wait_for_text(text), "reader C on 50-60 waits on the lock itself");

	snprintf(text, sizeof(text), "POSIX  ADVISORY  WRITE %d %s 0 99\n",
		 getpid(), key);
	n = line_number(text);
	snprintf(want, sizeof(want),
		 "%ld: POSIX  ADVISORY  WRITE %d %s 0 99\n"
		 "%ld: -> POSIX  ADVISORY  WRITE %d %s 0 9\n"
		 "%ld:  -> POSIX  ADVISORY  WRITE %d %s 5 20\n"
		 "%ld: -> POSIX  ADVISORY  READ %d %s 50 60\n",
		 n, getpid(), key, n, a, key, n, b, key, n, c, key);
	ok(n > 0 && strstr(buf, want), "the lock, then its waiters depth first:\n%s",
	   want);
	if (!strstr(buf, want))
		diag("/proc/locks:\n%s", buf);

	close(fd);		/* drops the lock: A and C, then B, get theirs */
	for (int i = 0; i < 3; i++)
		if (wait(&status) > 0 && exited_with(status, 0))
			good++;
	is(good, 3, "every waiter got its lock");
	slurp("/proc/locks", buf, sizeof(buf));
	ok(!strstr(buf, key), "no line names the file any more");
}

static void test_flock(const struct stat *st)
{
	char key[64], text[256], want[512];
	int fd = open(path2, O_RDWR), status;
	pid_t d;
	long n;

	dev_key(st, key, sizeof(key));
	ok(flock(fd, LOCK_EX) == 0, "an exclusive flock");
	d = fork();
	if (d == 0)
		flock_waiter(LOCK_SH);
	snprintf(text, sizeof(text), "-> FLOCK  ADVISORY  READ %d %s 0 EOF\n",
		 d, key);
	ok(wait_for_text(text), "a LOCK_SH waiter shows as \"N: -> FLOCK ...\"");
	snprintf(text, sizeof(text), "FLOCK  ADVISORY  WRITE %d %s 0 EOF\n",
		 getpid(), key);
	n = line_number(text);
	snprintf(want, sizeof(want),
		 "%ld: FLOCK  ADVISORY  WRITE %d %s 0 EOF\n"
		 "%ld: -> FLOCK  ADVISORY  READ %d %s 0 EOF\n",
		 n, getpid(), key, n, d, key);
	ok(n > 0 && strstr(buf, want), "under the holder's number:\n%s", want);
	flock(fd, LOCK_UN);
	ok(waitpid(d, &status, 0) == d && exited_with(status, 0),
	   "the waiter got the flock when it was dropped");
	close(fd);
}

int main(void)
{
	struct stat s1, s2;
	int f1 = open(scratch(path1, sizeof(path1), "lockw1"),
		      O_RDWR | O_CREAT, 0600);
	int f2 = open(scratch(path2, sizeof(path2), "lockw2"),
		      O_RDWR | O_CREAT, 0600);

	if (!ok(f1 >= 0 && f2 >= 0 && !fstat(f1, &s1) && !fstat(f2, &s2),
		"two scratch files"))
		return tap_done();
	close(f1);
	close(f2);
	test_posix_tree(&s1);
	test_flock(&s2);
	unlink(path1);
	unlink(path2);
	return tap_done();
}
