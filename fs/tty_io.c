/*
 * The tty core: the file operations of every terminal (console, serial
 * line, pty master and slave), the controlling terminal and job control
 * (TIOCSCTTY, TIOCNOTTY, TIOCSPGRP, SIGTTIN/SIGTTOU), the termios and
 * window-size ioctls, and hangup. Line editing is n_tty's (fs/n_tty.c),
 * the devices are the drivers' (fs/tty_serial.c, fs/pty.c).
 *
 * An open file points at a tty_file: the tty (a reference) and the
 * hangup generation it was opened in. A hangup bumps tty->hup_gen, so
 * files opened before it read 0 and fail with EIO, while later opens
 * (a console after vhangup) work. signal->tty holds a reference too and
 * changes only under tasklist_lock (write), with tty->lock inside for
 * the tty's pgrp and session. Lock order: include/tine/tty.h.
 */
#include <tine/capability.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/pid.h>
#include <tine/poll.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/tty.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/ioctl.h>
#include <uapi/stat.h>
#include <uapi/termios.h>
#include "internal.h"

#define L(t, f) ((t)->termios.c_lflag & (f))

/* An open tty file: file->private_data. */
struct tty_file {
	struct tty_struct *tty;		/* a reference */
	unsigned int hup_gen;		/* tty->hup_gen when opened */
};

const struct termios tty_std_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE |
		   IEXTEN,
	.c_cc = {
		[VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025,
		[VEOF] = 004, [VTIME] = 0, [VMIN] = 1, [VSTART] = 021,
		[VSTOP] = 023, [VSUSP] = 032, [VREPRINT] = 022,
		[VDISCARD] = 017, [VWERASE] = 027, [VLNEXT] = 026,
	},
};

/* tty_init_struct - see tty.h. */
void tty_init_struct(struct tty_struct *tty, const struct tty_operations *ops,
		     unsigned int dev, const struct termios *t)
{
	spin_lock_init_ranked(&tty->lock, "tty->lock", LR_TTY);
	init_waitqueue_head(&tty->read_wait);
	init_waitqueue_head(&tty->write_wait);
	mutex_init_ranked(&tty->read_mutex, "tty->read_mutex", LR_TTY_IO);
	mutex_init_ranked(&tty->write_mutex, "tty->write_mutex", LR_TTY_IO);
	mutex_init_ranked(&tty->termios_mutex, "tty->termios_mutex",
			  LR_TTY_TERMIOS);
	tty->ops = ops;
	tty->owner = tty;
	tty->index = -1;
	tty->dev = dev;
	tty->termios = *t;
	tty->winsize = (struct winsize){ 0, 0, 0, 0 };
	atomic_set(&tty->kref, 1);
	atomic_set(&tty->count, 0);
}

/* tty_kref_get - see tty.h. */
struct tty_struct *tty_kref_get(struct tty_struct *tty)
{
	if (tty)
		atomic_inc(&tty->owner->kref);
	return tty;
}

/* tty_kref_put - see tty.h. */
void tty_kref_put(struct tty_struct *tty)
{
	if (tty && atomic_dec_and_test(&tty->owner->kref) &&
	    tty->owner->ops->cleanup)
		tty->owner->ops->cleanup(tty->owner);
}

static struct tty_struct *file_tty(struct file *file)
{
	return ((struct tty_file *)file->private_data)->tty;
}

/* Was file opened before a hangup of its tty? */
static bool tty_hung_up_p(struct file *file)
{
	struct tty_file *tf = file->private_data;

	return READ_ONCE(tf->tty->hup_gen) != tf->hup_gen;
}

/* The tty whose settings and job control a file on tty reaches: a pty
 * master's ioctls act on its slave. */
static struct tty_struct *real_tty(struct tty_struct *tty)
{
	return tty->is_master ? tty->link : tty;
}

/* --- controlling terminal --- */

