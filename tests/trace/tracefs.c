/*
 * tests/trace/tracefs.c: Linux's tracing interface for the process
 * lifecycle. Mounts tracefs (and sysfs, whose kernel/tracing is where
 * tracefs goes), switches the sched and task events on through
 * set_event and the enable files, runs a fork/exec/exit/wait, a vfork,
 * a thread and an exec from a thread, and finds each event's line, in
 * Linux's text, in `trace`; then trace_pipe consumes, trace_marker
 * writes, tracing_on stops, O_TRUNC empties; bad values give EINVAL and
 * an unprivileged user gets nothing.
 */
#include "tap.h"
#include <grp.h>
#include <pthread.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>

#define BIG (1 << 20)

static char dir[64];

/* Path of a tracefs file. */
static const char *tp(const char *name)
{
	static char buf[4][160];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, name);
	return buf[i];
}

/* Whole file into a malloc'd string ("" if it cannot be read). */
static char *slurp(const char *path)
{
	char *buf = calloc(1, BIG + 1);
	size_t len = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return buf;
	while (len < BIG && (n = read(fd, buf + len, BIG - len)) > 0)
		len += n;
	close(fd);
	return buf;
}

/* Write s to path opened with flags, all of it as echo does (the
 * kernel may take part of a write): 0 or the errno. */
static int put(const char *path, const char *s, int flags)
{
	int fd = open(path, O_WRONLY | flags), err = 0;
	size_t len = strlen(s), done = 0;

	if (fd < 0)
		return errno;
	do {
		ssize_t n = write(fd, s + done, len - done);

		if (n < 0) {
			err = errno;
			break;
		}
		done += n;
	} while (done < len);
	close(fd);
	return err;
}

/*
 * Does the trace have a line with this event and text (whole fields:
 * the text ends at a blank or the line's end, unless it ends in '=')?
 */
static int has_line(const char *trace, const char *event, const char *text)
{
	char want[256];
	const char *p = trace;
	size_t n;

	snprintf(want, sizeof(want), ": %s: %s", event, text);
	n = strlen(want);
	while ((p = strstr(p, want))) {
		if (want[n - 1] == '=' || p[n] == '\n' || p[n] == ' ')
			return 1;
		p += n;
	}
	return 0;
}

