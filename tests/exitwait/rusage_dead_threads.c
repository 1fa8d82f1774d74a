/*
 * tests/exitwait/rusage_dead_threads.c: getrusage(RUSAGE_SELF) counts
 * every thread of the process, those still running and those already
 * gone, as Linux (a released thread's counts stay with its process);
 * RUSAGE_THREAD only the caller's; wait4 gives the parent all of them.
 */
#include "tap.h"
#include <pthread.h>
#include <sys/mman.h>
#include <sys/resource.h>

#define PAGES 2048	/* minor faults one touch() takes */

static volatile int touched;

static void touch(void)
{
	long len = PAGES * 4096L;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	for (long i = 0; i < len; i += 4096)
		p[i] = 1;
	munmap(p, len);
}

static long minflt(int who)
{
	struct rusage r;

	getrusage(who, &r);
	return r.ru_minflt;
}

static void *faulter(void *arg)
{
	(void)arg;
	touch();
	return NULL;
}

static void *faulter_stays(void *arg)
{
	(void)arg;
	touch();
	touched = 1;
	for (;;)
		pause();
	return NULL;
}

/* In a child: 0 if all went as on Linux, else which check failed. */
static int child(void)
{
	long before = minflt(RUSAGE_SELF), tbefore = minflt(RUSAGE_THREAD);
	pthread_t t;

	pthread_create(&t, NULL, faulter, NULL);
	pthread_join(t, NULL);
	if (minflt(RUSAGE_SELF) - before < PAGES)
		return 1;	/* the dead thread's faults were lost */
	if (minflt(RUSAGE_THREAD) - tbefore >= PAGES)
		return 2;	/* they are not ours */
	before = minflt(RUSAGE_SELF);
	pthread_create(&t, NULL, faulter_stays, NULL);
	while (!touched)
		usleep(1000);
	if (minflt(RUSAGE_SELF) - before < PAGES)
		return 3;	/* a live thread's faults are missing */
	return 0;
}

int main(void)
{
	struct rusage r;
	int st;
	pid_t p = fork();

	if (p == 0)
		_exit(child());
	wait4(p, &st, 0, &r);
	ok(WIFEXITED(st) && WEXITSTATUS(st) != 1,
	   "RUSAGE_SELF keeps a joined thread's faults");
	ok(WIFEXITED(st) && WEXITSTATUS(st) != 2,
	   "RUSAGE_THREAD does not have them");
	ok(WIFEXITED(st) && WEXITSTATUS(st) != 3,
	   "RUSAGE_SELF has a live thread's faults");
	is(st, 0, "the child exits 0");
	ok(r.ru_minflt >= 2 * PAGES,
	   "wait4 gives the parent every thread's faults (%ld)",
	   r.ru_minflt);
	ok(minflt(RUSAGE_CHILDREN) >= 2 * PAGES,
	   "so does RUSAGE_CHILDREN (%ld)", minflt(RUSAGE_CHILDREN));
	return tap_done();
}
