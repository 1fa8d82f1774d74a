/*
 * The socket layer: sockfs (socket files and their inodes), the file
 * operations every socket shares, the protocol-family table, and the
 * syscalls that create, name and connect sockets. Sending and receiving
 * are in socket_msg.c, SOL_SOCKET options in sockopt.c.
 *
 * Every syscall checks what Linux's net/socket.c checks, in its order,
 * so the same errno comes out (flags before the fd, the fd before the
 * address...). The family does the rest through sock->ops.
 */
#include <tine/err.h>
#include <tine/mm.h>
#include <tine/net_namespace.h>
#include <tine/poll.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/sock.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/ioctl.h>
#include <uapi/stat.h>
#include "af_unix.h"

#define SOCKFS_MAGIC 0x534F434B

static struct vfsmount *sock_mnt;
static const struct file_operations socket_file_ops;

/* The families this kernel has; the rest are EAFNOSUPPORT. */
static const struct net_proto_family *const net_families[AF_MAX] = {
	[AF_UNIX] = &unix_family_ops,
	[AF_NETLINK] = &netlink_family_ops,
};

/* sock_from_file - see net.h. */
struct socket *sock_from_file(struct file *f)
{
	return f->f_op == &socket_file_ops ? f->f_inode->i_private : NULL;
}

/* sockfd_lookup - see net.h. */
struct socket *sockfd_lookup(int fd, int *err)
{
	struct file *f = fget(fd);
	struct socket *sock;

	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	sock = sock_from_file(f);
	if (!sock) {
		*err = -ENOTSOCK;
		fput(f);
	}
	return sock;
}

/* sockfd_put - see net.h. May sleep. */
void sockfd_put(struct socket *sock)
{
	fput(sock->file);
	scm_run_deferred_fput();
}

/* sock_alloc - see net.h. */
struct socket *sock_alloc(void)
{
	struct inode *i = new_inode(sock_mnt->mnt_sb);
	struct socket *sock = kzalloc(sizeof(*sock));

	if (!i || !sock) {
		kfree(sock);
		if (i)
			iput(i);
		return NULL;
	}
	i->i_mode = S_IFSOCK | 0777;
	i->i_uid = current_fsuid();
	i->i_gid = current_fsgid();
	i->i_private = sock;
	sock->inode = i;
	sock->state = SS_UNCONNECTED;
	return sock;
}

/*
 * sock_release - let the family go of sock, then drop the inode (which
 * frees the socket) unless a file still owns it. May sleep.
 */
void sock_release(struct socket *sock)
{
	if (sock->ops) {
		sock->ops->release(sock);
		sock->ops = NULL;
	}
	if (!sock->file)
		iput(sock->inode);
	scm_run_deferred_fput();
}

/* sock_alloc_file - see net.h. */
struct file *sock_alloc_file(struct socket *sock, int flags)
{
	struct path p = { sock_mnt, d_alloc(sock_mnt->mnt_root, "", 0) };
	struct file *f;

	if (!p.dentry) {
		sock_release(sock);
		return ERR_PTR(-ENOMEM);
	}
	d_instantiate(p.dentry, sock->inode);	/* takes the inode's reference */
	f = alloc_file(&p, O_RDWR | (flags & O_NONBLOCK), &socket_file_ops);
	if (IS_ERR(f)) {
		if (sock->ops)
			sock->ops->release(sock);
		sock->ops = NULL;
		dput(p.dentry);		/* the last reference: frees sock */
		scm_run_deferred_fput();
		return f;
	}
	dput(p.dentry);
	f->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	f->private_data = sock;
	sock->file = f;
	return f;
}

/* sock_create - see net.h. */
int sock_create(int family, int type, int protocol, struct socket **res)
{
	const struct net_proto_family *pf;
	struct socket *sock;
	int err;

	if (family < 0 || family >= AF_MAX)
		return -EAFNOSUPPORT;
	if (type < 0 || type >= SOCK_MAX)
		return -EINVAL;
	sock = sock_alloc();
	if (!sock)
		return -ENFILE;
	sock->type = type;
	pf = net_families[family];
	err = pf ? pf->create(sock, protocol) : -EAFNOSUPPORT;
	if (err) {
		sock->ops = NULL;
		sock_release(sock);
		return err;
	}
	*res = sock;
	return 0;
}

