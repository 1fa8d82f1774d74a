/*
 * AF_UNIX: socket creation and release, listen/connect/accept,
 * socketpair, shutdown, ioctl and stream poll. Names are in
 * af_unix_names.c, sending and receiving in af_unix_stream.c and
 * af_unix_dgram.c, in-flight file accounting and the garbage collector
 * in af_unix_gc.c. See docs/net.md; the lock order is in af_unix.h and
 * docs/locking.md.
 */
#include <tine/capability.h>
#include <tine/err.h>
#include <tine/mm.h>
#include <tine/net_namespace.h>
#include <tine/pid.h>
#include <tine/poll.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include <uapi/stat.h>
#include "af_unix.h"


static const struct proto_ops unix_stream_ops, unix_dgram_ops,
	unix_seqpacket_ops;

/* unix_state_double_lock - lock two socks, lower address first. */
void unix_state_double_lock(struct sock *a, struct sock *b)
{
	if (a == b || !b) {
		unix_state_lock(a);
		return;
	}
	if (a > b) {
		struct sock *t = a;

		a = b;
		b = t;
	}
	unix_state_lock(a);
	unix_state_lock(b);
}

/* unix_state_double_unlock - undo unix_state_double_lock. */
void unix_state_double_unlock(struct sock *a, struct sock *b)
{
	unix_state_unlock(a);
	if (b && b != a)
		unix_state_unlock(b);
}

/* unix_peer_get - sk's peer with a reference, or NULL. */
struct sock *unix_peer_get(struct sock *sk)
{
	struct sock *peer;

	unix_state_lock(sk);
	peer = unix_peer(sk);
	if (peer)
		sock_hold(peer);
	unix_state_unlock(sk);
	return peer;
}

/* The last reference to a unix sock: free it. */
static void unix_sock_destructor(struct sock *sk)
{
	struct unix_sock *u = unix_sk(sk);

	skb_queue_purge(&sk->sk_receive_queue);
	unix_release_addr(u->addr);
	kfree(u);
}

/*
 * unix_create1 - a new unix sock of type, attached to sock (NULL for
 * the server side of a connection, not yet accepted). NULL without
 * memory.
 */
struct sock *unix_create1(struct socket *sock, int type)
{
	struct unix_sock *u = kzalloc(sizeof(*u));
	struct sock *sk;

	if (!u)
		return NULL;
	sk = &u->sk;
	sock_init_data(sock, sk, type);
	sk->sk_family = AF_UNIX;
	sk->sk_max_ack_backlog = UNIX_MAX_DGRAM_QLEN;
	sk->sk_destruct = unix_sock_destructor;
	INIT_LIST_HEAD(&u->link);
	INIT_LIST_HEAD(&u->all_link);
	INIT_LIST_HEAD(&u->gc_link);
	mutex_init_ranked(&u->iolock, "u->iolock", LR_UNIX_IO);
	mutex_init_ranked(&u->bindlock, "u->bindlock", LR_UNIX_BIND);
	init_waitqueue_head(&u->peer_wait);
	init_waitqueue_func_entry(&u->peer_wake, unix_dgram_peer_wake_relay);
	unix_insert_socket(sk);
	return sk;
}

static int unix_create(struct socket *sock, int protocol)
{
	if (protocol && protocol != PF_UNIX)
		return -EPROTONOSUPPORT;
	sock->state = SS_UNCONNECTED;
	switch (sock->type) {
	case SOCK_STREAM:
		sock->ops = &unix_stream_ops;
		break;
	case SOCK_RAW:		/* BSD has it; Linux makes it a dgram */
		sock->type = SOCK_DGRAM;
		/* fall through */
	case SOCK_DGRAM:
		sock->ops = &unix_dgram_ops;
		break;
	case SOCK_SEQPACKET:
		sock->ops = &unix_seqpacket_ops;
		break;
	default:
		return -ESOCKTNOSUPPORT;
	}
	return unix_create1(sock, sock->type) ? 0 : -ENOMEM;
}

/* A connection-based peer of a closing sock is cut off. */
static void unix_hangup_peer(struct sock *sk, struct sock *peer, bool reset)
{
	unix_state_lock(peer);
	peer->sk_shutdown = SHUTDOWN_MASK;
	if (reset)
		peer->sk_err = ECONNRESET;
	unix_state_unlock(peer);
	sk_wake(peer, POLLIN | POLLOUT | POLLHUP | POLLRDHUP | POLLERR);
}

