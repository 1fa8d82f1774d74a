/*
 * Network namespaces: a set of network devices and the names sockets
 * bind to that are not files (abstract AF_UNIX names). tine has no
 * network stack beyond AF_UNIX: a namespace holds its loopback device
 * (as the object Linux makes first in every namespace, down until
 * someone brings it up) and scopes abstract AF_UNIX names.
 * The device ioctls (SIOCGIFFLAGS, SIOCSIFFLAGS, ...) are in
 * net/dev_ioctl.c.
 * Legend: [I] fixed once made, [A] atomic, [R] written under rtnl_mutex
 * (net/dev_ioctl.c), read with READ_ONCE.
 */
#ifndef TINE_NET_NAMESPACE_H
#define TINE_NET_NAMESPACE_H

#include <tine/compiler.h>
#include <tine/ns_common.h>

/* net_ns_init - number the initial namespace (boot). */
void net_ns_init(void);

struct user_namespace;

#define IFNAMSIZ 16
#define IFF_UP 0x1
#define IFF_LOOPBACK 0x8
#define IFF_RUNNING 0x40
#define IFF_LOWER_UP 0x10000		/* carrier on (rtnetlink only) */

struct net_device {
	char name[IFNAMSIZ];		/* [I] "lo" */
	int ifindex;			/* [I] 1 for loopback, as Linux */
	unsigned int flags;		/* [R] IFF_* */
	bool inet_addr;			/* [R] has 127.0.0.1: configured when
					 * it first comes up and kept when it
					 * goes down, as Linux's IPv4 */
	unsigned int mtu;		/* [I] */
};

struct net {
	struct ns_common ns;		/* [A] count: nsproxies, sockets,
					 * ns files */
	struct user_namespace *user_ns;	/* [I] owner (a reference) */
	struct net_device loopback_dev;	/* [I] its only device */
};

extern struct net init_net;

/*
 * copy_net_ns - old shared (a reference), or with CLONE_NEWNET a new
 * namespace owned by user_ns holding only a loopback device.
 * ERR_PTR(-ENOMEM) on failure. May sleep.
 */
struct net *copy_net_ns(unsigned long flags, struct user_namespace *user_ns,
			struct net *old);
struct net *get_net(struct net *net);
/* Drop a reference; the last one frees net. */
void put_net(struct net *net);

/* net/dev_ioctl.c */
long dev_ioctl(struct net *net, unsigned int cmd, void __user *arg);
int dev_change_flags(struct net *net, struct net_device *dev,
		     unsigned int flags);

#endif
