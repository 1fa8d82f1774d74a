/*
 * tests/kmsg/kmsg.c: the kernel log through /dev/kmsg, syslog(2) and
 * /proc/kmsg: record format ("PRI,SEQ,USEC,FLAG;TEXT"), priorities of
 * user writes, escaping, one record per read, seeks, poll, overwritten
 * records (EPIPE, POLLERR), the devkmsg ratelimit, READ_ALL/CLEAR, the
 * destructive READ, argument errors, and what an unprivileged process
 * may not do.
 */
#include <poll.h>
#include "tap.h"

#define SYSLOG_ACTION_CLOSE 0
#define SYSLOG_ACTION_OPEN 1
#define SYSLOG_ACTION_READ 2
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_CONSOLE_OFF 6
#define SYSLOG_ACTION_CONSOLE_ON 7
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_UNREAD 9
#define SYSLOG_ACTION_SIZE_BUFFER 10

static char tag[64];		/* unique to this run: "tine-kmsg-PID" */

static long sys_syslog(int type, char *buf, int len)
{
	return syscall(SYS_syslog, type, buf, len);
}

/* One record of /dev/kmsg, parsed. */
struct rec {
	unsigned int pri;
	unsigned long long seq, usec;
	char flag;
	char text[1100];
};

static int parse(const char *line, struct rec *r)
{
	int n = 0;

	if (sscanf(line, "%u,%llu,%llu,%c%n", &r->pri, &r->seq, &r->usec,
		   &r->flag, &n) != 4)
		return -1;
	line = strchr(line + n, ';');
	if (!line)
		return -1;
	snprintf(r->text, sizeof(r->text), "%s", line + 1);
	r->text[strcspn(r->text, "\n")] = 0;
	return 0;
}

/* Write one message on a fresh fd (each has its own ratelimit). */
static int kmsg_write(const char *fmt, const char *text)
{
	char buf[1100];
	int fd = open("/dev/kmsg", O_WRONLY), n;

	if (fd < 0)
		return -1;
	n = snprintf(buf, sizeof(buf), fmt, tag, text);
	n = write(fd, buf, n);
	close(fd);
	return n;
}

/* Read records from fd (O_NONBLOCK) until one whose text is want. */
static int find(int fd, const char *want, struct rec *r)
{
	char line[8192];
	ssize_t n;

	while ((n = read(fd, line, sizeof(line) - 1)) > 0) {
		line[n] = 0;
		if (!parse(line, r) && !strcmp(r->text, want))
			return 0;
	}
	return -1;
}

static void test_format(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	char want[128];
	struct rec a, b, c;

	ok(fd >= 0, "/dev/kmsg opens for reading (root)");
	is(lseek(fd, 0, SEEK_END), 0, "SEEK_END returns 0");
	is(kmsg_write("<5>%s %s\n", "five"), strlen(tag) + 9,
	   "a write returns its length");
	kmsg_write("%s %s\n", "plain");
	kmsg_write("<30>%s %s\n", "daemon-info");
	snprintf(want, sizeof(want), "%s five", tag);
	ok(find(fd, want, &a) == 0, "the record of <5> is read back");
	is(a.pri, 13, "<5> is level 5 of facility user (13)");
	is(a.flag, '-', "flag is '-'");
	snprintf(want, sizeof(want), "%s plain", tag);
	ok(find(fd, want, &b) == 0, "the record without a prefix is read back");
	is(b.pri, 12, "no prefix: facility user, default level 4");
	is(b.seq, a.seq + 1, "sequence numbers count up by one");
	ok(b.usec >= a.usec, "timestamps do not go back");
	snprintf(want, sizeof(want), "%s daemon-info", tag);
	ok(find(fd, want, &c) == 0, "the <30> record is read back");
	is(c.pri, 30, "<30> keeps its facility (daemon) and level");
	close(fd);
}

