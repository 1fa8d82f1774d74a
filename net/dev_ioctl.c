/*
 * The network device ioctls every socket answers (Linux's dev_ioctl):
 * what a network namespace's devices are called, their index, flags
 * and MTU, bringing one up or down, and SIOCGIFCONF's list of IPv4
 * addresses. tine's only device is each namespace's loopback, "lo":
 * down in a new namespace as on Linux, with 127.0.0.1 once it has been
 * up (the address stays when it goes down, as Linux's IPv4).
 *
 * Lock: rtnl_mutex (a leaf) serialises flag changes; readers of the
 * flags take no lock (READ_ONCE).
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/mutex.h>
#include <tine/net.h>
#include <tine/net_namespace.h>
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

static DEFINE_MUTEX(rtnl_mutex);

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
 * changes anything here (RUNNING follows). 0, or -EPERM without
 * CAP_NET_ADMIN over net. Takes rtnl_mutex; may sleep.
 */
int dev_change_flags(struct net *net, struct net_device *dev,
		     unsigned int flags)
{
	unsigned int f;

	if (!ns_capable(net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	mutex_lock(&rtnl_mutex);
	f = dev->flags & ~(IFF_UP | IFF_RUNNING);
	if (flags & IFF_UP) {
		f |= IFF_UP | IFF_RUNNING;
		WRITE_ONCE(dev->inet_addr, true);
	}
	WRITE_ONCE(dev->flags, f);
	mutex_unlock(&rtnl_mutex);
	return 0;
}

/* SIOCGIFCONF: an ifreq with the IPv4 address of each device that has
 * one (up or not, as Linux). */
static long dev_ifconf(struct net *net, void __user *arg)
{
	struct ifconf_k ifc;
	struct ifreq_k r;
	int len = 0;

	if (copy_from_user(&ifc, arg, sizeof(ifc)))
		return -EFAULT;
	if (READ_ONCE(net->loopback_dev.inet_addr)) {
		len = sizeof(r);
		memset(&r, 0, sizeof(r));
		strlcpy(r.ifr_name, net->loopback_dev.name, IFNAMSIZ);
		r.sin.family = AF_INET;
		r.sin.addr = 0x0100007f;	/* 127.0.0.1, network order */
		if (ifc.ifc_buf && ifc.ifc_len < len)
			len = 0;
		else if (ifc.ifc_buf && copy_to_user(ifc.ifc_buf, &r, len))
			return -EFAULT;
	}
	ifc.ifc_len = len;
	return copy_to_user(arg, &ifc, sizeof(int)) ? -EFAULT : 0;
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
		return dev_change_flags(net, dev, r.flags);
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
