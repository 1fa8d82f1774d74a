/*
 * AF_UNIX SOCK_DGRAM and SOCK_SEQPACKET data: one skb per message.
 *
 * A dgram socket may be connected to a default peer (connect, or
 * AF_UNSPEC to undo it) and may send to any name it is allowed to
 * (the receiver is unconnected or connected to the sender: else EPERM).
 * A receiver that is not connected back to the sender accepts at most
 * net.unix.max_dgram_qlen messages in its queue; senders then wait on
 * its peer_wait. A poller of such a sender must learn when that queue
 * drains although it does not poll the receiver: the sender hooks its
 * peer_wake entry on the receiver's peer_wait, whose wake function
 * relays the wake-up to the sender's own wait queue (Linux's
 * unix_dgram_peer_wake_*). SEQPACKET connects as a stream and sends as
 * a connected datagram.
 */
#include <tine/err.h>
#include <tine/pid.h>
#include <tine/poll.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include "af_unix.h"

/* unix_dgram_peer_wake_relay - peer_wake's wake function. */
int unix_dgram_peer_wake_relay(struct wait_queue_entry *w, unsigned int mode,
			       unsigned long key)
{
	struct unix_sock *u = container_of(w, struct unix_sock, peer_wake);

	/* Called under the peer's peer_wait.lock: unhook ourselves. */
	list_del_init(&w->entry);
	u->peer_wake_on = NULL;
	sk_wake(&u->sk, POLLOUT | POLLWRNORM | POLLWRBAND);
	return 0;
}

/* Hook sk's relay on other's peer_wait: 1 if newly hooked. */
static int unix_dgram_peer_wake_connect(struct sock *sk, struct sock *other)
{
	struct unix_sock *u = unix_sk(sk);
	struct wait_queue_head *wq = &unix_sk(other)->peer_wait;
	unsigned long f = spin_lock_irqsave(&wq->lock);
	int r = 0;

	if (!u->peer_wake_on) {
		u->peer_wake_on = other;
		list_add_tail(&u->peer_wake.entry, &wq->head);
		r = 1;
	}
	spin_unlock_irqrestore(&wq->lock, f);
	return r;
}

/* unix_dgram_peer_wake_disconnect - unhook sk's relay from other. */
void unix_dgram_peer_wake_disconnect(struct sock *sk, struct sock *other)
{
	struct unix_sock *u = unix_sk(sk);
	struct wait_queue_head *wq = &unix_sk(other)->peer_wait;
	unsigned long f = spin_lock_irqsave(&wq->lock);

	if (u->peer_wake_on == other) {
		list_del_init(&u->peer_wake.entry);
		u->peer_wake_on = NULL;
	}
	spin_unlock_irqrestore(&wq->lock, f);
}

static void unix_dgram_peer_wake_disconnect_wakeup(struct sock *sk,
						   struct sock *other)
{
	unix_dgram_peer_wake_disconnect(sk, other);
	sk_wake(sk, POLLOUT | POLLWRNORM | POLLWRBAND);
}

/*
 * Must sk wait for other's queue? Then leave the relay hooked (1);
 * else 0. A dead other counts as writable so the write can fail.
 */
static int unix_dgram_peer_wake_me(struct sock *sk, struct sock *other)
{
	int connected = unix_dgram_peer_wake_connect(sk, other);

	if (unix_recvq_full(other) && !sock_flag(other, SOCK_DEAD))
		return 1;
	if (connected)
		unix_dgram_peer_wake_disconnect(sk, other);
	return 0;
}

/*
 * unix_dgram_disconnected - sk left other: its queued messages (from
 * other) are dropped, and other, if still connected to sk, sees
 * ECONNRESET.
 */
