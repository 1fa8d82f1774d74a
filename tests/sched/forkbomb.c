/*
 * tests/sched/forkbomb.c: a fork bomb at normal priority on one CPU
 * (every child forks too, without pause) while a task sleeps 10 ms at a
 * time and a controller sleeps for the bomb's duration, then kills the
 * bomb's process group and reaps it (issue 7):
 *
 *   - the sleeper is never kept from the CPU for more than 1 s (tine;
 *     Linux misses this, its numbers are reported);
 *   - the controller wakes within 5 s of its deadline;
 *   - forks fail with EAGAIN (threads-max), never ENOMEM;
 *   - killpg plus reaping takes at most 20 s;
 *   - MemFree comes back within 1% (tine; reported on Linux).
 *
 * The bomb runs in its own session (setsid), as a job started from
 * another terminal would: Linux's autogroup (and tine's) then shares
 * the CPU between the sessions, not between a thousand tasks and one.
 *
 * In `make check` the bomb lasts 5 s and threads-max is lowered to 100
 * tasks above what runs already, so it is bounded and the same on both
 * kernels (Linux's guest, with less memory per task to spare, goes out
 * of memory at 400 and thrashes). Every bomb process also exits by
 * itself 3 s after the bomb's end, so a controller starved by a loaded
 * host cannot leave the bomb running into later tests. `make forkbomb` runs the long version (forkbomb_secs=20 on
 * the kernel command line; threads-max as the kernel sized it).
 */
#include "schedtest.h"
#include "proc.h"
#include <sys/prctl.h>
#include <sys/utsname.h>
#include <time.h>

#define BOMB_EXTRA 100		/* tasks the short bomb may add */

struct shared {
	volatile int stop;		/* the sleeper stops */
	volatile int bomb_ready;	/* the leader has its session */
	long max_late_ns;		/* the sleeper's worst oversleep */
	long max_late_at_ms;		/* ... and when, since the start */
	long late_100ms;		/* oversleeps beyond 100 ms */
	long start_ns;
	long bomb_end_ns;		/* bomb processes exit after this */
	long wakeups;
	long forks, eagain, enomem, other_err;
};

static struct shared *sh;

/* The watchdog's state: the bomb's group and the threads-max to put
 * back, so that however late the kernel is, nothing outlives us. */
static volatile pid_t bomb_leader;
static char tmax_text[32];
static volatile int tmax_set;

/*
 * The runner's time limit is 30 s and it kills only our process group:
 * a bomb in its own session, and a lowered threads-max, would outlive
 * us and break every later test. So before the runner's limit, kill the
 * bomb, restore threads-max and fail.
 */
static void watchdog(int sig)
{
	static const char msg[] = "not ok - the fork bomb test ran out of "
				  "time: bomb killed, threads-max restored\n";
	int fd;

	(void)sig;
	if (bomb_leader > 0)
		kill(-bomb_leader, SIGKILL);
	if (tmax_set) {
		fd = open("/proc/sys/kernel/threads-max", O_WRONLY);
		if (fd >= 0) {
			write(fd, tmax_text, strlen(tmax_text));
			close(fd);
		}
	}
	write(1, msg, sizeof(msg) - 1);
	_exit(1);
}

static long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000L + t.tv_nsec;
}

/* A number from /proc/cmdline's "name=N", or def. */
static long cmdline_long(const char *name, long def)
{
	char buf[1024], *p;
	int fd = open("/proc/cmdline", O_RDONLY), n;

	if (fd < 0)
		return def;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return def;
	buf[n] = 0;
	p = strstr(buf, name);
	if (!p || p[strlen(name)] != '=')
		return def;
	return strtol(p + strlen(name) + 1, NULL, 10);
}

/* Every bomb process: fork without pause, count the failures; exit by
 * itself once the bomb is overdue. */
static void __attribute__((noreturn)) bomb(void)
{
	for (;;) {
		pid_t pid;

		if (now_ns() > sh->bomb_end_ns)
			_exit(0);
		pid = fork();

		if (pid > 0) {
			__atomic_add_fetch(&sh->forks, 1, __ATOMIC_RELAXED);
		} else if (pid < 0) {
			long *c = errno == EAGAIN ? &sh->eagain :
				  errno == ENOMEM ? &sh->enomem : &sh->other_err;

			__atomic_add_fetch(c, 1, __ATOMIC_RELAXED);
		}
	}
}

/* Sleep 10 ms at a time; record how much later than asked we woke. */
static void __attribute__((noreturn)) sleeper(void)
{
	struct timespec ten = { 0, 10000000 };

	while (!sh->stop) {
		long t0 = now_ns(), late;

		nanosleep(&ten, NULL);
		late = now_ns() - t0 - 10000000L;
		if (late > sh->max_late_ns) {
			sh->max_late_ns = late;
			sh->max_late_at_ms = (t0 - sh->start_ns) / 1000000;
		}
		if (late > 100000000L)
			sh->late_100ms++;
		sh->wakeups++;
	}
	_exit(0);
}

/* Reap every child (we are a subreaper: the bomb's orphans come to us)
 * except keep; returns how many. */
