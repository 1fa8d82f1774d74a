/*
 * NETLINK_ROUTE's kernel side (Linux's rtnetlink): links of the
 * sender's network namespace (addresses: net/ifaddr.c). tine's only
 * device is the namespace's loopback. Requests answered: RTM_GETLINK
 * (a dump, or one link by index or name), RTM_NEWLINK/RTM_SETLINK
 * changing IFF_UP (CAP_NET_ADMIN over the namespace), RTM_NEWADDR,
 * RTM_DELADDR and RTM_GETADDR dumps. Other types are EOPNOTSUPP, as
 * Linux gives for types without a handler. Link changes are announced
 * to RTNLGRP_LINK (rtmsg_ifinfo).
 *
 * Runs inside the sender's sendmsg with no lock held; device flags are
 * read with READ_ONCE and changed by dev_change_flags (rtnl_mutex).
 */
#include <tine/capability.h>
#include <tine/net_namespace.h>
#include <tine/netlink.h>
#include <tine/string.h>

#define RTNL_KIND_GET 2			/* (type - RTM_BASE) & 3 */
#define RTNL_DUMP_SIZE 4096		/* lo's link or addresses fit */
#define LO_TXQLEN 1000			/* Linux's loopback queue length */
#define RTNL_STATS_LEN 96		/* struct rtnl_link_stats */
#define RTNL_STATS64_LEN 200		/* struct rtnl_link_stats64 (6.1) */
#define LO_GSO_MAX_SIZE 65536		/* Linux's GSO/GRO limits of lo */
#define LO_GSO_MAX_SEGS 65535
#define LO_TSO_MAX_SIZE 524280

/* The attributes after a request's fixed header of hdrlen bytes. */
struct rtnl_attrs {
	const char *ifname;		/* IFLA_IFNAME/IFLA_ALT_IFNAME */
	const u32 *mtu;			/* IFLA_MTU */
	bool other;			/* anything else was given */
};

/* Parse the attributes of nlh after hdrlen bytes: 0 or -EINVAL. */
static int rtnl_parse_link_attrs(const struct nlmsghdr *nlh, u32 hdrlen,
				 struct rtnl_attrs *a)
{
	const char *p = (const char *)nlmsg_data(nlh) + NLMSG_ALIGN(hdrlen);
	const char *end = (const char *)nlh + nlh->nlmsg_len;

	memset(a, 0, sizeof(*a));
	while (end - p >= NLA_HDRLEN) {
		const struct nlattr *nla = (const struct nlattr *)p;
		int plen = nla->nla_len - NLA_HDRLEN;
		int type = nla->nla_type & NLA_TYPE_MASK;

		if (nla->nla_len < NLA_HDRLEN || nla->nla_len > end - p)
			break;		/* the rest is ignored, as Linux */
		p += NLA_HDRLEN;
		if (type == IFLA_IFNAME || type == IFLA_ALT_IFNAME) {
			if (plen < 1 || !memchr(p, 0, plen) ||
			    strlen(p) >= IFNAMSIZ)
				return -EINVAL;
			a->ifname = p;
		} else if (type == IFLA_MTU) {
			if (plen < 4)
				return -EINVAL;
			a->mtu = (const u32 *)p;
		} else {
			a->other = true;
		}
		p += NLA_ALIGN(plen);
	}
	return 0;
}

/* nlmsg_parse_attrs - see tine/netlink.h. */
void nlmsg_parse_attrs(const struct nlmsghdr *nlh, int hdrlen,
		       const struct nlattr **tb, int max)
{
	const char *p = (const char *)nlmsg_data(nlh) + NLMSG_ALIGN(hdrlen);
	const char *end = (const char *)nlh + nlh->nlmsg_len;

	memset(tb, 0, (max + 1) * sizeof(*tb));
	while (end - p >= NLA_HDRLEN) {
		const struct nlattr *nla = (const struct nlattr *)p;
		int type = nla->nla_type & NLA_TYPE_MASK;

		if (nla->nla_len < NLA_HDRLEN || nla->nla_len > end - p)
			break;
		if (type <= max)
			tb[type] = nla;
		p += NLA_ALIGN(nla->nla_len);
	}
}

