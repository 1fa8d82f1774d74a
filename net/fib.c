/*
 * RTM_GETROUTE dumps: the routes Linux's kernel makes for a device's
 * addresses (fib_add_ifaddr, addrconf), derived from the addresses of
 * net/ifaddr.c, since tine has no IP stack and so no routing of its
 * own. IPv4, for an address A/len with primary P of its subnet: in
 * table local "local A" (always), and once the device has been up with
 * the address (a primary): "local" (on loopback) prefix/len, which
 * stays when the device goes down (a host-scope route), and while up
 * "broadcast" for the subnet's and an explicit broadcast address; all
 * with source P. IPv6, for each address not tentative: "local A" in
 * table local (metric 0) and A's prefix in table main (metric 256)
 * unless IFA_F_NOPREFIXROUTE or the automatic ::1.
 * Routes are not announced (no RTNLGRP_IPV4_ROUTE/IPV6_ROUTE), and
 * RTM_NEWROUTE, RTM_DELROUTE and single gets are EOPNOTSUPP.
 *
 * Lock: rtnl_mutex while the routes are computed.
 */
#include <tine/mm.h>
#include <tine/net_namespace.h>
#include <tine/netlink.h>
#include <tine/string.h>
#include <uapi/socket.h>

#define RT_TABLE_MAIN 254
#define RT_TABLE_LOCAL 255
#define RTPROT_KERNEL 2
#define RTN_UNICAST 1
#define RTN_LOCAL 2
#define RTN_BROADCAST 3
#define RTA_DST 1
#define RTA_OIF 4
#define RTA_PRIORITY 6
#define RTA_PREFSRC 7
#define RTA_CACHEINFO 12
#define RTA_TABLE 15
#define RTA_PREF 20
#define IP6_RT_PRIO_ADDRCONF 256
#define FIB_DUMP_SIZE 4096

struct rtmsg {
	u8 rtm_family;
	u8 rtm_dst_len;
	u8 rtm_src_len;
	u8 rtm_tos;
	u8 rtm_table;
	u8 rtm_protocol;
	u8 rtm_scope;
	u8 rtm_type;
	u32 rtm_flags;
};

struct rta_cacheinfo {
	u32 rta_clntref;
	u32 rta_lastuse;
	s32 rta_expires;
	u32 rta_error;
	u32 rta_used;
	u32 rta_id;
	u32 rta_ts;
	u32 rta_tsage;
};

/* One route to dump. */
struct fib_route {
	u8 family;
	u8 table;
	u8 type;			/* RTN_* */
	u8 scope;
	u8 dst_len;
	u8 dst[16];
	u8 prefsrc[4];			/* IPv4 only */
	u32 metric;
};

static u32 fib_in4(const u8 *a)
{
	u32 v;

	memcpy(&v, a, 4);
	return __builtin_bswap32(v);	/* host order: sortable */
}

/* The primary address of ifa's subnet (itself for a primary). */
static struct net_ifaddr *fib_primary(struct net_device *dev,
				      struct net_ifaddr *ifa)
{
	u32 mask = ifa->prefixlen ? ~0U << (32 - ifa->prefixlen) : 0;
	struct net_ifaddr *p;

	if (!(ifa->flags & IFA_F_SECONDARY))
		return ifa;
	list_for_each_entry(p, &dev->ifa4_list, list)
		if (!(p->flags & IFA_F_SECONDARY) &&
		    p->prefixlen == ifa->prefixlen &&
		    !((fib_in4(p->address) ^ fib_in4(ifa->address)) & mask))
			return p;
	return ifa;
}

static void fib_add4(struct fib_route *r, int *n, u8 type, u8 scope,
		     u32 dst, int len, const u8 *src)
{
	struct fib_route *e = &r[(*n)++];
	u32 be = __builtin_bswap32(dst);

	memset(e, 0, sizeof(*e));
	e->family = AF_INET;
	e->table = RT_TABLE_LOCAL;
	e->type = type;
	e->scope = scope;
	e->dst_len = len;
	memcpy(e->dst, &be, 4);
	memcpy(e->prefsrc, src, 4);
}

