/*
 * AF_UNIX names: the table of bound sockets, bind (filesystem nodes,
 * abstract names, autobind) and the lookups connect and sendto make.
 *
 * Bound names live in one table under unix_table_lock: abstract names
 * keyed by (network namespace, bytes, type) as Linux 6.1 (a stream and
 * a dgram socket may share one; each network namespace has its own),
 * filesystem names by the node's inode. A sock's address is
 * set once, under its bindlock, and published with a release store
 * (unix_addr() reads it with acquire).
 *
 * Every sock, bound or not, is also on unix_sockets (under the same
 * lock) from unix_create1 until it is released: /proc/net/unix and
 * sock_diag list them from there.
 */
#include <tine/err.h>
#include <tine/mm.h>
#include <tine/random.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <uapi/stat.h>
#include "af_unix.h"

#define UNIX_HASH_SIZE 256

static DEFINE_SPINLOCK_RANKED(unix_table_lock, LR_UNIX_TABLE); /* unix_table */
static struct list_head unix_table[UNIX_HASH_SIZE];	/* [unix_table_lock] */
static LIST_HEAD(unix_sockets);		/* [unix_table_lock] every sock */

static unsigned int unix_abstract_hash(const void *name, int len, int type)
{
	const unsigned char *p = name;
	unsigned int h = 2166136261u;
	int i;

	for (i = 0; i < len; i++)
		h = (h ^ p[i]) * 16777619u;
	return (h ^ type) % UNIX_HASH_SIZE;
}

static unsigned int unix_inode_hash(struct inode *i)
{
	return ((unsigned long)i >> 6) % UNIX_HASH_SIZE;
}

/* Which bucket a bound sock sits in. */
static unsigned int unix_sock_hash(struct unix_sock *u)
{
	if (u->path.dentry)
		return unix_inode_hash(u->path.dentry->d_inode);
	return unix_abstract_hash(&u->addr->name, u->addr->len,
				  u->sk.sk_type);
}

/* The abstract name's owner of this type; unix_table_lock held. */
static struct unix_sock *__unix_find_abstract(struct net *net,
					      struct sockaddr_un *sun,
					      int len, int type)
{
	unsigned int h = unix_abstract_hash(sun, len, type);
	struct unix_sock *u;

	assert_spin_locked(&unix_table_lock);
	list_for_each_entry(u, &unix_table[h], link)
		if (!u->path.dentry && u->sk.sk_type == type &&
		    sock_net(&u->sk) == net && u->addr->len == len && !memcmp(&u->addr->name, sun, len))
			return u;
	return NULL;
}

/* Publish addr as sk's name in the table. unix_table_lock held. */
static void __unix_set_addr(struct sock *sk, struct unix_address *addr)
{
	struct unix_sock *u = unix_sk(sk);

	assert_spin_locked(&unix_table_lock);
	__atomic_store_n(&u->addr, addr, __ATOMIC_RELEASE);
	list_add(&u->link, &unix_table[unix_sock_hash(u)]);
}

/* unix_insert_socket - a new sock joins unix_sockets (which holds a
 * reference, as Linux's table: /proc/net/unix counts it). */
void unix_insert_socket(struct sock *sk)
{
	sock_hold(sk);
	spin_lock(&unix_table_lock);
	list_add_tail(&unix_sk(sk)->all_link, &unix_sockets);
	spin_unlock(&unix_table_lock);
}

/* unix_remove_socket - take sk (and its name) out of the tables. */
void unix_remove_socket(struct sock *sk)
{
	struct unix_sock *u = unix_sk(sk);

	bool listed;

	spin_lock(&unix_table_lock);
	if (!list_empty(&u->link))
		list_del_init(&u->link);
	listed = !list_empty(&u->all_link);
	if (listed)
		list_del_init(&u->all_link);
	spin_unlock(&unix_table_lock);
	if (listed)
		sock_put(sk);		/* never the last: the caller has one */
}

/* unix_for_each_sock - see af_unix.h. */
void unix_for_each_sock(struct net *net,
			void (*fn)(struct sock *sk, void *arg), void *arg)
{
	struct unix_sock *u;

	spin_lock(&unix_table_lock);
	list_for_each_entry(u, &unix_sockets, all_link) {
		if (sock_net(&u->sk) != net)
			continue;
		unix_state_lock(&u->sk);
		fn(&u->sk, arg);
		unix_state_unlock(&u->sk);
	}
	spin_unlock(&unix_table_lock);
}

