/*
 * Interface addresses (Linux's net/ipv4/devinet.c and the address part
 * of net/ipv6/addrconf.c) as configuration: tine has no IP stack, so
 * an address is data that RTM_NEWADDR/RTM_DELADDR change, RTM_GETADDR
 * dumps and SIOCGIFCONF lists, with Linux's rules and notifications
 * (RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR) but nothing is ever sent
 * from or to it.
 *
 * IPv4: primaries in scope order, a second address of a primary's
 * subnet is its secondary (listed last); deleting a primary deletes its
 * secondaries (net.ipv4.conf.*.promote_secondaries 0, Linux's default).
 * Addresses stay when the device goes down; lo gets 127.0.0.1/8 each
 * time it comes up (if missing). IPv6: ordered by scope, widest first;
 * a new address is tentative until its device is up (duplicate address
 * detection on loopback completes at once, as Linux's); lo gets ::1/128
 * when it comes up; all go when the device goes down
 * (keep_addr_on_down 0). Finite lifetimes are EOPNOTSUPP (no expiry).
 *
 * Lock: rtnl_mutex around every list walk and change (net_device's
 * [RL] fields); notifications go out under it (nl_mc_mutex inside).
 */
#include <tine/mm.h>
#include <tine/net_namespace.h>
#include <tine/netlink.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <uapi/socket.h>

#define IFA_MSG_SIZE 256		/* one address message fits */
#define IFA_DUMP_SIZE 4096		/* one datagram of a dump */
#define NS_PER_CENTISEC 10000000ULL

/* The minimum attribute lengths of Linux's ifa_ipv4/ipv6_policy. */
static const u8 ifa_minlen4[IFA_MAX + 1] = {
	[IFA_ADDRESS] = 4, [IFA_LOCAL] = 4, [IFA_BROADCAST] = 4,
	[IFA_CACHEINFO] = sizeof(struct ifa_cacheinfo), [IFA_FLAGS] = 4,
	[IFA_RT_PRIORITY] = 4, [IFA_PROTO] = 1,
};
static const u8 ifa_minlen6[IFA_MAX + 1] = {
	[IFA_ADDRESS] = 16, [IFA_LOCAL] = 16,
	[IFA_CACHEINFO] = sizeof(struct ifa_cacheinfo), [IFA_FLAGS] = 4,
	[IFA_RT_PRIORITY] = 4, [IFA_PROTO] = 1,
};

/* A parsed address request. */
struct ifa_req {
	const struct ifaddrmsg *ifm;
	const struct nlattr *tb[IFA_MAX + 1];
	struct net_device *dev;		/* NULL: no such index */
	u32 flags;			/* IFA_FLAGS, else ifa_flags */
};

static int imin(int a, int b)
{
	return a < b ? a : b;
}

static u32 ifa_get_u32(const struct nlattr *nla)
{
	u32 v;

	memcpy(&v, nla_data(nla), 4);
	return v;
}

/*
 * Parse an address request: -EINVAL for a short header, -ERANGE for an
 * attribute shorter than its type (IFA_LABEL of IFNAMSIZ or more), as
 * Linux's policy checks.
 */
static int ifa_parse(struct sock *sk, const struct nlmsghdr *nlh,
		     struct ifa_req *r, int family)
{
	const u8 *minlen = family == AF_INET ? ifa_minlen4 : ifa_minlen6;
	int i;

	if (nlmsg_payload_len(nlh) < (int)sizeof(struct ifaddrmsg))
		return -EINVAL;
	r->ifm = nlmsg_data(nlh);
	nlmsg_parse_attrs(nlh, sizeof(struct ifaddrmsg), r->tb, IFA_MAX);
	for (i = 0; i <= IFA_MAX; i++)
		if (r->tb[i] && nla_len(r->tb[i]) < minlen[i])
			return -ERANGE;
	if (family == AF_INET && r->tb[IFA_LABEL] &&
	    strnlen(nla_data(r->tb[IFA_LABEL]), nla_len(r->tb[IFA_LABEL])) >=
		    IFNAMSIZ)
		return -ERANGE;
	r->flags = r->tb[IFA_FLAGS] ? ifa_get_u32(r->tb[IFA_FLAGS])
				    : r->ifm->ifa_flags;
	r->dev = NULL;
	if (r->ifm->ifa_index == (u32)sock_net(sk)->loopback_dev.ifindex)
		r->dev = &sock_net(sk)->loopback_dev;
	return 0;
}

