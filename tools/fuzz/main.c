/*
 * tools/fuzz/main.c: the fuzzer's parent (/tests/fuzz/syscalls).
 *
 * Options come from the kernel command line, so `make fuzz` and the
 * bounded run in `make check` use one image:
 *   fuzz.calls=N      total calls (default 30000: the bounded run)
 *   fuzz.seed=S       the seed (default 1); child k's seed follows from it
 *   fuzz.par=P        children at once (default 2)
 *   fuzz.per_child=K  calls per child (default 250)
 *   fuzz.time=T       seconds after which no child is started (default 20,
 *                     0 for none)
 *   fuzz.child=K      run only child number K (to replay it)
 *   fuzz.trace=1      print every call on the console before making it
 *   fuzz.only=a,b     only these calls;  fuzz.skip=a,b  never these
 *   fuzz.root=0       unprivileged children only
 *
 * Results are TAP lines; the runner prints `N passed, M failed`.  A child
 * that does not die within HANG_S of SIGKILL is a kernel hang: its last
 * RING calls are printed.  After the run MemFree and every /proc/slabinfo
 * cache must be back within 64 kB of where they were (on tine; Linux's
 * caches move by megabytes, so there they are only reported).
 */
#include "fuzz.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "memcheck.h"

#ifndef MIN
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#endif
#define STALL_MS 2000		/* one call this long: kill the child */
#define CHILD_MS 20000		/* a whole child this long: kill it */
#define HANG_S 10		/* SIGKILL not done after this: a hang */
#define SLACK_KB 64
#define MONITOR_S 30	/* parent silent this long: print the children */
#define PROGRESS_CALLS 100000	/* a progress line this often */
#define IDLE_CHILDREN 200	/* this many children in a row without a
				 * call: give up (the run would never end) */

struct running {
	int pid;		/* 0: slot free */
	int child;
	long start_ms;
	long last_ms;		/* when calls last moved */
	unsigned long last_calls;
	long killed_ms;		/* when we sent SIGKILL, or 0 */
	int reported;
};

