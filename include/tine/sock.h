/*
 * struct sock: the protocol side of a socket, with its receive queue of
 * sk_buffs, its buffer accounting and the SOL_SOCKET options; and the
 * sk_buff, one message (or one piece of a stream) with the credentials
 * and files (SCM) that travel with it. See docs/net.md.
 *
 * Locking legend for struct sock:
 *   [L] sk->sk_lock: the socket's own lock (state, shutdown, error,
 *       the family's peer pointer, options). Spinlock: never held
 *       across a user copy or a sleep.
 *   [Q] sk->sk_receive_queue.lock: the queue and its length.
 *   [A] atomic.
 *   [I] fixed once the sock exists.
 * Fields read without the lock use READ_ONCE (poll, option reads).
 * Order: see docs/locking.md (two socks' sk_lock: lower address first;
 * sk_lock -> sk_receive_queue.lock -> wait queue locks).
 */
#ifndef TINE_SOCK_H
#define TINE_SOCK_H

#include <tine/atomic.h>
#include <tine/cred.h>
#include <tine/list.h>
#include <tine/mutex.h>
#include <tine/net.h>
#include <tine/spinlock.h>
#include <tine/wait.h>
#include <tine/printk.h>
#include <uapi/errno.h>
#include <uapi/poll.h>

struct pid;
struct page;
struct file;
struct sk_buff;

/* sk_state: Linux reuses the TCP state numbers for every family. */
#define TCP_ESTABLISHED 1
#define TCP_CLOSE 7
#define TCP_LISTEN 10

/* sk_shutdown bits */
#define RCV_SHUTDOWN 1
#define SEND_SHUTDOWN 2
#define SHUTDOWN_MASK 3

/* sk_flags bits */
#define SOCK_DEAD 0			/* released: no file any more */
#define SOCK_PASSCRED 1			/* SO_PASSCRED */
#define SOCK_PASSSEC 2			/* SO_PASSSEC */
#define SOCK_LINGER 3
#define SOCK_KEEPOPEN 4			/* SO_KEEPALIVE */
#define SOCK_BROADCAST 5
#define SOCK_URGINLINE 6		/* SO_OOBINLINE */
#define SOCK_DBG 7
#define SOCK_LOCALROUTE 8		/* SO_DONTROUTE */
#define SOCK_RCVTSTAMP 9		/* SO_TIMESTAMP */
#define SOCK_RCVTSTAMPNS 10		/* SO_TIMESTAMPNS */
#define SOCK_REUSEADDR 11
#define SOCK_REUSEPORT 12
#define SOCK_RXQ_OVFL 13
#define SOCK_NO_CHECK 14
#define SOCK_TSTAMP_NEW 15		/* SO_TIMESTAMP*_NEW: 64-bit layout */

/* Buffer sizes as Linux (net.core.[rw]mem_default and _max). */
#define SYSCTL_WMEM_DEFAULT 212992
#define SYSCTL_RMEM_DEFAULT 212992
#define SYSCTL_WMEM_MAX 212992
#define SYSCTL_RMEM_MAX 212992
#define SOCK_MIN_SNDBUF 4608		/* 2 * (2048 + aligned sk_buff) */
#define SOCK_MIN_RCVBUF 2304
#define SYSCTL_OPTMEM_MAX 20480		/* net.core.optmem_max */
#define SOMAXCONN 4096			/* net.core.somaxconn */

/*
 * SO_RCVTIMEO/SO_SNDTIMEO are stored in jiffies as Linux (HZ 250), so
 * they read back as Linux gives them; a wait's "timeo" is nanoseconds
 * left, MAX_SCHEDULE_TIMEOUT meaning forever and 0 "do not wait".
 */
#define SOCK_HZ 250
#define NSEC_PER_SOCK_JIFFY (1000000000L / SOCK_HZ)
#define MAX_SCHEDULE_TIMEOUT 0x7fffffffffffffffL

/* A list of messages with its own lock. */
struct sk_buff_head {
	spinlock_t lock;		/* protects list and qlen */
	struct list_head list;		/* [lock] sk_buff.list */
	unsigned int qlen;		/* [lock] entries */
};

/* Files passed with SCM_RIGHTS, in order (each a reference). */
struct scm_fp_list {
	short count;
	kuid_t user;			/* whose in-flight count they raise */
	struct scm_fp_list *next;	/* [deferred_lock] awaiting fput */
	struct file *fp[SCM_MAX_FD];
};

