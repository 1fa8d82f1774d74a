/*
 * AF_UNIX SOCK_STREAM data: sendmsg cuts the data into skbs queued on
 * the peer (waiting for send-buffer room as SO_SNDBUF and SO_SNDTIMEO
 * say); recvmsg reads across skbs as a byte stream, as Linux 6.1's
 * unix_stream_read_generic: a read stops at the end of an skb that
 * carried files, and with SO_PASSCRED never glues bytes of different
 * writers together.
 */
#include <tine/pid.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include "af_unix.h"

/* Largest skb of a stream write (Linux: about 32 KiB of pages). */
#define UNIX_STREAM_CHUNK (32 * 1024)

/* other's file, referenced, for SIGURG; NULL if it has none or is
 * being closed. unix_state_lock(other) held (release orphans under it). */
static struct file *unix_sock_file_get(struct sock *other)
{
	struct socket *sock = other->sk_socket;

	assert_spin_locked(&other->sk_lock);
	return sock && sock->file ? get_file_rcu(sock->file) : NULL;
}

/*
 * One chunk of a write onto other's queue (with oob: the out-of-band
 * byte, which becomes other's mark; other's owner gets SIGURG and its
 * O_ASYNC files with F_SETSIG POLL_PRI, as Linux's sk_send_sigurg): 0,
 * or -EPIPE
 * (peer gone).
 */
static int unix_stream_queue(struct sock *sk, struct sock *other,
			     struct sk_buff *skb, bool oob)
{
	struct sk_buff_head *q = &other->sk_receive_queue;
	struct file *owner_file = NULL;

	unix_maybe_add_creds(skb, sk, other);
	unix_state_lock(other);
	if (sock_flag(other, SOCK_DEAD) ||
	    (other->sk_shutdown & RCV_SHUTDOWN)) {
		unix_state_unlock(other);
		return -EPIPE;
	}
	spin_lock(&q->lock);
	__skb_queue_tail(q, skb);
	if (oob)
		WRITE_ONCE(unix_sk(other)->oob_skb, skb);
	spin_unlock(&q->lock);
	if (oob)
		owner_file = unix_sock_file_get(other);
	unix_state_unlock(other);
	if (owner_file) {
		if (send_sigurg(owner_file))
			kill_fasync_urgent(&other->sk_fasync);
		fput(owner_file);
	}
	sk_wake(other, POLLIN | POLLRDNORM | (oob ? POLLPRI : 0));
	sk_wake_async(other, POLL_IN);
	return 0;
}

/* The last byte of a MSG_OOB send, in an skb of its own. */
static int unix_stream_send_oob(struct sock *sk, struct sock *other,
				struct msghdr *m, struct scm_cookie *scm,
				bool fds_sent)
{
	struct sk_buff *skb;
	int err;

	skb = sock_alloc_send_skb(sk, 1, m->msg_flags & MSG_DONTWAIT, &err);
	if (!skb)
		return err;
	err = unix_scm_to_skb(scm, skb, !fds_sent);
	if (!err)
		err = skb_copy_from_iter(skb, 0, &m->msg_iter, 1);
	if (!err)
		err = unix_stream_queue(sk, other, skb, true);
	if (err)
		kfree_skb(skb);
	return err;
}

/*
 * unix_stream_sendmsg - send len bytes to the peer: the count sent
 * (short after an error or EAGAIN once something went), or -ENOTCONN,
 * -EISCONN/-EOPNOTSUPP (an address given), -EPIPE (with SIGPIPE unless
 * MSG_NOSIGNAL), -EAGAIN, -EFAULT... The files of SCM_RIGHTS go with the
 * first skb. May sleep.
 */
