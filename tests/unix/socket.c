/*
 * tests/unix/socket.c: socket() and the socket file: families, types,
 * protocols and flags as Linux checks them, what fstat, fcntl, lseek and
 * /proc/self/fd show, and ENOTSOCK/EBADF/EFAULT from every socket call.
 */
#include "tap.h"
#include "unixsock.h"

#ifndef MSG_CMSG_COMPAT
#define MSG_CMSG_COMPAT 0x80000000
#endif

static void test_create_errors(void)
{
	int fd;

	expect_errno(socket(AF_MAX, SOCK_STREAM, 0), EAFNOSUPPORT);
	expect_errno(socket(-1, SOCK_STREAM, 0), EAFNOSUPPORT);
	expect_errno(socket(AF_UNSPEC, SOCK_STREAM, 0), EAFNOSUPPORT);
	expect_errno(socket(1000, SOCK_STREAM, 0), EAFNOSUPPORT);
	/* Type range first (EINVAL), then what the family knows. */
	expect_errno(socket(AF_UNIX, 11, 0), EINVAL);
	expect_errno(socket(AF_UNIX, 15, 0), EINVAL);
	expect_errno(socket(AF_UNIX, 0, 0), ESOCKTNOSUPPORT);
	expect_errno(socket(AF_UNIX, SOCK_RDM, 0), ESOCKTNOSUPPORT);
	expect_errno(socket(AF_UNIX, 6 /* SOCK_DCCP */, 0), ESOCKTNOSUPPORT);
	expect_errno(socket(AF_UNIX, SOCK_PACKET, 0), ESOCKTNOSUPPORT);
	expect_errno(socket(AF_UNIX, SOCK_STREAM, 2), EPROTONOSUPPORT);
	expect_errno(socket(AF_UNIX, SOCK_STREAM, -1), EPROTONOSUPPORT);
	expect_errno(socket(AF_UNIX, SOCK_STREAM | 0x100, 0), EINVAL);
	expect_errno(socket(AF_UNIX, SOCK_STREAM | 0x10, 0), EINVAL);
	fd = socket(AF_UNIX, SOCK_STREAM, PF_UNIX);
	ok(fd >= 0, "protocol PF_UNIX is accepted");
	close(fd);
	expect_errno(syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM | 0x100, 0, 0),
		     EINVAL);
	expect_errno(syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, KERNEL_PTR),
		     EFAULT);
	expect_errno(syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, 1), EFAULT);
}

/* Families this kernel may not have: a real socket or EAFNOSUPPORT. */
static void test_other_families(void)
{
	static const int fams[] = { AF_INET, AF_INET6, AF_NETLINK, AF_PACKET };
	unsigned int i;

	for (i = 0; i < sizeof(fams) / sizeof(fams[0]); i++) {
		int fd = socket(fams[i], SOCK_DGRAM, 0);
		int type = -1;
		socklen_t len = sizeof(type);

		if (fd >= 0) {
			getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len);
			ok(type == SOCK_DGRAM,
			   "family %d exists here and is a real socket", fams[i]);
			close(fd);
		} else {
			ok(errno == EAFNOSUPPORT || errno == EPERM,
			   "family %d: EAFNOSUPPORT when absent (errno %d)",
			   fams[i], errno);
		}
	}
}

static int get_int_opt(int fd, int opt)
{
	int v = -12345;
	socklen_t len = sizeof(v);

	if (getsockopt(fd, SOL_SOCKET, opt, &v, &len) < 0)
		return -errno * 1000;
	return v;
}

static void test_types(void)
{
	int fd;

	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	is(get_int_opt(fd, SO_TYPE), SOCK_STREAM, "SO_TYPE of a stream socket");
	is(get_int_opt(fd, SO_DOMAIN), AF_UNIX, "SO_DOMAIN is AF_UNIX");
	is(get_int_opt(fd, SO_PROTOCOL), 0, "SO_PROTOCOL is 0");
	is(get_int_opt(fd, SO_ACCEPTCONN), 0, "SO_ACCEPTCONN of a new socket");
	close(fd);
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	is(get_int_opt(fd, SO_TYPE), SOCK_DGRAM, "SO_TYPE of a dgram socket");
	close(fd);
	fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	is(get_int_opt(fd, SO_TYPE), SOCK_SEQPACKET, "SO_TYPE of seqpacket");
	close(fd);
	fd = socket(AF_UNIX, SOCK_RAW, 0);
	ok(fd >= 0, "AF_UNIX SOCK_RAW is accepted");
	is(get_int_opt(fd, SO_TYPE), SOCK_DGRAM, "... and is a dgram socket");
	close(fd);
	fd = socket(AF_UNIX, SOCK_STREAM, PF_UNIX);
	is(get_int_opt(fd, SO_PROTOCOL), 0, "SO_PROTOCOL 0 even when asked 1");
	close(fd);
}

