/*
 * NETLINK_SOCK_DIAG (Linux's net/core/sock_diag.c) with its one family
 * handler, AF_UNIX (net/unix/diag.c): `ss -x` lists unix sockets
 * through SOCK_DIAG_BY_FAMILY. A dump gives every unix socket of the
 * sender's network namespace that has an inode, in the states asked
 * for, with the attributes udiag_show asks for (name, VFS node, peer,
 * pending connections, queue lengths, memory, owner) and always its
 * shutdown bits; a get without NLM_F_DUMP gives the one socket of an
 * inode number. Other families have no handler: ENOENT, as a Linux
 * whose inet_diag and netlink_diag are not loaded (tine has no IPv4
 * sockets); the old TCPDIAG_GETSOCK/DCCPDIAG_GETSOCK are EOPNOTSUPP,
 * SOCK_DESTROY EOPNOTSUPP, other types EINVAL.
 *
 * Locks: the socks are walked under unix_table_lock and each sock's
 * state lock (unix_for_each_sock); messages are built in kernel memory
 * there and sent after the walk, one datagram per buffer-full (a walk
 * per datagram, skipping what was sent).
 */
#include <tine/mm.h>
#include <tine/net_namespace.h>
#include <tine/netlink.h>
#include <tine/string.h>
#include <tine/uidgid.h>
#include <uapi/socket.h>
#include "af_unix.h"

/* Message types (linux/sock_diag.h, linux/inet_diag.h). */
#define TCPDIAG_GETSOCK 18
#define DCCPDIAG_GETSOCK 19
#define SOCK_DIAG_BY_FAMILY 20
#define SOCK_DESTROY 21

/* udiag_show bits and the attributes they bring (linux/unix_diag.h). */
#define UDIAG_SHOW_NAME 0x01
#define UDIAG_SHOW_VFS 0x02
#define UDIAG_SHOW_PEER 0x04
#define UDIAG_SHOW_ICONS 0x08
#define UDIAG_SHOW_RQLEN 0x10
#define UDIAG_SHOW_MEMINFO 0x20
#define UDIAG_SHOW_UID 0x40
#define UNIX_DIAG_NAME 0
#define UNIX_DIAG_VFS 1
#define UNIX_DIAG_PEER 2
#define UNIX_DIAG_ICONS 3
#define UNIX_DIAG_RQLEN 4
#define UNIX_DIAG_MEMINFO 5
#define UNIX_DIAG_SHUTDOWN 6
#define UNIX_DIAG_UID 7
#define SK_MEMINFO_VARS 9
#define SK_MEMINFO_RCVBUF 1
#define SK_MEMINFO_WMEM_ALLOC 2
#define SK_MEMINFO_SNDBUF 3
#define INET_DIAG_NOCOOKIE 0xffffffffU

#define UNIX_DIAG_DUMP_SIZE 4096	/* one datagram of a dump */

struct sock_diag_req {
	u8 sdiag_family;
	u8 sdiag_protocol;
};

struct unix_diag_req {
	u8 sdiag_family;
	u8 sdiag_protocol;
	u16 pad;
	u32 udiag_states;
	u32 udiag_ino;
	u32 udiag_show;
	u32 udiag_cookie[2];
};

struct unix_diag_msg {
	u8 udiag_family;
	u8 udiag_type;
	u8 udiag_state;
	u8 pad;
	u32 udiag_ino;
	u32 udiag_cookie[2];
};

struct unix_diag_vfs {
	u32 udiag_vfs_ino;
	u32 udiag_vfs_dev;
};

struct unix_diag_rqlen {
	u32 udiag_rqueue;
	u32 udiag_wqueue;
};

/* A dump or get in progress. */
struct unix_diag_walk {
	const struct unix_diag_req *req;
	struct user_namespace *user_ns;	/* the requester's: UNIX_DIAG_UID */
	struct nl_msgbuf *b;
	u32 portid, seq;
	int flags;			/* NLM_F_MULTI for a dump */
	int skip;			/* socks sent by earlier datagrams */
	int index;			/* socks seen in this walk */
	bool full;			/* b filled up in this walk */
	int err;
};

/* Bytes waiting to be read (Linux's unix_inq_len): a stream's or
 * seqpacket's all, a dgram socket's first. */
static u32 unix_inq_len(struct sock *sk)
{
	struct sk_buff_head *q = &sk->sk_receive_queue;
	struct sk_buff *skb;
	u32 n = 0;

	spin_lock(&q->lock);
	list_for_each_entry(skb, &q->list, list) {
		if (sk->sk_type == SOCK_DGRAM) {
			n = skb->len;
			break;
		}
		n += unix_skb_len(skb);
	}
	spin_unlock(&q->lock);
	return n;
}

