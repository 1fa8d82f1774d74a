/*
 * tests/pty/flow.c: output flow control on a pty and what a TIOCPKT
 * master hears of it. tcflow(TCOOFF) stops the slave's output (writes
 * wait: EAGAIN when non-blocking, no POLLOUT) and the master reads
 * TIOCPKT_STOP; TCOON restarts it (TIOCPKT_START). ^S and ^Q typed on
 * the master do the same with IXON (and are not input); they cannot
 * restart what TCOOFF stopped. Turning IXON off and on is
 * TIOCPKT_NOSTOP / TIOCPKT_DOSTOP. TCIOFF sends the STOP character to
 * the master. A bad action is EINVAL.
 */
#include "ptyutil.h"
#include <stdbool.h>

static int m, s;

/* The next packet from the master (one read) within ms: its first
 * byte, or -1 for none. */
static int packet_within(int ms, char *data, int *len)
{
	struct pollfd p = { .fd = m, .events = POLLIN };
	char buf[64];
	ssize_t r;

	if (poll(&p, 1, ms) != 1)
		return -1;
	r = read(m, buf, sizeof(buf));
	if (r <= 0)
		return -1;
	if (len)
		*len = (int)r - 1;
	if (data && r > 1)
		memcpy(data, buf + 1, r - 1);
	return (unsigned char)buf[0];
}

/* A packet that must come: wait up to 10 s (on Linux what the master
 * writes reaches the slave's line discipline through a worker, which a
 * loaded host may run late). Where none must come, a second will do. */
static int packet(char *data, int *len)
{
	return packet_within(10000, data, len);
}

static bool slave_writable(void)
{
	struct pollfd p = { .fd = s, .events = POLLOUT };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLOUT);
}

static void setup(void)
{
	struct termios t;
	int on = 1;

	if (pty_setup() || open_pty(&m, &s, O_NONBLOCK, O_NOCTTY | O_NONBLOCK))
		diag("open_pty: %s", strerror(errno));
	tcgetattr(s, &t);
	t.c_lflag &= ~ECHO;		/* IXON stays, as by default */
	tcsetattr(s, TCSANOW, &t);
	ok(t.c_iflag & IXON, "IXON is on by default");
	is(ioctl(m, TIOCPKT, &on), 0, "TIOCPKT on the master");
}

static void test_tcflow(void)
{
	char data[16];
	int n = 0;

	is(tcflow(s, TCOOFF), 0, "tcflow(slave, TCOOFF)");
	is(packet(NULL, NULL), TIOCPKT_STOP, "the master reads TIOCPKT_STOP");
	expect_errno(write(s, "a", 1), EAGAIN);
	ok(!slave_writable(), "no POLLOUT while stopped");
	is(tcflow(s, TCOON), 0, "tcflow(slave, TCOON)");
	is(packet(NULL, NULL), TIOCPKT_START, "the master reads TIOCPKT_START");
	ok(slave_writable(), "POLLOUT again");
	is(write(s, "a", 1), 1, "the slave writes");
	is(packet(data, &n), TIOCPKT_DATA, "a data packet");
	ok(n == 1 && data[0] == 'a', "with the byte");
	expect_errno(tcflow(s, 7), EINVAL);
}

static void test_ixon(void)
{
	char c;

	is(write(m, "\023", 1), 1, "the master types ^S");
	is(packet(NULL, NULL), TIOCPKT_STOP, "TIOCPKT_STOP");
	expect_errno(write(s, "b", 1), EAGAIN);
	expect_errno(read(s, &c, 1), EAGAIN);
	is(write(m, "\021", 1), 1, "the master types ^Q");
	is(packet(NULL, NULL), TIOCPKT_START, "TIOCPKT_START");
	is(write(s, "b", 1), 1, "the slave writes again");
	is(packet(NULL, NULL), TIOCPKT_DATA, "a data packet");
	is(tcflow(s, TCOOFF), 0, "TCOOFF");
	is(packet(NULL, NULL), TIOCPKT_STOP, "TIOCPKT_STOP");
	is(write(m, "\021", 1), 1, "^Q");
	usleep(20000);
	expect_errno(write(s, "c", 1), EAGAIN);
	is(tcflow(s, TCOON), 0, "only TCOON restarts it");
	is(packet(NULL, NULL), TIOCPKT_START, "TIOCPKT_START");
}

static void test_ixon_change(void)
{
	struct termios t;

	tcgetattr(s, &t);
	t.c_iflag &= ~IXON;
	is(tcsetattr(s, TCSANOW, &t), 0, "IXON off");
	is(packet(NULL, NULL), TIOCPKT_NOSTOP, "TIOCPKT_NOSTOP");
	is(write(m, "\023", 1), 1, "^S without IXON");
	is(packet_within(1000, NULL, NULL), -1, "nothing stops");
	t.c_iflag |= IXON;
	is(tcsetattr(s, TCSANOW, &t), 0, "IXON on");
	is(packet(NULL, NULL), TIOCPKT_DOSTOP, "TIOCPKT_DOSTOP");
	tcflush(s, TCIFLUSH);
	while (packet_within(1000, NULL, NULL) >= 0)
		;
}

static void test_tcioff(void)
{
	char data[16];
	int n = 0;

	is(tcflow(s, TCIOFF), 0, "tcflow(slave, TCIOFF)");
	is(packet(data, &n), TIOCPKT_DATA, "the master gets data");
	ok(n == 1 && data[0] == '\023', "the STOP character");
	is(tcflow(s, TCION), 0, "tcflow(slave, TCION)");
	is(packet(data, &n), TIOCPKT_DATA, "data again");
	ok(n == 1 && data[0] == '\021', "the START character");
}

int main(void)
{
	setup();
	test_tcflow();
	test_ixon();
	test_ixon_change();
	test_tcioff();
	close(s);
	close(m);
	return tap_done();
}
