/*
 * NETLINK_ROUTE's kernel side (Linux's rtnetlink): links and addresses
 * of the sender's network namespace. tine's only device is the
 * namespace's loopback; its addresses are Linux's: 127.0.0.1/8 from
 * the first time it comes up on (IPv4 addresses stay when a device goes
 * down), ::1/128 while it is up. Requests answered: RTM_GETLINK
 * (a dump, or one link by index or name), RTM_GETADDR (a dump),
 * RTM_NEWLINK/RTM_SETLINK changing IFF_UP (CAP_NET_ADMIN over the
 * namespace). Other types are EOPNOTSUPP, as Linux gives for types
 * without a handler. No multicast notifications (no groups).
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

/* lo's link message (Linux's rtnl_fill_ifinfo): 0 or -EMSGSIZE. */
static int rtnl_fill_ifinfo(struct nl_msgbuf *b, struct net_device *dev,
			    u32 portid, u32 seq, int flags)
{
	static const u8 zero_stats[RTNL_STATS64_LEN];
	static const u8 zero_mac[6];
	unsigned int f = READ_ONCE(dev->flags);
	u32 txqlen = LO_TXQLEN, zero = 0, one = 1;
	u8 oper = (f & IFF_UP) ? IF_OPER_UNKNOWN : IF_OPER_DOWN;
	u8 linkmode = 0, carrier = 1;
	struct ifinfomsg *ifm;
	struct nlmsghdr *nlh;
	int err;

	nlh = nlmsg_put(b, portid, seq, RTM_NEWLINK, sizeof(*ifm), flags);
	if (!nlh)
		return -EMSGSIZE;
	ifm = nlmsg_data(nlh);
	ifm->ifi_family = AF_UNSPEC;
	ifm->ifi_type = ARPHRD_LOOPBACK;
	ifm->ifi_index = dev->ifindex;
	ifm->ifi_flags = f | ((f & IFF_UP) ? IFF_LOWER_UP : 0);
	err = nla_put(b, IFLA_IFNAME, strlen(dev->name) + 1, dev->name) ?:
	      nla_put(b, IFLA_TXQLEN, 4, &txqlen) ?:
	      nla_put(b, IFLA_OPERSTATE, 1, &oper) ?:
	      nla_put(b, IFLA_LINKMODE, 1, &linkmode) ?:
	      nla_put(b, IFLA_MTU, 4, &dev->mtu) ?:
	      nla_put(b, IFLA_GROUP, 4, &zero) ?:
	      nla_put(b, IFLA_PROMISCUITY, 4, &zero) ?:
	      nla_put(b, IFLA_NUM_TX_QUEUES, 4, &one) ?:
	      nla_put(b, IFLA_NUM_RX_QUEUES, 4, &one) ?:
	      nla_put(b, IFLA_CARRIER, 1, &carrier) ?:
	      nla_put(b, IFLA_ADDRESS, 6, zero_mac) ?:
	      nla_put(b, IFLA_BROADCAST, 6, zero_mac) ?:
	      /* no packet path: every counter is truly zero */
	      nla_put(b, IFLA_STATS64, RTNL_STATS64_LEN, zero_stats) ?:
	      nla_put(b, IFLA_STATS, RTNL_STATS_LEN, zero_stats);
	if (!err)
		nlmsg_end(b, nlh);
	return err;
}

/* An address message for lo (Linux's inet_fill_ifaddr and
 * inet6_fill_ifaddr, without IFA_CACHEINFO): 0 or -EMSGSIZE. */
static int rtnl_fill_ifaddr(struct nl_msgbuf *b, struct net_device *dev,
			    int family, u32 portid, u32 seq)
{
	static const u8 v4[4] = { 127, 0, 0, 1 };
	static const u8 v6[16] = { [15] = 1 };
	u32 ifa_flags = IFA_F_PERMANENT;
	struct ifaddrmsg *ifa;
	struct nlmsghdr *nlh;
	int err;

	nlh = nlmsg_put(b, portid, seq, RTM_NEWADDR, sizeof(*ifa),
			NLM_F_MULTI);
	if (!nlh)
		return -EMSGSIZE;
	ifa = nlmsg_data(nlh);
	ifa->ifa_family = family;
	ifa->ifa_prefixlen = family == AF_INET ? 8 : 128;
	ifa->ifa_flags = IFA_F_PERMANENT;
	ifa->ifa_scope = RT_SCOPE_HOST;
	ifa->ifa_index = dev->ifindex;
	if (family == AF_INET)
		err = nla_put(b, IFA_ADDRESS, 4, v4) ?:
		      nla_put(b, IFA_LOCAL, 4, v4) ?:
		      nla_put(b, IFA_LABEL, strlen(dev->name) + 1, dev->name) ?:
		      nla_put(b, IFA_FLAGS, 4, &ifa_flags);
	else
		err = nla_put(b, IFA_ADDRESS, 16, v6) ?:
		      nla_put(b, IFA_FLAGS, 4, &ifa_flags);
	if (!err)
		nlmsg_end(b, nlh);
	return err;
}

/* End a dump in b with NLMSG_DONE and send it to sk. */
static int rtnl_dump_done(struct sock *sk, struct nl_msgbuf *b,
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
	err = rtnl_fill_ifinfo(&b, &sock_net(sk)->loopback_dev,
			       READ_ONCE(nlk_sk(sk)->portid), nlh->nlmsg_seq,
			       NLM_F_MULTI);
	return rtnl_dump_done(sk, &b, nlh, err);
}

/* RTM_GETADDR with NLM_F_DUMP: the addresses of the family asked
 * (AF_INET, AF_INET6; any other family means all of them). */
static int rtnl_dump_ifaddr(struct sock *sk, const struct nlmsghdr *nlh)
{
	struct net_device *dev = &sock_net(sk)->loopback_dev;
	u8 family = *(const u8 *)nlmsg_data(nlh);
	u32 portid = READ_ONCE(nlk_sk(sk)->portid);
	struct nl_msgbuf b;
	int err = nl_msgbuf_init(&b, RTNL_DUMP_SIZE);

	if (err)
		return err;
	if (family != AF_INET6 && READ_ONCE(dev->inet_addr))
		err = rtnl_fill_ifaddr(&b, dev, AF_INET, portid,
				       nlh->nlmsg_seq);
	if (!err && family != AF_INET && (READ_ONCE(dev->flags) & IFF_UP))
		err = rtnl_fill_ifaddr(&b, dev, AF_INET6, portid,
				       nlh->nlmsg_seq);
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
	err = rtnl_fill_ifinfo(&b, dev, READ_ONCE(nlk_sk(sk)->portid),
			       nlh->nlmsg_seq, 0);
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
	return dev_change_flags(sock_net(sk), dev, flags);
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
			return rtnl_dump_ifaddr(sk, nlh);
		return -EOPNOTSUPP;
	}
	if (type == RTM_GETLINK)
		return rtnl_getlink(sk, nlh);
	if (type == RTM_NEWLINK || type == RTM_SETLINK)
		return rtnl_setlink(sk, nlh);
	return -EOPNOTSUPP;
}