static bool is_ctty(struct tty_struct *tty)
{
	return READ_ONCE(current->signal->tty) == tty;
}

static bool is_session_leader(void)
{
	return task_session(current) == task_pid(current->group_leader);
}

/* get_task_tty - see tty.h. */
struct tty_struct *get_task_tty(struct task_struct *t)
{
	unsigned long f = read_lock_irqsave(&tasklist_lock);
	struct tty_struct *tty = t->signal ? tty_kref_get(t->signal->tty)
					   : NULL;

	read_unlock_irqrestore(&tasklist_lock, f);
	return tty;
}

/* tty's foreground group (or session), referenced; NULL if none. */
static struct pid *tty_get_pid(struct tty_struct *tty, struct pid **which)
{
	unsigned long f = spin_lock_irqsave(&tty->lock);
	struct pid *pid = get_pid(*which);

	spin_unlock_irqrestore(&tty->lock, f);
	return pid;
}

/* tty's foreground group (or session) id as the caller sees it. */
static pid_t tty_pid_vnr(struct tty_struct *tty, struct pid **which)
{
	struct pid *pid = tty_get_pid(tty, which);
	pid_t nr = pid_vnr(pid);

	put_pid(pid);
	return nr;
}

/* Replace tty's group and session (references taken here; NULL for
 * none). */
static void tty_set_pids(struct tty_struct *tty, struct pid *pgrp,
			 struct pid *session)
{
	unsigned long f = spin_lock_irqsave(&tty->lock);
	struct pid *old_pgrp = tty->pgrp, *old_session = tty->session;

	tty->pgrp = get_pid(pgrp);
	tty->session = get_pid(session);
	spin_unlock_irqrestore(&tty->lock, f);
	put_pid(old_pgrp);
	put_pid(old_session);
}

/* Make pgrp tty's foreground group (a reference is taken). */
static void tty_set_pgrp(struct tty_struct *tty, struct pid *pgrp)
{
	unsigned long f = spin_lock_irqsave(&tty->lock);
	struct pid *old = tty->pgrp;

	tty->pgrp = get_pid(pgrp);
	spin_unlock_irqrestore(&tty->lock, f);
	put_pid(old);
}

/* Make tty the caller's controlling terminal. Caller checked rights. */
static void set_ctty(struct tty_struct *tty)
{
	unsigned long f = write_lock_irqsave(&tasklist_lock);
	struct tty_struct *old = current->signal->tty;

	tty_set_pids(tty, task_pgrp(current), task_session(current));
	current->signal->tty = tty_kref_get(tty);
	write_unlock_irqrestore(&tasklist_lock, f);
	tty_kref_put(old);
}

/*
 * Forget tty in every process of session; returns whether any had it.
 * tasklist_lock held for writing.
 */
static bool __clear_session_tty(struct tty_struct *tty, struct pid *session)
{
	struct task_struct *t;
	bool had = false;

	assert_write_locked(&tasklist_lock);
	list_for_each_entry(t, &session->tasks[PIDTYPE_SID],
			    pid_links[PIDTYPE_SID])
		if (t->signal->tty == tty) {
			t->signal->tty = NULL;
			tty_kref_put(tty);	/* the caller holds another */
			had = true;
		}
	return had;
}

static bool clear_session_tty(struct tty_struct *tty, struct pid *session)
{
	unsigned long f;
	bool had;

	if (!session)
		return false;
	f = write_lock_irqsave(&tasklist_lock);
	had = __clear_session_tty(tty, session);
	write_unlock_irqrestore(&tasklist_lock, f);
	return had;
}