static struct fuzz_opts opts = {
	.calls = 30000, .seed = 1, .par = 2, .per_child = 250,
	.only_child = -1, .time_limit = 20, .root = 1,
};
static struct slot *slots;
/* The parent's heartbeat and phase, for the monitor (shared memory). */
struct beat {
	volatile long ms;
	volatile const char *doing;
};
static struct beat *beat;
static int monitor_pid;
static struct running run[MAX_PAR];
static long calls_done, children_done, killed, hangs, by_signal[65];
static int idle_children;	/* children in a row that made no call */
static long by_exit[256];

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* child_seed - the seed of child number index under run seed seed. */
uint64_t child_seed(unsigned long seed, int index)
{
	uint64_t z = seed * 0x9E3779B97F4A7C15ULL + (uint64_t)index + 1;

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* find_syscall - the table entry for call number nr, or NULL. */
const struct syscall_desc *find_syscall(int nr)
{
	for (int i = 0; i < nr_syscall_table; i++)
		if (syscall_table[i].nr == nr)
			return &syscall_table[i];
	return NULL;
}

static void opt_str(const char *cmdline, const char *key, char *out, size_t n)
{
	const char *p = strstr(cmdline, key);
	size_t k = strlen(key), i = 0;

	if (!p || (p != cmdline && p[-1] != ' '))
		return;
	for (p += k; *p && *p != ' ' && *p != '\n' && i + 1 < n; p++)
		out[i++] = *p;
	out[i] = 0;
}

static long opt_long(const char *cmdline, const char *key, long def)
{
	char v[32] = "";

	opt_str(cmdline, key, v, sizeof(v));
	return v[0] ? strtol(v, NULL, 0) : def;
}

static void parse_opts(void)
{
	static char cmdline[4096];

	if (slurp("/proc/cmdline", cmdline, sizeof(cmdline)) < 0)
		return;
	opts.calls = opt_long(cmdline, "fuzz.calls=", opts.calls);
	opts.seed = (unsigned long)opt_long(cmdline, "fuzz.seed=", (long)opts.seed);
	opts.par = (int)opt_long(cmdline, "fuzz.par=", opts.par);
	opts.per_child = (int)opt_long(cmdline, "fuzz.per_child=", opts.per_child);
	opts.trace = (int)opt_long(cmdline, "fuzz.trace=", 0);
	opts.only_child = (int)opt_long(cmdline, "fuzz.child=", -1);
	opts.time_limit = (int)opt_long(cmdline, "fuzz.time=", opts.time_limit);
	opts.root = (int)opt_long(cmdline, "fuzz.root=", 1);
	opt_str(cmdline, "fuzz.only=", opts.only, sizeof(opts.only));
	opt_str(cmdline, "fuzz.skip=", opts.skip, sizeof(opts.skip));
	if (opts.par < 1 || opts.par > MAX_PAR)
		opts.par = 2;
	if (opts.per_child < 1)
		opts.per_child = 250;
}

/* --- cleaning up after children --- */

static void remove_tree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char sub[512];

	if (lstat(path, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	chmod(path, 0700);
	d = opendir(path);
	if (d) {
		while ((e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
			remove_tree(sub);
		}
		closedir(d);
	}
	if (rmdir(path) < 0 && errno == EBUSY) {
		umount2(path, MNT_DETACH);
		rmdir(path);
	}
}

/*
 * Unmount whatever a root child mounted (mount points not in the
 * baseline list), newest first, until nothing is left to unmount.
 */
static char baseline_mounts[16384];

static void umount_scratch(void)
{
	static char buf[16384];
	char *line, *save, dev[256], dir[256], *dirs[64];
	int again = 1;

	for (int round = 0; again && round < 8; round++) {
		int n = 0;

		again = 0;
		if (slurp("/proc/mounts", buf, sizeof(buf)) < 0)
			return;
		for (line = strtok_r(buf, "\n", &save); line && n < 64;
		     line = strtok_r(NULL, "\n", &save))
			if (!strstr(baseline_mounts, line) &&
			    sscanf(line, "%255s %255s", dev, dir) == 2)
				dirs[n++] = line + (strstr(line, dir) - line);
		while (n-- > 0) {
			sscanf(dirs[n], "%255s", dir);
			if (umount2(dir, MNT_DETACH) == 0)
				again = 1;
		}
	}
}

/* Entries in dir that were not there at the start: remove them. */
static char *baseline_names[4];
static const char *const watched_dirs[] = { "/tmp", "/dev/shm", "/dev", "/" };

static char *list_dir(const char *path)
{
	static char tmp[65536];
	size_t len = 0;
	DIR *d = opendir(path);
	struct dirent *e;

	tmp[0] = 0;
	if (!d)
		return strdup("");
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (len + n + 3 >= sizeof(tmp))
			break;
		tmp[len++] = '/';
		memcpy(tmp + len, e->d_name, n);
		len += n;
		tmp[len++] = '/';
		tmp[len] = 0;
	}
	closedir(d);
	return strdup(tmp);
}

static void snapshot_dirs(void)
{
	for (int i = 0; i < 4; i++)
		baseline_names[i] = list_dir(watched_dirs[i]);
}

static void remove_new_entries(void)
{
	char name[300], path[512];

	for (int i = 0; i < 4; i++) {
		DIR *d = opendir(watched_dirs[i]);
		struct dirent *e;

		if (!d)
			continue;
		while ((e = readdir(d))) {
			snprintf(name, sizeof(name), "/%s/", e->d_name);
			if (strstr(baseline_names[i], name))
				continue;
			snprintf(path, sizeof(path), "%s/%s",
				 strcmp(watched_dirs[i], "/") ? watched_dirs[i] : "",
				 e->d_name);
			remove_tree(path);
		}
		closedir(d);
	}
}

/* The device nodes and directories root's fds may reach: put them back. */
struct node {
	const char *path;
	struct stat st;
	int ok;
};
static struct node nodes[] = {
	{ .path = "/dev/null" }, { .path = "/dev/zero" },
	{ .path = "/dev/full" }, { .path = "/dev/urandom" },
	{ .path = "/dev/random" }, { .path = "/tmp" }, { .path = "/tmp/fuzz" },
	{ .path = "/dev" }, { .path = "/" }, { .path = "/dev/shm" },
	{ .path = "/proc" }, { .path = "/tests" }, { .path = "/bin" },
	{ .path = "/etc" },
};

static void snapshot_nodes(void)
{
	for (unsigned i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++)
		nodes[i].ok = lstat(nodes[i].path, &nodes[i].st) == 0;
}

static void restore_nodes(void)
{
	struct stat st;

	for (unsigned i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
		struct node *n = &nodes[i];

		if (!n->ok)
			continue;
		if (lstat(n->path, &st) < 0) {
			if (S_ISDIR(n->st.st_mode))
				mkdir(n->path, n->st.st_mode & 07777);
			else
				mknod(n->path, n->st.st_mode, n->st.st_rdev);
			lstat(n->path, &st);
		}
		if ((st.st_mode & 07777) != (n->st.st_mode & 07777))
			chmod(n->path, n->st.st_mode & 07777);
		if (st.st_uid != n->st.st_uid || st.st_gid != n->st.st_gid)
			chown(n->path, n->st.st_uid, n->st.st_gid);
	}
}

static void clean_after_child(int index)
{
	char path[64];

	snprintf(path, sizeof(path), "/tmp/fuzz/%d", index);
	umount_scratch();
	remove_tree(path);
	restore_nodes();
	remove_new_entries();
}

/* --- reporting --- */

/* fuzz_print_calls - print slot s's last calls (newest last) to fd. */
void fuzz_print_calls(int fd, const struct slot *s)
{
	unsigned long n = s->calls, first = n > RING ? n - RING : 0;

	dprintf(fd, "# child %d (uid %d, seed %lu) made %lu calls; the last:\n",
		s->child, s->uid, opts.seed, n);
	for (unsigned long i = first; i < n; i++) {
		const struct call_rec *r = &s->recs[i % RING];
		const struct syscall_desc *d = find_syscall(r->nr);
		char ret[32];

		if (r->done)
			snprintf(ret, sizeof(ret), "%ld", r->ret);
		else
			snprintf(ret, sizeof(ret), "(not returned)");
		dprintf(fd, "#   %lu: %s/%d(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx) = %s\n",
			i, d ? d->name : "?", r->nr, r->args[0], r->args[1],
			r->args[2], r->args[3], r->args[4], r->args[5], ret);
	}
}

static void print_proc(int pid)
{
	char path[64], buf[1024];
	static const char *const files[] = { "stat", "wchan", "stack" };

	for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "/proc/%d/%s", pid, files[i]);
		if (slurp(path, buf, sizeof(buf)) > 0)
			diag("%s: %s", path, buf);
	}
}

