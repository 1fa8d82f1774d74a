/*
 * tests/unix/mmsg.c: sendmmsg and recvmmsg on AF_UNIX datagram sockets:
 * counts and msg_len, MSG_WAITFORONE, MSG_DONTWAIT with fewer messages
 * than asked, a bad entry after good ones (the count, the error kept for
 * later), the timeout argument's checks, vlen 0.
 */
#include "tap.h"
#include "unixsock.h"

static void test_send_recv(void)
{
	struct mmsghdr out[3], in[4];
	struct iovec oi[3] = { { "a", 1 }, { "bb", 2 }, { "ccc", 3 } }, ii[4];
	char buf[4][8];
	int sv[2], i;

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	memset(out, 0, sizeof(out));
	for (i = 0; i < 3; i++) {
		out[i].msg_hdr.msg_iov = &oi[i];
		out[i].msg_hdr.msg_iovlen = 1;
	}
	is(sendmmsg(sv[0], out, 3, 0), 3, "sendmmsg of 3");
	ok(out[0].msg_len == 1 && out[1].msg_len == 2 && out[2].msg_len == 3,
	   "each msg_len set");
	memset(in, 0, sizeof(in));
	for (i = 0; i < 4; i++) {
		ii[i].iov_base = buf[i];
		ii[i].iov_len = sizeof(buf[i]);
		in[i].msg_hdr.msg_iov = &ii[i];
		in[i].msg_hdr.msg_iovlen = 1;
	}
	is(recvmmsg(sv[1], in, 4, MSG_DONTWAIT, NULL), 3,
	   "recvmmsg of 4 with 3 queued, MSG_DONTWAIT: 3");
	ok(in[0].msg_len == 1 && in[1].msg_len == 2 && in[2].msg_len == 3 &&
		   !memcmp(buf[2], "ccc", 3), "lengths and data in order");
	expect_errno(recvmmsg(sv[1], in, 4, MSG_DONTWAIT, NULL), EAGAIN);
	sendmmsg(sv[0], out, 1, 0);
	is(recvmmsg(sv[1], in, 4, MSG_WAITFORONE, NULL), 1,
	   "MSG_WAITFORONE: returns after the first");
	is(recvmmsg(sv[1], in, 0, 0, NULL), 0, "vlen 0");
	is(sendmmsg(sv[0], out, 0, 0), 0, "sendmmsg of 0");
	close(sv[0]);
	close(sv[1]);
}

static void test_errors(void)
{
	struct mmsghdr out[2], in[2];
	struct iovec oi = { "x", 1 }, ii = { NULL, 0 };
	struct timespec bad = { 0, 1000000000 };
	char buf[8];
	int sv[2], err = 0;
	socklen_t len = sizeof(err);

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	memset(out, 0, sizeof(out));
	out[0].msg_hdr.msg_iov = &oi;
	out[0].msg_hdr.msg_iovlen = 1;
	out[1].msg_hdr.msg_iov = (struct iovec *)KERNEL_PTR;
	out[1].msg_hdr.msg_iovlen = 1;
	is(sendmmsg(sv[0], out, 2, 0), 1, "a bad second entry: the first is sent");
	expect_errno(sendmmsg(sv[0], &out[1], 1, 0), EFAULT);
	ii.iov_base = buf;
	ii.iov_len = sizeof(buf);
	memset(in, 0, sizeof(in));
	in[0].msg_hdr.msg_iov = &ii;
	in[0].msg_hdr.msg_iovlen = 1;
	in[1].msg_hdr.msg_iov = (struct iovec *)KERNEL_PTR;
	in[1].msg_hdr.msg_iovlen = 1;
	send(sv[0], "y", 1, 0);
	is(recvmmsg(sv[1], in, 2, 0, NULL), 1,
	   "recvmmsg: a bad second entry after a good one gives 1");
	getsockopt(sv[1], SOL_SOCKET, SO_ERROR, &err, &len);
	is(err, EFAULT, "and keeps EFAULT in SO_ERROR");
	expect_errno(recvmmsg(sv[1], in, 1, 0, &bad), EINVAL);
	bad.tv_nsec = -1;
	expect_errno(recvmmsg(sv[1], in, 1, 0, &bad), EINVAL);
	expect_errno(syscall(SYS_recvmmsg, sv[1], in, 1, 0, KERNEL_PTR), EFAULT);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	test_send_recv();
	test_errors();
	return tap_done();
}