int unix_stream_sendmsg(struct socket *sock, struct msghdr *m, size_t len)
{
	struct sock *sk = sock->sk, *other;
	struct sk_buff *skb = NULL;
	struct scm_cookie scm;
	bool fds_sent = false;
	size_t sent = 0;
	int err = scm_send(sock, m, &scm);

	if (err)
		return err;
	err = -EOPNOTSUPP;
	if (m->msg_flags & MSG_OOB) {
		if (!len)
			goto out_err;
		len--;		/* the last byte goes out of band */
	}
	if (m->msg_namelen) {
		if (READ_ONCE(sk->sk_state) == TCP_ESTABLISHED)
			err = -EISCONN;
		goto out_err;
	}
	err = -ENOTCONN;
	other = READ_ONCE(unix_sk(sk)->peer);
	if (!other)
		goto out_err;
	if (READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN)
		goto out_pipe;
	while (sent < len) {
		size_t size = MIN(len - sent, (size_t)UNIX_STREAM_CHUNK);

		size = MIN(size, (size_t)MAX(READ_ONCE(sk->sk_sndbuf) / 2 - 64,
					     1));
		skb = sock_alloc_send_skb(sk, size, m->msg_flags & MSG_DONTWAIT,
					  &err);
		if (!skb)
			goto out_err;
		err = unix_scm_to_skb(&scm, skb, !fds_sent);
		if (err)
			goto out_free;
		fds_sent = true;
		err = skb_copy_from_iter(skb, 0, &m->msg_iter, size);
		if (err)
			goto out_free;
		err = unix_stream_queue(sk, other, skb, false);
		if (err)
			goto out_pipe;
		sent += size;
	}
	skb = NULL;
	if (m->msg_flags & MSG_OOB) {
		err = unix_stream_send_oob(sk, other, m, &scm, fds_sent);
		if (err)
			goto out_err;
		sent++;
	}
	scm_destroy(&scm);
	return sent;

out_pipe:
	if (!sent && !(m->msg_flags & MSG_NOSIGNAL))
		send_sig(SIGPIPE, current, 0);
	err = -EPIPE;
out_free:
	kfree_skb(skb);
out_err:
	scm_destroy(&scm);
	return sent ? (int)sent : err;
}

/*
 * Sleep until the queue changes from (last, last_len), an error,
 * SHUT_RD, a signal or the timeout. The timeo left.
 */
static long unix_stream_data_wait(struct sock *sk, long timeo,
				  struct sk_buff *last, unsigned int last_len)
{
	struct wait_queue_entry w;

	init_wait_entry(&w);
	unix_state_lock(sk);
	for (;;) {
		struct sk_buff *tail;

		prepare_to_wait(&sk->sk_wq, &w, TASK_INTERRUPTIBLE);
		tail = skb_peek_tail(&sk->sk_receive_queue);
		if (tail != last || (tail && tail->len != last_len) ||
		    sk->sk_err || (sk->sk_shutdown & RCV_SHUTDOWN) ||
		    signal_pending(current) || !timeo)
			break;
		unix_state_unlock(sk);
		timeo = sock_schedule_timeout(timeo);
		unix_state_lock(sk);
		if (sock_flag(sk, SOCK_DEAD))
			break;
	}
	finish_wait(&sk->sk_wq, &w);
	unix_state_unlock(sk);
	return timeo;
}

/* The state of one stream read. */
struct unix_stream_read {
	struct sock *sk;
	struct msghdr *m;
	struct scm_cookie scm;
	size_t size;			/* room left */
	int flags;
	int copied;
	int skip;			/* SO_PEEK_OFF bytes still to skip */
	bool check_creds;		/* creds recorded: stop at a change */
	struct sk_buff *last;		/* the queue tail we saw */
	unsigned int last_len;
};

/*
 * The skb to read from, starting at skb and skipping rs->skip bytes;
 * NULL when the queue ends first. sk_lock held.
 */
static struct sk_buff *unix_stream_skip(struct unix_stream_read *rs,
					struct sk_buff *skb)
{
	struct sk_buff_head *q = &rs->sk->sk_receive_queue;

	assert_spin_locked(&rs->sk->sk_lock);
	while (skb && rs->skip >= (int)unix_skb_len(skb)) {
		rs->skip -= unix_skb_len(skb);
		rs->last = skb;
		rs->last_len = skb->len;
		skb = skb_peek_next(skb, q);
	}
	return skb;
}

/* Do skb's credentials match the ones this read has taken? */
static bool unix_skb_scm_eq(struct sk_buff *skb, struct scm_cookie *scm)
{
	return skb->creds.pid == scm->creds.pid &&
	       uid_eq(skb->creds.uid, scm->creds.uid) &&
	       gid_eq(skb->creds.gid, scm->creds.gid);
}

/* Record the credentials of skb for this read. */
static void scm_set_cred(struct scm_cookie *scm, struct sk_buff *skb)
{
	scm->creds.pid = skb->creds.pid ? get_pid(skb->creds.pid) : NULL;
	scm->creds.uid = skb->creds.uid;
	scm->creds.gid = skb->creds.gid;
}

/*
 * Copy from one skb. Returns true to go on to the next skb, false to
 * end the read (an error, files met, end of a partly read skb, a change
 * of writer).
 */
static bool unix_stream_read_skb(struct unix_stream_read *rs,
				 struct sk_buff *skb)
{
	struct sock *sk = rs->sk;
	struct sk_buff_head *q = &sk->sk_receive_queue;
	int chunk;