/* Lifetimes asked for (IFA_CACHEINFO): only infinite ones are kept. */
static int ifa_check_lifetimes(struct ifa_req *r)
{
	const struct ifa_cacheinfo *ci;

	if (!r->tb[IFA_CACHEINFO])
		return 0;
	ci = nla_data(r->tb[IFA_CACHEINFO]);
	if (!ci->ifa_valid || ci->ifa_prefered > ci->ifa_valid)
		return -EINVAL;
	if (ci->ifa_valid != INFINITY_LIFE_TIME ||
	    ci->ifa_prefered != INFINITY_LIFE_TIME)
		return -EOPNOTSUPP;	/* FIXME: no expiry timer */
	return 0;
}

static struct net_ifaddr *ifa_alloc(int family)
{
	struct net_ifaddr *ifa = kzalloc(sizeof(*ifa));

	if (ifa) {
		ifa->family = family;
		ifa->cstamp = ifa->tstamp = ktime_get_ns();
		INIT_LIST_HEAD(&ifa->list);
	}
	return ifa;
}

/* An address message (Linux's inet_fill_ifaddr, inet6_fill_ifaddr). */
static int ifa_fill(struct nl_msgbuf *b, struct net_device *dev,
		    struct net_ifaddr *ifa, int type, u32 portid, u32 seq,
		    int flags)
{
	struct ifa_cacheinfo ci = {
		INFINITY_LIFE_TIME, INFINITY_LIFE_TIME,
		(u32)(ifa->cstamp / NS_PER_CENTISEC),
		(u32)(ifa->tstamp / NS_PER_CENTISEC),
	};
	int alen = ifa->family == AF_INET ? 4 : 16;
	bool peer = memcmp(ifa->local, ifa->address, alen);
	u32 mark = b->len;
	struct ifaddrmsg *m;
	struct nlmsghdr *nlh;
	int err;

	nlh = nlmsg_put(b, portid, seq, type, sizeof(*m), flags);
	if (!nlh)
		return -EMSGSIZE;
	m = nlmsg_data(nlh);
	m->ifa_family = ifa->family;
	m->ifa_prefixlen = ifa->prefixlen;
	m->ifa_flags = (u8)ifa->flags;
	m->ifa_scope = ifa->scope;
	m->ifa_index = dev->ifindex;
	if (ifa->family == AF_INET) {
		static const u8 none[4];

		err = nla_put(b, IFA_ADDRESS, 4, ifa->address) ?:
		      nla_put(b, IFA_LOCAL, 4, ifa->local) ?:
		      (memcmp(ifa->broadcast, none, 4) ?
		       nla_put(b, IFA_BROADCAST, 4, ifa->broadcast) : 0) ?:
		      (ifa->label[0] ? nla_put(b, IFA_LABEL,
				strlen(ifa->label) + 1, ifa->label) : 0) ?:
		      (ifa->proto ? nla_put(b, IFA_PROTO, 1, &ifa->proto) : 0) ?:
		      nla_put(b, IFA_FLAGS, 4, &ifa->flags) ?:
		      (ifa->rt_priority ? nla_put(b, IFA_RT_PRIORITY, 4,
						  &ifa->rt_priority) : 0) ?:
		      nla_put(b, IFA_CACHEINFO, sizeof(ci), &ci);
	} else {
		err = (peer ? nla_put(b, IFA_LOCAL, 16, ifa->local) ?:
			      nla_put(b, IFA_ADDRESS, 16, ifa->address)
			    : nla_put(b, IFA_ADDRESS, 16, ifa->local)) ?:
		      (ifa->rt_priority ? nla_put(b, IFA_RT_PRIORITY, 4,
						  &ifa->rt_priority) : 0) ?:
		      nla_put(b, IFA_CACHEINFO, sizeof(ci), &ci) ?:
		      nla_put(b, IFA_FLAGS, 4, &ifa->flags) ?:
		      (ifa->proto ? nla_put(b, IFA_PROTO, 1, &ifa->proto) : 0);
	}
	if (err) {
		b->len = mark;
		return err;
	}
	nlmsg_end(b, nlh);
	return 0;
}

/*
 * Announce ifa (RTM_NEWADDR/RTM_DELADDR) to its family's group. With
 * NLM_F_ECHO in the request the requester gets it by unicast instead,
 * as Linux's rtnl_notify. rtnl_mutex held.
 */
