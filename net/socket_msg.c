/*
 * Sending and receiving: sendto, recvfrom, sendmsg, recvmsg, sendmmsg,
 * recvmmsg. Each builds a kernel msghdr (address, data iterator,
 * control buffer) with Linux's checks in Linux's order and hands it to
 * the family; recvmsg then writes back the address, the control length
 * used and the flags.
 */
#include <tine/err.h>
#include <tine/mm.h>
#include <tine/sched.h>
#include <tine/sock.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/stat.h>

#define INT_MAX 0x7fffffff
#define CTL_INLINE (sizeof(struct cmsghdr) + 20)

static long sys_sendto(int fd, void __user *buf, size_t len,
		       unsigned int flags, void __user *uaddr, int alen)
{
	struct sockaddr_storage addr;
	struct msghdr m = { 0 };
	struct socket *sock;
	struct iovec iov;
	int err = import_single_range(buf, len, &iov, &m.msg_iter);

	if (err)
		return err;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	if (uaddr) {
		err = move_addr_to_kernel(uaddr, alen, &addr);
		if (err)
			goto out;
		m.msg_name = &addr;
		m.msg_namelen = alen;
	}
	m.msg_flags = flags;
	if (READ_ONCE(sock->file->f_flags) & O_NONBLOCK)
		m.msg_flags |= MSG_DONTWAIT;
	err = sock_sendmsg(sock, &m);
out:
	sockfd_put(sock);
	return err;
}
SYSCALL_ENTRY(sendto, sys_sendto);