	if (rs->check_creds) {
		if (!unix_skb_scm_eq(skb, &rs->scm))
			return false;	/* never glue different writers */
	} else if (sock_flag(sk, SOCK_PASSCRED)) {
		scm_set_cred(&rs->scm, skb);
		rs->check_creds = true;
	}
	if (rs->m->msg_name && !rs->m->msg_namelen)
		unix_copy_addr(rs->m, skb->sk);
	chunk = MIN(unix_skb_len(skb) - rs->skip, rs->size);
	if (skb_copy_to_iter(skb, skb->consumed + rs->skip, &rs->m->msg_iter,
			     chunk)) {
		if (!rs->copied)
			rs->copied = -EFAULT;
		return false;
	}
	rs->copied += chunk;
	rs->size -= chunk;
	if (rs->flags & MSG_PEEK) {
		if (skb->fp)
			unix_peek_fds(&rs->scm, skb);
		sk_peek_offset_fwd(sk, chunk);
		rs->skip = 0;
		rs->last = skb;
		rs->last_len = skb->len;
		return !skb->fp;
	}
	skb->consumed += chunk;
	sk_peek_offset_bwd(sk, chunk);
	if (skb->fp)
		unix_detach_fds(&rs->scm, skb);
	if (unix_skb_len(skb))
		return false;
	skb_unlink(skb, q);
	kfree_skb(skb);
	return !rs->scm.fp;
}

/*
 * recv(MSG_OOB): the pending out-of-band byte, unless SO_OOBINLINE
 * (-EINVAL, as when there is none). 1 with MSG_OOB in msg_flags.
 */
static int unix_stream_recv_urg(struct sock *sk, struct msghdr *m, int flags)
{
	struct unix_sock *u = unix_sk(sk);
	struct sk_buff *oob;
	int err = 1;

	mutex_lock(&u->iolock);
	spin_lock(&sk->sk_receive_queue.lock);
	oob = u->oob_skb;
	if (sock_flag(sk, SOCK_URGINLINE) || !oob) {
		spin_unlock(&sk->sk_receive_queue.lock);
		mutex_unlock(&u->iolock);
		return -EINVAL;
	}
	if (!(flags & MSG_PEEK))
		WRITE_ONCE(u->oob_skb, NULL);
	spin_unlock(&sk->sk_receive_queue.lock);
	/* iolock keeps it queued: only readers take skbs off. */
	if (skb_copy_to_iter(oob, oob->consumed, &m->msg_iter, 1))
		err = -EFAULT;
	else if (!(flags & MSG_PEEK))
		oob->consumed++;
	mutex_unlock(&u->iolock);
	if (err > 0)
		m->msg_flags |= MSG_OOB;
	return err;
}

/*
 * A normal read meeting the out-of-band mark (Linux's manage_oob): a
 * consumed OOB skb is dropped (or stops a read that has data); the read
 * stops before the OOB byte once it has data; else the byte is skipped
 * (dropped, unless SO_OOBINLINE) and the read goes on. The skb to read
 * from, or NULL; skbs to free (after unlocking) in *drop. sk_lock held.
 */
static struct sk_buff *unix_manage_oob(struct unix_stream_read *rs,
				       struct sk_buff *skb,
				       struct sk_buff **drop)
{
	struct sock *sk = rs->sk;
	struct sk_buff_head *q = &sk->sk_receive_queue;
	struct unix_sock *u = unix_sk(sk);
	bool peek = rs->flags & MSG_PEEK;

	assert_spin_locked(&sk->sk_lock);
	if (unix_skb_len(skb) && skb != READ_ONCE(u->oob_skb))
		return skb;
	spin_lock(&q->lock);
	if (!unix_skb_len(skb)) {
		struct sk_buff *next = skb_peek_next(skb, q);

		if (rs->copied && (!u->oob_skb || skb == u->oob_skb)) {
			next = NULL;
		} else if (!peek) {
			__skb_unlink(skb, q);
			drop[0] = skb;
		}
		skb = next;
		if (!skb)
			goto out;
	}
	if (skb != u->oob_skb)
		goto out;
	if (rs->copied) {
		skb = NULL;
	} else if (!peek) {
		WRITE_ONCE(u->oob_skb, NULL);
		if (!sock_flag(sk, SOCK_URGINLINE)) {
			__skb_unlink(skb, q);
			drop[1] = skb;
			skb = skb_peek(q);
		}
	} else if (!sock_flag(sk, SOCK_URGINLINE)) {
		skb = skb_peek_next(skb, q);
	}
out:
	spin_unlock(&q->lock);
	return skb;
}