static void ifa_notify(struct net *net, struct net_device *dev,
		       struct net_ifaddr *ifa, int event, struct sock *sk,
		       const struct nlmsghdr *req)
{
	u32 group = ifa->family == AF_INET ? RTNLGRP_IPV4_IFADDR
					   : RTNLGRP_IPV6_IFADDR;
	bool echo = req && (req->nlmsg_flags & NLM_F_ECHO);
	u32 portid = sk ? READ_ONCE(nlk_sk(sk)->portid) : 0;
	struct nl_msgbuf b;

	ASSERT_RTNL();
	if (nl_msgbuf_init(&b, IFA_MSG_SIZE))
		return;
	if (!ifa_fill(&b, dev, ifa, event, portid, req ? req->nlmsg_seq : 0,
		      0)) {
		netlink_broadcast(net, NETLINK_ROUTE, group, &b,
				  echo ? portid : 0);
		if (echo)
			netlink_reply(sk, &b);
	}
	nl_msgbuf_free(&b);
}

static u32 inet_mask(int prefixlen)
{
	return prefixlen ? __builtin_bswap32(~0U << (32 - prefixlen)) : 0;
}

static u32 in4(const u8 *a)
{
	u32 v;

	memcpy(&v, a, 4);
	return v;
}

/* Is addr in ifa's subnet (Linux's inet_ifa_match)? */
static bool inet_ifa_match(const u8 *addr, const struct net_ifaddr *ifa)
{
	return !((in4(addr) ^ in4(ifa->address)) & inet_mask(ifa->prefixlen));
}

/* The address of dev equal to ifa (same subnet, mask and local). */
static struct net_ifaddr *inet_find_matching(struct net_device *dev,
					     struct net_ifaddr *ifa)
{
	struct net_ifaddr *i;

	list_for_each_entry(i, &dev->ifa4_list, list)
		if (i->prefixlen == ifa->prefixlen &&
		    inet_ifa_match(i->address, ifa) &&
		    in4(i->local) == in4(ifa->local))
			return i;
	return NULL;
}

/*
 * Insert a new IPv4 address (Linux's __inet_insert_ifa): -EEXIST for
 * one already there, -EINVAL for a subnet's address of another scope;
 * else it is added (a secondary if its subnet has a primary) and
 * announced. Frees ifa on error. rtnl_mutex held.
 */
static int inet_insert_ifa(struct net *net, struct net_device *dev,
			   struct net_ifaddr *ifa, struct sock *sk,
			   const struct nlmsghdr *req)
{
	struct list_head *last_primary = &dev->ifa4_list;
	struct net_ifaddr *i;

	ASSERT_RTNL();
	if (!in4(ifa->local)) {
		kfree(ifa);
		return 0;
	}
	ifa->flags &= ~IFA_F_SECONDARY;
	list_for_each_entry(i, &dev->ifa4_list, list) {
		if (!(i->flags & IFA_F_SECONDARY) && ifa->scope <= i->scope)
			last_primary = &i->list;
		if (i->prefixlen != ifa->prefixlen ||
		    !inet_ifa_match(i->address, ifa))
			continue;
		if (in4(i->local) == in4(ifa->local)) {
			kfree(ifa);
			return -EEXIST;
		}
		if (i->scope != ifa->scope) {
			kfree(ifa);
			return -EINVAL;
		}
		ifa->flags |= IFA_F_SECONDARY;
	}
	if (ifa->flags & IFA_F_SECONDARY)
		list_add_tail(&ifa->list, &dev->ifa4_list);
	else
		list_add(&ifa->list, last_primary);
	ifa->fib_prefix = READ_ONCE(dev->flags) & IFF_UP;
	ifa_notify(net, dev, ifa, RTM_NEWADDR, sk, req);
	return 0;
}

/*
 * Delete IPv4 address ifa (Linux's __inet_del_ifa): a primary takes its
 * secondaries with it, each announced first. rtnl_mutex held.
 */