static struct unix_address *unix_create_addr(struct sockaddr_un *sun,
					     int len)
{
	struct unix_address *addr = kzalloc(sizeof(*addr));

	if (!addr)
		return NULL;
	atomic_set(&addr->refcnt, 1);
	addr->len = len;
	memcpy(&addr->name, sun, len);
	return addr;
}

/* unix_release_addr - drop a reference to a bound name. */
void unix_release_addr(struct unix_address *addr)
{
	if (addr && atomic_dec_and_test(&addr->refcnt))
		kfree(addr);
}

/* unix_validate_addr - the family and a length with room for a name. */
int unix_validate_addr(struct sockaddr_un *sun, int len)
{
	if (len <= (int)offsetof(struct sockaddr_un, sun_path) ||
	    len > (int)sizeof(*sun))
		return -EINVAL;
	return sun->sun_family == AF_UNIX ? 0 : -EINVAL;
}

/*
 * NUL-terminate a filesystem name (sun lives in a sockaddr_storage, so
 * byte len exists even for a full 108-byte path) and return the length
 * of the address that names it: family + path + NUL.
 */
static int unix_mkname_bsd(struct sockaddr_un *sun, int len)
{
	((char *)sun)[len] = 0;
	return strlen(sun->sun_path) + offsetof(struct sockaddr_un, sun_path) +
	       1;
}

/*
 * unix_autobind - give sk a free abstract name "\0xxxxx" (5 hex digits,
 * as Linux): 0, -ENOSPC when all 2^20 are taken, -ENOMEM. Nothing to do
 * if sk is bound. Takes bindlock; may sleep.
 */
int unix_autobind(struct sock *sk)
{
	struct unix_sock *u = unix_sk(sk);
	struct unix_address *addr;
	u32 start, n;
	int err = 0;

	mutex_lock(&u->bindlock);
	if (u->addr)
		goto out;
	err = -ENOMEM;
	addr = kzalloc(sizeof(*addr));
	if (!addr)
		goto out;
	atomic_set(&addr->refcnt, 1);
	addr->len = offsetof(struct sockaddr_un, sun_path) + 6;
	addr->name.sun_family = AF_UNIX;
	get_random_bytes(&start, sizeof(start));
	start &= 0xfffff;
	n = start;
	for (;;) {
		n = (n + 1) & 0xfffff;
		snprintf(addr->name.sun_path + 1, 6, "%05x", n);
		spin_lock(&unix_table_lock);
		if (!__unix_find_abstract(sock_net(sk), &addr->name, addr->len,
					  sk->sk_type))
			break;
		spin_unlock(&unix_table_lock);
		err = -ENOSPC;
		if (n == start) {
			kfree(addr);
			goto out;
		}
		cond_resched();
	}
	__unix_set_addr(sk, addr);
	spin_unlock(&unix_table_lock);
	err = 0;
out:
	mutex_unlock(&u->bindlock);
	return err;
}

/* bind to a filesystem name: a new S_IFSOCK node (EADDRINUSE if taken). */
static int unix_bind_bsd(struct sock *sk, struct sockaddr_un *sun, int len)
{
	struct unix_sock *u = unix_sk(sk);
	mode_t mode = S_IFSOCK |
		      (sk->sk_socket->inode->i_mode & 0777 & ~current_umask());
	struct unix_address *addr;
	struct path path;
	int err;

	len = unix_mkname_bsd(sun, len);
	addr = unix_create_addr(sun, len);
	if (!addr)
		return -ENOMEM;
	mutex_lock(&u->bindlock);
	/* Bound already: the path's own errors first, then EINVAL. */
	err = vfs_mknod_socket(sun->sun_path, mode, u->addr ? NULL : &path);
	if (err) {
		mutex_unlock(&u->bindlock);
		unix_release_addr(addr);
		return err == -EEXIST ? -EADDRINUSE : err;
	}
	u->path = path;
	spin_lock(&unix_table_lock);
	__unix_set_addr(sk, addr);
	spin_unlock(&unix_table_lock);
	mutex_unlock(&u->bindlock);
	return 0;
}

