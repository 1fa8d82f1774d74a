/*
 * tools/fuzz/args.c: random and "interesting" arguments.
 *
 * Every generator draws from the child's own xorshift stream, so a child
 * number and a seed give the same calls every time.  Structures (iovecs,
 * pollfds, sigsets, strings) are built in the child's args page, which
 * the calls are never given to unmap or protect; plain buffers come from
 * the victim pages, which they may do anything to.
 */
#include "fuzz.h"
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>


/* A marker in the victim pages: seen on the console, it means the
 * kernel wrote a process's memory there (tools/check.sh looks for it). */
#define MARK "<FUZZ-" "MEMORY>"

static int hint = -1;	/* a count or size the next A_LEN should use */

/* xorshift64*: small, fast and good enough to pick arguments. */
uint64_t rnd(struct fuzz_child *c)
{
	c->rng ^= c->rng >> 12;
	c->rng ^= c->rng << 25;
	c->rng ^= c->rng >> 27;
	return c->rng * 0x2545F4914F6CDD1DULL;
}

unsigned long rnd_below(struct fuzz_child *c, unsigned long n)
{
	return n ? rnd(c) % n : 0;
}

#define PICK(c, arr) ((arr)[rnd_below((c), sizeof(arr) / sizeof((arr)[0]))])

/* Percent chance. */
static int chance(struct fuzz_child *c, int pct)
{
	return (int)rnd_below(c, 100) < pct;
}

static const long interesting[] = {
	0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 63, 64, 127, 128, 255, 256, 511,
	512, 1023, 1024, 4095, 4096, 4097, 65535, 65536, 0x7fffffff,
	-0x80000000L, 0xffffffffL, 0x80000000L, 0x100000000L,
	0x7fffffffffffffffL, (long)0x8000000000000000UL, -1, -2, -4096,
	0xffff, 0x10000, 1L << 40,
};

static long gen_int(struct fuzz_child *c)
{
	switch (rnd_below(c, 6)) {
	case 0:
		return (long)rnd(c);
	case 1:
		return (int)rnd(c);
	case 2:
		return (long)rnd_below(c, 64);
	default:
		return PICK(c, interesting);
	}
}

/* Bump-allocate n bytes (16-aligned) in the args page. */
static void *args_alloc(struct fuzz_child *c, size_t n)
{
	void *p;

	n = (n + 15) & ~15UL;
	if (c->args_used + n > ARGS_SIZE)
		c->args_used = 0;
	p = c->args_page + c->args_used;
	c->args_used += n;
	return p;
}

/* args_reset - forget last call's structures (before each call). */
void args_reset(struct fuzz_child *c)
{
	c->args_used = 0;
	hint = -1;
}

static long bad_ptr(struct fuzz_child *c)
{
	static const unsigned long bad[] = {
		0, 1, 0xfff, 0xffffffff80000000UL, 0xffff888000000000UL,
		0x8000000000000000UL, 0x0000800000000000UL, 0x00007ffffffff000UL,
		0xfffffffffffff000UL, -1UL,
	};

	if (chance(c, 30))
		return (long)c->hole + (long)rnd_below(c, 4096);
	if (chance(c, 20))
		return (long)c->none_page;
	return (long)PICK(c, bad);
}

/* A writable buffer (mostly), sometimes straddling into PROT_NONE. */
static long gen_buf(struct fuzz_child *c)
{
	int r = (int)rnd_below(c, 100);

	if (r < 70) {
		size_t off = chance(c, 50) ? rnd_below(c, VICTIM_SIZE / 64) * 64
					   : rnd_below(c, VICTIM_SIZE);
		if (chance(c, 5))
			off = VICTIM_SIZE - rnd_below(c, 64);
		return (long)(c->victim + off);
	}
	if (r < 78 && c->nmaps) {
		int m = (int)rnd_below(c, (unsigned long)c->nmaps);

		return (long)(c->maps[m] + rnd_below(c, c->map_len[m]));
	}
	if (r < 85)
		return (long)(c->ro_page + rnd_below(c, 4096));
	return bad_ptr(c);
}

static long gen_len(struct fuzz_child *c)
{
	static const long lens[] = {
		0, 1, 2, 3, 4, 8, 16, 64, 100, 512, 4095, 4096, 4097, 8192,
		16384, 65536, 1 << 20, 0x7fffffff, 0x80000000L, 0xffffffffL,
		-1, -4096, 1L << 40,
	};
	long h = hint;

	hint = -1;
	if (h >= 0 && chance(c, 85))
		return h;
	if (chance(c, 40))
		return (long)rnd_below(c, 4200);
	if (chance(c, 10))
		return (long)rnd_below(c, VICTIM_SIZE);
	return PICK(c, lens);
}

