/*
 * Network namespaces (include/tine/net_namespace.h): making, sharing
 * and joining them. The initial namespace is never freed.
 */
#include <tine/capability.h>
#include <tine/clone.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/mm.h>
#include <tine/net_namespace.h>
#include <tine/nsproxy.h>
#include <tine/string.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>

/* Linux's loopback: ifindex 1, MTU 65536, down until someone brings it
 * up (SIOCSIFFLAGS), in the initial namespace too. */
#define LOOPBACK_MTU 65536

struct net init_net = {
	.ns = { .ops = &netns_operations, .count = ATOMIC_INIT(1) },
	.user_ns = &init_user_ns,
	.loopback_dev = { .name = "lo", .ifindex = 1,
			  .flags = IFF_LOOPBACK,
			  .mtu = LOOPBACK_MTU,
			  .ifa4_list = LIST_HEAD_INIT(init_net.loopback_dev.ifa4_list),
			  .ifa6_list = LIST_HEAD_INIT(init_net.loopback_dev.ifa6_list) },
};

/* net_ns_init - number the initial namespace (boot, before any mount
 * namespace, so it gets Linux's first dynamic number). */
void net_ns_init(void)
{
	init_net.ns.inum = ns_alloc_inum();
}

/* copy_net_ns - see tine/net_namespace.h. */
struct net *copy_net_ns(unsigned long flags, struct user_namespace *user_ns,
			struct net *old)
{
	struct net *net;

	if (!(flags & CLONE_NEWNET))
		return get_net(old);
	net = kzalloc(sizeof(*net));
	if (!net)
		return ERR_PTR(-ENOMEM);
	net->ns.ops = &netns_operations;
	net->ns.inum = ns_alloc_inum();
	atomic_set(&net->ns.count, 1);
	net->user_ns = get_user_ns(user_ns);
	strlcpy(net->loopback_dev.name, "lo", IFNAMSIZ);
	net->loopback_dev.ifindex = 1;
	net->loopback_dev.flags = IFF_LOOPBACK;
	net->loopback_dev.mtu = LOOPBACK_MTU;
	INIT_LIST_HEAD(&net->loopback_dev.ifa4_list);
	INIT_LIST_HEAD(&net->loopback_dev.ifa6_list);
	return net;
}

/* get_net - another reference on net. */
struct net *get_net(struct net *net)
{
	atomic_inc(&net->ns.count);
	return net;
}

/* put_net - see tine/net_namespace.h. */
void put_net(struct net *net)
{
	if (net == &init_net || !atomic_dec_and_test(&net->ns.count))
		return;
	put_user_ns(net->user_ns);
	netdev_addrs_free(&net->loopback_dev);
	kfree(net);
}

static struct net *to_net_ns(struct ns_common *ns)
{
	return container_of(ns, struct net, ns);
}

static struct ns_common *netns_get(struct task_struct *t)
{
	struct nsproxy *nsp = task_nsproxy_get(t);
	struct net *net;

	if (!nsp)
		return NULL;
	net = get_net(nsp->net_ns);
	put_nsproxy(nsp);
	return &net->ns;
}

static void netns_put(struct ns_common *ns)
{
	put_net(to_net_ns(ns));
}

/* setns: CAP_SYS_ADMIN over net and in our own user namespace. */
static int netns_install(struct nsset *nsset, struct ns_common *new)
{
	struct net *net = to_net_ns(new);

	if (!ns_capable(net->user_ns, CAP_SYS_ADMIN) ||
	    !ns_capable(nsset->cred->user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	get_net(net);
	put_net(nsset->nsproxy->net_ns);
	nsset->nsproxy->net_ns = net;
	return 0;
}

static struct user_namespace *netns_owner(struct ns_common *ns)
{
	return to_net_ns(ns)->user_ns;
}

const struct proc_ns_operations netns_operations = {
	.name = "net",
	.type = CLONE_NEWNET,
	.get = netns_get,
	.put = netns_put,
	.install = netns_install,
	.owner = netns_owner,
};