/* UNIX_DIAG_ICONS: the peers of a listener's pending connections. */
static int unix_diag_icons(struct nl_msgbuf *b, struct sock *sk)
{
	struct sk_buff_head *q = &sk->sk_receive_queue;
	struct sk_buff *skb;
	int off, err = 0;

	spin_lock(&q->lock);
	off = nla_nest_start(b, UNIX_DIAG_ICONS);
	list_for_each_entry(skb, &q->list, list) {
		/* the queued embryo holds its peer (the connector) */
		struct sock *peer = skb->embryo ? READ_ONCE(unix_sk(skb->embryo)->peer)
						: NULL;
		u32 ino = peer ? (u32)READ_ONCE(peer->sk_ino) : 0;

		if (off < 0 || b->size - b->len < sizeof(u32)) {
			err = -EMSGSIZE;
			break;
		}
		memcpy(b->data + b->len, &ino, sizeof(u32));
		b->len += sizeof(u32);
	}
	spin_unlock(&q->lock);
	return err ?: nla_nest_end(b, off);
}

/* UNIX_DIAG_RQLEN: a listener's pending connections and backlog, else
 * bytes to read and bytes sent but not yet read (sk_wmem_alloc). */
static int unix_diag_rqlen(struct nl_msgbuf *b, struct sock *sk)
{
	struct unix_diag_rqlen r;

	if (sk->sk_state == TCP_LISTEN) {
		r.udiag_rqueue = skb_queue_len(&sk->sk_receive_queue);
		r.udiag_wqueue = sk->sk_max_ack_backlog;
	} else {
		r.udiag_rqueue = unix_inq_len(sk);
		r.udiag_wqueue = atomic_read(&sk->sk_wmem_alloc);
	}
	return nla_put(b, UNIX_DIAG_RQLEN, sizeof(r), &r);
}

/* UNIX_DIAG_MEMINFO (Linux's sock_diag_put_meminfo): what tine counts. */
static int unix_diag_meminfo(struct nl_msgbuf *b, struct sock *sk)
{
	u32 mem[SK_MEMINFO_VARS] = { 0 };

	mem[SK_MEMINFO_RCVBUF] = sk->sk_rcvbuf;
	mem[SK_MEMINFO_WMEM_ALLOC] = atomic_read(&sk->sk_wmem_alloc);
	mem[SK_MEMINFO_SNDBUF] = sk->sk_sndbuf;
	return nla_put(b, UNIX_DIAG_MEMINFO, sizeof(mem), mem);
}

/* The name and VFS node of a bound socket. */
static int unix_diag_name_vfs(struct nl_msgbuf *b, struct sock *sk,
			      u32 show)
{
	struct unix_address *addr = unix_addr(sk);
	struct dentry *d = unix_sk(sk)->path.dentry;
	int err = 0;

	if ((show & UDIAG_SHOW_NAME) && addr)
		err = nla_put(b, UNIX_DIAG_NAME,
			      addr->len - offsetof(struct sockaddr_un, sun_path),
			      addr->name.sun_path);
	if (!err && (show & UDIAG_SHOW_VFS) && addr && d && d->d_inode) {
		struct unix_diag_vfs v = {
			(u32)d->d_inode->i_ino, d->d_sb->s_dev
		};

		err = nla_put(b, UNIX_DIAG_VFS, sizeof(v), &v);
	}
	return err;
}

/* One socket's message (Linux's sk_diag_fill). sk's state lock held. */
static int unix_diag_fill(struct unix_diag_walk *w, struct sock *sk)
{
	struct nl_msgbuf *b = w->b;
	u32 show = w->req->udiag_show, mark = b->len;
	struct sock *peer = unix_peer(sk);
	struct unix_diag_msg *rep;
	struct nlmsghdr *nlh;
	u64 cookie = sock_gen_cookie(sk);
	int err;

	nlh = nlmsg_put(b, w->portid, w->seq, SOCK_DIAG_BY_FAMILY,
			sizeof(*rep), w->flags);
	if (!nlh)
		return -EMSGSIZE;
	rep = nlmsg_data(nlh);
	rep->udiag_family = AF_UNIX;
	rep->udiag_type = sk->sk_type;
	rep->udiag_state = sk->sk_state;
	rep->udiag_ino = (u32)sk->sk_ino;
	rep->udiag_cookie[0] = (u32)cookie;
	rep->udiag_cookie[1] = (u32)(cookie >> 32);
	err = unix_diag_name_vfs(b, sk, show);
	if (!err && (show & UDIAG_SHOW_PEER) && peer) {
		u32 ino = (u32)READ_ONCE(peer->sk_ino);

		err = nla_put(b, UNIX_DIAG_PEER, 4, &ino);
	}
	if (!err && (show & UDIAG_SHOW_ICONS) && sk->sk_state == TCP_LISTEN)
		err = unix_diag_icons(b, sk);
	if (!err && (show & UDIAG_SHOW_RQLEN))
		err = unix_diag_rqlen(b, sk);
	if (!err && (show & UDIAG_SHOW_MEMINFO))
		err = unix_diag_meminfo(b, sk);
	if (!err)
		err = nla_put(b, UNIX_DIAG_SHUTDOWN, 1, &sk->sk_shutdown);
	if (!err && (show & UDIAG_SHOW_UID)) {
		u32 uid = from_kuid_munged(w->user_ns, sk->sk_uid);

		err = nla_put(b, UNIX_DIAG_UID, 4, &uid);
	}
	if (err) {
		b->len = mark;
		return err;
	}
	nlmsg_end(b, nlh);
	return 0;
}

