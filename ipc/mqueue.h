/*
 * ipc/mqueue.h: what ipc/mqueue.c (the filesystem, the queue file,
 * mq_open, mq_unlink) and ipc/mqueue_msg.c (send, receive, notify,
 * getsetattr on an open queue) share. Locks as told in ipc/mqueue.c.
 */
#ifndef IPC_MQUEUE_H
#define IPC_MQUEUE_H

#include <tine/fs.h>
#include <tine/list.h>
#include <tine/signal.h>
#include <tine/spinlock.h>
#include <tine/uidgid.h>
#include <tine/wait.h>

#define MQUEUE_MAGIC 0x19800202
#define MQ_PRIO_MAX 32768
#define HARD_MSGMAX 65536
#define HARD_MSGSIZEMAX (16 * 1024 * 1024)

#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define SIGEV_THREAD 2
#define NOTIFY_COOKIE_LEN 32

struct mq_attr {
	long mq_flags;			/* O_NONBLOCK (per open file) */
	long mq_maxmsg;
	long mq_msgsize;
	long mq_curmsgs;
	long __reserved[4];
};

struct sigevent_k {
	union sigval sigev_value;
	int sigev_signo;
	int sigev_notify;
	int __pad[12];
};

struct mq_msg {
	struct list_head list;		/* [Q] in info->msgs */
	unsigned int prio;
	size_t len;
	char data[];
};

struct mqueue_inode_info {
	spinlock_t lock;		/* [Q] protects what is tagged [Q] */
	struct mq_attr attr;		/* [Q] maxmsg, msgsize set once */
	struct list_head msgs;		/* [Q] by priority, FIFO within */
	unsigned long qsize;		/* [Q] bytes queued */
	int receivers;			/* [Q] receivers asleep */
	struct wait_queue_head wait_recv;	/* receivers, readers' poll */
	struct wait_queue_head wait_send;	/* senders, writers' poll */
	struct pid *notify_owner;	/* [Q] registered process, or NULL */
	struct sigevent_k notify;	/* [Q] its request */
	struct user_namespace *notify_user_ns;	/* [Q] a reference */
	kuid_t user;			/* charged for it (RLIMIT_MSGQUEUE) */
	unsigned long charged;		/* bytes charged */
};

static inline struct mqueue_inode_info *MQUEUE_I(struct inode *i)
{
	return i->i_private;
}

bool is_mqueue_file(const struct file *f);
void mq_notify_drop(struct mqueue_inode_info *info, struct pid *me);

#endif