/* The device of net with index ifindex (> 0) or else named name. */
static struct net_device *rtnl_dev_get(struct net *net, int ifindex,
				       const char *name)
{
	struct net_device *dev = &net->loopback_dev;

	if (ifindex > 0)
		return ifindex == dev->ifindex ? dev : NULL;
	if (name && !strcmp(name, dev->name))
		return dev;
	return NULL;
}

/* IFLA_AF_SPEC: IPv6's address generation mode (EUI-64, 0). */
static int rtnl_fill_af_spec(struct nl_msgbuf *b)
{
	int spec = nla_nest_start(b, IFLA_AF_SPEC);
	int inet6 = spec < 0 ? -1 : nla_nest_start(b, AF_INET6);
	u8 mode = 0;

	if (inet6 < 0 || nla_put(b, IFLA_INET6_ADDR_GEN_MODE, 1, &mode))
		return -EMSGSIZE;
	return nla_nest_end(b, inet6) ?: nla_nest_end(b, spec);
}

/* The limits Linux's loopback reports (it has no queue discipline
 * limits of its own; tine carries no packets at all). */
static int rtnl_fill_limits(struct nl_msgbuf *b)
{
	u32 zero = 0, gso_size = LO_GSO_MAX_SIZE, gso_segs = LO_GSO_MAX_SEGS;
	u32 tso_size = LO_TSO_MAX_SIZE;

	return nla_put(b, IFLA_MIN_MTU, 4, &zero) ?:
	       nla_put(b, IFLA_MAX_MTU, 4, &zero) ?:
	       nla_put(b, IFLA_GROUP, 4, &zero) ?:
	       nla_put(b, IFLA_PROMISCUITY, 4, &zero) ?:
	       nla_put(b, IFLA_ALLMULTI, 4, &zero) ?:
	       nla_put(b, IFLA_GSO_MAX_SEGS, 4, &gso_segs) ?:
	       nla_put(b, IFLA_GSO_MAX_SIZE, 4, &gso_size) ?:
	       nla_put(b, IFLA_GRO_MAX_SIZE, 4, &gso_size) ?:
	       nla_put(b, IFLA_TSO_MAX_SIZE, 4, &tso_size) ?:
	       nla_put(b, IFLA_TSO_MAX_SEGS, 4, &gso_segs);
}

/* lo's link message (Linux's rtnl_fill_ifinfo): 0 or -EMSGSIZE. */
static int rtnl_fill_ifinfo(struct nl_msgbuf *b, struct net_device *dev,
			    int type, u32 portid, u32 seq, int flags,
			    unsigned int change)
{
	const char *qdisc = READ_ONCE(dev->activated) ? "noqueue" : "noop";
	static const u8 zero_stats[RTNL_STATS64_LEN];
	static const u8 zero_mac[6];
	unsigned int f = READ_ONCE(dev->flags);
	u32 txqlen = LO_TXQLEN, one = 1;
	u8 oper = (f & IFF_UP) ? IF_OPER_UNKNOWN : IF_OPER_DOWN;
	u8 linkmode = 0, carrier = 1;
	struct ifinfomsg *ifm;
	struct nlmsghdr *nlh;
	int err;

	nlh = nlmsg_put(b, portid, seq, type, sizeof(*ifm), flags);
	if (!nlh)
		return -EMSGSIZE;
	ifm = nlmsg_data(nlh);
	ifm->ifi_family = AF_UNSPEC;
	ifm->ifi_type = ARPHRD_LOOPBACK;
	ifm->ifi_index = dev->ifindex;
	ifm->ifi_flags = f | ((f & IFF_UP) ? IFF_LOWER_UP : 0);
	ifm->ifi_change = change;
	err = nla_put(b, IFLA_IFNAME, strlen(dev->name) + 1, dev->name) ?:
	      nla_put(b, IFLA_TXQLEN, 4, &txqlen) ?:
	      nla_put(b, IFLA_OPERSTATE, 1, &oper) ?:
	      nla_put(b, IFLA_LINKMODE, 1, &linkmode) ?:
	      nla_put(b, IFLA_MTU, 4, &dev->mtu) ?:
	      rtnl_fill_limits(b) ?:
	      nla_put(b, IFLA_NUM_TX_QUEUES, 4, &one) ?:
	      nla_put(b, IFLA_NUM_RX_QUEUES, 4, &one) ?:
	      nla_put(b, IFLA_CARRIER, 1, &carrier) ?:
	      nla_put(b, IFLA_QDISC, strlen(qdisc) + 1, qdisc) ?:
	      nla_put(b, IFLA_ADDRESS, 6, zero_mac) ?:
	      nla_put(b, IFLA_BROADCAST, 6, zero_mac) ?:
	      /* no packet path: every counter is truly zero */
	      nla_put(b, IFLA_STATS64, RTNL_STATS64_LEN, zero_stats) ?:
	      nla_put(b, IFLA_STATS, RTNL_STATS_LEN, zero_stats) ?:
	      rtnl_fill_af_spec(b);
	if (!err)
		nlmsg_end(b, nlh);
	return err;
}

