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
#include "proc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/utsname.h>

#define MEMCHECK_CACHES 32

struct memcheck {
	long memfree_kb;
	long slab_room_kb;	/* free objects' room inside slab pages */
	int ncaches;
	struct {
		char name[32];
		long bytes;	/* active objects * object size */
	} cache[MEMCHECK_CACHES];
};

/* Fill m with MemFree and the slab caches now. */
static inline void memcheck_read(struct memcheck *m)
{
	static char buf[65536];
	char *line, *save;

	m->memfree_kb = memfree_kb();
	m->slab_room_kb = 0;
	m->ncaches = 0;
	if (slurp("/proc/slabinfo", buf, sizeof(buf)) < 0)
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
		m->slab_room_kb += (total - active) * size / 1024;
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
 * Compare a run's before and after: on tine MemFree (plus the free room
 * inside slab pages) and every cache must be back within slack_kb ("ok" lines named after who); on Linux only
 * MemFree is reported.
 */
static inline void memcheck_compare(const char *who, const struct memcheck *b,
				    const struct memcheck *a, long slack_kb)
{
	long drop;

	diag("%s: MemFree before %ld kB, after %ld kB", who, b->memfree_kb,
	     a->memfree_kb);
	if (!memcheck_is_tine()) {
		diag("%s: on Linux the page cache and slab move MemFree by "
		     "megabytes: reported only", who);
		return;
	}
	/* Freed objects stay in their slab pages, ready for reuse: that
	 * room counts as free, as in the runner's leak check. */
	drop = (b->memfree_kb + b->slab_room_kb) -
	       (a->memfree_kb + a->slab_room_kb);
	ok(b->memfree_kb >= 0 && drop <= slack_kb, "%s: MemFree (with the "
	   "free room in slab pages) back within %ld kB (dropped %ld kB)",
	   who, slack_kb, drop);
	for (int i = 0; i < b->ncaches; i++) {
		long now = memcheck_cache(a, b->cache[i].name);

		ok(now >= 0 && now - b->cache[i].bytes <= slack_kb * 1024,
		   "%s: slab cache %s back within %ld kB (%ld -> %ld bytes)",
		   who, b->cache[i].name, slack_kb, b->cache[i].bytes, now);
	}
}

#endif /* MEMCHECK_H */