static void inet_del_ifa(struct net *net, struct net_device *dev,
			 struct net_ifaddr *ifa, struct sock *sk,
			 const struct nlmsghdr *req)
{
	struct net_ifaddr *i, *n;

	ASSERT_RTNL();
	if (!(ifa->flags & IFA_F_SECONDARY)) {
		list_for_each_entry_safe(i, n, &dev->ifa4_list, list) {
			if (!(i->flags & IFA_F_SECONDARY) ||
			    i->prefixlen != ifa->prefixlen ||
			    !inet_ifa_match(i->address, ifa))
				continue;
			list_del(&i->list);
			ifa_notify(net, dev, i, RTM_DELADDR, sk, req);
			kfree(i);
		}
	}
	list_del(&ifa->list);
	ifa_notify(net, dev, ifa, RTM_DELADDR, sk, req);
	kfree(ifa);
}

/* An IPv4 address from a parsed RTM_NEWADDR (Linux's rtm_to_ifaddr). */
static struct net_ifaddr *inet_req_ifa(struct ifa_req *r)
{
	const struct nlattr *addr = r->tb[IFA_ADDRESS] ?: r->tb[IFA_LOCAL];
	struct net_ifaddr *ifa = ifa_alloc(AF_INET);

	if (!ifa)
		return NULL;
	ifa->prefixlen = r->ifm->ifa_prefixlen;
	ifa->flags = r->flags | IFA_F_PERMANENT;
	ifa->scope = r->ifm->ifa_scope;
	memcpy(ifa->local, nla_data(r->tb[IFA_LOCAL]), 4);
	memcpy(ifa->address, nla_data(addr), 4);
	if (r->tb[IFA_BROADCAST])
		memcpy(ifa->broadcast, nla_data(r->tb[IFA_BROADCAST]), 4);
	if (r->tb[IFA_LABEL])
		strlcpy(ifa->label, nla_data(r->tb[IFA_LABEL]),
			imin(IFNAMSIZ, nla_len(r->tb[IFA_LABEL]) + 1));
	else
		strlcpy(ifa->label, r->dev->name, IFNAMSIZ);
	if (r->tb[IFA_RT_PRIORITY])
		ifa->rt_priority = ifa_get_u32(r->tb[IFA_RT_PRIORITY]);
	if (r->tb[IFA_PROTO])
		ifa->proto = *(const u8 *)nla_data(r->tb[IFA_PROTO]);
	return ifa;
}

/* RTM_NEWADDR for AF_INET (Linux's inet_rtm_newaddr). rtnl held. */
static int inet_newaddr(struct net *net, struct sock *sk,
			const struct nlmsghdr *nlh, struct ifa_req *r)
{
	struct net_ifaddr *ifa, *old;
	int err;

	if (r->ifm->ifa_prefixlen > 32 || !r->tb[IFA_LOCAL])
		return -EINVAL;
	if (!r->dev)
		return -ENODEV;
	err = ifa_check_lifetimes(r);
	if (err)
		return err;
	ifa = inet_req_ifa(r);
	if (!ifa)
		return -ENOBUFS;
	old = inet_find_matching(r->dev, ifa);
	if (!old)
		return inet_insert_ifa(net, r->dev, ifa, sk, nlh);
	old->rt_priority = ifa->rt_priority;
	old->proto = ifa->proto;
	kfree(ifa);
	if ((nlh->nlmsg_flags & NLM_F_EXCL) ||
	    !(nlh->nlmsg_flags & NLM_F_REPLACE))
		return -EEXIST;
	old->tstamp = ktime_get_ns();
	ifa_notify(net, r->dev, old, RTM_NEWADDR, sk, nlh);
	return 0;
}

/* RTM_DELADDR for AF_INET (Linux's inet_rtm_deladdr). rtnl held. */
static int inet_deladdr(struct net *net, struct sock *sk,
			const struct nlmsghdr *nlh, struct ifa_req *r)
{
	const struct nlattr **tb = r->tb;
	struct net_ifaddr *ifa;

	if (!r->dev)
		return -ENODEV;
	list_for_each_entry(ifa, &r->dev->ifa4_list, list) {
		if (tb[IFA_LOCAL] &&
		    in4(ifa->local) != in4(nla_data(tb[IFA_LOCAL])))
			continue;
		if (tb[IFA_LABEL] &&
		    strncmp(ifa->label, nla_data(tb[IFA_LABEL]),
			    imin(IFNAMSIZ, nla_len(tb[IFA_LABEL]))))
			continue;
		if (tb[IFA_ADDRESS] &&
		    (r->ifm->ifa_prefixlen != ifa->prefixlen ||
		     !inet_ifa_match(nla_data(tb[IFA_ADDRESS]), ifa)))
			continue;
		inet_del_ifa(net, r->dev, ifa, sk, nlh);
		return 0;
	}
	return -EADDRNOTAVAIL;
}

