/*
 * SOL_SOCKET options: setsockopt and getsockopt as Linux 6.1's
 * sk_setsockopt/sk_getsockopt, for the options that mean something to
 * a socket without IP. Values are read from user space first, then set
 * under sk_lock; reads fill a kernel copy under the lock and copy it
 * out afterwards.
 */
#include <tine/capability.h>
#include <tine/net_namespace.h>
#include <tine/cred.h>
#include <tine/mm.h>
#include <tine/pid.h>
#include <tine/sched.h>
#include <tine/sock.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include <uapi/stat.h>

#define USEC_PER_SEC 1000000L
#define INT_MAX 0x7fffffff

/*
 * SO_PRIORITY above 6 and SO_MARK: CAP_NET_RAW or CAP_NET_ADMIN over the
 * socket's network namespace (its owning user namespace), as Linux.
 */
static bool sock_net_raw_or_admin(struct sock *sk)
{
	struct user_namespace *ns = sock_net(sk)->user_ns;

	return ns_capable(ns, CAP_NET_RAW) || ns_capable(ns, CAP_NET_ADMIN);
}

static atomic_long_t cookie_gen;

/* sock_gen_cookie - see sock.h. */
u64 sock_gen_cookie(struct sock *sk)
{
	assert_spin_locked(&sk->sk_lock);
	if (!sk->sk_cookie)
		sk->sk_cookie = __atomic_add_fetch(&cookie_gen.counter, 1,
						   __ATOMIC_RELAXED);
	return sk->sk_cookie;
}

/* SO_RCVTIMEO/SO_SNDTIMEO: a timeval into jiffies (as Linux). */
static int sock_set_timeout(long *timeo, const void __user *optval,
			    int optlen)
{
	struct uapi_timeval tv;

	if (optlen < (int)sizeof(tv))
		return -EINVAL;
	if (copy_from_user(&tv, optval, sizeof(tv)))
		return -EFAULT;
	if (tv.tv_usec < 0 || tv.tv_usec >= USEC_PER_SEC)
		return -EDOM;
	if (tv.tv_sec < 0) {
		*timeo = 0;
		return 0;
	}
	*timeo = MAX_SCHEDULE_TIMEOUT;
	if (tv.tv_sec == 0 && tv.tv_usec == 0)
		return 0;
	if (tv.tv_sec < MAX_SCHEDULE_TIMEOUT / SOCK_HZ - 1)
		*timeo = tv.tv_sec * SOCK_HZ +
			 (tv.tv_usec + USEC_PER_SEC / SOCK_HZ - 1) /
				 (USEC_PER_SEC / SOCK_HZ);
	return 0;
}

/* SO_SNDBUF/SO_RCVBUF: doubled, clamped, at least the minimum. */
static int sock_buf_size(long val, int min)
{
	val = MIN(val, (long)INT_MAX / 2);
	return MAX((int)val * 2, min);
}

static void sock_set_timestamps(struct sock *sk, int optname, bool on)
{
	if (!on) {
		sock_reset_flag(sk, SOCK_RCVTSTAMP);
		sock_reset_flag(sk, SOCK_RCVTSTAMPNS);
		return;
	}
	sock_valbool_flag(sk, SOCK_TSTAMP_NEW, optname == SO_TIMESTAMP_NEW ||
			  optname == SO_TIMESTAMPNS_NEW);
	sock_valbool_flag(sk, SOCK_RCVTSTAMPNS,
			  optname == SO_TIMESTAMPNS_OLD ||
				  optname == SO_TIMESTAMPNS_NEW);
	sock_set_flag(sk, SOCK_RCVTSTAMP);
}

/* A boolean option's flag bit, or -1. */
static int bool_option_flag(int optname)
{
	switch (optname) {
	case SO_REUSEADDR:
		return SOCK_REUSEADDR;
	case SO_REUSEPORT:
		return SOCK_REUSEPORT;
	case SO_KEEPALIVE:
		return SOCK_KEEPOPEN;
	case SO_DONTROUTE:
		return SOCK_LOCALROUTE;
	case SO_BROADCAST:
		return SOCK_BROADCAST;
	case SO_OOBINLINE:
		return SOCK_URGINLINE;
	case SO_NO_CHECK:
		return SOCK_NO_CHECK;
	case SO_PASSCRED:
		return SOCK_PASSCRED;
	case SO_PASSSEC:
		return SOCK_PASSSEC;
	case SO_RXQ_OVFL:
		return SOCK_RXQ_OVFL;
	case SO_DEBUG:
		return SOCK_DBG;
	}
	return -1;
}