/* bind to an abstract name (EADDRINUSE if a socket of the type has it). */
static int unix_bind_abstract(struct sock *sk, struct sockaddr_un *sun,
			      int len)
{
	struct unix_sock *u = unix_sk(sk);
	struct unix_address *addr = unix_create_addr(sun, len);
	int err = 0;

	if (!addr)
		return -ENOMEM;
	mutex_lock(&u->bindlock);
	spin_lock(&unix_table_lock);
	if (u->addr)
		err = -EINVAL;
	else if (__unix_find_abstract(sock_net(sk), sun, len, sk->sk_type))
		err = -EADDRINUSE;
	else
		__unix_set_addr(sk, addr);
	spin_unlock(&unix_table_lock);
	mutex_unlock(&u->bindlock);
	if (err)
		unix_release_addr(addr);
	return err;
}

/*
 * unix_bind - bind(): autobind (only the family), a filesystem name or
 * an abstract one. 0 or -EINVAL, -EADDRINUSE, the path's errors. May
 * sleep.
 */
int unix_bind(struct socket *sock, struct sockaddr *uaddr, int len)
{
	struct sockaddr_un *sun = (struct sockaddr_un *)uaddr;
	int err;

	if (len == offsetof(struct sockaddr_un, sun_path) &&
	    sun->sun_family == AF_UNIX)
		return unix_autobind(sock->sk);
	err = unix_validate_addr(sun, len);
	if (err)
		return err;
	if (sun->sun_path[0])
		return unix_bind_bsd(sock->sk, sun, len);
	return unix_bind_abstract(sock->sk, sun, len);
}

/* The bound sock of a filesystem node, referenced, or NULL. */
static struct sock *unix_find_socket_byinode(struct inode *i)
{
	struct unix_sock *u;

	spin_lock(&unix_table_lock);
	list_for_each_entry(u, &unix_table[unix_inode_hash(i)], link)
		if (u->path.dentry && u->path.dentry->d_inode == i) {
			sock_hold(&u->sk);
			spin_unlock(&unix_table_lock);
			return &u->sk;
		}
	spin_unlock(&unix_table_lock);
	return NULL;
}

/* A filesystem name: write permission on the node, a socket of type. */
static struct sock *unix_find_bsd(struct sockaddr_un *sun, int len, int type)
{
	struct path path;
	struct sock *sk = NULL;
	int err;

	unix_mkname_bsd(sun, len);
	err = kern_path(sun->sun_path, LOOKUP_FOLLOW, &path);
	if (err)
		return ERR_PTR(err);
	err = inode_permission(path.dentry->d_inode, MAY_WRITE);
	if (err)
		goto out;
	err = -ECONNREFUSED;
	if (!S_ISSOCK(path.dentry->d_inode->i_mode))
		goto out;
	sk = unix_find_socket_byinode(path.dentry->d_inode);
	if (!sk)
		goto out;
	if (sk->sk_type != type) {
		sock_put(sk);
		sk = NULL;
		err = -EPROTOTYPE;
	}
out:
	path_put(&path);
	return sk ? sk : ERR_PTR(err);
}

/*
 * unix_find_other - the socket a name leads to (an abstract name: in
 * network namespace net), referenced; ERR_PTR
 * (-ENOENT, -EACCES, -ECONNREFUSED, -EPROTOTYPE...). May sleep.
 */
struct sock *unix_find_other(struct net *net, struct sockaddr_un *sun,
			     int len, int type)
{
	struct unix_sock *u;

	if (sun->sun_path[0])
		return unix_find_bsd(sun, len, type);
	spin_lock(&unix_table_lock);
	u = __unix_find_abstract(net, sun, len, type);
	if (u)
		sock_hold(&u->sk);
	spin_unlock(&unix_table_lock);
	return u ? &u->sk : ERR_PTR(-ECONNREFUSED);
}

/* unix_init - the empty name table (boot, from sock_init). */
void unix_init(void)
{
	int i;

	for (i = 0; i < UNIX_HASH_SIZE; i++)
		INIT_LIST_HEAD(&unix_table[i]);
}