/* Linux's IPv6 source scope order: loopback 1, link 2, site 5,
 * global 14 (an address's place in the list). */
static int ipv6_src_scope(const u8 *a)
{
	static const u8 loopback[16] = { [15] = 1 };

	if (!memcmp(a, loopback, 16))
		return 1;
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
		return 2;
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)
		return 5;
	return 14;
}

/* The ifaddrmsg scope of an IPv6 address. */
static u8 ipv6_rt_scope(const u8 *a)
{
	switch (ipv6_src_scope(a)) {
	case 1:
		return RT_SCOPE_HOST;
	case 2:
		return RT_SCOPE_LINK;
	case 5:
		return RT_SCOPE_SITE;
	}
	return RT_SCOPE_UNIVERSE;
}

static struct net_ifaddr *ipv6_find(struct net_device *dev, const u8 *a,
				    int plen)
{
	struct net_ifaddr *ifa;

	list_for_each_entry(ifa, &dev->ifa6_list, list)
		if (!memcmp(ifa->local, a, 16) && (plen < 0 ||
						   ifa->prefixlen == plen))
			return ifa;
	return NULL;
}

/* Link a new IPv6 address before the first of no wider scope (Linux's
 * ipv6_link_dev_addr). */
static void ipv6_link_dev_addr(struct net_device *dev,
			       struct net_ifaddr *ifa)
{
	struct list_head *p = &dev->ifa6_list;
	struct net_ifaddr *i;
	int scope = ipv6_src_scope(ifa->local);

	list_for_each_entry(i, &dev->ifa6_list, list) {
		if (scope >= ipv6_src_scope(i->local)) {
			p = &i->list;
			break;
		}
	}
	list_add_tail(&ifa->list, p);
}

/* Duplicate address detection done (at once: no packets on loopback):
 * the address stops being tentative. rtnl held. */
static void ipv6_dad_complete(struct net *net, struct net_device *dev,
			      struct net_ifaddr *ifa)
{
	ifa->flags &= ~(IFA_F_TENTATIVE | IFA_F_OPTIMISTIC);
	ifa_notify(net, dev, ifa, RTM_NEWADDR, NULL, NULL);
}

/* RTM_NEWADDR for AF_INET6 (Linux's inet6_rtm_newaddr). rtnl held. */
static int inet6_newaddr(struct net *net, struct sock *sk,
			 const struct nlmsghdr *nlh, struct ifa_req *r)
{
	const struct nlattr *local = r->tb[IFA_LOCAL], *addr = r->tb[IFA_ADDRESS];
	const u8 *pfx = local ? nla_data(local) : addr ? nla_data(addr) : NULL;
	static const u8 any[16];
	struct net_ifaddr *ifa;
	int err;

	if (!pfx)
		return -EINVAL;
	if (!r->dev)
		return -ENODEV;
	err = ifa_check_lifetimes(r);
	if (err)
		return err;
	r->flags &= IFA_F_NODAD | IFA_F_HOMEADDRESS | IFA_F_MANAGETEMPADDR |
		    IFA_F_NOPREFIXROUTE | IFA_F_MCAUTOJOIN | IFA_F_OPTIMISTIC;
	ifa = ipv6_find(r->dev, pfx, -1);
	if (ifa) {
		if ((nlh->nlmsg_flags & NLM_F_EXCL) ||
		    !(nlh->nlmsg_flags & NLM_F_REPLACE))
			return -EEXIST;
		ifa->flags = (ifa->flags & ~IFA_F_NOPREFIXROUTE) |
			     (r->flags & IFA_F_NOPREFIXROUTE);
		ifa->tstamp = ktime_get_ns();
		ifa_notify(net, r->dev, ifa, RTM_NEWADDR, NULL, NULL);
		return 0;
	}
	if (r->ifm->ifa_prefixlen > 128)
		return -EINVAL;
	if ((r->flags & IFA_F_MANAGETEMPADDR) && r->ifm->ifa_prefixlen != 64)
		return -EINVAL;
	if (!memcmp(pfx, any, 16) || pfx[0] == 0xff)
		return -EADDRNOTAVAIL;	/* unspecified or multicast */
	ifa = ifa_alloc(AF_INET6);
	if (!ifa)
		return -ENOBUFS;
	ifa->prefixlen = r->ifm->ifa_prefixlen;
	ifa->scope = ipv6_rt_scope(pfx);
	ifa->flags = r->flags | IFA_F_TENTATIVE | IFA_F_PERMANENT;
	memcpy(ifa->local, pfx, 16);
	memcpy(ifa->address, local && addr ? nla_data(addr) : pfx, 16);
	if (r->tb[IFA_RT_PRIORITY])
		ifa->rt_priority = ifa_get_u32(r->tb[IFA_RT_PRIORITY]);
	if (r->tb[IFA_PROTO])
		ifa->proto = *(const u8 *)nla_data(r->tb[IFA_PROTO]);
	ipv6_link_dev_addr(r->dev, ifa);
	ifa_notify(net, r->dev, ifa, RTM_NEWADDR, NULL, NULL);
	if (READ_ONCE(r->dev->flags) & IFF_UP)
		ipv6_dad_complete(net, r->dev, ifa);
	return 0;
}

