/*
 * AF_NETLINK and NETLINK_ROUTE about the loopback device: sockets,
 * port ids, dumps of links and addresses, bringing lo up with
 * RTM_NEWLINK (seen by SIOCGIFFLAGS), acks and errors, the EPERM path,
 * and malformed messages. Everything that depends on lo's state runs
 * in a new network namespace, where lo starts down.
 */
#include "nl.h"
#include <arpa/inet.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static char buf[65536];

static int nl_open(void)
{
	struct timeval tv = { .tv_sec = 3 };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd >= 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

static uint32_t nl_portid(int fd)
{
	struct sockaddr_nl a;
	socklen_t len = sizeof(a);

	memset(&a, 0, sizeof(a));
	getsockname(fd, (struct sockaddr *)&a, &len);
	return a.nl_pid;
}

/* What a walk over the answers to one request saw. */
struct seen {
	int links, addrs4, addrs6, done, errors, bad;
	int error;			/* the last NLMSG_ERROR's error */
	unsigned int lo_flags;
	int lo_oper, lo_mtu, lo_type, lo_index, lo_name, lo_addr_zero;
	int lo_stats_zero, lo_txqlen;
	uint32_t v4;
	int v4_prefix, v4_scope, v6_loop, v6_prefix;
};

static void see_link(struct seen *s, struct nlmsghdr *h)
{
	struct ifinfomsg *ifi = NLMSG_DATA(h);
	unsigned char *p;
	int len, i;

	s->links++;
	s->lo_type = ifi->ifi_type;
	s->lo_index = ifi->ifi_index;
	s->lo_flags = ifi->ifi_flags;
	p = nl_attr(h, sizeof(*ifi), IFLA_IFNAME, &len);
	s->lo_name = p && len == 3 && !strcmp((char *)p, "lo");
	p = nl_attr(h, sizeof(*ifi), IFLA_MTU, &len);
	s->lo_mtu = p && len == 4 ? *(int *)p : -1;
	p = nl_attr(h, sizeof(*ifi), IFLA_OPERSTATE, &len);
	s->lo_oper = p && len == 1 ? *p : -1;
	p = nl_attr(h, sizeof(*ifi), IFLA_TXQLEN, &len);
	s->lo_txqlen = p && len == 4;
	p = nl_attr(h, sizeof(*ifi), IFLA_ADDRESS, &len);
	s->lo_addr_zero = p && len == 6 && !memcmp(p, "\0\0\0\0\0", 6);
	p = nl_attr(h, sizeof(*ifi), IFLA_BROADCAST, &len);
	s->lo_addr_zero &= p && len == 6 && !memcmp(p, "\0\0\0\0\0", 6);
	p = nl_attr(h, sizeof(*ifi), IFLA_STATS64, &len);
	s->lo_stats_zero = p && len >= 192;
	for (i = 0; p && i < len; i++)
		if (p[i])
			s->lo_stats_zero = 0;
}

static void see_addr(struct seen *s, struct nlmsghdr *h)
{
	struct ifaddrmsg *ifa = NLMSG_DATA(h);
	static const unsigned char loop6[16] = { [15] = 1 };
	unsigned char *p;
	int len;

	if (ifa->ifa_family == AF_INET) {
		s->addrs4++;
		p = nl_attr(h, sizeof(*ifa), IFA_LOCAL, &len);
		if (p && len == 4)
			memcpy(&s->v4, p, 4);
		s->v4_prefix = ifa->ifa_prefixlen;
		s->v4_scope = ifa->ifa_scope;
	} else if (ifa->ifa_family == AF_INET6) {
		s->addrs6++;
		p = nl_attr(h, sizeof(*ifa), IFA_ADDRESS, &len);
		s->v6_loop = p && len == 16 && !memcmp(p, loop6, 16);
		s->v6_prefix = ifa->ifa_prefixlen;
	}
}

/* Read answers to seq until NLMSG_DONE or NLMSG_ERROR (or nothing). */
static void nl_collect(int fd, uint32_t seq, struct seen *s)
{
	struct sockaddr_nl from;
	socklen_t flen;
	uint32_t me = nl_portid(fd);

	memset(s, 0, sizeof(*s));
	for (;;) {
		long n;
		struct nlmsghdr *h;

		flen = sizeof(from);
		n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
			     &flen);
		if (n <= 0)
			return;
		if (flen != sizeof(from) || from.nl_pid != 0)
			s->bad++;
		for (h = (struct nlmsghdr *)buf; n >= NLMSG_HDRLEN &&
		     h->nlmsg_len >= (unsigned)NLMSG_HDRLEN &&
		     h->nlmsg_len <= (unsigned long)n;) {
			int step = NLMSG_ALIGN(h->nlmsg_len);

			if (h->nlmsg_seq != seq || h->nlmsg_pid != me)
				s->bad++;
			if (h->nlmsg_type == NLMSG_DONE) {
				s->done++;
				return;
			}
			if (h->nlmsg_type == NLMSG_ERROR) {
				s->errors++;
				s->error = ((struct nlmsgerr *)NLMSG_DATA(h))->error;
				return;
			}
			if (h->nlmsg_type == RTM_NEWLINK)
				see_link(s, h);
			else if (h->nlmsg_type == RTM_NEWADDR)
				see_addr(s, h);
			if (!(h->nlmsg_flags & NLM_F_MULTI))
				return;		/* a single answer */
			n -= step;
			h = (struct nlmsghdr *)((char *)h + step);
		}
	}
}

