/*
 * AF_NETLINK: datagram sockets addressed by port id. Port 0 is the
 * kernel: a message sent there is handed, one nlmsghdr at a time, to
 * the protocol's kernel side (only NETLINK_ROUTE, net/rtnetlink.c),
 * which answers synchronously into the sender's receive queue. Other
 * port ids are sockets of the same protocol and network namespace.
 * Multicast: a socket joins groups by bind's nl_groups (the first 32)
 * or NETLINK_ADD_MEMBERSHIP; the kernel (rtnetlink's notifications) or
 * a privileged sender delivers to every member of a group in the same
 * namespace and protocol. See docs/net.md.
 *
 * Locks: nl_table_lock (bound sockets, the autobind rover) is taken
 * with no other lock held and only sock_hold() inside it; a socket's
 * bindlock (mutex) is outside it. nl_mc_mutex (memberships and the list
 * of member sockets) is a mutex because a delivery allocates under it;
 * rtnl_mutex is outside it, queue locks inside. Replies are built in
 * kernel memory and queued under the queue's own lock; no user memory
 * is touched with a spinlock held.
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/mm.h>
#include <tine/net_namespace.h>
#include <tine/netlink.h>
#include <tine/pid.h>
#include <tine/poll.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/uaccess.h>

static DEFINE_SPINLOCK_RANKED(nl_table_lock, LR_NL_TABLE);
static LIST_HEAD(nl_table);		/* [nl_table_lock] bound sockets */
static s32 nl_rover = -4097;		/* [nl_table_lock] next fallback id */
static DEFINE_MUTEX_RANKED(nl_mc_mutex, LR_MUTEX);
static LIST_HEAD(nl_mc_list);		/* [nl_mc_mutex] sockets with groups */

/* What each netlink protocol tine has offers (Linux's nl_table[]). */
#define NETLINK_MIN_GROUPS 32		/* Linux gives every protocol 32 */
struct netlink_proto {
	u32 ngroups;			/* multicast groups 1..ngroups */
	bool nonroot_recv;		/* joining needs no CAP_NET_ADMIN */
	int (*rcv_msg)(struct sock *sk, struct nlmsghdr *nlh);
};

static const struct netlink_proto netlink_protos[MAX_LINKS] = {
	[NETLINK_ROUTE] = { RTNLGRP_MAX, true, rtnetlink_rcv_msg },
	[NETLINK_SOCK_DIAG] = { NETLINK_MIN_GROUPS, true, sock_diag_rcv_msg },
};

static const struct netlink_proto *nl_proto(struct sock *sk)
{
	return &netlink_protos[sk->sk_protocol];
}

/*
 * Linux's netlink_allowed: may sk's user join groups (recv) or send to
 * a port or group (!recv)? NETLINK_ROUTE lets anyone join; the rest
 * needs CAP_NET_ADMIN over sk's namespace.
 */
static bool netlink_allowed(struct sock *sk, bool recv)
{
	if (recv && nl_proto(sk)->nonroot_recv)
		return true;
	return ns_capable(sock_net(sk)->user_ns, CAP_NET_ADMIN);
}

static const struct proto_ops netlink_ops;
static struct netlink_sock *netlink_lookup(struct net *net, int protocol,
					   u32 portid);

/* nl_msgbuf_init - see tine/netlink.h. */
int nl_msgbuf_init(struct nl_msgbuf *b, u32 size)
{
	b->data = kmalloc(size, 0);
	b->len = 0;
	b->size = b->data ? size : 0;
	return b->data ? 0 : -ENOMEM;
}

/* nl_msgbuf_free - see tine/netlink.h. */
void nl_msgbuf_free(struct nl_msgbuf *b)
{
	kfree(b->data);
	b->data = NULL;
}

/* nlmsg_put - see tine/netlink.h. */
struct nlmsghdr *nlmsg_put(struct nl_msgbuf *b, u32 portid, u32 seq,
			   int type, int payload, int flags)
{
	u32 need = NLMSG_ALIGN(NLMSG_HDRLEN + (u32)payload);
	struct nlmsghdr *nlh;

	if (payload < 0 || b->size - b->len < need)
		return NULL;
	nlh = (struct nlmsghdr *)(b->data + b->len);
	memset(nlh, 0, need);
	nlh->nlmsg_len = NLMSG_HDRLEN + payload;
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_pid = portid;
	b->len += need;
	return nlh;
}

