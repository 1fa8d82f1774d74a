/*
 * tests/ns/files.c: /proc/<pid>/ns. Every kind has a link "kind:[N]"
 * whose N is the inode number stat() and fstat() of the opened file
 * show (on one nsfs device); the same namespace is the same file in
 * every process, a new one a new file; the NS_GET_* ioctls; a bind
 * mount of a link keeps its namespace alive after its last process;
 * other users' links are not followed (EACCES).
 */
#include "cred.h"
#include "ns.h"
#include <dirent.h>
#include <sys/utsname.h>

/* The ten links, in Linux's order, and nothing else. */
static void test_listing(void)
{
	DIR *d = opendir("/proc/self/ns");
	struct dirent *e;
	int seen = 0, other = 0;

	ok(d != NULL, "/proc/self/ns opens");
	while (d && (e = readdir(d))) {
		int found = 0;

		if (e->d_name[0] == '.')
			continue;
		for (int i = 0; i < NR_NS_KINDS; i++)
			if (!strcmp(e->d_name, ns_kinds[i].name)) {
				found = 1;
				seen |= 1 << i;
			}
		other += !found;
	}
	if (d)
		closedir(d);
	is(seen, (1 << NR_NS_KINDS) - 1, "every kind is listed");
	is(other, 0, "and nothing else");
}

/* "kind:[N]" and N == st_ino of the file behind the link == fstat. */
static void test_links(void)
{
	struct stat st, fst, lst;
	dev_t dev = 0;

	for (int i = 0; i < NR_NS_KINDS; i++) {
		const char *k = ns_kinds[i].name;
		const char *real = !strncmp(k, "pid", 3) ? "pid" :
				   !strncmp(k, "time", 4) ? "time" : k;
		char p[64], link[64], want[64];
		ssize_t n;
		int fd;

		ns_path(p, sizeof(p), 0, k);
		n = readlink(p, link, sizeof(link) - 1);
		link[n > 0 ? n : 0] = 0;
		ok(stat(p, &st) == 0 && lstat(p, &lst) == 0 &&
		   S_ISLNK(lst.st_mode), "%s: a link to a file", k);
		snprintf(want, sizeof(want), "%s:[%lu]", real,
			 (unsigned long)st.st_ino);
		is_str(link, want, "%s: readlink names the kind and inode", k);
		fd = open(p, O_RDONLY);
		ok(fd >= 0 && fstat(fd, &fst) == 0 && fst.st_ino == st.st_ino &&
		   fst.st_dev == st.st_dev, "%s: the open file is the same", k);
		if (i == 0)
			dev = st.st_dev;
		ok(st.st_dev == dev, "%s: on the one nsfs device", k);
		is(ioctl(fd, NS_GET_NSTYPE), ns_kinds[i].flag,
		   "%s: NS_GET_NSTYPE", k);
		close(fd);
	}
}

/* A child shares every namespace; after unshare(CLONE_NEWUTS) only
 * the uts one is new. */
static int unshare_uts(void)
{
	return unshare(CLONE_NEWUTS);
}

static void test_identity(void)
{
	pid_t same = holder(unshare_uts);
	int diff = 0;

	ok(same > 0, "a child with a new uts namespace");
	for (int i = 0; i < NR_NS_KINDS; i++) {
		const char *k = ns_kinds[i].name;
		int differs = ns_ino(0, k) != ns_ino(same, k);

		if (!strcmp(k, "uts"))
			ok(differs, "uts: the child's is new");
		else
			diff += differs;
	}
	is(diff, 0, "every other kind is shared");
	release_holder(same);
}

/* The NS_GET_* ioctls and their errors. */
static void test_ioctls(void)
{
	int uts = ns_open(0, "uts"), user = ns_open(0, "user");
	int pid = ns_open(0, "pid"), fd;
	uid_t uid = 1234;

	fd = ioctl(uts, NS_GET_USERNS);
	ok(fd >= 0 && fd_ino(fd) == ns_ino(0, "user"),
	   "NS_GET_USERNS: the owner is our user namespace");
	ok(fd >= 0 && (fcntl(fd, F_GETFD) & FD_CLOEXEC), "with close-on-exec");
	close(fd);
	expect_errno(ioctl(user, NS_GET_USERNS), EPERM);
	expect_errno(ioctl(user, NS_GET_PARENT), EPERM);
	expect_errno(ioctl(pid, NS_GET_PARENT), EPERM);
	expect_errno(ioctl(uts, NS_GET_PARENT), EINVAL);
	expect_ok(ioctl(user, NS_GET_OWNER_UID, &uid));
	is(uid, 0, "NS_GET_OWNER_UID of the initial user namespace");
	expect_errno(ioctl(uts, NS_GET_OWNER_UID, &uid), EINVAL);
	expect_errno(ioctl(user, NS_GET_OWNER_UID, (void *)8), EFAULT);
	expect_errno(ioctl(uts, 0x5401 /* TCGETS */, &uid), ENOTTY);
	close(uts);
	close(user);
	close(pid);
}

/* In a child user namespace: its parent lies above us (EPERM), the
 * owner uid, the owner of a uts namespace made there. */
