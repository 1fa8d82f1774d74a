/*
 * tests/exitwait/last_thread_exit_status.c: a process whose threads all
 * leave with exit(2) (no exit_group) reports the code of the last
 * thread to exit, not the leader's (Linux 6.1's
 * synchronize_group_exit()): leader first, thread last gives the
 * thread's code, and the other way round the leader's.
 */
#include "tap.h"
#include "proc.h"
#include <pthread.h>

static int leader_first;
static pid_t thread_tid;

/*
 * Wait up to 10 s until thread tid of this process is in state want
 * ('Z'), or gone altogether (want 0). The order of the two exits is
 * what the test is about: a fixed 200 ms was not always long enough
 * for the other one to exit on a loaded host.
 */
static void wait_thread(pid_t tid, char want)
{
	char buf[512], *p;

	for (int i = 0; i < 1000; i++) {
		if (slurpf(buf, sizeof(buf), "/proc/self/task/%d/stat",
			   (int)tid) < 0) {
			if (!want)
				return;
		} else if ((p = strrchr(buf, ')')) && p[1] == ' ' &&
			   p[2] == want) {
			return;
		}
		usleep(10000);
	}
}

static void *thread_fn(void *arg)
{
	(void)arg;
	__atomic_store_n(&thread_tid, (pid_t)syscall(SYS_gettid),
			 __ATOMIC_RELEASE);
	if (leader_first)
		wait_thread(getpid(), 'Z');
	syscall(SYS_exit, 3);
	return NULL;
}

static int run(int lf)
{
	int st = -1;
	pid_t p = fork();

	if (p == 0) {
		pthread_t th;
		pid_t tid;

		leader_first = lf;
		if (pthread_create(&th, NULL, thread_fn, NULL))
			_exit(100);
		if (!lf) {
			while (!(tid = __atomic_load_n(&thread_tid,
						       __ATOMIC_ACQUIRE)))
				usleep(1000);
			wait_thread(tid, 0);
		}
		syscall(SYS_exit, 5);
	}
	waitpid(p, &st, 0);
	return st;
}

int main(void)
{
	int st;

	st = run(1);
	ok(exited_with(st, 3), "leader exits 5, then its thread 3: status is "
	   "3 (status %#x)", st);
	st = run(0);
	ok(exited_with(st, 5), "thread exits 3, then the leader 5: status is "
	   "5 (status %#x)", st);
	return tap_done();
}
