/*
 * rtnetlink multicast and addresses, in a new network namespace:
 * joining groups (bind's nl_groups, NETLINK_ADD/DROP_MEMBERSHIP,
 * NETLINK_LIST_MEMBERSHIPS), RTM_NEWLINK notifications when lo goes up
 * and down, RTM_NEWADDR/RTM_DELADDR round trips for IPv4 (secondaries)
 * and IPv6 with their notifications, route dumps of lo's local routes,
 * errors, overruns (ENOBUFS unless NETLINK_NO_ENOBUFS), a user message
 * to a group, /proc/net/netlink, and EPERM for an unprivileged user.
 */
#include "nl.h"
#include <arpa/inet.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#define NETLINK_ADD_MEMBERSHIP 1
#define NETLINK_DROP_MEMBERSHIP 2
#define NETLINK_LIST_MEMBERSHIPS 9
#define RTNLGRP_LINK 1
#define RTNLGRP_IPV4_IFADDR 5
#define RTNLGRP_IPV6_IFADDR 9
#define RTNLGRP_MAX 36
#define GRP(g) (1U << ((g) - 1))
#define RTM_DELADDR 21
#define RTM_NEWROUTE 24
#define RTM_GETROUTE 26
#define NLM_F_REPLACE 0x100
#define NLM_F_EXCL 0x200
#define NLM_F_CREATE 0x400
#define IFA_F_SECONDARY 0x01
#define IFA_F_TENTATIVE 0x40
#define IFA_F_PERMANENT 0x80
#define RT_SCOPE_HOST 254

static char buf[65536];

static int nl_open(void)
{
	struct timeval tv = { .tv_sec = 5 };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd >= 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

/* A socket bound with nl_groups groups. */
static int nl_member(uint32_t groups)
{
	struct sockaddr_nl a = { .nl_family = AF_NETLINK, .nl_groups = groups };
	int fd = nl_open();

	if (bind(fd, (struct sockaddr *)&a, sizeof(a)))
		return -1;
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

/* Send r and read its NLMSG_ERROR: the error (0 acked), 1 for none. */
static int nl_talk(int fd, struct nl_req *r)
{
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	long n;

	r->h.nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	if (nl_send(fd, r) < 0)
		return -1000 - errno;
	for (;;) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < (long)sizeof(*h))
			return 1;
		if (h->nlmsg_type == NLMSG_ERROR &&
		    h->nlmsg_seq == r->h.nlmsg_seq)
			return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
	}
}

static int set_lo(int fd, unsigned int flags, uint32_t seq)
{
	struct nl_req r;

	nl_req_init(&r, RTM_NEWLINK, 0, seq, sizeof(struct ifinfomsg));
	r.ifi.ifi_index = 1;
	r.ifi.ifi_flags = flags;
	r.ifi.ifi_change = IFF_UP;
	return nl_talk(fd, &r);
}

/* RTM_NEWADDR/RTM_DELADDR of addr/plen (IPv4 or IPv6 text) on lo. */
static int addr_req(int fd, int type, int flags, const char *addr, int plen,
		    uint32_t seq)
{
	struct nl_req r;
	unsigned char a[16];
	int v6 = strchr(addr, ':') != NULL;

	nl_req_init(&r, type, flags, seq, sizeof(struct ifaddrmsg));
	r.ifa.ifa_family = v6 ? AF_INET6 : AF_INET;
	r.ifa.ifa_prefixlen = plen;
	r.ifa.ifa_index = 1;
	inet_pton(r.ifa.ifa_family, addr, a);
	nl_req_attr(&r, IFA_LOCAL, a, v6 ? 16 : 4);
	nl_req_attr(&r, IFA_ADDRESS, a, v6 ? 16 : 4);
	return nl_talk(fd, &r);
}

/* One notification seen by a member. */
struct note {
	int type;
	uint32_t pid, seq;
	unsigned int flags, change;	/* link: ifi_flags, ifi_change */
	int family, plen, ifa_flags;
	char addr[64];
};