/* sock_sendmsg - the family's sendmsg over the whole iterator. */
int sock_sendmsg(struct socket *sock, struct msghdr *m)
{
	return sock->ops->sendmsg(sock, m, iov_iter_count(&m->msg_iter));
}

/* sock_recvmsg - the family's recvmsg for the iterator's room. */
int sock_recvmsg(struct socket *sock, struct msghdr *m, int flags)
{
	return sock->ops->recvmsg(sock, m, iov_iter_count(&m->msg_iter),
				  flags);
}

static ssize_t sock_read_iter(struct file *f, struct iov_iter *to)
{
	struct socket *sock = f->private_data;
	struct msghdr m = { .msg_iter = *to };
	int flags = (READ_ONCE(f->f_flags) & O_NONBLOCK) ? MSG_DONTWAIT : 0;

	if (!iov_iter_count(to))
		return 0;
	return sock_recvmsg(sock, &m, flags);
}

/*
 * sock_splice_read - up to n bytes of f's socket into the kernel buffer
 * buf, for splice. As Linux, a stream socket (unix_stream_splice_read)
 * does not wait when nonblock (SPLICE_F_NONBLOCK) is set; other types go
 * the way of read(2), where only the file's O_NONBLOCK counts. Bytes,
 * 0 at end of stream, or -errno. May sleep; no lock held.
 */
ssize_t sock_splice_read(struct file *f, void *buf, size_t n, bool nonblock)
{
	struct socket *sock = f->private_data;
	struct kvec kv = { buf, n };
	struct msghdr m = { 0 };
	int flags = (READ_ONCE(f->f_flags) & O_NONBLOCK) ? MSG_DONTWAIT : 0;

	if (nonblock && sock->type == SOCK_STREAM)
		flags |= MSG_DONTWAIT;
	if (!n)
		return 0;
	iov_iter_kvec(&m.msg_iter, &kv, 1, n);
	return sock_recvmsg(sock, &m, flags);
}

static ssize_t sock_write_iter(struct file *f, struct iov_iter *from)
{
	struct socket *sock = f->private_data;
	struct msghdr m = { .msg_iter = *from };

	if (READ_ONCE(f->f_flags) & O_NONBLOCK)
		m.msg_flags = MSG_DONTWAIT;
	if (sock->type == SOCK_SEQPACKET)
		m.msg_flags |= MSG_EOR;
	return sock_sendmsg(sock, &m);
}

static ssize_t sock_read(struct file *f, char __user *buf, size_t n,
			 off_t *pos)
{
	struct iovec iov;
	struct iov_iter it;
	int err = import_single_range(buf, n, &iov, &it);

	return err ? err : sock_read_iter(f, &it);
}

static ssize_t sock_write(struct file *f, const char __user *buf, size_t n,
			  off_t *pos)
{
	struct iovec iov;
	struct iov_iter it;
	int err = import_single_range((void __user *)buf, n, &iov, &it);

	return err ? err : sock_write_iter(f, &it);
}

/*
 * sendfile into a socket: a kernel buffer through the same sendmsg (as
 * Linux, each call to a dgram or seqpacket socket is one message, and
 * sendfile calls it a page at a time). There is no ->kread: Linux's
 * sendfile wants a regular file or block device as input (EINVAL).
 */
static ssize_t sock_kwrite(struct file *f, const void *buf, size_t n,
			   off_t *pos)
{
	struct socket *sock = f->private_data;
	struct kvec kv = { (void *)buf, n };
	struct msghdr m = { 0 };

	iov_iter_kvec(&m.msg_iter, &kv, 1, n);
	if (READ_ONCE(f->f_flags) & O_NONBLOCK)
		m.msg_flags = MSG_DONTWAIT;
	return sock_sendmsg(sock, &m);
}