static long gen_fd(struct fuzz_child *c)
{
	static const long bad[] = { -1, -100, 1 << 20, 0x7fffffff, 1023, 255, 0, 1, 2 };

	if (c->nfds && chance(c, 88))
		return c->fds[rnd_below(c, (unsigned long)c->nfds)];
	return PICK(c, bad);
}

static long gen_dirfd(struct fuzz_child *c)
{
	int r = (int)rnd_below(c, 100);

	if (r < 40)
		return AT_FDCWD;
	if (r < 80 && c->ndirfds)
		return c->dirfds[rnd_below(c, (unsigned long)c->ndirfds)];
	return gen_fd(c);
}

/* Names inside the child's scratch directory (its cwd). */
static const char *const rel_names[] = {
	"a", "b", "file", "dir", "dir/x", "dir/y/z", "fifo", "link", "a/",
	"dir/..", ".", "..", "", "sock", "dev", "mnt",
};

/* A name in the scratch directory; root's never climb out of it. */
static const char *rel_name(struct fuzz_child *c)
{
	const char *n = PICK(c, rel_names);

	return c->is_root && !strcmp(n, "..") ? "dir/.." : n;
}

/* Paths outside the scratch directory that only unprivileged children
 * get (the kernel's permission checks must stop them). */
static const char *const foreign_paths[] = {
	"/dev/console", "/dev/ttyS0", "/dev/tty", "/proc/1/mem",
	"/proc/1/environ", "/proc/1/fd/0", "/proc/1/fd", "/proc/1/maps",
	"/etc/passwd", "/bin/busybox", "/tests", "/init", "/",
	"/proc/sys/kernel/pid_max", "/proc/sys/kernel/threads-max", "/tmp",
	"/tmp/fuzz-x", "/dev/shm/x", "/dev", "/proc/1/cwd", "/proc/1/root",
	"/proc/self/fd/0",
};

/* Paths anyone may be given: their own /proc files and harmless devices. */
static const char *const read_paths[] = {
	"/proc/self/maps", "/proc/self/status", "/proc/self/mem",
	"/proc/self/fd", "/proc/self/fd/3", "/proc/self/fail-nth",
	"/proc/self/stat", "/proc/self/cmdline", "/proc/self/environ",
	"/proc/self/exe", "/proc/self/cwd", "/proc/self/root",
	"/proc/self/fdinfo/4", "/proc/self/task", "/proc/meminfo",
	"/proc/slabinfo", "/proc/mounts", "/proc/self/mounts", "/proc",
	"/proc/self", "/dev/null", "/dev/zero", "/dev/full", "/dev/urandom",
	"/nonexistent", "/nonexistent/x", "/proc/self/oom_score_adj",
	"/proc/uptime", "/proc/cmdline", "/proc/stat", "/proc/self/task/0",
};

static char *put_str(struct fuzz_child *c, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = args_alloc(c, n);

	memcpy(p, s, n);
	return p;
}

static long long_path(struct fuzz_child *c)
{
	size_t n = chance(c, 50) ? 4096 + rnd_below(c, 8) : 255 + rnd_below(c, 4);
	char *p = args_alloc(c, n + 1);

	for (size_t i = 0; i < n; i++)
		p[i] = (i % 8 == 7) ? '/' : 'a';
	p[n] = 0;
	return (long)p;
}

static long gen_wpath(struct fuzz_child *c)
{
	char buf[128];
	int r = (int)rnd_below(c, 100);

	if (r < 60)
		return (long)put_str(c, rel_name(c));
	if (r < 80) {
		snprintf(buf, sizeof(buf), "%s/%s", c->scratch, rel_name(c));
		return (long)put_str(c, buf);
	}
	if (r < 90 && !c->is_root)
		return (long)put_str(c, PICK(c, foreign_paths));
	if (r < 94)
		return long_path(c);
	return bad_ptr(c);
}

static long gen_path(struct fuzz_child *c)
{
	if (chance(c, 35))
		return (long)put_str(c, PICK(c, read_paths));
	return gen_wpath(c);
}

static long gen_exec(struct fuzz_child *c)
{
	static const char *const progs[] = {
		"/bin/busybox", "/nonexistent", "file", "dir", "fifo",
		"/dev/null", "/proc/self/exe", "", "link",
	};

	if (chance(c, 10))
		return bad_ptr(c);
	return (long)put_str(c, PICK(c, progs));
}

