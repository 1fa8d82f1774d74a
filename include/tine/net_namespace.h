/*
 * Network namespaces: a set of network devices and the names sockets
 * bind to that are not files (abstract AF_UNIX names). tine has no
 * network stack beyond AF_UNIX: a namespace holds its loopback device
 * (as the object Linux makes first in every namespace, down until
 * someone brings it up) and scopes abstract AF_UNIX names.
 * The device ioctls (SIOCGIFFLAGS, SIOCSIFFLAGS, ...) are in
 * net/dev_ioctl.c.
 * Legend: [I] fixed once made, [A] atomic, [R] written under rtnl_mutex
 * (rtnl_lock(), net/dev_ioctl.c), read with READ_ONCE; [RL] only
 * under rtnl_mutex.
 */
#ifndef TINE_NET_NAMESPACE_H
#define TINE_NET_NAMESPACE_H

#include <tine/compiler.h>
#include <tine/list.h>
#include <tine/ns_common.h>
#include <tine/types.h>

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
	bool activated;			/* [R] has been up: its qdisc is
					 * noqueue (noop before, as Linux) */
	unsigned int mtu;		/* [I] */
	struct list_head ifa4_list;	/* [RL] IPv4 addresses (struct
					 * net_ifaddr), Linux's order */
	struct list_head ifa6_list;	/* [RL] IPv6 addresses */
};

/*
 * An interface address: configuration only (tine has no IP stack, so
 * nothing is ever sent from or to it). Linux's in_ifaddr and
 * inet6_ifaddr in one. All fields [RL].
 */
struct net_ifaddr {
	struct list_head list;		/* on ifa4_list or ifa6_list */
	u8 family;			/* AF_INET or AF_INET6 */
	u8 prefixlen;
	u8 scope;			/* RT_SCOPE_* */
	u32 flags;			/* IFA_F_* */
	u8 local[16];			/* the address (IFA_LOCAL) */
	u8 address[16];			/* IFA_ADDRESS: == local, or the peer */
	u8 broadcast[4];		/* IPv4 IFA_BROADCAST, 0.0.0.0: none */
	char label[IFNAMSIZ];		/* IPv4 IFA_LABEL */
	u32 rt_priority;		/* IFA_RT_PRIORITY, 0: none */
	u8 proto;			/* IFA_PROTO, 0: none */
	bool fib_prefix;		/* IPv4: its prefix route exists (it
					 * was on the device while up) */
	u64 cstamp;			/* creation, ns since boot */
	u64 tstamp;			/* last change, ns since boot */
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
		     unsigned int flags, u32 portid, u32 seq);
/* rtnl_lock/rtnl_unlock - rtnl_mutex: every device's flags and
 * addresses (all namespaces). Sleeps. */
void rtnl_lock(void);
void rtnl_unlock(void);
/* Is rtnl_mutex held by current? */
bool rtnl_is_locked(void);
/* The contract "rtnl_mutex held" (Linux's ASSERT_RTNL). */
#define ASSERT_RTNL() BUG_ON(!rtnl_is_locked())

/* net/ifaddr.c: interface addresses (configuration only) */
/*
 * inetdev_up/addrconf_up - dev came up: lo gets 127.0.0.1/8 and ::1/128,
 * tentative IPv6 addresses complete, with their notifications.
 * inetdev_down/addrconf_down - dev went down (IPv6 addresses go).
 * rtnl_mutex held; may sleep.
 */
void netdev_addrs_up(struct net *net, struct net_device *dev);
void netdev_addrs_down(struct net *net, struct net_device *dev);
/* Free dev's addresses (the namespace is going). No lock needed. */
void netdev_addrs_free(struct net_device *dev);
/*
 * inet_ifconf - up to max IPv4 (label, address) pairs of net's devices
 * into names/addrs (network order): how many exist. Takes rtnl_mutex.
 */
int inet_ifconf(struct net *net, char (*names)[IFNAMSIZ], u32 *addrs,
		int max);

#endif