/* nla_put - see tine/netlink.h. */
int nla_put(struct nl_msgbuf *b, int type, int len, const void *data)
{
	u32 need = NLA_ALIGN(NLA_HDRLEN + len);
	struct nlattr *nla;

	if (len < 0 || b->size - b->len < need)
		return -EMSGSIZE;
	nla = (struct nlattr *)(b->data + b->len);
	memset(nla, 0, need);
	nla->nla_len = NLA_HDRLEN + len;
	nla->nla_type = type;
	if (len)
		memcpy((char *)nla + NLA_HDRLEN, data, len);
	b->len += need;
	return 0;
}

/* nla_nest_start - see tine/netlink.h. */
int nla_nest_start(struct nl_msgbuf *b, int type)
{
	u32 off = b->len;

	return nla_put(b, type, 0, NULL) ? -1 : (int)off;
}

/* nla_nest_end - see tine/netlink.h. */
int nla_nest_end(struct nl_msgbuf *b, int offset)
{
	struct nlattr *nla;

	if (offset < 0)
		return -EMSGSIZE;
	nla = (struct nlattr *)(b->data + offset);
	nla->nla_len = (u16)(b->len - (u32)offset);
	return 0;
}

/* nlmsg_end - see tine/netlink.h. */
void nlmsg_end(struct nl_msgbuf *b, struct nlmsghdr *nlh)
{
	nlh->nlmsg_len = (u32)(b->data + b->len - (char *)nlh);
}

/* netlink_net_capable - see tine/netlink.h. */
bool netlink_net_capable(struct sock *sk, int cap)
{
	struct user_namespace *ns = sock_net(sk)->user_ns;
	struct socket *sock = READ_ONCE(sk->sk_socket);

	return sock && sock->file &&
	       cred_has_capability(sock->file->f_cred, ns, cap) &&
	       ns_capable(ns, cap);
}

/* Queue skb on sk and wake its readers. */
static void netlink_queue(struct sock *sk, struct sk_buff *skb)
{
	atomic_add_return(&nlk_sk(sk)->rmem, skb->truesize);
	skb_queue_tail(&sk->sk_receive_queue, skb);
	sk_wake(sk, POLLIN | POLLRDNORM);
	sk_wake_async(sk, POLL_IN);
}

/* A message for sk was dropped: it gets ENOBUFS, as Linux's overrun
 * (unless NETLINK_NO_ENOBUFS). */
static void netlink_overrun(struct sock *sk)
{
	atomic_inc(&nlk_sk(sk)->drops);
	if (netlink_flag(sk, NETLINK_F_RECV_NO_ENOBUFS))
		return;
	spin_lock(&sk->sk_lock);
	sk->sk_err = ENOBUFS;
	spin_unlock(&sk->sk_lock);
	sk_wake(sk, POLLERR);
}

static bool netlink_rcvbuf_full(struct sock *sk)
{
	return atomic_read(&nlk_sk(sk)->rmem) > READ_ONCE(sk->sk_rcvbuf);
}

/*
 * Queue len bytes of kernel memory on sk as one datagram from `from`
 * (NULL: the kernel) sent to group (0: unicast); a full receive buffer
 * loses it (overrun).
 */
static void netlink_deliver(struct sock *sk, const void *data, u32 len,
			    struct sock *from, u32 group)
{
	struct sk_buff *skb;
	struct iov_iter it;
	struct kvec kv = { (void *)data, len };

	if (netlink_rcvbuf_full(sk)) {
		netlink_overrun(sk);
		return;
	}
	skb = alloc_skb(len);
	if (!skb) {
		netlink_overrun(sk);
		return;
	}
	iov_iter_kvec(&it, &kv, 1, len);
	skb_copy_from_iter(skb, 0, &it, len);	/* kernel memory */
	if (from)
		skb_set_owner_w(skb, from);
	skb->nl_group = group;
	netlink_queue(sk, skb);
}

/* netlink_reply - see tine/netlink.h. */
void netlink_reply(struct sock *sk, struct nl_msgbuf *b)
{
	netlink_deliver(sk, b->data, b->len, NULL, 0);
}

