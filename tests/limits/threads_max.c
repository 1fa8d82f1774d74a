/*
 * tests/limits/threads_max.c: /proc/sys/kernel/threads-max (Linux's
 * bounds 1..0x3fffffff, root only) caps every task in the system: once
 * it is reached fork and clone fail with EAGAIN, for root too.
 */
#include "tap.h"
#include <grp.h>

#define PATH "/proc/sys/kernel/threads-max"

static long read_max(void)
{
	char s[32] = { 0 };
	int fd = open(PATH, O_RDONLY);

	if (fd < 0)
		return -1;
	read(fd, s, sizeof(s) - 1);
	close(fd);
	return strtol(s, NULL, 10);
}

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

static long tasks_now(void)
{
	char buf[128] = { 0 }, *p;
	int fd = open("/proc/loadavg", O_RDONLY);

	if (fd < 0)
		return -1;
	read(fd, buf, sizeof(buf) - 1);
	close(fd);
	p = strchr(buf, '/');
	return p ? strtol(p + 1, NULL, 10) : -1;
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
	long old = read_max(), base;
	pid_t kids[64];
	int made = 0, err = 0;
	char s[32];

	ok(old >= 20, "threads-max is readable (%ld)", old);
	is(write_max("0"), -EINVAL, "0 is EINVAL");
	is(write_max("1073741824"), -EINVAL, "2^30 is EINVAL");
	is(write_max("-5"), -EINVAL, "a negative value is EINVAL");
	is(write_max("12x"), -EINVAL, "not a number is EINVAL");
	is(write_max("1073741823"), 0, "0x3fffffff is the largest");
	is(read_max(), 1073741823, "... read back");
	ok(exited_with(run_child(as_user), 0), "a user may not open it for "
	   "writing (EACCES)");

	base = tasks_now();
	snprintf(s, sizeof(s), "%ld\n", base + 10);
	is(write_max(s), 0, "threads-max = %ld (10 more than now)", base + 10);
	for (int i = 0; i < 64; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			pause();
			_exit(0);
		}
		if (kids[i] < 0) {
			err = errno;
			break;
		}
		made++;
	}
	ok(made > 0 && made <= 10, "forks stop at the limit (%d made)", made);
	is(err, EAGAIN, "... with EAGAIN, for root too");
	for (int i = 0; i < made; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	snprintf(s, sizeof(s), "%ld", old);
	is(write_max(s), 0, "restored");
	kids[0] = fork();
	if (kids[0] == 0)
		_exit(0);
	ok(kids[0] > 0, "fork works again");
	waitpid(kids[0], NULL, 0);
	return tap_done();
}