/* Credentials a message carries (pid NULL: none were attached). */
struct scm_creds {
	struct pid *pid;		/* a reference, or NULL */
	kuid_t uid;			/* INVALID_UID when none */
	kgid_t gid;
};

/*
 * One message or piece of a stream. The data lives in one kmalloc'd
 * buffer when small, else in pages. The owner (sk) is charged truesize
 * in sk_wmem_alloc until the buffer is freed; the buffer holds a
 * reference to its owner. users counts holders (a peeking reader takes
 * one so the buffer survives being unlinked by someone else).
 */
struct sk_buff {
	struct list_head list;		/* [queue lock] in a sk_buff_head */
	atomic_t users;			/* [A] references */
	struct sock *sk;		/* owner (a reference), or NULL */
	unsigned int len;		/* data bytes */
	unsigned int truesize;		/* charged to sk->sk_wmem_alloc */
	unsigned int consumed;		/* stream: bytes read [u->iolock] */
	u64 tstamp;			/* realtime ns at queueing, or 0 */
	struct scm_creds creds;		/* SCM_CREDENTIALS of the sender */
	struct scm_fp_list *fp;		/* SCM_RIGHTS files, or NULL */
	struct sock *embryo;		/* connect request: the new sock */
	u32 nl_group;			/* netlink: multicast group it was
					 * sent to, 0: unicast */
	void (*destructor)(struct sk_buff *skb);	/* family's, at free */
	char *data;			/* small data, or NULL */
	struct page **pages;		/* large data: len bytes over pages */
	unsigned int nr_pages;
};

/* Who the peer is, for SO_PEERCRED/SO_PEERGROUPS (NULLs: unknown). */
struct sock_peer_cred {
	struct pid *pid;		/* its thread group (a reference) */
	const struct cred *cred;	/* its credentials then (a reference) */
};

struct sock {
	spinlock_t sk_lock;		/* see [L] above */
	atomic_t sk_refcnt;		/* [A] references */
	unsigned short sk_family;	/* [I] AF_UNIX */
	unsigned short sk_type;		/* [I] SOCK_* */
	int sk_protocol;		/* [I] */
	unsigned char sk_state;		/* [L] TCP_* */
	unsigned char sk_shutdown;	/* [L] RCV_/SEND_SHUTDOWN */
	int sk_err;			/* [L] pending error (positive) */
	unsigned long sk_flags;		/* [L] SOCK_* bits */
	int sk_sndbuf;			/* [L] SO_SNDBUF (doubled) */
	int sk_rcvbuf;			/* [L] SO_RCVBUF (doubled) */
	atomic_t sk_wmem_alloc;		/* [A] truesize of our unfreed skbs */
	long sk_rcvtimeo;		/* [L] jiffies */
	long sk_sndtimeo;		/* [L] jiffies */
	int sk_rcvlowat;		/* [L] SO_RCVLOWAT */
	int sk_peek_off;		/* [iolock] SO_PEEK_OFF, -1 = off */
	int sk_priority;		/* [L] SO_PRIORITY */
	int sk_mark;			/* [L] SO_MARK */
	int sk_lingertime;		/* [L] seconds */
	unsigned int sk_max_ack_backlog;	/* [L] listen backlog / dgram qlen */
	u64 sk_cookie;			/* [L] SO_COOKIE, 0 until asked */
	struct sock_peer_cred sk_peer;	/* [L] SO_PEERCRED */
	struct sk_buff_head sk_receive_queue;
	struct socket *sk_socket;	/* [L] our socket, NULL when orphaned */
	unsigned long sk_ino;		/* [L] its inode number, 0 when
					 * orphaned (read: READ_ONCE; sock_diag) */
	kuid_t sk_uid;			/* [L] its inode's owner (Linux's
					 * sk_uid), or root of the namespace */
	struct wait_queue_head sk_wq;	/* readers, writers and pollers */
	struct fasync_struct *sk_fasync;	/* [fasync_lock] O_ASYNC files
					 * (fs/fasync.c) */
	void (*sk_destruct)(struct sock *sk);	/* [I] family's free */
	struct net *sk_net;		/* [I] its creator's network namespace
					 * (a reference) */
};

static inline struct net *sock_net(const struct sock *sk)
{
	return sk->sk_net;
}

