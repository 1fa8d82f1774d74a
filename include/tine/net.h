/*
 * The socket layer: struct socket (the file's side of a socket), the
 * operations a protocol family provides (struct proto_ops), and the
 * kernel's view of a message (struct msghdr). See docs/net.md.
 *
 * A socket file lives on the internal sockfs; its inode's i_private is
 * the struct socket, whose sk is the family's struct sock (tine/sock.h).
 * Locking: sock->state and sock->sk are changed only by the family under
 * its sock's lock; the rest is fixed once the file exists.
 */
#ifndef TINE_NET_H
#define TINE_NET_H

#include <tine/fs.h>
#include <tine/types.h>
#include <tine/uio.h>
#include <uapi/socket.h>

struct file;
struct sock;
struct socket;
struct poll_table;

/* sock->state */
enum {
	SS_FREE,
	SS_UNCONNECTED,			/* not connected to anything */
	SS_CONNECTING,
	SS_CONNECTED,
	SS_DISCONNECTING,
};

struct socket {
	int state;			/* [sk lock] SS_* */
	short type;			/* [I] SOCK_STREAM, ... */
	struct file *file;		/* [I] its file (not a reference) */
	struct inode *inode;		/* [I] its sockfs inode */
	struct sock *sk;		/* the family's sock; NULL once released */
	const struct proto_ops *ops;	/* [I] the family's operations */
};

/*
 * A message on its way through sendmsg/recvmsg. msg_name is a kernel
 * sockaddr_storage. On send, msg_control is a kernel copy of the
 * control buffer; on receive it is the user's buffer
 * (msg_control_is_user) that put_cmsg() fills and advances.
 */
struct msghdr {
	void *msg_name;			/* sockaddr_storage or NULL */
	int msg_namelen;		/* its length in/out */
	struct iov_iter msg_iter;	/* the data */
	union {
		void *msg_control;
		void __user *msg_control_user;
	};
	size_t msg_controllen;		/* bytes left in the control buffer */
	bool msg_control_is_user;
	unsigned int msg_flags;		/* send: the flags; recv: MSG_TRUNC... */
};

struct proto_ops {
	int family;
	int (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, struct sockaddr *addr, int len);
	int (*connect)(struct socket *sock, struct sockaddr *addr, int len,
		       int file_flags);
	int (*socketpair)(struct socket *a, struct socket *b);
	int (*accept)(struct socket *sock, struct socket *newsock,
		      int file_flags);
	/* The address into addr (a sockaddr_storage): its length or -err. */
	int (*getname)(struct socket *sock, struct sockaddr *addr, int peer);
	unsigned int (*poll)(struct file *f, struct socket *sock,
			     struct poll_table *pt);
	/* -ENOIOCTLCMD for commands it does not know. */
	int (*ioctl)(struct socket *sock, unsigned int cmd,
		     unsigned long arg);
	int (*listen)(struct socket *sock, int backlog);
	int (*shutdown)(struct socket *sock, int how);
	int (*sendmsg)(struct socket *sock, struct msghdr *m, size_t len);
	int (*recvmsg)(struct socket *sock, struct msghdr *m, size_t len,
		       int flags);
	/* SO_PEEK_OFF (NULL: EOPNOTSUPP). */
	int (*set_peek_off)(struct sock *sk, int val);
	/* Options at levels other than SOL_SOCKET (NULL: EOPNOTSUPP). */
	int (*setsockopt)(struct socket *sock, int level, int optname,
			  const void __user *optval, int optlen);
	int (*getsockopt)(struct socket *sock, int level, int optname,
			  void __user *optval, int __user *optlen);
};

/* A protocol family: create fills sock->ops and sock->sk. */
struct net_proto_family {
	int family;
	int (*create)(struct socket *sock, int protocol);
};

#define ENOIOCTLCMD 515			/* kernel-internal: "not mine" */

/* net/socket.c */
void sock_init(void);
/* The socket of a file, or NULL when it is not a socket. */
struct socket *sock_from_file(struct file *f);
/* The socket of fd with a file reference: *err = -EBADF/-ENOTSOCK. */
struct socket *sockfd_lookup(int fd, int *err);
/* Drop sockfd_lookup()'s reference (and run deferred fputs). */
void sockfd_put(struct socket *sock);
/* A new, empty socket with its sockfs inode (no file yet), or NULL. */
struct socket *sock_alloc(void);
/* Create a socket of family/type/protocol (family checks as Linux). */
int sock_create(int family, int type, int protocol, struct socket **res);
/* Free a socket that never got a file (after ->release). */
void sock_release(struct socket *sock);
/* Give sock a file (O_RDWR | flags & O_NONBLOCK); ERR_PTR on failure,
 * and then the socket has been released. */
struct file *sock_alloc_file(struct socket *sock, int flags);
int sock_sendmsg(struct socket *sock, struct msghdr *m);
int sock_recvmsg(struct socket *sock, struct msghdr *m, int flags);
/* A socket file's bytes for splice (SPLICE_F_NONBLOCK as Linux). */
ssize_t sock_splice_read(struct file *f, void *buf, size_t n, bool nonblock);
/* Copy a user address (at most sizeof(sockaddr_storage)) in/out. */
int move_addr_to_kernel(void __user *uaddr, int ulen,
			struct sockaddr_storage *kaddr);
int move_addr_to_user(struct sockaddr_storage *kaddr, int klen,
		      void __user *uaddr, int __user *ulen);

/* net/af_unix.c */
extern const struct net_proto_family unix_family_ops;
/* net/af_netlink.c */
extern const struct net_proto_family netlink_family_ops;

#endif
