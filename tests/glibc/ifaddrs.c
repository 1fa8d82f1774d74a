/*
 * tests/glibc/ifaddrs.c: glibc's interface listing over rtnetlink, in a
 * new network namespace: getifaddrs (RTM_GETLINK and RTM_GETADDR
 * dumps), if_nameindex, if_nametoindex/if_indextoname, before and after
 * lo is brought up with SIOCSIFFLAGS.
 */
#include "tap.h"
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/ioctl.h>

#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP 0x10000
#endif

/* What getifaddrs says about lo: its flags and address families. */
static int scan(unsigned int *flags, int *v4, int *v6, int *stats)
{
	struct ifaddrs *ifa, *i;

	*v4 = *v6 = *stats = 0;
	if (getifaddrs(&ifa))
		return -1;
	for (i = ifa; i; i = i->ifa_next) {
		if (strcmp(i->ifa_name, "lo") || !i->ifa_addr)
			continue;
		*flags = i->ifa_flags;
		if (i->ifa_addr->sa_family == AF_PACKET)
			*stats = i->ifa_data != NULL;
		if (i->ifa_addr->sa_family == AF_INET &&
		    ((struct sockaddr_in *)i->ifa_addr)->sin_addr.s_addr ==
			    htonl(INADDR_LOOPBACK) &&
		    ((struct sockaddr_in *)i->ifa_netmask)->sin_addr.s_addr ==
			    htonl(0xff000000))
			(*v4)++;
		if (i->ifa_addr->sa_family == AF_INET6 &&
		    IN6_IS_ADDR_LOOPBACK(
			    &((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr))
			(*v6)++;
	}
	freeifaddrs(ifa);
	return 0;
}

static int lo_up(void)
{
	struct ifreq ifr;
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	int r;

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	ifr.ifr_flags = IFF_UP;
	r = ioctl(fd, SIOCSIFFLAGS, &ifr);
	close(fd);
	return r;
}

static int in_new_netns(void)
{
	unsigned int flags = 0;
	int v4, v6, stats;
	struct if_nameindex *ni;
	char name[IF_NAMESIZE];

	if (unshare(CLONE_NEWNET))
		return 3;
	ok(scan(&flags, &v4, &v6, &stats) == 0, "getifaddrs");
	ok(flags == IFF_LOOPBACK && !v4 && !v6, "lo down, no addresses");
	ok(stats, "lo's AF_PACKET entry has stats (ifa_data)");
	is(if_nametoindex("lo"), 1, "if_nametoindex(lo)");
	ok(if_indextoname(1, name) && !strcmp(name, "lo"), "if_indextoname(1)");
	ni = if_nameindex();
	ok(ni && ni[0].if_index == 1 && !strcmp(ni[0].if_name, "lo") &&
	   !ni[1].if_index, "if_nameindex: only lo");
	if (ni)
		if_freenameindex(ni);
	ok(lo_up() == 0, "SIOCSIFFLAGS up");
	ok(scan(&flags, &v4, &v6, &stats) == 0, "getifaddrs again");
	ok(flags == (IFF_UP | IFF_LOOPBACK | IFF_RUNNING | IFF_LOWER_UP),
	   "lo up, running, lower up (%#x)", flags);
	is(v4, 1, "127.0.0.1/8");
	is(v6, 1, "::1");
	return tap_failures ? 1 : 0;
}

int main(void)
{
	int st = run_child(in_new_netns);

	ok(exited_with(st, 0), "the new-namespace child passed (%#x)", st);
	return tap_done();
}