/* unix_for_each_sock's callback for a dump: one sock. */
static void unix_diag_dump_one(struct sock *sk, void *arg)
{
	struct unix_diag_walk *w = arg;

	if (w->full || !sk->sk_ino ||
	    !(w->req->udiag_states & (1U << sk->sk_state)))
		return;
	if (w->index++ < w->skip)
		return;
	if (unix_diag_fill(w, sk)) {
		w->full = true;
		w->index--;
	}
}

/* A dump: datagrams of at most UNIX_DIAG_DUMP_SIZE, then NLMSG_DONE. */
static int unix_diag_dump(struct sock *sk, const struct nlmsghdr *nlh,
			  struct unix_diag_walk *w)
{
	struct nl_msgbuf b;
	int err = nl_msgbuf_init(&b, UNIX_DIAG_DUMP_SIZE);

	if (err)
		return err;
	w->b = &b;
	w->flags = NLM_F_MULTI;
	do {
		w->full = false;
		w->index = 0;
		unix_for_each_sock(sock_net(sk), unix_diag_dump_one, w);
		if (w->full && w->index == w->skip) {
			err = -EMSGSIZE;	/* one sock does not fit */
			break;
		}
		w->skip = w->index;
		if (w->full) {
			netlink_reply(sk, &b);
			b.len = 0;
		}
	} while (w->full);
	return rtnl_dump_done(sk, &b, nlh, err);
}

/* unix_for_each_sock's callback for a get: the sock of udiag_ino. */
static void unix_diag_get_one(struct sock *sk, void *arg)
{
	struct unix_diag_walk *w = arg;
	const u32 *c = w->req->udiag_cookie;
	u64 cookie;

	if (w->index || !sk->sk_ino || (u32)sk->sk_ino != w->req->udiag_ino)
		return;
	w->index = 1;
	cookie = sock_gen_cookie(sk);
	if ((c[0] != INET_DIAG_NOCOOKIE || c[1] != INET_DIAG_NOCOOKIE) &&
	    ((u32)cookie != c[0] || (u32)(cookie >> 32) != c[1])) {
		w->err = -ESTALE;
		return;
	}
	w->err = unix_diag_fill(w, sk);
}

/* A get (Linux's unix_diag_get_exact): one sock by inode number. */
static int unix_diag_get_exact(struct sock *sk, struct unix_diag_walk *w)
{
	struct nl_msgbuf b;
	int err;

	if (!w->req->udiag_ino)
		return -EINVAL;
	err = nl_msgbuf_init(&b, UNIX_DIAG_DUMP_SIZE);
	if (err)
		return err;
	w->b = &b;
	unix_for_each_sock(sock_net(sk), unix_diag_get_one, w);
	err = w->index ? w->err : -ENOENT;
	if (!err)
		netlink_reply(sk, &b);
	nl_msgbuf_free(&b);
	return err;
}

/* SOCK_DIAG_BY_FAMILY for AF_UNIX (Linux's unix_diag_handler_dump). */
static int unix_diag_handler_dump(struct sock *sk, struct nlmsghdr *nlh)
{
	struct unix_diag_req req;
	struct socket *sock = READ_ONCE(sk->sk_socket);
	struct unix_diag_walk w = { .req = &req };

	if (nlmsg_payload_len(nlh) < (int)sizeof(req))
		return -EINVAL;
	memcpy(&req, nlmsg_data(nlh), sizeof(req));
	w.user_ns = sock && sock->file ? sock->file->f_cred->user_ns
				       : sock_net(sk)->user_ns;
	w.portid = READ_ONCE(nlk_sk(sk)->portid);
	w.seq = nlh->nlmsg_seq;
	if (nlh->nlmsg_flags & NLM_F_DUMP)
		return unix_diag_dump(sk, nlh, &w);
	return unix_diag_get_exact(sk, &w);
}

/* sock_diag_rcv_msg - see tine/netlink.h. */
int sock_diag_rcv_msg(struct sock *sk, struct nlmsghdr *nlh)
{
	const struct sock_diag_req *req = nlmsg_data(nlh);

	switch (nlh->nlmsg_type) {
	case TCPDIAG_GETSOCK:
	case DCCPDIAG_GETSOCK:
		return -EOPNOTSUPP;	/* no inet_diag */
	case SOCK_DIAG_BY_FAMILY:
	case SOCK_DESTROY:
		break;
	default:
		return -EINVAL;
	}
	if (nlmsg_payload_len(nlh) < (int)sizeof(*req))
		return -EINVAL;
	if (req->sdiag_family >= AF_MAX)
		return -EINVAL;
	if (req->sdiag_family != AF_UNIX)
		return -ENOENT;		/* no handler for the family */
	if (nlh->nlmsg_type == SOCK_DESTROY)
		return -EOPNOTSUPP;
	return unix_diag_handler_dump(sk, nlh);
}