static unsigned int sock_poll(struct file *f, struct poll_table *pt)
{
	struct socket *sock = f->private_data;

	return sock->ops->poll(f, sock, pt);
}

static long sock_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct socket *sock = f->private_data;
	long err = sock->ops->ioctl(sock, cmd, arg);

	/* Device ioctls work on any socket, for its network namespace. */
	if (err == -ENOIOCTLCMD && sock->sk)
		err = dev_ioctl(sock_net(sock->sk), cmd, (void __user *)arg);
	return err == -ENOIOCTLCMD ? -ENOTTY : err;
}

/* The last reference to a socket file: the family releases it. */
static int sock_close(struct inode *i, struct file *f)
{
	struct socket *sock = f->private_data;

	if (sock->ops)
		sock->ops->release(sock);
	sock->ops = NULL;
	scm_run_deferred_fput();
	return 0;
}

/* O_ASYNC on a socket: SIGIO when data arrives (sk_wake_async()). */
static int sock_fasync(int fd, struct file *f, int on)
{
	struct socket *sock = sock_from_file(f);

	if (!sock || !sock->sk)
		return -EINVAL;
	return fasync_helper(fd, f, on, &sock->sk->sk_fasync);
}

static const struct file_operations socket_file_ops = {
	.fasync = sock_fasync,
	.read = sock_read,
	.write = sock_write,
	.read_iter = sock_read_iter,
	.write_iter = sock_write_iter,
	.kwrite = sock_kwrite,
	.llseek = no_llseek,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
	.release = sock_close,
};

/* The inode is going: the socket goes with it. */
static void sockfs_evict_inode(struct inode *i)
{
	kfree(i->i_private);
	i->i_private = NULL;
}

static char *sockfs_dname(struct dentry *d, char *buf, size_t len)
{
	snprintf(buf, len, "socket:[%lu]", d->d_inode->i_ino);
	return buf;
}

static const struct super_operations sockfs_ops = {
	.evict_inode = sockfs_evict_inode,
	.d_dname = sockfs_dname,
};

static struct super_block *sockfs_mount(struct file_system_type *t,
					int flags, const char *dev, void *data)
{
	return mount_pseudo(t, &sockfs_ops, SOCKFS_MAGIC, 0600);
}

static struct file_system_type sock_fs_type = {
	.name = "sockfs",
	.nodev = true,
	.mount = sockfs_mount,
	.kill_sb = kill_anon_super,
};

/* sock_init - mount the internal sockfs (boot). */
void sock_init(void)
{
	sock_mnt = kern_mount(&sock_fs_type);
	if (IS_ERR(sock_mnt))
		panic("sock_init: %ld", PTR_ERR(sock_mnt));
	unix_init();
}

/* move_addr_to_kernel - see net.h: 0, -EINVAL (length), -EFAULT. */
int move_addr_to_kernel(void __user *uaddr, int ulen,
			struct sockaddr_storage *kaddr)
{
	memset(kaddr, 0, sizeof(*kaddr));
	if (ulen < 0 || ulen > (int)sizeof(*kaddr))
		return -EINVAL;
	if (ulen && copy_from_user(kaddr, uaddr, ulen))
		return -EFAULT;
	return 0;
}

/*
 * move_addr_to_user - copy klen bytes of address out, truncated to the
 * user's *ulen, and store the full klen in *ulen (POSIX: the length
 * before truncation). 0, -EFAULT, or -EINVAL for a negative *ulen.
 */
int move_addr_to_user(struct sockaddr_storage *kaddr, int klen,
		      void __user *uaddr, int __user *ulen)
{
	int len;

	if (get_user(len, ulen))
		return -EFAULT;
	if (len > klen)
		len = klen;
	if (len < 0)
		return -EINVAL;
	if (len && copy_to_user(uaddr, kaddr, len))
		return -EFAULT;
	return put_user(klen, ulen) ? -EFAULT : 0;
}

