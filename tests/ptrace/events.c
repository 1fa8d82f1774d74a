/*
 * ptrace events: TRACEFORK/VFORK/CLONE auto-attach the new child (it
 * starts stopped with SIGSTOP, or PTRACE_EVENT_STOP under SEIZE) and
 * GETEVENTMSG names it; VFORK_DONE; EXEC (and the plain SIGTRAP
 * without it); EXIT; the tracer reaps a tracee that is not its child
 * before the real parent does; EXITKILL; SEIZE and INTERRUPT.
 */
#include "ptrace_util.h"

#define ALL_EVENTS (PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |		\
		    PTRACE_O_TRACECLONE | PTRACE_O_TRACEVFORKDONE)

/* The grandchild exits 3; the child reports what its own wait saw. */
static int reap_and_report(pid_t pid)
{
	int st = -1;

	if (pid < 0)
		return 10;
	while (waitpid(pid, &st, __WALL) < 0 && errno == EINTR)
		;
	return exited_with(st, 3) ? 0 : 11;
}

static int child_fork(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(3);
	return reap_and_report(pid);
}

static int child_vfork(void)
{
	pid_t pid = vfork();

	if (pid == 0)
		_exit(3);
	return reap_and_report(pid);
}

/* clone with exit signal 0 (not SIGCHLD): a "clone" child. */
static int child_clone(void)
{
	pid_t pid = syscall(SYS_clone, 0, 0, 0, 0, 0);

	if (pid == 0)
		_exit(3);
	return reap_and_report(pid);
}

/* clone with CLONE_UNTRACED: no event, the child is not traced. */
static int child_untraced(void)
{
	pid_t pid = syscall(SYS_clone, 0x00800000 | SIGCHLD, 0, 0, 0, 0);

	if (pid == 0)
		_exit(3);
	return reap_and_report(pid);
}

/* Tracer side of one fork-like event: the child stops with the event,
 * names the new task, which starts stopped with SIGSTOP. */
static void follow_new_child(pid_t pid, int event, const char *what)
{
	unsigned long msg = 0;
	pid_t gpid;
	int st;

	st = wait_for(pid);
	is(stop_code(st), EVENT_CODE(event), "%s: the parent stops with the "
	   "event", what);
	is(pt(PTRACE_GETEVENTMSG, pid, 0, &msg), 0, "%s: GETEVENTMSG", what);
	gpid = msg;
	ok(gpid > 0 && gpid != pid, "%s: the message is the new pid", what);
	st = wait_for(gpid);
	is(stop_code(st), SIGSTOP, "%s: the new child starts with SIGSTOP",
	   what);
	is(pt(PTRACE_CONT, gpid, 0, 0), 0, "%s: CONT the new child", what);
	if (event == PTRACE_EVENT_VFORK) {
		/* The vfork parent sleeps until the child exits. */
		pt(PTRACE_CONT, pid, 0, 0);
		st = wait_for(gpid);
		ok(exited_with(st, 3), "%s: the tracer reaps its tracee "
		   "first (status %#x)", what, st);
		st = wait_for(pid);
		is(stop_code(st), EVENT_CODE(PTRACE_EVENT_VFORK_DONE),
		   "%s: VFORK_DONE once the child is gone", what);
		pt(PTRACE_GETEVENTMSG, pid, 0, &msg);
		is(msg, gpid, "%s: VFORK_DONE names the child", what);
		pt(PTRACE_CONT, pid, 0, 0);
	} else {
		pt(PTRACE_CONT, pid, 0, 0);
		st = wait_for(gpid);
		ok(exited_with(st, 3), "%s: the tracer sees its tracee exit "
		   "(status %#x)", what, st);
	}
	/* Its SIGCHLD is a signal-delivery-stop too. */
	st = cont_until_exit(pid);
	ok(exited_with(st, 0), "%s: the real parent then reaped it too "
	   "(status %#x)", what, st);
}