/* disassociate_ctty - see tty.h. */
void disassociate_ctty(int on_exit)
{
	struct tty_struct *tty = get_task_tty(current);
	struct pid *pgrp, *session;

	if (!tty)
		return;
	pgrp = tty_get_pid(tty, &tty->pgrp);
	session = tty_get_pid(tty, &tty->session);
	if (pgrp) {
		kill_pgrp(pgrp, SIGHUP, NULL);
		/* The console's exit also continues the group (tine's
		 * console is never hung up); a pty's exit does not. */
		if (!on_exit || tty->index < 0)
			kill_pgrp(pgrp, SIGCONT, NULL);
	}
	tty_set_pids(tty, NULL, NULL);
	clear_session_tty(tty, session);
	put_pid(pgrp);
	put_pid(session);
	tty_kref_put(tty);
}

/* Forget the session of a tty whose session has died without giving it
 * up (its leader exited before disassociate_ctty() was called). */
static void tty_reap_session(struct tty_struct *tty)
{
	struct pid *session = tty_get_pid(tty, &tty->session);
	unsigned long f;
	bool alive;

	if (!session)
		return;
	f = read_lock_irqsave(&tasklist_lock);
	alive = pid_has_task(session, PIDTYPE_SID);
	read_unlock_irqrestore(&tasklist_lock, f);
	if (!alive)
		tty_set_pids(tty, NULL, NULL);
	put_pid(session);
}