static void dump(int fd, int type, int family, uint32_t seq, struct seen *s)
{
	struct nl_req r;

	nl_req_init(&r, type, NLM_F_REQUEST | NLM_F_DUMP, seq,
		    type == RTM_GETLINK ? (int)sizeof(struct ifinfomsg)
					: (int)sizeof(struct ifaddrmsg));
	r.gen = family;
	if (nl_send(fd, &r) != r.h.nlmsg_len)
		s->bad++;
	nl_collect(fd, seq, s);
}

/* SIOCGIFCONF: how many IPv4 addresses there are. */
static int ifconf_count(void)
{
	struct ifreq rs[4];
	struct ifconf c = { .ifc_len = sizeof(rs), .ifc_req = rs };
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	int err = ioctl(fd, SIOCGIFCONF, &c);

	close(fd);
	return err ? -1 : c.ifc_len / (int)sizeof(rs[0]);
}

static int lo_ioctl_flags(void)
{
	struct ifreq ifr;
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	int r;

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	r = ioctl(fd, SIOCGIFFLAGS, &ifr);
	close(fd);
	return r < 0 ? -1 : (unsigned short)ifr.ifr_flags;
}

/* RTM_NEWLINK (or SETLINK) on index 1 with IFF_UP in flags; the
 * NLMSG_ERROR's error (0: acked), or 1 when there was none. */
static int set_lo(int fd, int type, unsigned int flags, uint32_t seq)
{
	struct nl_req r;
	struct seen s;

	nl_req_init(&r, type, NLM_F_REQUEST | NLM_F_ACK, seq,
		    sizeof(struct ifinfomsg));
	r.ifi.ifi_index = 1;
	r.ifi.ifi_flags = flags;
	r.ifi.ifi_change = IFF_UP;
	nl_send(fd, &r);
	nl_collect(fd, seq, &s);
	return s.errors ? s.error : 1;
}

static void test_sockets(void)
{
	struct sockaddr_nl a = { .nl_family = AF_NETLINK };
	int fd, fd2;

	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    NETLINK_ROUTE);
	ok(fd >= 0, "socket(AF_NETLINK, SOCK_DGRAM, NETLINK_ROUTE)");
	ok((fcntl(fd, F_GETFL) & O_NONBLOCK) &&
	   (fcntl(fd, F_GETFD) & FD_CLOEXEC), "NONBLOCK and CLOEXEC kept");
	is(nl_portid(fd), 0, "unbound: port id 0");
	expect_ok(bind(fd, (struct sockaddr *)&a, sizeof(a)));
	is(nl_portid(fd), getpid(), "autobind takes the tgid first");
	fd2 = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	a.nl_pid = getpid();
	expect_errno(bind(fd2, (struct sockaddr *)&a, sizeof(a)), EADDRINUSE);
	a.nl_pid = 0;
	expect_ok(bind(fd2, (struct sockaddr *)&a, sizeof(a)));
	ok(nl_portid(fd2) != 0 && nl_portid(fd2) != (uint32_t)getpid(),
	   "a second autobind gets another id (%d)", (int)nl_portid(fd2));
	a.nl_pid = 12345;
	expect_errno(bind(fd, (struct sockaddr *)&a, sizeof(a)), EINVAL);
	expect_errno(bind(fd, (struct sockaddr *)&a, 8), EINVAL);
	a.nl_family = AF_UNIX;
	expect_errno(bind(fd, (struct sockaddr *)&a, sizeof(a)), EINVAL);
	close(fd);
	close(fd2);
	expect_errno(socket(AF_NETLINK, SOCK_STREAM, NETLINK_ROUTE),
		     ESOCKTNOSUPPORT);
	expect_errno(socket(AF_NETLINK, SOCK_RAW, 1), EPROTONOSUPPORT);
	expect_errno(socket(AF_NETLINK, SOCK_RAW, 32), EPROTONOSUPPORT);
	expect_errno(socket(AF_NETLINK, SOCK_RAW, -1), EPROTONOSUPPORT);
}