/* Deliver len bytes from `from` (NULL: the kernel) to the members of
 * group in net/protocol but the one `exclude`. */
static void netlink_do_broadcast(struct net *net, int protocol, u32 group,
				 const void *data, u32 len, struct sock *from,
				 struct sock *exclude)
{
	struct netlink_sock *nlk;

	if (!group || group > 64)
		return;
	mutex_lock(&nl_mc_mutex);
	list_for_each_entry(nlk, &nl_mc_list, mc_node) {
		struct sock *sk = &nlk->sk;

		if (sk == exclude || sock_net(sk) != net ||
		    sk->sk_protocol != protocol ||
		    !(nlk->groups & (1ULL << (group - 1))))
			continue;
		netlink_deliver(sk, data, len, from, group);
	}
	mutex_unlock(&nl_mc_mutex);
}

/* netlink_broadcast - see tine/netlink.h. */
void netlink_broadcast(struct net *net, int protocol, u32 group,
		       struct nl_msgbuf *b, u32 exclude_portid)
{
	struct sock *exclude = NULL;

	if (exclude_portid) {
		spin_lock(&nl_table_lock);
		exclude = (struct sock *)netlink_lookup(net, protocol,
							exclude_portid);
		spin_unlock(&nl_table_lock);
	}
	/* exclude is only compared, never dereferenced */
	netlink_do_broadcast(net, protocol, group, b->data, b->len, NULL,
			     exclude);
}

/* netlink_for_each_sock - see tine/netlink.h. */
void netlink_for_each_sock(struct net *net,
			   void (*fn)(struct sock *sk, void *arg), void *arg)
{
	struct netlink_sock *nlk;

	spin_lock(&nl_table_lock);
	list_for_each_entry(nlk, &nl_table, node)
		if (sock_net(&nlk->sk) == net)
			fn(&nlk->sk, arg);
	spin_unlock(&nl_table_lock);
}

/*
 * Set sk's groups to `groups` (mask of the bits in `which`), joining or
 * leaving nl_mc_list. Takes nl_mc_mutex.
 */
static void netlink_update_groups(struct sock *sk, u64 which, u64 groups)
{
	struct netlink_sock *nlk = nlk_sk(sk);

	mutex_lock(&nl_mc_mutex);
	WRITE_ONCE(nlk->groups, (nlk->groups & ~which) | (groups & which));
	if (nlk->groups && !nlk->on_mc_list) {
		list_add_tail(&nlk->mc_node, &nl_mc_list);
		nlk->on_mc_list = true;
	}
	mutex_unlock(&nl_mc_mutex);
}

/*
 * Acknowledge (err 0) or refuse (err < 0) the request nlh: an
 * NLMSG_ERROR carrying err and the request's header, or all of the
 * request when refused unless NETLINK_CAP_ACK, as Linux.
 */
static void netlink_ack(struct sock *sk, const struct nlmsghdr *nlh, int err)
{
	bool whole = err && !netlink_flag(sk, NETLINK_F_CAP_ACK);
	u32 copy = whole ? nlh->nlmsg_len : NLMSG_HDRLEN;
	u32 payload = sizeof(int) + copy;
	struct nlmsghdr *rep;
	struct nlmsgerr *e;
	struct nl_msgbuf b;

	if (nl_msgbuf_init(&b, NLMSG_ALIGN(NLMSG_HDRLEN + payload))) {
		netlink_overrun(sk);
		return;
	}
	rep = nlmsg_put(&b, READ_ONCE(nlk_sk(sk)->portid), nlh->nlmsg_seq,
			NLMSG_ERROR, payload, whole ? 0 : NLM_F_CAPPED);
	e = nlmsg_data(rep);
	e->error = err;
	memcpy(&e->msg, nlh, copy);
	netlink_reply(sk, &b);
	nl_msgbuf_free(&b);
}

/*
 * The kernel side of a protocol receives len bytes of messages from sk
 * (Linux's netlink_rcv_skb): each request goes to the protocol, each
 * error or NLM_F_ACK is answered; a header with an impossible length
 * ends the walk silently, as Linux.
 */