void unix_dgram_disconnected(struct sock *sk, struct sock *other)
{
	if (skb_queue_empty(&sk->sk_receive_queue))
		return;
	skb_queue_purge(&sk->sk_receive_queue);
	wake_up_interruptible(&unix_sk(sk)->peer_wait);
	unix_state_lock(other);
	if (!sock_flag(other, SOCK_DEAD) && unix_peer(other) == sk) {
		other->sk_err = ECONNRESET;
		unix_state_unlock(other);
		sk_wake(other, POLLERR);
		return;
	}
	unix_state_unlock(other);
}

/* Replace sk's peer by other (NULL: disconnect). Both locked; unlocks. */
static void unix_dgram_set_peer(struct sock *sk, struct sock *other)
{
	struct sock *old = unix_peer(sk);

	unix_sk(sk)->peer = other;
	if (!old) {
		unix_state_double_unlock(sk, other);
		return;
	}
	if (!other)
		sk->sk_state = TCP_CLOSE;
	unix_dgram_peer_wake_disconnect_wakeup(sk, old);
	unix_state_double_unlock(sk, other);
	if (other != old)
		unix_dgram_disconnected(sk, old);
	sock_put(old);
}

/*
 * unix_dgram_connect - set (or with AF_UNSPEC clear) the default peer.
 * 0, -EINVAL, the lookup's errors, or -EPERM when other is connected
 * elsewhere. May sleep.
 */
int unix_dgram_connect(struct socket *sock, struct sockaddr *addr, int alen,
		       int flags)
{
	struct sockaddr_un *sun = (struct sockaddr_un *)addr;
	struct sock *sk = sock->sk, *other = NULL;
	int err;

	if (alen < (int)sizeof(addr->sa_family))
		return -EINVAL;
	if (addr->sa_family == AF_UNSPEC) {
		unix_state_double_lock(sk, NULL);
		unix_dgram_set_peer(sk, NULL);
		return 0;
	}
	err = unix_validate_addr(sun, alen);
	if (err)
		return err;
	if (sock_flag(sk, SOCK_PASSCRED) && !unix_addr(sk)) {
		err = unix_autobind(sk);
		if (err)
			return err;
	}
	for (;;) {
		other = unix_find_other(sock_net(sk), sun, alen, sock->type);
		if (IS_ERR(other))
			return PTR_ERR(other);
		unix_state_double_lock(sk, other);
		if (!sock_flag(other, SOCK_DEAD))
			break;
		unix_state_double_unlock(sk, other);	/* died: look again */
		sock_put(other);
	}
	if (!unix_may_send(sk, other)) {
		unix_state_double_unlock(sk, other);
		sock_put(other);
		return -EPERM;
	}
	sk->sk_state = TCP_ESTABLISHED;
	other->sk_state = TCP_ESTABLISHED;
	unix_dgram_set_peer(sk, other);		/* our reference goes there */
	return 0;
}

/* The socket a datagram goes to (referenced), or ERR_PTR. */
static struct sock *unix_dgram_target(struct sock *sk, struct msghdr *m)
{
	if (!m->msg_namelen)
		return ERR_PTR(-ECONNRESET);	/* our peer went away */
	return unix_find_other(sock_net(sk), m->msg_name, m->msg_namelen,
			       sk->sk_type);
}

/*
 * other (locked) died: a connected dgram sk drops it (ECONNREFUSED, and
 * the next send is ENOTCONN); seqpacket gets EPIPE; a named target is
 * looked up again (0). Unlocks other and drops our reference.
 */
static int unix_dgram_dead_peer(struct sock *sk, struct sock *other)
{
	int err = 0;

	unix_state_unlock(other);
	unix_state_lock(sk);
	if (sk->sk_type == SOCK_SEQPACKET) {
		err = -EPIPE;
	} else if (unix_peer(sk) == other) {
		unix_sk(sk)->peer = NULL;
		sk->sk_state = TCP_CLOSE;
		unix_state_unlock(sk);
		unix_dgram_peer_wake_disconnect_wakeup(sk, other);
		unix_dgram_disconnected(sk, other);
		sock_put(other);		/* the peer reference */
		sock_put(other);
		return -ECONNREFUSED;
	}
	unix_state_unlock(sk);
	sock_put(other);
	return err;
}