/* Two sockets talk to each other by port id. */
static void test_unicast(void)
{
	int a = nl_open(), b = nl_open();
	struct sockaddr_nl to = { .nl_family = AF_NETLINK }, from;
	socklen_t flen = sizeof(from);
	char msg[8] = "hello";

	bind(a, (struct sockaddr *)&to, sizeof(to));
	to.nl_pid = nl_portid(a);
	is(sendto(b, msg, 6, 0, (struct sockaddr *)&to, sizeof(to)), 6,
	   "send to another socket's port id");
	memset(&from, 0, sizeof(from));
	is(recvfrom(a, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen),
	   6, "it arrives");
	ok(from.nl_pid == nl_portid(b) && !strcmp(buf, "hello"),
	   "from the sender's port id");
	to.nl_pid = 0x7ffffff0;
	expect_errno(sendto(b, msg, 6, 0, (struct sockaddr *)&to, sizeof(to)),
		     ECONNREFUSED);
	expect_errno(sendto(b, msg, 6, 0, (struct sockaddr *)&to, 4), EINVAL);
	close(a);
	close(b);
}

/* getifaddrs/if_nameindex (musl: RTM_GETLINK and RTM_GETADDR dumps). */
static void check_getifaddrs(int up)
{
	struct ifaddrs *ifa, *i;
	struct if_nameindex *ni;
	int pkt = 0, v4 = 0, v6 = 0;
	unsigned int flags = 0;

	if (!ok(getifaddrs(&ifa) == 0, "getifaddrs"))
		return;
	for (i = ifa; i; i = i->ifa_next) {
		if (strcmp(i->ifa_name, "lo"))
			continue;
		flags = i->ifa_flags;
		if (!i->ifa_addr)
			continue;
		if (i->ifa_addr->sa_family == AF_PACKET)
			pkt++;
		if (i->ifa_addr->sa_family == AF_INET &&
		    ((struct sockaddr_in *)i->ifa_addr)->sin_addr.s_addr ==
			    htonl(INADDR_LOOPBACK))
			v4++;
		if (i->ifa_addr->sa_family == AF_INET6)
			v6++;
	}
	freeifaddrs(ifa);
	is(pkt, 1, "getifaddrs: lo's link");
	if (up)
		is(flags, IFF_UP | IFF_LOOPBACK | IFF_RUNNING | IFF_LOWER_UP,
		   "getifaddrs: lo up, running, lower up");
	else
		is(flags, IFF_LOOPBACK, "getifaddrs: lo down");
	is(v4, up, "getifaddrs: 127.0.0.1 only when up");
	is(v6, up, "getifaddrs: ::1 only when up");
	ni = if_nameindex();
	ok(ni && ni[0].if_index == 1 && !strcmp(ni[0].if_name, "lo") &&
	   !ni[1].if_index, "if_nameindex: lo is 1");
	if (ni)
		if_freenameindex(ni);
}