/* The next message on fd within ms milliseconds: 1, 0 for none. */
static int next_note(int fd, struct note *n, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	int len;
	void *a;

	memset(n, 0, sizeof(*n));
	if (poll(&p, 1, ms) != 1 || recv(fd, buf, sizeof(buf), MSG_DONTWAIT) <
					    (long)sizeof(*h))
		return 0;
	n->type = h->nlmsg_type;
	n->pid = h->nlmsg_pid;
	n->seq = h->nlmsg_seq;
	if (n->type == RTM_NEWLINK) {
		struct ifinfomsg *ifi = NLMSG_DATA(h);

		n->flags = ifi->ifi_flags;
		n->change = ifi->ifi_change;
	} else if (n->type == RTM_NEWADDR || n->type == RTM_DELADDR) {
		struct ifaddrmsg *ifa = NLMSG_DATA(h);

		n->family = ifa->ifa_family;
		n->plen = ifa->ifa_prefixlen;
		n->ifa_flags = ifa->ifa_flags;
		a = nl_attr(h, sizeof(*ifa), IFA_ADDRESS, &len);
		if (a)
			inet_ntop(ifa->ifa_family, a, n->addr, sizeof(n->addr));
	}
	return 1;
}

/* Wait (up to 5 s) for a note of type about addr; 1 if seen. */
static int wait_note(int fd, int type, const char *addr, struct note *n)
{
	while (next_note(fd, n, 5000))
		if (n->type == type && (!addr || !strcmp(n->addr, addr)))
			return 1;
	return 0;
}

static void drain(int fd)
{
	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;
}

/* Dump type/family; count messages and note IPv4 addresses' flags. */
struct dump {
	int msgs, done, secondary, tentative;
	int local_routes, bcast_routes, v6_local;
};

static void do_dump(int fd, int type, int family, struct dump *d)
{
	struct nl_req r;
	long n;

	memset(d, 0, sizeof(*d));
	nl_req_init(&r, type, NLM_F_REQUEST | NLM_F_DUMP, 77, 12);
	r.gen = family;
	nl_send(fd, &r);
	while (!d->done && (n = recv(fd, buf, sizeof(buf), 0)) > 0) {
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		for (; n >= NLMSG_HDRLEN && h->nlmsg_len >= (uint32_t)NLMSG_HDRLEN &&
		       h->nlmsg_len <= n;
		     n -= NLMSG_ALIGN(h->nlmsg_len),
		     h = (struct nlmsghdr *)((char *)h + NLMSG_ALIGN(h->nlmsg_len))) {
			unsigned char *m = NLMSG_DATA(h);

			if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) {
				d->done = 1;
				break;
			}
			d->msgs++;
			if (type == RTM_GETADDR) {
				d->secondary += !!(m[2] & IFA_F_SECONDARY);
				d->tentative += !!(m[2] & IFA_F_TENTATIVE);
			} else if (m[0] == AF_INET) {
				/* rtmsg: family, dst_len, src_len, tos,
				 * table, protocol, scope, type */
				d->local_routes += m[4] == 255 && m[7] == 2;
				d->bcast_routes += m[4] == 255 && m[7] == 3;
			} else {
				d->v6_local += m[4] == 255 && m[7] == 2;
			}
		}
	}
}

