/*
 * tests/dev/devices.c: the character devices in /dev: null, zero, full,
 * random, urandom, tty/console: their numbers and read/write behaviour.
 */
#include "tap.h"
#include <sys/sysmacros.h>

static void test_numbers(void)
{
	static const struct { const char *path; int major, minor; } devs[] = {
		{ "/dev/null", 1, 3 }, { "/dev/zero", 1, 5 },
		{ "/dev/full", 1, 7 }, { "/dev/random", 1, 8 },
		{ "/dev/urandom", 1, 9 }, { "/dev/tty", 5, 0 },
		{ "/dev/console", 5, 1 },
	};
	struct stat st;
	unsigned i;

	for (i = 0; i < sizeof(devs) / sizeof(devs[0]); i++)
		ok(stat(devs[i].path, &st) == 0 && S_ISCHR(st.st_mode) &&
		   major(st.st_rdev) == (unsigned)devs[i].major &&
		   minor(st.st_rdev) == (unsigned)devs[i].minor,
		   "%s is char device %d,%d", devs[i].path, devs[i].major,
		   devs[i].minor);
}

static void test_null_zero_full(void)
{
	char buf[100];
	int null = open("/dev/null", O_RDWR), zero = open("/dev/zero", O_RDWR);
	int full = open("/dev/full", O_RDWR);
	int i, nonzero = 0;

	is(read(null, buf, sizeof(buf)), 0, "/dev/null reads EOF");
	is(write(null, buf, sizeof(buf)), sizeof(buf), "/dev/null swallows writes");
	is(lseek(null, 100, SEEK_SET), 0, "lseek on /dev/null returns 0");
	memset(buf, 'x', sizeof(buf));
	is(read(zero, buf, sizeof(buf)), sizeof(buf), "/dev/zero fills the buffer");
	for (i = 0; i < (int)sizeof(buf); i++)
		nonzero += buf[i] != 0;
	is(nonzero, 0, "with zeros");
	is(write(zero, buf, 10), 10, "/dev/zero accepts writes");
	expect_errno(write(full, buf, 1), ENOSPC);
	memset(buf, 'x', sizeof(buf));
	is(read(full, buf, 10), 10, "/dev/full reads zeros");
	is(buf[9], 0, "zeros from /dev/full");
	close(null);
	close(zero);
	close(full);
}

static void test_random(void)
{
	unsigned char a[32], b[32];
	int r = open("/dev/random", O_RDONLY), u = open("/dev/urandom", O_RDONLY);

	is(read(u, a, sizeof(a)), sizeof(a), "/dev/urandom reads");
	is(read(u, b, sizeof(b)), sizeof(b), "/dev/urandom reads again");
	ok(memcmp(a, b, sizeof(a)) != 0, "two /dev/urandom reads differ");
	is(read(r, a, sizeof(a)), sizeof(a), "/dev/random reads");
	close(r);
	close(u);
}

/* In a new session there is no controlling terminal: /dev/tty is ENXIO. */
static int tty_without_ctty(void)
{
	if (setsid() < 0)
		return 1;
	return open("/dev/tty", O_RDWR) < 0 && errno == ENXIO ? 0 : 2;
}

static void test_tty(void)
{
	int fd = open("/dev/console", O_RDWR | O_NOCTTY), status;

	ok(fd >= 0, "/dev/console opens read-write");
	is(write(fd, "", 0), 0, "a 0-byte write to the console");
	close(fd);
	status = run_child(tty_without_ctty);
	ok(exited_with(status, 0), "/dev/tty without a controlling tty: ENXIO (%#x)",
	   status);
}

int main(void)
{
	test_numbers();
	test_null_zero_full();
	test_random();
	test_tty();
	return tap_done();
}