/* --- the children --- */

static void start_child(int k, int index)
{
	struct slot *s = &slots[k];
	int pid;

	memset(s, 0, sizeof(*s));
	s->child = index;
	s->uid = opts.root && index % 2 == 0 ? 0 : NOBODY;
	pid = fork();
	if (pid == 0) {
		sigset_t none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		fuzz_child_main(&opts, s, index);
	}
	if (pid < 0) {
		diag("fork: %s", strerror(errno));
		return;
	}
	s->pid = pid;
	run[k] = (struct running){ .pid = pid, .child = index,
				   .start_ms = now_ms() };
	run[k].last_ms = run[k].start_ms;
}

static void child_ended(int k, int status)
{
	/* The child's calls may have scribbled on its slot: trust no more
	 * than it was asked for. */
	calls_done += (long)MIN(slots[k].calls, (unsigned long)opts.per_child);
	children_done++;
	idle_children = slots[k].calls ? 0 : idle_children + 1;
	if (idle_children == IDLE_CHILDREN)
		tap_result(0, "fuzz: children make their calls",
			   "children keep dying before their first call "
			   "(is the fuzzer itself damaged?)");
	if (WIFSIGNALED(status) && WTERMSIG(status) < 65)
		by_signal[WTERMSIG(status)]++;
	if (WIFEXITED(status))
		by_exit[WEXITSTATUS(status)]++;
	clean_after_child(run[k].child);
	run[k].pid = 0;
}

/* Reap every child that has ended: ours, and orphans we inherited. */
static void reap(void)
{
	int status, pid;

	while ((pid = waitpid(-1, &status, WNOHANG | __WALL)) > 0) {
		if (WIFSTOPPED(status)) {
			/* A child that made us its tracer: let it go. */
			ptrace(PTRACE_DETACH, pid, 0, 0);
			kill(pid, SIGCONT);
			continue;
		}
		for (int k = 0; k < opts.par; k++)
			if (run[k].pid == pid)
				child_ended(k, status);
	}
}