/*
 * Nothing (more) to read: 1 to stop (enough read, an error in rs, end
 * of file), 0 after waiting for more, or a wait's -errno (the read is
 * over and iolock dropped). Called with sk_lock and iolock held; drops
 * sk_lock.
 */
static int unix_stream_no_data(struct unix_stream_read *rs, int target,
			       long *timeo, int *err)
{
	struct sock *sk = rs->sk;
	struct unix_sock *u = unix_sk(sk);

	assert_spin_locked(&sk->sk_lock);
	mutex_assert_held(&u->iolock);
	if (rs->copied >= target)
		goto stop;
	*err = -sk->sk_err;
	sk->sk_err = 0;
	if (*err || (sk->sk_shutdown & RCV_SHUTDOWN))
		goto stop;
	unix_state_unlock(sk);
	if (!*timeo) {
		*err = -EAGAIN;
		return 1;
	}
	mutex_unlock(&u->iolock);
	*timeo = unix_stream_data_wait(sk, *timeo, rs->last, rs->last_len);
	if (signal_pending(current))
		return sock_intr_errno(*timeo);
	mutex_lock(&u->iolock);
	return 0;
stop:
	unix_state_unlock(sk);
	return 1;
}

/*
 * unix_stream_recvmsg - read up to size bytes: the count, 0 at end of
 * file, or -EINVAL (not connected), -EAGAIN, -ECONNRESET, -EFAULT,
 * -ERESTARTSYS/-EINTR. MSG_WAITALL waits for size bytes, MSG_PEEK
 * leaves them (from SO_PEEK_OFF on). May sleep.
 */
int unix_stream_recvmsg(struct socket *sock, struct msghdr *m, size_t size,
			int flags)
{
	struct sock *sk = sock->sk;
	struct unix_sock *u = unix_sk(sk);
	struct unix_stream_read rs = { .sk = sk, .m = m, .size = size,
				       .flags = flags };
	struct sk_buff *skb, *prev = NULL;
	int target, err = 0, r;
	long timeo;

	if (READ_ONCE(sk->sk_state) != TCP_ESTABLISHED)
		return -EINVAL;
	if (flags & MSG_OOB)
		return unix_stream_recv_urg(sk, m, flags);
	target = (flags & MSG_WAITALL) ? (int)size
				       : MIN(READ_ONCE(sk->sk_rcvlowat), (int)size);
	target = MAX(target, 1);
	timeo = sock_rcvtimeo(sk, flags & MSG_DONTWAIT);
	rs.scm.creds.uid = INVALID_UID;
	rs.scm.creds.gid = INVALID_GID;
	mutex_lock(&u->iolock);
	rs.skip = MAX(sk_peek_offset(sk, flags), 0);
	do {
		unix_state_lock(sk);
		if (sock_flag(sk, SOCK_DEAD)) {
			err = -ECONNRESET;
			unix_state_unlock(sk);
			break;
		}
		if (prev) {		/* peeking on: the next skb, or stop */
			skb = skb_peek_next(prev, &sk->sk_receive_queue);
			if (!skb) {
				unix_state_unlock(sk);
				break;
			}
		} else {
			skb = skb_peek(&sk->sk_receive_queue);
			rs.last = skb;
			rs.last_len = skb ? skb->len : 0;
		}
		if (skb) {
			struct sk_buff *drop[2] = { NULL, NULL };

			skb = unix_manage_oob(&rs, skb, drop);
			if (drop[0] || drop[1]) {
				unix_state_unlock(sk);
				kfree_skb(drop[0]);
				kfree_skb(drop[1]);
				if (!skb && rs.copied)
					break;
				prev = NULL;	/* look again from the head */
				continue;
			}
			if (!skb && rs.copied) {
				unix_state_unlock(sk);
				break;
			}
		}
		skb = unix_stream_skip(&rs, skb);
		if (!skb) {
			r = unix_stream_no_data(&rs, target, &timeo, &err);
			if (r < 0) {
				scm_destroy(&rs.scm);
				return rs.copied ? rs.copied : r;
			}
			if (r)
				break;
			prev = NULL;
			continue;
		}
		unix_state_unlock(sk);
		if (!unix_stream_read_skb(&rs, skb))
			break;
		if (flags & MSG_PEEK)
			prev = skb;
	} while (rs.size);
	mutex_unlock(&u->iolock);
	scm_recv(sock, m, &rs.scm, flags, sock_flag(sk, SOCK_PASSCRED));
	return rs.copied ? rs.copied : err;
}
