/*
 * The network device ioctls every socket answers (Linux's dev_ioctl):
 * what a network namespace's devices are called, their index, flags
 * and MTU, bringing one up or down, and SIOCGIFCONF's list of IPv4
 * addresses. tine's only device is each namespace's loopback, "lo":
 * down in a new namespace as on Linux, with 127.0.0.1 once it has been
 * up (the address stays when it goes down, as Linux's IPv4).
 *
 * Lock: rtnl_mutex serialises flag and address changes (inside it:
 * allocation, nl_mc_mutex for notifications); readers of the flags
 * take no lock (READ_ONCE), address readers take it.
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/mm.h>
#include <tine/mutex.h>
#include <tine/net.h>
#include <tine/net_namespace.h>
#include <tine/netlink.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>
#include <uapi/socket.h>

#define SIOCGIFNAME 0x8910
#define SIOCGIFCONF 0x8912
#define SIOCGIFFLAGS 0x8913
#define SIOCSIFFLAGS 0x8914
#define SIOCGIFMTU 0x8921
#define SIOCGIFINDEX 0x8933

static DEFINE_MUTEX_RANKED(rtnl_mutex, LR_RTNL);

/* rtnl_lock - see tine/net_namespace.h. */
void rtnl_lock(void)
{
	mutex_lock(&rtnl_mutex);
}

/* rtnl_unlock - see tine/net_namespace.h. */
void rtnl_unlock(void)
{
	mutex_unlock(&rtnl_mutex);
}

/* rtnl_is_locked - see tine/net_namespace.h. */
bool rtnl_is_locked(void)
{
	return mutex_owner(&rtnl_mutex) == current;
}

/* Linux's struct ifreq: a name and one of these (24 bytes). */
struct ifreq_k {
	char ifr_name[IFNAMSIZ];
	union {
		short flags;
		int ivalue;
		struct {
			u16 family;
			u16 port;
			u32 addr;
		} sin;
		char pad[24];
	};
};

struct ifconf_k {
	int ifc_len;
	int pad;
	void __user *ifc_buf;
};

/* The device of net named name (NUL-terminated within IFNAMSIZ). */
static struct net_device *dev_get_by_name(struct net *net, const char *name)
{
	if (!memchr(name, 0, IFNAMSIZ) || strcmp(name, net->loopback_dev.name))
		return NULL;
	return &net->loopback_dev;
}

/*
 * dev_change_flags - SIOCSIFFLAGS and RTM_NEWLINK/SETLINK: only IFF_UP
 * changes anything here (RUNNING follows). A change is announced to
 * RTNLGRP_LINK and brings the addresses up or down (with their own
 * notifications; portid/seq name the request, 0 for an ioctl). 0, or
 * -EPERM without CAP_NET_ADMIN over net. Takes rtnl_mutex; may sleep.
 */
int dev_change_flags(struct net *net, struct net_device *dev,
		     unsigned int flags, u32 portid, u32 seq)
{
	unsigned int old, f;

	if (!ns_capable(net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	rtnl_lock();
	old = dev->flags;
	f = old & ~(IFF_UP | IFF_RUNNING);
	if (flags & IFF_UP) {
		f |= IFF_UP | IFF_RUNNING;
		WRITE_ONCE(dev->activated, true);
	}
	WRITE_ONCE(dev->flags, f);
	if ((old ^ f) & IFF_UP) {
		rtmsg_ifinfo(net, dev, (old ^ f) & IFF_UP);
		if (f & IFF_UP)
			netdev_addrs_up(net, dev);
		else
			netdev_addrs_down(net, dev);
	}
	rtnl_unlock();
	return 0;
}

#define IFCONF_MAX 64			/* addresses SIOCGIFCONF lists */

/* SIOCGIFCONF: an ifreq with each IPv4 address of the namespace's
 * devices (up or not, as Linux), under the address's label. */
static long dev_ifconf(struct net *net, void __user *arg)
{
	char (*names)[IFNAMSIZ] = kmalloc(IFCONF_MAX * IFNAMSIZ, 0);
	u32 *addrs = kmalloc(IFCONF_MAX * sizeof(u32), 0);
	char __user *buf;
	struct ifconf_k ifc;
	struct ifreq_k r;
	int n, i, len = 0;
	long err = -ENOMEM;

	if (!names || !addrs)
		goto out;
	err = -EFAULT;
	if (copy_from_user(&ifc, arg, sizeof(ifc)))
		goto out;
	n = inet_ifconf(net, names, addrs, IFCONF_MAX);
	buf = ifc.ifc_buf;
	for (i = 0; i < n && i < IFCONF_MAX; i++) {
		if (buf && ifc.ifc_len - len < (int)sizeof(r))
			break;
		memset(&r, 0, sizeof(r));
		memcpy(r.ifr_name, names[i], IFNAMSIZ);
		r.sin.family = AF_INET;
		r.sin.addr = addrs[i];
		if (buf && copy_to_user(buf + len, &r, sizeof(r)))
			goto out;
		len += sizeof(r);
	}
	ifc.ifc_len = len;
	err = copy_to_user(arg, &ifc, sizeof(int)) ? -EFAULT : 0;
out:
	kfree(names);
	kfree(addrs);
	return err;
}

/*
 * dev_ioctl - a device ioctl on a socket of network namespace net:
 * 0 or -errno (ENODEV for an unknown device, EPERM to change one
 * without CAP_NET_ADMIN over net), -ENOIOCTLCMD for other commands.
 * May sleep.
 */
long dev_ioctl(struct net *net, unsigned int cmd, void __user *arg)
{
	struct net_device *dev;
	struct ifreq_k r;
	int err = 0;

	if (cmd == SIOCGIFCONF)
		return dev_ifconf(net, arg);
	if (cmd != SIOCGIFNAME && cmd != SIOCGIFFLAGS && cmd != SIOCSIFFLAGS &&
	    cmd != SIOCGIFMTU && cmd != SIOCGIFINDEX)
		return -ENOIOCTLCMD;
	if (copy_from_user(&r, arg, sizeof(r)))
		return -EFAULT;
	if (cmd == SIOCGIFNAME) {
		if (r.ivalue != net->loopback_dev.ifindex)
			return -ENODEV;
		strlcpy(r.ifr_name, net->loopback_dev.name, IFNAMSIZ);
		return copy_to_user(arg, &r, sizeof(r)) ? -EFAULT : 0;
	}
	dev = dev_get_by_name(net, r.ifr_name);
	if (!dev)
		return -ENODEV;
	if (cmd == SIOCSIFFLAGS)
		return dev_change_flags(net, dev, r.flags, 0, 0);
	memset(r.pad, 0, sizeof(r.pad));
	if (cmd == SIOCGIFFLAGS)
		r.flags = (short)READ_ONCE(dev->flags);
	else if (cmd == SIOCGIFMTU)
		r.ivalue = dev->mtu;
	else
		r.ivalue = dev->ifindex;
	if (copy_to_user(arg, &r, sizeof(r)))
		err = -EFAULT;
	return err;
}