/* net/sock.c: lifetime */
/* Initialize the generic part of a family's zeroed sock (refcount 1). */
void sock_init_data(struct socket *sock, struct sock *sk, int type);
static inline void sock_hold(struct sock *sk)
{
	atomic_inc(&sk->sk_refcnt);
}
/* Drop a reference; the last frees the sock (sk_destruct). */
void sock_put(struct sock *sk);
/* sock_gen_cookie - sk's SO_COOKIE (and sock_diag's): a unique non-zero
 * number, fixed on first use. sk_lock held. */
u64 sock_gen_cookie(struct sock *sk);
static inline bool sock_flag(const struct sock *sk, int flag)
{
	return READ_ONCE(sk->sk_flags) & (1UL << flag);
}
/* Flag changes: sk_lock held (readers use sock_flag() locklessly). */
static inline void sock_set_flag(struct sock *sk, int flag)
{
	assert_spin_locked(&sk->sk_lock);
	WRITE_ONCE(sk->sk_flags, sk->sk_flags | (1UL << flag));
}
static inline void sock_reset_flag(struct sock *sk, int flag)
{
	assert_spin_locked(&sk->sk_lock);
	WRITE_ONCE(sk->sk_flags, sk->sk_flags & ~(1UL << flag));
}
static inline void sock_valbool_flag(struct sock *sk, int flag, bool on)
{
	if (on)
		sock_set_flag(sk, flag);
	else
		sock_reset_flag(sk, flag);
}
/* Mark sk dead and detach it from its socket. sk_lock held. */
void sock_orphan(struct sock *sk);
/* Give sk to sock (accept). sk_lock held. */
void sock_graft(struct sock *sk, struct socket *sock);
/* Take and clear the pending error: -err or 0. Takes sk_lock. */
int sock_error(struct sock *sk);
/* The caller's thread-group pid, referenced (takes tasklist_lock: call
 * it before taking any sock lock). */
struct pid *get_current_tgid(void);
/* The caller as a peer: its tgid and credentials (references). Takes
 * tasklist_lock: call it before any sock lock. */
void current_peercred(struct sock_peer_cred *c);
/*
 * Give sk the peer credentials in *c and hand back its old ones in *c
 * (sk_lock held, or sk not yet visible); put_peercred() them once the
 * locks are dropped.
 */
void swap_peercred(struct sock *sk, struct sock_peer_cred *c);
/* sk gets a copy of from's peer credentials (from locked); *old as
 * swap_peercred. */
void copy_peercred(struct sock *sk, struct sock *from,
		   struct sock_peer_cred *old);
void put_peercred(struct sock_peer_cred *c);

/* net/sock.c: waiting */
/* A wait's timeo (ns) from SO_RCVTIMEO/SO_SNDTIMEO; 0 if noblock. */
long sock_rcvtimeo(struct sock *sk, bool noblock);
long sock_sndtimeo(struct sock *sk, bool noblock);
/* Sleep (task state already set) for at most timeo ns; ns left. */
long sock_schedule_timeout(long timeo);
/* A signal cut the wait: -ERESTARTSYS without a timeout, else -EINTR. */
static inline int sock_intr_errno(long timeo)
{
	return timeo == MAX_SCHEDULE_TIMEOUT ? -ERESTARTSYS : -EINTR;
}
/* Signal the socket's O_ASYNC owners (fs/fasync.c) that it is ready for
 * reason (POLL_IN...). No socket spinlock may be held. */
void sk_wake_async(struct sock *sk, int reason);
/* Wake readers/pollers/writers of sk with a poll mask. */
void sk_wake(struct sock *sk, unsigned int mask);
/* Is sk writable: our unfreed skbs take at most a quarter of sndbuf? */
bool sock_writeable(struct sock *sk);
/*
 * A new buffer of size bytes owned by sk, waiting while sk has sndbuf
 * or more in flight (timeo and signals as Linux). NULL with *err set
 * (-EPIPE after SEND_SHUTDOWN, a pending socket error, -EAGAIN,
 * -ERESTARTSYS/-EINTR, -ENOMEM). May sleep.
 */
struct sk_buff *sock_alloc_send_skb(struct sock *sk, size_t size,
				    bool noblock, int *err);

/* net/sock.c: SOL_SOCKET options */
int sock_setsockopt(struct socket *sock, int optname,
		    const void __user *optval, int optlen);