static void netlink_rcv(struct sock *sk, char *buf, u32 len)
{
	while (len >= NLMSG_HDRLEN) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
		u32 step;
		int err = 0;

		if (nlh->nlmsg_len < NLMSG_HDRLEN || nlh->nlmsg_len > len)
			return;
		if ((nlh->nlmsg_flags & NLM_F_REQUEST) &&
		    nlh->nlmsg_type >= NLMSG_MIN_TYPE)
			err = nl_proto(sk)->rcv_msg(sk, nlh);
		if (err != NETLINK_DUMPED &&
		    (err || (nlh->nlmsg_flags & NLM_F_ACK)))
			netlink_ack(sk, nlh, err);
		step = NLMSG_ALIGN(nlh->nlmsg_len);
		if (step > len)
			step = len;
		buf += step;
		len -= step;
	}
}

static int netlink_kernel_input(struct sock *sk, struct msghdr *m,
				size_t len)
{
	char *buf = kmalloc(len ? len : 1, 0);

	if (!buf)
		return -ENOBUFS;
	if (copy_from_iter(buf, len, &m->msg_iter) != len) {
		kfree(buf);
		return -EFAULT;
	}
	netlink_rcv(sk, buf, len);
	kfree(buf);
	return 0;
}

/* The bound socket of net/protocol with portid, or NULL. */
static struct netlink_sock *netlink_lookup(struct net *net, int protocol,
					   u32 portid)
{
	struct netlink_sock *nlk;

	assert_spin_locked(&nl_table_lock);
	list_for_each_entry(nlk, &nl_table, node)
		if (sock_net(&nlk->sk) == net &&
		    nlk->sk.sk_protocol == protocol && nlk->portid == portid)
			return nlk;
	return NULL;
}

/* Bind sk to portid (its bindlock held): 0 or -EADDRINUSE. */
static int netlink_insert(struct sock *sk, u32 portid)
{
	struct netlink_sock *nlk = nlk_sk(sk);
	int err = 0;

	mutex_assert_held(&nlk->bindlock);
	spin_lock(&nl_table_lock);
	if (netlink_lookup(sock_net(sk), sk->sk_protocol, portid)) {
		err = -EADDRINUSE;
	} else {
		WRITE_ONCE(nlk->portid, portid);
		WRITE_ONCE(nlk->bound, true);
		list_add(&nlk->node, &nl_table);
	}
	spin_unlock(&nl_table_lock);
	return err;
}

/* A free port id: the caller's tgid if free, else a negative one. */
static int netlink_autobind(struct sock *sk)
{
	s32 portid = task_tgid_vnr(current);
	int tries = 0;

	while (netlink_insert(sk, (u32)portid) == -EADDRINUSE) {
		if (++tries > 100000)
			return -EADDRINUSE;
		spin_lock(&nl_table_lock);
		portid = nl_rover--;
		if (nl_rover == (s32)0x80000000)
			nl_rover = -4097;
		spin_unlock(&nl_table_lock);
	}
	return 0;
}

/* Bind sk unless it is bound: 0 or -errno. Takes its bindlock. */
static int netlink_ensure_bound(struct sock *sk)
{
	struct netlink_sock *nlk = nlk_sk(sk);
	int err = 0;

	mutex_lock(&nlk->bindlock);
	if (!nlk->bound)
		err = netlink_autobind(sk);
	mutex_unlock(&nlk->bindlock);
	return err;
}

/* The groups of a bind's nl_groups this protocol has. */
static u64 netlink_bind_groups(struct sock *sk, u32 nl_groups)
{
	u32 n = nl_proto(sk)->ngroups;

	return n < 32 ? nl_groups & ((1U << n) - 1) : nl_groups;
}

static int netlink_bind(struct socket *sock, struct sockaddr *addr, int len)
{
	struct sockaddr_nl *nla = (struct sockaddr_nl *)addr;
	struct sock *sk = sock->sk;
	struct netlink_sock *nlk = nlk_sk(sk);
	u64 groups;
	int err = 0;

	if (len < (int)sizeof(*nla) || nla->nl_family != AF_NETLINK)
		return -EINVAL;
	if (nla->nl_groups && !netlink_allowed(sk, true))
		return -EPERM;
	groups = netlink_bind_groups(sk, nla->nl_groups);
	mutex_lock(&nlk->bindlock);
	if (nlk->bound)
		err = nla->nl_pid == nlk->portid ? 0 : -EINVAL;
	else if (nla->nl_pid)
		err = netlink_insert(sk, nla->nl_pid);
	else
		err = netlink_autobind(sk);
	mutex_unlock(&nlk->bindlock);
	/* bind sets the first 32 groups; ADD_MEMBERSHIP's others stay */
	if (!err && (groups || (READ_ONCE(nlk->groups) & 0xffffffffULL)))
		netlink_update_groups(sk, 0xffffffffULL, groups);
	return err;
}

