/*
 * tests/inotify/inotify.c: inotify_init/init1/add_watch/rm_watch on
 * tmpfs and ramfs: the events of creating, opening, reading, writing,
 * closing, changing, linking, renaming (with cookies) and removing
 * files and directories, in Linux's order, for watches on directories
 * and on files; IN_ONESHOT, IN_MASK_ADD, IN_MASK_CREATE, IN_ONLYDIR,
 * IN_DONT_FOLLOW, IN_EXCL_UNLINK, IN_IGNORED, IN_UNMOUNT; merging,
 * queue overflow, short reads, FIONREAD, blocking reads and poll; the
 * errors, and the per-user instance limit.
 */
#include "tap.h"
#include <grp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>

struct ev {
	int wd;
	unsigned int mask, cookie;
	char name[64];
};

static char base[64];
static const char *tag = "";		/* names the filesystem in test names */

/* Read every queued event (non-blocking fd). */
static int drain(int fd, struct ev *out, int max)
{
	static char buf[65536];
	int n = 0;
	long len, off;

	while ((len = read(fd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < len;) {
			struct inotify_event *e = (void *)(buf + off);

			if (n < max) {
				out[n].wd = e->wd;
				out[n].mask = e->mask;
				out[n].cookie = e->cookie;
				snprintf(out[n].name, sizeof(out[n].name), "%s",
					 e->len ? e->name : "");
			}
			n++;
			off += sizeof(*e) + e->len;
		}
	}
	return n;
}

/* The events as text, e.g. "1:IN_CREATE:f 2:IN_IGNORED". */
static void describe(struct ev *e, int n, char *s, size_t size)
{
	static const struct { unsigned int bit; const char *name; } names[] = {
		{ IN_ACCESS, "ACCESS" }, { IN_MODIFY, "MODIFY" },
		{ IN_ATTRIB, "ATTRIB" }, { IN_CLOSE_WRITE, "CLOSE_WRITE" },
		{ IN_CLOSE_NOWRITE, "CLOSE_NOWRITE" }, { IN_OPEN, "OPEN" },
		{ IN_MOVED_FROM, "MOVED_FROM" }, { IN_MOVED_TO, "MOVED_TO" },
		{ IN_CREATE, "CREATE" }, { IN_DELETE, "DELETE" },
		{ IN_DELETE_SELF, "DELETE_SELF" }, { IN_MOVE_SELF, "MOVE_SELF" },
		{ IN_UNMOUNT, "UNMOUNT" }, { IN_Q_OVERFLOW, "Q_OVERFLOW" },
		{ IN_IGNORED, "IGNORED" }, { IN_ISDIR, "ISDIR" },
	};
	size_t used = 0;

	s[0] = 0;
	for (int i = 0; i < n && used < size; i++) {
		used += snprintf(s + used, size - used, "%s%d:", i ? " " : "",
				 e[i].wd);
		for (unsigned j = 0; j < sizeof(names) / sizeof(names[0]); j++)
			if ((e[i].mask & names[j].bit) && used < size)
				used += snprintf(s + used, size - used, "%s%s",
						 s[used - 1] == ':' ? "" : "|",
						 names[j].name);
		if (e[i].name[0] && used < size)
			used += snprintf(s + used, size - used, ":%s",
					 e[i].name);
	}
}

/* The queued events must read exactly `want`. */
static void expect(int fd, const char *want, const char *what)
{
	struct ev e[64];
	char got[1024];
	int n = drain(fd, e, 64);

	describe(e, n < 64 ? n : 64, got, sizeof(got));
	is_str(got, want, "%s%s", tag, what);
}

static char *path(const char *dir, const char *name)
{
	static char p[4][160];
	static int i;

	i = (i + 1) % 4;
	snprintf(p[i], sizeof(p[i]), "%s/%s", dir, name);
	return p[i];
}

static void test_errors(void)
{
	int fd, p[2], file;
	char f[160];

	expect_errno(inotify_init1(1), EINVAL);
	expect_errno(inotify_init1(O_RDWR), EINVAL);
	fd = expect_ok(inotify_init1(IN_CLOEXEC | IN_NONBLOCK));
	is(fcntl(fd, F_GETFD), FD_CLOEXEC, "IN_CLOEXEC");
	ok(fcntl(fd, F_GETFL) & O_NONBLOCK, "IN_NONBLOCK");
	{
		char link[64], lp[64];
		long n;

		snprintf(lp, sizeof(lp), "/proc/self/fd/%d", fd);
		n = readlink(lp, link, sizeof(link) - 1);
		link[n > 0 ? n : 0] = 0;
		is_str(link, "anon_inode:inotify", "/proc/self/fd names it");
	}
	pipe(p);
	snprintf(f, sizeof(f), "%s/file", base);
	file = open(f, O_CREAT | O_RDWR, 0600);
	close(file);
	expect_errno(inotify_add_watch(999, base, IN_ALL_EVENTS), EBADF);
	expect_errno(inotify_add_watch(p[0], base, IN_ALL_EVENTS), EINVAL);
	expect_errno(inotify_add_watch(fd, base, 0), EINVAL);
	expect_errno(inotify_add_watch(fd, base,
				       IN_MODIFY | IN_MASK_ADD | IN_MASK_CREATE),
		     EINVAL);
	expect_errno(inotify_add_watch(fd, path(base, "nope"), IN_MODIFY),
		     ENOENT);
	expect_errno(inotify_add_watch(fd, f, IN_MODIFY | IN_ONLYDIR), ENOTDIR);
	expect_errno(inotify_add_watch(fd, (char *)8, IN_MODIFY), EFAULT);
	ok(inotify_add_watch(fd, base, IN_MODIFY | IN_ONLYDIR) > 0,
	   "IN_ONLYDIR on a directory");
	expect_errno(inotify_add_watch(fd, base, IN_MODIFY | IN_MASK_CREATE),
		     EEXIST);
	expect_errno(inotify_rm_watch(fd, 12345), EINVAL);
	expect_errno(inotify_rm_watch(999, 1), EBADF);
	expect_errno(inotify_rm_watch(p[0], 1), EINVAL);
	expect_errno(read(fd, &(char){ 0 }, 1), EAGAIN);
	unlink(f);
	close(fd);
	close(p[0]);
	close(p[1]);
}

static int unprivileged_watch(void)
{
	char f[160];
	int fd;

	snprintf(f, sizeof(f), "%s/secret", base);
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 10;
	fd = inotify_init1(0);
	if (inotify_add_watch(fd, f, IN_MODIFY) != -1 || errno != EACCES)
		return 1;
	return 0;
}

static int instance_limit(void)
{
	int i, fd = 0;

	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 10;
	for (i = 0; i < 200 && fd >= 0; i++)
		fd = inotify_init1(0);
	if (fd >= 0 || errno != EMFILE)
		return 1;
	return i == 129 ? 0 : 2;	/* 128 allowed */
}

static void test_permissions(void)
{
	char f[160];
	int st;

	snprintf(f, sizeof(f), "%s/secret", base);
	close(open(f, O_CREAT | O_RDWR, 0600));
	st = run_child(unprivileged_watch);
	ok(exited_with(st, 0), "a watch needs read permission (EACCES)");
	unlink(f);
	st = run_child(instance_limit);
	ok(exited_with(st, 0), "128 instances per user, then EMFILE (%d)",
	   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

/* The life of a file and a directory in a watched directory. */
static void test_dir_events(const char *dir, const char *fs)
{
	int fd = inotify_init1(IN_NONBLOCK), wd, f;
	char buf[8];
	struct ev e[16];

	tag = fs;
	wd = inotify_add_watch(fd, dir, IN_ALL_EVENTS);
	ok(wd > 0, "%swatch a directory", fs);
	f = open(path(dir, "f"), O_CREAT | O_WRONLY, 0644);
	expect(fd, "1:CREATE:f 1:OPEN:f", "creat: CREATE, OPEN");
	write(f, "hello", 5);
	write(f, "hello", 5);
	expect(fd, "1:MODIFY:f", "two writes: one MODIFY (merged)");
	close(f);
	expect(fd, "1:CLOSE_WRITE:f", "close: CLOSE_WRITE");
	f = open(path(dir, "f"), O_RDONLY);
	read(f, buf, sizeof(buf));
	close(f);
	expect(fd, "1:OPEN:f 1:ACCESS:f 1:CLOSE_NOWRITE:f",
	       "read-only open, read, close");
	chmod(path(dir, "f"), 0600);
	expect(fd, "1:ATTRIB:f", "chmod: ATTRIB");
	truncate(path(dir, "f"), 2);
	expect(fd, "1:MODIFY:f", "truncate: MODIFY");
	link(path(dir, "f"), path(dir, "g"));
	expect(fd, "1:CREATE:g", "link: CREATE (the ATTRIB is the inode's)");
	rename(path(dir, "g"), path(dir, "h"));
	is(drain(fd, e, 16), 2, "%srename: two events", fs);
	ok(e[0].mask == IN_MOVED_FROM && !strcmp(e[0].name, "g") &&
	   e[1].mask == IN_MOVED_TO && !strcmp(e[1].name, "h"),
	   "%sMOVED_FROM g, MOVED_TO h", fs);
	ok(e[0].cookie && e[0].cookie == e[1].cookie,
	   "%sthe same non-zero cookie", fs);
	unlink(path(dir, "h"));
	expect(fd, "1:DELETE:h", "unlink of a link: DELETE");
	unlink(path(dir, "f"));
	expect(fd, "1:DELETE:f", "unlink: DELETE");
	mkdir(path(dir, "d"), 0755);
	expect(fd, "1:CREATE|ISDIR:d", "mkdir: CREATE|ISDIR");
	f = open(path(dir, "d"), O_RDONLY | O_DIRECTORY);
	close(f);
	expect(fd, "1:OPEN|ISDIR:d 1:CLOSE_NOWRITE|ISDIR:d",
	       "a directory's open and close");
	rmdir(path(dir, "d"));
	expect(fd, "1:DELETE|ISDIR:d", "rmdir: DELETE|ISDIR");
	symlink("target", path(dir, "s"));
	mknod(path(dir, "p"), S_IFIFO | 0600, 0);
	expect(fd, "1:CREATE:s 1:CREATE:p", "symlink, mkfifo: CREATE");
	unlink(path(dir, "s"));
	unlink(path(dir, "p"));
	expect(fd, "1:DELETE:s 1:DELETE:p", "their unlink: DELETE");
	is(inotify_rm_watch(fd, wd), 0, "%srm_watch", fs);
	expect(fd, "1:IGNORED", "rm_watch: IGNORED");
	tag = "";
	close(fd);
}

/* A watch on a file itself: events without a name; deletion. */
static void test_file_watch(void)
{
	int fd = inotify_init1(IN_NONBLOCK), dw, fw, f;
	char p[160];

	snprintf(p, sizeof(p), "%s/w", base);
	f = open(p, O_CREAT | O_RDWR, 0644);
	close(f);
	dw = inotify_add_watch(fd, base, IN_ALL_EVENTS);
	fw = inotify_add_watch(fd, p, IN_ALL_EVENTS);
	ok(dw == 1 && fw == 2, "watch descriptors 1, 2 (%d, %d)", dw, fw);
	is(inotify_add_watch(fd, p, IN_MODIFY), fw, "the same inode: the same wd");
	is(inotify_add_watch(fd, p, IN_ATTRIB | IN_MASK_ADD), fw,
	   "IN_MASK_ADD");
	f = open(p, O_WRONLY);
	write(f, "x", 1);
	close(f);
	expect(fd, "1:OPEN:w 1:MODIFY:w 2:MODIFY 1:CLOSE_WRITE:w",
	       "the directory sees all, the file only what it asked");
	inotify_add_watch(fd, p, IN_ALL_EVENTS);
	unlink(p);
	expect(fd, "2:ATTRIB 2:DELETE_SELF 2:IGNORED 1:DELETE:w",
	       "unlink: ATTRIB, DELETE_SELF, IGNORED, then the directory's DELETE");
	/* An open file: its inode goes away only at the last close. */
	f = open(p, O_CREAT | O_RDWR, 0644);
	fw = inotify_add_watch(fd, p, IN_DELETE_SELF | IN_ATTRIB);
	drain(fd, (struct ev[16]){ 0 }, 16);
	unlink(p);
	expect(fd, "3:ATTRIB 1:DELETE:w", "unlink of an open file");
	close(f);
	expect(fd, "1:CLOSE_WRITE:w 3:DELETE_SELF 3:IGNORED",
	       "its last close: DELETE_SELF, IGNORED");
	close(fd);
}

static void test_moves(void)
{
	int fd = inotify_init1(IN_NONBLOCK), a, b, s;
	char d1[160], d2[160];
	struct ev e[16];
	int n;

	snprintf(d1, sizeof(d1), "%s/m1", base);
	snprintf(d2, sizeof(d2), "%s/m2", base);
	mkdir(d1, 0755);
	mkdir(d2, 0755);
	close(open(path(d1, "x"), O_CREAT | O_RDWR, 0644));
	close(open(path(d2, "y"), O_CREAT | O_RDWR, 0644));
	a = inotify_add_watch(fd, d1, IN_MOVE);
	b = inotify_add_watch(fd, d2, IN_MOVE);
	s = inotify_add_watch(fd, path(d1, "x"), IN_MOVE_SELF | IN_ATTRIB |
						  IN_DELETE_SELF);
	inotify_add_watch(fd, path(d2, "y"), IN_ATTRIB | IN_DELETE_SELF);
	rename(path(d1, "x"), path(d2, "y"));
	n = drain(fd, e, 16);
	ok(n == 6 && e[0].wd == a && e[0].mask == IN_MOVED_FROM &&
	   !strcmp(e[0].name, "x") && e[1].wd == b &&
	   e[1].mask == IN_MOVED_TO && !strcmp(e[1].name, "y") &&
	   e[0].cookie == e[1].cookie && e[2].mask == IN_ATTRIB &&
	   e[3].wd == s && e[3].mask == IN_MOVE_SELF &&
	   e[4].mask == IN_DELETE_SELF && e[5].mask == IN_IGNORED,
	   "rename over another file: MOVED_FROM, MOVED_TO, the victim's "
	   "ATTRIB, MOVE_SELF, the victim's DELETE_SELF and IGNORED (%d)", n);
	unlink(path(d2, "y"));
	drain(fd, e, 16);
	inotify_add_watch(fd, d2, IN_ALL_EVENTS);
	rmdir(d1);
	rmdir(d2);
	expect(fd, "1:IGNORED 2:DELETE_SELF 2:IGNORED",
	       "rmdir: DELETE_SELF for a watch that asked, IGNORED for both");
	close(fd);
}

static void test_flags(void)
{
	int fd = inotify_init1(IN_NONBLOCK), w, f;
	char p[160], l[160];

	snprintf(p, sizeof(p), "%s/o", base);
	snprintf(l, sizeof(l), "%s/l", base);
	close(open(p, O_CREAT | O_RDWR, 0644));
	w = inotify_add_watch(fd, p, IN_ATTRIB | IN_ONESHOT);
	chmod(p, 0600);
	chmod(p, 0644);
	expect(fd, "1:ATTRIB 1:IGNORED", "IN_ONESHOT: one event, then IGNORED");
	expect_errno(inotify_rm_watch(fd, w), EINVAL);

	/* IN_EXCL_UNLINK: no events from a name already unlinked. */
	f = open(p, O_RDWR);
	inotify_add_watch(fd, base, IN_MODIFY | IN_EXCL_UNLINK);
	unlink(p);
	write(f, "x", 1);
	expect(fd, "", "IN_EXCL_UNLINK: none after the unlink");
	inotify_add_watch(fd, base, IN_MODIFY);
	write(f, "x", 1);
	expect(fd, "2:MODIFY:o", "without it: MODIFY of the unlinked name");
	close(f);

	/* IN_DONT_FOLLOW watches the link itself. */
	close(open(p, O_CREAT | O_RDWR, 0644));
	symlink(p, l);
	w = inotify_add_watch(fd, l, IN_ATTRIB | IN_DELETE_SELF);
	is(inotify_add_watch(fd, p, IN_ATTRIB | IN_DELETE_SELF), w,
	   "without IN_DONT_FOLLOW the link's target is watched");
	ok(inotify_add_watch(fd, l, IN_ATTRIB | IN_DELETE_SELF |
				     IN_DONT_FOLLOW) != w,
	   "with it, the link itself: another watch");
	inotify_rm_watch(fd, 2);
	drain(fd, (struct ev[16]){ 0 }, 16);
	unlink(l);
	unlink(p);
	expect(fd, "4:ATTRIB 4:DELETE_SELF 4:IGNORED 3:ATTRIB 3:DELETE_SELF "
		   "3:IGNORED", "each goes with its own inode");
	close(fd);
}

static void test_queue(void)
{
	int fd = inotify_init1(IN_NONBLOCK), f, i, n, avail = -1;
	char buf[4096], p[160];
	struct inotify_event *e = (void *)buf;
	struct pollfd pfd = { fd, POLLIN, 0 };

	snprintf(p, sizeof(p), "%s/q", base);
	f = open(p, O_CREAT | O_RDWR, 0644);
	inotify_add_watch(fd, base, IN_MODIFY | IN_ACCESS);
	is(poll(&pfd, 1, 0), 0, "empty queue: not readable");
	write(f, "x", 1);
	is(poll(&pfd, 1, 0), 1, "an event: readable");
	is(ioctl(fd, FIONREAD, &avail), 0, "FIONREAD");
	is(avail, (int)sizeof(*e) + 16, "one event with a 16-byte name");
	expect_errno(read(fd, buf, sizeof(*e) + 15), EINVAL);
	is(read(fd, buf, sizeof(*e) + 16), (int)sizeof(*e) + 16,
	   "an exact buffer reads it");
	ok(e->len == 16 && !strcmp(e->name, "q"), "name NUL-padded to 16");
	expect_errno(read(fd, buf, sizeof(buf)), EAGAIN);

	/* Past 16384 events: one IN_Q_OVERFLOW stands for the rest. */
	for (i = 0; i < 8300; i++) {
		write(f, "x", 1);
		pread(f, buf, 1, 0);
	}
	{
		struct ev *evs = malloc(20000 * sizeof(*evs));

		n = drain(fd, evs, 20000);
		is(n, 16385, "16384 events and one overflow");
		ok(n == 16385 && evs[16384].mask == IN_Q_OVERFLOW &&
		   evs[16384].wd == -1, "the last is IN_Q_OVERFLOW, wd -1");
		free(evs);
	}
	write(f, "x", 1);
	is(drain(fd, (struct ev[4]){ 0 }, 4), 1, "after reading, room again");
	close(f);
	unlink(p);
	close(fd);
}

static void test_epoll(void)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int fd = inotify_init1(IN_NONBLOCK), ep = epoll_create1(0);
	pid_t pid;

	inotify_add_watch(fd, base, IN_CREATE);
	is(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev), 0, "epoll watches inotify");
	is(epoll_wait(ep, &ev, 1, 0), 0, "no event: nothing");
	pid = fork();
	if (pid == 0) {
		usleep(50000);
		close(open(path(base, "e"), O_CREAT | O_RDWR, 0644));
		_exit(0);
	}
	is(epoll_wait(ep, &ev, 1, 10000), 1, "an event wakes epoll_wait");
	waitpid(pid, NULL, 0);
	unlink(path(base, "e"));
	close(ep);
	close(fd);
}

static void test_blocking(void)
{
	int fd = inotify_init1(0), st;
	char buf[256];
	pid_t pid;

	inotify_add_watch(fd, base, IN_CREATE);
	pid = fork();
	if (pid == 0) {
		usleep(50000);
		close(open(path(base, "b"), O_CREAT | O_RDWR, 0644));
		_exit(0);
	}
	ok(read(fd, buf, sizeof(buf)) > 0, "a blocking read wakes on an event");
	waitpid(pid, &st, 0);
	unlink(path(base, "b"));
	close(fd);
}

static void test_unmount(void)
{
	int fd = inotify_init1(IN_NONBLOCK);
	char m[160];

	snprintf(m, sizeof(m), "%s/mnt", base);
	mkdir(m, 0755);
	if (mount("none", m, "tmpfs", 0, NULL)) {
		ok(0, "mount a tmpfs (errno %d)", errno);
		return;
	}
	close(open(path(m, "z"), O_CREAT | O_RDWR, 0644));
	inotify_add_watch(fd, path(m, "z"), IN_MODIFY);
	is(umount(m), 0, "unmount with a watch in it");
	expect(fd, "1:UNMOUNT 1:IGNORED", "IN_UNMOUNT, IN_IGNORED");
	rmdir(m);
	close(fd);
}

int main(void)
{
	char r[160];

	snprintf(base, sizeof(base), "/tmp/inotify.%d", (int)getpid());
	mkdir(base, 0755);
	test_errors();
	test_permissions();
	test_dir_events(base, "tmpfs: ");
	snprintf(r, sizeof(r), "%s/ramfs", base);
	mkdir(r, 0755);
	if (mount("none", r, "ramfs", 0, NULL) == 0) {
		test_dir_events(r, "ramfs: ");
		umount(r);
	} else {
		ok(0, "mount ramfs (errno %d)", errno);
	}
	rmdir(r);
	test_file_watch();
	test_moves();
	test_flags();
	test_queue();
	test_blocking();
	test_epoll();
	test_unmount();
	rmdir(base);
	return tap_done();
}