static void test_read_rules(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	char small[8], line[8192], big[1000];
	struct pollfd p = { fd, POLLIN, 0 };
	struct rec r;
	ssize_t n;

	lseek(fd, 0, SEEK_END);
	expect_errno(read(fd, line, sizeof(line)), EAGAIN);
	is(poll(&p, 1, 0), 0, "poll at the end: nothing to read");
	expect_errno(lseek(fd, 1, SEEK_SET), ESPIPE);
	expect_errno(lseek(fd, 0, SEEK_CUR), EINVAL);
	kmsg_write("<6>%s %s\n", "small");
	is(poll(&p, 1, 2000), 1, "poll: readable after a write");
	ok(p.revents & POLLIN, "POLLIN");
	expect_errno(read(fd, small, sizeof(small)), EINVAL);
	expect_errno(read(fd, line, sizeof(line)), EAGAIN);
	kmsg_write("<6>%s %s\n", "a\\b\001c\td");
	n = read(fd, line, sizeof(line) - 1);
	line[n > 0 ? n : 0] = 0;
	ok(n > 0 && !parse(line, &r), "one record per read");
	ok(strstr(r.text, "a\\x5cb\\x01c\\x09d") != NULL,
	   "backslash and control characters are \\xNN (%s)", r.text);
	ok(line[n - 1] == '\n' && !strchr(line, '\n')[1], "ends in one newline");
	/* A line without a newline stays open, unread, until the next one
	 * (which does not continue it: writes never do). */
	kmsg_write("<6>%s %s", "open");
	expect_errno(read(fd, line, sizeof(line)), EAGAIN);
	kmsg_write("<6>%s %s\n", "next");
	n = read(fd, line, sizeof(line) - 1);
	line[n > 0 ? n : 0] = 0;
	ok(n > 0 && !parse(line, &r) && strstr(r.text, " open") &&
	   !strstr(r.text, "next"), "then it is a record of its own");
	n = read(fd, line, sizeof(line) - 1);
	line[n > 0 ? n : 0] = 0;
	ok(n > 0 && !parse(line, &r) && strstr(r.text, " next"),
	   "followed by the next");
	memset(big, 'x', sizeof(big));
	expect_errno(write(fd, big, 10), EBADF);
	close(fd);
	fd = open("/dev/kmsg", O_WRONLY);
	expect_errno(write(fd, big, 993), EINVAL);
	ok(write(fd, big, 992) == 992, "992 bytes is the longest message");
	close(fd);
}

/* Ten writes per open file pass in 5 s; the rest are dropped. */
static void test_ratelimit(void)
{
	int w = open("/dev/kmsg", O_WRONLY), r = open("/dev/kmsg",
						     O_RDONLY | O_NONBLOCK);
	char buf[128], line[8192];
	int i, seen = 0, n;
	struct rec rec;

	lseek(r, 0, SEEK_END);
	for (i = 0; i < 12; i++) {
		n = snprintf(buf, sizeof(buf), "%s rl %d\n", tag, i);
		if (write(w, buf, n) != n)
			break;
	}
	is(i, 12, "every write returns its length");
	close(w);
	while ((n = read(r, line, sizeof(line) - 1)) > 0) {
		line[n] = 0;
		snprintf(buf, sizeof(buf), "%s rl ", tag);
		if (!parse(line, &rec) && !strncmp(rec.text, buf, strlen(buf)))
			seen++;
	}
	is(seen, 10, "ten of twelve quick writes reach the log");
	close(r);
}

static ssize_t read_all(char *buf, int size)
{
	return sys_syslog(SYSLOG_ACTION_READ_ALL, buf, size);
}