static void test_groups(int link, int v6)
{
	int g = RTNLGRP_IPV6_IFADDR, bad = 0, fd = nl_open();
	struct sockaddr_nl a;
	socklen_t len = sizeof(a);
	uint32_t list[4] = { 0 };

	getsockname(link, (struct sockaddr *)&a, &len);
	is(a.nl_groups, GRP(RTNLGRP_LINK) | GRP(RTNLGRP_IPV4_IFADDR),
	   "getsockname shows bind's groups");
	expect_ok(setsockopt(v6, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &g,
			     sizeof(g)));
	len = sizeof(list);
	expect_ok(getsockopt(v6, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, list,
			     &len));
	ok(list[0] == GRP(RTNLGRP_IPV6_IFADDR) && len == 8,
	   "NETLINK_LIST_MEMBERSHIPS: %#x, %u bytes", list[0], len);
	expect_errno(setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &bad,
				sizeof(bad)), EINVAL);
	bad = RTNLGRP_MAX + 1;
	expect_errno(setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &bad,
				sizeof(bad)), EINVAL);
	bad = RTNLGRP_MAX;
	expect_ok(setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &bad,
			     sizeof(bad)));
	len = sizeof(list);
	getsockopt(fd, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, list, &len);
	ok(list[1] == 1U << (RTNLGRP_MAX - 33), "group %d is in the second word",
	   RTNLGRP_MAX);
	close(fd);
}

static void test_link_notes(int ctl, int link, int v6)
{
	struct note n;

	is(set_lo(ctl, IFF_UP, 10), 0, "lo up acked");
	ok(wait_note(link, RTM_NEWLINK, NULL, &n) && (n.flags & IFF_UP) &&
	   (n.change & IFF_UP) && n.pid == 0,
	   "RTNLGRP_LINK: RTM_NEWLINK with IFF_UP changed (%#x %#x)", n.flags,
	   n.change);
	ok(wait_note(link, RTM_NEWADDR, "127.0.0.1", &n) && n.plen == 8,
	   "RTNLGRP_IPV4_IFADDR: 127.0.0.1/8 appears");
	ok(wait_note(v6, RTM_NEWADDR, "::1", &n) && n.plen == 128,
	   "RTNLGRP_IPV6_IFADDR: ::1/128 appears");
}

static void test_addr4(int ctl, int link)
{
	struct note n;
	struct dump d;

	is(addr_req(ctl, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, "10.1.2.3", 24,
		    20), 0, "RTM_NEWADDR 10.1.2.3/24 acked");
	ok(wait_note(link, RTM_NEWADDR, "10.1.2.3", &n) &&
	   n.pid == nl_portid(ctl) && n.seq == 20,
	   "its notification names the requester's port and sequence");
	is(addr_req(ctl, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, "10.1.2.3", 24,
		    21), -EEXIST, "again with NLM_F_EXCL: EEXIST");
	is(addr_req(ctl, RTM_NEWADDR, NLM_F_CREATE, "10.1.2.3", 24, 22),
	   -EEXIST, "again without NLM_F_REPLACE: EEXIST");
	is(addr_req(ctl, RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE, "10.1.2.3",
		    24, 23), 0, "again with NLM_F_REPLACE: acked");
	is(addr_req(ctl, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, "10.1.2.4", 24,
		    24), 0, "10.1.2.4/24 acked");
	do_dump(ctl, RTM_GETADDR, AF_INET, &d);
	ok(d.done && d.msgs == 3 && d.secondary == 1,
	   "dump: 127.0.0.1, 10.1.2.3 and the secondary 10.1.2.4 (%d, %d)",
	   d.msgs, d.secondary);
	drain(link);
	is(addr_req(ctl, RTM_DELADDR, 0, "10.1.2.3", 24, 25), 0,
	   "RTM_DELADDR of the primary acked");
	ok(next_note(link, &n, 5000) && n.type == RTM_DELADDR &&
	   !strcmp(n.addr, "10.1.2.4"), "its secondary goes first (%s)", n.addr);
	ok(next_note(link, &n, 5000) && n.type == RTM_DELADDR &&
	   !strcmp(n.addr, "10.1.2.3"), "then the primary (%s)", n.addr);
	is(addr_req(ctl, RTM_DELADDR, 0, "10.1.2.4", 24, 26), -EADDRNOTAVAIL,
	   "the secondary went with it: EADDRNOTAVAIL");
	do_dump(ctl, RTM_GETADDR, AF_INET, &d);
	is(d.msgs, 1, "only 127.0.0.1 is left");
}

