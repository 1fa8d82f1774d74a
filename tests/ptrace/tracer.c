/*
 * A small `strace -f`: trace `/bin/sh -c '/bin/true | /bin/cat
 * /dev/null'` through its forks (and any vfork or clone) and execs
 * with syscall stops, reading each execve's path from the tracee's
 * memory with PEEKDATA, and check that every process was followed to
 * its exit and that the three programs were exec'd.
 */
#include "ptrace_util.h"
#include <stdbool.h>

#define MAXT 32

struct tracee {
	pid_t pid;
	bool started;		/* its first (SIGSTOP) stop was seen */
	bool in_syscall;	/* between syscall-enter and -exit stops */
	bool exited;
};

static struct tracee tracees[MAXT];
static int ntracees, nexecs, nforks, nexec_events, bad_stops;
static bool saw_sh, saw_true, saw_cat;

static struct tracee *lookup(pid_t pid)
{
	for (int i = 0; i < ntracees; i++)
		if (tracees[i].pid == pid)
			return &tracees[i];
	if (ntracees == MAXT)
		return NULL;
	tracees[ntracees].pid = pid;
	return &tracees[ntracees++];
}

static int nlive(void)
{
	int n = 0;

	for (int i = 0; i < ntracees; i++)
		n += !tracees[i].exited;
	return n;
}

/* Read a NUL-terminated string from the tracee, a word at a time. */
static void peek_string(pid_t pid, unsigned long addr, char *buf, size_t n)
{
	size_t i = 0;

	while (i + sizeof(long) < n) {
		unsigned long w;

		if (pt(PTRACE_PEEKDATA, pid, (void *)(addr + i), &w))
			break;
		memcpy(buf + i, &w, sizeof(w));
		if (memchr(&w, 0, sizeof(w)))
			return;
		i += sizeof(w);
	}
	buf[i] = 0;
}

static void on_syscall_stop(struct tracee *t)
{
	struct user_regs_struct r;
	char path[64];

	t->in_syscall = !t->in_syscall;
	if (!t->in_syscall || pt(PTRACE_GETREGS, t->pid, 0, &r))
		return;
	if (r.orig_rax != SYS_execve)
		return;
	peek_string(t->pid, r.rdi, path, sizeof(path));
	nexecs++;
	saw_sh |= !strcmp(path, "/bin/sh");
	saw_true |= !strcmp(path, "/bin/true");
	saw_cat |= !strcmp(path, "/bin/cat");
}

/* Handle one stop of t; returns the signal to resume it with. */
static int on_stop(struct tracee *t, int st)
{
	int sig = WSTOPSIG(st), event = st >> 16;

	if (sig == (SIGTRAP | 0x80)) {
		on_syscall_stop(t);
		return 0;
	}
	if (event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK ||
	    event == PTRACE_EVENT_CLONE) {
		unsigned long msg = 0;

		pt(PTRACE_GETEVENTMSG, t->pid, 0, &msg);
		if (lookup(msg))
			nforks++;
		return 0;
	}
	if (event == PTRACE_EVENT_EXEC) {
		nexec_events++;
		/* The exec replaced the syscall: its exit stop comes next. */
		return 0;
	}
	if (event)
		return 0;
	if (sig == SIGSTOP && !t->started) {	/* a new tracee's first stop */
		t->started = true;
		return 0;
	}
	if (sig == SIGTRAP)
		bad_stops++;
	return sig;		/* a real signal: deliver it */
}

static int run_tracer(void)
{
	long opts = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK |
		    PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
		    PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL;
	pid_t root = fork(), pid;
	int st, root_status = -1;

	if (root == 0) {
		char *argv[] = { "sh", "-c", "/bin/true | /bin/cat /dev/null",
				 NULL };

		traceme_and_stop();
		execve("/bin/sh", argv, NULL);
		_exit(127);
	}
	if (stop_code(wait_for(root)) != SIGSTOP)
		return 1;
	lookup(root)->started = true;
	if (pt(PTRACE_SETOPTIONS, root, 0, (void *)opts))
		return 2;
	pt(PTRACE_SYSCALL, root, 0, 0);
	while (nlive() > 0 && (pid = waitpid(-1, &st, __WALL)) > 0) {
		struct tracee *t = lookup(pid);

		if (!t)
			return 3;
		if (WIFEXITED(st) || WIFSIGNALED(st)) {
			t->exited = true;
			if (pid == root)
				root_status = st;
			continue;
		}
		pt(PTRACE_SYSCALL, pid, 0, (void *)(long)on_stop(t, st));
	}
	ok(exited_with(root_status, 0), "sh -c pipeline exits 0 (status %#x)",
	   root_status);
	return 0;
}

int main(void)
{
	int exited = 0;

	is(run_tracer(), 0, "the tracer followed the tree");
	for (int i = 0; i < ntracees; i++)
		exited += tracees[i].exited;
	is(exited, ntracees, "every traced process was seen to exit (%d)",
	   ntracees);
	ok(ntracees >= 3, "followed sh and its two children (%d processes)",
	   ntracees);
	ok(nforks >= 2, "fork events for the pipeline (%d)", nforks);
	ok(saw_sh, "saw execve(\"/bin/sh\")");
	ok(saw_true, "saw execve(\"/bin/true\")");
	ok(saw_cat, "saw execve(\"/bin/cat\")");
	is(nexec_events, nexecs, "one EXEC event per execve (%d)", nexecs);
	is(bad_stops, 0, "no stray SIGTRAP stops");
	return tap_done();
}