/*
 * unix_release_sock - sk loses its socket (close, or the end of a
 * connection never accepted: embryo): no name, no peer, queue flushed
 * (connect requests on a listener release their embryos), and the
 * socket's reference dropped. May sleep.
 */
void unix_release_sock(struct sock *sk, bool embryo)
{
	struct unix_sock *u = unix_sk(sk);
	struct sock *peer;
	struct sk_buff *skb;
	struct path path;
	int state;

	unix_remove_socket(sk);
	unix_state_lock(sk);
	sock_orphan(sk);
	sk->sk_shutdown = SHUTDOWN_MASK;
	path = u->path;
	u->path.dentry = NULL;
	u->path.mnt = NULL;
	state = sk->sk_state;
	sk->sk_state = TCP_CLOSE;
	peer = u->peer;
	u->peer = NULL;
	spin_lock(&sk->sk_receive_queue.lock);
	WRITE_ONCE(u->oob_skb, NULL);
	spin_unlock(&sk->sk_receive_queue.lock);
	unix_state_unlock(sk);
	wake_up_interruptible(&u->peer_wait);
	if (peer) {
		if (sk->sk_type != SOCK_DGRAM)
			unix_hangup_peer(sk, peer,
					 !skb_queue_empty(&sk->sk_receive_queue) ||
						 embryo);
		unix_dgram_peer_wake_disconnect(sk, peer);
		sock_put(peer);
	}
	while ((skb = skb_dequeue(&sk->sk_receive_queue))) {
		if (state == TCP_LISTEN && skb->embryo) {
			unix_release_sock(skb->embryo, true);
			skb->embryo = NULL;
		}
		kfree_skb(skb);
	}
	if (path.dentry)
		path_put(&path);
	sock_put(sk);
	if (unix_gc_has_inflight())
		unix_gc();
}

static int unix_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (!sk)
		return 0;
	unix_release_sock(sk, false);
	sock->sk = NULL;
	return 0;
}

static int unix_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	struct unix_sock *u = unix_sk(sk);
	int err = -EOPNOTSUPP;
	struct sock_peer_cred c;

	if (sock->type != SOCK_STREAM && sock->type != SOCK_SEQPACKET)
		return err;
	if (!unix_addr(sk))
		return -EINVAL;		/* no listening without a name */
	current_peercred(&c);
	unix_state_lock(sk);
	err = -EINVAL;
	if (sk->sk_state == TCP_CLOSE || sk->sk_state == TCP_LISTEN) {
		if ((unsigned int)backlog > sk->sk_max_ack_backlog)
			wake_up_interruptible(&u->peer_wait);
		sk->sk_max_ack_backlog = backlog;
		sk->sk_state = TCP_LISTEN;
		swap_peercred(sk, &c);	/* connect copies these */
		err = 0;
	}
	unix_state_unlock(sk);
	put_peercred(&c);
	return err;
}

/*
 * unix_wait_for_peer - other's queue is full: sleep until it drains,
 * other dies or shuts down, or the timeout. Called with other's
 * sk_lock held; returns with it dropped. The timeo left.
 */
long unix_wait_for_peer(struct sock *other, long timeo)
{
	struct unix_sock *u = unix_sk(other);
	struct wait_queue_entry w;
	bool sleep;

	assert_spin_locked(&other->sk_lock);
	init_wait_entry(&w);
	prepare_to_wait(&u->peer_wait, &w, TASK_INTERRUPTIBLE);
	sleep = !sock_flag(other, SOCK_DEAD) &&
		!(other->sk_shutdown & RCV_SHUTDOWN) && unix_recvq_full(other);
	unix_state_unlock(other);
	if (sleep)
		timeo = sock_schedule_timeout(timeo);
	finish_wait(&u->peer_wait, &w);
	return timeo;
}

/*
 * Join newsk (the server side) to sk (the connecting client) behind
 * listener other. sk and other locked; newsk not yet visible. Returns
 * sk's old peer pid to put once unlocked.
 */
static void unix_join_connection(struct socket *sock, struct sock *sk,
				 struct sock *newsk, struct sock *other,
				 struct sock_peer_cred *old)
{
	struct unix_sock *newu = unix_sk(newsk), *otheru = unix_sk(other);

	sock_hold(sk);
	newu->peer = sk;
	newsk->sk_state = TCP_ESTABLISHED;
	if (otheru->path.dentry) {
		path_get(&otheru->path);
		newu->path = otheru->path;
	}
	atomic_inc(&otheru->addr->refcnt);
	__atomic_store_n(&newu->addr, otheru->addr, __ATOMIC_RELEASE);
	copy_peercred(sk, other, old);
	sock->state = SS_CONNECTED;
	sk->sk_state = TCP_ESTABLISHED;
	sock_hold(newsk);
	unix_sk(sk)->peer = newsk;
}

