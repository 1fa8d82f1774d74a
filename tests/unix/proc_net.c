/*
 * tests/unix/proc_net.c: /proc/net is a link to self/net; /proc/<pid>/net
 * shows that task's network namespace. net/unix lists every AF_UNIX
 * socket in Linux's format: a listener (flags 00010000, St 01) with its
 * path, an abstract name as @, a socketpair's ends (St 03), a connection
 * not yet accepted (no inode, St 02, the listener's path), each with
 * its socket inode; a closed socket is gone. A new network namespace
 * lists only its own sockets; net/dev shows its lo.
 */
#include "tap.h"
#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

#define HEADER "Num       RefCount Protocol Flags    Type St Inode Path\n"
#define DEV_HEADER \
	"Inter-|   Receive                                                |  Transmit\n" \
	" face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
#define DEV_LO \
	"    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n"

static char text[65536];

static int slurp(const char *path)
{
	int fd = open(path, O_RDONLY), n, got = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, text + got, sizeof(text) - 1 - got)) > 0)
		got += n;
	close(fd);
	text[got] = 0;
	return got;
}

static unsigned long ino_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? 0 : st.st_ino;
}

/* The line of /proc/net/unix whose inode is ino (0: the one ending in
 * suffix with inode 0), copied into line; found? */
static bool find_line(unsigned long ino, const char *suffix, char *line,
		      size_t size)
{
	for (char *p = text; *p; ) {
		char *nl = strchr(p, '\n');
		unsigned long i = 0;
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		if (n > 53)
			i = strtoul(p + 52, NULL, 10);
		if (n > 53 && i == ino &&
		    (!suffix || (n >= strlen(suffix) &&
				 !strncmp(p + n - strlen(suffix), suffix,
					  strlen(suffix))))) {
			snprintf(line, size, "%.*s", (int)n, p);
			return true;
		}
		p = nl ? nl + 1 : p + n;
	}
	return false;
}

/* Does the line have these Flags, Type and St columns ("%08X %04X %02X")? */
static bool cols_are(const char *line, const char *want)
{
	return strlen(line) > 52 && !strncmp(line + 36, want, 16);
}

/* "Num" (a hidden or hashed address) is 16 characters and ": "; the
 * Protocol is 0. */
static bool num_ok(const char *line)
{
	return !strncmp(line + 16, ": ", 2) && !strncmp(line + 26, " 00000000 ", 10);
}

static void test_link(void)
{
	char buf[64] = { 0 };

	is(readlink("/proc/net", buf, sizeof(buf) - 1), 8, "/proc/net is a link");
	is_str(buf, "self/net", "to self/net");
	ok(slurp("/proc/net/unix") > 0, "read /proc/net/unix");
	ok(!strncmp(text, HEADER, strlen(HEADER)), "Linux's header");
	ok(slurp("/proc/self/net/dev") > 0 && strstr(text, "    lo: "),
	   "/proc/self/net/dev has lo");
}

static void test_sockets(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	char line[256];
	int l, d, sv[2], c;

	unlink("/tmp/pn.sock");
	strcpy(a.sun_path, "/tmp/pn.sock");
	l = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(l, (struct sockaddr *)&a, sizeof(a));
	listen(l, 4);
	d = socket(AF_UNIX, SOCK_DGRAM, 0);
	memcpy(a.sun_path, "\0pn-abs", 7);
	bind(d, (struct sockaddr *)&a, offsetof(struct sockaddr_un, sun_path) + 7);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	strcpy(a.sun_path, "/tmp/pn.sock");
	is(connect(c, (struct sockaddr *)&a, sizeof(a)), 0, "connect (not accepted)");
	slurp("/proc/net/unix");
	ok(find_line(ino_of(l), " /tmp/pn.sock", line, sizeof(line)),
	   "the listener's line");
	ok(cols_are(line, "00010000 0001 01"), "listening stream, unconnected (%s)",
	   line);
	ok(num_ok(line), "Num, RefCount, Protocol 0 (%.36s)", line);
	ok(!strncmp(line + 18, "00000002", 8),
	   "RefCount 2: the socket's and the table's (%.26s)", line);
	ok(find_line(ino_of(d), " @pn-abs", line, sizeof(line)),
	   "the abstract dgram socket's line");
	ok(cols_are(line, "00000000 0002 01"), "dgram, unconnected (%s)", line);
	ok(find_line(ino_of(sv[0]), NULL, line, sizeof(line)), "socketpair end 0");
	ok(!strncmp(line + 18, "00000003", 8),
	   "RefCount 3: with the peer's (%.26s)", line);
	ok(cols_are(line, "00000000 0001 03") && !strchr(line + 52, '/'),
	   "connected stream, no path (%s)", line);
	ok(find_line(ino_of(sv[1]), NULL, line, sizeof(line)), "socketpair end 1");
	ok(find_line(ino_of(c), NULL, line, sizeof(line)), "the client");
	ok(cols_are(line, "00000000 0001 03"), "connected stream (%s)", line);
	ok(find_line(0, " /tmp/pn.sock", line, sizeof(line)),
	   "the connection not yet accepted");
	ok(cols_are(line, "00000000 0001 02"),
	   "connecting, no inode, the listener's path (%s)", line);
	close(sv[0]);
	close(l);
	close(d);
	close(sv[1]);
	close(c);
	unlink("/tmp/pn.sock");
}

static void test_closed_gone(void)
{
	char line[256];
	int s = socket(AF_UNIX, SOCK_DGRAM, 0);
	unsigned long ino = ino_of(s);

	slurp("/proc/net/unix");
	ok(find_line(ino, NULL, line, sizeof(line)), "a new socket is listed");
	close(s);
	slurp("/proc/net/unix");
	ok(!find_line(ino, NULL, line, sizeof(line)), "gone once closed");
}

static void test_netns(void)
{
	int go[2], back[2], st;
	unsigned long ino = 0;
	char path[64], line[256], c;
	pid_t pid;

	pipe(go);
	pipe(back);
	pid = fork();
	if (pid == 0) {
		int s, ok1, ok2;

		if (unshare(CLONE_NEWNET))
			_exit(1);
		ok1 = slurp("/proc/net/unix") == (int)strlen(HEADER);
		ok2 = slurp("/proc/net/dev") > 0 &&
		      !strcmp(text, DEV_HEADER DEV_LO);
		s = socket(AF_UNIX, SOCK_STREAM, 0);
		ino = ino_of(s);
		write(back[1], &ino, sizeof(ino));
		read(go[0], &c, 1);
		_exit(ok1 && ok2 ? 0 : 2);
	}
	is(read(back[0], &ino, sizeof(ino)), (long)sizeof(ino), "child ready");
	snprintf(path, sizeof(path), "/proc/%d/net/unix", pid);
	slurp(path);
	ok(find_line(ino, NULL, line, sizeof(line)),
	   "/proc/<child>/net/unix shows the child's socket");
	ok(!strncmp(text, HEADER, strlen(HEADER)) &&
	   !strchr(text + strlen(HEADER), '\n')[1],
	   "and only it (its own namespace)");
	write(go[1], "x", 1);
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0),
	   "a new namespace starts with no sockets and lo at 0 (%#x)", st);
}

int main(void)
{
	test_link();
	test_sockets();
	test_closed_gone();
	test_netns();
	return tap_done();
}