static int netlink_connect(struct socket *sock, struct sockaddr *addr,
			   int len, int file_flags)
{
	struct sockaddr_nl *nla = (struct sockaddr_nl *)addr;
	struct sock *sk = sock->sk;
	int err;

	if (len < (int)sizeof(addr->sa_family))
		return -EINVAL;
	if (addr->sa_family == AF_UNSPEC) {
		spin_lock(&sk->sk_lock);
		sk->sk_state = TCP_CLOSE;
		nlk_sk(sk)->dst_portid = 0;
		nlk_sk(sk)->dst_group = 0;
		spin_unlock(&sk->sk_lock);
		return 0;
	}
	if (addr->sa_family != AF_NETLINK || len < (int)sizeof(*nla))
		return -EINVAL;
	if ((nla->nl_groups || nla->nl_pid) && !netlink_allowed(sk, false))
		return -EPERM;
	err = netlink_ensure_bound(sk);
	if (err)
		return err;
	spin_lock(&sk->sk_lock);
	sk->sk_state = TCP_ESTABLISHED;
	nlk_sk(sk)->dst_portid = nla->nl_pid;
	nlk_sk(sk)->dst_group = __builtin_ffs(nla->nl_groups);
	spin_unlock(&sk->sk_lock);
	return 0;
}

static int netlink_getname(struct socket *sock, struct sockaddr *addr,
			   int peer)
{
	struct sockaddr_nl *nla = (struct sockaddr_nl *)addr;
	struct sock *sk = sock->sk;

	memset(nla, 0, sizeof(*nla));
	nla->nl_family = AF_NETLINK;
	if (peer) {
		spin_lock(&sk->sk_lock);
		nla->nl_pid = nlk_sk(sk)->dst_portid;
		if (nlk_sk(sk)->dst_group)
			nla->nl_groups = 1U << (nlk_sk(sk)->dst_group - 1);
		spin_unlock(&sk->sk_lock);
	} else {
		nla->nl_pid = READ_ONCE(nlk_sk(sk)->portid);
		nla->nl_groups = (u32)READ_ONCE(nlk_sk(sk)->groups);
	}
	return sizeof(*nla);
}

/* Where a send goes: the message's address or connect()'s (a port
 * and a group, 0 for none). */
static int netlink_dest(struct sock *sk, struct msghdr *m, u32 *portid,
			u32 *group)
{
	struct sockaddr_nl *nla = m->msg_name;

	if (!nla) {
		spin_lock(&sk->sk_lock);
		*portid = nlk_sk(sk)->dst_portid;
		*group = nlk_sk(sk)->dst_group;
		spin_unlock(&sk->sk_lock);
		return 0;
	}
	if (m->msg_namelen < (int)sizeof(*nla) ||
	    nla->nl_family != AF_NETLINK)
		return -EINVAL;
	*portid = nla->nl_pid;
	*group = __builtin_ffs(nla->nl_groups);
	if ((*group || *portid) && !netlink_allowed(sk, false))
		return -EPERM;
	return 0;
}

/* Wait until target has room (Linux's netlink_attachskb): 0 or -err. */
static int netlink_wait_room(struct sock *target, long *timeo)
{
	struct wait_queue_entry w;

	while (netlink_rcvbuf_full(target)) {
		if (sock_flag(target, SOCK_DEAD))
			return -ECONNREFUSED;
		if (!*timeo)
			return -EAGAIN;
		if (signal_pending(current))
			return sock_intr_errno(*timeo);
		init_wait_entry(&w);
		prepare_to_wait(&target->sk_wq, &w, TASK_INTERRUPTIBLE);
		if (netlink_rcvbuf_full(target) &&
		    !sock_flag(target, SOCK_DEAD))
			*timeo = sock_schedule_timeout(*timeo);
		finish_wait(&target->sk_wq, &w);
	}
	return 0;
}

/* The bound socket portid in sk's namespace and protocol, referenced;
 * NULL when there is none or it is connected to someone else. */