/*
 * The int-valued options, set with sk_lock held; the capabilities they
 * may need were looked up before (CAP_NET_ADMIN; CAP_NET_RAW or admin).
 */
static int sock_set_int(struct sock *sk, int optname, int val,
			bool priv_admin, bool priv_raw)
{
	int flag = bool_option_flag(optname);

	assert_spin_locked(&sk->sk_lock);
	if (flag >= 0) {
		if (optname == SO_DEBUG && val && !priv_admin)
			return -EACCES;
		sock_valbool_flag(sk, flag, val);
		return 0;
	}
	switch (optname) {
	case SO_SNDBUFFORCE:
	case SO_RCVBUFFORCE:
		if (!priv_admin)
			return -EPERM;
		val = MAX(val, 0);
		if (optname == SO_SNDBUFFORCE)
			WRITE_ONCE(sk->sk_sndbuf, sock_buf_size(val, SOCK_MIN_SNDBUF));
		else
			WRITE_ONCE(sk->sk_rcvbuf, sock_buf_size(val, SOCK_MIN_RCVBUF));
		return 0;
	case SO_SNDBUF:
		WRITE_ONCE(sk->sk_sndbuf,
			   sock_buf_size(MIN((u32)val, (u32)SYSCTL_WMEM_MAX),
					 SOCK_MIN_SNDBUF));
		return 0;
	case SO_RCVBUF:
		WRITE_ONCE(sk->sk_rcvbuf,
			   sock_buf_size(MIN((u32)val, (u32)SYSCTL_RMEM_MAX),
					 SOCK_MIN_RCVBUF));
		return 0;
	case SO_PRIORITY:
		if ((val < 0 || val > 6) && !priv_raw)
			return -EPERM;
		sk->sk_priority = val;
		return 0;
	case SO_MARK:
		if (!priv_raw)
			return -EPERM;
		sk->sk_mark = val;
		return 0;
	case SO_RCVLOWAT:
		WRITE_ONCE(sk->sk_rcvlowat, val < 0 ? INT_MAX : (val ?: 1));
		return 0;
	case SO_BSDCOMPAT:
		return 0;
	case SO_TIMESTAMP_OLD:
	case SO_TIMESTAMP_NEW:
	case SO_TIMESTAMPNS_OLD:
	case SO_TIMESTAMPNS_NEW:
		sock_set_timestamps(sk, optname, val);
		return 0;
	case SO_TYPE:
	case SO_PROTOCOL:
	case SO_DOMAIN:
	case SO_ERROR:
		return -ENOPROTOOPT;
	}
	return -ENOPROTOOPT;
}

/*
 * sock_setsockopt - setsockopt(fd, SOL_SOCKET, optname, ...): 0 or
 * -EINVAL (short optlen), -EFAULT, -ENOPROTOOPT, -EPERM, -EDOM. Takes
 * sk_lock; may sleep (user copies, SO_PEEK_OFF's iolock).
 */
int sock_setsockopt(struct socket *sock, int optname,
		    const void __user *optval, int optlen)
{
	struct sock *sk = sock->sk;
	bool priv_admin, priv_raw;
	struct linger ling;
	long timeo;
	int val, err;

	if (optlen < (int)sizeof(int))
		return -EINVAL;
	if (copy_from_user(&val, optval, sizeof(val)))
		return -EFAULT;
	switch (optname) {
	case SO_RCVTIMEO_OLD:
	case SO_RCVTIMEO_NEW:
	case SO_SNDTIMEO_OLD:
	case SO_SNDTIMEO_NEW:
		err = sock_set_timeout(&timeo, optval, optlen);
		if (err)
			return err;
		if (optname == SO_RCVTIMEO_OLD || optname == SO_RCVTIMEO_NEW)
			WRITE_ONCE(sk->sk_rcvtimeo, timeo);
		else
			WRITE_ONCE(sk->sk_sndtimeo, timeo);
		return 0;
	case SO_LINGER:
		if (optlen < (int)sizeof(ling))
			return -EINVAL;
		if (copy_from_user(&ling, optval, sizeof(ling)))
			return -EFAULT;
		spin_lock(&sk->sk_lock);
		sock_valbool_flag(sk, SOCK_LINGER, ling.l_onoff);
		if (ling.l_onoff)
			sk->sk_lingertime = ling.l_linger;
		spin_unlock(&sk->sk_lock);
		return 0;
	case SO_PEEK_OFF:
		if (!sock->ops->set_peek_off)
			return -EOPNOTSUPP;
		return sock->ops->set_peek_off(sk, val);
	}
	/* SO_DEBUG and the FORCE options: the initial namespace's admin. */
	priv_admin = capable(CAP_NET_ADMIN);
	priv_raw = sock_net_raw_or_admin(sk);
	spin_lock(&sk->sk_lock);
	err = sock_set_int(sk, optname, val, priv_admin, priv_raw);
	spin_unlock(&sk->sk_lock);
	/* A bigger send buffer may let writers go on. */
	if (!err && (optname == SO_SNDBUF || optname == SO_SNDBUFFORCE) &&
	    sock_writeable(sk))
		sk_wake(sk, POLLOUT | POLLWRNORM | POLLWRBAND);
	return err;
}