/* A new fd for sock; on failure the socket is released. */
static int sock_map_fd(struct socket *sock, int flags)
{
	struct file *f;
	int fd = get_unused_fd_flags(flags & O_CLOEXEC);

	if (fd < 0) {
		sock_release(sock);
		return fd;
	}
	f = sock_alloc_file(sock, flags);
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		return PTR_ERR(f);
	}
	fd_install(fd, f);
	return fd;
}

static long sys_socket(int family, int type, int protocol)
{
	int flags = type & ~SOCK_TYPE_MASK;
	struct socket *sock;
	int err;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	err = sock_create(family, type & SOCK_TYPE_MASK, protocol, &sock);
	if (err)
		return err;
	return sock_map_fd(sock, flags);
}
SYSCALL_ENTRY(socket, sys_socket);

/* Two connected sockets of a new pair, or -err. */
static int socketpair_create(int family, int type, int protocol,
			     struct socket **s1, struct socket **s2)
{
	int err = sock_create(family, type, protocol, s1);

	if (err)
		return err;
	err = sock_create(family, type, protocol, s2);
	if (err) {
		sock_release(*s1);
		return err;
	}
	err = (*s1)->ops->socketpair ? (*s1)->ops->socketpair(*s1, *s2)
				     : -EOPNOTSUPP;
	if (err) {
		sock_release(*s2);
		sock_release(*s1);
	}
	return err;
}

static long sys_socketpair(int family, int type, int protocol,
			   int __user *usv)
{
	int flags = type & ~SOCK_TYPE_MASK, fd1, fd2, err;
	struct socket *s1, *s2;
	struct file *f1, *f2;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	fd1 = get_unused_fd_flags(flags & O_CLOEXEC);
	if (fd1 < 0)
		return fd1;
	fd2 = get_unused_fd_flags(flags & O_CLOEXEC);
	err = fd2;
	if (fd2 < 0)
		goto out_fd1;
	err = -EFAULT;
	if (put_user(fd1, &usv[0]) || put_user(fd2, &usv[1]))
		goto out_fd2;
	err = socketpair_create(family, type & SOCK_TYPE_MASK, protocol, &s1,
				&s2);
	if (err)
		goto out_fd2;
	f1 = sock_alloc_file(s1, flags);
	if (IS_ERR(f1)) {
		sock_release(s2);
		err = PTR_ERR(f1);
		goto out_fd2;
	}
	f2 = sock_alloc_file(s2, flags);
	if (IS_ERR(f2)) {
		fput(f1);
		err = PTR_ERR(f2);
		goto out_fd2;
	}
	fd_install(fd1, f1);
	fd_install(fd2, f2);
	return 0;

out_fd2:
	put_unused_fd(fd2);
out_fd1:
	put_unused_fd(fd1);
	return err;
}
SYSCALL_ENTRY(socketpair, sys_socketpair);

static long sys_bind(int fd, void __user *uaddr, int len)
{
	struct sockaddr_storage addr;
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = move_addr_to_kernel(uaddr, len, &addr);
	if (!err)
		err = sock->ops->bind(sock, (struct sockaddr *)&addr, len);
	sockfd_put(sock);
	return err;
}
SYSCALL_ENTRY(bind, sys_bind);

static long sys_listen(int fd, int backlog)
{
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	if ((unsigned int)backlog > SOMAXCONN)
		backlog = SOMAXCONN;
	err = sock->ops->listen(sock, backlog);
	sockfd_put(sock);
	return err;
}
SYSCALL_ENTRY(listen, sys_listen);

/*
 * The accept of accept/accept4: a file for the new socket is made
 * first, the family fills it, and only once the peer's address is out
 * does the fd appear.
 */
