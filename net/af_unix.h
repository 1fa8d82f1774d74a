/*
 * AF_UNIX internals shared by net/af_unix*.c. See docs/net.md.
 *
 * Locks of the family (outermost first; docs/locking.md):
 *   u->iolock (mutex)        one reader at a time: a stream read's
 *                            consume and peek offsets stay in order
 *   u->bindlock (mutex)      bind/autobind of one socket
 *   vfs_lock                 (bind creating the socket node)
 *   unix_gc_lock (spin)      in-flight counts, GC lists
 *   sk->sk_lock (spin)       one socket's state and peer; two of them
 *                            are taken lower address first
 *                            (unix_state_double_lock)
 *   unix_table_lock (spin)   the bound-name table
 *   sk_receive_queue.lock    a queue
 *   wait queue locks         (wake-ups; peer_wait relays)
 */
#ifndef NET_AF_UNIX_H
#define NET_AF_UNIX_H

#include <tine/fs.h>
#include <tine/sock.h>

/* A bound name: sun_family + path (with its NUL) or abstract bytes. */
struct unix_address {
	atomic_t refcnt;
	int len;			/* bytes of name used */
	struct sockaddr_un name;	/* only len bytes are meaningful */
};

struct unix_sock {
	struct sock sk;			/* first: a sock * is a unix_sock * */
	struct unix_address *addr;	/* [bindlock] set once, then read
					 * with acquire; NULL = unbound */
	struct path path;		/* [bindlock] the node of a
					 * filesystem name (references) */
	struct list_head link;		/* [unix_table_lock] name table */
	struct list_head all_link;	/* [unix_table_lock] on unix_sockets
					 * from creation to release */
	struct mutex iolock;		/* see above */
	struct mutex bindlock;		/* see above */
	struct sock *peer;		/* [L] connected peer (a reference) */
	struct wait_queue_head peer_wait;	/* waiting for room in our
					 * queue: dgram senders, connectors */
	struct wait_queue_entry peer_wake;	/* [peer's peer_wait.lock]
					 * relays its wake-ups to our
					 * pollers (dgram POLLOUT) */
	struct sock *peer_wake_on;	/* [that peer_wait.lock] whose
					 * peer_wait it is on, or NULL */
	struct sk_buff *oob_skb;	/* [sk_receive_queue.lock] the
					 * out-of-band byte's skb (stream) */
	long inflight;			/* [unix_gc_lock] our file's
					 * references sitting in queues */
	struct list_head gc_link;	/* [unix_gc_lock] in-flight list */
	unsigned int gc_flags;		/* [unix_gc_lock] UNIX_GC_* */
};

#define UNIX_GC_CANDIDATE 0x1
#define UNIX_GC_MAYBE_CYCLE 0x2

/* net.unix.max_dgram_qlen: a dgram receiver's queue limit. */
#define UNIX_MAX_DGRAM_QLEN 10

static inline struct unix_sock *unix_sk(struct sock *sk)
{
	return container_of(sk, struct unix_sock, sk);
}

static inline struct sock *unix_peer(struct sock *sk)
{
	return unix_sk(sk)->peer;
}

static inline void unix_state_lock(struct sock *sk)
{
	spin_lock(&sk->sk_lock);
}

static inline void unix_state_unlock(struct sock *sk)
{
	spin_unlock(&sk->sk_lock);
}

/* The bound address, published with release (see unix_set_addr). */
static inline struct unix_address *unix_addr(struct sock *sk)
{
	return __atomic_load_n(&unix_sk(sk)->addr, __ATOMIC_ACQUIRE);
}

/* Is the receive queue over its limit (dgram qlen, listen backlog)? */
static inline bool unix_recvq_full(struct sock *sk)
{
	return skb_queue_len(&sk->sk_receive_queue) >
	       READ_ONCE(sk->sk_max_ack_backlog);
}

