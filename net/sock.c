/*
 * The generic struct sock: lifetime, peer credentials, waiting with
 * SO_RCVTIMEO/SO_SNDTIMEO, send-buffer accounting, and the SOL_SOCKET
 * options (Linux's sk_setsockopt/sk_getsockopt, as far as they mean
 * anything without IP).
 */
#include <tine/err.h>
#include <tine/mm.h>
#include <tine/pid.h>
#include <tine/poll.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/sock.h>
#include <tine/string.h>
#include <tine/net_namespace.h>
#include <tine/nsproxy.h>
#include <tine/uaccess.h>

/* sock_init_data - see sock.h. */
void sock_init_data(struct socket *sock, struct sock *sk, int type)
{
	spin_lock_init_ranked(&sk->sk_lock, "sk->sk_lock", LR_SOCK);
	atomic_set(&sk->sk_refcnt, 1);
	sk->sk_type = type;
	sk->sk_state = TCP_CLOSE;
	sk->sk_sndbuf = SYSCTL_WMEM_DEFAULT;
	sk->sk_rcvbuf = SYSCTL_RMEM_DEFAULT;
	sk->sk_rcvtimeo = MAX_SCHEDULE_TIMEOUT;
	sk->sk_sndtimeo = MAX_SCHEDULE_TIMEOUT;
	sk->sk_rcvlowat = 1;
	sk->sk_peek_off = -1;
	skb_queue_head_init(&sk->sk_receive_queue);
	init_waitqueue_head(&sk->sk_wq);
	sk->sk_socket = sock;
	sk->sk_net = get_net(current->nsproxy->net_ns);
	sk->sk_uid = make_kuid(sk->sk_net->user_ns, 0);
	if (sock) {
		sock->sk = sk;
		sk->sk_ino = sock->inode->i_ino;
		sk->sk_uid = sock->inode->i_uid;
	}
}

/* sock_put - see sock.h. */
void sock_put(struct sock *sk)
{
	if (atomic_dec_and_test(&sk->sk_refcnt)) {
		struct net *net = sk->sk_net;

		put_peercred(&sk->sk_peer);
		sk->sk_destruct(sk);
		put_net(net);
	}
}

/* sock_orphan - see sock.h. */
void sock_orphan(struct sock *sk)
{
	assert_spin_locked(&sk->sk_lock);
	sock_set_flag(sk, SOCK_DEAD);
	sk->sk_socket = NULL;
	WRITE_ONCE(sk->sk_ino, 0);
}

/* sock_graft - see sock.h. */
void sock_graft(struct sock *sk, struct socket *sock)
{
	assert_spin_locked(&sk->sk_lock);
	sk->sk_socket = sock;
	sock->sk = sk;
	WRITE_ONCE(sk->sk_ino, sock->inode->i_ino);
	sk->sk_uid = sock->inode->i_uid;
}

/* sock_error - see sock.h. */
int sock_error(struct sock *sk)
{
	int err;

	if (!READ_ONCE(sk->sk_err))
		return 0;
	spin_lock(&sk->sk_lock);
	err = sk->sk_err;
	sk->sk_err = 0;
	spin_unlock(&sk->sk_lock);
	return -err;
}

/* get_current_tgid - see sock.h. */
struct pid *get_current_tgid(void)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	struct pid *pid = get_pid(current->group_leader->thread_pid);

	read_unlock_irqrestore(&tasklist_lock, f);
	return pid;
}

/* current_peercred - see sock.h. */
void current_peercred(struct sock_peer_cred *c)
{
	c->pid = get_current_tgid();
	c->cred = get_cred(current_cred());
}

/* swap_peercred - see sock.h. */
void swap_peercred(struct sock *sk, struct sock_peer_cred *c)
{
	struct sock_peer_cred old = sk->sk_peer;

	sk->sk_peer = *c;
	*c = old;
}

/* copy_peercred - see sock.h. */
void copy_peercred(struct sock *sk, struct sock *from,
		   struct sock_peer_cred *old)
{
	assert_spin_locked(&from->sk_lock);
	*old = sk->sk_peer;
	sk->sk_peer.pid = from->sk_peer.pid ? get_pid(from->sk_peer.pid) : NULL;
	sk->sk_peer.cred = from->sk_peer.cred ? get_cred(from->sk_peer.cred)
					      : NULL;
}

