/*
 * unshare(2) is all or nothing: a failure partway (here an allocation,
 * failed through /proc/self/fail-nth) leaves the caller sharing what it
 * shared. tine installed the private fd table before it tried to copy
 * the fs_struct, so an unshare(CLONE_FILES | CLONE_FS) that failed with
 * ENOMEM had unshared the fd table all the same. Linux prepares every
 * copy first and installs them at the end (ksys_unshare).
 *
 * Sharing is judged with kcmp(KCMP_FILES / KCMP_FS) against a peer
 * made with clone(CLONE_FILES | CLONE_FS). Debian's Linux has no
 * fault injection: there the walk is skipped, the plain unshare checked.
 */
#include "tap.h"
#include "failnth.h"
#include <sched.h>

#define KCMP_FILES 2
#define KCMP_FS 3
#define MAX_POINTS 64

static int fail_fd = -1;

/* 0 if we and peer share the kind of table, else nonzero. */
static long share(pid_t peer, int kind)
{
	return syscall(SYS_kcmp, getpid(), peer, kind, 0, 0);
}

/* A peer sharing our fd table and fs_struct, paused until killed. */
static pid_t make_peer(void)
{
	pid_t pid = syscall(SYS_clone, CLONE_FILES | CLONE_FS | SIGCHLD, 0,
			    0, 0, 0);

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

/* In a child: walk every allocation of unshare(FILES|FS) as it fails. */
static int walk(void)
{
	pid_t peer = make_peer();
	int points = 0, all_or_nothing = 1, n;
	long r;

	fail_fd = open("/proc/self/fail-nth", O_RDWR);	/* ours, not main's */
	if (fail_fd < 0 || peer < 0 || share(peer, KCMP_FILES) ||
	    share(peer, KCMP_FS))
		return 100;
	for (n = 1; n <= MAX_POINTS; n++) {
		set_fail_nth(fail_fd, n);
		r = unshare(CLONE_FILES | CLONE_FS);
		if (get_fail_nth(fail_fd) != 0) {	/* the Nth was never reached */
			set_fail_nth(fail_fd, 0);
			break;
		}
		points++;
		if (r == 0)
			break;
		if (errno != ENOMEM || share(peer, KCMP_FILES) ||
		    share(peer, KCMP_FS)) {
			dprintf(1, "# failure point %d: errno %d, files %s, "
				"fs %s\n", n, errno,
				share(peer, KCMP_FILES) ? "private" : "shared",
				share(peer, KCMP_FS) ? "private" : "shared");
			all_or_nothing = 0;
		}
	}
	r = n <= MAX_POINTS ? unshare(CLONE_FILES | CLONE_FS) : -1;
	if (r || !share(peer, KCMP_FILES) || !share(peer, KCMP_FS))
		all_or_nothing = 0;
	dprintf(1, "# %d allocation points\n", points);
	kill(peer, SIGKILL);
	waitpid(peer, NULL, 0);
	return points > 0 && all_or_nothing ? 0 : 1;
}

/* Without fault injection: a plain unshare unshares both. */
static int plain(void)
{
	pid_t peer = make_peer();
	int ret = 1;

	if (peer < 0 || share(peer, KCMP_FILES) || share(peer, KCMP_FS))
		return 100;
	if (unshare(CLONE_FILES | CLONE_FS) == 0 &&
	    share(peer, KCMP_FILES) && share(peer, KCMP_FS))
		ret = 0;
	kill(peer, SIGKILL);
	waitpid(peer, NULL, 0);
	return ret;
}

int main(void)
{
	int st = run_child(plain);

	ok(exited_with(st, 0), "unshare(CLONE_FILES | CLONE_FS) unshares "
	   "both (status %#x)", st);
	if (access("/proc/self/fail-nth", F_OK)) {
		ok(1, "no /proc/self/fail-nth on this kernel # SKIP");
		return tap_done();
	}
	st = run_child(walk);
	ok(exited_with(st, 0), "each failed unshare left both tables "
	   "shared, ENOMEM (status %#x)", st);
	return tap_done();
}