static long do_accept(struct socket *sock, void __user *uaddr,
		      int __user *ulen, int flags)
{
	struct sockaddr_storage addr;
	struct socket *newsock = sock_alloc();
	struct file *f;
	int fd, err, len;

	if (!newsock)
		return -ENFILE;
	newsock->type = sock->type;
	newsock->ops = sock->ops;
	fd = get_unused_fd_flags(flags & O_CLOEXEC);
	if (fd < 0) {
		newsock->ops = NULL;
		sock_release(newsock);
		return fd;
	}
	f = sock_alloc_file(newsock, flags);
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		return PTR_ERR(f);
	}
	err = sock->ops->accept(sock, newsock, READ_ONCE(sock->file->f_flags));
	if (!err && uaddr) {
		len = newsock->ops->getname(newsock, (struct sockaddr *)&addr,
					    1);
		err = len < 0 ? -ECONNABORTED
			      : move_addr_to_user(&addr, len, uaddr, ulen);
	}
	if (err) {
		fput(f);
		put_unused_fd(fd);
		return err;
	}
	fd_install(fd, f);
	return fd;
}

/* accept4 checks the fd, then the flags, then that it is a socket. */
static long sys_accept4(int fd, void __user *uaddr, int __user *ulen,
			int flags)
{
	struct file *f = fget(fd);
	struct socket *sock;
	long r;

	if (!f)
		return -EBADF;
	r = -EINVAL;
	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		goto out;
	r = -ENOTSOCK;
	sock = sock_from_file(f);
	if (sock)
		r = do_accept(sock, uaddr, ulen, flags);
out:
	fput(f);
	scm_run_deferred_fput();
	return r;
}
SYSCALL_ENTRY(accept4, sys_accept4);

static long sys_accept(int fd, void __user *uaddr, int __user *ulen)
{
	return sys_accept4(fd, uaddr, ulen, 0);
}
SYSCALL_ENTRY(accept, sys_accept);

static long sys_connect(int fd, void __user *uaddr, int len)
{
	struct sockaddr_storage addr;
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = move_addr_to_kernel(uaddr, len, &addr);
	if (!err)
		err = sock->ops->connect(sock, (struct sockaddr *)&addr, len,
					 READ_ONCE(sock->file->f_flags));
	sockfd_put(sock);
	return err;
}
SYSCALL_ENTRY(connect, sys_connect);

static long do_getname(int fd, void __user *uaddr, int __user *ulen,
		       int peer)
{
	struct sockaddr_storage addr;
	struct socket *sock;
	int err, len;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	memset(&addr, 0, sizeof(addr));
	len = sock->ops->getname(sock, (struct sockaddr *)&addr, peer);
	err = len < 0 ? len : move_addr_to_user(&addr, len, uaddr, ulen);
	sockfd_put(sock);
	return err;
}

static long sys_getsockname(int fd, void __user *uaddr, int __user *ulen)
{
	return do_getname(fd, uaddr, ulen, 0);
}
SYSCALL_ENTRY(getsockname, sys_getsockname);

static long sys_getpeername(int fd, void __user *uaddr, int __user *ulen)
{
	return do_getname(fd, uaddr, ulen, 1);
}
SYSCALL_ENTRY(getpeername, sys_getpeername);

static long sys_shutdown(int fd, int how)
{
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = sock->ops->shutdown(sock, how);
	sockfd_put(sock);
	return err;
}
SYSCALL_ENTRY(shutdown, sys_shutdown);

static long sys_setsockopt(int fd, int level, int optname,
			   void __user *optval, int optlen)
{
	struct socket *sock;
	int err;

	if (optlen < 0)
		return -EINVAL;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	if (level == SOL_SOCKET)
		err = sock_setsockopt(sock, optname, optval, optlen);
	else if (sock->ops->setsockopt)
		err = sock->ops->setsockopt(sock, level, optname, optval,
					    optlen);
	else
		err = -EOPNOTSUPP;	/* AF_UNIX has no other level */
	sockfd_put(sock);
	return err;
}
SYSCALL_ENTRY(setsockopt, sys_setsockopt);

static long sys_getsockopt(int fd, int level, int optname,
			   void __user *optval, int __user *optlen)
{
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	if (level == SOL_SOCKET)
		err = sock_getsockopt(sock, optname, optval, optlen);
	else if (sock->ops->getsockopt)
		err = sock->ops->getsockopt(sock, level, optname, optval,
					    optlen);
	else
		err = -EOPNOTSUPP;
	sockfd_put(sock);
	return err;
}
SYSCALL_ENTRY(getsockopt, sys_getsockopt);
