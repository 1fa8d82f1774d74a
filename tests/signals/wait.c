/*
 * tests/signals/wait.c: waiting for signals and interrupted syscalls.
 * A blocking read is restarted under SA_RESTART and fails with EINTR
 * without it; sigsuspend and pause return EINTR after the handler, with
 * sigsuspend's mask undone; rt_sigtimedwait takes a pending signal,
 * times out with EAGAIN, is cut short by another signal with EINTR and
 * checks its arguments; rt_sigpending; rt_sigqueueinfo permissions.
 */
#include "tap.h"
#include "proc.h"
#include <sys/resource.h>
#include <time.h>

#define BIT(sig) (1UL << ((sig) - 1))

static volatile int hits;

static void on_sig(int sig)
{
	(void)sig;
	hits++;
}

static void set_mask(unsigned long m)
{
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &m, NULL, 8);
}

static unsigned long cur_mask(void)
{
	unsigned long m = 0;

	syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 8);
	return m;
}

static void handle(int sig, int flags)
{
	struct sigaction sa = { .sa_handler = on_sig, .sa_flags = flags };

	sigaction(sig, &sa, NULL);
}

/*
 * A child sends SIGUSR1 to us once we sleep in read(), then, once we
 * sleep again (in the restarted read, or in waitpid after EINTR),
 * writes one byte. Returns read's result; *err its errno. The child
 * watches our state rather than sleeping a fixed time: on a loaded
 * host we may not have reached read() 100 ms after the fork, and a
 * signal before the read (or a byte before the signal) is no test.
 */
static long read_interrupted(int *err)
{
	int fds[2];
	pid_t parent = getpid(), pid;
	char c;
	long r;

	pipe(fds);
	pid = fork();
	if (pid == 0) {
		wait_until_asleep(parent, 10000);
		kill(parent, SIGUSR1);
		wait_until_asleep(parent, 10000);
		write(fds[1], "x", 1);
		_exit(0);
	}
	errno = 0;
	r = read(fds[0], &c, 1);
	*err = errno;
	waitpid(pid, NULL, 0);
	close(fds[0]);
	close(fds[1]);
	return r;
}

static void test_restart(void)
{
	int err;

	handle(SIGUSR1, SA_RESTART);
	hits = 0;
	is(read_interrupted(&err), 1, "SA_RESTART: read restarts and gets the byte");
	is(hits, 1, "SA_RESTART: the handler ran");
	handle(SIGUSR1, 0);
	hits = 0;
	is(read_interrupted(&err), -1, "no SA_RESTART: read fails");
	is(err, EINTR, "no SA_RESTART: with EINTR");
	is(hits, 1, "no SA_RESTART: the handler ran");
	/* An ignored signal is no interruption at all. */
	signal(SIGUSR1, SIG_IGN);
	is(read_interrupted(&err), 1, "an ignored signal does not interrupt read");
	signal(SIGUSR1, SIG_DFL);
}

/*
 * Signal the caller from a child once the caller sleeps (in the wait
 * under test): a fixed delay may end before the caller got there on a
 * loaded host, and pause() would then wait for ever.
 */
static pid_t signal_later(int sig)
{
	pid_t parent = getpid(), pid = fork();

	if (pid == 0) {
		wait_until_asleep(parent, 10000);
		kill(parent, sig);
		_exit(0);
	}
	return pid;
}

