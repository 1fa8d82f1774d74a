/*
 * Pseudo-terminals (Unix 98 ptys). Opening /dev/ptmx (or ptmx inside a
 * devpts mount) makes a pair: a master, the returned file, and a slave,
 * /dev/pts/N on that devpts instance, locked until TIOCSPTLCK(0)
 * (unlockpt). What the master writes is the slave's input (edited,
 * echoed, turned into signals by the slave's line discipline); what the
 * slave writes, after output processing, is the master's input. Both
 * sides are ordinary ttys of the core (fs/tty_io.c) with n_tty; the
 * master's own termios is raw and a master's termios, window-size and
 * job-control ioctls act on its slave.
 *
 * A writer whose peer's input ring is full waits on its own write_wait;
 * a reader of the peer that makes room wakes it (pty_unthrottle). When
 * the last master file closes, the slave is hung up (its session leader
 * gets SIGHUP and SIGCONT, its files read 0, write EIO, poll POLLHUP)
 * and /dev/pts/N disappears; when the last slave file closes, master
 * reads drain the input and then fail with EIO, and poll says POLLHUP.
 *
 * The pair is one allocation; the master holds its reference count
 * (open files, signal->tty) and the mount of its devpts instance.
 * Locks: tty.h (each side's tty->lock, never two at once).
 */
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/poll.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/tty.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/ioctl.h>
#include "internal.h"

#define PTY_MASTER_MAJOR 128
#define TIOCGPKT 0x80045438
#define TIOCGPTLCK 0x80045439
#define TIOCGPTPEER 0x5441

struct pty_pair {
	struct tty_struct master;	/* owns the reference count */
	struct tty_struct slave;
	struct pts_fs_info *fsi;	/* [C] the devpts instance */
	struct vfsmount *mnt;		/* [C] a mount of it (a reference,
					 * dropped when the master closes) */
	struct dentry *node;		/* [C] /dev/pts/N (pinned until the
					 * master closes) */
};

static struct pty_pair *tty_pair(struct tty_struct *tty)
{
	return container_of(tty->owner, struct pty_pair, master);
}

/* Send processed output to the peer's line discipline. */
static size_t pty_write(struct tty_struct *tty, const char *buf, size_t n)
{
	return n_tty_receive(tty->link, buf, n);
}

static size_t pty_write_room(struct tty_struct *tty)
{
	return n_tty_receive_room(tty->link);
}

/* pty_packet_status - see tty.h. */
void pty_packet_status(struct tty_struct *tty, unsigned char set,
		       unsigned char clear)
{
	struct tty_struct *master = tty->link;
	unsigned long f;
	bool packet;

	if (!master || tty->is_master)
		return;
	f = spin_lock_irqsave(&master->lock);
	packet = master->packet;
	if (packet) {
		master->pktstatus &= ~clear;
		master->pktstatus |= set;
	}
	spin_unlock_irqrestore(&master->lock, f);
	if (packet)
		wake_up_interruptible_poll(&master->read_wait,
					   POLLIN | POLLPRI);
}

/* tty's reader made room: wake the peer's writers, flush its echoes. */
static void pty_unthrottle(struct tty_struct *tty)
{
	struct tty_struct *peer = tty->link;

	if (peer->echo_head != peer->echo_tail)
		n_tty_flush_echoes(peer);
	wake_up_interruptible_poll(&peer->write_wait, POLLOUT | POLLWRNORM);
}

/* Set flag bits on tty and wake its readers and writers with POLLHUP. */
static void pty_set_flags(struct tty_struct *tty, unsigned int bits)
{
	unsigned long f = spin_lock_irqsave(&tty->lock);

	tty->flags |= bits;
	spin_unlock_irqrestore(&tty->lock, f);
	wake_up_interruptible_poll(&tty->read_wait, POLLIN | POLLHUP);
	wake_up_interruptible_poll(&tty->write_wait, POLLOUT | POLLHUP);
}

/* The last master file went: hang the slave up, remove /dev/pts/N. */
static void pty_master_close(struct tty_struct *master)
{
	struct pty_pair *pair = tty_pair(master);

	pty_set_flags(master->link, TTY_HUPPED | TTY_IO_ERROR);
	tty_hangup(master->link);
	devpts_pty_kill(pair->fsi, pair->node);
	devpts_kill_index(pair->fsi, master->index);
	mntput(pair->mnt);
}

/* The last slave file went: the master reads EIO once drained. */
static void pty_slave_close(struct tty_struct *slave)
{
	struct tty_struct *master = slave->link;
	unsigned long f = spin_lock_irqsave(&master->lock);

	if (!atomic_read(&slave->count))
		master->flags |= TTY_OTHER_CLOSED;
	spin_unlock_irqrestore(&master->lock, f);
	wake_up_interruptible_poll(&master->read_wait, POLLIN | POLLHUP);
	wake_up_interruptible_poll(&master->write_wait, POLLOUT | POLLHUP);
}

static void pty_cleanup(struct tty_struct *master)
{
	struct pty_pair *pair = tty_pair(master);

	put_pid(pair->slave.pgrp);
	put_pid(pair->slave.session);
	kfree(pair);
}

/* Flip a slave flag bit from an int argument (TIOCSPTLCK, TIOCPKT). */
static long pty_set_bool(struct tty_struct *tty, int __user *arg,
			 unsigned int bit, bool *field)
{
	unsigned long f;
	int v;

	if (get_user(v, arg))
		return -EFAULT;
	f = spin_lock_irqsave(&tty->lock);
	if (field) {
		*field = v != 0;
		tty->pktstatus = 0;
	} else if (v) {
		tty->flags |= bit;
	} else {
		tty->flags &= ~bit;
	}
	spin_unlock_irqrestore(&tty->lock, f);
	return 0;
}