static int tiocsctty(struct tty_struct *tty, struct file *file,
		     unsigned long arg)
{
	struct pid *session;

	if (is_ctty(tty))
		return 0;
	if (!is_session_leader() || READ_ONCE(current->signal->tty))
		return -EPERM;
	/* Without read access only CAP_SYS_ADMIN may take it (as Linux). */
	if (!(file->f_mode & FMODE_READ) && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	tty_reap_session(tty);
	session = tty_get_pid(tty, &tty->session);
	if (session && session != task_session(current)) {
		/* Stealing another session's tty: CAP_SYS_ADMIN. */
		if (arg != 1 || !capable(CAP_SYS_ADMIN)) {
			put_pid(session);
			return -EPERM;
		}
		clear_session_tty(tty, session);
	}
	put_pid(session);
	set_ctty(tty);
	return 0;
}

/*
 * Job control: a background process group touching its controlling
 * tty gets sig (SIGTTIN for reads, SIGTTOU for writes with TOSTOP and
 * for changing the settings). Returns 0 to go ahead, -ERESTARTSYS
 * after the signal, or -EIO for a read whose SIGTTIN is blocked or
 * ignored, or from an orphaned group.
 */
static int tty_check_change(struct tty_struct *tty, int sig)
{
	struct pid *pgrp, *fg;
	void *handler;
	unsigned long f;
	int ret = 0;

	if (!is_ctty(tty))
		return 0;
	fg = tty_get_pid(tty, &tty->pgrp);
	f = read_lock_irqsave(&tasklist_lock);
	pgrp = get_pid(task_pgrp(current));
	read_unlock_irqrestore(&tasklist_lock, f);
	if (!fg || pgrp == fg)
		goto out;
	handler = current->sighand->action[sig - 1].handler;
	if (handler == SIG_IGN || sigismember(&current->blocked, sig)) {
		if (sig == SIGTTIN)
			ret = -EIO;
	} else if (is_current_pgrp_orphaned()) {
		ret = -EIO;
	} else {
		kill_pgrp(pgrp, sig, NULL);
		ret = -ERESTARTSYS;
	}
out:
	put_pid(fg);
	put_pid(pgrp);
	return ret;
}

/* The session of process group pgrp (or of the process pgrp names):
 * what tcsetpgrp checks against ours. tasklist_lock held. */
static struct pid *session_of_pgrp(struct pid *pgrp)
{
	struct task_struct *p = pid_task(pgrp, PIDTYPE_PGID);

	assert_rwlock_held(&tasklist_lock);
	if (!p)
		p = pid_task(pgrp, PIDTYPE_PID);
	return p ? task_session(p) : NULL;
}

static int tiocspgrp(struct tty_struct *tty, pid_t __user *arg)
{
	struct pid *pgrp, *session;
	unsigned long f;
	pid_t nr;
	int err;

	/* A background group asking is stopped with SIGTTOU first. */
	err = tty_check_change(tty, SIGTTOU);
	if (err == -EIO)
		return -ENOTTY;
	if (err)
		return err;
	if (get_user(nr, arg))
		return -EFAULT;
	if (nr < 0)
		return -EINVAL;
	session = tty_get_pid(tty, &tty->session);
	f = read_lock_irqsave(&tasklist_lock);
	err = -ENOTTY;
	if (!is_ctty(tty) || session != task_session(current))
		goto out;
	pgrp = find_vpid(nr);
	err = -ESRCH;
	if (pgrp) {
		err = -EPERM;
		if (session_of_pgrp(pgrp) == task_session(current)) {
			tty_set_pgrp(tty, pgrp);
			err = 0;
		}
	}
out:
	read_unlock_irqrestore(&tasklist_lock, f);
	put_pid(session);
	return err;
}

static int tiocnotty(struct tty_struct *tty)
{
	unsigned long f;

	if (!is_ctty(tty))
		return -ENOTTY;
	if (is_session_leader()) {
		disassociate_ctty(0);
		return 0;
	}
	f = write_lock_irqsave(&tasklist_lock);
	if (current->signal->tty == tty) {
		current->signal->tty = NULL;
		tty_kref_put(tty);	/* the file holds another */
	}
	write_unlock_irqrestore(&tasklist_lock, f);
	return 0;
}

/* --- hangup --- */

/* tty_hangup - see tty.h. */
void tty_hangup(struct tty_struct *tty)
{
	struct pid *session = tty_get_pid(tty, &tty->session);
	struct task_struct *leader = NULL;
	unsigned long f = spin_lock_irqsave(&tty->lock);

	tty->hup_gen++;
	spin_unlock_irqrestore(&tty->lock, f);
	if (session) {
		f = write_lock_irqsave(&tasklist_lock);
		if (__clear_session_tty(tty, session)) {
			leader = pid_task(session, PIDTYPE_PID);
			if (leader)
				get_task_struct(leader);
		}
		write_unlock_irqrestore(&tasklist_lock, f);
	}
	tty_set_pids(tty, NULL, NULL);
	if (leader) {
		group_send_sig_info(SIGHUP, NULL, leader);
		group_send_sig_info(SIGCONT, NULL, leader);
		put_task_struct(leader);
	}
	put_pid(session);
	wake_up_interruptible_poll(&tty->read_wait, POLLIN | POLLHUP);
	wake_up_interruptible_poll(&tty->write_wait, POLLOUT | POLLHUP);
}

/* --- file operations --- */

static ssize_t tty_read(struct file *file, char __user *buf, size_t n,
			off_t *pos)
{
	struct tty_struct *tty = file_tty(file);
	ssize_t r;

	if (tty_hung_up_p(file))
		return 0;
	r = tty_check_change(tty, SIGTTIN);
	if (r || !n)
		return r;	/* a read of nothing returns at once */
	if (mutex_lock_killable(&tty->read_mutex))
		return -ERESTARTSYS;
	r = n_tty_read(tty, file, buf, n);
	mutex_unlock(&tty->read_mutex);
	if (r == -EIO && (tty_hung_up_p(file) ||
			  (READ_ONCE(tty->flags) & TTY_HUPPED)))
		r = 0;		/* hung up while we slept: end of file */
	return r;
}

static ssize_t tty_write(struct file *file, const char __user *buf,
			 size_t n, off_t *pos)
{
	struct tty_struct *tty = file_tty(file);
	ssize_t r;

	if (tty_hung_up_p(file))
		return -EIO;
	if (L(tty, TOSTOP)) {
		r = tty_check_change(tty, SIGTTOU);
		if (r)
			return r;
	}
	if (mutex_lock_killable(&tty->write_mutex))
		return -ERESTARTSYS;
	r = n_tty_write(tty, file, buf, n);
	mutex_unlock(&tty->write_mutex);
	return r;
}

static ssize_t tty_kwrite(struct file *file, const void *buf, size_t n,
			  off_t *pos)
{
	struct tty_struct *tty = file_tty(file);
	ssize_t r;

	if (tty_hung_up_p(file))
		return -EIO;
	if (mutex_lock_killable(&tty->write_mutex))
		return -ERESTARTSYS;
	r = n_tty_kwrite(tty, file, buf, n);
	mutex_unlock(&tty->write_mutex);
	return r;
}

static unsigned int tty_poll(struct file *file, struct poll_table *pt)
{
	struct tty_struct *tty = file_tty(file);
	unsigned int mask;

	poll_wait(file, &tty->read_wait, pt);
	poll_wait(file, &tty->write_wait, pt);
	if (tty_hung_up_p(file) || (READ_ONCE(tty->flags) & TTY_HUPPED))
		return POLLIN | POLLOUT | POLLERR | POLLHUP | POLLRDNORM |
		       POLLWRNORM;
	mask = n_tty_poll_mask(tty);
	if (READ_ONCE(tty->flags) & TTY_OTHER_CLOSED)
		mask |= POLLHUP;
	return mask;
}

/* --- termios and window size --- */

static long set_termios_ioctl(struct tty_struct *tty, unsigned int cmd,
			      void __user *arg)
{
	struct termios2 t2;
	struct termios t;
	int err = tty_check_change(tty, SIGTTOU);

	if (err)
		return err;
	if (cmd == TCSETS || cmd == TCSETSW || cmd == TCSETSF) {
		if (copy_from_user(&t, arg, sizeof(t)))
			return -EFAULT;
	} else {
		if (copy_from_user(&t2, arg, sizeof(t2)))
			return -EFAULT;
		memcpy(&t, &t2, sizeof(t));
	}
	mutex_lock(&tty->termios_mutex);
	n_tty_set_termios(tty, &t, cmd == TCSETSF || cmd == TCSETSF2);
	mutex_unlock(&tty->termios_mutex);
	return 0;
}

static long termios_ioctl(struct tty_struct *tty, unsigned int cmd,
			  void __user *arg)
{
	struct termios2 t2;
	struct termios t;
	unsigned long f;

	switch (cmd) {
	case TCGETS:
		f = spin_lock_irqsave(&tty->lock);
		t = tty->termios;
		spin_unlock_irqrestore(&tty->lock, f);
		return copy_to_user(arg, &t, sizeof(t)) ? -EFAULT : 0;
	case TCGETS2:
		f = spin_lock_irqsave(&tty->lock);
		memcpy(&t2, &tty->termios, sizeof(t));
		spin_unlock_irqrestore(&tty->lock, f);
		t2.c_ispeed = t2.c_ospeed = tty->link ? 38400 : 115200;
		return copy_to_user(arg, &t2, sizeof(t2)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
	case TCSETS2:
	case TCSETSW2:
	case TCSETSF2:
		return set_termios_ioctl(tty, cmd, arg);
	}
	return -ENOIOCTLCMD;
}

static long tiocgwinsz(struct tty_struct *tty, struct winsize __user *arg)
{
	unsigned long f = spin_lock_irqsave(&tty->lock);
	struct winsize ws = tty->winsize;

	spin_unlock_irqrestore(&tty->lock, f);
	return copy_to_user(arg, &ws, sizeof(ws)) ? -EFAULT : 0;
}

/* TIOCSWINSZ: a change sends SIGWINCH to the foreground group. */
static long tiocswinsz(struct tty_struct *tty, struct winsize __user *arg)
{
	struct winsize ws;
	struct pid *pgrp;
	unsigned long f;
	bool changed;

	if (copy_from_user(&ws, arg, sizeof(ws)))
		return -EFAULT;
	mutex_lock(&tty->termios_mutex);
	f = spin_lock_irqsave(&tty->lock);
	changed = memcmp(&ws, &tty->winsize, sizeof(ws));
	tty->winsize = ws;
	if (tty->link)			/* a pty pair shares one size */
		tty->link->winsize = ws;
	pgrp = changed ? get_pid(tty->pgrp) : NULL;
	spin_unlock_irqrestore(&tty->lock, f);
	mutex_unlock(&tty->termios_mutex);
	if (pgrp)
		kill_pgrp(pgrp, SIGWINCH, NULL);
	put_pid(pgrp);
	return 0;
}

/* TCFLSH: drop input (and tell a packet-mode master). */
static long tcflsh(struct tty_struct *tty, unsigned long arg)
{
	unsigned long f;

	if (arg > TCIOFLUSH)
		return -EINVAL;
	if (arg != TCOFLUSH) {
		f = spin_lock_irqsave(&tty->lock);
		n_tty_flush_input(tty);
		spin_unlock_irqrestore(&tty->lock, f);
		if (tty->ops->unthrottle)
			tty->ops->unthrottle(tty);
	}
	if (tty->link && !tty->is_master) {
		f = spin_lock_irqsave(&tty->link->lock);
		if (tty->link->packet) {
			if (arg != TCOFLUSH)
				tty->link->pktstatus |= TIOCPKT_FLUSHREAD;
			if (arg != TCIFLUSH)
				tty->link->pktstatus |= TIOCPKT_FLUSHWRITE;
		}
		spin_unlock_irqrestore(&tty->link->lock, f);
		wake_up_interruptible(&tty->link->read_wait);
	}
	return 0;
}

/* tty_flow_changed - see tty.h. */
void tty_flow_changed(struct tty_struct *tty, bool stopped)
{
	if (stopped) {
		pty_packet_status(tty, TIOCPKT_STOP, TIOCPKT_START);
		return;
	}
	pty_packet_status(tty, TIOCPKT_START, TIOCPKT_STOP);
	wake_up_interruptible_poll(&tty->write_wait, POLLOUT | POLLWRNORM);
}

/* stop_tty - see tty.h. */
void stop_tty(struct tty_struct *tty, bool tco)
{
	unsigned long f = spin_lock_irqsave(&tty->lock);
	bool was = tty->stopped;

	if (tco)
		tty->tco_stopped = true;
	tty->stopped = true;
	spin_unlock_irqrestore(&tty->lock, f);
	if (!was)
		tty_flow_changed(tty, true);
}

/* start_tty - see tty.h. */
void start_tty(struct tty_struct *tty, bool tco)
{
	unsigned long f = spin_lock_irqsave(&tty->lock);
	bool restart = tty->stopped && (tco || !tty->tco_stopped);

	if (tco)
		tty->tco_stopped = false;
	if (restart)
		tty->stopped = false;
	spin_unlock_irqrestore(&tty->lock, f);
	if (restart)
		tty_flow_changed(tty, false);
}

/*
 * TCXONC (tcflow): TCOOFF/TCOON stop and restart our output, TCIOFF and
 * TCION send the STOP or START character to the device (unless
 * disabled). A background caller gets SIGTTOU first.
 */
static long tcxonc(struct tty_struct *tty, unsigned long arg)
{
	char c;
	unsigned long f;
	long err;

	if (arg > TCION)
		return -EINVAL;
	err = tty_check_change(tty, SIGTTOU);
	if (err)
		return err;
	if (arg == TCOOFF) {
		stop_tty(tty, true);
	} else if (arg == TCOON) {
		start_tty(tty, true);
	} else {
		f = spin_lock_irqsave(&tty->lock);
		c = tty->termios.c_cc[arg == TCIOFF ? VSTOP : VSTART];
		spin_unlock_irqrestore(&tty->lock, f);
		if (c)			/* 0 disables it */
			tty->ops->write(tty, &c, 1);
	}
	return 0;
}

/* TIOCSTI: push one byte of input (the caller's ctty, or an admin). */
static long tiocsti(struct tty_struct *tty, struct file *file,
		    const char __user *p)
{
	char c;

	if (!is_ctty(tty) && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (get_user(c, p))
		return -EFAULT;
	n_tty_receive(tty, &c, 1);
	return 0;
}

/* The ioctls about the controlling terminal and job control. */
static long ctty_ioctl(struct tty_struct *tty, struct tty_struct *real,
		       struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *p = (void __user *)arg;

	switch (cmd) {
	case TIOCGPGRP:
		/* A master may ask for its slave's group; a slave only
		 * when it is the caller's controlling tty. */
		if (tty == real && !is_ctty(real))
			return -ENOTTY;
		return put_user(tty_pid_vnr(real, &real->pgrp),
				(pid_t __user *)p);
	case TIOCSPGRP:
		return tiocspgrp(real, p);
	case TIOCGSID:
		if (tty == real && !is_ctty(real))
			return -ENOTTY;
		if (!READ_ONCE(real->session))
			return -ENOTTY;
		return put_user(tty_pid_vnr(real, &real->session),
				(pid_t __user *)p);
	case TIOCSCTTY:
		return tiocsctty(real, file, arg);
	case TIOCNOTTY:
		return tiocnotty(tty);
	}
	return -ENOIOCTLCMD;
}

static long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = file_tty(file), *real = real_tty(tty);
	void __user *p = (void __user *)arg;
	unsigned long f;
	long r;

	if (tty_hung_up_p(file))
		return cmd == TIOCSPGRP ? -ENOTTY : -EIO;
	if (tty->ops->ioctl) {
		r = tty->ops->ioctl(tty, file, cmd, arg);
		if (r != -ENOIOCTLCMD)
			return r;
	}
	r = termios_ioctl(real, cmd, p);
	if (r != -ENOIOCTLCMD)
		return r;
	r = ctty_ioctl(tty, real, file, cmd, arg);
	if (r != -ENOIOCTLCMD)
		return r;
	switch (cmd) {
	case TIOCGWINSZ:
		return tiocgwinsz(real, p);
	case TIOCSWINSZ:
		return tiocswinsz(real, p);
	case FIONREAD:
		f = spin_lock_irqsave(&tty->lock);
		r = n_tty_chars_in_buffer(tty);
		spin_unlock_irqrestore(&tty->lock, f);
		return put_user((int)r, (int __user *)p);
	case TIOCOUTQ:
		return put_user(0, (int __user *)p);
	case TCFLSH:
		return tcflsh(tty, arg);
	case TIOCSTI:
		return tiocsti(tty, file, p);
	case TCXONC:
		return tcxonc(tty, arg);
	case TCSBRK:
	case TCSBRKP:
	case TIOCSBRK:
	case TIOCCBRK:
		return 0;
	case TIOCGDEV:
		return put_user(new_encode_dev(tty->dev),
				(unsigned int __user *)p);
	case TIOCGETD:
		return put_user(0, (int __user *)p);	/* N_TTY */
	case TIOCSETD:
		return get_user(r, (int __user *)p) ? -EFAULT :
		       r == 0 ? 0 : -EINVAL;
	case TIOCEXCL:
	case TIOCNXCL:
		return 0;
	case TIOCVHANGUP:
		if (!capable(CAP_SYS_ADMIN))
			return -EPERM;
		tty_hangup(tty);
		return 0;
	}
	return -ENOTTY;
}

/* tty_open_file - see tty.h. */
int tty_open_file(struct tty_struct *tty, struct file *file, bool noctty)
{
	struct tty_file *tf = kmalloc(sizeof(*tf), 0);

	if (!tf) {
		tty_kref_put(tty);
		return -ENOMEM;
	}
	tf->tty = tty;
	tf->hup_gen = READ_ONCE(tty->hup_gen);
	file->private_data = tf;
	file->f_op = &tty_fops;
	file->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	atomic_inc(&tty->count);
	noctty |= (file->f_flags & O_NOCTTY) || tty->is_master;
	if (!noctty && is_session_leader() && !READ_ONCE(current->signal->tty)) {
		tty_reap_session(tty);
		if (!READ_ONCE(tty->session))
			set_ctty(tty);
	}
	return 0;
}

/* Open of a tty device node: /dev/tty, /dev/console, /dev/ttyS0,
 * /dev/ptmx, /dev/pts/N. */
static int tty_dev_open(struct inode *i, struct file *file)
{
	unsigned int dev = i->i_rdev;
	struct tty_struct *tty;

	switch (MAJOR(dev)) {
	case 5:
		if (dev == MKDEV(5, 2))
			return ptmx_open(i, file);
		if (dev == MKDEV(5, 1))
			return tty_open_file(console_tty_get(), file, true);
		if (dev != MKDEV(5, 0))
			return -ENXIO;
		tty = get_task_tty(current);
		if (!tty)
			return -ENXIO;
		return tty_open_file(tty, file, true);
	case 4:
		if (dev != MKDEV(4, 64))
			return -ENXIO;
		return tty_open_file(console_tty_get(), file, false);
	case UNIX98_PTY_SLAVE_MAJOR:
		return pts_open_inode(i, file);
	}
	return -ENXIO;
}

static int tty_release(struct inode *i, struct file *file)
{
	struct tty_file *tf = file->private_data;
	struct tty_struct *tty = tf->tty;

	kfree(tf);
	if (atomic_dec_and_test(&tty->count) && tty->ops->close)
		tty->ops->close(tty);
	tty_kref_put(tty);
	return 0;
}

/*
 * O_ASYNC on a tty (Linux's __tty_fasync): SIGIO when input arrives. A
 * file without an owner yet gets the tty's foreground group, or the
 * caller's process.
 */
static int tty_fasync(int fd, struct file *file, int on)
{
	struct tty_struct *tty = file_tty(file);
	struct pid *pid;
	unsigned long f;
	bool pgrp;
	int err = fasync_helper(fd, file, on, &tty->fasync);

	if (err || !on)
		return err;
	f = spin_lock_irqsave(&tty->lock);
	pgrp = tty->pgrp != NULL;
	pid = get_pid(pgrp ? tty->pgrp : task_pid(current->group_leader));
	spin_unlock_irqrestore(&tty->lock, f);
	fasync_default_owner(file, pid, pgrp);
	put_pid(pid);
	return 0;
}

const struct file_operations tty_fops = {
	.fasync = tty_fasync,
	.open = tty_dev_open,
	.release = tty_release,
	.read = tty_read,
	.write = tty_write,
	.kwrite = tty_kwrite,
	.llseek = no_llseek,
	.ioctl = tty_ioctl,
	.poll = tty_poll,
};

/* tty_devnum - st_rdev-style number of tty, for /proc/pid/stat. */
unsigned int tty_devnum(struct tty_struct *tty)
{
	return tty ? new_encode_dev(tty->dev) : 0;
}

/* tty_get_pgrp - foreground process group of tty as pid namespace ns
 * numbers it (0: none, or not seen from ns). Takes tty->lock. */
pid_t tty_get_pgrp(struct tty_struct *tty, struct pid_namespace *ns)
{
	struct pid *pgrp;
	pid_t nr;

	if (!tty)
		return 0;
	pgrp = tty_get_pid(tty, &tty->pgrp);
	nr = pid_nr_ns(pgrp, ns);
	put_pid(pgrp);
	return nr;
}

/* tty_init - the console, /dev/tty and the pty devices (boot). */
void tty_init(void)
{
	console_tty_init();
	register_chrdev(4, "ttyS", &tty_fops);
	register_chrdev(5, "tty", &tty_fops);
	register_chrdev(UNIX98_PTY_SLAVE_MAJOR, "pts", &tty_fops);
	devpts_init();
}
