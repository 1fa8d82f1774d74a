/*
 * AF_NETLINK (net/af_netlink.c): sockets that talk to the kernel (port
 * id 0) or to each other by port id, and the helpers a kernel protocol
 * (net/rtnetlink.c) uses to answer. See docs/net.md.
 *
 * Locking legend for struct netlink_sock:
 *   [T] nl_table_lock: the table of bound sockets (a spinlock).
 *   [B] nlk->bindlock: bind and autobind of this socket (a mutex).
 *   [M] nl_mc_mutex: multicast memberships and the list of sockets
 *       that have some (a mutex: deliveries allocate under it).
 *   [L] sk->sk_lock.  [A] atomic.
 * A kernel protocol answers synchronously inside the sender's sendmsg,
 * with no lock held: its replies go to the sender's receive queue.
 */
#ifndef TINE_NETLINK_H
#define TINE_NETLINK_H

#include <tine/sock.h>
#include <uapi/netlink.h>

struct netlink_sock {
	struct sock sk;
	u32 portid;			/* [T, B] our port id, 0 until bound */
	bool bound;			/* [T, B] portid is in the table */
	u32 dst_portid;			/* [L] connect()'s destination */
	atomic_t rmem;			/* [A] truesize in our receive queue */
	unsigned long flags;		/* [L] NETLINK_F_* (read: READ_ONCE) */
	struct mutex bindlock;		/* see [B] */
	struct list_head node;		/* [T] in nl_table once bound */
	u32 dst_group;			/* [L] connect()'s group, 0: none */
	u64 groups;			/* [M] member of group g: bit g-1
					 * (read: READ_ONCE) */
	bool on_mc_list;		/* [M] on nl_mc_list */
	struct list_head mc_node;	/* [M] in nl_mc_list */
	atomic_t drops;			/* [A] messages lost to overruns */
};

static inline struct netlink_sock *nlk_sk(struct sock *sk)
{
	return container_of(sk, struct netlink_sock, sk);
}

/* nlk->flags bits (SOL_NETLINK options). */
#define NETLINK_F_RECV_NO_ENOBUFS 0
#define NETLINK_F_CAP_ACK 1
#define NETLINK_F_EXT_ACK 2

static inline bool netlink_flag(struct sock *sk, int bit)
{
	return READ_ONCE(nlk_sk(sk)->flags) & (1UL << bit);
}

/* A message being built in kernel memory (a fixed-size buffer). */
struct nl_msgbuf {
	char *data;
	u32 len;			/* bytes used */
	u32 size;			/* bytes allocated */
};

/* A kernel handler's answer meaning "replied with a dump: no ack". */
#define NETLINK_DUMPED 1

/* nl_msgbuf_init - an empty buffer of size bytes: 0 or -ENOMEM. */
int nl_msgbuf_init(struct nl_msgbuf *b, u32 size);
void nl_msgbuf_free(struct nl_msgbuf *b);
/*
 * nlmsg_put - append a message header with payload bytes of zeroed
 * payload; its nlmsg_len covers only those until nlmsg_end(). NULL
 * when it does not fit.
 */
struct nlmsghdr *nlmsg_put(struct nl_msgbuf *b, u32 portid, u32 seq,
			   int type, int payload, int flags);
/* nla_put - append an attribute to the last message: 0 or -EMSGSIZE. */
int nla_put(struct nl_msgbuf *b, int type, int len, const void *data);
/* nla_nest_start - open a nested attribute: its offset in b, or -1 when
 * it does not fit; nla_nest_end closes it (offset -1: -EMSGSIZE). */
int nla_nest_start(struct nl_msgbuf *b, int type);
int nla_nest_end(struct nl_msgbuf *b, int offset);
/* nlmsg_end - the message at nlh ends at the buffer's end. */
void nlmsg_end(struct nl_msgbuf *b, struct nlmsghdr *nlh);
/*
 * netlink_reply - queue b's messages as one datagram from the kernel
 * to sk. When sk's receive buffer is full the datagram is dropped and
 * sk gets ENOBUFS (its pending error), as Linux. Takes sk's queue lock.
 */