/*
 * Try once to connect sk to the listener other. 0 when connected; 1
 * after waiting for room in its backlog (look other up again); -err.
 */
static int unix_stream_try_connect(struct socket *sock, struct sock *other,
				   struct sock *newsk, struct sk_buff *skb,
				   long *timeo)
{
	struct sock *sk = sock->sk;
	struct sock_peer_cred old = { NULL, NULL };
	int err;

	unix_state_double_lock(sk, other);
	if (sock_flag(other, SOCK_DEAD)) {
		err = 1;			/* it died under us: retry */
	} else if (other->sk_state != TCP_LISTEN ||
		   (other->sk_shutdown & RCV_SHUTDOWN)) {
		err = -ECONNREFUSED;
	} else if (unix_recvq_full(other)) {
		if (!*timeo) {
			err = -EAGAIN;
		} else {
			if (sk != other)
				unix_state_unlock(sk);
			*timeo = unix_wait_for_peer(other, *timeo);
			if (signal_pending(current))
				return sock_intr_errno(*timeo);
			return 1;
		}
	} else if (sk->sk_state != TCP_CLOSE) {
		err = sk->sk_state == TCP_ESTABLISHED ? -EISCONN : -EINVAL;
	} else {
		unix_join_connection(sock, sk, newsk, other, &old);
		skb->embryo = newsk;	/* takes newsk's first reference */
		skb_queue_tail(&other->sk_receive_queue, skb);
		err = 0;
	}
	unix_state_double_unlock(sk, other);
	put_peercred(&old);
	if (!err) {
		sk_wake(other, POLLIN | POLLRDNORM);
		sk_wake_async(other, POLL_IN);
	}
	return err;
}

static int unix_stream_connect(struct socket *sock, struct sockaddr *uaddr,
			       int alen, int flags)
{
	struct sockaddr_un *sun = (struct sockaddr_un *)uaddr;
	struct sock *sk = sock->sk, *newsk, *other;
	struct sk_buff *skb;
	long timeo;
	int err = unix_validate_addr(sun, alen);

	if (err)
		return err;
	if (sock_flag(sk, SOCK_PASSCRED) && !unix_addr(sk)) {
		err = unix_autobind(sk);
		if (err)
			return err;
	}
	timeo = sock_sndtimeo(sk, flags & O_NONBLOCK);
	/* Everything that can fail for lack of memory, first. */
	newsk = unix_create1(NULL, sk->sk_type);
	skb = alloc_skb(0);
	if (!newsk || !skb) {
		err = -ENOMEM;
		goto out;
	}
	/* The accepting side's SO_PEERCRED: us (newsk is still private). */
	current_peercred(&newsk->sk_peer);
	do {
		other = unix_find_other(sock_net(sk), sun, alen, sk->sk_type);
		if (IS_ERR(other)) {
			err = PTR_ERR(other);
			goto out;
		}
		err = unix_stream_try_connect(sock, other, newsk, skb, &timeo);
		sock_put(other);
	} while (err == 1);
	if (!err)
		return 0;
out:
	kfree_skb(skb);
	if (newsk)
		unix_release_sock(newsk, false);
	return err;
}

static int unix_socketpair(struct socket *a, struct socket *b)
{
	struct sock *ska = a->sk, *skb = b->sk;
	struct sock_peer_cred ca, cb;

	current_peercred(&ca);
	current_peercred(&cb);

	unix_state_double_lock(ska, skb);
	sock_hold(ska);
	sock_hold(skb);
	unix_sk(ska)->peer = skb;
	unix_sk(skb)->peer = ska;
	swap_peercred(ska, &ca);
	swap_peercred(skb, &cb);
	ska->sk_state = TCP_ESTABLISHED;
	skb->sk_state = TCP_ESTABLISHED;
	a->state = SS_CONNECTED;
	b->state = SS_CONNECTED;
	unix_state_double_unlock(ska, skb);
	put_peercred(&ca);
	put_peercred(&cb);
	return 0;
}