/* TIOCGPTPEER: open the slave through the master's devpts mount. */
static long pty_open_peer(struct tty_struct *master, int flags)
{
	struct pty_pair *pair = tty_pair(master);
	struct file *f;
	int fd;

	fd = get_unused_fd_flags(flags);
	if (fd < 0)
		return fd;
	f = devpts_open_peer(pair->mnt, pair->node, flags);
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		return PTR_ERR(f);
	}
	fd_install(fd, f);
	return fd;
}

static long pty_master_ioctl(struct tty_struct *tty, struct file *file,
			     unsigned int cmd, unsigned long arg)
{
	int __user *p = (int __user *)arg;
	struct tty_struct *slave = tty->link;

	switch (cmd) {
	case TIOCGPTN:
		return put_user(tty->index, (unsigned int __user *)p);
	case TIOCSPTLCK:
		return pty_set_bool(slave, p, TTY_PTY_LOCK, NULL);
	case TIOCGPTLCK:
		return put_user(!!(READ_ONCE(slave->flags) & TTY_PTY_LOCK), p);
	case TIOCPKT:
		return pty_set_bool(tty, p, 0, &tty->packet);
	case TIOCGPKT:
		return put_user((int)READ_ONCE(tty->packet), p);
	case TIOCGPTPEER:
		return pty_open_peer(tty, (int)arg);
	}
	return -ENOIOCTLCMD;
}

static const struct tty_operations pty_master_ops = {
	.write = pty_write,
	.write_room = pty_write_room,
	.unthrottle = pty_unthrottle,
	.ioctl = pty_master_ioctl,
	.close = pty_master_close,
	.cleanup = pty_cleanup,
};

static const struct tty_operations pty_slave_ops = {
	.write = pty_write,
	.write_room = pty_write_room,
	.unthrottle = pty_unthrottle,
	.close = pty_slave_close,
};

/* A new pair numbered idx; the master's reference is the caller's. */
static struct pty_pair *pty_pair_alloc(int idx)
{
	struct pty_pair *pair = kzalloc(sizeof(*pair));
	struct termios t = tty_std_termios;

	if (!pair)
		return NULL;
	t.c_iflag = 0;
	t.c_oflag = 0;
	t.c_cflag = B38400 | CS8 | CREAD;
	t.c_lflag = 0;
	tty_init_struct(&pair->master, &pty_master_ops,
			MKDEV(PTY_MASTER_MAJOR, idx), &t);
	tty_init_struct(&pair->slave, &pty_slave_ops,
			MKDEV(UNIX98_PTY_SLAVE_MAJOR, idx), &tty_std_termios);
	pair->master.link = &pair->slave;
	pair->slave.link = &pair->master;
	pair->slave.owner = &pair->master;
	pair->master.index = pair->slave.index = idx;
	pair->master.is_master = true;
	pair->slave.flags = TTY_PTY_LOCK;
	return pair;
}

/* The devpts instance for an open of ptmx (inode): its own sb if the
 * node is devpts' ptmx, else the "pts" beside /dev/ptmx. */
static struct vfsmount *ptmx_instance(struct inode *inode, struct file *file,
				      struct pts_fs_info **fsi)
{
	if (is_devpts_sb(inode->i_sb)) {
		*fsi = inode->i_sb->s_fs_info;
		return mntget(file->f_path.mnt);
	}
	return devpts_find(file, fsi);
}

/* ptmx_open - see tty.h. */
int ptmx_open(struct inode *inode, struct file *file)
{
	struct pts_fs_info *fsi;
	struct vfsmount *mnt = ptmx_instance(inode, file, &fsi);
	struct pty_pair *pair;
	struct dentry *node;
	int idx, err;

	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	idx = devpts_new_index(fsi);
	err = idx;
	if (idx < 0)
		goto out_mnt;
	err = -ENOMEM;
	pair = pty_pair_alloc(idx);
	if (!pair)
		goto out_index;
	pair->fsi = fsi;
	pair->mnt = mnt;
	node = devpts_pty_new(fsi, idx, &pair->slave);
	if (IS_ERR(node)) {
		err = PTR_ERR(node);
		goto out_pair;
	}
	pair->node = node;
	/* No failure after this point: the file owns the pair. */
	return tty_open_file(&pair->master, file, true);

out_pair:
	kfree(pair);
out_index:
	devpts_kill_index(fsi, idx);
out_mnt:
	mntput(mnt);
	return err;
}

/* pts_open_inode - see tty.h: EIO while locked or once the master is
 * gone. */
int pts_open_inode(struct inode *inode, struct file *file)
{
	struct tty_struct *tty = devpts_get_tty(inode);
	unsigned long f;
	int err = 0;

	if (!tty)
		return -EIO;
	f = spin_lock_irqsave(&tty->lock);
	if (tty->flags & (TTY_PTY_LOCK | TTY_IO_ERROR))
		err = -EIO;
	spin_unlock_irqrestore(&tty->lock, f);
	if (err) {
		tty_kref_put(tty);
		return err;
	}
	err = tty_open_file(tty, file, false);
	if (err)
		return err;
	f = spin_lock_irqsave(&tty->link->lock);
	tty->link->flags &= ~TTY_OTHER_CLOSED;
	spin_unlock_irqrestore(&tty->link->lock, f);
	return 0;
}
