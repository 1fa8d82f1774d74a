/*
 * What travels with AF_UNIX data: the sender's credentials and the
 * files of SCM_RIGHTS, attached to an skb at send and handed to the
 * receiver (or dropped) at receive. Files of an skb are "in flight"
 * (af_unix_gc.c) from attach until detach or the skb's end.
 */
#include <tine/pid.h>
#include <tine/sched.h>
#include "af_unix.h"

/* The family's skb destructor: files still attached leave flight. */
static void unix_destruct_scm(struct sk_buff *skb)
{
	if (skb->fp)
		unix_notinflight_fpl(skb->fp);
}

/*
 * unix_scm_to_skb - move scm's credentials (a copy) and, with send_fds,
 * its files into skb. 0, or -ETOOMANYREFS (the sender has too many
 * files in flight; the files stay with scm).
 */
int unix_scm_to_skb(struct scm_cookie *scm, struct sk_buff *skb,
		    bool send_fds)
{
	int err;

	skb->creds = scm->creds;
	if (skb->creds.pid)
		get_pid(skb->creds.pid);
	skb->destructor = unix_destruct_scm;
	if (!scm->fp || !send_fds)
		return 0;
	err = unix_inflight_fpl(scm->fp);
	if (err)
		return err;
	skb->fp = scm->fp;
	scm->fp = NULL;
	return 0;
}

/*
 * unix_passcred_enabled - does a message from sk to other carry the
 * sender's credentials? When either side set SO_PASSCRED, or other has
 * no socket yet (not accepted: its future owner may ask).
 */
bool unix_passcred_enabled(struct sock *sk, struct sock *other)
{
	return sock_flag(sk, SOCK_PASSCRED) || !READ_ONCE(other->sk_socket) ||
	       sock_flag(other, SOCK_PASSCRED);
}

/*
 * unix_maybe_add_creds - the sender's own credentials, if wanted. Takes
 * tasklist_lock: call it before locking other.
 */
void unix_maybe_add_creds(struct sk_buff *skb, struct sock *sk,
			  struct sock *other)
{
	if (skb->creds.pid || !unix_passcred_enabled(sk, other))
		return;
	skb->creds.pid = get_current_tgid();
	skb->creds.uid = current_uid();
	skb->creds.gid = current_gid();
}

/* unix_detach_fds - the receiver takes skb's files out of flight. */
void unix_detach_fds(struct scm_cookie *scm, struct sk_buff *skb)
{
	scm->fp = skb->fp;
	skb->fp = NULL;
	unix_notinflight_fpl(scm->fp);
}

/*
 * unix_peek_fds - MSG_PEEK gives the receiver copies of the files and
 * leaves the originals in flight. A running GC may be deciding about
 * them right now: wait for it first (see unix_gc_barrier).
 */
void unix_peek_fds(struct scm_cookie *scm, struct sk_buff *skb)
{
	scm->fp = scm_fp_dup(skb->fp);
	unix_gc_barrier();
}