/*
 * other's queue is full and other is not connected to us: wait (1 to
 * retry), or without time left -EAGAIN after hooking the poll relay
 * (0 if the queue drained meanwhile: go on, other still locked).
 * Called with other locked; on nonzero returns it is unlocked.
 */
static int unix_dgram_wait_room(struct sock *sk, struct sock *other,
				long *timeo)
{
	if (*timeo) {
		*timeo = unix_wait_for_peer(other, *timeo);
		if (signal_pending(current))
			return sock_intr_errno(*timeo);
		return 1;
	}
	unix_state_unlock(other);
	unix_state_double_lock(sk, other);
	if (unix_peer(sk) != other || unix_dgram_peer_wake_me(sk, other)) {
		unix_state_double_unlock(sk, other);
		return -EAGAIN;
	}
	if (sk != other)
		unix_state_unlock(sk);
	return 0;
}

/*
 * Queue skb on other (referenced; dropped here on every path). 0, 1 to
 * start over with a new lookup (other died), or -err.
 */
static int unix_dgram_deliver(struct sock *sk, struct sock *other,
			      struct sk_buff *skb, long *timeo)
{
	int err;

	unix_maybe_add_creds(skb, sk, other);
	unix_state_lock(other);
	for (;;) {
		if (!unix_may_send(sk, other)) {
			err = -EPERM;
			break;
		}
		if (sock_flag(other, SOCK_DEAD))
			return unix_dgram_dead_peer(sk, other) ?: 1;
		err = -EPIPE;
		if (other->sk_shutdown & RCV_SHUTDOWN)
			break;
		if (other == sk || unix_peer(other) == sk ||
		    !unix_recvq_full(other)) {
			err = 0;
			break;
		}
		err = unix_dgram_wait_room(sk, other, timeo);
		if (err == 1) {		/* woken: look at other again */
			unix_state_lock(other);
			continue;
		}
		if (err) {
			sock_put(other);
			return err;
		}
	}
	if (!err) {
		if (sock_flag(other, SOCK_RCVTSTAMP))
			skb->tstamp = ktime_get_real_ns();
		skb_queue_tail(&other->sk_receive_queue, skb);
	}
	unix_state_unlock(other);
	if (!err) {
		sk_wake(other, POLLIN | POLLRDNORM);
		sk_wake_async(other, POLL_IN);
	}
	sock_put(other);
	return err;
}

/* A new skb holding the whole message and scm's files/creds. */
static struct sk_buff *unix_dgram_build(struct sock *sk, struct msghdr *m,
					size_t len, struct scm_cookie *scm,
					int *err)
{
	struct sk_buff *skb;

	skb = sock_alloc_send_skb(sk, len, m->msg_flags & MSG_DONTWAIT, err);
	if (!skb)
		return NULL;
	*err = unix_scm_to_skb(scm, skb, true);
	if (!*err)
		*err = skb_copy_from_iter(skb, 0, &m->msg_iter, len);
	if (*err) {
		kfree_skb(skb);
		return NULL;
	}
	return skb;
}

/*
 * unix_dgram_sendmsg - one datagram of len bytes to the named socket or
 * the peer: len, or -ENOTCONN, -EMSGSIZE (over the send buffer), -EPERM,
 * -ECONNREFUSED, -EPIPE, -EAGAIN, the lookup's errors... May sleep.
 */
