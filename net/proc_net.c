/*
 * /proc/<pid>/net (and /proc/net, a link to self/net, as Linux): the
 * network files of that task's network namespace, in Linux 6.1's
 * formats. unix: every AF_UNIX socket not yet released (bound or not,
 * connection requests not yet accepted too); dev: the namespace's
 * devices (tine's only one is lo, which carries no traffic: tine has no
 * packet path, so its counters are 0); netlink: every bound netlink
 * socket (tine's kernel side has no sockets of its own, so Linux's
 * port-0 lines of kernel sockets are not there).
 */
#include <tine/net.h>
#include <tine/net_namespace.h>
#include <tine/netlink.h>
#include <tine/nsproxy.h>
#include <tine/procfs.h>
#include <tine/seq_buf.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "af_unix.h"

#define __SO_ACCEPTCON (1 << 16)	/* /proc/net/unix's listening flag */

/* t's network namespace, referenced; NULL once t has exited. */
static struct net *task_net_get(struct task_struct *t)
{
	struct nsproxy *nsp = task_nsproxy_get(t);
	struct net *net;

	if (!nsp)
		return NULL;
	net = get_net(nsp->net_ns);
	put_nsproxy(nsp);
	return net;
}

/* A sock's SS_* for /proc/net/unix (Linux infers it from sk_socket). */
static int unix_proc_state(struct sock *sk)
{
	bool established = sk->sk_state == TCP_ESTABLISHED;

	if (sk->sk_socket)
		return established ? SS_CONNECTED : SS_UNCONNECTED;
	return established ? SS_CONNECTING : SS_DISCONNECTING;
}

/* One line of /proc/net/unix. sk's state lock held. */
static void unix_proc_line(struct sock *sk, void *arg)
{
	struct unix_address *addr = unix_addr(sk);
	struct seq_buf *m = arg;
	int i = 0, len;

	seq_printf(m, "%016lx: %08X %08X %08X %04X %02X %5lu", 0UL,
		   (unsigned int)atomic_read(&sk->sk_refcnt), 0,
		   sk->sk_state == TCP_LISTEN ? __SO_ACCEPTCON : 0,
		   sk->sk_type, unix_proc_state(sk),
		   sk->sk_socket ? sk->sk_socket->inode->i_ino : 0UL);
	if (addr) {
		/* A path without its NUL; an abstract name as @, its NULs
		 * too (as Linux). */
		len = addr->len - (int)offsetof(struct sockaddr_un, sun_path);
		seq_putc(m, ' ');
		if (addr->name.sun_path[0]) {
			len--;
		} else {
			seq_putc(m, '@');
			i++;
		}
		for (; i < len; i++)
			seq_putc(m, addr->name.sun_path[i] ?: '@');
	}
	seq_putc(m, '\n');
}

static int unix_show(struct seq_buf *m, struct task_struct *t)
{
	struct net *net = task_net_get(t);

	if (!net)
		return -ESRCH;
	seq_puts(m, "Num       RefCount Protocol Flags    Type St Inode Path\n");
	unix_for_each_sock(net, unix_proc_line, m);
	put_net(net);
	return 0;
}

static int dev_show(struct seq_buf *m, struct task_struct *t)
{
	struct net *net = task_net_get(t);

	if (!net)
		return -ESRCH;
	seq_puts(m, "Inter-|   Receive                            "
		    "                    |  Transmit\n"
		    " face |bytes    packets errs drop fifo frame "
		    "compressed multicast|bytes    packets errs "
		    "drop fifo colls carrier compressed\n");
	/* rx: bytes packets errs drop fifo frame compressed multicast;
	 * tx: bytes packets errs drop fifo colls carrier compressed. */
	seq_printf(m, "%6s: %7u %7u %4u %4u %4u %5u %10u %9u "
		   "%8u %7u %4u %4u %4u %5u %7u %10u\n",
		   net->loopback_dev.name, 0, 0, 0, 0, 0, 0, 0, 0,
		   0, 0, 0, 0, 0, 0, 0, 0);
	put_net(net);
	return 0;
}

/* One line of /proc/net/netlink. nl_table_lock held (lock-unchecked: it
 * is net/af_netlink.c's; netlink_for_each_sock() holds it). */
static void netlink_proc_line(struct sock *sk, void *arg)
{
	struct netlink_sock *nlk = nlk_sk(sk);
	struct seq_buf *m = arg;

	seq_printf(m, "%016lx %-3d %-10u %08x %-8d %-8d %-5d %-8d %-8u %-8lu\n",
		   0UL, sk->sk_protocol, nlk->portid,
		   (u32)READ_ONCE(nlk->groups), atomic_read(&nlk->rmem),
		   atomic_read(&sk->sk_wmem_alloc), 0,
		   atomic_read(&sk->sk_refcnt), (u32)atomic_read(&nlk->drops),
		   READ_ONCE(sk->sk_ino));
}

static int netlink_show(struct seq_buf *m, struct task_struct *t)
{
	struct net *net = task_net_get(t);

	if (!net)
		return -ESRCH;
	seq_puts(m, "sk               Eth Pid        Groups   Rmem     Wmem     "
		    "Dump  Locks    Drops    Inode\n");
	netlink_for_each_sock(net, netlink_proc_line, m);
	put_net(net);
	return 0;
}

/* proc_net_entries - see procfs.h. */
const struct proc_entry proc_net_entries[] = {
	{ .name = "dev", .mode = S_IFREG | 0444, .show = dev_show },
	{ .name = "netlink", .mode = S_IFREG | 0444, .show = netlink_show },
	{ .name = "unix", .mode = S_IFREG | 0444, .show = unix_show },
	{ .name = NULL },
};