static void check_line(const char *trace, const char *event,
		       const char *fmt, ...)
{
	char text[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	ok(has_line(trace, event, text), "trace: %s: %s", event, text);
}

static void check_files(void)
{
	static const char *const files[] = {
		"trace", "trace_pipe", "trace_marker", "set_event",
		"available_events", "tracing_on", "buffer_size_kb",
		"buffer_total_size_kb", "trace_clock", "saved_cmdlines",
		"current_tracer", "events/enable", "events/sched/enable",
		"events/sched/sched_process_fork/enable",
		"events/sched/sched_process_fork/format",
		"events/sched/sched_process_fork/id",
		"events/task/task_newtask/format",
	};
	char *s;

	for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		ok(access(tp(files[i]), F_OK) == 0, "tracefs has %s", files[i]);
	s = slurp(tp("available_events"));
	ok(strstr(s, "sched:sched_process_fork\n") &&
	   strstr(s, "sched:sched_process_exec\n") &&
	   strstr(s, "sched:sched_process_exit\n") &&
	   strstr(s, "sched:sched_process_wait\n") &&
	   strstr(s, "sched:sched_wakeup_new\n") &&
	   strstr(s, "task:task_newtask\n") && strstr(s, "task:task_rename\n"),
	   "available_events lists the lifecycle events");
	free(s);
	s = slurp(tp("events/sched/sched_process_fork/format"));
	ok(strstr(s, "name: sched_process_fork\n") &&
	   strstr(s, "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n") &&
	   strstr(s, "\tfield:pid_t child_pid;\toffset:44;\tsize:4;\tsigned:1;\n") &&
	   strstr(s, "print fmt: \"comm=%s pid=%d child_comm=%s child_pid=%d\""),
	   "sched_process_fork's format is Linux's");
	free(s);
	s = slurp(tp("events/task/task_newtask/format"));
	ok(strstr(s, "\tfield:unsigned long clone_flags;\toffset:32;\tsize:8;\tsigned:0;\n") != NULL,
	   "task_newtask's clone_flags field");
	free(s);
	/* Linux starts with global instead when its sched_clock is
	 * unstable (it says so at boot): on several CPUs under
	 * multi-threaded TCG, whose TSCs are not in step. */
	s = slurp(tp("trace_clock"));
	ok(strstr(s, "[local]") || strstr(s, "[global]"),
	   "trace_clock: local (or global) by default: %s", s);
	free(s);
}

static void *thread_fn(void *arg)
{
	return arg;
}

static void *exec_thread(void *arg)
{
	execl("/bin/true", "true", (char *)NULL);
	return arg;
}

/* A child whose second thread execs /bin/true: it takes the pid. */
static int exec_from_thread(void)
{
	pthread_t t;

	pthread_create(&t, NULL, exec_thread, NULL);
	for (;;)
		pause();
	return 0;
}

struct pids {
	pid_t fork, vfork, self, thread_proc;
	char comm[16];
};

/* The process events to look for, with what we know of them. */
static void run_workload(struct pids *p)
{
	pthread_t t;
	int status;

	p->self = getpid();
	prctl(PR_SET_NAME, "tracer-test");
	strcpy(p->comm, "tracer-test");
	p->fork = syscall(SYS_fork);
	if (p->fork == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	waitpid(p->fork, &status, 0);
	p->vfork = vfork();
	if (p->vfork == 0)
		_exit(3);
	waitpid(p->vfork, &status, 0);
	pthread_create(&t, NULL, thread_fn, NULL);
	pthread_join(t, NULL);
	p->thread_proc = fork();
	if (p->thread_proc == 0)
		_exit(exec_from_thread());
	waitpid(p->thread_proc, &status, 0);
	prctl(PR_SET_NAME, "tracefs");
}

static void check_lifecycle(void)
{
	const char *events = "sched:sched_process_fork sched:sched_process_exec "
			     "sched:sched_process_exit sched:sched_process_wait "
			     "sched:sched_wakeup_new task:task_newtask task:task_rename";
	struct pids p;
	char *s;

	expect_ok(put(tp("set_event"), "", O_TRUNC));
	expect_ok(put(tp("trace"), "", O_TRUNC));
	is(put(tp("set_event"), events, 0), 0, "set_event: seven events in one write");
	s = slurp(tp("set_event"));
	ok(strstr(s, "task:task_newtask\n") && strstr(s, "sched:sched_process_wait\n") &&
	   !strstr(s, "sched_process_free"), "set_event lists what is on: %s", s);
	free(s);
	s = slurp(tp("events/sched/enable"));
	is_str(s, "X\n", "events/sched/enable: some on");
	free(s);
	s = slurp(tp("events/task/enable"));
	is_str(s, "1\n", "events/task/enable: all on");
	free(s);
	s = slurp(tp("events/sched/sched_process_free/enable"));
	is_str(s, "0\n", "sched_process_free/enable: off");
	free(s);

	run_workload(&p);
	expect_ok(put(tp("set_event"), "", O_TRUNC));
	s = slurp(tp("events/enable"));
	is_str(s, "0\n", "events/enable: all off after O_TRUNC of set_event");
	free(s);

	s = slurp(tp("trace"));
	ok(!strncmp(s, "# tracer: nop\n#\n# entries-in-buffer/entries-written: ",
		    strlen("# tracer: nop\n#\n# entries-in-buffer/entries-written: ")),
	   "trace starts with Linux's header");
	ok(strstr(s, "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n") != NULL,
	   "trace: the column header");
	check_line(s, "task_rename", "pid=%d oldcomm=tracefs newcomm=tracer-test oom_score_adj=0", p.self);
	/* fork(2): no flags; vfork(2): CLONE_VFORK|CLONE_VM. */
	check_line(s, "task_newtask", "pid=%d comm=%s clone_flags=0 oom_score_adj=0", p.fork, p.comm);
	check_line(s, "sched_process_fork", "comm=%s pid=%d child_comm=%s child_pid=%d",
		   p.comm, p.self, p.comm, p.fork);
	check_line(s, "sched_wakeup_new", "comm=%s pid=%d prio=120 target_cpu=", p.comm, p.fork);
	check_line(s, "task_rename", "pid=%d oldcomm=%s newcomm=true oom_score_adj=0", p.fork, p.comm);
	check_line(s, "sched_process_exec", "filename=/bin/true pid=%d old_pid=%d", p.fork, p.fork);
	check_line(s, "sched_process_exit", "comm=true pid=%d prio=120", p.fork);
	check_line(s, "sched_process_wait", "comm=%s pid=%d prio=120", p.comm, p.fork);
	check_line(s, "task_newtask", "pid=%d comm=%s clone_flags=4100 oom_score_adj=0", p.vfork, p.comm);
	check_line(s, "sched_process_exit", "comm=%s pid=%d prio=120", p.comm, p.vfork);
	/* musl's pthread_create: VM FS FILES SIGHAND THREAD SYSVSEM SETTLS
	 * PARENT_SETTID CHILD_CLEARTID DETACHED. */
	ok(strstr(s, "clone_flags=7d0f00 oom_score_adj=0") != NULL,
	   "trace: task_newtask of a thread: clone_flags=7d0f00");
	ok(has_line(s, "sched_process_exec", "filename=/bin/true") &&
	   strstr(s, "filename=/bin/true pid=") != NULL, "exec lines");
	{
		char want[80];
		const char *l;

		snprintf(want, sizeof(want), "filename=/bin/true pid=%d old_pid=", p.thread_proc);
		l = strstr(s, want);
		ok(l && atoi(l + strlen(want)) != p.thread_proc && atoi(l + strlen(want)) > 0,
		   "exec from a thread: pid is the process's, old_pid the thread's");
	}
	free(s);
}

static void check_pipe_and_marker(void)
{
	char buf[4096], *s;
	int fd, n, status;
	pid_t c;

	expect_ok(put(tp("trace"), "", O_TRUNC));
	expect_ok(put(tp("events/sched/sched_process_exit/enable"), "1\n", 0));
	c = fork();
	if (c == 0)
		_exit(0);
	waitpid(c, &status, 0);
	expect_ok(put(tp("events/sched/sched_process_exit/enable"), "0", 0));
	expect_ok(put(tp("trace_marker"), "hello from the test", 0));
	fd = open(tp("trace_pipe"), O_RDONLY | O_NONBLOCK);
	ok(fd >= 0, "open trace_pipe");
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	ok(n > 0 && strstr(buf, ": sched_process_exit: comm=tracefs pid=") &&
	   strstr(buf, ": tracing_mark_write: hello from the test\n"),
	   "trace_pipe gives the events (and the marker): %s", buf);
	ok(!strstr(buf, "# tracer"), "trace_pipe: no header");
	errno = 0;
	n = read(fd, buf, sizeof(buf));
	ok(n < 0 && errno == EAGAIN, "trace_pipe: consumed; empty now (EAGAIN)");
	close(fd);
	s = slurp(tp("trace"));
	ok(strstr(s, "entries-in-buffer/entries-written: 0/0 ") != NULL,
	   "trace: consumed events count in neither: %.120s", s);
	free(s);

	expect_ok(put(tp("tracing_on"), "0", 0));
	s = slurp(tp("tracing_on"));
	is_str(s, "0\n", "tracing_on: 0");
	free(s);
	expect_ok(put(tp("trace_marker"), "not recorded", 0));
	expect_ok(put(tp("tracing_on"), "1", 0));
	s = slurp(tp("trace"));
	ok(!strstr(s, "not recorded"), "tracing_on 0: nothing recorded");
	free(s);
	expect_ok(put(tp("trace_marker"), "recorded", 0));
	expect_ok(put(tp("trace"), "", O_TRUNC));
	s = slurp(tp("trace"));
	ok(strstr(s, "entries-in-buffer/entries-written: 0/0 ") && !strstr(s, "recorded"),
	   "O_TRUNC of trace empties it");
	free(s);
}

/*
 * A small buffer overwrites its oldest events; the header counts them.
 * The size is per CPU and each CPU records in its own buffer: the
 * writer stays on one CPU, else its events would spread over several
 * buffers and none might fill.
 */
static void check_overwrite(void)
{
	unsigned long in = 0, written = 0;
	char msg[64], *s, *h;
	cpu_set_t all, one;

	expect_ok(sched_getaffinity(0, sizeof(all), &all));
	CPU_ZERO(&one);
	CPU_SET(sched_getcpu(), &one);
	expect_ok(sched_setaffinity(0, sizeof(one), &one));
	expect_ok(put(tp("buffer_size_kb"), "8", 0));
	for (int i = 0; i < 400; i++) {
		snprintf(msg, sizeof(msg), "marker number %d", i);
		put(tp("trace_marker"), msg, 0);
	}
	s = slurp(tp("trace"));
	h = strstr(s, "entries-in-buffer/entries-written: ");
	if (h)
		sscanf(h, "entries-in-buffer/entries-written: %lu/%lu", &in, &written);
	ok(written == 400 && in > 0 && in < 400,
	   "8 KB buffer: %lu of %lu events kept", in, written);
	ok(!strstr(s, "marker number 0\n") && strstr(s, "marker number 399\n"),
	   "the oldest went, the newest stayed");
	free(s);
	expect_ok(put(tp("buffer_size_kb"), "1408", 0));
	expect_ok(sched_setaffinity(0, sizeof(all), &all));
}

static void check_errors(void)
{
	is(put(tp("set_event"), "no_such_event", 0), EINVAL, "set_event: unknown event: EINVAL");
	is(put(tp("set_event"), "nosys:sched_process_fork", 0), EINVAL, "set_event: unknown system: EINVAL");
	is(put(tp("events/sched/sched_process_fork/enable"), "2", 0), EINVAL, "enable 2: EINVAL");
	is(put(tp("events/sched/enable"), "yes", 0), EINVAL, "system enable: EINVAL");
	is(put(tp("trace_clock"), "bogus", 0), EINVAL, "trace_clock: EINVAL");
	is(put(tp("buffer_size_kb"), "lots", 0), EINVAL, "buffer_size_kb: EINVAL");
	is(put(tp("current_tracer"), "function_graph_nope", 0), EINVAL, "current_tracer: EINVAL");
	is(put(tp("set_event"), "sched:sched_process_fork", 0), 0, "set_event: one event");
	is(put(tp("set_event"), "!sched:sched_process_fork", O_APPEND), 0, "set_event: '!' turns it off");
	{
		char *s = slurp(tp("set_event"));

		is_str(s, "", "set_event empty again");
		free(s);
	}
	expect_ok(put(tp("trace_clock"), "global", 0));
	{
		char *s = slurp(tp("trace_clock"));

		ok(strstr(s, "[global]") != NULL, "trace_clock: global chosen");
		free(s);
	}
	expect_ok(put(tp("trace_clock"), "local", 0));
}

/* A user who is not root reads nothing and mounts nothing. */
static int unprivileged(void)
{
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 10;
	if (open(tp("trace"), O_RDONLY) >= 0 || errno != EACCES)
		return 11;
	if (open(tp("set_event"), O_WRONLY) >= 0 || errno != EACCES)
		return 12;
	if (mount("nodev", "/tmp", "tracefs", 0, NULL) == 0 || errno != EPERM)
		return 13;
	return 0;
}

int main(void)
{
	char sys[64], path[128];
	struct stat st;

	prctl(PR_SET_NAME, "tracefs");
	scratch(dir, sizeof(dir), "tracing");
	scratch(sys, sizeof(sys), "sysfs");
	expect_ok(mkdir(sys, 0755));
	expect_ok(mount("sysfs", sys, "sysfs", 0, NULL));
	snprintf(path, sizeof(path), "%s/kernel/tracing", sys);
	ok(sys_stat(path, &st) == 0 && S_ISDIR(st.st_mode),
	   "sysfs has kernel/tracing, the mount point");
	expect_ok(mount("nodev", path, "tracefs", 0, NULL));
	snprintf(path, sizeof(path), "%s/kernel/tracing/trace", sys);
	ok(access(path, F_OK) == 0, "tracefs mounts on sysfs's kernel/tracing");
	snprintf(path, sizeof(path), "%s/kernel/tracing", sys);
	expect_ok(umount(path));
	expect_ok(umount(sys));
	expect_ok(rmdir(sys));

	expect_ok(mkdir(dir, 0755));
	expect_ok(mount("nodev", dir, "tracefs", 0, NULL));
	check_files();
	check_lifecycle();
	check_pipe_and_marker();
	check_overwrite();
	check_errors();
	ok(exited_with(run_child(unprivileged), 0), "unprivileged: EACCES, EPERM");
	/* Give the buffer's memory back (the runner counts it). */
	expect_ok(put(tp("free_buffer"), "", 0));
	expect_ok(umount(dir));
	expect_ok(rmdir(dir));
	return tap_done();
}