void netlink_reply(struct sock *sk, struct nl_msgbuf *b);
/*
 * netlink_broadcast - deliver b's messages as one datagram from the
 * kernel to every socket of net and protocol that is a member of group
 * (one whose receive buffer is full loses it and gets ENOBUFS unless
 * NETLINK_NO_ENOBUFS), except the socket bound to exclude_portid (0:
 * none). Takes nl_mc_mutex; may sleep.
 */
void netlink_broadcast(struct net *net, int protocol, u32 group,
		       struct nl_msgbuf *b, u32 exclude_portid);
/*
 * netlink_for_each_sock - call fn on every bound netlink socket of net,
 * with nl_table_lock held (fn must not sleep). /proc/net/netlink.
 */
void netlink_for_each_sock(struct net *net,
			   void (*fn)(struct sock *sk, void *arg), void *arg);
/*
 * netlink_net_capable - may the sender on sk use cap over sk's network
 * namespace (both the socket's opener and current must have it, as
 * Linux)? No locks.
 */
bool netlink_net_capable(struct sock *sk, int cap);
/* nlmsg_data/nlmsg_payload_len: a message's payload and its length. */
static inline void *nlmsg_data(const struct nlmsghdr *nlh)
{
	return (char *)nlh + NLMSG_HDRLEN;
}

static inline int nlmsg_payload_len(const struct nlmsghdr *nlh)
{
	return (int)nlh->nlmsg_len - (int)NLMSG_HDRLEN;
}

/* net/rtnetlink.c: NETLINK_ROUTE's kernel side. */
/*
 * rtnetlink_rcv_msg - answer one request nlh from sk (replies queued
 * to sk): 0, NETLINK_DUMPED, or -errno for the NLMSG_ERROR. May sleep.
 */
int rtnetlink_rcv_msg(struct sock *sk, struct nlmsghdr *nlh);
/*
 * rtmsg_ifinfo - announce dev's state to RTNLGRP_LINK (an RTM_NEWLINK
 * whose ifi_change is change). rtnl_mutex held; may sleep.
 */
struct net_device;
void rtmsg_ifinfo(struct net *net, struct net_device *dev,
		  unsigned int change);
/* Parse nlh's attributes after hdrlen bytes into tb[0..max] (NULL when
 * absent; the last of a type wins; a bad header ends the walk, as
 * Linux). */
void nlmsg_parse_attrs(const struct nlmsghdr *nlh, int hdrlen,
		       const struct nlattr **tb, int max);
static inline void *nla_data(const struct nlattr *nla)
{
	return (char *)nla + NLA_HDRLEN;
}

static inline int nla_len(const struct nlattr *nla)
{
	return nla->nla_len - NLA_HDRLEN;
}

/*
 * rtnl_dump_done - end the dump in b (a reply to req) with NLMSG_DONE,
 * send it to sk and free b: NETLINK_DUMPED, or err / -EMSGSIZE.
 */
int rtnl_dump_done(struct sock *sk, struct nl_msgbuf *b,
		   const struct nlmsghdr *req, int err);

/* net/ifaddr.c: RTM_NEWADDR, RTM_DELADDR, RTM_GETADDR dumps. */
int inet_rtm_newaddr(struct sock *sk, struct nlmsghdr *nlh);
int inet_rtm_deladdr(struct sock *sk, struct nlmsghdr *nlh);
int inet_dump_ifaddr(struct sock *sk, const struct nlmsghdr *nlh);

/* net/fib.c: RTM_GETROUTE dumps of the routes addresses make. */
int inet_dump_fib(struct sock *sk, const struct nlmsghdr *nlh);

/* net/unix_diag.c: NETLINK_SOCK_DIAG's kernel side. May sleep. */
int sock_diag_rcv_msg(struct sock *sk, struct nlmsghdr *nlh);

#endif