static void test_dumps_down(int fd)
{
	struct seen s;

	dump(fd, RTM_GETLINK, AF_UNSPEC, 1, &s);
	is(s.links, 1, "link dump: one link");
	ok(s.done == 1 && !s.bad, "ended by NLMSG_DONE, seq and pid echoed");
	is(s.lo_type, ARPHRD_LOOPBACK, "ARPHRD_LOOPBACK");
	is(s.lo_index, 1, "ifindex 1");
	is(s.lo_flags, IFF_LOOPBACK, "down: IFF_LOOPBACK only");
	ok(s.lo_name, "IFLA_IFNAME lo");
	is(s.lo_mtu, 65536, "IFLA_MTU");
	is(s.lo_oper, IF_OPER_DOWN, "IFLA_OPERSTATE down");
	ok(s.lo_txqlen, "IFLA_TXQLEN");
	ok(s.lo_addr_zero, "IFLA_ADDRESS and IFLA_BROADCAST zeros");
	ok(s.lo_stats_zero, "IFLA_STATS64 zeros in a new namespace");
	dump(fd, RTM_GETADDR, AF_UNSPEC, 2, &s);
	ok(s.done == 1 && !s.addrs4 && !s.addrs6 && !s.bad,
	   "address dump of a down lo: nothing");
	check_getifaddrs(0);
}

static void test_up(int fd)
{
	struct seen s;

	is(set_lo(fd, RTM_NEWLINK, IFF_UP, 3), 0, "RTM_NEWLINK IFF_UP acked");
	is(lo_ioctl_flags(), IFF_UP | IFF_LOOPBACK | IFF_RUNNING,
	   "SIOCGIFFLAGS sees it up");
	dump(fd, RTM_GETLINK, AF_UNSPEC, 4, &s);
	is(s.lo_flags, IFF_UP | IFF_LOOPBACK | IFF_RUNNING | IFF_LOWER_UP,
	   "link dump: up");
	dump(fd, RTM_GETADDR, AF_UNSPEC, 5, &s);
	ok(s.addrs4 == 1 && s.v4 == htonl(INADDR_LOOPBACK) &&
	   s.v4_prefix == 8 && s.v4_scope == 254, "127.0.0.1/8 scope host");
	ok(s.addrs6 == 1 && s.v6_loop && s.v6_prefix == 128, "::1/128");
	dump(fd, RTM_GETADDR, AF_INET, 6, &s);
	ok(s.addrs4 == 1 && !s.addrs6 && s.done, "AF_INET dump: IPv4 only");
	check_getifaddrs(1);
}

static void test_single(int fd)
{
	struct nl_req r;
	struct seen s;

	nl_req_init(&r, RTM_GETLINK, NLM_F_REQUEST, 7, sizeof(r.ifi));
	r.ifi.ifi_index = 1;
	nl_send(fd, &r);
	nl_collect(fd, 7, &s);
	ok(s.links == 1 && s.lo_name && !s.bad, "RTM_GETLINK by index");
	nl_req_init(&r, RTM_GETLINK, NLM_F_REQUEST, 8, sizeof(r.ifi));
	nl_req_attr(&r, IFLA_IFNAME, "lo", 3);
	nl_send(fd, &r);
	nl_collect(fd, 8, &s);
	ok(s.links == 1 && s.lo_index == 1 && !s.bad, "RTM_GETLINK by name");
	nl_req_init(&r, RTM_GETLINK, NLM_F_REQUEST, 9, sizeof(r.ifi));
	r.ifi.ifi_index = 77;
	nl_send(fd, &r);
	nl_collect(fd, 9, &s);
	ok(s.errors && s.error == -ENODEV, "unknown index: ENODEV (%d)",
	   s.error);
	nl_req_init(&r, RTM_GETLINK, NLM_F_REQUEST, 10, sizeof(r.ifi));
	nl_send(fd, &r);
	nl_collect(fd, 10, &s);
	ok(s.errors && s.error == -EINVAL, "neither index nor name: EINVAL");
}

/* An ack's shape: error 0, the request's header only, CAPPED. */
static void test_ack(int fd)
{
	struct nl_req r;
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct nlmsgerr *e = NLMSG_DATA(h);
	long n;

	nl_req_init(&r, RTM_SETLINK, NLM_F_REQUEST | NLM_F_ACK, 11,
		    sizeof(r.ifi));
	r.ifi.ifi_index = 1;
	r.ifi.ifi_flags = IFF_UP;
	nl_send(fd, &r);
	n = recv(fd, buf, sizeof(buf), 0);
	ok(n == 36 && h->nlmsg_type == NLMSG_ERROR && h->nlmsg_seq == 11 &&
	   (h->nlmsg_flags & NLM_F_CAPPED) && e->error == 0 &&
	   e->msg.nlmsg_seq == 11 && e->msg.nlmsg_type == RTM_SETLINK,
	   "ack: NLMSG_ERROR 0 with the request's header (%ld)", n);
	nl_req_init(&r, 0x7ff, NLM_F_REQUEST, 12, sizeof(r.ifi));
	nl_send(fd, &r);
	n = recv(fd, buf, sizeof(buf), 0);
	ok(n == (long)(NLMSG_HDRLEN + sizeof(int) + r.h.nlmsg_len) &&
	   e->error == -EOPNOTSUPP && e->msg.nlmsg_len == r.h.nlmsg_len,
	   "unknown type: EOPNOTSUPP with the whole request (%ld)", n);
}