/* Strings that are never the name of a busybox applet. */
static long gen_str(struct fuzz_child *c)
{
	static const char *const strs[] = {
		"", "a", "fuzz", "x y", "-", "--", "%s%n%p", "dir", "file",
		"\xff\xfe", "tmpfs", "mode=0", "size=1k,nr_inodes=2",
	};
	char *p;
	size_t n;

	if (chance(c, 8))
		return bad_ptr(c);
	if (chance(c, 6)) {
		n = chance(c, 50) ? 300 : 5000;
		p = args_alloc(c, n + 1);
		memset(p, 'x', n);
		p[n] = 0;
		return (long)p;
	}
	return (long)put_str(c, PICK(c, strs));
}

static long gen_argv(struct fuzz_child *c)
{
	int n = (int)rnd_below(c, 5);
	long *v;

	if (chance(c, 10))
		return chance(c, 50) ? 0 : bad_ptr(c);
	v = args_alloc(c, (size_t)(n + 1) * sizeof(long));
	for (int i = 0; i < n; i++)
		v[i] = gen_str(c);
	v[n] = chance(c, 5) ? bad_ptr(c) : 0;
	return (long)v;
}

static long gen_flags(struct fuzz_child *c, const struct syscall_desc *d)
{
	long f = 0;

	if (chance(c, 5))
		return gen_int(c);
	for (int i = 0; i < d->nvals; i++)
		if (chance(c, 25))
			f |= d->vals[i];
	if (chance(c, 8))
		f |= 1L << rnd_below(c, 32);
	return f;
}

static long gen_cmd(struct fuzz_child *c, const struct syscall_desc *d)
{
	if (!d->nvals || chance(c, 8))
		return gen_int(c);
	return d->vals[rnd_below(c, (unsigned long)d->nvals)];
}

static long gen_mode(struct fuzz_child *c)
{
	static const long types[] = {
		0, S_IFREG, S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK, S_IFDIR,
		S_IFLNK,
	};
	long m = (long)rnd_below(c, 010000);

	if (chance(c, 40))
		m |= PICK(c, types);
	if (chance(c, 3))
		m = gen_int(c);
	return m;
}

/*
 * Pids a child may aim at: itself, its group, processes it made, pids
 * that do not exist.  Only unprivileged children also get init, their
 * parent and -1 (every process they may signal): the kernel's permission
 * checks must stop them, whereas root could take the machine down.
 */
static long gen_pid(struct fuzz_child *c)
{
	int r = (int)rnd_below(c, 100);

	if (r < 25)
		return 0;
	if (r < 50)
		return c->pid;
	if (r < 58)
		return -c->pgid;
	if (r < 70 && c->nkids)
		return c->kids[rnd_below(c, (unsigned long)c->nkids)];
	if (r < 80 && !c->is_root) {
		static const long foreign[] = { 1, -1, 0 };
		long p = PICK(c, foreign);

		return p ? p : c->ppid;
	}
	if (r < 90)
		return 1 << 22;
	return chance(c, 50) ? -0x80000000L : -(1 << 22);
}

static long gen_sig(struct fuzz_child *c)
{
	long s = (long)rnd_below(c, 66);

	if (chance(c, 3))
		s = gen_int(c);
	if (s == SIGALRM)
		s = SIGUSR1;
	/* Stopping itself wastes the child's time: mostly avoid it. */
	if ((s == SIGSTOP || s == SIGTSTP || s == SIGTTIN || s == SIGTTOU) &&
	    chance(c, 80))
		s = SIGUSR2;
	return s;
}

static long gen_addr(struct fuzz_child *c)
{
	static const unsigned long fixed[] = {
		0, 0x10000, 0x400000, 0x7ffffffff000UL, 0x7fffffffffffUL,
		0x800000000000UL, 0xffffffff80000000UL, 0x1000, 0x200000000000UL,
	};
	int r = (int)rnd_below(c, 100);
	unsigned long a;

	if (r < 45 && c->nmaps) {
		int m = (int)rnd_below(c, (unsigned long)c->nmaps);

		a = c->maps[m];
		if (chance(c, 30))
			a += rnd_below(c, c->map_len[m] / 4096 + 1) * 4096;
		return (long)a;
	}
	if (r < 55)
		return (long)c->victim + (long)rnd_below(c, VICTIM_SIZE / 4096) * 4096;
	if (r < 60)
		return (long)c->ro_page;
	if (r < 65)
		return (long)c->hole;
	if (r < 80)
		return (long)PICK(c, fixed);
	a = (rnd(c) & 0x7fffffff000UL) + 0x100000000UL;
	if (chance(c, 10))
		a |= rnd_below(c, 4096);
	return (long)a;
}