static void watchdog(void)
{
	long t = now_ms();

	for (int k = 0; k < opts.par; k++) {
		struct running *r = &run[k];

		if (!r->pid)
			continue;
		if (slots[k].calls != r->last_calls) {
			r->last_calls = slots[k].calls;
			r->last_ms = t;
		}
		if (!r->killed_ms && (t - r->last_ms > STALL_MS ||
				      t - r->start_ms > CHILD_MS)) {
			kill(r->pid, SIGKILL);
			r->killed_ms = t;
			killed++;
		}
		if (r->killed_ms && !r->reported &&
		    t - r->killed_ms > HANG_S * 1000) {
			r->reported = 1;
			hangs++;
			tap_result(0, "fuzz: every child dies on SIGKILL",
				   "a child hangs in the kernel");
			fuzz_print_calls(1, &slots[k]);
			print_proc(r->pid);
		}
	}
}

/* Wait up to ms for a child to end (SIGCHLD is blocked: no race). */
static void wait_event(long ms)
{
	sigset_t set;
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigtimedwait(&set, NULL, &ts);
}

static int busy(void)
{
	int n = 0;

	for (int k = 0; k < opts.par; k++)
		n += run[k].pid != 0 && !run[k].reported;
	return n;
}

/* Every PROGRESS_CALLS calls, a line: a long run is seen to move. */
static void progress(void)
{
	static long shown;

	if (calls_done - shown < PROGRESS_CALLS)
		return;
	shown = calls_done - calls_done % PROGRESS_CALLS;
	diag("fuzz: %ld calls, %ld children so far", calls_done,
	     children_done);
}

/* Run children first..last-1 (or until the budget is spent). */
static void run_children(int *next, long budget, long deadline_ms)
{
	for (;;) {
		int more = calls_done < budget &&
			   idle_children < IDLE_CHILDREN &&
			   (!deadline_ms || now_ms() < deadline_ms) &&
			   (opts.only_child < 0 || *next == opts.only_child);

		for (int k = 0; more && k < opts.par; k++)
			if (!run[k].pid) {
				start_child(k, (*next)++);
				more = opts.only_child < 0 && calls_done +
					(long)busy() * opts.per_child < budget;
			}
		if (!busy())
			return;
		beat->ms = now_ms();
		beat->doing = "waiting for children";
		wait_event(100);
		beat->doing = "reaping and cleaning up";
		reap();
		progress();
		beat->doing = "watchdog";
		watchdog();
	}
}

/*
 * The monitor: a process that touches nothing but memory and the
 * console, so that when the parent is stuck in the kernel (a lock a
 * child never gives back), the children's last calls are still printed.
 */
static void monitor(int console)
{
	int fd = console >= 0 ? console : 1;

	long seen = beat->ms, seen_at = now_ms();

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* The heartbeat must not change for MONITOR_S: a child that
	 * scribbles on the shared page (any write through a random
	 * pointer) changes it, it does not make the parent look stuck. */
	for (;;) {
		sleep(1);
		if (beat->ms != seen) {
			seen = beat->ms;
			seen_at = now_ms();
		}
		if (now_ms() - seen_at < MONITOR_S * 1000)
			continue;
		dprintf(fd, "# fuzz monitor: the parent has been stuck for %d s "
			"(%s); children's last calls:\n", MONITOR_S,
			beat->doing ? (const char *)beat->doing : "?");
		for (int k = 0; k < MAX_PAR; k++)
			if (slots[k].pid)
				fuzz_print_calls(fd, &slots[k]);
		dprintf(1, "not ok - fuzz: the parent is stuck in the kernel\n");
		for (;;)
			pause();
	}
}

static void start_monitor(void)
{
	int console = open("/dev/console", O_WRONLY | O_NOCTTY);

	monitor_pid = fork();
	if (monitor_pid == 0)
		monitor(console);
	if (console >= 0)
		close(console);
}

/* --- the checks at the end --- */

static void report(long elapsed_ms)
{
	char sigs[256] = "";
	size_t len = 0;

	for (int s = 1; s < 65; s++)
		if (by_signal[s])
			len += (size_t)snprintf(sigs + len, sizeof(sigs) - len,
						" %s:%ld", strsignal(s) ? strsignal(s) : "?", by_signal[s]);
	diag("fuzz: %ld calls in %ld children, %ld ms, %ld killed by the "
	     "watchdog; deaths by signal:%s", calls_done, children_done,
	     elapsed_ms, killed, sigs);
	len = 0;
	for (int s = 0; s < 256; s++)
		if (by_exit[s])
			len += (size_t)snprintf(sigs + len, sizeof(sigs) - len,
						" %d:%ld", s, by_exit[s]);
	diag("fuzz: exit statuses:%s", sigs);
	ok(hangs == 0, "fuzz: %ld calls (seed %lu): no child hung in the kernel",
	   calls_done, opts.seed);
}

