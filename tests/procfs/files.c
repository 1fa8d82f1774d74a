/*
 * tests/procfs/files.c: /proc/<pid> files of a blocked child and of
 * ourselves: syscall (the call and its arguments), wchan (the wait
 * channel, a function name), stack (frames), io (counts that follow
 * reads and writes), limits (as getrlimit says), cmdline (Linux's rule
 * for a process that overwrote its argument strings), mountinfo (its
 * format and a new mount in it, with the right parent).
 */
#define _GNU_SOURCE
#include <sys/mount.h>
#include <sys/resource.h>
#include "tap.h"
#include "proc.h"

/* Wait until pid's stat state is S (asleep), up to 5 s. */
static void wait_sleeping(pid_t pid)
{
	char buf[512], c[32];
	unsigned long long f[STAT_FIELDS + 1];

	for (int i = 0; i < 500; i++) {
		if (slurpf(buf, sizeof(buf), "/proc/%d/stat", pid) > 0 &&
		    parse_stat(buf, c, sizeof(c), f) > 3 && f[3] == 'S')
			return;
		usleep(10000);
	}
}

static void test_blocked(void)
{
	int p[2];
	char buf[1024];
	long nr;
	unsigned long a0, a1, a2;
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		char c;

		close(p[1]);
		syscall(SYS_read, p[0], &c, 1);
		_exit(0);
	}
	close(p[0]);
	wait_sleeping(pid);
	usleep(50000);
	ok(slurpf(buf, sizeof(buf), "/proc/%d/syscall", pid) > 0,
	   "syscall reads");
	ok(sscanf(buf, "%ld 0x%lx 0x%lx 0x%lx", &nr, &a0, &a1, &a2) == 4,
	   "number and arguments in hex (%.40s)", buf);
	is(nr, SYS_read, "the call it sleeps in");
	is(a2, 1, "its third argument");
	slurpf(buf, sizeof(buf), "/proc/%d/wchan", pid);
	ok(buf[0] && strcmp(buf, "0") && !strchr(buf, '\n') &&
	   (isalpha((unsigned char)buf[0]) || buf[0] == '_'),
	   "wchan names a function (%s)", buf);
	ok(slurpf(buf, sizeof(buf), "/proc/%d/stack", pid) > 0 &&
	   !strncmp(buf, "[<0>] ", 6), "stack: frames as [<0>] function");
	write(p[1], "x", 1);
	waitpid(pid, NULL, 0);
	close(p[1]);
	slurp("/proc/self/syscall", buf, sizeof(buf));
	is(atol(buf), SYS_read, "our own syscall: the read reading it");
}

static long io_field(const char *key)
{
	char buf[512], pat[32], *p;

	slurp("/proc/self/io", buf, sizeof(buf));
	snprintf(pat, sizeof(pat), "%s: ", key);
	p = strstr(buf, pat);
	return p ? atol(p + strlen(pat)) : -1;
}

static void test_io_limits(void)
{
	long w0 = io_field("wchar"), cw0 = io_field("syscw");
	long r0 = io_field("rchar"), cr0 = io_field("syscr");
	char buf[1000] = "", lim[4096], want[128];
	int fd = open("/dev/zero", O_RDWR);
	struct rlimit rl = { 1000, 2000 };

	long w1, cw1, r1, cr1;

	write(fd, buf, sizeof(buf));
	read(fd, buf, 500);
	close(fd);
	w1 = io_field("wchar");
	cw1 = io_field("syscw");
	r1 = io_field("rchar");
	cr1 = io_field("syscr");
	is(w1 - w0, 1000, "io: wchar counts bytes written");
	is(cw1 - cw0, 1, "io: syscw counts write calls");
	ok(r1 - r0 >= 500, "io: rchar counts bytes read");
	ok(cr1 - cr0 >= 1, "io: syscr counts read calls");
	is(io_field("read_bytes"), 0, "io: no storage I/O");
	setrlimit(RLIMIT_NOFILE, &rl);
	slurp("/proc/self/limits", lim, sizeof(lim));
	snprintf(want, sizeof(want), "%-25s %-20s %-20s %-10s\n", "Limit",
		 "Soft Limit", "Hard Limit", "Units");
	ok(!strncmp(lim, want, strlen(want)), "limits: header");
	snprintf(want, sizeof(want), "%-25s %-20s %-20s %-10s\n",
		 "Max open files", "1000", "2000", "files");
	ok(strstr(lim, want) != NULL, "limits: a line per limit, as set");
	ok(strstr(lim, "Max cpu time              unlimited            "
		       "unlimited            seconds   \n") != NULL,
	   "limits: unlimited");
}

static void test_cmdline(int argc, char **argv)
{
	char buf[512], *end = argv[argc - 1] + strlen(argv[argc - 1]);
	size_t n;

	n = slurp("/proc/self/cmdline", buf, sizeof(buf));
	ok(n > 0 && !strcmp(buf, argv[0]), "cmdline starts with argv[0]");
	/* setproctitle: write over argv's last NUL: then cmdline runs up to
	 * the first NUL, into the environment strings if need be. */
	*end = ' ';
	n = slurp("/proc/self/cmdline", buf, sizeof(buf));
	ok(end - argv[0] + 1 < (long)n && buf[n - 1] == 0 &&
	   !memchr(buf, 0, n - 1), "with argv's end overwritten: up to a NUL");
	*end = 0;
}

static void test_mountinfo(void)
{
	char dir[64], buf[8192], *line, point[256], root[256], dash[8];
	char fstype[32];
	int id, parent, tmp_id = -1, new_parent = -1, maj, min, found = 0;

	scratch(dir, sizeof(dir), "mi");
	mkdir(dir, 0755);
	mount("none", dir, "tmpfs", MS_NOSUID, NULL);
	slurp("/proc/self/mountinfo", buf, sizeof(buf));
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		char opts[128];

		if (sscanf(line, "%d %d %d:%d %255s %255s %127s %7s %31s", &id,
			   &parent, &maj, &min, root, point, opts, dash,
			   fstype) != 9)
			continue;
		found++;
		if (!strcmp(point, "/tmp"))
			tmp_id = id;
		if (!strcmp(point, dir)) {
			new_parent = parent;
			ok(!strcmp(dash, "-") && !strcmp(fstype, "tmpfs") &&
			   !strcmp(root, "/") && strstr(opts, "nosuid"),
			   "the new mount: root /, nosuid, - tmpfs (%s)", line);
		}
	}
	ok(found >= 3, "mountinfo lines parse (%d)", found);
	is(new_parent, tmp_id, "its parent is the /tmp mount");
	umount(dir);
	slurp("/proc/self/mountinfo", buf, sizeof(buf));
	ok(!strstr(buf, dir), "gone after umount");
	rmdir(dir);
}

int main(int argc, char **argv)
{
	test_blocked();
	test_io_limits();
	test_cmdline(argc, argv);
	test_mountinfo();
	return tap_done();
}