int sock_getsockopt(struct socket *sock, int optname, void __user *optval,
		    int __user *optlen);
/* The SO_PEEK_OFF arithmetic: the offset to peek at, and its moves. */
static inline int sk_peek_offset(struct sock *sk, int flags)
{
	return (flags & MSG_PEEK) ? READ_ONCE(sk->sk_peek_off) : 0;
}
void sk_peek_offset_fwd(struct sock *sk, int val);
void sk_peek_offset_bwd(struct sock *sk, int val);

/* net/skbuff.c */
/* A buffer for len bytes of data, no owner; NULL without memory. */
struct sk_buff *alloc_skb(size_t len);
/* Charge skb to sk (takes a reference on sk). */
void skb_set_owner_w(struct sk_buff *skb, struct sock *sk);
static inline struct sk_buff *skb_get(struct sk_buff *skb)
{
	atomic_inc(&skb->users);
	return skb;
}
/* Drop a reference; the last frees data, SCM state, and uncharges the
 * owner. Never with a spinlock held (it may release files). */
void kfree_skb(struct sk_buff *skb);
/* Copy len bytes between the iterator and the data at off: 0/-EFAULT. */
int skb_copy_from_iter(struct sk_buff *skb, size_t off, struct iov_iter *i,
		       size_t len);
int skb_copy_to_iter(struct sk_buff *skb, size_t off, struct iov_iter *i,
		     size_t len);
/* Copy len bytes into kernel memory (sendfile's bounce buffer). */
void skb_copy_bits(struct sk_buff *skb, size_t off, void *to, size_t len);

void skb_queue_head_init(struct sk_buff_head *q);
/* The __ forms need q->lock held; the others take it. */
void __skb_queue_tail(struct sk_buff_head *q, struct sk_buff *skb);
void skb_queue_tail(struct sk_buff_head *q, struct sk_buff *skb);
void __skb_unlink(struct sk_buff *skb, struct sk_buff_head *q);
void skb_unlink(struct sk_buff *skb, struct sk_buff_head *q);
struct sk_buff *skb_dequeue(struct sk_buff_head *q);
struct sk_buff *skb_peek(struct sk_buff_head *q);	/* q->lock held */
struct sk_buff *skb_peek_next(struct sk_buff *skb, struct sk_buff_head *q);
struct sk_buff *skb_peek_tail(struct sk_buff_head *q);
/* Free every buffer of q. */
void skb_queue_purge(struct sk_buff_head *q);
static inline unsigned int skb_queue_len(const struct sk_buff_head *q)
{
	return READ_ONCE(q->qlen);
}
static inline bool skb_queue_empty(const struct sk_buff_head *q)
{
	return skb_queue_len(q) == 0;
}

/* net/datagram.c: whole buffers off a receive queue. May sleep. */
struct sk_buff *skb_try_recv_datagram(struct sock *sk, unsigned int flags,
				      int *off, int *err,
				      struct sk_buff **last);
int skb_wait_for_more_packets(struct sock *sk, int *err, long *timeo,
			      struct sk_buff *last);
struct sk_buff *skb_recv_datagram(struct sock *sk, unsigned int flags,
				  int *err);

/* net/scm.c: control messages */
struct scm_cookie {
	struct scm_creds creds;		/* SCM_CREDENTIALS given or received */
	struct scm_fp_list *fp;		/* SCM_RIGHTS */
};

/* Parse a sendmsg control buffer into scm (creds, files): 0 or -err. */
int scm_send(struct socket *sock, struct msghdr *m, struct scm_cookie *scm);
/* Release what scm holds (file references, pid). */
void scm_destroy(struct scm_cookie *scm);
/* Write SCM_CREDENTIALS (if passcred) and install SCM_RIGHTS files
 * into the receiver's control buffer; consumes scm. */
void scm_recv(struct socket *sock, struct msghdr *m, struct scm_cookie *scm,
	      int flags, bool passcred);
/* Append one control message; MSG_CTRUNC when it does not fit. */
int put_cmsg(struct msghdr *m, int level, int type, int len,
	     const void *data);
struct scm_fp_list *scm_fp_dup(struct scm_fp_list *fpl);
/* Drop the references of a file list and free it (deferred fput, see
 * scm.c). */
void scm_fp_free(struct scm_fp_list *fpl);
/* Release the files whose last reference a freed skb dropped. */
void scm_run_deferred_fput(void);

#endif