/* put_peercred - drop what a sock_peer_cred holds. May sleep. */
void put_peercred(struct sock_peer_cred *c)
{
	if (c->pid)
		put_pid(c->pid);
	if (c->cred)
		put_cred(c->cred);
	c->pid = NULL;
	c->cred = NULL;
}

/* Jiffies to a wait's nanoseconds. */
static long timeo_ns(long jiffies)
{
	if (jiffies == MAX_SCHEDULE_TIMEOUT)
		return MAX_SCHEDULE_TIMEOUT;
	return jiffies * NSEC_PER_SOCK_JIFFY;
}

/* sock_rcvtimeo - see sock.h. */
long sock_rcvtimeo(struct sock *sk, bool noblock)
{
	return noblock ? 0 : timeo_ns(READ_ONCE(sk->sk_rcvtimeo));
}

/* sock_sndtimeo - see sock.h. */
long sock_sndtimeo(struct sock *sk, bool noblock)
{
	return noblock ? 0 : timeo_ns(READ_ONCE(sk->sk_sndtimeo));
}

/* sock_schedule_timeout - see sock.h. */
long sock_schedule_timeout(long timeo)
{
	if (timeo == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeo;
	}
	if (timeo <= 0) {
		set_current_state(TASK_RUNNING);
		return 0;
	}
	return schedule_timeout(ktime_get_ns() + timeo);
}

/* sk_wake - see sock.h. */
void sk_wake(struct sock *sk, unsigned int mask)
{
	if (waitqueue_active(&sk->sk_wq))
		wake_up_interruptible_poll(&sk->sk_wq, mask);
}

/* sk_wake_async - see sock.h. */
void sk_wake_async(struct sock *sk, int reason)
{
	kill_fasync(&sk->sk_fasync, reason);
}

/* sock_writeable - see sock.h. */
bool sock_writeable(struct sock *sk)
{
	return ((long)atomic_read(&sk->sk_wmem_alloc) << 2) <=
	       READ_ONCE(sk->sk_sndbuf);
}

/* Sleep until sk may allocate send buffers again; the timeo left. */
static long sock_wait_for_wmem(struct sock *sk, long timeo)
{
	struct wait_queue_entry w;

	init_wait_entry(&w);
	prepare_to_wait(&sk->sk_wq, &w, TASK_INTERRUPTIBLE);
	if (atomic_read(&sk->sk_wmem_alloc) >= READ_ONCE(sk->sk_sndbuf) &&
	    !(READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN) &&
	    !READ_ONCE(sk->sk_err) && !signal_pending(current))
		timeo = sock_schedule_timeout(timeo);
	finish_wait(&sk->sk_wq, &w);
	return timeo;
}

/* sock_alloc_send_skb - see sock.h. */
struct sk_buff *sock_alloc_send_skb(struct sock *sk, size_t size,
				    bool noblock, int *err)
{
	long timeo = sock_sndtimeo(sk, noblock);
	struct sk_buff *skb;

	for (;;) {
		*err = sock_error(sk);
		if (*err)
			return NULL;
		*err = -EPIPE;
		if (READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN)
			return NULL;
		if (atomic_read(&sk->sk_wmem_alloc) < READ_ONCE(sk->sk_sndbuf))
			break;
		*err = -EAGAIN;
		if (!timeo)
			return NULL;
		if (signal_pending(current)) {
			*err = sock_intr_errno(timeo);
			return NULL;
		}
		timeo = sock_wait_for_wmem(sk, timeo);
	}
	skb = alloc_skb(size);
	if (!skb) {
		*err = -ENOMEM;
		return NULL;
	}
	skb_set_owner_w(skb, sk);
	*err = 0;
	return skb;
}

/* sk_peek_offset_fwd/_bwd - move SO_PEEK_OFF after a peek or a read. */
void sk_peek_offset_fwd(struct sock *sk, int val)
{
	int off = READ_ONCE(sk->sk_peek_off);

	if (off >= 0)
		WRITE_ONCE(sk->sk_peek_off, off + val);
}

void sk_peek_offset_bwd(struct sock *sk, int val)
{
	int off = READ_ONCE(sk->sk_peek_off);

	if (off >= 0)
		WRITE_ONCE(sk->sk_peek_off, MAX(off - val, 0));
}