/* The IPv4 routes of dev's addresses into r (4 per address at most). */
static void fib_routes4(struct net_device *dev, struct fib_route *r, int *n)
{
	bool up = READ_ONCE(dev->flags) & IFF_UP;
	struct net_ifaddr *ifa;

	list_for_each_entry(ifa, &dev->ifa4_list, list) {
		const u8 *src = fib_primary(dev, ifa)->local;
		u32 mask = ifa->prefixlen ? ~0U << (32 - ifa->prefixlen) : 0;
		u32 prefix = fib_in4(ifa->address) & mask;
		u32 bcast = fib_in4(ifa->broadcast);

		fib_add4(r, n, RTN_LOCAL, RT_SCOPE_HOST, fib_in4(ifa->local),
			 32, src);
		if (up && bcast && bcast != 0xffffffffU)
			fib_add4(r, n, RTN_BROADCAST, RT_SCOPE_LINK, bcast, 32,
				 src);
		if (ifa->flags & IFA_F_SECONDARY || !prefix ||
		    (prefix == fib_in4(ifa->local) && ifa->prefixlen == 32))
			continue;
		if (ifa->fib_prefix && !(ifa->flags & IFA_F_NOPREFIXROUTE))
			fib_add4(r, n, RTN_LOCAL, RT_SCOPE_HOST, prefix,
				 ifa->prefixlen, src);
		if (up && ifa->prefixlen < 31)
			fib_add4(r, n, RTN_BROADCAST, RT_SCOPE_LINK,
				 prefix | ~mask, 32, src);
	}
}

static void fib_add6(struct fib_route *r, int *n, u8 table, u8 type,
		     const u8 *dst, int len, u32 metric)
{
	struct fib_route *e = &r[(*n)++];
	int i;

	memset(e, 0, sizeof(*e));
	e->family = AF_INET6;
	e->table = table;
	e->type = type;
	e->scope = RT_SCOPE_UNIVERSE;
	e->dst_len = len;
	for (i = 0; i < 16; i++)	/* the prefix's bits only */
		e->dst[i] = i * 8 >= len ? 0 :
			    i * 8 + 8 <= len ? dst[i] :
			    dst[i] & (u8)(0xff << (8 - (len - i * 8)));
	e->metric = metric;
}

/* The IPv6 routes of dev's addresses into r (2 per address at most). */
static void fib_routes6(struct net_device *dev, struct fib_route *r, int *n)
{
	static const u8 lo6[16] = { [15] = 1 };
	struct net_ifaddr *ifa;

	list_for_each_entry(ifa, &dev->ifa6_list, list) {
		if (ifa->flags & IFA_F_TENTATIVE)
			continue;
		if (!(ifa->flags & IFA_F_NOPREFIXROUTE) &&
		    memcmp(ifa->local, lo6, 16))
			fib_add6(r, n, RT_TABLE_MAIN, RTN_UNICAST, ifa->local,
				 ifa->prefixlen, IP6_RT_PRIO_ADDRCONF);
		fib_add6(r, n, RT_TABLE_LOCAL, RTN_LOCAL, ifa->local, 128, 0);
	}
}

/* Linux's dump order: by table (main, then local), then destination,
 * longer prefixes first. */
static bool fib_before(const struct fib_route *a, const struct fib_route *b)
{
	int c;

	if (a->table != b->table)
		return a->table < b->table;
	c = memcmp(a->dst, b->dst, a->family == AF_INET ? 4 : 16);
	return c ? c < 0 : a->dst_len > b->dst_len;
}

static void fib_sort(struct fib_route *r, int n)
{
	int i, j;

	for (i = 1; i < n; i++) {
		struct fib_route t = r[i];

		for (j = i; j > 0 && fib_before(&t, &r[j - 1]); j--)
			r[j] = r[j - 1];
		r[j] = t;
	}
}

/* Is e the same route as the one before it (a route is made once)? */
static bool fib_dup(const struct fib_route *r, int i)
{
	return i > 0 && r[i].family == r[i - 1].family &&
	       r[i].table == r[i - 1].table && r[i].type == r[i - 1].type &&
	       r[i].dst_len == r[i - 1].dst_len &&
	       !memcmp(r[i].dst, r[i - 1].dst, 16);
}