static void test_file(void)
{
	struct stat st;
	char link[64], target[64], want[64];
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	ssize_t n;

	ok(fd >= 0, "socket with SOCK_CLOEXEC|SOCK_NONBLOCK");
	is(fcntl(fd, F_GETFD), FD_CLOEXEC, "SOCK_CLOEXEC");
	is(fcntl(fd, F_GETFL), O_RDWR | O_NONBLOCK, "O_RDWR|O_NONBLOCK");
	expect_ok(fcntl(fd, F_SETFL, 0));
	is(fcntl(fd, F_GETFL), O_RDWR, "F_SETFL clears O_NONBLOCK");
	expect_ok(sys_fstat(fd, &st));
	ok(S_ISSOCK(st.st_mode), "fstat: S_IFSOCK");
	is(st.st_mode & 07777, 0777, "a socket inode is mode 0777");
	is(st.st_size, 0, "st_size 0");
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof(target) - 1);
	ok(n > 0, "readlink of the fd");
	target[n > 0 ? n : 0] = 0;
	snprintf(want, sizeof(want), "socket:[%lu]", (unsigned long)st.st_ino);
	is_str(target, want, "/proc/self/fd shows socket:[inode]");
	expect_errno(lseek(fd, 0, SEEK_SET), ESPIPE);
	expect_errno(pread(fd, link, 1, 0), ESPIPE);
	expect_errno(pwrite(fd, link, 1, 0), ESPIPE);
	close(fd);
}

static void test_not_socket(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	socklen_t len = sizeof(a);
	int fd = open("/dev/null", O_RDWR), v;
	char c;
	struct msghdr m = { 0 };

	expect_errno(bind(fd, (struct sockaddr *)&a, sizeof(a)), ENOTSOCK);
	expect_errno(connect(fd, (struct sockaddr *)&a, sizeof(a)), ENOTSOCK);
	expect_errno(listen(fd, 1), ENOTSOCK);
	expect_errno(accept(fd, NULL, NULL), ENOTSOCK);
	expect_errno(accept4(fd, NULL, NULL, 0), ENOTSOCK);
	expect_errno(getsockname(fd, (struct sockaddr *)&a, &len), ENOTSOCK);
	expect_errno(getpeername(fd, (struct sockaddr *)&a, &len), ENOTSOCK);
	expect_errno(shutdown(fd, SHUT_RD), ENOTSOCK);
	expect_errno(send(fd, "x", 1, 0), ENOTSOCK);
	expect_errno(recv(fd, &c, 1, 0), ENOTSOCK);
	expect_errno(sendmsg(fd, &m, 0), ENOTSOCK);
	expect_errno(recvmsg(fd, &m, 0), ENOTSOCK);
	len = sizeof(v);
	expect_errno(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len), ENOTSOCK);
	expect_errno(setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &v, sizeof(v)),
		     ENOTSOCK);
	close(fd);
	expect_errno(listen(-1, 1), EBADF);
	expect_errno(send(999, "x", 1, 0), EBADF);
	/* Raw syscalls: musl retries a failed accept4 as accept. The fd
	 * is looked at first, then the flags, then whether it is a socket. */
	expect_errno(syscall(SYS_accept4, -1, 0, 0, 0x1000), EBADF);
	expect_errno(syscall(SYS_accept4, 0, 0, 0, 0x1000), EINVAL);
	expect_errno(syscall(SYS_sendmsg, -1, &m, MSG_CMSG_COMPAT), EINVAL);
	expect_errno(syscall(SYS_recvmsg, -1, &m, MSG_CMSG_COMPAT), EINVAL);
	expect_errno(setsockopt(-1, SOL_SOCKET, SO_PASSCRED, &v, -1), EINVAL);
}

static void test_efault(void)
{
	int sv[2], v = 1;
	socklen_t len = sizeof(v);
	struct msghdr m = { 0 };

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	expect_errno(send(sv[0], KERNEL_PTR, 4, 0), EFAULT);
	expect_errno(send(sv[0], (void *)8, 4, 0), EFAULT);
	write(sv[0], "abcd", 4);
	expect_errno(recv(sv[1], KERNEL_PTR, 4, 0), EFAULT);
	expect_errno(recv(sv[1], (void *)8, 4, 0), EFAULT);
	/* Raw: musl copies the msghdr itself. */
	expect_errno(syscall(SYS_sendmsg, sv[0], KERNEL_PTR, 0), EFAULT);
	expect_errno(syscall(SYS_recvmsg, sv[1], 8, 0), EFAULT);
	expect_errno(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, KERNEL_PTR, &len),
		     EFAULT);
	expect_errno(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v,
				(socklen_t *)KERNEL_PTR), EFAULT);
	expect_errno(setsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, KERNEL_PTR,
				sizeof(int)), EFAULT);
	m.msg_iovlen = 1025;
	expect_errno(syscall(SYS_sendmsg, sv[0], &m, 0), EMSGSIZE);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	test_create_errors();
	test_other_families();
	test_types();
	test_file();
	test_not_socket();
	test_efault();
	return tap_done();
}