static void test_suspend(void)
{
	unsigned long none = 0, mask;
	pid_t pid;
	long r;

	handle(SIGUSR1, SA_RESTART);
	set_mask(BIT(SIGUSR1) | BIT(SIGUSR2));
	hits = 0;
	pid = signal_later(SIGUSR1);
	errno = 0;
	r = syscall(SYS_rt_sigsuspend, &none, 8);
	is(r, -1, "sigsuspend returns -1");
	is(errno, EINTR, "sigsuspend: EINTR even with SA_RESTART");
	is(hits, 1, "sigsuspend: the handler ran");
	is(cur_mask(), BIT(SIGUSR1) | BIT(SIGUSR2), "sigsuspend: the old mask is back");
	waitpid(pid, NULL, 0);
	set_mask(0);

	/* The pending, blocked signal is delivered inside sigsuspend. */
	set_mask(BIT(SIGUSR1));
	kill(getpid(), SIGUSR1);
	hits = 0;
	mask = BIT(SIGUSR2);
	errno = 0;
	r = syscall(SYS_rt_sigsuspend, &mask, 8);
	ok(r == -1 && errno == EINTR && hits == 1,
	   "sigsuspend takes an already pending signal");
	expect_errno(syscall(SYS_rt_sigsuspend, &mask, 4), EINVAL);
	expect_errno(syscall(SYS_rt_sigsuspend, KERNEL_PTR, 8), EFAULT);
	set_mask(0);

	hits = 0;
	pid = signal_later(SIGUSR1);
	expect_errno(pause(), EINTR);
	is(hits, 1, "pause: the handler ran");
	waitpid(pid, NULL, 0);
	signal(SIGUSR1, SIG_DFL);
}

static long timedwait(unsigned long set, siginfo_t *si, long sec, long nsec)
{
	struct timespec ts = { sec, nsec };

	return syscall(SYS_rt_sigtimedwait, &set, si, sec < 0 ? NULL : &ts, 8);
}

static void test_timedwait(void)
{
	siginfo_t si;
	pid_t pid;
	long r;

	set_mask(BIT(SIGUSR1) | BIT(SIGUSR2));
	kill(getpid(), SIGUSR2);
	memset(&si, 0, sizeof(si));
	is(timedwait(BIT(SIGUSR2), &si, 0, 0), SIGUSR2, "sigtimedwait takes a pending signal");
	is(si.si_signo, SIGUSR2, "... with si_signo");
	is(si.si_code, SI_USER, "... and si_code SI_USER");
	is(si.si_pid, getpid(), "... and si_pid");
	expect_errno(timedwait(BIT(SIGUSR2), &si, 0, 0), EAGAIN);
	expect_errno(timedwait(BIT(SIGUSR2), &si, 0, 20000000), EAGAIN);
	expect_errno(timedwait(BIT(SIGUSR2), &si, 0, 1000000000), EINVAL);
	expect_errno(syscall(SYS_rt_sigtimedwait, &(unsigned long){ BIT(SIGUSR2) },
			     &si, NULL, 4), EINVAL);

	/* A signal sent while we wait, not pending before. */
	pid = signal_later(SIGUSR1);
	r = timedwait(BIT(SIGUSR1), &si, 5, 0);
	is(r, SIGUSR1, "sigtimedwait wakes for a signal in the set");
	waitpid(pid, NULL, 0);
	is(cur_mask(), BIT(SIGUSR1) | BIT(SIGUSR2), "sigtimedwait leaves the mask as it was");

	/* A signal outside the set, with a handler, interrupts. */
	handle(SIGHUP, 0);
	hits = 0;
	pid = signal_later(SIGHUP);
	errno = 0;
	r = timedwait(BIT(SIGUSR1), &si, 5, 0);
	ok(r == -1 && errno == EINTR, "another signal interrupts sigtimedwait: EINTR");
	is(hits, 1, "... and its handler runs");
	waitpid(pid, NULL, 0);
	signal(SIGHUP, SIG_DFL);
	set_mask(0);
}

static void test_pending(void)
{
	unsigned long p = 0;
	char big[16];

	set_mask(BIT(SIGUSR1));
	kill(getpid(), SIGUSR1);
	syscall(SYS_rt_sigpending, &p, 8);
	is(p, BIT(SIGUSR1), "rt_sigpending shows the blocked pending signal");
	expect_ok(syscall(SYS_rt_sigpending, &p, 4));
	expect_errno(syscall(SYS_rt_sigpending, big, 16), EINVAL);
	expect_errno(syscall(SYS_rt_sigpending, KERNEL_PTR, 8), EFAULT);
	/* SIG_IGN discards it although it is blocked. */
	signal(SIGUSR1, SIG_IGN);
	p = 1;
	syscall(SYS_rt_sigpending, &p, 8);
	is(p, 0, "setting SIG_IGN discards a pending signal");
	signal(SIGUSR1, SIG_DFL);
	set_mask(0);
}