static void test_addr6(int ctl, int v6)
{
	struct note n;
	struct dump d;

	drain(v6);
	is(addr_req(ctl, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, "fd00::5", 64,
		    30), 0, "RTM_NEWADDR fd00::5/64 acked");
	ok(wait_note(v6, RTM_NEWADDR, "fd00::5", &n), "announced");
	if (n.ifa_flags & IFA_F_TENTATIVE)
		ok(wait_note(v6, RTM_NEWADDR, "fd00::5", &n) &&
		   !(n.ifa_flags & IFA_F_TENTATIVE),
		   "tentative, then done (loopback: no duplicate detection)");
	ok(n.plen == 64 && (n.ifa_flags & IFA_F_PERMANENT), "fd00::5/64 permanent");
	do_dump(ctl, RTM_GETADDR, AF_INET6, &d);
	ok(d.done && d.msgs == 2 && !d.tentative, "dump: fd00::5 and ::1 (%d)",
	   d.msgs);
	is(addr_req(ctl, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, "fd00::5", 64,
		    31), -EEXIST, "again: EEXIST");
	is(addr_req(ctl, RTM_NEWADDR, NLM_F_CREATE, "ff02::1", 64, 32),
	   -EADDRNOTAVAIL, "a multicast address: EADDRNOTAVAIL");
	is(addr_req(ctl, RTM_NEWADDR, NLM_F_CREATE, "::", 64, 33),
	   -EADDRNOTAVAIL, "the unspecified address: EADDRNOTAVAIL");
	is(addr_req(ctl, RTM_NEWADDR, NLM_F_CREATE, "fd00::6", 129, 34), -EINVAL,
	   "prefix length 129: EINVAL");
	is(addr_req(ctl, RTM_DELADDR, 0, "fd00::5", 48, 35), -EADDRNOTAVAIL,
	   "RTM_DELADDR with another prefix length: EADDRNOTAVAIL");
	is(addr_req(ctl, RTM_DELADDR, 0, "fd00::5", 64, 36), 0,
	   "RTM_DELADDR fd00::5/64 acked");
	ok(wait_note(v6, RTM_DELADDR, "fd00::5", &n), "announced");
	is(addr_req(ctl, RTM_DELADDR, 0, "fd00::5", 64, 37), -EADDRNOTAVAIL,
	   "again: EADDRNOTAVAIL");
}

static void test_addr_errors(int ctl)
{
	struct nl_req r;
	uint32_t a = htonl(0x0a000001);

	nl_req_init(&r, RTM_NEWADDR, 0, 40, sizeof(struct ifaddrmsg));
	r.ifa.ifa_family = AF_INET;
	r.ifa.ifa_prefixlen = 8;
	r.ifa.ifa_index = 1;
	is(nl_talk(ctl, &r), -EINVAL, "RTM_NEWADDR without IFA_LOCAL: EINVAL");
	r.ifa.ifa_index = 7;
	nl_req_attr(&r, IFA_LOCAL, &a, 4);
	is(nl_talk(ctl, &r), -ENODEV, "an unknown index: ENODEV");
	r.ifa.ifa_index = 1;
	r.ifa.ifa_prefixlen = 33;
	is(nl_talk(ctl, &r), -EINVAL, "prefix length 33: EINVAL");
	r.ifa.ifa_family = AF_UNIX;
	is(nl_talk(ctl, &r), -EOPNOTSUPP, "family AF_UNIX: EOPNOTSUPP");
	nl_req_init(&r, RTM_NEWADDR, 0, 41, 2);
	r.gen = AF_INET;
	is(nl_talk(ctl, &r), -EINVAL, "a short ifaddrmsg: EINVAL");
	nl_req_init(&r, RTM_DELADDR, 0, 42, sizeof(struct ifaddrmsg));
	r.ifa.ifa_family = AF_INET;
	r.ifa.ifa_index = 9;
	is(nl_talk(ctl, &r), -ENODEV, "RTM_DELADDR on an unknown index: ENODEV");
}