/* rtmsg_ifinfo - see tine/netlink.h. */
void rtmsg_ifinfo(struct net *net, struct net_device *dev,
		  unsigned int change)
{
	struct nl_msgbuf b;

	if (nl_msgbuf_init(&b, RTNL_DUMP_SIZE))
		return;		/* Linux too drops a notification it cannot
				 * allocate (and reports ENOBUFS to none) */
	if (!rtnl_fill_ifinfo(&b, dev, RTM_NEWLINK, 0, 0, 0, change))
		netlink_broadcast(net, NETLINK_ROUTE, RTNLGRP_LINK, &b, 0);
	nl_msgbuf_free(&b);
}

/* rtnl_dump_done - see tine/netlink.h. */
int rtnl_dump_done(struct sock *sk, struct nl_msgbuf *b,
			  const struct nlmsghdr *req, int err)
{
	struct nlmsghdr *nlh = NULL;

	if (!err)
		nlh = nlmsg_put(b, READ_ONCE(nlk_sk(sk)->portid),
				req->nlmsg_seq, NLMSG_DONE, sizeof(int),
				NLM_F_MULTI);
	if (nlh)
		netlink_reply(sk, b);
	nl_msgbuf_free(b);
	return nlh ? NETLINK_DUMPED : -EMSGSIZE;
}

/* RTM_GETLINK with NLM_F_DUMP: every link of the namespace. */
static int rtnl_dump_ifinfo(struct sock *sk, const struct nlmsghdr *nlh)
{
	struct nl_msgbuf b;
	int err = nl_msgbuf_init(&b, RTNL_DUMP_SIZE);

	if (err)
		return err;
	err = rtnl_fill_ifinfo(&b, &sock_net(sk)->loopback_dev, RTM_NEWLINK,
			       READ_ONCE(nlk_sk(sk)->portid), nlh->nlmsg_seq,
			       NLM_F_MULTI, 0);
	return rtnl_dump_done(sk, &b, nlh, err);
}

/* The device a link request names (index, else IFLA_IFNAME). */
static int rtnl_request_dev(struct sock *sk, const struct nlmsghdr *nlh,
			    struct rtnl_attrs *a, struct net_device **dev)
{
	const struct ifinfomsg *ifm = nlmsg_data(nlh);
	int err;

	if (nlmsg_payload_len(nlh) < (int)sizeof(*ifm))
		return -EINVAL;
	err = rtnl_parse_link_attrs(nlh, sizeof(*ifm), a);
	if (err)
		return err;
	*dev = rtnl_dev_get(sock_net(sk), ifm->ifi_index, a->ifname);
	return 0;
}

