/*
 * tests/signals/sigchld_process_times.c: the SIGCHLD a parent gets for
 * an exit carries the process's CPU times (si_utime), its threads gone
 * before it included (Linux adds signal->utime), not only the last
 * thread's.
 */
#include "tap.h"
#include <pthread.h>
#include <time.h>

static volatile siginfo_t got;
static volatile int have;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got = *si;
	have = 1;
}

/* Linux's clock id of the calling thread's PROF clock (pid 0,
 * per-thread, PROF): user + system time as the kernel samples it. */
#define THREAD_PROF_CLOCK ((clockid_t)(~0U << 3 | 4))

static long long ns_of(clockid_t c)
{
	struct timespec t;

	if (clock_gettime(c, &t))
		return -1;
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/*
 * Burn until this thread's PROF clock shows 0.4 s, or 15 s of wall time
 * went by. That clock adds up what si_utime and si_stime report: on
 * Linux the ticks that found the thread running. Its CPU clock (sched
 * time) was the measure once, but a loaded host loses ticks (16 of 40
 * seen), so 0.4 s of that could sample as a handful.
 */
static void *burn(void *arg)
{
	long long end = ns_of(CLOCK_MONOTONIC) + 15000000000LL;

	(void)arg;
	do
		for (volatile int i = 0; i < 20000; i++)
			;	/* in user mode between two reads */
	while (ns_of(THREAD_PROF_CLOCK) < 400000000LL &&
	       ns_of(CLOCK_MONOTONIC) < end);
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	sigset_t set, old;
	pid_t p;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, &old);
	p = fork();
	if (p == 0) {
		pthread_t th;

		/* 0.4 s of CPU in a thread that is gone before we exit. */
		pthread_create(&th, NULL, burn, NULL);
		pthread_join(th, NULL);
		_exit(0);
	}
	while (!have)
		sigsuspend(&old);
	ok(got.si_pid == p && got.si_code == CLD_EXITED, "SIGCHLD for the exit");
	/* Linux samples CPU time at ticks: ask for a quarter of the 0.4 s
	 * the thread's PROF clock showed, far above the main thread's own
	 * share (none, were the dead thread not counted). */
	ok(got.si_utime + got.si_stime >= 10, "si_utime + si_stime count the "
	   "dead thread's 0.4 s (%ld + %ld ticks)", (long)got.si_utime,
	   (long)got.si_stime);
	waitpid(p, NULL, 0);
	return tap_done();
}
