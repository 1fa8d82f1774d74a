/*
 * tests/mntns/fsopen_log.c: the message log of a filesystem context, as
 * Linux 6.1 keeps it: fsconfig()'s refusals leave "e ..." lines that
 * read() on the fsopen fd returns one per call, oldest first; an empty
 * log reads ENODATA; a buffer too small for the message is EMSGSIZE and
 * the message stays; the log keeps the last 8 messages; fspick's
 * contexts have one too.
 */
#include "tap.h"
#include <sys/mount.h>

#define FSCONFIG_SET_FLAG 0
#define FSCONFIG_SET_STRING 1
#define FSCONFIG_CMD_CREATE 6

static int fsopen(const char *name, unsigned flags)
{
	return syscall(SYS_fsopen, name, flags);
}

static int fsconfig(int fd, unsigned cmd, const char *key, const void *v,
		    int aux)
{
	return syscall(SYS_fsconfig, fd, cmd, key, v, aux);
}

/* The next message of fd's log, or "" and errno. */
static const char *next_msg(int fd)
{
	static char msg[512];
	ssize_t n = read(fd, msg, sizeof(msg) - 1);

	msg[n > 0 ? n : 0] = 0;
	return msg;
}

static void test_messages(void)
{
	int fd = fsopen("tmpfs", 0);
	char buf[4];

	ok(fd >= 0, "fsopen(tmpfs)");
	expect_errno(read(fd, buf, sizeof(buf)), ENODATA);
	expect_errno(read(fd, buf, 0), ENODATA);
	expect_errno(fsconfig(fd, FSCONFIG_SET_STRING, "bogus", "x", 0), EINVAL);
	is_str(next_msg(fd), "e tmpfs: Unknown parameter 'bogus'\n",
	       "an unknown key: an error line");
	expect_errno(read(fd, buf, sizeof(buf)), ENODATA);
	expect_errno(fsconfig(fd, FSCONFIG_SET_STRING, "size", "abc", 0), EINVAL);
	expect_errno(fsconfig(fd, FSCONFIG_SET_FLAG, "nosuchflag", NULL, 0),
		     EINVAL);
	is_str(next_msg(fd), "e tmpfs: Bad value for 'size'\n",
	       "a bad value: an error line");
	is_str(next_msg(fd), "e tmpfs: Unknown parameter 'nosuchflag'\n",
	       "messages are read oldest first, one per read");
	is(fsconfig(fd, FSCONFIG_SET_STRING, "source", "one", 0), 0,
	   "a source");
	expect_errno(fsconfig(fd, FSCONFIG_SET_STRING, "source", "two", 0),
		     EINVAL);
	is_str(next_msg(fd), "e Multiple sources\n",
	       "a second source: an error line without prefix");
	expect_errno(fsconfig(fd, FSCONFIG_SET_STRING, "bogus", "x", 0), EINVAL);
	expect_errno(read(fd, buf, sizeof(buf)), EMSGSIZE);
	expect_errno(read(fd, buf, 0), EMSGSIZE);
	is_str(next_msg(fd), "e tmpfs: Unknown parameter 'bogus'\n",
	       "a message too large for the buffer stays for the next read");
	expect_errno(read(fd, buf, sizeof(buf)), ENODATA);
	is(fsconfig(fd, FSCONFIG_SET_STRING, "size", "1M", 0), 0,
	   "a good parameter logs nothing");
	expect_errno(read(fd, buf, sizeof(buf)), ENODATA);
	close(fd);
}

static void test_ring(void)
{
	int fd = fsopen("tmpfs", 0), i, good = 0;
	char key[16], want[64];

	for (i = 0; i < 10; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		fsconfig(fd, FSCONFIG_SET_FLAG, key, NULL, 0);
	}
	for (i = 2; i < 10; i++) {
		snprintf(want, sizeof(want),
			 "e tmpfs: Unknown parameter 'k%d'\n", i);
		good += !strcmp(next_msg(fd), want);
	}
	is(good, 8, "the log keeps the last 8 messages of 10");
	expect_errno(read(fd, want, sizeof(want)), ENODATA);
	close(fd);
}

static void test_fspick(void)
{
	char dir[64], buf[4];
	int fd;

	scratch(dir, sizeof(dir), "fsopen_log");
	if (mkdir(dir, 0700) || mount("none", dir, "tmpfs", 0, NULL)) {
		ok(0, "a tmpfs at %s: %s", dir, strerror(errno));
		return;
	}
	fd = syscall(SYS_fspick, AT_FDCWD, dir, 0);
	ok(fd >= 0, "fspick of a tmpfs");
	expect_errno(fsconfig(fd, FSCONFIG_SET_STRING, "bogus", "x", 0), EINVAL);
	is_str(next_msg(fd), "e tmpfs: Unknown parameter 'bogus'\n",
	       "fspick's context logs too");
	expect_errno(read(fd, buf, sizeof(buf)), ENODATA);
	close(fd);
	umount(dir);
	rmdir(dir);
}

int main(void)
{
	test_messages();
	test_ring();
	test_fspick();
	return tap_done();
}