static int queue_to_parent(void)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_code = SI_USER;	/* pretending to be kill(): refused */
	if (syscall(SYS_rt_sigqueueinfo, getppid(), 0, &si) != -1 || errno != EPERM)
		return 1;
	si.si_code = SI_KERNEL;
	if (syscall(SYS_rt_sigqueueinfo, getppid(), 0, &si) != -1 || errno != EPERM)
		return 2;
	si.si_code = SI_QUEUE;
	if (syscall(SYS_rt_sigqueueinfo, getppid(), 0, &si) != 0)
		return 3;
	return 0;
}

static void test_queueinfo(void)
{
	siginfo_t si;

	is(WEXITSTATUS(run_child(queue_to_parent)), 0,
	   "rt_sigqueueinfo: si_code >= 0 only to ourselves");
	memset(&si, 0, sizeof(si));
	si.si_code = SI_KERNEL;
	set_mask(BIT(SIGUSR1));
	expect_ok(syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, &si));
	memset(&si, 0, sizeof(si));
	is(timedwait(BIT(SIGUSR1), &si, 0, 0), SIGUSR1, "rt_sigqueueinfo to ourselves queues");
	is(si.si_code, SI_KERNEL, "... with our si_code");
	expect_errno(syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, KERNEL_PTR), EFAULT);
	expect_errno(syscall(SYS_rt_tgsigqueueinfo, 0, getpid(), SIGUSR1, &si), EINVAL);
	set_mask(0);
}

/* Real-time signals queue every instance, in order; standard ones merge. */
static void test_rt_queue(void)
{
	union sigval v;
	siginfo_t si;
	int i, n = 0, order = 1;

	set_mask(BIT(SIGRTMIN + 1) | BIT(SIGUSR2));
	for (i = 0; i < 5; i++) {
		v.sival_int = i;
		sigqueue(getpid(), SIGRTMIN + 1, v);
		kill(getpid(), SIGUSR2);
	}
	for (i = 0; i < 5; i++) {
		if (timedwait(BIT(SIGRTMIN + 1), &si, 0, 0) != SIGRTMIN + 1)
			break;
		n++;
		order &= si.si_value.sival_int == i;
	}
	is(n, 5, "five queued real-time signals are five deliveries");
	ok(order, "... in the order they were sent");
	is(timedwait(BIT(SIGUSR2), &si, 0, 0), SIGUSR2, "a standard signal sent five times");
	expect_errno(timedwait(BIT(SIGUSR2), &si, 0, 0), EAGAIN);
	set_mask(0);
}

/* RLIMIT_SIGPENDING caps queued siginfo: sigqueue gets EAGAIN, kill()
 * still sets the signal pending (without its info). */
static int sigpending_limit(void)
{
	struct rlimit rl = { 2, 2 };
	union sigval v = { .sival_int = 1 };
	sigset_t s;
	int sig = SIGRTMIN + 3;

	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(SIG_BLOCK, &s, NULL);
	if (setrlimit(RLIMIT_SIGPENDING, &rl))
		return 10;
	if (sigqueue(getpid(), sig, v) || sigqueue(getpid(), sig, v))
		return 1;
	if (sigqueue(getpid(), sig, v) != -1 || errno != EAGAIN)
		return 2;
	if (kill(getpid(), sig))
		return 3;
	return 0;
}

static void test_limit(void)
{
	int st = run_child(sigpending_limit);

	ok(exited_with(st, 0), "RLIMIT_SIGPENDING: sigqueue EAGAIN, kill still works (%#x)", st);
}

int main(void)
{
	test_restart();
	test_suspend();
	test_timedwait();
	test_pending();
	test_queueinfo();
	test_rt_queue();
	test_limit();
	return tap_done();
}