static long gen_uid(struct fuzz_child *c)
{
	static const long uids[] = { 0, NOBODY, 1000, -1, 65535, 1 };

	return chance(c, 90) ? PICK(c, uids) : gen_int(c);
}

static long gen_iovec(struct fuzz_child *c)
{
	int n = 1 + (int)rnd_below(c, 8);
	struct iovec *v;

	if (chance(c, 8))
		return bad_ptr(c);
	v = args_alloc(c, (size_t)n * sizeof(*v));
	for (int i = 0; i < n; i++) {
		v[i].iov_base = (void *)gen_buf(c);
		v[i].iov_len = chance(c, 90) ? rnd_below(c, 2048) : (size_t)gen_len(c);
	}
	hint = chance(c, 90) ? n : 1025;
	return (long)v;
}

static long gen_pollfd(struct fuzz_child *c)
{
	int n = 1 + (int)rnd_below(c, 8);
	struct pollfd *p;

	if (chance(c, 8))
		return bad_ptr(c);
	p = args_alloc(c, (size_t)n * sizeof(*p));
	for (int i = 0; i < n; i++) {
		p[i].fd = (int)gen_fd(c);
		p[i].events = (short)(chance(c, 80) ? (rnd(c) & 0x203f) : rnd(c));
		p[i].revents = 0;
	}
	hint = n;
	return (long)p;
}

static long gen_sigset(struct fuzz_child *c)
{
	uint64_t *set;

	if (chance(c, 8))
		return chance(c, 50) ? 0 : bad_ptr(c);
	set = args_alloc(c, 16);
	*set = chance(c, 30) ? 0 : rnd(c);
	*set &= ~(1ULL << (SIGALRM - 1));
	hint = 8;
	return (long)set;
}

static long gen_time(struct fuzz_child *c)
{
	long *t;

	if (chance(c, 10))
		return chance(c, 50) ? 0 : bad_ptr(c);
	t = args_alloc(c, 16);
	switch (rnd_below(c, 8)) {
	case 0:
		t[0] = 0;
		t[1] = 0;
		break;
	case 1:
		t[0] = -1;
		t[1] = 0;
		break;
	case 2:
		t[0] = 0;
		t[1] = 1000000000;
		break;
	case 3:
		t[0] = 1L << 40;
		t[1] = 0;
		break;
	default:
		t[0] = 0;
		t[1] = (long)rnd_below(c, 2000000);
		break;
	}
	return (long)t;
}

static void noop_handler(int sig)
{
	(void)sig;
}

/* The rt_sigreturn trampoline SA_RESTORER needs on x86-64. */
extern void fuzz_restorer(void);
__asm__(".text\n.globl fuzz_restorer\nfuzz_restorer:\n"
	"\tmov $15, %eax\n\tsyscall\n\tud2\n");

static long gen_sigact(struct fuzz_child *c)
{
	static const long handlers[] = { 0, 1 };	/* SIG_DFL, SIG_IGN */
	long *sa;

	if (chance(c, 15))
		return chance(c, 50) ? 0 : bad_ptr(c);
	sa = args_alloc(c, 4 * sizeof(long));
	sa[0] = chance(c, 50) ? (long)noop_handler : PICK(c, handlers);
	sa[1] = (long)(rnd(c) & 0xdc000007UL) | 0x04000000;	/* SA_RESTORER */
	if (chance(c, 5))
		sa[1] &= ~0x04000000L;
	sa[2] = (long)fuzz_restorer;
	sa[3] = (long)(rnd(c) & ~(1ULL << (SIGALRM - 1)));
	hint = 8;
	return (long)sa;
}

static long gen_fdpair(struct fuzz_child *c)
{
	if (chance(c, 5))
		return bad_ptr(c);
	return (long)args_alloc(c, 2 * sizeof(int));
}

static long gen_dev(struct fuzz_child *c)
{
	static const long safe[][2] = {
		{ 1, 3 }, { 1, 5 }, { 1, 7 }, { 1, 9 }, { 0, 0 }, { 200, 1 },
		{ 1, 200 },
	};
	static const long any[][2] = { { 5, 1 }, { 4, 64 }, { 5, 0 }, { 1, 1 } };
	int i;

	if (c->is_root || chance(c, 60)) {
		i = (int)rnd_below(c, sizeof(safe) / sizeof(safe[0]));
		return (long)makedev(safe[i][0], safe[i][1]);
	}
	if (chance(c, 70)) {
		i = (int)rnd_below(c, sizeof(any) / sizeof(any[0]));
		return (long)makedev(any[i][0], any[i][1]);
	}
	return gen_int(c);
}

