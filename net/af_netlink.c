/*
 * AF_NETLINK: datagram sockets addressed by port id. Port 0 is the
 * kernel: a message sent there is handed, one nlmsghdr at a time, to
 * the protocol's kernel side (only NETLINK_ROUTE, net/rtnetlink.c),
 * which answers synchronously into the sender's receive queue. Other
 * port ids are sockets of the same protocol and network namespace.
 * Multicast groups are not implemented: bind/connect with nl_groups is
 * EINVAL, so no socket is ever a member. See docs/net.md.
 *
 * Locks: nl_table_lock (bound sockets, the autobind rover) is taken
 * with no other lock held and only sock_hold() inside it; a socket's
 * bindlock (mutex) is outside it. Replies are built in kernel memory
 * and queued under the queue's own lock; no user memory is touched
 * with a spinlock held.
 */
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

static const struct proto_ops netlink_ops;

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
	memcpy((char *)nla + NLA_HDRLEN, data, len);
	b->len += need;
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

/* netlink_reply - see tine/netlink.h. */
void netlink_reply(struct sock *sk, struct nl_msgbuf *b)
{
	struct sk_buff *skb;
	struct iov_iter it;
	struct kvec kv = { b->data, b->len };

	if (netlink_rcvbuf_full(sk)) {
		netlink_overrun(sk);
		return;
	}
	skb = alloc_skb(b->len);
	if (!skb) {
		netlink_overrun(sk);
		return;
	}
	iov_iter_kvec(&it, &kv, 1, b->len);
	skb_copy_from_iter(skb, 0, &it, b->len);	/* kernel memory */
	netlink_queue(sk, skb);
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
			err = rtnetlink_rcv_msg(sk, nlh);
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

static int netlink_bind(struct socket *sock, struct sockaddr *addr, int len)
{
	struct sockaddr_nl *nla = (struct sockaddr_nl *)addr;
	struct sock *sk = sock->sk;
	struct netlink_sock *nlk = nlk_sk(sk);
	int err = 0;

	if (len < (int)sizeof(*nla) || nla->nl_family != AF_NETLINK)
		return -EINVAL;
	if (nla->nl_groups)
		return -EINVAL;		/* no multicast groups (yet) */
	mutex_lock(&nlk->bindlock);
	if (nlk->bound)
		err = nla->nl_pid == nlk->portid ? 0 : -EINVAL;
	else if (nla->nl_pid)
		err = netlink_insert(sk, nla->nl_pid);
	else
		err = netlink_autobind(sk);
	mutex_unlock(&nlk->bindlock);
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
		spin_unlock(&sk->sk_lock);
		return 0;
	}
	if (addr->sa_family != AF_NETLINK || len < (int)sizeof(*nla))
		return -EINVAL;
	if (nla->nl_groups)
		return netlink_net_capable(sk, CAP_NET_ADMIN) ? -EINVAL
							       : -EPERM;
	err = netlink_ensure_bound(sk);
	if (err)
		return err;
	spin_lock(&sk->sk_lock);
	sk->sk_state = TCP_ESTABLISHED;
	nlk_sk(sk)->dst_portid = nla->nl_pid;
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
		spin_unlock(&sk->sk_lock);
	} else {
		nla->nl_pid = READ_ONCE(nlk_sk(sk)->portid);
	}
	return sizeof(*nla);
}

/* Where a send goes: the message's address or connect()'s. */
static int netlink_dest(struct sock *sk, struct msghdr *m, u32 *portid)
{
	struct sockaddr_nl *nla = m->msg_name;

	if (!nla) {
		spin_lock(&sk->sk_lock);
		*portid = nlk_sk(sk)->dst_portid;
		spin_unlock(&sk->sk_lock);
		return 0;
	}
	if (m->msg_namelen < (int)sizeof(*nla) ||
	    nla->nl_family != AF_NETLINK)
		return -EINVAL;
	if (nla->nl_groups)
		return netlink_net_capable(sk, CAP_NET_ADMIN) ? -EINVAL
							       : -EPERM;
	*portid = nla->nl_pid;
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

static int netlink_sendmsg(struct socket *sock, struct msghdr *m,
			   size_t len)
{
	struct sock *sk = sock->sk;
	u32 portid;
	int err;

	if (m->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (!len)
		return -ENODATA;	/* Linux 6.1: no empty messages */
	err = netlink_dest(sk, m, &portid);
	if (!err)
		err = netlink_ensure_bound(sk);
	if (err)
		return err;
	if (len > (size_t)READ_ONCE(sk->sk_sndbuf) - 32)
		return -EMSGSIZE;
	if (portid)
		err = netlink_unicast_user(sk, m, len, portid);
	else
		err = netlink_kernel_input(sk, m, len);
	return err ? err : (int)len;
}

static void netlink_copy_addr(struct msghdr *m, struct sk_buff *skb)
{
	struct sockaddr_nl *nla = m->msg_name;

	memset(nla, 0, sizeof(*nla));
	nla->nl_family = AF_NETLINK;
	nla->nl_pid = skb->sk ? READ_ONCE(nlk_sk(skb->sk)->portid) : 0;
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

/*
 * SOL_NETLINK options: NETLINK_NO_ENOBUFS, NETLINK_CAP_ACK and
 * NETLINK_EXT_ACK (tine's errors carry no extended-ack attributes);
 * the others (memberships, strict checking...) are ENOPROTOOPT, as are
 * other levels, as Linux.
 */
static int netlink_setsockopt(struct socket *sock, int level, int optname,
			      const void __user *optval, int optlen)
{
	struct sock *sk = sock->sk;
	int bit = netlink_opt_flag(optname), val = 0;

	if (level != SOL_NETLINK || bit < 0)
		return -ENOPROTOOPT;
	if (optlen >= (int)sizeof(int) &&
	    copy_from_user(&val, optval, sizeof(val)))
		return -EFAULT;
	spin_lock(&sk->sk_lock);
	if (val)
		WRITE_ONCE(nlk_sk(sk)->flags, nlk_sk(sk)->flags | (1UL << bit));
	else
		WRITE_ONCE(nlk_sk(sk)->flags, nlk_sk(sk)->flags & ~(1UL << bit));
	spin_unlock(&sk->sk_lock);
	return 0;
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

/* socket(AF_NETLINK, ...): raw or dgram, NETLINK_ROUTE only. */
static int netlink_create(struct socket *sock, int protocol)
{
	struct netlink_sock *nlk;

	sock->state = SS_UNCONNECTED;
	if (sock->type != SOCK_RAW && sock->type != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (protocol < 0 || protocol >= MAX_LINKS ||
	    protocol != NETLINK_ROUTE)
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
	sock->ops = &netlink_ops;
	return 0;
}

const struct net_proto_family netlink_family_ops = {
	.family = AF_NETLINK,
	.create = netlink_create,
};