/* RTM_DELADDR for AF_INET6 (Linux's inet6_rtm_deladdr). rtnl held. */
static int inet6_deladdr(struct net *net, const struct nlmsghdr *nlh,
			 struct ifa_req *r)
{
	const struct nlattr *local = r->tb[IFA_LOCAL], *addr = r->tb[IFA_ADDRESS];
	const u8 *pfx = local ? nla_data(local) : addr ? nla_data(addr) : NULL;
	struct net_ifaddr *ifa;

	if (!pfx)
		return -EINVAL;
	if (r->ifm->ifa_prefixlen > 128)
		return -EINVAL;
	if (!r->dev)
		return -ENODEV;
	ifa = ipv6_find(r->dev, pfx, r->ifm->ifa_prefixlen);
	if (!ifa)
		return -EADDRNOTAVAIL;
	list_del(&ifa->list);
	ifa_notify(net, r->dev, ifa, RTM_DELADDR, NULL, NULL);
	kfree(ifa);
	return 0;
}

/* RTM_NEWADDR or RTM_DELADDR of the family the request names. */
static int ifa_change(struct sock *sk, struct nlmsghdr *nlh, bool add)
{
	struct net *net = sock_net(sk);
	struct ifa_req r;
	int family, err;

	family = *(const u8 *)nlmsg_data(nlh);	/* rtnetlink saw a byte */
	if (family != AF_INET && family != AF_INET6)
		return -EOPNOTSUPP;	/* no handler for the family */
	err = ifa_parse(sk, nlh, &r, family);
	if (err)
		return err;
	rtnl_lock();
	if (family == AF_INET)
		err = add ? inet_newaddr(net, sk, nlh, &r)
			  : inet_deladdr(net, sk, nlh, &r);
	else
		err = add ? inet6_newaddr(net, sk, nlh, &r)
			  : inet6_deladdr(net, nlh, &r);
	rtnl_unlock();
	return err;
}

/* inet_rtm_newaddr - RTM_NEWADDR (AF_INET, AF_INET6): 0 or -errno.
 * CAP_NET_ADMIN was checked by rtnetlink. May sleep. */
int inet_rtm_newaddr(struct sock *sk, struct nlmsghdr *nlh)
{
	return ifa_change(sk, nlh, true);
}

/* inet_rtm_deladdr - RTM_DELADDR (AF_INET, AF_INET6): 0 or -errno.
 * May sleep. */
int inet_rtm_deladdr(struct sock *sk, struct nlmsghdr *nlh)
{
	return ifa_change(sk, nlh, false);
}

/* Add ifa to a dump in b; a full b is sent as one datagram first. */
static int ifa_dump_one(struct sock *sk, struct nl_msgbuf *b,
			struct net_device *dev, struct net_ifaddr *ifa,
			u32 seq)
{
	u32 portid = READ_ONCE(nlk_sk(sk)->portid);
	int err = ifa_fill(b, dev, ifa, RTM_NEWADDR, portid, seq,
			   NLM_F_MULTI);

	if (err != -EMSGSIZE || !b->len)
		return err;
	netlink_reply(sk, b);
	b->len = 0;
	return ifa_fill(b, dev, ifa, RTM_NEWADDR, portid, seq, NLM_F_MULTI);
}

/* inet_dump_ifaddr - RTM_GETADDR with NLM_F_DUMP: the addresses of the
 * family asked (AF_INET, AF_INET6; another means all), IPv4 first.
 * NETLINK_DUMPED or -errno. Takes rtnl_mutex; may sleep. */