static void test_routes(int ctl)
{
	struct dump d;

	do_dump(ctl, RTM_GETROUTE, AF_INET, &d);
	ok(d.done && d.msgs == 3 && d.local_routes == 2 && d.bcast_routes == 1,
	   "IPv4 routes: local 127.0.0.0/8 and 127.0.0.1, broadcast "
	   "127.255.255.255 (%d: %d, %d)", d.msgs, d.local_routes,
	   d.bcast_routes);
	do_dump(ctl, RTM_GETROUTE, AF_INET6, &d);
	ok(d.done && d.msgs == 1 && d.v6_local == 1,
	   "IPv6 routes: local ::1 (%d)", d.msgs);
}

/* A member with a tiny buffer loses notifications: ENOBUFS, unless
 * NETLINK_NO_ENOBUFS. */
static void test_overrun(int ctl, int no_enobufs)
{
	int fd = nl_member(GRP(RTNLGRP_IPV4_IFADDR)), small = 1, i, err = 0;

	setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &no_enobufs,
		   sizeof(no_enobufs));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
	for (i = 0; i < 20; i++) {
		addr_req(ctl, RTM_NEWADDR, NLM_F_CREATE, "10.9.9.9", 32, 50);
		addr_req(ctl, RTM_DELADDR, 0, "10.9.9.9", 32, 51);
	}
	for (i = 0; i < 100; i++) {
		long n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);

		if (n < 0 && errno == ENOBUFS)
			err++;
		else if (n < 0)
			break;
	}
	is(err, !no_enobufs, no_enobufs ? "NETLINK_NO_ENOBUFS: no error"
					: "an overrun member gets ENOBUFS once");
	close(fd);
}

/* A privileged user's message to a group reaches the other members. */
static void test_user_group(int link)
{
	struct sockaddr_nl to = { .nl_family = AF_NETLINK,
				  .nl_groups = GRP(RTNLGRP_LINK) }, from;
	struct nlmsghdr h = { .nlmsg_len = sizeof(h), .nlmsg_type = NLMSG_NOOP };
	socklen_t flen = sizeof(from);
	int s = nl_member(GRP(RTNLGRP_LINK));

	drain(link);
	is(sendto(s, &h, sizeof(h), 0, (struct sockaddr *)&to, sizeof(to)),
	   sizeof(h), "send to group RTNLGRP_LINK");
	memset(&from, 0, sizeof(from));
	ok(recvfrom(link, buf, sizeof(buf), 0, (struct sockaddr *)&from,
		    &flen) == sizeof(h) && from.nl_pid == nl_portid(s) &&
	   from.nl_groups == GRP(RTNLGRP_LINK),
	   "a member gets it from the sender's port, with the group");
	is(recv(s, buf, sizeof(buf), MSG_DONTWAIT), -1, "not the sender");
	close(s);
}

/* /proc/net/netlink lists fd's socket with its port, groups and inode. */
static void test_proc(int fd, uint32_t groups)
{
	char line[256];
	struct stat st;
	FILE *f = fopen("/proc/net/netlink", "r");
	int found = 0, header = 0;

	fstat(fd, &st);
	while (f && fgets(line, sizeof(line), f)) {
		unsigned int eth, pid, grp;
		unsigned long ino;

		if (!strcmp(line, "sk               Eth Pid        Groups   "
				  "Rmem     Wmem     Dump  Locks    Drops    "
				  "Inode\n"))
			header = 1;
		if (sscanf(line, "%*s %u %u %x %*d %*d %*d %*d %*u %lu", &eth,
			   &pid, &grp, &ino) == 4 && eth == 0 &&
		    pid == nl_portid(fd) && grp == groups && ino == st.st_ino &&
		    strlen(line) > 83 && line[16] == ' ' && line[20] == ' ')
			found = 1;
	}
	if (f)
		fclose(f);
	ok(header, "/proc/net/netlink's header");
	ok(found, "a line with the socket's port, groups and inode");
}

