/*
 * tests/lib/mnt.h: helpers for the mount and namespace tests (tests/mntns,
 * tests/ns): mountinfo lookups, scratch directory trees, and a child
 * that runs in a mount namespace of its own.
 */
#ifndef MNT_H
#define MNT_H

#include "tap.h"
#include <sched.h>

/* Scratch paths are short; snprintf's truncation warnings are noise. */
#pragma GCC diagnostic ignored "-Wformat-truncation"
#include <sys/mount.h>
#include <sys/statfs.h>

#ifndef MS_NOSYMFOLLOW
#define MS_NOSYMFOLLOW 256
#endif
#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif
#ifndef ST_RELATIME
#define ST_RELATIME 0x1000
#endif

/* st_dev of path, or 0 if it cannot be stat'ed. */
static inline dev_t dev_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? 0 : st.st_dev;
}

/* The whole of a /proc file (NUL-terminated, static buffer), or NULL. */
static inline char *slurp(const char *path)
{
	static char buf[65536];
	size_t len = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	while ((n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = 0;
	return buf;
}

/*
 * The last line of /proc/self/mountinfo whose mount point (field 5) is
 * point, copied to out; 0, or -1 if there is none.
 */
static inline int mountinfo_line(const char *point, char *out, size_t size)
{
	char *text = slurp("/proc/self/mountinfo"), *line, *save = NULL;
	int found = -1;

	if (!text)
		return -1;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char mp[512];

		if (sscanf(line, "%*d %*d %*s %*s %511s", mp) == 1 &&
		    !strcmp(mp, point)) {
			snprintf(out, size, "%s", line);
			found = 0;
		}
	}
	return found;
}

/* Is a mount listed at point in our mountinfo? */
static inline int is_mountpoint(const char *point)
{
	char line[1024];

	return mountinfo_line(point, line, sizeof(line)) == 0;
}

/* Does point's mountinfo line have word among its optional fields (or,
 * with a trailing ':', a word starting so: "shared:")? */
static inline int mnt_has_tag(const char *point, const char *word)
{
	char line[1024], *p, *end, *tok, *save = NULL;

	if (mountinfo_line(point, line, sizeof(line)))
		return 0;
	end = strstr(line, " - ");
	if (!end)
		return 0;
	*end = 0;
	/* Skip the six fixed fields. */
	p = line;
	for (int i = 0; i < 6 && p; i++) {
		p = strchr(p, ' ');
		if (p)
			p++;
	}
	if (!p)
		return 0;
	for (tok = strtok_r(p, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		size_t n = strlen(word);

		if (word[n - 1] == ':' ? !strncmp(tok, word, n) : !strcmp(tok, word))
			return 1;
	}
	return 0;
}

/* The number after tag ("shared:" or "master:") in point's line, or 0. */
static inline int mnt_tag_value(const char *point, const char *tag)
{
	char line[1024], *end, *p;

	if (mountinfo_line(point, line, sizeof(line)))
		return 0;
	end = strstr(line, " - ");
	if (end)
		*end = 0;
	p = strstr(line, tag);
	return p ? atoi(p + strlen(tag)) : 0;
}

/* mkdir -p of one level under a base, as "base/name". */
static inline const char *subdir(char *buf, size_t size, const char *base,
				 const char *name)
{
	snprintf(buf, size, "%s/%s", base, name);
	mkdir(buf, 0755);
	return buf;
}

/* Make an empty file. 0 or -1. */
static inline int touch(const char *path)
{
	int fd = open(path, O_CREAT | O_WRONLY, 0644);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

/*
 * in_new_ns(fn): run fn() in a child that first unshares its mount
 * namespace and makes every mount in it private (as unshare(1) does),
 * so nothing it mounts is seen outside. Returns the wait status; the
 * child's assertions are its own.
 */
static inline int in_new_ns(int (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		if (unshare(CLONE_NEWNS) ||
		    mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
			tap_printf("not ok - unshare(CLONE_NEWNS): %s",
				   strerror(errno));
			_exit(1);
		}
		tap_failures = 0;
		_exit(fn());
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	return status;
}

/* ok() on a child run by in_new_ns(), named. */
#define ns_case(fn) ok(exited_with(in_new_ns(fn), 0), "case %s", #fn)

#endif