int unix_dgram_sendmsg(struct socket *sock, struct msghdr *m, size_t len)
{
	struct sock *sk = sock->sk, *other = NULL;
	struct scm_cookie scm;
	struct sk_buff *skb;
	long timeo;
	int err = scm_send(sock, m, &scm);

	if (err)
		return err;
	err = -EOPNOTSUPP;
	if (m->msg_flags & MSG_OOB)
		goto out;
	if (m->msg_namelen) {
		err = unix_validate_addr(m->msg_name, m->msg_namelen);
		if (err)
			goto out;
	} else {
		err = -ENOTCONN;
		other = unix_peer_get(sk);
		if (!other)
			goto out;
	}
	if (sock_flag(sk, SOCK_PASSCRED) && !unix_addr(sk)) {
		err = unix_autobind(sk);
		if (err)
			goto out;
	}
	err = -EMSGSIZE;
	if ((long)len > (long)READ_ONCE(sk->sk_sndbuf) - 32)
		goto out;
	skb = unix_dgram_build(sk, m, len, &scm, &err);
	if (!skb)
		goto out;
	timeo = sock_sndtimeo(sk, m->msg_flags & MSG_DONTWAIT);
	do {
		if (!other)
			other = unix_dgram_target(sk, m);
		if (IS_ERR(other)) {
			err = PTR_ERR(other);
			other = NULL;
			break;
		}
		err = unix_dgram_deliver(sk, other, skb, &timeo);
		other = NULL;
	} while (err == 1);
	if (err)
		kfree_skb(skb);
out:
	if (other)
		sock_put(other);
	scm_destroy(&scm);
	return err ? err : (int)len;
}

/* SO_TIMESTAMP(NS): when the message was queued, as a control message. */
static void unix_recv_timestamp(struct msghdr *m, struct sock *sk,
				struct sk_buff *skb)
{
	u64 t = skb->tstamp ? skb->tstamp : ktime_get_real_ns();
	bool new = sock_flag(sk, SOCK_TSTAMP_NEW);
	long v[2] = { t / 1000000000, t % 1000000000 };

	if (sock_flag(sk, SOCK_RCVTSTAMPNS)) {
		put_cmsg(m, SOL_SOCKET,
			 new ? SO_TIMESTAMPNS_NEW : SO_TIMESTAMPNS_OLD,
			 sizeof(v), v);
		return;
	}
	v[1] /= 1000;
	put_cmsg(m, SOL_SOCKET, new ? SO_TIMESTAMP_NEW : SO_TIMESTAMP_OLD,
		 sizeof(v), v);
}

/* The next datagram (peeked or taken), waiting as allowed; iolock held
 * on success. NULL with *err (0: end of file). */
static struct sk_buff *unix_dgram_next(struct sock *sk, int flags, int *skip,
				       int *err)
{
	struct unix_sock *u = unix_sk(sk);
	long timeo = sock_rcvtimeo(sk, flags & MSG_DONTWAIT);
	struct sk_buff *skb, *last;

	do {
		mutex_lock(&u->iolock);
		*skip = sk_peek_offset(sk, flags);
		skb = skb_try_recv_datagram(sk, flags, skip, err, &last);
		if (skb)
			return skb;
		mutex_unlock(&u->iolock);
		if (*err != -EAGAIN)
			break;
	} while (timeo && !skb_wait_for_more_packets(sk, err, &timeo, last));
	/* A disconnected non-blocking seqpacket socket reads end of file. */
	if (sk->sk_type == SOCK_SEQPACKET && *err == -EAGAIN &&
	    (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN))
		*err = 0;
	return NULL;
}

/*
 * unix_dgram_recvmsg - one datagram: its length (or, with MSG_TRUNC,
 * its full length), MSG_TRUNC set when cut; the sender's name, creds
 * and files. -EAGAIN, -ENOTCONN, 0 after SHUT_RD... May sleep.
 */
