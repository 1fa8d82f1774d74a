/*
 * tests/perm/signals.c: who may signal whom (Linux's
 * check_kill_permission): the same thread group; a real or effective
 * uid of the sender equal to the target's real or saved uid; CAP_KILL
 * in the target's user namespace; SIGCONT within a session. The same
 * rule for every sender (kill, tkill, tgkill, rt_(tg)sigqueueinfo,
 * pidfd_send_signal), which also may not forge a kernel or kill()
 * si_code towards another process. And si_uid as the receiver's user
 * namespace sees the sender.
 */
#include "cred.h"
#include <sched.h>

#ifndef CLONE_NEWUSER
#define CLONE_NEWUSER 0x10000000
#endif

static int ready[2], go[2];

/* A child with real/effective/saved uids r, e, s; in its own session if
 * own_session. Every child waits for "g" on the one go pipe (made at the
 * first spawn), so all must be spawned before we drop privileges. */
static pid_t spawn(uid_t r, uid_t e, uid_t s, int own_session)
{
	pid_t pid;
	char c;

	if (!go[1]) {
		pipe(ready);
		pipe(go);
	}
	pid = fork();
	if (pid == 0) {
		if (own_session)
			setsid();
		signal(SIGCONT, SIG_IGN);
		signal(SIGUSR1, SIG_IGN);
		if (syscall(SYS_setgroups, 0, NULL) ||
		    syscall(SYS_setresgid, 1, 1, 1) ||
		    syscall(SYS_setresuid, r, e, s))
			_exit(1);
		write(ready[1], "r", 1);
		read(go[0], &c, 1);
		_exit(0);
	}
	read(ready[0], &c, 1);
	return pid;
}

/* Let one child go and reap it. All read the one go pipe, so the byte
 * may go to another child than the one named last: reap whichever
 * exits (a case calls this once per child it spawned). */
static void reap_one(void)
{
	write(go[1], "g", 1);
	wait(NULL);
}

static long queue(pid_t pid, int sig, int code)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = sig;
	si.si_code = code;
	return syscall(SYS_rt_sigqueueinfo, pid, sig, &si);
}

static long tgqueue(pid_t pid, int sig, int code)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = sig;
	si.si_code = code;
	return syscall(SYS_rt_tgsigqueueinfo, pid, pid, sig, &si);
}

static int uid_rules(void)
{
	pid_t other = spawn(1001, 1001, 1001, 0), saved, pfd;

	become(1000, 1000);
	expect_errno(kill(other, SIGUSR1), EPERM);
	expect_errno(kill(other, 0), EPERM);
	expect_errno(syscall(SYS_tkill, other, SIGUSR1), EPERM);
	expect_errno(syscall(SYS_tgkill, other, other, SIGUSR1), EPERM);
	expect_errno(queue(other, SIGUSR1, SI_QUEUE), EPERM);
	expect_errno(tgqueue(other, SIGUSR1, SI_QUEUE), EPERM);
	pfd = syscall(SYS_pidfd_open, other, 0);
	expect_errno(syscall(SYS_pidfd_send_signal, pfd, SIGUSR1, NULL, 0),
		     EPERM);
	is(kill(other, SIGCONT), 0, "SIGCONT within our session is allowed");
	close(pfd);
	reap_one();
	(void)saved;
	return tap_done();
}

/* Our uid as the target's saved uid is enough. */
static int saved_uid(void)
{
	pid_t t = spawn(1001, 1001, 1000, 0), u = spawn(1001, 1000, 1001, 0);

	become(1000, 1000);
	is(kill(t, SIGUSR1), 0, "sender uid = target's saved uid");
	expect_errno(kill(u, SIGUSR1), EPERM);	/* its euid does not count */
	reap_one();
	reap_one();
	return tap_done();
}

static int session(void)
{
	pid_t t = spawn(1001, 1001, 1001, 1);

	become(1000, 1000);
	expect_errno(kill(t, SIGCONT), EPERM);	/* another session */
	reap_one();
	return tap_done();
}

static int cap_kill(void)
{
	pid_t t = spawn(1001, 1001, 1001, 1);

	prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
	syscall(SYS_setresuid, 1000, 1000, 1000);
	is(set_caps(CAP_BIT(CAP_KILL), CAP_BIT(CAP_KILL), 0), 0,
	   "uid 1000 with CAP_KILL only");
	is(kill(t, SIGUSR1), 0, "CAP_KILL signals another user");
	set_caps(0, CAP_BIT(CAP_KILL), 0);
	expect_errno(kill(t, SIGUSR1), EPERM);	/* not effective */
	reap_one();
	return tap_done();
}

/* Forged si_codes: only towards ourselves. */
static int si_codes(void)
{
	pid_t t = spawn(1000, 1000, 1000, 0);

	signal(SIGUSR1, SIG_IGN);
	become(1000, 1000);
	is(queue(t, SIGUSR1, SI_QUEUE), 0, "SI_QUEUE to a process of ours");
	expect_errno(queue(t, SIGUSR1, SI_USER), EPERM);
	expect_errno(queue(t, SIGUSR1, SI_KERNEL), EPERM);
	expect_errno(queue(t, SIGUSR1, SI_TKILL), EPERM);
	expect_errno(tgqueue(t, SIGUSR1, SI_TKILL), EPERM);
	is(queue(getpid(), SIGUSR1, SI_KERNEL), 0,
	   "any si_code to ourselves");
	reap_one();
	return tap_done();
}

static volatile uid_t got_uid = 12345;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got_uid = si->si_uid;
}

/* si_uid is the sender's uid as the receiver's namespace sees it. */
static int sender_uid(void)
{
	struct sigaction sa = { 0 };
	int p[2], q[2];
	pid_t child;
	char c = 0;

	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	become(1000, 1000);
	pipe(p);
	pipe(q);
	child = fork();
	if (child == 0) {
		unshare(CLONE_NEWUSER);
		write_file("/proc/self/uid_map", "0 1000 1");
		write(p[1], "u", 1);
		read(q[0], &c, 1);	/* parent signalled us */
		c = got_uid == 0 ? 'y' : 'n';
		write(p[1], &c, 1);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	read(p[0], &c, 1);
	kill(child, SIGUSR1);	/* uid 1000: 0 in the child's namespace */
	write(q[1], "s", 1);
	while (read(p[0], &c, 1) < 0 && errno == EINTR)
		;
	is(c, 'y', "the child in its namespace sees our uid 1000 as 0");
	while (got_uid == 12345)
		usleep(1000);
	is(got_uid, 1000, "we see the child's uid 0 as 1000");
	waitpid(child, NULL, 0);
	return tap_done();
}

int main(void)
{
	proc_sane();
	run_case(uid_rules, "another user's process");
	run_case(saved_uid, "the saved-uid rule");
	run_case(session, "SIGCONT across sessions");
	run_case(cap_kill, "CAP_KILL");
	run_case(si_codes, "forged si_codes");
	run_case(sender_uid, "si_uid across user namespaces");
	return tap_done();
}