static int unprivileged(void)
{
	struct sockaddr_nl to = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	int fd, g = RTNLGRP_LINK;
	char b[16] = { 0 };

	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 2;
	fd = nl_member(GRP(RTNLGRP_LINK));
	ok(fd >= 0, "anyone may join RTNLGRP_LINK by bind");
	expect_ok(setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &g,
			     sizeof(g)));
	is(addr_req(fd, RTM_NEWADDR, NLM_F_CREATE, "10.7.7.7", 8, 60), -EPERM,
	   "RTM_NEWADDR without CAP_NET_ADMIN: EPERM");
	is(addr_req(fd, RTM_DELADDR, 0, "127.0.0.1", 8, 61), -EPERM,
	   "RTM_DELADDR: EPERM");
	expect_errno(sendto(fd, b, sizeof(b), 0, (struct sockaddr *)&to,
			    sizeof(to)), EPERM);
	to.nl_groups = 0;
	to.nl_pid = 1;
	expect_errno(connect(fd, (struct sockaddr *)&to, sizeof(to)), EPERM);
	return tap_failures ? 1 : 0;
}

static void test_down(int ctl, int link, int v6)
{
	struct note n;
	struct dump d;

	drain(link);
	drain(v6);
	is(set_lo(ctl, 0, 70), 0, "lo down acked");
	ok(wait_note(link, RTM_NEWLINK, NULL, &n) && !(n.flags & IFF_UP) &&
	   (n.change & IFF_UP), "RTM_NEWLINK: IFF_UP went");
	ok(wait_note(v6, RTM_DELADDR, "::1", &n), "::1 goes, announced");
	do_dump(ctl, RTM_GETROUTE, AF_INET, &d);
	ok(d.done && d.local_routes == 2 && !d.bcast_routes,
	   "down: the local routes stay, the broadcast goes");
}

static int in_new_netns(void)
{
	int ctl, link, v6, st, g = RTNLGRP_IPV6_IFADDR;
	pid_t pid;

	if (unshare(CLONE_NEWNET))
		return 3;
	ctl = nl_open();
	link = nl_member(GRP(RTNLGRP_LINK) | GRP(RTNLGRP_IPV4_IFADDR));
	v6 = nl_member(0);
	ok(link >= 0 && v6 >= 0, "members bound");
	test_groups(link, v6);
	test_link_notes(ctl, link, v6);
	test_addr4(ctl, link);
	test_addr6(ctl, v6);
	test_addr_errors(ctl);
	test_routes(ctl);
	test_overrun(ctl, 0);
	test_overrun(ctl, 1);
	test_user_group(link);
	test_proc(link, GRP(RTNLGRP_LINK) | GRP(RTNLGRP_IPV4_IFADDR));
	pid = fork();
	if (pid == 0)
		_exit(unprivileged());
	waitpid(pid, &st, 0);
	ok(exited_with(st, 0), "the unprivileged child passed");
	test_down(ctl, link, v6);
	expect_ok(setsockopt(v6, SOL_NETLINK, NETLINK_DROP_MEMBERSHIP, &g,
			     sizeof(g)));
	drain(v6);
	set_lo(ctl, IFF_UP, 80);
	usleep(200000);
	is(recv(v6, buf, sizeof(buf), MSG_DONTWAIT), -1,
	   "after NETLINK_DROP_MEMBERSHIP: nothing");
	return tap_failures ? 1 : 0;
}

int main(void)
{
	int st = run_child(in_new_netns);

	ok(exited_with(st, 0), "the new-namespace child passed (%#x)", st);
	return tap_done();
}