/* RTM_GETLINK without NLM_F_DUMP: one link, by index or name. */
static int rtnl_getlink(struct sock *sk, const struct nlmsghdr *nlh)
{
	const struct ifinfomsg *ifm = nlmsg_data(nlh);
	struct net_device *dev;
	struct rtnl_attrs a;
	struct nl_msgbuf b;
	int err = rtnl_request_dev(sk, nlh, &a, &dev);

	if (err)
		return err;
	if (ifm->ifi_index <= 0 && !a.ifname)
		return -EINVAL;
	if (!dev)
		return -ENODEV;
	err = nl_msgbuf_init(&b, RTNL_DUMP_SIZE);
	if (err)
		return err;
	err = rtnl_fill_ifinfo(&b, dev, RTM_NEWLINK,
			       READ_ONCE(nlk_sk(sk)->portid), nlh->nlmsg_seq, 0,
			       0);
	if (!err)
		netlink_reply(sk, &b);
	nl_msgbuf_free(&b);
	return err;
}

/*
 * RTM_NEWLINK on an existing link and RTM_SETLINK: the flags as Linux
 * combines them (ifi_change 0 means all), of which IFF_UP is what tine
 * changes. Renaming, another MTU or other attributes: EOPNOTSUPP.
 */
static int rtnl_setlink(struct sock *sk, const struct nlmsghdr *nlh)
{
	const struct ifinfomsg *ifm = nlmsg_data(nlh);
	struct net_device *dev;
	struct rtnl_attrs a;
	unsigned int flags;
	int err = rtnl_request_dev(sk, nlh, &a, &dev);

	if (err)
		return err;
	if (nlh->nlmsg_type == RTM_SETLINK && ifm->ifi_index <= 0 &&
	    !a.ifname)
		return -EINVAL;
	if (!dev) {
		if (nlh->nlmsg_type == RTM_NEWLINK &&
		    (nlh->nlmsg_flags & NLM_F_CREATE))
			return -EOPNOTSUPP;	/* no link kinds */
		return -ENODEV;
	}
	if (nlh->nlmsg_type == RTM_NEWLINK && (nlh->nlmsg_flags & NLM_F_EXCL))
		return -EEXIST;
	if (a.other || (a.mtu && *a.mtu != dev->mtu) ||
	    (a.ifname && strcmp(a.ifname, dev->name)))
		return -EOPNOTSUPP;
	if (!ifm->ifi_flags && !ifm->ifi_change)
		return 0;
	flags = ifm->ifi_flags;
	if (ifm->ifi_change)
		flags = (flags & ifm->ifi_change) |
			(READ_ONCE(dev->flags) & ~ifm->ifi_change);
	return dev_change_flags(sock_net(sk), dev, flags,
				READ_ONCE(nlk_sk(sk)->portid), nlh->nlmsg_seq);
}

/* rtnetlink_rcv_msg - see tine/netlink.h. */
int rtnetlink_rcv_msg(struct sock *sk, struct nlmsghdr *nlh)
{
	int type = nlh->nlmsg_type;
	int kind = (type - RTM_BASE) & 3;

	if (type > RTM_MAX)
		return -EOPNOTSUPP;
	if (nlmsg_payload_len(nlh) < 1)
		return 0;		/* no rtgenmsg: ignored, as Linux */
	if (kind != RTNL_KIND_GET && !netlink_net_capable(sk, CAP_NET_ADMIN))
		return -EPERM;
	if (kind == RTNL_KIND_GET && (nlh->nlmsg_flags & NLM_F_DUMP)) {
		if (type == RTM_GETLINK)
			return rtnl_dump_ifinfo(sk, nlh);
		if (type == RTM_GETADDR)
			return inet_dump_ifaddr(sk, nlh);
		if (type == RTM_GETROUTE)
			return inet_dump_fib(sk, nlh);
		return -EOPNOTSUPP;
	}
	switch (type) {
	case RTM_GETLINK:
		return rtnl_getlink(sk, nlh);
	case RTM_NEWLINK:
	case RTM_SETLINK:
		return rtnl_setlink(sk, nlh);
	case RTM_NEWADDR:
		return inet_rtm_newaddr(sk, nlh);
	case RTM_DELADDR:
		return inet_rtm_deladdr(sk, nlh);
	}
	return -EOPNOTSUPP;
}