static int child_userns_case(void)
{
	unsigned long init_user = ns_ino(0, "user");
	int user, uts, fd;
	uid_t uid = 1;

	if (become(65534, 65534) || unshare(CLONE_NEWUSER | CLONE_NEWUTS))
		return 2;
	user = ns_open(0, "user");
	uts = ns_open(0, "uts");
	expect_errno(ioctl(user, NS_GET_PARENT), EPERM);
	ok(init_user != ns_ino(0, "user"), "in a new user namespace");
	expect_ok(ioctl(user, NS_GET_OWNER_UID, &uid));
	is(uid, 65534, "its owner is the creator's uid, unmapped (overflow)");
	fd = ioctl(uts, NS_GET_USERNS);
	ok(fd >= 0 && fd_ino(fd) == ns_ino(0, "user"),
	   "the new uts namespace is owned by the new user namespace");
	return tap_done();
}

/* From here, a child user namespace's parent is ours. */
static int new_user(void)
{
	return unshare(CLONE_NEWUSER);
}

static void test_user_parent(void)
{
	pid_t h = holder(new_user);
	int fd = ns_open(h, "user"), parent = ioctl(fd, NS_GET_PARENT);

	ok(parent >= 0 && fd_ino(parent) == ns_ino(0, "user"),
	   "NS_GET_PARENT of a child user namespace: ours");
	close(parent);
	close(fd);
	release_holder(h);
}

/*
 * A new pid namespace's parent is ours, seen from here; from inside, its
 * parent lies above it: EPERM.
 */
static int child_pidns(void *arg)
{
	int *p = arg, fd = ns_open(0, "pid"), r;
	char c = 0;

	r = ioctl(fd, NS_GET_PARENT) == -1 && errno == EPERM ? 0 : 1;
	write(p[1], "x", 1);
	read(p[2], &c, 1);
	return r;
}

static void test_pid_parent(void)
{
	static char stack[65536];
	int p[4], fd, parent, status;
	char c;
	pid_t pid;

	pipe(p);
	pipe(p + 2);
	pid = clone(child_pidns, stack + sizeof(stack), CLONE_NEWPID | SIGCHLD,
		    p);
	read(p[0], &c, 1);
	fd = ns_open(pid, "pid");
	parent = ioctl(fd, NS_GET_PARENT);
	ok(parent >= 0 && fd_ino(parent) == ns_ino(0, "pid"),
	   "NS_GET_PARENT of a child pid namespace: ours");
	close(parent);
	close(fd);
	write(p[3], "x", 1);
	waitpid(pid, &status, 0);
	ok(pid > 0 && exited_with(status, 0),
	   "inside it, its parent is out of reach: EPERM");
	for (int i = 0; i < 4; i++)
		close(p[i]);
}

/* A bind mount of /proc/<pid>/ns/uts keeps the namespace alive. */
static int named_uts(void)
{
	return unshare(CLONE_NEWUTS) || sethostname("kept", 4);
}

static int new_mntns(void)
{
	return unshare(CLONE_NEWNS);
}

static void test_bind_mount(void)
{
	char file[64], src[64];
	struct utsname u;
	unsigned long ino;
	pid_t h = holder(named_uts);
	int fd, status;

	scratch(file, sizeof(file), "ns-bind");
	close(open(file, O_CREAT | O_WRONLY, 0600));
	ino = ns_ino(h, "uts");
	expect_ok(mount(ns_path(src, sizeof(src), h, "uts"), file, NULL,
			MS_BIND, NULL));
	release_holder(h);
	fd = open(file, O_RDONLY);
	ok(fd >= 0 && fd_ino(fd) == ino,
	   "the bound file is the namespace after its last process");
	status = -1;
	if (fork() == 0)
		_exit(setns(fd, CLONE_NEWUTS) || uname(&u) ||
		      strcmp(u.nodename, "kept"));
	wait(&status);
	ok(exited_with(status, 0), "and joining it shows its hostname");
	close(fd);
	expect_ok(umount2(file, 0));
	/* A mount namespace's file: not into itself (it would hold
	 * itself), but a newer namespace's, yes. */
	expect_errno(mount("/proc/self/ns/mnt", file, NULL, MS_BIND, NULL),
		     EINVAL);
	h = holder(new_mntns);
	expect_ok(mount(ns_path(src, sizeof(src), h, "mnt"), file, NULL,
			MS_BIND, NULL));
	release_holder(h);
	expect_ok(umount2(file, 0));
	unlink(file);
}

/* Other users' links are not followed, nor read. */
static int unprivileged_case(void)
{
	char link[64];

	if (become(65534, 65534))
		return 2;
	expect_errno(open("/proc/1/ns/uts", O_RDONLY), EACCES);
	expect_errno(readlink("/proc/1/ns/uts", link, sizeof(link)), EACCES);
	ok(ns_open(0, "uts") >= 0, "our own links still open");
	return tap_done();
}

int main(void)
{
	test_listing();
	test_links();
	test_identity();
	test_ioctls();
	ok(exited_with(run_child(child_userns_case), 0), "case child_userns");
	test_user_parent();
	test_pid_parent();
	test_bind_mount();
	ok(exited_with(run_child(unprivileged_case), 0), "case unprivileged");
	return tap_done();
}
