/*
 * Taking whole buffers off a receive queue (datagrams, accept's connect
 * requests), with Linux's order of answers: a pending socket error
 * first, then data, then end-of-file after SHUT_RD, then ENOTCONN for a
 * connection-based socket that is not connected, then EAGAIN.
 */
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/sock.h>

static bool connection_based(struct sock *sk)
{
	return sk->sk_type == SOCK_STREAM || sk->sk_type == SOCK_SEQPACKET;
}

/*
 * skb_try_recv_datagram - the buffer at the head of sk's queue (or, with MSG_PEEK and *off >=
 * 0, the one holding byte *off, whole buffers before it skipped and *off
 * left as the offset into it). Unlinked unless MSG_PEEK; a peeked buffer
 * carries a reference for the caller. *last is the queue's tail as seen
 * (for the wait). NULL with *err = a socket error or -EAGAIN.
 */
struct sk_buff *skb_try_recv_datagram(struct sock *sk, unsigned int flags,
				      int *off, int *err,
				      struct sk_buff **last)
{
	struct sk_buff_head *q = &sk->sk_receive_queue;
	bool at_off = (flags & MSG_PEEK) && *off >= 0;
	int skip = at_off ? *off : 0;
	struct sk_buff *skb;

	*err = sock_error(sk);
	if (*err)
		return NULL;
	spin_lock(&q->lock);
	*last = skb_peek_tail(q);
	list_for_each_entry(skb, &q->list, list) {
		if (flags & MSG_PEEK) {
			if (at_off && skip >= (int)skb->len && skip) {
				skip -= skb->len;
				continue;
			}
			skb_get(skb);
		} else {
			__skb_unlink(skb, q);
		}
		spin_unlock(&q->lock);
		*off = skip;
		return skb;
	}
	spin_unlock(&q->lock);
	*err = -EAGAIN;
	return NULL;
}

/*
 * skb_wait_for_more_packets - sleep until the queue moves past last, or an error, SHUT_RD, a
 * disconnect, a signal or the timeout. 0 to try again; else nonzero
 * with *err (0 meaning end of file).
 */
int skb_wait_for_more_packets(struct sock *sk, int *err, long *timeo,
			      struct sk_buff *last)
{
	struct wait_queue_entry w;
	int r = 0;

	init_wait_entry(&w);
	prepare_to_wait(&sk->sk_wq, &w, TASK_INTERRUPTIBLE);
	*err = sock_error(sk);
	if (*err) {
		r = 1;
	} else if (READ_ONCE(sk->sk_receive_queue.list.prev) !=
		   (last ? &last->list : &sk->sk_receive_queue.list)) {
		r = 0;
	} else if (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN) {
		*err = 0;
		r = 1;
	} else if (connection_based(sk) &&
		   READ_ONCE(sk->sk_state) != TCP_ESTABLISHED &&
		   READ_ONCE(sk->sk_state) != TCP_LISTEN) {
		*err = -ENOTCONN;
		r = 1;
	} else if (signal_pending(current)) {
		*err = sock_intr_errno(*timeo);
		r = 1;
	} else {
		*timeo = sock_schedule_timeout(*timeo);
	}
	finish_wait(&sk->sk_wq, &w);
	return r;
}

/*
 * skb_recv_datagram - the next buffer of sk's queue, waiting as
 * SO_RCVTIMEO (or MSG_DONTWAIT) says. NULL with *err (0 at end of
 * file). May sleep.
 */
struct sk_buff *skb_recv_datagram(struct sock *sk, unsigned int flags,
				  int *err)
{
	long timeo = sock_rcvtimeo(sk, flags & MSG_DONTWAIT);
	struct sk_buff *skb, *last;
	int off = 0;

	do {
		skb = skb_try_recv_datagram(sk, flags, &off, err, &last);
		if (skb)
			return skb;
		if (*err != -EAGAIN)
			break;
	} while (timeo && !skb_wait_for_more_packets(sk, err, &timeo, last));
	return NULL;
}