static long reap_all(pid_t keep)
{
	long n = 0;
	pid_t pid;

	while ((pid = waitpid(-1, NULL, __WALL)) > 0 || errno == EINTR)
		if (pid > 0 && pid != keep)
			n++;
	return n;
}

int main(void)
{
	long secs = cmdline_long("forkbomb_secs", 5), short_run = secs <= 5;
	long tmax = read_long("/proc/sys/kernel/threads-max"), base, mem0, mem1;
	long t0, slept, reap_ns, reaped, best;
	struct utsname un;
	int is_tine;
	cpu_set_t one;
	pid_t slp, leader;
	int i;

	uname(&un);
	is_tine = strstr(un.release, "tine") != NULL;
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 1;
	ok(tmax > 0, "threads-max is readable (%ld)", tmax);
	CPU_ZERO(&one);
	CPU_SET(0, &one);
	is(sched_setaffinity(0, sizeof(one), &one), 0, "on CPU 0 only");
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	base = nr_tasks();
	snprintf(tmax_text, sizeof(tmax_text), "%ld\n", tmax);
	signal(SIGALRM, watchdog);
	alarm(short_run ? 24 : secs + 60);
	if (short_run) {
		tmax_set = 1;
		is(write_long("/proc/sys/kernel/threads-max", base + BOMB_EXTRA),
		   0, "threads-max lowered to %ld + %d", base, BOMB_EXTRA);
	}
	mem0 = memfree_kb();
	sh->start_ns = now_ns();
	sh->bomb_end_ns = sh->start_ns + (secs + 3) * 1000000000L;

	slp = fork();
	if (slp == 0)
		sleeper();
	leader = fork();
	if (leader == 0) {
		setsid();
		sh->bomb_ready = 1;
		bomb();
	}
	bomb_leader = leader;
	while (!sh->bomb_ready)
		usleep(1000);

	t0 = now_ns();
	sleep(secs);
	slept = now_ns() - t0;
	ok(slept < (secs + 5) * 1000000000L,
	   "the %ld s controller finished in %ld ms", secs, slept / 1000000);

	t0 = now_ns();
	kill(-leader, SIGKILL);
	reaped = 0;
	/* Reap until the group is gone (killpg again for children forked
	 * between the kill and their parent's death). */
	for (i = 0; i < 100; i++) {
		pid_t pid;

		while ((pid = waitpid(-1, NULL, WNOHANG | __WALL)) > 0)
			if (pid != slp)
				reaped++;
		if (kill(-leader, SIGKILL) && errno == ESRCH)
			break;
		usleep(10000);
	}
	reap_ns = now_ns() - t0;
	sh->stop = 1;
	waitpid(slp, NULL, 0);
	reaped += reap_all(slp);

	diag("forks %ld, EAGAIN %ld, ENOMEM %ld, other %ld; reaped %ld; "
	     "sleeper woke %ld times, %ld over 100 ms late, the worst %ld ms "
	     "after the start", sh->forks, sh->eagain, sh->enomem,
	     sh->other_err, reaped, sh->wakeups, sh->late_100ms,
	     sh->max_late_at_ms);
	/* Issue 7 asks tine to do better than Linux here: Linux 6.1 keeps
	 * the sleeper waiting up to ~2 s under TCG (reported, not judged). */
	if (is_tine)
		ok(sh->max_late_ns < 1000000000L, "a task sleeping 10 ms "
		   "waited at most %ld ms for the CPU",
		   sh->max_late_ns / 1000000);
	else
		ok(1, "a task sleeping 10 ms waited at most %ld ms for the CPU "
		   "(Linux misses the 1 s bound) # SKIP",
		   sh->max_late_ns / 1000000);
	ok(sh->wakeups > secs, "the sleeper ran (%ld wake-ups)", sh->wakeups);
	ok(sh->eagain > 0, "fork failed with EAGAIN (%ld times)", sh->eagain);
	is(sh->enomem + sh->other_err, 0, "and never otherwise");
	ok(reap_ns < 20000000000L, "killpg plus reaping took %ld ms",
	   reap_ns / 1000000);

	alarm(0);
	if (short_run)
		is(write_long("/proc/sys/kernel/threads-max", tmax), 0,
		   "threads-max restored");
	/* Freed memory may come back a little later (deferred frees). */
	best = memfree_kb();
	for (i = 0; is_tine && i < 50 && best < mem0 - mem0 / 100; i++) {
		usleep(100000);
		mem1 = memfree_kb();
		if (mem1 > best)
			best = mem1;
	}
	/* Linux keeps the freed tasks' memory in its slab caches for
	 * reuse (MemFree comes back ~1.1% short there): the check binds
	 * tine, and is only reported on Linux. */
	if (is_tine)
		ok(best >= mem0 - mem0 / 100, "MemFree came back within 1%% "
		   "(%ld kB before, %ld kB after)", mem0, best);
	else
		ok(1, "MemFree %ld kB before, %ld kB after (slab caches keep "
		   "some on Linux) # SKIP", mem0, best);
	return tap_done();
}
