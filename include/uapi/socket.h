/* Linux x86-64 socket ABI: families, types, flags, options, msghdr. */
#ifndef UAPI_SOCKET_H
#define UAPI_SOCKET_H

#include <tine/types.h>
#include <tine/uio.h>

/* Address families (AF_MAX as Linux 6.1: anything at or above it is
 * EAFNOSUPPORT before any other check). */
#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_LOCAL AF_UNIX
#define AF_INET 2
#define AF_INET6 10
#define AF_NETLINK 16
#define AF_PACKET 17
#define AF_MAX 46
#define PF_UNIX AF_UNIX

/* Socket types; the high bits of socket()'s type are flags. */
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOCK_RDM 4
#define SOCK_SEQPACKET 5
#define SOCK_DCCP 6
#define SOCK_PACKET 10
#define SOCK_MAX (SOCK_PACKET + 1)
#define SOCK_TYPE_MASK 0xf
#define SOCK_CLOEXEC 02000000
#define SOCK_NONBLOCK 04000

/* send/recv flags */
#define MSG_OOB 0x1
#define MSG_PEEK 0x2
#define MSG_DONTROUTE 0x4
#define MSG_CTRUNC 0x8
#define MSG_TRUNC 0x20
#define MSG_DONTWAIT 0x40
#define MSG_EOR 0x80
#define MSG_WAITALL 0x100
#define MSG_NOSIGNAL 0x4000
#define MSG_MORE 0x8000
#define MSG_WAITFORONE 0x10000
#define MSG_BATCH 0x40000
#define MSG_CMSG_CLOEXEC 0x40000000
#define MSG_CMSG_COMPAT 0x80000000

/* shutdown() how */
#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2

/* Levels */
#define SOL_SOCKET 1

/* SOL_SOCKET options */
#define SO_DEBUG 1
#define SO_REUSEADDR 2
#define SO_TYPE 3
#define SO_ERROR 4
#define SO_DONTROUTE 5
#define SO_BROADCAST 6
#define SO_SNDBUF 7
#define SO_RCVBUF 8
#define SO_KEEPALIVE 9
#define SO_OOBINLINE 10
#define SO_NO_CHECK 11
#define SO_PRIORITY 12
#define SO_LINGER 13
#define SO_BSDCOMPAT 14
#define SO_REUSEPORT 15
#define SO_PASSCRED 16
#define SO_PEERCRED 17
#define SO_RCVLOWAT 18
#define SO_SNDLOWAT 19
#define SO_RCVTIMEO_OLD 20
#define SO_SNDTIMEO_OLD 21
#define SO_PEERNAME 28
#define SO_TIMESTAMP_OLD 29
#define SO_ACCEPTCONN 30
#define SO_PEERSEC 31
#define SO_SNDBUFFORCE 32
#define SO_RCVBUFFORCE 33
#define SO_PASSSEC 34
#define SO_TIMESTAMPNS_OLD 35
#define SO_MARK 36
#define SO_PROTOCOL 38
#define SO_DOMAIN 39
#define SO_RXQ_OVFL 40
#define SO_PEEK_OFF 42
#define SO_BUSY_POLL 46
#define SO_INCOMING_CPU 49
#define SO_COOKIE 57
#define SO_PEERGROUPS 59
#define SO_ZEROCOPY 60
#define SO_TIMESTAMP_NEW 63
#define SO_TIMESTAMPNS_NEW 64
#define SO_RCVTIMEO_NEW 66
#define SO_SNDTIMEO_NEW 67

/* Control messages */
#define SCM_RIGHTS 0x01
#define SCM_CREDENTIALS 0x02
#define SCM_TIMESTAMP SO_TIMESTAMP_OLD
#define SCM_TIMESTAMPNS SO_TIMESTAMPNS_OLD
#define SCM_MAX_FD 253

/* Socket ioctls */
#define SIOCINQ 0x541B			/* = FIONREAD */
#define SIOCOUTQ 0x5411			/* = TIOCOUTQ */
#define SIOCUNIXFILE 0x89E0		/* SIOCPROTOPRIVATE */
#define SIOCATMARK 0x8905

struct sockaddr {
	unsigned short sa_family;
	char sa_data[14];
};

/* The largest address any family uses: every syscall copies into one. */
struct sockaddr_storage {
	unsigned short ss_family;
	char __data[126];
} __aligned(8);

#define UNIX_PATH_MAX 108
struct sockaddr_un {
	unsigned short sun_family;
	char sun_path[UNIX_PATH_MAX];
};

/* The user's msghdr (recvmsg/sendmsg). */
struct user_msghdr {
	void __user *msg_name;
	int msg_namelen;
	struct iovec __user *msg_iov;
	size_t msg_iovlen;
	void __user *msg_control;
	size_t msg_controllen;
	unsigned int msg_flags;
};

struct mmsghdr {
	struct user_msghdr msg_hdr;
	unsigned int msg_len;
};

struct cmsghdr {
	size_t cmsg_len;
	int cmsg_level;
	int cmsg_type;
};

#define CMSG_ALIGN(len) (((len) + sizeof(long) - 1) & ~(sizeof(long) - 1))
#define CMSG_DATA_OFF CMSG_ALIGN(sizeof(struct cmsghdr))
#define CMSG_LEN(len) (CMSG_DATA_OFF + (len))
#define CMSG_SPACE(len) (CMSG_DATA_OFF + CMSG_ALIGN(len))

struct ucred {
	u32 pid;
	u32 uid;
	u32 gid;
};

struct linger {
	int l_onoff;
	int l_linger;
};

#endif
