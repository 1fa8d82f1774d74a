/*
 * tests/limits/threads_max.c: /proc/sys/kernel/threads-max (Linux's
 * bounds 1..0x3fffffff, root only) caps every task in the system: once
 * it is reached fork and clone fail with EAGAIN, for root too.
 */
#include "tap.h"
#include "proc.h"
#include <grp.h>

#define PATH "/proc/sys/kernel/threads-max"

/* Write s: 0 or -errno. */
static int write_max(const char *s)
{
	int fd = open(PATH, O_WRONLY), err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, s, strlen(s)) < 0)
		err = -errno;
	close(fd);
	return err;
}

static int as_user(void)
{
	gid_t g = 65534;

	if (setgroups(1, &g) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 100;
	return open(PATH, O_WRONLY) < 0 && errno == EACCES ? 0 : 1;
}

int main(void)
{
	long old = read_long(PATH), base;
	pid_t kids[64];
	int made, err;
	char s[32];

	ok(old >= 20, "threads-max is readable (%ld)", old);
	is(write_max("0"), -EINVAL, "0 is EINVAL");
	is(write_max("1073741824"), -EINVAL, "2^30 is EINVAL");
	is(write_max("-5"), -EINVAL, "a negative value is EINVAL");
	is(write_max("12x"), -EINVAL, "not a number is EINVAL");
	is(write_max("1073741823"), 0, "0x3fffffff is the largest");
	is(read_long(PATH), 1073741823, "... read back");
	ok(exited_with(run_child(as_user), 0), "a user may not open it for "
	   "writing (EACCES)");

	base = nr_tasks();
	snprintf(s, sizeof(s), "%ld\n", base + 10);
	is(write_max(s), 0, "threads-max = %ld (10 more than now)", base + 10);
	made = fork_sleepers(kids, 64, &err);
	ok(made > 0 && made <= 10, "forks stop at the limit (%d made)", made);
	is(err, EAGAIN, "... with EAGAIN, for root too");
	kill_sleepers(kids, made);
	snprintf(s, sizeof(s), "%ld", old);
	is(write_max(s), 0, "restored");
	kids[0] = fork();
	if (kids[0] == 0)
		_exit(0);
	ok(kids[0] > 0, "fork works again");
	waitpid(kids[0], NULL, 0);
	return tap_done();
}