static long sys_recvfrom(int fd, void __user *buf, size_t size,
			 unsigned int flags, void __user *uaddr,
			 int __user *alen)
{
	struct sockaddr_storage addr;
	struct msghdr m = { 0 };
	struct socket *sock;
	struct iovec iov;
	int err = import_single_range(buf, size, &iov, &m.msg_iter);

	if (err)
		return err;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	memset(&addr, 0, sizeof(addr));
	m.msg_name = uaddr ? &addr : NULL;
	if (READ_ONCE(sock->file->f_flags) & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	err = sock_recvmsg(sock, &m, flags);
	if (err >= 0 && uaddr) {
		int err2 = move_addr_to_user(&addr, m.msg_namelen, uaddr,
					     alen);

		if (err2 < 0)
			err = err2;
	}
	sockfd_put(sock);
	return err;
}
SYSCALL_ENTRY(recvfrom, sys_recvfrom);

/*
 * The user's msghdr into m: the address (copied now for a send, its
 * user pointer saved in *uaddr for a receive), the iovec (in *iovp, to
 * free) and the control buffer's user pointer and length.
 */
static int copy_msghdr_from_user(struct msghdr *m,
				 struct user_msghdr __user *umsg,
				 void __user **uaddr, struct iovec **iovp)
{
	struct user_msghdr u;
	ssize_t r;

	*iovp = NULL;
	if (copy_from_user(&u, umsg, sizeof(u)))
		return -EFAULT;
	m->msg_control_user = u.msg_control;
	m->msg_control_is_user = true;
	m->msg_controllen = u.msg_controllen;
	m->msg_flags = u.msg_flags;
	m->msg_namelen = u.msg_name ? u.msg_namelen : 0;
	if (m->msg_namelen < 0)
		return -EINVAL;
	if (m->msg_namelen > (int)sizeof(struct sockaddr_storage))
		m->msg_namelen = sizeof(struct sockaddr_storage);
	if (uaddr)
		*uaddr = u.msg_name;
	if (u.msg_name && m->msg_namelen) {
		if (!uaddr) {
			r = move_addr_to_kernel(u.msg_name, m->msg_namelen,
						m->msg_name);
			if (r)
				return r;
		}
	} else {
		m->msg_name = NULL;
		m->msg_namelen = 0;
	}
	if (u.msg_iovlen > UIO_MAXIOV)
		return -EMSGSIZE;
	r = import_iovec(u.msg_iov, u.msg_iovlen, iovp, &m->msg_iter);
	return r < 0 ? r : 0;
}

/*
 * One sendmsg: the control buffer is copied into the kernel (at most
 * optmem_max bytes: -ENOBUFS), then the family sends. Returns bytes
 * sent or -err; m->msg_iter shows what was left.
 */
static long do_sendmsg(struct socket *sock, struct user_msghdr __user *umsg,
		       struct msghdr *m, unsigned int flags,
		       unsigned int allowed)
{
	struct sockaddr_storage addr;
	char ctl[CTL_INLINE] __aligned(sizeof(long));
	char *ctl_buf = ctl;
	struct iovec *iov;
	long err;

	m->msg_name = &addr;
	err = copy_msghdr_from_user(m, umsg, NULL, &iov);
	if (err)
		goto out;
	err = -ENOBUFS;
	if (m->msg_controllen > INT_MAX)
		goto out;
	flags |= m->msg_flags & allowed;
	if (m->msg_controllen) {
		if (m->msg_controllen > sizeof(ctl)) {
			if (m->msg_controllen >= SYSCTL_OPTMEM_MAX)
				goto out;
			ctl_buf = kmalloc(m->msg_controllen, GFP_KERNEL);
			if (!ctl_buf)
				goto out;
		}
		err = -EFAULT;
		if (copy_from_user(ctl_buf, m->msg_control_user,
				   m->msg_controllen))
			goto out_ctl;
		m->msg_control = ctl_buf;
		m->msg_control_is_user = false;
	}
	m->msg_flags = flags;
	if (READ_ONCE(sock->file->f_flags) & O_NONBLOCK)
		m->msg_flags |= MSG_DONTWAIT;
	err = sock_sendmsg(sock, m);
out_ctl:
	if (ctl_buf != ctl)
		kfree(ctl_buf);
out:
	kfree(iov);
	return err;
}

static long sys_sendmsg(int fd, struct user_msghdr __user *umsg,
			unsigned int flags)
{
	struct msghdr m = { 0 };
	struct socket *sock;
	long r;
	int err;

	if (flags & MSG_CMSG_COMPAT)
		return -EINVAL;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	r = do_sendmsg(sock, umsg, &m, flags, 0);
	sockfd_put(sock);
	return r;
}
SYSCALL_ENTRY(sendmsg, sys_sendmsg);

/*
 * One recvmsg: the family fills m; then the sender's address, the
 * flags and the control length used go back into the user's msghdr.
 */
static long do_recvmsg(struct socket *sock, struct user_msghdr __user *umsg,
		       unsigned int flags)
{
	struct sockaddr_storage addr;
	struct msghdr m = { 0 };
	void __user *uaddr;
	struct iovec *iov;
	unsigned long cmsg_ptr;
	long err, len;

	m.msg_name = &addr;
	err = copy_msghdr_from_user(&m, umsg, &uaddr, &iov);
	if (err)
		goto out;
	memset(&addr, 0, sizeof(addr));
	m.msg_name = &addr;
	m.msg_namelen = 0;
	cmsg_ptr = (unsigned long)m.msg_control_user;
	m.msg_flags = flags & (MSG_CMSG_CLOEXEC | MSG_CMSG_COMPAT);
	if (READ_ONCE(sock->file->f_flags) & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	err = sock_recvmsg(sock, &m, flags);
	if (err < 0)
		goto out;
	len = err;
	if (uaddr) {
		err = move_addr_to_user(&addr, m.msg_namelen, uaddr,
					&umsg->msg_namelen);
		if (err)
			goto out;
	}
	err = -EFAULT;
	if (put_user(m.msg_flags & ~MSG_CMSG_COMPAT, &umsg->msg_flags) ||
	    put_user((size_t)((unsigned long)m.msg_control_user - cmsg_ptr),
		     &umsg->msg_controllen))
		goto out;
	err = len;
out:
	kfree(iov);
	return err;
}

static long sys_recvmsg(int fd, struct user_msghdr __user *umsg,
			unsigned int flags)
{
	struct socket *sock;
	long r;
	int err;

	if (flags & MSG_CMSG_COMPAT)
		return -EINVAL;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	r = do_recvmsg(sock, umsg, flags);
	sockfd_put(sock);
	return r;
}
SYSCALL_ENTRY(recvmsg, sys_recvmsg);

/*
 * sendmmsg: up to vlen messages (capped at UIO_MAXIOV), each one's
 * length into msg_len; stops at the first error or partial send. The
 * count sent, or the error if none was.
 */
static long sys_sendmmsg(int fd, struct mmsghdr __user *mmsg,
			 unsigned int vlen, unsigned int flags)
{
	struct socket *sock;
	unsigned int n = 0;
	long err = 0;
	int e;

	if (flags & MSG_CMSG_COMPAT)
		return -EINVAL;
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;
	sock = sockfd_lookup(fd, &e);
	if (!sock)
		return e;
	while (n < vlen) {
		struct msghdr m = { 0 };

		err = do_sendmsg(sock, &mmsg[n].msg_hdr, &m,
				 flags | (n + 1 < vlen ? MSG_BATCH : 0),
				 MSG_EOR);
		if (err < 0)
			break;
		err = put_user((unsigned int)err, &mmsg[n].msg_len);
		if (err)
			break;
		n++;
		if (iov_iter_count(&m.msg_iter))
			break;
		cond_resched();
	}
	sockfd_put(sock);
	return n ? (long)n : err;
}
SYSCALL_ENTRY(sendmmsg, sys_sendmmsg);

#define NSEC_PER_SEC 1000000000LL

/*
 * recvmmsg's loop. The timeout (as Linux) is only looked at between
 * messages. An error after some messages is kept in SO_ERROR for the
 * next call (unless it was EAGAIN) and the count returned.
 */
static long do_recvmmsg(struct socket *sock, struct mmsghdr __user *mmsg,
			unsigned int vlen, unsigned int flags, u64 end,
			bool timed)
{
	unsigned int n = 0;
	long err = sock_error(sock->sk);

	if (err)
		return err;
	while (n < vlen) {
		err = do_recvmsg(sock, &mmsg[n].msg_hdr,
				 flags & ~MSG_WAITFORONE);
		if (err < 0)
			break;
		err = put_user((unsigned int)err, &mmsg[n].msg_len);
		if (err)
			break;
		n++;
		if (flags & MSG_WAITFORONE)
			flags |= MSG_DONTWAIT;
		if (timed && ktime_get_ns() >= end)
			break;
		cond_resched();
	}
	if (err == 0 || n == 0)
		return n ? (long)n : err;
	if (err != -EAGAIN) {
		spin_lock(&sock->sk->sk_lock);
		sock->sk->sk_err = -err;
		spin_unlock(&sock->sk->sk_lock);
	}
	return n;
}

static long sys_recvmmsg(int fd, struct mmsghdr __user *mmsg,
			 unsigned int vlen, unsigned int flags,
			 struct uapi_timespec __user *uts)
{
	struct uapi_timespec ts;
	struct socket *sock;
	u64 end = 0, now;
	long r;
	int err;

	if (flags & MSG_CMSG_COMPAT)
		return -EINVAL;
	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 ||
		    ts.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		end = ktime_get_ns() + ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	}
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	r = do_recvmmsg(sock, mmsg, vlen, flags, end, uts != NULL);
	sockfd_put(sock);
	if (uts && r > 0) {
		now = ktime_get_ns();
		ts.tv_sec = now < end ? (end - now) / NSEC_PER_SEC : 0;
		ts.tv_nsec = now < end ? (end - now) % NSEC_PER_SEC : 0;
		if (copy_to_user(uts, &ts, sizeof(ts)))
			r = -EFAULT;
	}
	return r;
}
SYSCALL_ENTRY(recvmmsg, sys_recvmmsg);