/* One route message (Linux's fib_dump_info / rt6_fill_node). */
static int fib_fill(struct nl_msgbuf *b, struct fib_route *e, int ifindex,
		    u32 portid, u32 seq)
{
	u32 mark = b->len, table = e->table;
	int alen = e->family == AF_INET ? 4 : 16;
	struct rta_cacheinfo ci = { 0 };
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	u8 pref = 0;
	int err;

	nlh = nlmsg_put(b, portid, seq, RTM_NEWROUTE, sizeof(*rtm),
			NLM_F_MULTI);
	if (!nlh)
		return -EMSGSIZE;
	rtm = nlmsg_data(nlh);
	rtm->rtm_family = e->family;
	rtm->rtm_dst_len = e->dst_len;
	rtm->rtm_table = e->table;
	rtm->rtm_protocol = RTPROT_KERNEL;
	rtm->rtm_scope = e->scope;
	rtm->rtm_type = e->type;
	err = nla_put(b, RTA_TABLE, 4, &table) ?:
	      (e->dst_len ? nla_put(b, RTA_DST, alen, e->dst) : 0);
	if (!err && e->family == AF_INET)
		err = nla_put(b, RTA_PREFSRC, 4, e->prefsrc) ?:
		      nla_put(b, RTA_OIF, 4, &ifindex);
	else if (!err)
		err = nla_put(b, RTA_OIF, 4, &ifindex) ?:
		      nla_put(b, RTA_PRIORITY, 4, &e->metric) ?:
		      nla_put(b, RTA_PREF, 1, &pref) ?:
		      nla_put(b, RTA_CACHEINFO, sizeof(ci), &ci);
	if (err) {
		b->len = mark;
		return err;
	}
	nlmsg_end(b, nlh);
	return 0;
}

/* Compute the routes of net's devices for family (AF_UNSPEC: both):
 * a kmalloc'd array and its length, or NULL. rtnl_mutex held. */
static struct fib_route *fib_collect(struct net *net, int family, int *n)
{
	struct net_device *dev = &net->loopback_dev;
	struct net_ifaddr *ifa;
	struct fib_route *r;
	int max = 1;

	ASSERT_RTNL();
	list_for_each_entry(ifa, &dev->ifa4_list, list)
		max += 4;
	list_for_each_entry(ifa, &dev->ifa6_list, list)
		max += 2;
	r = kmalloc(max * sizeof(*r), 0);
	if (!r)
		return NULL;
	*n = 0;
	if (family != AF_INET6)
		fib_routes4(dev, r, n);
	fib_sort(r, *n);
	if (family != AF_INET) {
		int n4 = *n;

		fib_routes6(dev, r, n);
		fib_sort(r + n4, *n - n4);
	}
	return r;
}

/* inet_dump_fib - RTM_GETROUTE with NLM_F_DUMP: the routes of the
 * family asked (AF_INET, AF_INET6, else all), IPv4 first. NETLINK_DUMPED
 * or -errno. Takes rtnl_mutex; may sleep. */
int inet_dump_fib(struct sock *sk, const struct nlmsghdr *nlh)
{
	u8 family = *(const u8 *)nlmsg_data(nlh);
	u32 portid = READ_ONCE(nlk_sk(sk)->portid);
	int ifindex = sock_net(sk)->loopback_dev.ifindex;
	struct fib_route *r;
	struct nl_msgbuf b;
	int i, n, err = nl_msgbuf_init(&b, FIB_DUMP_SIZE);

	if (err)
		return err;
	rtnl_lock();
	r = fib_collect(sock_net(sk), family, &n);
	rtnl_unlock();
	if (!r)
		err = -ENOBUFS;
	for (i = 0; r && !err && i < n; i++) {
		if (fib_dup(r, i))
			continue;
		err = fib_fill(&b, &r[i], ifindex, portid, nlh->nlmsg_seq);
		if (err == -EMSGSIZE && b.len) {
			netlink_reply(sk, &b);
			b.len = 0;
			err = fib_fill(&b, &r[i], ifindex, portid,
				       nlh->nlmsg_seq);
		}
	}
	kfree(r);
	return rtnl_dump_done(sk, &b, nlh, err);
}