static long gen_prot(struct fuzz_child *c)
{
	long p = (long)rnd_below(c, 8);

	if (chance(c, 5))
		p |= 0x01000000L << rnd_below(c, 2);
	if (chance(c, 3))
		p = gen_int(c);
	return p;
}

static long gen_fstype(struct fuzz_child *c)
{
	static const char *const types[] = {
		"tmpfs", "ramfs", "proc", "devtmpfs", "sysfs", "nonexistent",
		"", "pipefs",
	};

	if (chance(c, 8))
		return bad_ptr(c);
	return (long)put_str(c, PICK(c, types));
}

/* struct clone_args (Linux's CLONE_ARGS_SIZE_VER2 is 88 bytes). */
static long gen_clone3(struct fuzz_child *c, const struct syscall_desc *d)
{
	unsigned long *a;

	if (chance(c, 8))
		return bad_ptr(c);
	a = args_alloc(c, 96);
	memset(a, 0, 96);
	a[0] = (unsigned long)gen_flags(c, d) & ~0xffUL;
	a[1] = chance(c, 50) ? (unsigned long)gen_buf(c) : 0;	/* pidfd */
	a[2] = chance(c, 30) ? (unsigned long)gen_buf(c) : 0;	/* child_tid */
	a[3] = chance(c, 30) ? (unsigned long)gen_buf(c) : 0;	/* parent_tid */
	a[4] = chance(c, 80) ? SIGCHLD : rnd_below(c, 70);	/* exit_signal */
	if (chance(c, 20)) {
		a[5] = (unsigned long)gen_buf(c);		/* stack */
		a[6] = (unsigned long)gen_len(c);
	}
	a[7] = chance(c, 20) ? (unsigned long)gen_buf(c) : 0;	/* tls */
	if (chance(c, 10)) {
		a[8] = (unsigned long)gen_buf(c);		/* set_tid */
		a[9] = rnd_below(c, 4);
	}
	hint = chance(c, 80) ? 88 : (int)PICK(c, ((const long[]){ 64, 80, 96, 4096, 0, 63 }));
	return (long)a;
}

/*
 * gen_arg - a value for argument i of call d.
 */
long gen_arg(struct fuzz_child *c, const struct syscall_desc *d, int i)
{
	switch (d->arg[i]) {
	case A_NONE:
		return 0;
	case A_INT:
		return gen_int(c);
	case A_FD:
		return gen_fd(c);
	case A_DIRFD:
		return gen_dirfd(c);
	case A_BUF:
		return gen_buf(c);
	case A_PTR:
		return chance(c, 70) ? gen_buf(c) : chance(c, 50) ? bad_ptr(c)
								 : gen_int(c);
	case A_LEN:
		return gen_len(c);
	case A_PATH:
		return gen_path(c);
	case A_WPATH:
		return gen_wpath(c);
	case A_FLAGS:
		return gen_flags(c, d);
	case A_CMD:
		return gen_cmd(c, d);
	case A_MODE:
		return gen_mode(c);
	case A_PID:
		return gen_pid(c);
	case A_SIG:
		return gen_sig(c);
	case A_ADDR:
		return gen_addr(c);
	case A_UID:
		return gen_uid(c);
	case A_IOVEC:
		return gen_iovec(c);
	case A_SIGSET:
		return gen_sigset(c);
	case A_TIME:
		return gen_time(c);
	case A_STR:
		return gen_str(c);
	case A_ARGV:
		return gen_argv(c);
	case A_FDPAIR:
		return gen_fdpair(c);
	case A_DEV:
		return gen_dev(c);
	case A_PROT:
		return gen_prot(c);
	case A_POLLFD:
		return gen_pollfd(c);
	case A_SIGACT:
		return gen_sigact(c);
	case A_EXEC:
		return gen_exec(c);
	case A_FSTYPE:
		return gen_fstype(c);
	case A_CLONE3:
		return gen_clone3(c, d);
	case A_ANY:
	default:
		switch (rnd_below(c, 4)) {
		case 0:
			return gen_fd(c);
		case 1:
			return gen_buf(c);
		default:
			return gen_int(c);
		}
	}
}

/* fill_victim - random bytes with the console marker sprinkled in. */
void fill_victim(struct fuzz_child *c)
{
	for (size_t i = 0; i < VICTIM_SIZE; i += 8) {
		uint64_t v = rnd(c);

		memcpy(c->victim + i, &v, 8);
	}
	for (size_t i = 0; i + 64 < VICTIM_SIZE; i += 512)
		memcpy(c->victim + i + 100, MARK, sizeof(MARK) - 1);
}