union sockopt_value {
	int val;
	u64 val64;
	struct linger ling;
	struct uapi_timeval tv;
	struct ucred cred;
};

/* SO_RCVTIMEO/SO_SNDTIMEO back into a timeval. */
static void sock_get_timeout(long timeo, struct uapi_timeval *tv)
{
	if (timeo == MAX_SCHEDULE_TIMEOUT) {
		tv->tv_sec = 0;
		tv->tv_usec = 0;
		return;
	}
	tv->tv_sec = timeo / SOCK_HZ;
	tv->tv_usec = ((timeo % SOCK_HZ) * USEC_PER_SEC) / SOCK_HZ;
}

static int sock_get_timestamp_opt(struct sock *sk, int optname)
{
	bool on = sock_flag(sk, SOCK_RCVTSTAMP);
	bool ns = sock_flag(sk, SOCK_RCVTSTAMPNS);
	bool new = sock_flag(sk, SOCK_TSTAMP_NEW);

	switch (optname) {
	case SO_TIMESTAMP_OLD:
		return on && !new && !ns;
	case SO_TIMESTAMP_NEW:
		return on && new && !ns;
	case SO_TIMESTAMPNS_OLD:
		return ns && !new;
	default:
		return ns && new;
	}
}

/* The options that are not an int: their value and length, sk_lock held. */
static int sock_get_struct(struct sock *sk, int optname,
			   union sockopt_value *v)
{
	assert_spin_locked(&sk->sk_lock);
	switch (optname) {
	case SO_LINGER:
		v->ling.l_onoff = sock_flag(sk, SOCK_LINGER);
		v->ling.l_linger = sk->sk_lingertime;
		return sizeof(v->ling);
	case SO_RCVTIMEO_OLD:
	case SO_RCVTIMEO_NEW:
		sock_get_timeout(sk->sk_rcvtimeo, &v->tv);
		return sizeof(v->tv);
	case SO_SNDTIMEO_OLD:
	case SO_SNDTIMEO_NEW:
		sock_get_timeout(sk->sk_sndtimeo, &v->tv);
		return sizeof(v->tv);
	case SO_COOKIE:
		v->val64 = sock_gen_cookie(sk);
		return sizeof(v->val64);
	case SO_PEERCRED:
		v->cred.pid = pid_vnr(sk->sk_peer.pid);
		v->cred.uid = (u32)-1;
		v->cred.gid = (u32)-1;
		if (sk->sk_peer.cred) {
			v->cred.uid = from_kuid_munged(current_user_ns(),
						       sk->sk_peer.cred->euid);
			v->cred.gid = from_kgid_munged(current_user_ns(),
						       sk->sk_peer.cred->egid);
		}
		return sizeof(v->cred);
	}
	return -ENOPROTOOPT;
}

/*
 * The value of a simple option into v (sk_lock held): its length, or
 * -ENOPROTOOPT.
 */
static int sock_get_simple(struct socket *sock, struct sock *sk, int optname,
			   union sockopt_value *v)
{
	int flag = bool_option_flag(optname);