static struct sock *netlink_getsockbyportid(struct sock *sk, u32 portid)
{
	struct netlink_sock *nlk;
	struct sock *target = NULL;

	spin_lock(&nl_table_lock);
	nlk = netlink_lookup(sock_net(sk), sk->sk_protocol, portid);
	if (nlk) {
		target = &nlk->sk;
		sock_hold(target);
	}
	spin_unlock(&nl_table_lock);
	if (!target)
		return NULL;
	spin_lock(&target->sk_lock);
	if (target->sk_state == TCP_ESTABLISHED &&
	    nlk->dst_portid != READ_ONCE(nlk_sk(sk)->portid)) {
		spin_unlock(&target->sk_lock);
		sock_put(target);
		return NULL;
	}
	spin_unlock(&target->sk_lock);
	return target;
}

/* A datagram from sk to the socket bound to portid. */
static int netlink_unicast_user(struct sock *sk, struct msghdr *m,
				size_t len, u32 portid)
{
	long timeo = sock_sndtimeo(sk, m->msg_flags & MSG_DONTWAIT);
	struct sock *target = netlink_getsockbyportid(sk, portid);
	struct sk_buff *skb;
	int err;

	if (!target)
		return -ECONNREFUSED;
	err = -ENOBUFS;
	skb = alloc_skb(len);
	if (!skb)
		goto out;
	err = skb_copy_from_iter(skb, 0, &m->msg_iter, len);
	if (!err) {
		skb_set_owner_w(skb, sk);
		err = netlink_wait_room(target, &timeo);
	}
	if (err) {
		kfree_skb(skb);
		goto out;
	}
	netlink_queue(target, skb);
out:
	sock_put(target);
	return err;
}

/*
 * A send to a group: the members get a copy (not the sender), then the
 * message goes on to its port as usual (the kernel for port 0, as
 * Linux); m's data now comes from *kbuf (freed by the caller).
 */
static int netlink_send_group(struct sock *sk, struct msghdr *m,
			      size_t len, u32 group, char **kbuf,
			      struct kvec *kv)
{
	*kbuf = kmalloc(len, 0);
	if (!*kbuf)
		return -ENOBUFS;
	if (copy_from_iter(*kbuf, len, &m->msg_iter) != len)
		return -EFAULT;
	netlink_do_broadcast(sock_net(sk), sk->sk_protocol, group, *kbuf,
			     len, sk, sk);
	kv->iov_base = *kbuf;
	kv->iov_len = len;
	iov_iter_kvec(&m->msg_iter, kv, 1, len);
	return 0;
}