/* Stop whatever is left (children's children too) and reap it all. */
static void stop_everything(void)
{
	int status;

	for (int k = 0; k < opts.par; k++)
		if (run[k].pid)
			kill(run[k].pid, SIGKILL);
	beat->doing = "stopping";
	kill(-1, SIGKILL);	/* as pid != 1 this spares init and us */
	for (int i = 0; i < 50; i++) {
		errno = 0;
		while (waitpid(-1, &status, WNOHANG | __WALL) > 0)
			;
		if (errno == ECHILD)
			break;
		usleep(20000);
	}
	umount_scratch();
	remove_tree("/tmp/fuzz");
	restore_nodes();
	remove_new_entries();
}

/*
 * The children's SysV IPC objects and POSIX message queues outlive
 * them by design (a random shmget or mq_open with IPC_CREAT/O_CREAT
 * makes one): they live in an IPC namespace of the run's own, entered
 * here (the fd names the one to go back to; -1 if not root) ...
 */
static int enter_private_ipc(void)
{
	int fd = open("/proc/self/ns/ipc", O_RDONLY | O_CLOEXEC);

	if (fd >= 0 && unshare(CLONE_NEWIPC) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* ... and left after the last child, which frees the namespace with
 * everything in it before the memory is compared. */
static void leave_private_ipc(int fd)
{
	if (fd < 0)
		return;
	if (setns(fd, CLONE_NEWIPC) < 0)
		diag("fuzz: setns back to the first IPC namespace: %s",
		     strerror(errno));
	close(fd);
}

/*
 * A nested instance (a fuzz child exec'd /proc/self/exe) or a second
 * run finds /tmp/fuzz and stops quietly.
 */
static int take_lock(void)
{
	return mkdir("/tmp/fuzz", 0755) == 0;
}

int main(void)
{
	struct memcheck before, after;
	int next = 0, ipc_ns;
	long start;
	sigset_t chld;

	if (!take_lock())
		return 0;
	parse_opts();
	diag("fuzz: seed %lu, %ld calls, %d at once, %d per child%s",
	     opts.seed, opts.calls, opts.par, opts.per_child,
	     opts.trace ? ", tracing" : "");
	slots = mmap(NULL, sizeof(struct slot) * MAX_PAR + sizeof(struct beat),
		     PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (slots == MAP_FAILED) {
		tap_result(0, "fuzz: shared memory", strerror(errno));
		return tap_done();
	}
	if (opts.trace) {
		int fd = open("/dev/console", O_WRONLY | O_NOCTTY);

		if (fd >= 0 && fd != TRACE_FD) {
			dup2(fd, TRACE_FD);
			close(fd);
		}
	}
	ipc_ns = enter_private_ipc();
	beat = (struct beat *)(slots + MAX_PAR);
	beat->ms = now_ms();
	start_monitor();
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	/*
	 * The parent takes SIGCHLD with sigtimedwait and nothing else: an
	 * orphan re-parented to us may carry any exit signal (on a kernel
	 * that does not reset it to SIGCHLD, as Linux does).
	 */
	sigfillset(&chld);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	snapshot_nodes();
	snapshot_dirs();
	slurp("/proc/mounts", baseline_mounts, sizeof(baseline_mounts));

	/* Warm up: what the kernel keeps once made is not a leak. */
	if (opts.only_child < 0) {
		int warm = 1000000;

		run_children(&warm, opts.per_child * 2L, 0);
		calls_done = children_done = killed = 0;
		memset(by_signal, 0, sizeof(by_signal));
		memset(by_exit, 0, sizeof(by_exit));
	}
	memcheck_read(&before);
	start = now_ms();
	if (opts.only_child >= 0)
		next = opts.only_child;
	run_children(&next, opts.calls,
		     opts.time_limit ? start + opts.time_limit * 1000L : 0);
	if (calls_done < opts.calls && opts.only_child < 0)
		diag("fuzz: time limit (%d s) reached after %ld of %ld calls",
		     opts.time_limit, calls_done, opts.calls);
	stop_everything();
	leave_private_ipc(ipc_ns);
	report(now_ms() - start);
	memcheck_read(&after);
	memcheck_compare("fuzz", &before, &after, SLACK_KB);
	return tap_done();
}