int unix_dgram_recvmsg(struct socket *sock, struct msghdr *m, size_t size,
		       int flags)
{
	struct sock *sk = sock->sk;
	struct unix_sock *u = unix_sk(sk);
	struct scm_cookie scm = { .creds = { NULL, INVALID_UID, INVALID_GID } };
	struct sk_buff *skb;
	int err, skip;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	skb = unix_dgram_next(sk, flags, &skip, &err);
	if (!skb)
		return err;
	if (waitqueue_active(&u->peer_wait))
		wake_up_interruptible_poll(&u->peer_wait,
					   POLLOUT | POLLWRNORM | POLLWRBAND);
	if (m->msg_name)
		unix_copy_addr(m, skb->sk);
	if (size > skb->len - skip)
		size = skb->len - skip;
	else if (size < skb->len - skip)
		m->msg_flags |= MSG_TRUNC;
	err = skb_copy_to_iter(skb, skip, &m->msg_iter, size);
	if (err)
		goto out;
	if (sock_flag(sk, SOCK_RCVTSTAMP))
		unix_recv_timestamp(m, sk, skb);
	if (skb->creds.pid)
		scm.creds.pid = get_pid(skb->creds.pid);
	scm.creds.uid = skb->creds.uid;
	scm.creds.gid = skb->creds.gid;
	if (!(flags & MSG_PEEK)) {
		if (skb->fp)
			unix_detach_fds(&scm, skb);
		sk_peek_offset_bwd(sk, skb->len);
	} else {
		sk_peek_offset_fwd(sk, size);
		if (skb->fp)
			unix_peek_fds(&scm, skb);
	}
	err = (flags & MSG_TRUNC) ? (int)(skb->len - skip) : (int)size;
	scm_recv(sock, m, &scm, flags, sock_flag(sk, SOCK_PASSCRED));
out:
	kfree_skb(skb);
	mutex_unlock(&u->iolock);
	return err;
}

/* unix_seqpacket_sendmsg - a record to the connected peer. */
int unix_seqpacket_sendmsg(struct socket *sock, struct msghdr *m,
			   size_t len)
{
	struct sock *sk = sock->sk;
	int err = sock_error(sk);

	if (err)
		return err;
	if (READ_ONCE(sk->sk_state) != TCP_ESTABLISHED)
		return -ENOTCONN;
	m->msg_namelen = 0;
	return unix_dgram_sendmsg(sock, m, len);
}

/* unix_seqpacket_recvmsg - a record from the connected peer. */
int unix_seqpacket_recvmsg(struct socket *sock, struct msghdr *m,
			   size_t size, int flags)
{
	if (READ_ONCE(sock->sk->sk_state) != TCP_ESTABLISHED)
		return -ENOTCONN;
	return unix_dgram_recvmsg(sock, m, size, flags);
}

/* Can sk send to its peer now (send buffer, peer's queue)? */
static bool unix_dgram_writable(struct sock *sk)
{
	struct sock *other;
	bool writable = READ_ONCE(sk->sk_state) != TCP_LISTEN &&
			sock_writeable(sk);

	if (!writable)
		return false;
	unix_state_lock(sk);
	other = unix_peer(sk);
	if (other && unix_peer(other) != sk && unix_recvq_full(other) &&
	    unix_dgram_peer_wake_me(sk, other))
		writable = false;
	unix_state_unlock(sk);
	return writable;
}

/* unix_dgram_poll - poll of dgram and seqpacket sockets. */
unsigned int unix_dgram_poll(struct file *f, struct socket *sock,
			     struct poll_table *pt)
{
	struct sock *sk = sock->sk;
	unsigned char shutdown = READ_ONCE(sk->sk_shutdown);
	unsigned char state = READ_ONCE(sk->sk_state);
	unsigned int mask = 0;

	poll_wait(f, &sk->sk_wq, pt);
	if (READ_ONCE(sk->sk_err))
		mask |= POLLERR;
	if (shutdown & RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (shutdown == SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (!skb_queue_empty(&sk->sk_receive_queue))
		mask |= POLLIN | POLLRDNORM;
	if (sk->sk_type == SOCK_SEQPACKET && state == TCP_CLOSE)
		mask |= POLLHUP;
	/* Only a poller of POLLOUT may hook the relay on the peer. */
	if (!(poll_requested_events(pt) & (POLLOUT | POLLWRNORM | POLLWRBAND)))
		return mask;
	if (unix_dgram_writable(sk))
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	return mask;
}