	assert_spin_locked(&sk->sk_lock);
	if (flag >= 0) {
		v->val = sock_flag(sk, flag);
		return sizeof(int);
	}
	switch (optname) {
	case SO_SNDBUF:
		v->val = sk->sk_sndbuf;
		break;
	case SO_RCVBUF:
		v->val = sk->sk_rcvbuf;
		break;
	case SO_TYPE:
		v->val = sk->sk_type;
		break;
	case SO_PROTOCOL:
		v->val = sk->sk_protocol;
		break;
	case SO_DOMAIN:
		v->val = sk->sk_family;
		break;
	case SO_ERROR:
		v->val = sk->sk_err;
		sk->sk_err = 0;
		break;
	case SO_ACCEPTCONN:
		v->val = sk->sk_state == TCP_LISTEN;
		break;
	case SO_PRIORITY:
		v->val = sk->sk_priority;
		break;
	case SO_MARK:
		v->val = sk->sk_mark;
		break;
	case SO_RCVLOWAT:
		v->val = sk->sk_rcvlowat;
		break;
	case SO_SNDLOWAT:
		v->val = 1;
		break;
	case SO_INCOMING_CPU:
		v->val = -1;
		break;
	case SO_ZEROCOPY:
	case SO_BUSY_POLL:
		v->val = 0;
		break;
	case SO_PEEK_OFF:
		if (!sock->ops->set_peek_off)
			return -EOPNOTSUPP;
		v->val = sk->sk_peek_off;
		break;
	case SO_TIMESTAMP_OLD:
	case SO_TIMESTAMP_NEW:
	case SO_TIMESTAMPNS_OLD:
	case SO_TIMESTAMPNS_NEW:
		v->val = sock_get_timestamp_opt(sk, optname);
		break;
	default:
		return sock_get_struct(sk, optname, v);
	}
	return sizeof(int);
}

/* SO_PEERGROUPS: the peer's supplementary groups (-ERANGE if short). */
static int sock_get_peergroups(struct sock *sk, void __user *optval,
			       int __user *optlen, int len)
{
	const struct cred *cred;
	struct group_info *gi;
	int n, i, err = 0;

	spin_lock(&sk->sk_lock);
	cred = sk->sk_peer.cred ? get_cred(sk->sk_peer.cred) : NULL;
	spin_unlock(&sk->sk_lock);
	if (!cred)
		return -ENODATA;
	gi = cred->group_info;
	n = gi->ngroups;
	if (len < n * (int)sizeof(gid_t)) {
		len = n * sizeof(gid_t);
		err = put_user(len, optlen) ? -EFAULT : -ERANGE;
		goto out;
	}
	for (i = 0; i < n && !err; i++)
		err = put_user(from_kgid_munged(current_user_ns(), gi->gid[i]),
			       (gid_t __user *)optval + i);
	if (!err)
		err = put_user(n * (int)sizeof(gid_t), optlen) ? -EFAULT : 0;
out:
	put_cred(cred);
	return err;
}

/* SO_PEERNAME: the peer's address; Linux wants len <= its length. */
static int sock_get_peername(struct socket *sock, void __user *optval,
			     int __user *optlen, int len)
{
	struct sockaddr_storage address;
	int lv = sock->ops->getname(sock, (struct sockaddr *)&address, 1);

	if (lv < 0)
		return -ENOTCONN;
	if (lv < len)
		return -EINVAL;
	if (copy_to_user(optval, &address, len))
		return -EFAULT;
	return put_user(len, optlen) ? -EFAULT : 0;
}

/*
 * sock_getsockopt - getsockopt(fd, SOL_SOCKET, optname, ...): 0 with the
 * value (truncated to *optlen, whose new value is written back), or
 * -EFAULT, -EINVAL, -ENOPROTOOPT. May sleep (user copies).
 */
int sock_getsockopt(struct socket *sock, int optname, void __user *optval,
		    int __user *optlen)
{
	struct sock *sk = sock->sk;
	union sockopt_value v;
	int len, lv;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if (optname == SO_PEERGROUPS)
		return sock_get_peergroups(sk, optval, optlen, len);
	if (optname == SO_PEERNAME)
		return sock_get_peername(sock, optval, optlen, len);
	memset(&v, 0, sizeof(v));
	spin_lock(&sk->sk_lock);
	lv = sock_get_simple(sock, sk, optname, &v);
	spin_unlock(&sk->sk_lock);
	if (lv < 0)
		return lv;
	if (optname == SO_COOKIE && len < lv)
		return -EINVAL;
	if (len > lv)
		len = lv;
	if (copy_to_user(optval, &v, len))
		return -EFAULT;
	return put_user(len, optlen) ? -EFAULT : 0;
}