static int unix_accept(struct socket *sock, struct socket *newsock,
		       int flags)
{
	struct sock *sk = sock->sk, *tsk;
	struct sk_buff *skb;
	int err;

	if (sock->type != SOCK_STREAM && sock->type != SOCK_SEQPACKET)
		return -EOPNOTSUPP;
	if (READ_ONCE(sk->sk_state) != TCP_LISTEN)
		return -EINVAL;
	skb = skb_recv_datagram(sk, (flags & O_NONBLOCK) ? MSG_DONTWAIT : 0,
				&err);
	if (!skb)
		return err ? err : -EINVAL;	/* 0: the listener shut down */
	tsk = skb->embryo;
	skb->embryo = NULL;		/* its reference goes to newsock */
	kfree_skb(skb);
	wake_up_interruptible(&unix_sk(sk)->peer_wait);
	unix_state_lock(tsk);
	newsock->state = SS_CONNECTED;
	if (sock_flag(sk, SOCK_PASSCRED))
		sock_set_flag(tsk, SOCK_PASSCRED);
	if (sock_flag(sk, SOCK_PASSSEC))
		sock_set_flag(tsk, SOCK_PASSSEC);
	sock_graft(tsk, newsock);
	unix_state_unlock(tsk);
	return 0;
}

static int unix_getname(struct socket *sock, struct sockaddr *uaddr,
			int peer)
{
	struct sockaddr_un *sun = (struct sockaddr_un *)uaddr;
	struct sock *sk = sock->sk;
	struct unix_address *addr;
	int len;

	if (peer) {
		sk = unix_peer_get(sk);
		if (!sk)
			return -ENOTCONN;
	} else {
		sock_hold(sk);
	}
	addr = unix_addr(sk);
	if (!addr) {
		sun->sun_family = AF_UNIX;
		sun->sun_path[0] = 0;
		len = offsetof(struct sockaddr_un, sun_path);
	} else {
		len = addr->len;
		memcpy(sun, &addr->name, len);
	}
	sock_put(sk);
	return len;
}

/* unix_copy_addr - the sender's name into a received message. */
void unix_copy_addr(struct msghdr *m, struct sock *sk)
{
	struct unix_address *addr = unix_addr(sk);

	if (addr) {
		m->msg_namelen = addr->len;
		memcpy(m->msg_name, &addr->name, addr->len);
	}
}

static int unix_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk, *other;
	int mode, peer_mode = 0;

	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	mode = how + 1;		/* SHUT_RD -> RCV_SHUTDOWN, ... */
	unix_state_lock(sk);
	sk->sk_shutdown |= mode;
	other = unix_peer(sk);
	if (other)
		sock_hold(other);
	unix_state_unlock(sk);
	sk_wake(sk, POLLIN | POLLOUT | POLLRDHUP | POLLHUP);
	if (other && sk->sk_type != SOCK_DGRAM) {
		if (mode & RCV_SHUTDOWN)
			peer_mode |= SEND_SHUTDOWN;
		if (mode & SEND_SHUTDOWN)
			peer_mode |= RCV_SHUTDOWN;
		unix_state_lock(other);
		other->sk_shutdown |= peer_mode;
		unix_state_unlock(other);
		sk_wake(other, POLLIN | POLLOUT | POLLRDHUP | POLLHUP);
	}
	if (other)
		sock_put(other);
	return 0;
}

/* SIOCINQ: stream/seqpacket bytes unread, dgram the next datagram. */
static long unix_inq_len(struct sock *sk)
{
	struct sk_buff *skb;
	long amount = 0;

	if (READ_ONCE(sk->sk_state) == TCP_LISTEN)
		return -EINVAL;
	spin_lock(&sk->sk_receive_queue.lock);
	if (sk->sk_type == SOCK_DGRAM) {
		skb = skb_peek(&sk->sk_receive_queue);
		amount = skb ? skb->len : 0;
	} else {
		list_for_each_entry(skb, &sk->sk_receive_queue.list, list)
			amount += unix_skb_len(skb);
	}
	spin_unlock(&sk->sk_receive_queue.lock);
	return amount;
}

/*
 * SIOCUNIXFILE: an O_PATH fd of the socket's node (CAP_NET_ADMIN over its
 * network namespace).
 */
