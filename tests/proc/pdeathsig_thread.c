/*
 * tests/proc/pdeathsig_thread.c: PR_SET_PDEATHSIG fires when the
 * child's parent *thread* exits, not its process (Linux: the thread
 * that forked is the parent, and its exit reparents the child to
 * another thread, with the signal), and it is sent as from that parent
 * (SI_USER, si_pid its process). A child of a thread that is still
 * alive gets nothing.
 */
#include "tap.h"
#include <pthread.h>
#include <sys/prctl.h>

static int report[2];
static volatile sig_atomic_t got;
static siginfo_t got_info;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got_info = *si;
	got = 1;
}

/* The child: ask for SIGUSR1 at its parent's death, wait for it. */
static void child(void)
{
	struct sigaction sa;
	int r[3];

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	prctl(PR_SET_PDEATHSIG, SIGUSR1);
	write(report[1], "r", 1);
	for (int i = 0; i < 300 && !got; i++)
		usleep(10000);
	r[0] = got;
	r[1] = got_info.si_code;
	r[2] = got_info.si_pid;
	write(report[1], r, sizeof(r));
	_exit(0);
}

static void *thread_fork(void *arg)
{
	pid_t *c = arg;
	char ch;

	*c = fork();
	if (*c == 0)
		child();
	read(report[0], &ch, 1);
	return NULL;	/* the thread exits: the child's parent is gone */
}

int main(void)
{
	pthread_t th;
	pid_t c = 0;
	int r[3] = { -1, -1, -1 };

	if (pipe(report))
		return 1;
	pthread_create(&th, NULL, thread_fork, &c);
	pthread_join(th, NULL);
	read(report[0], r, sizeof(r));
	is(r[0], 1, "the child of a thread that exited gets its pdeath signal "
	   "though the process lives");
	is(r[1], SI_USER, "... as from a user (SI_USER)");
	is(r[2], getpid(), "... from its parent's process");
	waitpid(c, NULL, 0);
	return tap_done();
}
