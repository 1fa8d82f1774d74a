/*
 * tests/fs/protected_links.c: the link protections of fs.protected_*
 * in a sticky world-writable directory (as /tmp), with Debian's
 * defaults (symlinks and hardlinks on, fifos and regular off):
 * following another user's symlink is EACCES (root too) unless the
 * directory's owner owns the link; hard links to a file one may not
 * read and write, or to a set-id file, are EPERM but for its owner and
 * CAP_FOWNER; O_CREAT opens of another user's existing file or FIFO are
 * EACCES once protected_regular / protected_fifos are on. Only root
 * writes the knobs (0644).
 */
#define _GNU_SOURCE
#include <sys/stat.h>
#include <sys/wait.h>
#include "tap.h"
#include "proc.h"

#define NOBODY 65534

static char dir[64];

static const char *in_dir(const char *name)
{
	static char buf[2][128];
	static int k;

	k ^= 1;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, name);
	return buf[k];
}

static long read_knob(const char *name)
{
	char path[96], buf[32];

	snprintf(path, sizeof(path), "/proc/sys/fs/%s", name);
	return slurp(path, buf, sizeof(buf)) > 0 ? atol(buf) : -1;
}

static void set_knob(const char *name, int v)
{
	char path[96], buf[8];
	int fd;

	snprintf(path, sizeof(path), "/proc/sys/fs/%s", name);
	snprintf(buf, sizeof(buf), "%d", v);
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, buf, strlen(buf)) < 0)
		diag("cannot set %s: %s", name, strerror(errno));
	close(fd);
}

static int become_nobody(void)
{
	return setgroups(0, NULL) || setresgid(NOBODY, NOBODY, NOBODY) ||
	       setresuid(NOBODY, NOBODY, NOBODY);
}

/* As nobody: make its symlink, FIFO and file in the directory. */
static int nobody_makes_files(void)
{
	int fd;

	if (become_nobody())
		return 99;
	if (symlink("target", in_dir("nlink")) || mkfifo(in_dir("nfifo"), 0666))
		return 1;
	fd = open(in_dir("nfile"), O_CREAT | O_WRONLY, 0666);
	return fd < 0 ? 2 : close(fd);
}

static int open_errno(const char *path, int flags)
{
	int fd = open(path, flags | O_NONBLOCK, 0666);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static void test_symlinks(void)
{
	is(open_errno(in_dir("nlink"), O_RDONLY), EACCES,
	   "root may not follow nobody's link in a sticky /tmp-like dir");
	is(open_errno(in_dir("rlink"), O_RDONLY), 0,
	   "root follows the directory owner's link");
	set_knob("protected_symlinks", 0);
	is(open_errno(in_dir("nlink"), O_RDONLY), 0,
	   "protected_symlinks 0: root follows it");
	set_knob("protected_symlinks", 1);
}

/* As nobody: its own link follows, the directory owner's (root's) too;
 * hard links only to safe files. */
static int nobody_links(void)
{
	tap_failures = 0;
	if (become_nobody())
		return 99;
	is(open_errno(in_dir("nlink"), O_RDONLY), 0,
	   "nobody follows its own link");
	is(open_errno(in_dir("rlink"), O_RDONLY), 0,
	   "and the directory owner's");
	expect_errno(link(in_dir("secret"), in_dir("h1")), EPERM);
	ok(link(in_dir("shared"), in_dir("h2")) == 0,
	   "a hard link to a file nobody may read and write");
	expect_errno(link(in_dir("suid"), in_dir("h3")), EPERM);
	ok(link(in_dir("nfile"), in_dir("h4")) == 0,
	   "a hard link to its own file");
	return tap_failures;
}

static int nobody_links_unprotected(void)
{
	if (become_nobody())
		return 99;
	return link(in_dir("secret"), in_dir("h5")) ? errno : 0;
}

static void test_sticky_create(void)
{
	is(open_errno(in_dir("nfile"), O_CREAT | O_RDWR), 0,
	   "protected_regular 0: root opens nobody's file with O_CREAT");
	is(open_errno(in_dir("nfifo"), O_CREAT | O_RDWR), 0,
	   "protected_fifos 0: and its FIFO");
	set_knob("protected_regular", 1);
	set_knob("protected_fifos", 1);
	is(open_errno(in_dir("nfile"), O_CREAT | O_RDWR), EACCES,
	   "protected_regular 1: O_CREAT of nobody's file is EACCES");
	is(open_errno(in_dir("nfile"), O_RDWR), 0, "without O_CREAT it opens");
	is(open_errno(in_dir("nfifo"), O_CREAT | O_RDWR), EACCES,
	   "protected_fifos 1: so is its FIFO");
	set_knob("protected_regular", 0);
	set_knob("protected_fifos", 0);
}

static int nobody_reads_knob(void)
{
	if (become_nobody())
		return 99;
	if (open("/proc/sys/fs/protected_symlinks", O_RDONLY) < 0)
		return 100;
	return open("/proc/sys/fs/protected_symlinks", O_WRONLY) < 0 ? errno : 0;
}

static void make_file(const char *name, mode_t mode)
{
	int fd = open(in_dir(name), O_CREAT | O_WRONLY, mode);

	close(fd);
	chmod(in_dir(name), mode);
}

int main(void)
{
	is(read_knob("protected_symlinks"), 1, "protected_symlinks 1");
	is(read_knob("protected_hardlinks"), 1, "protected_hardlinks 1");
	is(read_knob("protected_fifos"), 0, "protected_fifos 0");
	is(read_knob("protected_regular"), 0, "protected_regular 0");
	is(WEXITSTATUS(run_child(nobody_reads_knob)), EACCES,
	   "the knobs are root's to write (0644)");
	scratch(dir, sizeof(dir), "protlinks");
	ok(mkdir(dir, 0777) == 0 && chmod(dir, 01777) == 0,
	   "a sticky world-writable directory");
	make_file("target", 0644);
	make_file("secret", 0600);
	make_file("shared", 0666);
	make_file("suid", 04755);
	ok(symlink("target", in_dir("rlink")) == 0, "root's link");
	is(run_child(nobody_makes_files), 0, "nobody's link, FIFO and file");
	test_symlinks();
	is(run_child(nobody_links), 0, "nobody's links (child)");
	ok(link(in_dir("nfile"), in_dir("h6")) == 0,
	   "root hard-links nobody's file (CAP_FOWNER)");
	set_knob("protected_hardlinks", 0);
	is(run_child(nobody_links_unprotected), 0,
	   "protected_hardlinks 0: nobody links to root's 0600 file");
	set_knob("protected_hardlinks", 1);
	test_sticky_create();
	for (const char *const *n = (const char *const[]){ "target", "secret",
		"shared", "suid", "rlink", "nlink", "nfifo", "nfile", "h2", "h4",
		"h5", "h6", NULL }; *n; n++)
		unlink(in_dir(*n));
	ok(rmdir(dir) == 0, "cleaned up");
	return tap_done();
}
