/*
 * tests/exitwait/rusage_maxrss.c: ru_maxrss, the peak resident set in
 * KB, as Linux keeps it: the peak survives munmap; wait4's rusage
 * gives a reaped (or stopped) child's peak; RUSAGE_CHILDREN gives the
 * highest peak among reaped children and their own reaped children;
 * an exec keeps the old address space's peak in the process's.
 *
 * Run with "exec" as argv[1] it exits with its own peak in MB.
 */
#include "tap.h"
#include <sys/mman.h>
#include <sys/resource.h>

/* Map and touch mb MB, then unmap them. */
static void touch(long mb)
{
	long len = mb << 20;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	for (long i = 0; i < len; i += 4096)
		p[i] = 1;
	munmap(p, len);
}

static long maxrss(int who)
{
	struct rusage r;

	getrusage(who, &r);
	return r.ru_maxrss;
}

/* At least about mb MB, in KB (Linux counts a little less than the
 * pages touched at times: 1000 KB to the MB). */
static int at_least(long kb, long mb)
{
	return kb >= mb * 1000;
}

int main(int argc, char **argv)
{
	struct rusage r;
	int st;
	pid_t p;

	if (argc > 1 && !strcmp(argv[1], "exec"))
		return maxrss(RUSAGE_SELF) / 1000;

	p = fork();
	if (p == 0) {
		touch(20);
		_exit(at_least(maxrss(RUSAGE_SELF), 20) ? 0 : 1);
	}
	wait4(p, &st, 0, &r);
	is(st, 0, "the peak outlives munmap (RUSAGE_SELF)");
	ok(at_least(r.ru_maxrss, 20), "wait4 gives the child's peak (%ld KB)",
	   r.ru_maxrss);
	ok(at_least(maxrss(RUSAGE_CHILDREN), 20),
	   "RUSAGE_CHILDREN too (%ld KB)", maxrss(RUSAGE_CHILDREN));

	p = fork();
	if (p == 0) {
		pid_t g = fork();

		if (g == 0) {
			touch(40);
			_exit(0);
		}
		waitpid(g, NULL, 0);
		_exit(at_least(maxrss(RUSAGE_CHILDREN), 40) &&
		      !at_least(maxrss(RUSAGE_SELF), 40) ? 0 : 1);
	}
	wait4(p, &st, 0, &r);
	is(st, 0, "a grandchild's peak is its parent's RUSAGE_CHILDREN, "
	   "not its RUSAGE_SELF");
	ok(at_least(r.ru_maxrss, 40),
	   "wait4 of that parent gives the highest of both (%ld KB)",
	   r.ru_maxrss);
	ok(at_least(maxrss(RUSAGE_CHILDREN), 40),
	   "so does our RUSAGE_CHILDREN (%ld KB)", maxrss(RUSAGE_CHILDREN));

	p = fork();
	if (p == 0) {
		touch(30);
		execl("/proc/self/exe", "rusage_maxrss", "exec", (char *)0);
		_exit(0);
	}
	wait4(p, &st, 0, &r);
	ok(WIFEXITED(st) && WEXITSTATUS(st) >= 30,
	   "after exec the process's peak includes the old program's "
	   "(%d MB)", WEXITSTATUS(st));
	ok(at_least(r.ru_maxrss, 30), "... and wait4 gives it (%ld KB)",
	   r.ru_maxrss);

	p = fork();
	if (p == 0) {
		touch(12);
		raise(SIGSTOP);
		_exit(0);
	}
	wait4(p, &st, WUNTRACED, &r);
	ok(WIFSTOPPED(st), "the child stopped");
	ok(at_least(r.ru_maxrss, 12),
	   "wait4 of a stopped child gives its peak so far (%ld KB)",
	   r.ru_maxrss);
	kill(p, SIGKILL);
	waitpid(p, NULL, 0);
	return tap_done();
}
