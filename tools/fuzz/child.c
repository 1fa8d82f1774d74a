/*
 * tools/fuzz/child.c: one fuzz child.  It sets itself up (own session,
 * no console descriptor, a scratch directory, limits, an interval timer
 * whose SIGALRM breaks any call that blocks, unprivileged credentials
 * for odd-numbered children), builds a pool of fds and mappings, then
 * makes its calls, recording each in its slot before making it.
 *
 * After setup the loop uses no libc state (no malloc, no errno, no TLS):
 * the calls may unmap, protect or rewrite almost anything.
 */
#include "fuzz.h"
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sched.h>

#define MAX_NR 460		/* calls not in the table are made up to here */
#define ALARM_US 30000		/* SIGALRM period that breaks blocking calls */

static struct fuzz_child child;	/* static: the calls may trash the stack */

static long raw_syscall(long n, long a, long b, long c, long d, long e,
			long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8),
			   "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/*
 * A call that may create a process or thread: the new one exits at once
 * without touching memory, so a shared address space, a random stack
 * or a random TLS cannot hurt the caller.
 */
static long raw_clone_exit(long n, long a, long b, long c, long d, long e)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	long ret;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov $60, %%eax\n\t"
			 "xor %%edi, %%edi\n\t"
			 "syscall\n\t"
			 "ud2\n"
			 "1:"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");
	return ret;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void add_fd(struct fuzz_child *c, long fd)
{
	if (fd < 0 || fd == TRACE_FD)
		return;
	if (c->nfds < MAX_FDS)
		c->fds[c->nfds++] = (int)fd;
	else
		c->fds[rnd_below(c, MAX_FDS)] = (int)fd;
}

static void add_dirfd(struct fuzz_child *c, const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);

	if (fd < 0)
		return;
	add_fd(c, fd);
	if (c->ndirfds < (int)(sizeof(c->dirfds) / sizeof(c->dirfds[0])))
		c->dirfds[c->ndirfds++] = fd;
}

static void add_map(struct fuzz_child *c, unsigned long addr, unsigned long len)
{
	int i = c->nmaps < MAX_MAPS ? c->nmaps++ : (int)rnd_below(c, MAX_MAPS);

	c->maps[i] = addr;
	c->map_len[i] = len ? len : 4096;
}

/* Files of every kind the kernel has, made by the child's own user. */
static void make_files(struct fuzz_child *c)
{
	int fd = open("file", O_RDWR | O_CREAT, 0644);

	if (fd >= 0) {
		write(fd, "0123456789abcdef\n", 17);
		add_fd(c, fd);
	}
	add_fd(c, open("file", O_RDONLY));
	add_fd(c, open("file", O_WRONLY | O_APPEND));
	add_fd(c, open("file", O_PATH));
	mkdir("dir", 0755);
	mkfifo("fifo", 0644);
	add_fd(c, open("fifo", O_RDWR | O_NONBLOCK));
	symlink("file", "link");
	add_dirfd(c, ".");
	add_dirfd(c, "dir");
	add_dirfd(c, "/proc/self/fd");
	add_dirfd(c, "/proc");
	add_dirfd(c, "/proc/self");
	if (!c->is_root) {
		add_dirfd(c, "/");
		add_dirfd(c, "/tmp");
		add_dirfd(c, "/dev");
	}
}

/* Devices, /proc files, pipes, sockets and the anonymous-inode files. */
static void make_special(struct fuzz_child *c)
{
	int p[2];
	uint64_t mask = 1ULL << (SIGUSR1 - 1);
	static const char *const files[] = {
		"/dev/null", "/dev/zero", "/dev/full", "/dev/urandom",
		"/proc/self/maps", "/proc/self/status", "/proc/meminfo",
	};

	for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		add_fd(c, open(files[i], i == 0 ? O_RDWR : O_RDONLY));
	add_fd(c, open("/proc/self/mem", O_RDWR));
	for (int i = 0; i < 2; i++) {
		if (syscall(SYS_pipe2, p, i ? O_NONBLOCK : 0) == 0) {
			add_fd(c, p[0]);
			add_fd(c, p[1]);
		}
	}
	for (int type = 1; type <= 2; type++)
		if (syscall(SYS_socketpair, 1, type, 0, p) == 0) {
			add_fd(c, p[0]);
			add_fd(c, p[1]);
		}
	add_fd(c, syscall(SYS_socket, 1, 1, 0));
	add_fd(c, syscall(SYS_eventfd2, 0, 0));
	add_fd(c, syscall(SYS_epoll_create1, 0));
	add_fd(c, syscall(SYS_timerfd_create, 1, 0));
	add_fd(c, syscall(SYS_signalfd4, -1, &mask, 8, 0));
	add_fd(c, syscall(SYS_inotify_init1, 0));
	add_fd(c, syscall(SYS_memfd_create, "fuzz", 0));
	add_fd(c, syscall(SYS_pidfd_open, getpid(), 0));
}