static inline bool unix_may_send(struct sock *sk, struct sock *other)
{
	return !unix_peer(other) || unix_peer(other) == sk;
}

/* Stream bytes not yet read in skb. */
static inline unsigned int unix_skb_len(struct sk_buff *skb)
{
	return skb->len - skb->consumed;
}

/* net/af_unix_names.c */
void unix_init(void);
int unix_validate_addr(struct sockaddr_un *sun, int len);
int unix_autobind(struct sock *sk);
int unix_bind(struct socket *sock, struct sockaddr *uaddr, int len);
struct sock *unix_find_other(struct net *net, struct sockaddr_un *sun,
			     int len, int type);
void unix_insert_socket(struct sock *sk);
void unix_remove_socket(struct sock *sk);
void unix_release_addr(struct unix_address *addr);
/*
 * unix_for_each_sock - call fn on every unix sock of net not yet
 * released, oldest first, with unix_table_lock and the sock's state
 * lock held (fn must not sleep). Takes unix_table_lock.
 */
void unix_for_each_sock(struct net *net,
			void (*fn)(struct sock *sk, void *arg), void *arg);

/* net/af_unix.c */
void unix_state_double_lock(struct sock *a, struct sock *b);
void unix_state_double_unlock(struct sock *a, struct sock *b);
struct sock *unix_peer_get(struct sock *sk);
struct sock *unix_create1(struct socket *sock, int type);
void unix_release_sock(struct sock *sk, bool embryo);
long unix_wait_for_peer(struct sock *other, long timeo);
void unix_copy_addr(struct msghdr *m, struct sock *sk);
bool unix_passcred_enabled(struct sock *sk, struct sock *other);
int unix_scm_to_skb(struct scm_cookie *scm, struct sk_buff *skb,
		    bool send_fds);
void unix_maybe_add_creds(struct sk_buff *skb, struct sock *sk,
			  struct sock *other);
void unix_detach_fds(struct scm_cookie *scm, struct sk_buff *skb);
void unix_peek_fds(struct scm_cookie *scm, struct sk_buff *skb);
int unix_set_peek_off(struct sock *sk, int val);

/* net/af_unix_stream.c */
int unix_stream_sendmsg(struct socket *sock, struct msghdr *m, size_t len);
int unix_stream_recvmsg(struct socket *sock, struct msghdr *m, size_t size,
			int flags);

/* net/af_unix_dgram.c */
int unix_dgram_connect(struct socket *sock, struct sockaddr *addr, int alen,
		       int flags);
int unix_dgram_sendmsg(struct socket *sock, struct msghdr *m, size_t len);
int unix_dgram_recvmsg(struct socket *sock, struct msghdr *m, size_t size,
		       int flags);
int unix_seqpacket_sendmsg(struct socket *sock, struct msghdr *m,
			   size_t len);
int unix_seqpacket_recvmsg(struct socket *sock, struct msghdr *m,
			   size_t size, int flags);
unsigned int unix_dgram_poll(struct file *f, struct socket *sock,
			     struct poll_table *pt);
void unix_dgram_peer_wake_disconnect(struct sock *sk, struct sock *other);
void unix_dgram_disconnected(struct sock *sk, struct sock *other);
int unix_dgram_peer_wake_relay(struct wait_queue_entry *w, unsigned int mode,
			       unsigned long key);

/* net/af_unix_gc.c */
/* The unix sock behind a file, or NULL. */
struct sock *unix_get_socket(struct file *f);
/* Account the files of fpl as in flight (-ETOOMANYREFS over the
 * sender's limit), and undo it. */
int unix_inflight_fpl(struct scm_fp_list *fpl);
void unix_notinflight_fpl(struct scm_fp_list *fpl);
/* Serialize a MSG_PEEK file duplication against a running GC. */
void unix_gc_barrier(void);
/* Collect unreachable in-flight sockets (cycles). May sleep. */
void unix_gc(void);
bool unix_gc_has_inflight(void);

#endif
