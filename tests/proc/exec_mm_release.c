/*
 * tests/proc/exec_mm_release.c: what a thread leaves in the address
 * space it execs away from is settled there, as Linux's
 * exec_mm_release(): its robust futexes are marked owner-died (a
 * process-shared robust mutex held across exec locks with EOWNERDEAD),
 * and a CLONE_VM child's clear_child_tid word is zeroed and woken in
 * the memory it shares with its parent (not in the new program's).
 *
 * Run with "exit" as argv[1] it exits 0 at once.
 */
#include "tap.h"
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#define FUTEX_WAIT 0

static volatile int ctid = -1;
static char stack[65536] __attribute__((aligned(16)));
static char *self;

static int exec_child(void *arg)
{
	(void)arg;
	execl(self, "exec_mm_release", "exit", (char *)0);
	return 1;
}

int main(int argc, char **argv)
{
	pthread_mutexattr_t at;
	pthread_mutex_t *m;
	int st, r;
	pid_t p;

	if (argc > 1 && !strcmp(argv[1], "exit"))
		return 0;
	self = argv[0];

	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pthread_mutexattr_init(&at);
	pthread_mutexattr_setrobust(&at, PTHREAD_MUTEX_ROBUST);
	pthread_mutexattr_setpshared(&at, PTHREAD_PROCESS_SHARED);
	pthread_mutex_init(m, &at);
	p = fork();
	if (p == 0) {
		pthread_mutex_lock(m);
		execl(self, "exec_mm_release", "exit", (char *)0);
		_exit(1);
	}
	waitpid(p, &st, 0);
	is(st, 0, "the child locked the mutex and exec'd");
	r = pthread_mutex_trylock(m);
	is(r, EOWNERDEAD, "the lock it held across exec is owner-died");
	if (r == EOWNERDEAD) {
		pthread_mutex_consistent(m);
		pthread_mutex_unlock(m);
	}

	p = clone(exec_child, stack + sizeof(stack),
		  CLONE_VM | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | SIGCHLD,
		  NULL, NULL, NULL, &ctid);
	ok(p > 0, "a CLONE_VM|CLONE_CHILD_CLEARTID child");
	/* Its exec (not its exit) must zero the word here and wake us. */
	while ((r = ctid) != 0)
		syscall(SYS_futex, &ctid, FUTEX_WAIT, r, NULL, NULL, 0);
	is(ctid, 0, "its exec cleared the tid word in our memory and woke us");
	waitpid(p, &st, 0);
	is(st, 0, "the new program ran");
	return tap_done();
}