int inet_dump_ifaddr(struct sock *sk, const struct nlmsghdr *nlh)
{
	struct net_device *dev = &sock_net(sk)->loopback_dev;
	u8 family = *(const u8 *)nlmsg_data(nlh);
	struct net_ifaddr *ifa;
	struct nl_msgbuf b;
	int err = nl_msgbuf_init(&b, IFA_DUMP_SIZE);

	if (err)
		return err;
	rtnl_lock();
	if (family != AF_INET6)
		list_for_each_entry(ifa, &dev->ifa4_list, list)
			if (!err)
				err = ifa_dump_one(sk, &b, dev, ifa,
						   nlh->nlmsg_seq);
	if (family != AF_INET)
		list_for_each_entry(ifa, &dev->ifa6_list, list)
			if (!err)
				err = ifa_dump_one(sk, &b, dev, ifa,
						   nlh->nlmsg_seq);
	rtnl_unlock();
	return rtnl_dump_done(sk, &b, nlh, err);
}

/* netdev_addrs_up - see tine/net_namespace.h. */
void netdev_addrs_up(struct net *net, struct net_device *dev)
{
	static const u8 lo4[4] = { 127, 0, 0, 1 }, lo6[16] = { [15] = 1 };
	struct net_ifaddr *ifa, *n;

	ASSERT_RTNL();
	list_for_each_entry(ifa, &dev->ifa4_list, list)
		ifa->fib_prefix = true;
	if ((dev->flags & IFF_LOOPBACK) && (ifa = ifa_alloc(AF_INET))) {
		ifa->prefixlen = 8;
		ifa->scope = RT_SCOPE_HOST;
		ifa->flags = IFA_F_PERMANENT;
		memcpy(ifa->local, lo4, 4);
		memcpy(ifa->address, lo4, 4);
		strlcpy(ifa->label, dev->name, IFNAMSIZ);
		inet_insert_ifa(net, dev, ifa, NULL, NULL);	/* or EEXIST */
	}
	if ((dev->flags & IFF_LOOPBACK) && !ipv6_find(dev, lo6, -1) &&
	    (ifa = ifa_alloc(AF_INET6))) {
		ifa->prefixlen = 128;
		ifa->scope = RT_SCOPE_HOST;
		ifa->flags = IFA_F_PERMANENT;
		memcpy(ifa->local, lo6, 16);
		memcpy(ifa->address, lo6, 16);
		ipv6_link_dev_addr(dev, ifa);
		ifa_notify(net, dev, ifa, RTM_NEWADDR, NULL, NULL);
	}
	list_for_each_entry_safe(ifa, n, &dev->ifa6_list, list)
		if (ifa->flags & IFA_F_TENTATIVE)
			ipv6_dad_complete(net, dev, ifa);
}

/* netdev_addrs_down - see tine/net_namespace.h. */
void netdev_addrs_down(struct net *net, struct net_device *dev)
{
	struct net_ifaddr *ifa, *n;

	BUG_ON(!rtnl_is_locked());
	list_for_each_entry_safe(ifa, n, &dev->ifa6_list, list) {
		list_del(&ifa->list);
		ifa_notify(net, dev, ifa, RTM_DELADDR, NULL, NULL);
		kfree(ifa);
	}
}

/* netdev_addrs_free - see tine/net_namespace.h. */
void netdev_addrs_free(struct net_device *dev)
{
	struct net_ifaddr *ifa, *n;

	list_for_each_entry_safe(ifa, n, &dev->ifa4_list, list)
		kfree(ifa);
	list_for_each_entry_safe(ifa, n, &dev->ifa6_list, list)
		kfree(ifa);
	INIT_LIST_HEAD(&dev->ifa4_list);
	INIT_LIST_HEAD(&dev->ifa6_list);
}

/* inet_ifconf - see tine/net_namespace.h. */
int inet_ifconf(struct net *net, char (*names)[IFNAMSIZ], u32 *addrs,
		int max)
{
	struct net_ifaddr *ifa;
	int n = 0;

	rtnl_lock();
	list_for_each_entry(ifa, &net->loopback_dev.ifa4_list, list) {
		if (n < max) {
			memcpy(names[n], ifa->label, IFNAMSIZ);
			addrs[n] = in4(ifa->local);
		}
		n++;
	}
	rtnl_unlock();
	return n;
}
