/*
 * tests/lib/proc.h: reading /proc files as procps does, and the small
 * numbers tests read and write there (a sysctl, MemFree, the task count).
 */
#ifndef TESTS_PROC_H
#define TESTS_PROC_H

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

/* Read the whole of path into buf (NUL-terminated): length, or -1. */
static inline ssize_t slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = 0, r;

	if (fd < 0)
		return -1;
	while ((r = read(fd, buf + n, size - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = '\0';
	return r < 0 ? -1 : n;
}

/* The same for a printf-formatted path. */
__attribute__((format(printf, 3, 4)))
static inline ssize_t slurpf(char *buf, size_t size, const char *fmt, ...)
{
	char path[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	return slurp(path, buf, size);
}

/* The number at the start of path (a sysctl, a pid), or -1. */
static inline long read_long(const char *path)
{
	char buf[64];

	if (slurp(path, buf, sizeof(buf)) <= 0)
		return -1;
	return strtol(buf, NULL, 10);
}

/* Write v and a newline to path: 0, or -1 (errno set). */
static inline int write_long(const char *path, long v)
{
	char buf[32];
	int fd = open(path, O_WRONLY), n, ret, err;

	if (fd < 0)
		return -1;
	n = snprintf(buf, sizeof(buf), "%ld\n", v);
	ret = write(fd, buf, n) == n ? 0 : -1;
	err = errno;
	close(fd);
	errno = err;
	return ret;
}

/* Write text at offset 0 through a fresh fd: bytes written or -errno. */
static inline long write_str(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	long n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	if (n < 0)
		n = -errno;
	close(fd);
	return n;
}

/*
 * A sysctl (or any file) read and set through one fd: its old value
 * (trailing newline dropped) into old if old is non-NULL, then val
 * written at offset 0 if val is non-NULL. 0, or -1 (open or write
 * failed).
 */
static inline int sysctl_rw(const char *name, const char *val, char *old,
			    size_t n)
{
	int fd = open(name, O_RDWR);
	ssize_t r;

	if (fd < 0)
		return -1;
	if (old) {
		r = read(fd, old, n - 1);
		old[r > 0 ? r : 0] = 0;
		if (r > 0 && old[r - 1] == '\n')
			old[r - 1] = 0;
	}
	r = val ? pwrite(fd, val, strlen(val), 0) : 0;
	close(fd);
	return r < 0 ? -1 : 0;
}

/* The state letter of /proc/<pid>/stat (R, S, Z, t...), or '?' if it
 * cannot be read. */
static inline char proc_state(pid_t pid)
{
	char buf[512], *p;

	if (slurpf(buf, sizeof(buf), "/proc/%d/stat", (int)pid) <= 0)
		return '?';
	p = strrchr(buf, ')');
	return p && p[1] && p[2] ? p[2] : '?';
}

/* Poll pid's state every 10 ms, at most ms / 10 times, until it is
 * state: that state, or the last one seen. */
static inline char wait_proc_state(pid_t pid, char state, int ms)
{
	char s = proc_state(pid);

	for (int i = 0; i < ms / 10 && s != state; i++) {
		usleep(10000);
		s = proc_state(pid);
	}
	return s;
}

/* Field n (from 4: the numeric ones) of /proc/<pid>/stat, pid 0 for
 * the caller's process; dflt if it cannot be read. */
static inline long pid_stat_field(pid_t pid, int n, long dflt)
{
	char buf[1024], *p;
	ssize_t len = pid ? slurpf(buf, sizeof(buf), "/proc/%d/stat", (int)pid)
			  : slurp("/proc/self/stat", buf, sizeof(buf));

	if (len <= 0)
		return dflt;
	p = strrchr(buf, ')');
	for (int i = 2; i < n && p; i++)
		p = strchr(p + 1, ' ');
	return p ? strtol(p + 1, NULL, 10) : dflt;
}

/* The priority field (18) of /proc/<pid>/stat (20 for nice 0, -1 - rt
 * priority for a real-time task), or 1000 if it cannot be read. */
static inline int stat_prio(pid_t pid)
{
	return (int)pid_stat_field(pid, 18, 1000);
}

/* Poll pid's priority every 10 ms (for at most 5 s) until it is want:
 * that priority, or the last one seen. */
static inline int wait_stat_prio(pid_t pid, int want)
{
	int prio = stat_prio(pid);

	for (int i = 0; i < 500 && prio != want; i++) {
		usleep(10000);
		prio = stat_prio(pid);
	}
	return prio;
}

/* MemFree from /proc/meminfo in kB, or -1. */
static inline long memfree_kb(void)
{
	static char buf[4096];
	char *p;

	if (slurp("/proc/meminfo", buf, sizeof(buf)) < 0)
		return -1;
	p = strstr(buf, "MemFree:");
	return p ? strtol(p + 8, NULL, 10) : -1;
}

/* Tasks alive now: the denominator of /proc/loadavg's 4th field, or -1. */
static inline long nr_tasks(void)
{
	char buf[128], *p;

	if (slurp("/proc/loadavg", buf, sizeof(buf)) < 0)
		return -1;
	p = strchr(buf, '/');
	return p ? strtol(p + 1, NULL, 10) : -1;
}

#define STAT_FIELDS 52

/*
 * Parse a stat line as procps does: the command is between the first
 * '(' and the last ')'; f[1..52] get the fields (f[2] unset: see comm;
 * f[3] is the state letter). Returns the number of fields found.
 */
static inline int parse_stat(const char *buf, char *comm, size_t comm_size,
			     unsigned long long *f)
{
	const char *open = strchr(buf, '('), *close = strrchr(buf, ')');
	const char *p;
	int n = 2;

	if (!open || !close || close < open)
		return 0;
	f[1] = strtoull(buf, NULL, 10);
	snprintf(comm, comm_size, "%.*s", (int)(close - open - 1), open + 1);
	p = close + 1;
	while (*p == ' ' && n < STAT_FIELDS) {
		p++;
		n++;
		if (n == 3) {
			f[3] = (unsigned char)*p++;
			continue;
		}
		f[n] = strtoull(p, (char **)&p, 10);
		if (*p != ' ' && *p != '\n')
			return n - 1;
	}
	return n;
}

/* The value after "key:\t" in a status text (copied), or NULL. */
static inline const char *status_value(const char *buf, const char *key,
				       char *val, size_t size)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "\n%s:\t", key);
	p = strncmp(buf, pat + 1, strlen(pat + 1)) ? strstr(buf, pat) : buf - 1;
	if (!p)
		return NULL;
	p += strlen(pat);
	snprintf(val, size, "%.*s", (int)strcspn(p, "\n"), p);
	return val;
}

/* status_value as a number (the first of it), or -1. */
static inline long long status_num(const char *buf, const char *key)
{
	char val[256];

	return status_value(buf, key, val, sizeof(val)) ? strtoll(val, NULL, 0)
							  : -1;
}

/*
 * Wait up to about ms milliseconds for task tid (a process or a thread:
 * /proc/<tid> reaches both) to be asleep, state S in its stat. A test
 * that must signal or wake a task only once it blocks asks this instead
 * of sleeping a fixed time: on a loaded host a fixed sleep is not always
 * long enough. Returns 1 once it is asleep, 0 if it never was.
 */
static inline int wait_until_asleep(pid_t tid, int ms)
{
	char buf[1024], *p;

	for (int i = 0; i < ms; i++) {
		if (slurpf(buf, sizeof(buf), "/proc/%d/stat", (int)tid) > 0 &&
		    (p = strrchr(buf, ')')) && p[1] == ' ' && p[2] == 'S')
			return 1;
		usleep(1000);
	}
	return 0;
}

#endif