static void test_syslog(void)
{
	long size = sys_syslog(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	char *buf = malloc(size > 0 ? size + 1 : 4096), want[128], *line;
	ssize_t n;
	int fd;

	ok(size >= 4096, "SIZE_BUFFER is the log's size (%ld)", size);
	kmsg_write("<6>%s %s\n", "for-syslog");
	n = read_all(buf, size);
	ok(n > 0, "READ_ALL reads the log");
	buf[n > 0 ? n : 0] = 0;
	snprintf(want, sizeof(want), "] %s for-syslog\n", tag);
	line = strstr(buf, want);
	ok(line != NULL, "READ_ALL has our message");
	while (line && line > buf && line[-1] != '\n')
		line--;
	ok(line && !strncmp(line, "<14>[", 5), "with its <PRI>[time] prefix");
	n = read_all(buf, 10);
	is(n, 0, "READ_ALL into 10 bytes: no line fits");
	n = read_all(buf, 300);
	ok(n > 0 && n <= 300 && buf[n - 1] == '\n' && buf[0] == '<',
	   "READ_ALL with a small buffer: whole newest lines (%zd)", n);
	expect_errno(sys_syslog(SYSLOG_ACTION_READ_ALL, NULL, 10), EINVAL);
	expect_errno(sys_syslog(SYSLOG_ACTION_READ_ALL, buf, -1), EINVAL);
	is(sys_syslog(SYSLOG_ACTION_READ_ALL, buf, 0), 0, "READ_ALL of 0 bytes");
	expect_errno(sys_syslog(SYSLOG_ACTION_READ_ALL, (char *)KERNEL_PTR, 100),
		     EFAULT);
	expect_errno(sys_syslog(SYSLOG_ACTION_READ, NULL, 10), EINVAL);
	expect_errno(sys_syslog(11, buf, 10), EINVAL);
	expect_errno(sys_syslog(-1, buf, 10), EINVAL);
	expect_errno(sys_syslog(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 0), EINVAL);
	expect_errno(sys_syslog(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 9), EINVAL);
	is(sys_syslog(SYSLOG_ACTION_OPEN, NULL, 0), 0, "OPEN is a no-op");
	is(sys_syslog(SYSLOG_ACTION_CLOSE, NULL, 0), 0, "CLOSE is a no-op");
	is(sys_syslog(SYSLOG_ACTION_CONSOLE_OFF, NULL, 0), 0, "CONSOLE_OFF");
	is(sys_syslog(SYSLOG_ACTION_CONSOLE_ON, NULL, 0), 0, "CONSOLE_ON");

	/* CLEAR: READ_ALL and SEEK_DATA start after it. */
	is(sys_syslog(SYSLOG_ACTION_CLEAR, NULL, 0), 0, "CLEAR");
	n = read_all(buf, size);
	buf[n > 0 ? n : 0] = 0;
	ok(!strstr(buf, "for-syslog"), "cleared records are not read again");
	kmsg_write("<6>%s %s\n", "after-clear");
	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	is(lseek(fd, 0, SEEK_DATA), 0, "SEEK_DATA");
	n = read(fd, buf, size - 1);
	buf[n > 0 ? n : 0] = 0;
	ok(strstr(buf, "after-clear") != NULL,
	   "SEEK_DATA: the first record after CLEAR");
	close(fd);
	n = sys_syslog(SYSLOG_ACTION_READ_CLEAR, buf, size);
	buf[n > 0 ? n : 0] = 0;
	ok(strstr(buf, "after-clear") != NULL, "READ_CLEAR reads ...");
	is(read_all(buf, size), 0, "... and clears");
	free(buf);
}

/* The destructive reader: syslog(READ) and /proc/kmsg. */
static void test_destructive(void)
{
	int fd = open("/proc/kmsg", O_RDONLY | O_NONBLOCK);
	struct pollfd p = { fd, POLLIN, 0 };
	char buf[8192];
	ssize_t n;
	int got = 0;

	ok(fd >= 0, "/proc/kmsg opens (root)");
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	expect_errno(read(fd, buf, sizeof(buf)), EAGAIN);
	is(sys_syslog(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0), 0,
	   "SIZE_UNREAD: nothing unread");
	kmsg_write("<6>%s %s\n", "destructive");
	is(poll(&p, 1, 2000), 1, "/proc/kmsg polls readable");
	ok(sys_syslog(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0) > 0,
	   "SIZE_UNREAD counts the new record");
	n = sys_syslog(SYSLOG_ACTION_READ, buf, 6);
	is(n, 6, "READ of 6 bytes: part of a record");
	n = sys_syslog(SYSLOG_ACTION_READ, buf + 6, sizeof(buf) - 7);
	if (n > 0) {
		buf[6 + n] = 0;
		got = strstr(buf, "destructive") != NULL &&
		      !strncmp(buf, "<14>[", 5);
	}
	ok(got, "READ returns the rest of it (%.40s)", buf);
	expect_errno(read(fd, buf, sizeof(buf)), EAGAIN);
	close(fd);
}

/* Zero-count reads: /proc/kmsg's read has no shortcut (EAGAIN with
 * O_NONBLOCK and nothing unread, 0 otherwise), syslog READ of 0 is 0. */
static void test_zero_count(void)
{
	int fd = open("/proc/kmsg", O_RDONLY | O_NONBLOCK);
	int bfd = open("/proc/kmsg", O_RDONLY);
	char buf[8192];

	while (read(fd, buf, sizeof(buf)) > 0)
		;
	expect_errno(read(fd, buf, 0), EAGAIN);
	is(read(bfd, buf, 0), 0, "blocking /proc/kmsg read of 0, none unread: 0");
	is(sys_syslog(SYSLOG_ACTION_READ, buf, 0), 0,
	   "syslog READ of 0 bytes, none unread: 0 at once");
	expect_errno(sys_syslog(SYSLOG_ACTION_READ, NULL, 0), EINVAL);
	kmsg_write("<6>%s %s\n", "zero-count");
	is(read(fd, buf, 0), 0, "O_NONBLOCK read of 0 with a record unread: 0");
	is(read(bfd, buf, 0), 0, "blocking read of 0 with a record unread: 0");
	is(sys_syslog(SYSLOG_ACTION_READ, buf, 0), 0,
	   "syslog READ of 0 bytes with a record unread: 0");
	ok(sys_syslog(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0) > 0,
	   "... and the record is still unread");
	ok(read(fd, buf, sizeof(buf)) > 0, "a real read then reads it");
	close(bfd);
	close(fd);
}

/* A reader left behind by a full ring: EPIPE, once; POLLERR. */
static void test_overrun(void)
{
	long size = sys_syslog(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	int r = open("/dev/kmsg", O_RDONLY | O_NONBLOCK), i, j;
	struct pollfd p = { r, POLLIN | POLLPRI, 0 };
	char msg[900], line[8192];

	memset(msg, 'o', sizeof(msg));
	msg[sizeof(msg) - 2] = '\n';
	/* Fill the ring twice over, ten lines per file. */
	for (i = 0; i < 2 * size / 800 / 10 + 1; i++) {
		int w = open("/dev/kmsg", O_WRONLY);

		for (j = 0; j < 10; j++)
			write(w, msg, sizeof(msg) - 1);
		close(w);
	}
	is(poll(&p, 1, 0), 1, "poll: a reader left behind is ready");
	ok((p.revents & (POLLERR | POLLPRI)) == (POLLERR | POLLPRI),
	   "with POLLERR|POLLPRI (%#x)", p.revents);
	expect_errno(read(r, line, sizeof(line)), EPIPE);
	ok(read(r, line, sizeof(line)) > 0, "then reads on from the oldest");
	close(r);
}

static int unprivileged(void)
{
	char buf[64];
	int fd, restrict_ = -1;

	fd = open("/proc/sys/kernel/dmesg_restrict", O_RDONLY);
	if (fd >= 0) {
		if (read(fd, buf, sizeof(buf)) > 0)
			restrict_ = atoi(buf);
		close(fd);
	}
	tap_failures = 0;	/* the parent's are its own */
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 99;
	expect_errno(sys_syslog(SYSLOG_ACTION_CLEAR, NULL, 0), EPERM);
	expect_errno(sys_syslog(SYSLOG_ACTION_READ, buf, sizeof(buf)), EPERM);
	expect_errno(sys_syslog(SYSLOG_ACTION_READ_CLEAR, buf, sizeof(buf)),
		     EPERM);
	expect_errno(sys_syslog(SYSLOG_ACTION_CONSOLE_OFF, NULL, 0), EPERM);
	expect_errno(sys_syslog(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 7), EPERM);
	expect_errno(sys_syslog(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0), EPERM);
	expect_errno(sys_syslog(SYSLOG_ACTION_OPEN, NULL, 0), EPERM);
	expect_errno(open("/proc/kmsg", O_RDONLY), EACCES);
	expect_errno(open("/dev/kmsg", O_WRONLY), EACCES);
	if (restrict_ < 0) {
		diag("skip: no /proc/sys/kernel/dmesg_restrict to say who reads");
	} else if (restrict_) {
		expect_errno(sys_syslog(SYSLOG_ACTION_READ_ALL, buf, sizeof(buf)),
			     EPERM);
		expect_errno(sys_syslog(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0), EPERM);
		expect_errno(open("/dev/kmsg", O_RDONLY), EPERM);
	} else {
		ok(sys_syslog(SYSLOG_ACTION_READ_ALL, buf, sizeof(buf)) >= 0,
		   "dmesg_restrict 0: READ_ALL is open to all");
		ok(sys_syslog(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0) > 0,
		   "dmesg_restrict 0: SIZE_BUFFER is open to all");
		fd = open("/dev/kmsg", O_RDONLY);
		ok(fd >= 0, "dmesg_restrict 0: /dev/kmsg is readable by all");
		close(fd);
	}
	return tap_failures;
}

int main(void)
{
	snprintf(tag, sizeof(tag), "tine-kmsg-%d", (int)getpid());
	test_format();
	test_read_rules();
	test_ratelimit();
	test_syslog();
	test_destructive();
	test_zero_count();
	is(run_child(unprivileged), 0, "unprivileged checks (child)");
	test_overrun();
	return tap_done();
}