static void test_fork_events(void)
{
	static const struct {
		int (*fn)(void);
		int event;
		const char *what;
	} cases[] = {
		{ child_fork, PTRACE_EVENT_FORK, "fork" },
		{ child_vfork, PTRACE_EVENT_VFORK, "vfork" },
		{ child_clone, PTRACE_EVENT_CLONE, "clone" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pid_t pid = fork_tracee(cases[i].fn);

		if (pid <= 0)
			continue;
		pt(PTRACE_SETOPTIONS, pid, 0, (void *)ALL_EVENTS);
		pt(PTRACE_CONT, pid, 0, 0);
		follow_new_child(pid, cases[i].event, cases[i].what);
	}
}

static void test_untraced(void)
{
	pid_t pid = fork_tracee(child_untraced);
	int st;

	if (pid <= 0)
		return;
	pt(PTRACE_SETOPTIONS, pid, 0, (void *)ALL_EVENTS);
	pt(PTRACE_CONT, pid, 0, 0);
	st = cont_until_exit(pid);	/* only its SIGCHLD stops it */
	ok(exited_with(st, 0), "CLONE_UNTRACED: no event, the child untraced "
	   "(status %#x)", st);
}

static int child_exec(void)
{
	char *argv[] = { "true", NULL };

	execve("/bin/true", argv, NULL);
	return 20;
}

static void test_exec(void)
{
	unsigned long msg = 0;
	pid_t pid = fork_tracee(child_exec);
	int st;

	if (pid <= 0)
		return;
	pt(PTRACE_SETOPTIONS, pid, 0, (void *)PTRACE_O_TRACEEXEC);
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_for(pid);
	is(stop_code(st), EVENT_CODE(PTRACE_EVENT_EXEC), "EXEC event");
	pt(PTRACE_GETEVENTMSG, pid, 0, &msg);
	is(msg, pid, "EXEC event message: the pid");
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_for(pid);
	ok(exited_with(st, 0), "exec'd program runs (status %#x)", st);

	pid = fork_tracee(child_exec);
	if (pid <= 0)
		return;
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_for(pid);
	is(stop_code(st), SIGTRAP, "without TRACEEXEC: a plain SIGTRAP stop");
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_for(pid);
	ok(exited_with(st, 0), "exec'd program runs (status %#x)", st);
}

static int child_exit5(void)
{
	return 5;
}

static void test_exit_event(void)
{
	unsigned long msg = 0;
	pid_t pid = fork_tracee(child_exit5);
	int st;

	if (pid <= 0)
		return;
	pt(PTRACE_SETOPTIONS, pid, 0, (void *)PTRACE_O_TRACEEXIT);
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_for(pid);
	is(stop_code(st), EVENT_CODE(PTRACE_EVENT_EXIT), "EXIT event");
	pt(PTRACE_GETEVENTMSG, pid, 0, &msg);
	is(msg, 5 << 8, "EXIT event message: the exit status");
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_for(pid);
	ok(exited_with(st, 5), "then it exits (status %#x)", st);
}

/* A tracer process seizes victim with options, then exits. */
static void seize_and_exit(pid_t victim, long options)
{
	pid_t t = fork();

	if (t == 0)
		_exit(pt(PTRACE_SEIZE, victim, 0, (void *)options) ? 1 : 0);
	ok(exited_with(wait_for(t), 0), "a tracer seized and exited "
	   "(options %#lx)", options);
}

static void test_exitkill(void)
{
	pid_t victim = spawn_pauser();
	int st;

	seize_and_exit(victim, PTRACE_O_EXITKILL);
	st = wait_for(victim);
	ok(killed_by(st, SIGKILL), "EXITKILL: the tracee dies with its "
	   "tracer (status %#x)", st);

	victim = spawn_pauser();
	seize_and_exit(victim, 0);
	is(waitpid(victim, &st, WNOHANG), 0, "without EXITKILL it lives on");
	kill(victim, SIGTERM);
	st = wait_for(victim);
	ok(killed_by(st, SIGTERM), "detached: our SIGTERM kills it (status "
	   "%#x)", st);
}

static void test_seize_interrupt(void)
{
	pid_t pid = spawn_pauser();
	int st;

	is(pt(PTRACE_SEIZE, pid, 0, (void *)PTRACE_O_TRACEFORK), 0, "SEIZE");
	is(waitpid(pid, &st, WNOHANG | __WALL), 0, "SEIZE does not stop it");
	is(pt(PTRACE_INTERRUPT, pid, 0, 0), 0, "INTERRUPT");
	st = wait_for(pid);
	is(st >> 8, SIGTRAP | (PTRACE_EVENT_STOP << 8),
	   "INTERRUPT: PTRACE_EVENT_STOP with SIGTRAP");
	is(pt(PTRACE_CONT, pid, 0, 0), 0, "CONT from the EVENT_STOP");
	is(waitpid(pid, &st, WNOHANG | __WALL), 0, "runs (pauses) again");
	kill(pid, SIGKILL);
	st = wait_for(pid);
	ok(killed_by(st, SIGKILL), "SIGKILL ends a seized tracee");

}

/* A SEIZEd tracee's new child starts with an EVENT_STOP, not SIGSTOP. */
static void test_seize_fork(void)
{
	unsigned long msg = 0;
	pid_t pid, gpid;
	int p[2], st;
	char c;

	if (pipe(p))
		return;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			_exit(30);
		_exit(child_fork());
	}
	close(p[0]);
	is(pt(PTRACE_SEIZE, pid, 0, (void *)PTRACE_O_TRACEFORK), 0,
	   "SEIZE with TRACEFORK");
	if (write(p[1], "x", 1) != 1)
		diag("write failed");
	close(p[1]);
	st = wait_for(pid);
	is(stop_code(st), EVENT_CODE(PTRACE_EVENT_FORK), "seized: fork event");
	pt(PTRACE_GETEVENTMSG, pid, 0, &msg);
	gpid = msg;
	st = wait_for(gpid);
	is(st >> 8, SIGTRAP | (PTRACE_EVENT_STOP << 8),
	   "seized: the new child starts with PTRACE_EVENT_STOP");
	pt(PTRACE_CONT, gpid, 0, 0);
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_for(gpid);
	ok(exited_with(st, 3), "seized: new child exits (status %#x)", st);
	st = cont_until_exit(pid);
	ok(exited_with(st, 0), "seized: parent reaped it too (status %#x)", st);
}

int main(void)
{
	test_fork_events();
	test_untraced();
	test_exec();
	test_exit_event();
	test_exitkill();
	test_seize_interrupt();
	test_seize_fork();
	return tap_done();
}
