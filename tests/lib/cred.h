/*
 * tests/lib/cred.h: helpers for the credential, user-namespace and
 * permission tests (tests/cred, tests/userns, tests/perm).
 */
#ifndef CRED_H
#define CRED_H

#include "tap.h"
#include <grp.h>
#include <sys/prctl.h>

#define CAP_CHOWN 0
#define CAP_DAC_OVERRIDE 1
#define CAP_DAC_READ_SEARCH 2
#define CAP_FOWNER 3
#define CAP_FSETID 4
#define CAP_KILL 5
#define CAP_SETGID 6
#define CAP_SETUID 7
#define CAP_SETPCAP 8
#define CAP_NET_RAW 13
#define CAP_SYS_CHROOT 18
#define CAP_SYS_PTRACE 19
#define CAP_SYS_ADMIN 21
#define CAP_SYS_BOOT 22
#define CAP_SYS_NICE 23
#define CAP_SYS_RESOURCE 24
#define CAP_MKNOD 27
#define CAP_SETFCAP 31
#define CAP_CHECKPOINT_RESTORE 40
#define CAP_LAST 40
#define CAP_ALL ((1ULL << (CAP_LAST + 1)) - 1)
#define CAP_BIT(c) (1ULL << (c))

#define LINUX_CAP_V1 0x19980330
#define LINUX_CAP_V2 0x20071026
#define LINUX_CAP_V3 0x20080522

struct cap_header {
	uint32_t version;
	int pid;
};

struct cap_data {
	uint32_t effective, permitted, inheritable;
};

struct caps {
	uint64_t eff, prm, inh;
};

/* capget(2) v3 of pid (0: self) into c. 0 or -1. */
static inline int get_caps(int pid, struct caps *c)
{
	struct cap_header h = { LINUX_CAP_V3, pid };
	struct cap_data d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	c->eff = d[0].effective | (uint64_t)d[1].effective << 32;
	c->prm = d[0].permitted | (uint64_t)d[1].permitted << 32;
	c->inh = d[0].inheritable | (uint64_t)d[1].inheritable << 32;
	return 0;
}

/* capset(2) v3 of our own sets. 0 or -1. */
static inline int set_caps(uint64_t eff, uint64_t prm, uint64_t inh)
{
	struct cap_header h = { LINUX_CAP_V3, 0 };
	struct cap_data d[2] = {
		{ (uint32_t)eff, (uint32_t)prm, (uint32_t)inh },
		{ (uint32_t)(eff >> 32), (uint32_t)(prm >> 32),
		  (uint32_t)(inh >> 32) },
	};

	return syscall(SYS_capset, &h, d);
}

/* Become uid/gid with no supplementary groups (as root). 0 or -1. */
static inline int drop_to(uid_t uid, gid_t gid)
{
	if (syscall(SYS_setgroups, 0, NULL) ||
	    syscall(SYS_setresgid, gid, gid, gid) ||
	    syscall(SYS_setresuid, uid, uid, uid))
		return -1;
	return 0;
}

/*
 * As drop_to, then dumpable again (as a user's shell would be, having
 * been exec'd after its setuid): our /proc files stay ours.
 */
static inline int become(uid_t uid, gid_t gid)
{
	if (drop_to(uid, gid))
		return -1;
	return prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
}

/*
 * The value of "Key:" in a /proc status-like file, copied to out (the
 * rest of the line, tabs kept). 0 or -1.
 */
static inline int status_field(const char *path, const char *key, char *out,
			       size_t size)
{
	static char buf[8192];
	size_t klen = strlen(key);
	ssize_t n;
	char *p;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (!strncmp(p, key, klen) && p[klen] == ':') {
			char *v = p + klen + 1, *e;

			while (*v == '\t' || *v == ' ')
				v++;
			e = strchr(v, '\n');
			n = e ? e - v : (ssize_t)strlen(v);
			if ((size_t)n >= size)
				n = size - 1;
			memcpy(out, v, n);
			out[n] = 0;
			return 0;
		}
	}
	return -1;
}

/* A status Cap* line as a number (or ~0 if missing). */
static inline uint64_t status_cap(const char *path, const char *key)
{
	char v[64];

	if (status_field(path, key, v, sizeof(v)))
		return ~0ULL;
	return strtoull(v, NULL, 16);
}

/* Write a whole string to path. Returns write's result, or -1. */
static inline ssize_t write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n;
}

/* Read a small file into buf (NUL-terminated). Bytes read or -1. */
static inline ssize_t read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n >= 0)
		buf[n] = 0;
	return n;
}

/*
 * run_case(fn, name): fn() in a child (credentials are per process) that
 * reports only its own failures; passes iff the child exits 0.
 */
static inline int run_case(int (*fn)(void), const char *name)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		tap_failures = 0;
		_exit(fn());
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	return ok(exited_with(status, 0), "case %s", name);
}

/*
 * The root half of tests/fuzz (which runs before these) may chmod /proc
 * as root may: give it back its mode so unprivileged children can walk
 * it. (As root; a note in the output when it was needed.)
 */
static inline void proc_sane(void)
{
	struct stat st;

	if (!syscall(SYS_stat, "/proc", &st) && (st.st_mode & 07777) != 0555) {
		diag("/proc was mode %o: back to 0555", st.st_mode & 07777);
		chmod("/proc", 0555);
	}
}

/* Wait for pid and return its raw status. */
static inline int wait_status(pid_t pid)
{
	int st = -1;

	while (waitpid(pid, &st, __WALL) < 0 && errno == EINTR)
		;
	return st;
}

#endif