static int netlink_sendmsg(struct socket *sock, struct msghdr *m,
			   size_t len)
{
	struct sock *sk = sock->sk;
	char *kbuf = NULL;
	struct kvec kv;
	u32 portid, group;
	int err;

	if (m->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (!len)
		return -ENODATA;	/* Linux 6.1: no empty messages */
	err = netlink_dest(sk, m, &portid, &group);
	if (!err)
		err = netlink_ensure_bound(sk);
	if (err)
		return err;
	if (len > (size_t)READ_ONCE(sk->sk_sndbuf) - 32)
		return -EMSGSIZE;
	if (group)
		err = netlink_send_group(sk, m, len, group, &kbuf, &kv);
	if (err)
		goto out;
	if (portid)
		err = netlink_unicast_user(sk, m, len, portid);
	else
		err = netlink_kernel_input(sk, m, len);
out:
	kfree(kbuf);
	return err ? err : (int)len;
}

static void netlink_copy_addr(struct msghdr *m, struct sk_buff *skb)
{
	struct sockaddr_nl *nla = m->msg_name;

	memset(nla, 0, sizeof(*nla));
	nla->nl_family = AF_NETLINK;
	nla->nl_pid = skb->sk ? READ_ONCE(nlk_sk(skb->sk)->portid) : 0;
	if (skb->nl_group)
		nla->nl_groups = 1U << (skb->nl_group - 1);
	m->msg_namelen = sizeof(*nla);
}

static int netlink_recvmsg(struct socket *sock, struct msghdr *m,
			   size_t size, int flags)
{
	struct sock *sk = sock->sk;
	struct sk_buff *skb;
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	skb = skb_recv_datagram(sk, flags, &err);
	if (!skb)
		return err;
	if (!(flags & MSG_PEEK)) {
		atomic_add_return(&nlk_sk(sk)->rmem, -(int)skb->truesize);
		sk_wake(sk, POLLOUT | POLLWRNORM);	/* senders waiting */
	}
	if (size > skb->len)
		size = skb->len;
	else if (size < skb->len)
		m->msg_flags |= MSG_TRUNC;
	err = skb_copy_to_iter(skb, 0, &m->msg_iter, size);
	if (!err && m->msg_name)
		netlink_copy_addr(m, skb);
	if (!err)
		err = (flags & MSG_TRUNC) ? (int)skb->len : (int)size;
	kfree_skb(skb);
	return err;
}

static unsigned int netlink_poll(struct file *f, struct socket *sock,
				 struct poll_table *pt)
{
	struct sock *sk = sock->sk;
	unsigned int mask = 0;

	poll_wait(f, &sk->sk_wq, pt);
	if (READ_ONCE(sk->sk_err))
		mask |= POLLERR;
	if (!skb_queue_empty(&sk->sk_receive_queue))
		mask |= POLLIN | POLLRDNORM;
	if (sock_writeable(sk))
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	return mask;
}

static int netlink_release(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct netlink_sock *nlk;

	if (!sk)
		return 0;
	nlk = nlk_sk(sk);
	spin_lock(&nl_table_lock);
	if (nlk->bound)
		list_del(&nlk->node);
	nlk->bound = false;
	spin_unlock(&nl_table_lock);
	mutex_lock(&nl_mc_mutex);
	if (nlk->on_mc_list)
		list_del(&nlk->mc_node);
	nlk->on_mc_list = false;
	WRITE_ONCE(nlk->groups, 0);
	mutex_unlock(&nl_mc_mutex);
	spin_lock(&sk->sk_lock);
	sock_orphan(sk);
	spin_unlock(&sk->sk_lock);
	sock->sk = NULL;
	skb_queue_purge(&sk->sk_receive_queue);
	sk_wake(sk, POLLERR | POLLHUP);		/* senders waiting for room */
	sock_put(sk);
	return 0;
}

static void netlink_sock_destruct(struct sock *sk)
{
	skb_queue_purge(&sk->sk_receive_queue);	/* queued after release */
	kfree(nlk_sk(sk));
}

static int netlink_no_listen(struct socket *sock, int backlog)
{
	return -EOPNOTSUPP;
}

static int netlink_no_accept(struct socket *sock, struct socket *newsock,
			     int file_flags)
{
	return -EOPNOTSUPP;
}

static int netlink_no_shutdown(struct socket *sock, int how)
{
	return -EOPNOTSUPP;
}

/* Device ioctls (SIOCGIFFLAGS...) fall through to dev_ioctl. */
static int netlink_ioctl(struct socket *sock, unsigned int cmd,
			 unsigned long arg)
{
	return -ENOIOCTLCMD;
}

/* The SOL_NETLINK options kept as a flag bit, or -1. */
static int netlink_opt_flag(int optname)
{
	switch (optname) {
	case NETLINK_NO_ENOBUFS:
		return NETLINK_F_RECV_NO_ENOBUFS;
	case NETLINK_CAP_ACK:
		return NETLINK_F_CAP_ACK;
	case NETLINK_EXT_ACK:
		return NETLINK_F_EXT_ACK;
	}
	return -1;
}

/* NETLINK_ADD_MEMBERSHIP/DROP_MEMBERSHIP of group val, as Linux. */
static int netlink_membership(struct sock *sk, int optname, u32 val)
{
	u64 bit;

	if (!netlink_allowed(sk, true))
		return -EPERM;
	if (!val || val - 1 >= nl_proto(sk)->ngroups)
		return -EINVAL;
	bit = 1ULL << (val - 1);
	netlink_update_groups(sk, bit,
			      optname == NETLINK_ADD_MEMBERSHIP ? bit : 0);
	return 0;
}

/*
 * SOL_NETLINK options: memberships, NETLINK_NO_ENOBUFS, NETLINK_CAP_ACK
 * and NETLINK_EXT_ACK (tine's errors carry no extended-ack attributes);
 * the others (strict checking, PKTINFO...) are ENOPROTOOPT, as are
 * other levels, as Linux.
 */
static int netlink_setsockopt(struct socket *sock, int level, int optname,
			      const void __user *optval, int optlen)
{
	struct sock *sk = sock->sk;
	int bit = netlink_opt_flag(optname), val = 0;

	if (level != SOL_NETLINK)
		return -ENOPROTOOPT;
	if (optlen >= (int)sizeof(int) &&
	    copy_from_user(&val, optval, sizeof(val)))
		return -EFAULT;
	if (optname == NETLINK_ADD_MEMBERSHIP ||
	    optname == NETLINK_DROP_MEMBERSHIP)
		return netlink_membership(sk, optname, (u32)val);
	if (bit < 0)
		return -ENOPROTOOPT;
	spin_lock(&sk->sk_lock);
	if (val)
		WRITE_ONCE(nlk_sk(sk)->flags, nlk_sk(sk)->flags | (1UL << bit));
	else
		WRITE_ONCE(nlk_sk(sk)->flags, nlk_sk(sk)->flags & ~(1UL << bit));
	spin_unlock(&sk->sk_lock);
	return 0;
}

/* NETLINK_LIST_MEMBERSHIPS: the group mask as u32s; *optlen becomes
 * the size needed, as Linux. */
static int netlink_list_memberships(struct sock *sk, void __user *optval,
				    int __user *optlen, int len)
{
	u64 groups = READ_ONCE(nlk_sk(sk)->groups);
	u32 words[2] = { (u32)groups, (u32)(groups >> 32) };
	int need = (int)(((nl_proto(sk)->ngroups + 31) / 32) * sizeof(u32));
	int copy = len < need ? len & ~3 : need;

	if (copy && copy_to_user(optval, words, copy))
		return -EFAULT;
	return put_user(need, optlen) ? -EFAULT : 0;
}

static int netlink_getsockopt(struct socket *sock, int level, int optname,
			      void __user *optval, int __user *optlen)
{
	int bit = netlink_opt_flag(optname), len, val;

	if (level != SOL_NETLINK)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if (optname == NETLINK_LIST_MEMBERSHIPS)
		return netlink_list_memberships(sock->sk, optval, optlen, len);
	if (bit < 0)
		return -ENOPROTOOPT;
	if (len < (int)sizeof(int))
		return -EINVAL;
	len = sizeof(int);
	val = netlink_flag(sock->sk, bit);
	if (put_user(len, optlen) || copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

static const struct proto_ops netlink_ops = {
	.family = AF_NETLINK,
	.release = netlink_release,
	.bind = netlink_bind,
	.connect = netlink_connect,
	.accept = netlink_no_accept,
	.getname = netlink_getname,
	.poll = netlink_poll,
	.ioctl = netlink_ioctl,
	.listen = netlink_no_listen,
	.shutdown = netlink_no_shutdown,
	.sendmsg = netlink_sendmsg,
	.recvmsg = netlink_recvmsg,
	.setsockopt = netlink_setsockopt,
	.getsockopt = netlink_getsockopt,
};

/* socket(AF_NETLINK, ...): raw or dgram, NETLINK_ROUTE and
 * NETLINK_SOCK_DIAG. */
static int netlink_create(struct socket *sock, int protocol)
{
	struct netlink_sock *nlk;

	sock->state = SS_UNCONNECTED;
	if (sock->type != SOCK_RAW && sock->type != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (protocol < 0 || protocol >= MAX_LINKS ||
	    !netlink_protos[protocol].rcv_msg)
		return -EPROTONOSUPPORT;
	nlk = kzalloc(sizeof(*nlk));
	if (!nlk)
		return -ENOMEM;
	sock_init_data(sock, &nlk->sk, sock->type);
	nlk->sk.sk_family = AF_NETLINK;
	nlk->sk.sk_protocol = protocol;
	nlk->sk.sk_destruct = netlink_sock_destruct;
	mutex_init_ranked(&nlk->bindlock, "nlk->bindlock", LR_MUTEX);
	INIT_LIST_HEAD(&nlk->node);
	INIT_LIST_HEAD(&nlk->mc_node);
	sock->ops = &netlink_ops;
	return 0;
}

const struct net_proto_family netlink_family_ops = {
	.family = AF_NETLINK,
	.create = netlink_create,
};
