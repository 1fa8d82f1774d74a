/*
 * tests/pty/io.c: data through a pty pair. Canonical mode (lines, erase,
 * kill, ^D), echo with ONLCR, output processing of slave writes, raw
 * mode, termios seen from both sides, window size, FIONREAD, poll and
 * blocking when the peer's buffer is full; hangup when the master
 * closes (slave reads 0, writes EIO, POLLHUP) and EIO on the master
 * once every slave file is closed.
 */
#include "ptyutil.h"
#include <grp.h>
#include <sys/sendfile.h>

static int m, s;

static void fresh(void)
{
	if (open_pty(&m, &s, 0, O_NOCTTY))
		diag("open_pty: %s", strerror(errno));
}

/* Wait up to ms for fd to be readable (poll's answer, 1 or 0). */
static int readable_within(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) == 1;
}

static void done(void)
{
	close(s);
	close(m);
}

static void test_canon(void)
{
	char buf[64];
	ssize_t r;

	fresh();
	is(write(m, "hello\n", 6), 6, "master writes a line");
	r = read_timed(s, buf, 6, 2000);
	ok(r == 6 && !memcmp(buf, "hello\n", 6), "slave reads the line");
	r = read_timed(m, buf, 7, 2000);
	ok(r == 7 && !memcmp(buf, "hello\r\n", 7), "master reads the echo (ONLCR)");

	fcntl(s, F_SETFL, O_NONBLOCK);
	write(m, "ab", 2);
	usleep(10000);
	expect_errno(read(s, buf, sizeof(buf)), EAGAIN);
	write(m, "\177c\n", 3);
	r = read_timed(s, buf, 3, 2000);
	ok(r == 3 && !memcmp(buf, "ac\n", 3), "erase removes a byte (%zd)", r);
	write(m, "junk\025ok\n", 8);
	r = read_timed(s, buf, 3, 2000);
	ok(r == 3 && !memcmp(buf, "ok\n", 3), "kill removes the line");
	write(m, "x\004", 2);
	/* One read takes the line ^D ended (read_timed would wait 2 s
	 * for more that must not come). */
	readable_within(s, 10000);
	r = read(s, buf, sizeof(buf));
	ok(r == 1 && buf[0] == 'x', "^D ends a line without itself");
	write(m, "\004", 1);
	/* Linux hands the master's bytes to the slave's line discipline
	 * in a worker: wait for it rather than a fixed time (20 ms was not
	 * always enough on a loaded host). */
	readable_within(s, 10000);
	is(read(s, buf, sizeof(buf)), 0, "^D on an empty line reads 0");
	fcntl(s, F_SETFL, 0);
	/* Drain the echoes: they reach the master through a worker too,
	 * so wait for a quiet half second (50 ms could leave one behind
	 * on a loaded host, to be read before "out"). */
	while (read_timed(m, buf, sizeof(buf), 500) > 0)
		;
	is(write(s, "out\n", 4), 4, "slave writes");
	r = read_timed(m, buf, 5, 2000);
	ok(r == 5 && !memcmp(buf, "out\r\n", 5), "master reads it with ONLCR");
	done();
}

static void test_termios_raw(void)
{
	struct termios t;
	char buf[16];
	ssize_t r;
	int n = -1;

	fresh();
	ok(tcgetattr(m, &t) == 0 && (t.c_lflag & ICANON) && (t.c_lflag & ECHO),
	   "master sees the slave's cooked termios");
	is(pty_raw(m), 0, "tcsetattr through the master");
	ok(tcgetattr(s, &t) == 0 && !(t.c_lflag & (ICANON | ECHO)),
	   "the slave is raw now");
	write(m, "q", 1);
	r = read_timed(s, buf, 1, 2000);
	ok(r == 1 && buf[0] == 'q', "raw: a byte is readable at once");
	fcntl(m, F_SETFL, O_NONBLOCK);
	expect_errno(read(m, buf, sizeof(buf)), EAGAIN);
	write(m, "xyz", 3);
	/* The bytes arrive through a worker on Linux: give it time. */
	for (int i = 0; i < 1000 && (ioctl(s, FIONREAD, &n) || n < 3); i++)
		usleep(10000);
	ok(ioctl(s, FIONREAD, &n) == 0 && n == 3, "FIONREAD counts input (%d)", n);
	write(s, "a\nb", 3);
	r = read_timed(m, buf, 3, 2000);
	ok(r == 3 && !memcmp(buf, "a\nb", 3), "raw output is not processed");
	done();
}

static void test_winsize(void)
{
	struct winsize w = { .ws_row = 33, .ws_col = 101 }, g = { 0 };

	fresh();
	ok(ioctl(s, TIOCGWINSZ, &g) == 0 && g.ws_row == 0 && g.ws_col == 0,
	   "a new pty's size is 0x0");
	is(ioctl(m, TIOCSWINSZ, &w), 0, "TIOCSWINSZ on the master");
	ok(ioctl(s, TIOCGWINSZ, &g) == 0 && g.ws_row == 33 && g.ws_col == 101,
	   "the slave sees it");
	memset(&g, 0, sizeof(g));
	ok(ioctl(m, TIOCGWINSZ, &g) == 0 && g.ws_row == 33, "so does the master");
	expect_errno(ioctl(m, TIOCSWINSZ, NULL), EFAULT);
	done();
}