/* MSG_PEEK, MSG_TRUNC, MSG_DONTWAIT and poll on a single answer. */
static void test_recv_flags(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT };
	struct nl_req r;
	struct iovec iov = { buf, 4 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	long n, full;

	is(poll(&p, 1, 0), 1, "poll: nothing to read");
	is(p.revents, POLLOUT, "only POLLOUT");
	nl_req_init(&r, RTM_GETLINK, NLM_F_REQUEST, 13, sizeof(r.ifi));
	r.ifi.ifi_index = 1;
	nl_send(fd, &r);
	is(poll(&p, 1, 1000), 1, "poll: the answer");
	is(p.revents, POLLIN | POLLOUT, "POLLIN");
	full = recvmsg(fd, &m, MSG_PEEK | MSG_TRUNC);
	ok(full > 100 && (m.msg_flags & MSG_TRUNC),
	   "MSG_PEEK|MSG_TRUNC: the full length, MSG_TRUNC (%ld)", full);
	n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
	is(n, full, "the peeked message is still there");
	expect_errno(recv(fd, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
}

/* Malformed requests: errors or silence, never a crash. */
static void test_bad(int fd)
{
	struct nl_req r;
	struct seen s;
	char big[300000];

	nl_req_init(&r, RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, 14, 0);
	r.h.nlmsg_len = 8;
	is(nl_send_raw(fd, &r, 16), 16, "nlmsg_len below the header: sent");
	expect_errno(recv(fd, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	r.h.nlmsg_len = 200;
	is(nl_send_raw(fd, &r, 32), 32, "nlmsg_len past the end: sent");
	expect_errno(recv(fd, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	is(nl_send_raw(fd, &r, 10), 10, "shorter than a header: sent");
	expect_errno(recv(fd, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	nl_req_init(&r, RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, 15, 0);
	nl_send(fd, &r);
	nl_collect(fd, 15, &s);
	ok(s.errors && s.error == 0, "no payload: ignored, acked");
	nl_req_init(&r, RTM_GETLINK, NLM_F_REQUEST, 16, 1);
	nl_send(fd, &r);
	nl_collect(fd, 16, &s);
	ok(s.errors && s.error == -EINVAL, "payload short of ifinfomsg: EINVAL");
	memset(big, 0, sizeof(big));
	expect_errno(nl_send_raw(fd, big, sizeof(big)), EMSGSIZE);
	expect_errno(nl_send_raw(fd, NULL, 64), EFAULT);
	expect_errno(nl_send_raw(fd, buf, 0), ENODATA);
}

/* Random headers and payloads as an unprivileged user. */
static void fuzz(int fd)
{
	unsigned int seed = 12345;
	int i, j, sent = 0;
	struct seen s;

	for (i = 0; i < 300; i++) {
		int len = rand_r(&seed) % 200;
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		for (j = 0; j < len; j++)
			buf[j] = rand_r(&seed);
		if (len >= NLMSG_HDRLEN && (i & 1)) {
			h->nlmsg_len = len - (rand_r(&seed) % 8);
			h->nlmsg_type = 16 + rand_r(&seed) % 110;
		}
		if (nl_send_raw(fd, buf, len) == len ||
		    (!len && errno == ENODATA))
			sent++;
		else
			diag("send %d: len %d nlmsg_len %u type %u flags %#x: %s",
			     i, len, h->nlmsg_len, h->nlmsg_type, h->nlmsg_flags,
			     strerror(errno));
		while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
			;
	}
	is(sent, 300, "random messages all accepted by send (empty: ENODATA)");
	dump(fd, RTM_GETLINK, AF_UNSPEC, 99, &s);
	ok(s.links == 1 && s.done, "the socket still answers after them");
}

static int unprivileged(void)
{
	int fd;

	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 2;
	fd = nl_open();
	is(set_lo(fd, RTM_NEWLINK, 0, 20), -EPERM,
	   "RTM_NEWLINK without CAP_NET_ADMIN: EPERM");
	is(set_lo(fd, RTM_SETLINK, 0, 21), -EPERM, "RTM_SETLINK: EPERM");
	is(lo_ioctl_flags() & IFF_UP, IFF_UP, "lo is still up");
	fuzz(fd);
	return tap_failures ? 1 : 0;
}

/* SOL_NETLINK options: NETLINK_CAP_ACK caps error answers. */
static void test_sockopts(void)
{
	int fd = nl_open(), one = 1, val = 0;
	socklen_t len = sizeof(val);
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct nl_req r;
	long n;

	expect_ok(setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one,
			     sizeof(one)));
	expect_ok(getsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &val, &len));
	ok(val == 1 && len == sizeof(int), "NETLINK_CAP_ACK reads back 1");
	expect_ok(setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one,
			     sizeof(one)));
	len = 2;
	expect_errno(getsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &val, &len),
		     EINVAL);
	expect_errno(setsockopt(fd, SOL_NETLINK, 99, &one, sizeof(one)),
		     ENOPROTOOPT);
	expect_errno(setsockopt(fd, 0, 1, &one, sizeof(one)), ENOPROTOOPT);
	nl_req_init(&r, 0x7ff, NLM_F_REQUEST, 50, sizeof(r.ifi));
	nl_send(fd, &r);
	n = recv(fd, buf, sizeof(buf), 0);
	ok(n == 36 && h->nlmsg_type == NLMSG_ERROR &&
	   (h->nlmsg_flags & NLM_F_CAPPED) &&
	   ((struct nlmsgerr *)NLMSG_DATA(h))->error == -EOPNOTSUPP,
	   "NETLINK_CAP_ACK: an error without the request (%ld)", n);
	close(fd);
}

/* Overflowing the receive buffer loses answers with ENOBUFS. */
static void test_overrun(int fd, int no_enobufs)
{
	int small = 1, i, enobufs = 0;
	struct nl_req r;

	setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &no_enobufs,
		   sizeof(no_enobufs));

	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
	for (i = 0; i < 64; i++) {
		nl_req_init(&r, RTM_GETLINK, NLM_F_REQUEST, 30, sizeof(r.ifi));
		r.ifi.ifi_index = 1;
		nl_send(fd, &r);
	}
	for (i = 0; i < 70; i++) {
		long n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);

		if (n < 0 && errno == ENOBUFS)
			enobufs++;
		else if (n < 0)
			break;
	}
	is(enobufs, !no_enobufs, no_enobufs ? "NETLINK_NO_ENOBUFS: no error"
					    : "a full receive buffer: ENOBUFS once");
}

static int in_new_netns(void)
{
	int fd, st;
	pid_t pid;

	if (unshare(CLONE_NEWNET))
		return 3;
	fd = nl_open();
	test_dumps_down(fd);
	test_up(fd);
	test_single(fd);
	test_ack(fd);
	test_recv_flags(fd);
	test_bad(fd);
	pid = fork();
	if (pid == 0)
		_exit(unprivileged());
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the unprivileged child passed");
	is(set_lo(fd, RTM_SETLINK, 0, 40), 0, "RTM_SETLINK down acked");
	is(lo_ioctl_flags(), IFF_LOOPBACK, "SIOCGIFFLAGS sees it down");
	{
		struct seen s;

		dump(fd, RTM_GETADDR, AF_UNSPEC, 41, &s);
		ok(s.addrs4 == 1 && !s.addrs6 && s.done,
		   "down again: 127.0.0.1 stays, ::1 goes (%d, %d)",
		   s.addrs4, s.addrs6);
		is(ifconf_count(), 1, "SIOCGIFCONF (on a netlink socket) too");
	}
	test_overrun(fd, 0);
	test_overrun(fd, 1);
	test_sockopts();
	close(fd);
	return tap_failures ? 1 : 0;
}

int main(void)
{
	int st;

	test_sockets();
	test_unicast();
	st = run_child(in_new_netns);
	ok(exited_with(st, 0), "the new-namespace child passed (%#x)", st);
	return tap_done();
}