static int unix_open_file(struct sock *sk)
{
	struct path path;
	struct file *f;
	int fd;

	if (!ns_capable(sock_net(sk)->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	if (!unix_addr(sk))
		return -ENOENT;
	unix_state_lock(sk);
	path = unix_sk(sk)->path;
	if (path.dentry)
		path_get(&path);
	unix_state_unlock(sk);
	if (!path.dentry)
		return -ENOENT;
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd >= 0) {
		f = dentry_open(&path, O_PATH);
		if (IS_ERR(f)) {
			put_unused_fd(fd);
			fd = PTR_ERR(f);
		} else {
			fd_install(fd, f);
		}
	}
	path_put(&path);
	return fd;
}

/* SIOCATMARK: is the next byte to read the out-of-band mark? */
static int unix_atmark(struct sock *sk)
{
	struct unix_sock *u = unix_sk(sk);
	struct sk_buff *skb, *oob;
	int answ = 0;

	mutex_lock(&u->iolock);
	spin_lock(&sk->sk_receive_queue.lock);
	skb = skb_peek(&sk->sk_receive_queue);
	oob = u->oob_skb;
	if (skb && (skb == oob ||
		    (!unix_skb_len(skb) &&
		     (!oob || skb_peek_next(skb, &sk->sk_receive_queue) == oob))))
		answ = 1;
	spin_unlock(&sk->sk_receive_queue.lock);
	mutex_unlock(&u->iolock);
	return answ;
}

static int unix_ioctl(struct socket *sock, unsigned int cmd,
		      unsigned long arg)
{
	struct sock *sk = sock->sk;
	long amount;

	switch (cmd) {
	case SIOCOUTQ:
		return put_user((int)atomic_read(&sk->sk_wmem_alloc),
				(int __user *)arg);
	case SIOCINQ:
		amount = unix_inq_len(sk);
		if (amount < 0)
			return amount;
		return put_user((int)amount, (int __user *)arg);
	case SIOCUNIXFILE:
		return unix_open_file(sk);
	case SIOCATMARK:
		return put_user(unix_atmark(sk), (int __user *)arg);
	}
	return -ENOIOCTLCMD;
}

/* poll for stream sockets (seqpacket and dgram: unix_dgram_poll). */
static unsigned int unix_poll(struct file *f, struct socket *sock,
			      struct poll_table *pt)
{
	struct sock *sk = sock->sk;
	unsigned int mask = 0;
	unsigned char shutdown, state;

	poll_wait(f, &sk->sk_wq, pt);
	shutdown = READ_ONCE(sk->sk_shutdown);
	state = READ_ONCE(sk->sk_state);
	if (READ_ONCE(sk->sk_err))
		mask |= POLLERR;
	if (shutdown == SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (shutdown & RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (!skb_queue_empty(&sk->sk_receive_queue))
		mask |= POLLIN | POLLRDNORM;
	if (READ_ONCE(unix_sk(sk)->oob_skb))
		mask |= POLLPRI;
	if (state == TCP_CLOSE)
		mask |= POLLHUP;
	/* Writable also after the peer shut down: the write then fails. */
	if (state != TCP_LISTEN && sock_writeable(sk))
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	return mask;
}

/* unix_set_peek_off - SO_PEEK_OFF, serialized with readers. */
int unix_set_peek_off(struct sock *sk, int val)
{
	struct unix_sock *u = unix_sk(sk);

	mutex_lock(&u->iolock);
	WRITE_ONCE(sk->sk_peek_off, val);
	mutex_unlock(&u->iolock);
	return 0;
}

static const struct proto_ops unix_stream_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_stream_connect,
	.socketpair = unix_socketpair,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_poll,
	.ioctl = unix_ioctl,
	.listen = unix_listen,
	.shutdown = unix_shutdown,
	.sendmsg = unix_stream_sendmsg,
	.recvmsg = unix_stream_recvmsg,
	.set_peek_off = unix_set_peek_off,
};

static int unix_no_listen(struct socket *sock, int backlog)
{
	return -EOPNOTSUPP;
}

static int unix_no_accept(struct socket *sock, struct socket *newsock,
			  int flags)
{
	return -EOPNOTSUPP;
}

static const struct proto_ops unix_dgram_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_dgram_connect,
	.socketpair = unix_socketpair,
	.accept = unix_no_accept,
	.getname = unix_getname,
	.poll = unix_dgram_poll,
	.ioctl = unix_ioctl,
	.listen = unix_no_listen,
	.shutdown = unix_shutdown,
	.sendmsg = unix_dgram_sendmsg,
	.recvmsg = unix_dgram_recvmsg,
	.set_peek_off = unix_set_peek_off,
};

static const struct proto_ops unix_seqpacket_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_stream_connect,
	.socketpair = unix_socketpair,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_dgram_poll,
	.ioctl = unix_ioctl,
	.listen = unix_listen,
	.shutdown = unix_shutdown,
	.sendmsg = unix_seqpacket_sendmsg,
	.recvmsg = unix_seqpacket_recvmsg,
	.set_peek_off = unix_set_peek_off,
};

/* The AF_UNIX family for socket()/socketpair(). */
const struct net_proto_family unix_family_ops = {
	.family = AF_UNIX,
	.create = unix_create,
};
