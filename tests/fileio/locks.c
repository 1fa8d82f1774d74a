/*
 * tests/fileio/locks.c: fcntl record locks (F_SETLK/F_SETLKW/F_GETLK)
 * between processes, their release on close and exit, splitting by a
 * partial unlock; OFD locks (F_OFD_*) between open file descriptions;
 * flock(2); and the errors.
 */
#include "tap.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>

#define PATH "/tmp/locks_test"

static int lk(int fd, int cmd, int type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET,
			    .l_start = start, .l_len = len };

	return fcntl(fd, cmd, &fl);
}

/* Run fn in a child with its own descriptor of the file; its status. */
static int in_child(int (*fn)(int))
{
	pid_t pid = fork();
	int st = -1;

	if (pid == 0)
		_exit(fn(open(PATH, O_RDWR)));
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 100;
}

static pid_t parent;

static int child_conflicts(int fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
			    .l_start = 50, .l_len = 10 };

	if (lk(fd, F_SETLK, F_WRLCK, 50, 10) != -1 || errno != EAGAIN)
		return 1;
	if (fcntl(fd, F_GETLK, &fl) || fl.l_type != F_WRLCK ||
	    fl.l_pid != parent || fl.l_start != 0 || fl.l_len != 100)
		return 2;
	if (lk(fd, F_SETLK, F_WRLCK, 200, 100))
		return 3;		/* no overlap: fine */
	return 0;
}

static int child_locks_45_55(int fd)
{
	if (lk(fd, F_SETLK, F_WRLCK, 45, 10))
		return 1;		/* inside the unlocked hole */
	if (lk(fd, F_SETLK, F_WRLCK, 10, 10) != -1 || errno != EAGAIN)
		return 2;		/* still locked */
	return 0;
}

static int child_locks_all(int fd)
{
	return lk(fd, F_SETLK, F_WRLCK, 0, 0) ? 1 : 0;
}

static void test_posix(void)
{
	int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644), fd2;

	parent = getpid();
	expect_ok(lk(fd, F_SETLK, F_WRLCK, 0, 100));
	is(in_child(child_conflicts), 0, "another process: EAGAIN, F_GETLK "
	   "names us and the range, no overlap is fine");
	expect_ok(lk(fd, F_SETLK, F_UNLCK, 40, 20));
	is(in_child(child_locks_45_55), 0, "a partial unlock splits the lock");
	expect_ok(lk(fd, F_SETLK, F_RDLCK, 0, 100));
	is(in_child(child_locks_all), 1, "a read lock still keeps a writer out");
	fd2 = open(PATH, O_RDONLY);
	close(fd2);
	is(in_child(child_locks_all), 0,
	   "closing any descriptor of the file drops our locks (POSIX)");
	close(fd);
}

static int child_hold_and_exit(int fd)
{
	return lk(fd, F_SETLK, F_WRLCK, 0, 0) ? 1 : 0;
}

static int pipefd[2];

static int child_waits(int fd)
{
	if (lk(fd, F_SETLKW, F_WRLCK, 0, 10))
		return 1;
	write(pipefd[1], "g", 1);
	return 0;
}

static void test_wait_and_exit(void)
{
	int fd = open(PATH, O_RDWR), st = -1;
	struct pollfd p;
	pid_t pid;
	char c;

	is(in_child(child_hold_and_exit), 0, "a child locks the file, exits");
	expect_ok(lk(fd, F_SETLK, F_WRLCK, 0, 0));	/* released at exit */
	pipe(pipefd);
	pid = fork();
	if (pid == 0)
		_exit(child_waits(open(PATH, O_RDWR)));
	usleep(50000);
	p = (struct pollfd){ .fd = pipefd[0], .events = POLLIN };
	is(poll(&p, 1, 0), 0, "F_SETLKW sleeps while we hold the lock");
	expect_ok(lk(fd, F_SETLK, F_UNLCK, 0, 0));
	is(read(pipefd[0], &c, 1), 1, "... and gets it when we unlock");
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "... F_SETLKW returned 0");
	close(fd);
}

static void test_ofd_and_flock(void)
{
	int a = open(PATH, O_RDWR), b = open(PATH, O_RDWR), d;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

	expect_ok(lk(a, F_OFD_SETLK, F_WRLCK, 0, 10));
	expect_errno(lk(b, F_OFD_SETLK, F_WRLCK, 5, 10), EAGAIN);
	expect_ok(fcntl(b, F_OFD_GETLK, &fl));
	is(fl.l_pid, -1, "F_OFD_GETLK reports an OFD lock's pid as -1");
	fl.l_pid = 1;
	expect_errno(fcntl(b, F_OFD_SETLK, &fl), EINVAL);
	expect_ok(lk(a, F_OFD_SETLK, F_UNLCK, 0, 0));
	expect_ok(flock(a, LOCK_EX));
	expect_errno(flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	expect_ok(flock(b, LOCK_SH | LOCK_NB) == -1 ? 0 : -1);
	d = dup(a);
	expect_ok(flock(d, LOCK_EX | LOCK_NB));	/* the same description */
	expect_ok(flock(a, LOCK_UN));
	expect_ok(flock(b, LOCK_EX | LOCK_NB));
	expect_errno(flock(a, LOCK_SH | LOCK_EX), EINVAL);
	close(a);
	close(b);
	close(d);
}

static void test_errors(void)
{
	int ro = open(PATH, O_RDONLY);
	struct flock fl = { .l_type = 9, .l_whence = SEEK_SET };

	expect_errno(fcntl(ro, F_SETLK, &fl), EINVAL);
	expect_errno(lk(ro, F_SETLK, F_WRLCK, 0, 10), EBADF);
	fl = (struct flock){ .l_type = F_RDLCK, .l_whence = 7 };
	expect_errno(fcntl(ro, F_SETLK, &fl), EINVAL);
	expect_errno(lk(ro, F_SETLK, F_RDLCK, -5, 1), EINVAL);
	expect_errno(fcntl(ro, F_SETLK, (struct flock *)8), EFAULT);
	close(ro);
	unlink(PATH);
}

int main(void)
{
	test_posix();
	test_wait_and_exit();
	test_ofd_and_flock();
	test_errors();
	return tap_done();
}