/* A child of our own that has exited: a zombie to aim pids and pidfds at. */
static void make_zombie(struct fuzz_child *c)
{
	long pid = raw_clone_exit(SYS_clone, SIGCHLD, 0, 0, 0, 0);

	if (pid > 0) {
		c->kids[c->nkids++] = (pid_t)pid;
		add_fd(c, syscall(SYS_pidfd_open, pid, 0));
	}
}

/* The child's memory: victim pages, args page, bad pages, a hole. */
static int make_memory(struct fuzz_child *c)
{
	char *p = mmap(NULL, VICTIM_SIZE + ARGS_SIZE + 4 * 4096,
		       PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return -1;
	c->victim = p;
	c->none_page = p + VICTIM_SIZE;		/* right after the victims */
	c->args_page = p + VICTIM_SIZE + 4096;
	c->ro_page = p + VICTIM_SIZE + 4096 + ARGS_SIZE;
	c->hole = (unsigned long)c->ro_page + 4096;
	mprotect(c->none_page, 4096, PROT_NONE);
	memset(c->ro_page, 'r', 4096);
	mprotect(c->ro_page, 4096, PROT_READ);
	munmap((void *)c->hole, 4096);
	fill_victim(c);
	for (int i = 0; i < 3; i++) {
		size_t len = (size_t)(1 + i * 7) * 4096;
		void *m = mmap(NULL, len, PROT_READ | PROT_WRITE,
			       i == 1 ? MAP_SHARED | MAP_ANONYMOUS
				      : MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (m != MAP_FAILED)
			add_map(c, (unsigned long)m, len);
	}
	return 0;
}

static void set_limits(void)
{
	struct rlimit as = { 128 << 20, 128 << 20 };
	struct rlimit fsize = { 1 << 20, 1 << 20 };
	struct rlimit core = { 0, 0 };

	setrlimit(RLIMIT_AS, &as);
	setrlimit(RLIMIT_FSIZE, &fsize);
	setrlimit(RLIMIT_CORE, &core);
}

static void set_signals(void)
{
	struct sigaction sa;
	struct itimerval it = { { 0, ALARM_US }, { 0, ALARM_US } };

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: calls give EINTR */
	sigaction(SIGALRM, &sa, NULL);
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGCHLD, SIG_DFL);
	setitimer(ITIMER_REAL, &it, NULL);
}

static void drop_privileges(void)
{
	if (setgroups(0, NULL) || setresgid(NOBODY, NOBODY, NOBODY) ||
	    setresuid(NOBODY, NOBODY, NOBODY))
		_exit(111);
}

/* Everything a child does before its first fuzz call. */
static void setup(const struct fuzz_opts *o, struct fuzz_child *c, int index)
{
	int null;

	memset(c, 0, sizeof(*c));
	c->index = index;
	c->rng = child_seed(o->seed, index) | 1;
	c->is_root = o->root && index % 2 == 0;
	setsid();
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* No console descriptor: stdin, stdout, stderr are /dev/null. */
	null = open("/dev/null", O_RDWR);
	for (int fd = 0; fd < 3; fd++)
		dup2(null, fd);
	if (null > 2)
		close(null);
	if (c->is_root)
		unshare(CLONE_NEWUTS);	/* sethostname stays ours */
	snprintf(c->scratch, sizeof(c->scratch), "/tmp/fuzz/%d", index);
	mkdir(c->scratch, 0755);
	if (!c->is_root) {
		chown(c->scratch, NOBODY, NOBODY);
		drop_privileges();
	}
	if (chdir(c->scratch))
		_exit(112);
	set_limits();
	if (make_memory(c))
		_exit(113);
	c->pid = getpid();
	c->ppid = getppid();
	c->pgid = getpgid(0);
	make_files(c);
	make_special(c);
	make_zombie(c);
	set_signals();
}

static int name_in(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return 1;
	return 0;
}

static int allowed(const struct fuzz_opts *o, struct fuzz_child *c,
		   const struct syscall_desc *d)
{
	if (d->flags & F_NEVER)
		return 0;
	if ((d->flags & F_NO_ROOT) && c->is_root)
		return 0;
	if ((d->flags & F_RARE) && rnd_below(c, 30))
		return 0;
	if (o->only[0] && !name_in(o->only, d->name))
		return 0;
	if (o->skip[0] && name_in(o->skip, d->name))
		return 0;
	return 1;
}

/*
 * The next call: mostly from the table, sometimes any number below MAX_NR
 * (unlisted ones get A_ANY arguments).
 */
static const struct syscall_desc *pick(const struct fuzz_opts *o,
				       struct fuzz_child *c,
				       struct syscall_desc *raw)
{
	const struct syscall_desc *d;

	for (;;) {
		if (rnd_below(c, 100) < 8 && !o->only[0]) {
			int nr = (int)rnd_below(c, MAX_NR);

			d = find_syscall(nr);
			if (!d) {
				memset(raw, 0, sizeof(*raw));
				raw->nr = nr;
				raw->name = "?";
				for (int i = 0; i < 6; i++)
					raw->arg[i] = A_ANY;
				d = raw;
			}
		} else {
			d = &syscall_table[rnd_below(c, nr_syscall_table)];
		}
		if (d == raw || allowed(o, c, d))
			return d;
	}
}

/* Keep the trace fd out of the calls' reach (fuzz.trace only). */
static void protect_trace_fd(const struct syscall_desc *d, long *a)
{
	if (d->nr == SYS_close_range && a[0] <= TRACE_FD && a[1] >= TRACE_FD)
		a[1] = TRACE_FD - 1;
	if ((d->nr == SYS_dup2 || d->nr == SYS_dup3) && a[1] == TRACE_FD)
		a[1] = TRACE_FD + 1;
	if (d->nr == SYS_close && a[0] == TRACE_FD)
		a[0] = -1;
}

/*
 * Arguments that would let root reach beyond the child: a signal owner
 * (F_SETOWN) must be the child itself, a mount source a plain name.
 */
static void fixup(struct fuzz_child *c, const struct syscall_desc *d, long *a)
{
	if (d->nr == SYS_fcntl && (a[1] == F_SETOWN || a[1] == 15 /* _EX */)) {
		if (c->is_root && a[1] == F_SETOWN)
			a[2] = rnd_below(c, 2) ? c->pid : -c->pgid;
		else if (c->is_root)
			a[2] = 0;
	}
	if (d->nr == SYS_mount && c->is_root)
		a[3] &= ~(long)(MS_MOVE | MS_BIND | MS_REMOUNT);
}

/* Hand the new resources a call made to the pools. */
static void collect(struct fuzz_child *c, const struct syscall_desc *d,
		    const long *a, long ret)
{
	if ((unsigned long)ret >= -4095UL)
		return;
	if (d->flags & F_RET_FD) {
		if (d->nr != SYS_fcntl || a[1] == F_DUPFD || a[1] == F_DUPFD_CLOEXEC)
			add_fd(c, ret);
	}
	if ((d->flags & F_FDPAIR) && ret == 0) {
		long p = d->nr == SYS_socketpair ? a[3] : a[0];

		if (p >= (long)c->args_page && p < (long)c->args_page + ARGS_SIZE) {
			add_fd(c, ((int *)p)[0]);
			add_fd(c, ((int *)p)[1]);
		}
	}
	if ((d->flags & F_RET_MAP) && ret)
		add_map(c, (unsigned long)ret,
			(unsigned long)(d->nr == SYS_mmap ? a[1] : a[2]) & 0xffffffUL);
	if ((d->flags & F_CLONE) && ret > 0) {
		if (c->nkids < (int)(sizeof(c->kids) / sizeof(c->kids[0])))
			c->kids[c->nkids++] = (pid_t)ret;
		else
			c->kids[rnd_below(c, sizeof(c->kids) / sizeof(c->kids[0]))] = (pid_t)ret;
	}
}

/* Undo what a call did to the SIGALRM that breaks blocking calls. */
static void rearm(const struct syscall_desc *d)
{
	uint64_t alrm = 1ULL << (SIGALRM - 1);
	struct itimerval it = { { 0, ALARM_US }, { 0, ALARM_US } };

	raw_syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, (long)&alrm, 0, 8, 0, 0);
	if (d->nr == SYS_alarm || d->nr == SYS_setitimer)
		raw_syscall(SYS_setitimer, ITIMER_REAL, (long)&it, 0, 0, 0, 0);
}

