/*
 * tests/lib/unixsock.h: small helpers for the AF_UNIX tests
 * (tests/unix/): addresses, passing fds, polling one fd.
 */
#ifndef UNIXSOCK_H
#define UNIXSOCK_H

#include <poll.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/ioctl.h>
#include <sys/un.h>

#ifndef SIOCINQ
#define SIOCINQ FIONREAD
#endif
#ifndef SIOCOUTQ
#define SIOCOUTQ TIOCOUTQ
#endif

/* A filesystem address for path; *len gets the length to pass. */
static inline struct sockaddr_un un_path(const char *path, socklen_t *len)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };

	size_t n = strlen(path);

	memcpy(a.sun_path, path, n < sizeof(a.sun_path) ? n : sizeof(a.sun_path));
	*len = offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
	return a;
}

/* An abstract address "\0name" (no trailing NUL counted). */
static inline struct sockaddr_un un_abstract(const char *name, socklen_t *len)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };

	memcpy(a.sun_path + 1, name, strlen(name));
	*len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
	return a;
}

/*
 * Send one byte with n fds in SCM_RIGHTS; the sendmsg result. Raw
 * syscall: musl's sendmsg copies (and limits) the control buffer.
 */
static inline long send_fds(int sock, const int *fds, int n, int flags)
{
	char cbuf[CMSG_SPACE(sizeof(int) * 256)] __attribute__((aligned(8)));
	struct iovec iov = { .iov_base = "F", .iov_len = 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;

	memset(cbuf, 0, sizeof(cbuf));
	m.msg_control = cbuf;
	m.msg_controllen = CMSG_SPACE(sizeof(int) * n);
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int) * n);
	memcpy(CMSG_DATA(c), fds, sizeof(int) * n);
	return syscall(SYS_sendmsg, sock, &m, flags);
}

/*
 * Receive one message with room for max fds; the fds land in fds[],
 * their count in *n (-1 if no SCM_RIGHTS came). Returns recvmsg's
 * result; *mflags gets msg_flags.
 */
static inline long recv_fds(int sock, int *fds, int max, int *n, int flags,
			    int *mflags)
{
	char cbuf[CMSG_SPACE(sizeof(int) * 256)] __attribute__((aligned(8)));
	char data[16];
	struct iovec iov = { .iov_base = data, .iov_len = sizeof(data) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;
	long r;

	memset(cbuf, 0, sizeof(cbuf));
	m.msg_control = cbuf;
	m.msg_controllen = max ? CMSG_LEN(sizeof(int) * max) : 0;
	*n = -1;
	r = syscall(SYS_recvmsg, sock, &m, flags);
	if (mflags)
		*mflags = m.msg_flags;
	if (r < 0)
		return r;
	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
			*n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
			memcpy(fds, CMSG_DATA(c), sizeof(int) * *n);
		}
	return r;
}

/* poll one fd for events, waiting at most ms; revents or -1. */
static inline int poll1(int fd, short events, int ms)
{
	struct pollfd p = { .fd = fd, .events = events };
	int r = poll(&p, 1, ms);

	return r < 0 ? -1 : p.revents;
}

#endif
