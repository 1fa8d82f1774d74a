/*
 * tests/lib/memcheck.h: did the kernel give its memory back?  MemFree
 * from /proc/meminfo and the bytes in use of every /proc/slabinfo cache,
 * read before and after a run (the fuzzer, trinity) and compared within
 * a slack.  On Linux the page cache and slab move by megabytes, so the
 * caller only reports there (memcheck_is_tine()).
 */
#ifndef MEMCHECK_H
#define MEMCHECK_H

#include "tap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/utsname.h>

#define MEMCHECK_CACHES 32

struct memcheck {
	long memfree_kb;
	int ncaches;
	struct {
		char name[32];
		long bytes;	/* active objects * object size */
	} cache[MEMCHECK_CACHES];
};

static inline ssize_t memcheck_slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, len = 0;

	if (fd < 0)
		return -1;
	while ((size_t)len < size - 1 &&
	       (n = read(fd, buf + len, size - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	return len;
}

/* Fill m with MemFree and the slab caches now. */
static inline void memcheck_read(struct memcheck *m)
{
	static char buf[65536];
	char *line, *save, *p;

	m->memfree_kb = -1;
	m->ncaches = 0;
	if (memcheck_slurp("/proc/meminfo", buf, sizeof(buf)) > 0 &&
	    (p = strstr(buf, "MemFree:")))
		m->memfree_kb = strtol(p + 8, NULL, 10);
	if (memcheck_slurp("/proc/slabinfo", buf, sizeof(buf)) < 0)
		return;
	for (line = strtok_r(buf, "\n", &save);
	     line && m->ncaches < MEMCHECK_CACHES;
	     line = strtok_r(NULL, "\n", &save)) {
		long active, total, size;
		char name[32];

		if (line[0] == '#' || !strncmp(line, "slabinfo", 8))
			continue;
		if (sscanf(line, "%31s %ld %ld %ld", name, &active, &total,
			   &size) != 4)
			continue;
		snprintf(m->cache[m->ncaches].name, 32, "%s", name);
		m->cache[m->ncaches].bytes = active * size;
		m->ncaches++;
	}
}

static inline int memcheck_is_tine(void)
{
	struct utsname u;

	return uname(&u) == 0 && strstr(u.release, "tine") != NULL;
}

/* Bytes in use by cache name in m, or -1. */
static inline long memcheck_cache(const struct memcheck *m, const char *name)
{
	for (int i = 0; i < m->ncaches; i++)
		if (!strcmp(m->cache[i].name, name))
			return m->cache[i].bytes;
	return -1;
}

/*
 * Compare a run's before and after: on tine MemFree and every cache must
 * be back within slack_kb ("ok" lines named after who); on Linux only
 * MemFree is reported.
 */
static inline void memcheck_compare(const char *who, const struct memcheck *b,
				    const struct memcheck *a, long slack_kb)
{
	diag("%s: MemFree before %ld kB, after %ld kB", who, b->memfree_kb,
	     a->memfree_kb);
	if (!memcheck_is_tine()) {
		diag("%s: on Linux the page cache and slab move MemFree by "
		     "megabytes: reported only", who);
		return;
	}
	ok(b->memfree_kb >= 0 && b->memfree_kb - a->memfree_kb <= slack_kb,
	   "%s: MemFree back within %ld kB (dropped %ld kB)", who, slack_kb,
	   b->memfree_kb - a->memfree_kb);
	for (int i = 0; i < b->ncaches; i++) {
		long now = memcheck_cache(a, b->cache[i].name);

		ok(now >= 0 && now - b->cache[i].bytes <= slack_kb * 1024,
		   "%s: slab cache %s back within %ld kB (%ld -> %ld bytes)",
		   who, b->cache[i].name, slack_kb, b->cache[i].bytes, now);
	}
}

#endif /* MEMCHECK_H */