static void trace_call(const struct fuzz_child *c, unsigned long n,
		       const struct syscall_desc *d, const long *a)
{
	char line[256];
	int len;

	len = snprintf(line, sizeof(line),
		       "fuzz: child %d call %lu: %s/%d(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)\n",
		       c->index, n, d->name, d->nr, a[0], a[1], a[2], a[3],
		       a[4], a[5]);
	if (len > 0)
		raw_syscall(SYS_write, TRACE_FD, (long)line, len, 0, 0, 0);
}

/*
 * fuzz_child_main - the body of fuzz child number index: set up, then make
 * o->per_child calls recorded in slot s.  Never returns.
 */
void fuzz_child_main(const struct fuzz_opts *o, struct slot *s, int index)
{
	struct fuzz_child *c = &child;
	struct syscall_desc raw;

	setup(o, c, index);
	for (unsigned long n = 0; n < (unsigned long)o->per_child; n++) {
		const struct syscall_desc *d = pick(o, c, &raw);
		struct call_rec *r = &s->recs[n % RING];
		long a[6], ret;

		args_reset(c);
		for (int i = 0; i < 6; i++)
			a[i] = gen_arg(c, d, i);
		fixup(c, d, a);
		if (o->trace)
			protect_trace_fd(d, a);
		r->done = 0;
		r->nr = d->nr;
		memcpy(r->args, a, sizeof(a));
		__atomic_store_n(&s->calls, n + 1, __ATOMIC_RELEASE);
		if (o->trace)
			trace_call(c, n, d, a);
		if (d->flags & F_CLONE)
			ret = raw_clone_exit(d->nr, a[0], a[1], a[2], a[3], a[4]);
		else
			ret = raw_syscall(d->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		r->ret = ret;
		r->done = 1;
		collect(c, d, a, ret);
		if (d->flags & F_REARM)
			rearm(d);
	}
	raw_syscall(SYS_exit_group, 0, 0, 0, 0, 0, 0);
	for (;;)
		;
}
