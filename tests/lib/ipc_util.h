/*
 * tests/ipc/ipc_util.h: what the SysV IPC tests share: dropping
 * privileges in a child, reading /proc numbers, MemFree.
 */
#ifndef IPC_UTIL_H
#define IPC_UTIL_H

#include "tap.h"
#include <grp.h>

#define NOBODY 65534

/* Become uid/gid 65534 with no groups and no capabilities: 0 or -1. */
static inline int drop_privileges(void)
{
	if (setgroups(0, NULL) || setresgid(NOBODY, NOBODY, NOBODY) ||
	    setresuid(NOBODY, NOBODY, NOBODY))
		return -1;
	return 0;
}

/* The first number in a /proc file, or -1. */
static inline long read_proc_long(const char *path)
{
	char buf[128];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	return strtol(buf, NULL, 10);
}

/* Write a string to a /proc file: 0 or -errno. */
static inline int write_proc(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	n = n < 0 ? -errno : 0;
	close(fd);
	return (int)n;
}

/* Does the whole /proc file contain needle? */
static inline int proc_contains(const char *path, const char *needle)
{
	static char buf[65536];
	int fd = open(path, O_RDONLY);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return 0;
	while (len < sizeof(buf) - 1 &&
	       (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = 0;
	return strstr(buf, needle) != NULL;
}

/* MemFree in kB, or -1. */
static inline long mem_free_kb(void)
{
	char buf[4096], *p;
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strstr(buf, "MemFree:");
	return p ? strtol(p + 8, NULL, 10) : -1;
}

/* The table slot of an id (SHM_STAT and friends take slots). */
static inline int ipcid_slot(int id)
{
	return id % 32768;
}

/* Poll cond (an expression) for up to ~5 s. */
#define poll_until(cond)                                                  \
	({                                                                \
		int __i;                                                  \
		for (__i = 0; __i < 500 && !(cond); __i++)                \
			usleep(10000);                                    \
		(cond);                                                   \
	})

#endif