/* A full input ring blocks the writer; poll says not writable. */
static void test_full(void)
{
	char big[8192], buf[4096];
	struct pollfd p;
	ssize_t total = 0, r;

	fresh();
	pty_raw(m);
	memset(big, 'z', sizeof(big));
	fcntl(m, F_SETFL, O_NONBLOCK);
	/* Until a write after a pause still takes nothing: on Linux the
	 * master's bytes reach the slave's line discipline through a
	 * worker (on another CPU, at once), which makes room again behind
	 * the first EAGAIN until the discipline's buffer is full too. */
	for (int i = 0; i < 100; i++) {
		ssize_t before = total;

		while ((r = write(m, big, sizeof(big))) > 0)
			total += r;
		if (i && total == before)
			break;
		usleep(20000);
	}
	ok(r == -1 && errno == EAGAIN, "a full slave makes the master EAGAIN");
	ok(total > 0, "after taking %zd bytes", total);
	p = (struct pollfd){ .fd = m, .events = POLLOUT };
	is(poll(&p, 1, 0), 0, "poll: not writable while full");
	r = read(s, buf, sizeof(buf));
	ok(r > 0, "the slave reads");
	/* Linux frees the room in a worker and does not wake the master's
	 * poll for it: poll again every 100 ms (up to 10 s) rather than
	 * once for a second, which a loaded host could outlast. */
	for (int i = 0; i < 100; i++) {
		p = (struct pollfd){ .fd = m, .events = POLLOUT };
		if (poll(&p, 1, 100) == 1)
			break;
	}
	ok(p.revents & POLLOUT, "writable again");
	done();
}

/* TIOCPKT: data after a TIOCPKT_DATA byte; a flush of the slave's input
 * is reported alone as TIOCPKT_FLUSHREAD. */
static void test_packet(void)
{
	char buf[16];
	int on = 1, got = -1;
	ssize_t r;

	fresh();
	pty_raw(m);
	is(ioctl(m, TIOCPKT, &on), 0, "TIOCPKT on");
	ok(ioctl(m, TIOCGPKT, &got) == 0 && got == 1, "TIOCGPKT says so");
	write(s, "x", 1);
	r = read_timed(m, buf, 2, 2000);
	ok(r == 2 && buf[0] == TIOCPKT_DATA && buf[1] == 'x', "a data packet");
	write(m, "abc", 3);
	usleep(20000);
	is(tcflush(s, TCIFLUSH), 0, "the slave flushes its input");
	r = read_timed(m, buf, 1, 2000);
	ok(r == 1 && buf[0] == TIOCPKT_FLUSHREAD, "the master reads FLUSHREAD");
	done();
}

/* TIOCSTI (root: any tty), sendfile to a master. */
static void test_sti_sendfile(void)
{
	char buf[16], path[64];
	char c = 'z';
	ssize_t r;
	int fd;

	fresh();
	pty_raw(m);
	is(ioctl(s, TIOCSTI, &c), 0, "TIOCSTI as root");
	r = read_timed(s, buf, 1, 2000);
	ok(r == 1 && buf[0] == 'z', "the byte is the slave's input");
	scratch(path, sizeof(path), "ptysend");
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	write(fd, "hello", 5);
	is(sendfile(m, fd, &(off_t){ 0 }, 5), 5, "sendfile to the master");
	r = read_timed(s, buf, 5, 2000);
	ok(r == 5 && !memcmp(buf, "hello", 5), "the slave reads it");
	close(fd);
	unlink(path);
	done();
}

/* Without CAP_SYS_ADMIN: TIOCSTI on a tty that is not ours, and
 * TIOCVHANGUP, are EPERM. */
static int unpriv_ioctls(void)
{
	char c = 'x';

	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 2;
	if (ioctl(s, TIOCSTI, &c) != -1 || errno != EPERM)
		return 3;
	if (ioctl(s, TIOCVHANGUP) != -1 || errno != EPERM)
		return 4;
	return 0;
}

static void test_hangup(void)
{
	char buf[16], path[64];
	struct pollfd p;

	fresh();
	ptsname_r(m, path, sizeof(path));
	close(m);
	is(read(s, buf, sizeof(buf)), 0, "slave reads 0 after the master closed");
	expect_errno(write(s, "x", 1), EIO);
	p = (struct pollfd){ .fd = s, .events = POLLIN };
	ok(poll(&p, 1, 0) == 1 && (p.revents & POLLHUP), "slave poll: POLLHUP");
	expect_errno(open(path, O_RDWR | O_NOCTTY), ENOENT);
	expect_errno(ioctl(s, TIOCGWINSZ, buf), EIO);
	close(s);
}

static void test_slave_closed(void)
{
	char buf[16];
	struct pollfd p;
	ssize_t r;

	fresh();
	pty_raw(m);
	write(s, "bye", 3);
	close(s);
	r = read_timed(m, buf, 3, 2000);
	ok(r == 3 && !memcmp(buf, "bye", 3), "master drains what is left");
	expect_errno(read(m, buf, sizeof(buf)), EIO);
	p = (struct pollfd){ .fd = m, .events = POLLIN };
	ok(poll(&p, 1, 0) == 1 && (p.revents & POLLHUP), "master poll: POLLHUP");
	close(m);
}

int main(void)
{
	if (pty_setup()) {
		diag("cannot mount devpts on /dev/pts: %s", strerror(errno));
		return 1;
	}
	test_canon();
	test_termios_raw();
	test_winsize();
	test_full();
	test_packet();
	test_sti_sendfile();
	fresh();
	is(run_child(unpriv_ioctls), 0, "TIOCSTI and TIOCVHANGUP: EPERM unprivileged");
	done();
	test_hangup();
	test_slave_closed();
	return tap_done();
}
