/*
 * The console tty: the serial line behind /dev/console, /dev/ttyS0 and
 * (for the session it controls) /dev/tty, with Linux's line discipline
 * (n_tty) semantics: termios, canonical line editing, echo, signals
 * from ^C ^\ ^Z to the foreground process group, and raw reads with
 * VMIN/VTIME.
 *
 * Input arrives one byte at a time from the UART interrupt
 * (tty_receive_char), which edits, echoes and queues it. The ring
 * holds 16-bit cells: a byte plus TTY_EOL (ends a line) or TTY_EOF (a
 * ^D: ends a line, not returned). Locking: tty->lock (irqsave) guards
 * the ring, termios, window size, pgrp and session; read_mutex keeps
 * readers in turn.
 */
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
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

#define ENOIOCTLCMD 515		/* kernel-internal: not a tty ioctl */
#define TTY_BUF_SIZE 4096		/* a power of two */
#define TTY_EOL 0x100
#define TTY_EOF 0x200

struct tty_struct {
	spinlock_t lock;		/* protects everything to read_wait */
	struct termios termios;
	struct winsize winsize;
	struct pid *pgrp;		/* foreground process group (a
					 * reference), NULL none */
	struct pid *session;		/* session it controls (a
					 * reference), NULL none */
	u16 buf[TTY_BUF_SIZE];		/* input ring */
	unsigned int head;		/* next cell to fill */
	unsigned int tail;		/* next cell to read */
	unsigned int canon_head;	/* end of complete lines */
	bool lnext;			/* next byte is literal (^V) */
	struct wait_queue_head read_wait;
	struct mutex read_mutex;	/* one reader at a time */
	unsigned int dev;		/* MKDEV(4, 64) */
};

static struct tty_struct console_tty;

static int tty_check_change(struct tty_struct *tty, int sig);

#define L(t, f) ((t)->termios.c_lflag & (f))
#define I(t, f) ((t)->termios.c_iflag & (f))
#define O(t, f) ((t)->termios.c_oflag & (f))
#define CC(t, i) ((t)->termios.c_cc[i])

static const cc_t init_c_cc[NCCS] = {
	[VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025,
	[VEOF] = 004, [VTIME] = 0, [VMIN] = 1, [VSTART] = 021,
	[VSTOP] = 023, [VSUSP] = 032, [VREPRINT] = 022, [VDISCARD] = 017,
	[VWERASE] = 027, [VLNEXT] = 026,
};

/* --- output --- */

/*
 * Fallback when the console has no raw output: console_write() turns
 * "\n" into "\r\n" itself, so drop a '\r' right before a '\n'.
 */
__attribute__((weak)) void console_write_raw(const char *s, size_t n)
{
	char tmp[256];
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
			continue;
		tmp[k++] = s[i];
		if (k == sizeof(tmp)) {
			console_write(tmp, k);
			k = 0;
		}
	}
	if (k)
		console_write(tmp, k);
}

/* Write n bytes with output processing (OPOST: ONLCR, OCRNL). */
static void tty_output(struct tty_struct *tty, const char *s, size_t n)
{
	char tmp[512];
	size_t i, k = 0;
	bool post = O(tty, OPOST);

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (k + 2 > sizeof(tmp)) {
			console_write_raw(tmp, k);
			k = 0;
		}
		if (post && c == '\n' && O(tty, ONLCR))
			tmp[k++] = '\r';
		else if (post && c == '\r' && O(tty, OCRNL))
			c = '\n';
		tmp[k++] = c;
	}
	if (k)
		console_write_raw(tmp, k);
}

/* Echo one input byte: control characters as ^X with ECHOCTL. */
static void echo_char(struct tty_struct *tty, unsigned char c)
{
	char s[2];

	if (L(tty, ECHOCTL) && (c < 32 || c == 0177) && c != '\n' &&
	    c != '\t') {
		s[0] = '^';
		s[1] = c == 0177 ? '?' : c ^ 0100;
		tty_output(tty, s, 2);
		return;
	}
	s[0] = c;
	tty_output(tty, s, 1);
}

/* Visually erase one echoed cell. */
static void echo_erase(struct tty_struct *tty, u16 cell)
{
	unsigned char c = cell & 0xff;
	int cols = (L(tty, ECHOCTL) && (c < 32 || c == 0177)) ? 2 : 1;

	if (c == '\t')
		cols = 1;
	while (cols--)
		tty_output(tty, "\b \b", 3);
}

/* --- input --- */

static unsigned int ring_count(struct tty_struct *tty)
{
	return tty->head - tty->tail;
}

static void put_cell(struct tty_struct *tty, u16 cell)
{
	tty->buf[tty->head++ & (TTY_BUF_SIZE - 1)] = cell;
}

static void flush_input(struct tty_struct *tty)
{
	tty->head = tty->tail = tty->canon_head = 0;
}

/* Erase the last byte (erase), word (werase) or line (kill). */
static void erase(struct tty_struct *tty, unsigned char c)
{
	bool kill = c == CC(tty, VKILL);
	bool word = c == CC(tty, VWERASE) && L(tty, IEXTEN);
	bool seen_word = false;

	if (tty->head == tty->canon_head)
		return;
	if (kill && !L(tty, ECHOK) && !L(tty, ECHOKE) && L(tty, ECHO)) {
		tty->head = tty->canon_head;
		return;
	}
	if (kill && L(tty, ECHO) && !L(tty, ECHOKE)) {
		tty->head = tty->canon_head;
		echo_char(tty, c);
		tty_output(tty, "\n", 1);
		return;
	}
	while (tty->head != tty->canon_head) {
		u16 cell = tty->buf[(tty->head - 1) & (TTY_BUF_SIZE - 1)];
		unsigned char ch = cell & 0xff;
		bool alnum = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
			     (ch >= 'A' && ch <= 'Z') || ch == '_';

		if (word && !alnum && seen_word)
			break;
		if (word && alnum)
			seen_word = true;
		tty->head--;
		if (L(tty, ECHO) && (L(tty, ECHOE) || kill))
			echo_erase(tty, cell);
		else if (L(tty, ECHO))
			echo_char(tty, c);
		if (!kill && !word)
			break;
	}
}

/* The signal a byte raises under ISIG, or 0. */
static int isig_of(struct tty_struct *tty, unsigned char c)
{
	if (!L(tty, ISIG))
		return 0;
	if (c == CC(tty, VINTR) && c)
		return SIGINT;
	if (c == CC(tty, VQUIT) && c)
		return SIGQUIT;
	if (c == CC(tty, VSUSP) && c)
		return SIGTSTP;
	return 0;
}

/* Queue a byte in canonical mode. Returns true if a line completed. */
static bool canon_char(struct tty_struct *tty, unsigned char c)
{
	bool eol = c == '\n' || (c && (c == CC(tty, VEOL) ||
				       c == CC(tty, VEOL2)));

	if (c && (c == CC(tty, VERASE) || c == CC(tty, VKILL) ||
		  (c == CC(tty, VWERASE) && L(tty, IEXTEN)))) {
		erase(tty, c);
		return false;
	}
	if (c && c == CC(tty, VEOF)) {
		if (ring_count(tty) >= TTY_BUF_SIZE)
			return false;
		put_cell(tty, TTY_EOF | TTY_EOL);
		tty->canon_head = tty->head;
		return true;
	}
	/* Keep the last cell free for the newline that ends a line. */
	if (ring_count(tty) >= TTY_BUF_SIZE - (eol ? 0 : 1))
		return false;
	if (L(tty, ECHO) || (eol && L(tty, ECHONL)))
		echo_char(tty, c);
	put_cell(tty, c | (eol ? TTY_EOL : 0));
	if (eol)
		tty->canon_head = tty->head;
	return eol;
}

/* Apply the input flags; -1 drops the byte. */
static int input_map(struct tty_struct *tty, unsigned char c)
{
	if (I(tty, ISTRIP))
		c &= 0x7f;
	if (c == '\r') {
		if (I(tty, IGNCR))
			return -1;
		if (I(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I(tty, INLCR)) {
		c = '\r';
	}
	if (I(tty, IXON) && c && (c == CC(tty, VSTART) || c == CC(tty, VSTOP)))
		return -1;
	return c;
}

/*
 * tty_receive_char - one byte from the UART (interrupt context): map,
 * edit, echo, queue; raise signals; wake readers.
 */
void tty_receive_char(char ch)
{
	struct tty_struct *tty = &console_tty;
	unsigned long f = spin_lock_irqsave(&tty->lock);
	int c = input_map(tty, (unsigned char)ch);
	int sig = 0;
	struct pid *pgrp = NULL;
	bool wake = false;

	if (c < 0)
		goto out;
	if (tty->lnext) {
		tty->lnext = false;
	} else if ((sig = isig_of(tty, c))) {
		pgrp = get_pid(tty->pgrp);
		if (!L(tty, NOFLSH))
			flush_input(tty);
		if (L(tty, ECHO))
			echo_char(tty, c);
		goto out;
	} else if (L(tty, IEXTEN) && c && c == CC(tty, VLNEXT) &&
		   L(tty, ICANON)) {
		tty->lnext = true;
		if (L(tty, ECHO) && L(tty, ECHOCTL))
			tty_output(tty, "^\b", 2);
		goto out;
	} else if (L(tty, ICANON)) {
		wake = canon_char(tty, c);
		goto out;
	}
	if (L(tty, ICANON)) {
		if (ring_count(tty) < TTY_BUF_SIZE - 1) {
			if (L(tty, ECHO))
				echo_char(tty, c);
			put_cell(tty, c);
		}
		goto out;
	}
	if (ring_count(tty) < TTY_BUF_SIZE) {
		if (L(tty, ECHO))
			echo_char(tty, c);
		put_cell(tty, c);
		tty->canon_head = tty->head;
		wake = true;
	}
out:
	spin_unlock_irqrestore(&tty->lock, f);
	if (wake)
		wake_up_interruptible_poll(&tty->read_wait,
					   POLLIN | POLLRDNORM);
	if (pgrp) {
		kill_pgrp(pgrp, sig, NULL);
		put_pid(pgrp);
	}
}

/* --- reading --- */

/* Bytes a read could take now (canonical: complete lines only). */
static bool input_available(struct tty_struct *tty, unsigned int amt)
{
	if (L(tty, ICANON))
		return tty->canon_head != tty->tail;
	return ring_count(tty) >= amt;
}

/*
 * Take up to n bytes into kbuf. Canonical reads stop after a line end;
 * an EOF cell is consumed and ends the read. Holds tty->lock.
 */
static size_t take_input(struct tty_struct *tty, char *kbuf, size_t n,
			 bool *done)
{
	bool canon = L(tty, ICANON);
	unsigned int end = canon ? tty->canon_head : tty->head;
	size_t got = 0;

	*done = false;
	while (got < n && tty->tail != end) {
		u16 cell = tty->buf[tty->tail & (TTY_BUF_SIZE - 1)];

		tty->tail++;
		if (canon && (cell & TTY_EOF)) {
			*done = true;
			break;
		}
		kbuf[got++] = cell & 0xff;
		if (canon && (cell & TTY_EOL)) {
			*done = true;
			break;
		}
	}
	if (tty->tail == tty->head)
		tty->head = tty->tail = tty->canon_head = 0;
	return got;
}

/*
 * Sleep until input is available (at least amt bytes raw), a signal, or
 * the deadline (0 = none). 0, -ERESTARTSYS, or -ETIMEDOUT.
 */
static int wait_input(struct tty_struct *tty, unsigned int amt, u64 deadline)
{
	struct wait_queue_entry w;
	int err = 0;

	init_wait_entry(&w);
	for (;;) {
		prepare_to_wait(&tty->read_wait, &w, TASK_INTERRUPTIBLE);
		if (input_available(tty, amt))
			break;
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			break;
		}
		if (deadline) {
			if (ktime_get_ns() >= deadline) {
				err = -ETIMEDOUT;
				break;
			}
			schedule_timeout(deadline);
		} else {
			schedule();
		}
	}
	finish_wait(&tty->read_wait, &w);
	return err;
}

/* One chunk of a read: copy out what is there. Bytes or -err. */
static ssize_t read_chunk(struct tty_struct *tty, char __user *buf,
			  size_t n, bool *done)
{
	char kbuf[256];
	unsigned long f = spin_lock_irqsave(&tty->lock);
	size_t got = take_input(tty, kbuf, MIN(n, sizeof(kbuf)), done);

	spin_unlock_irqrestore(&tty->lock, f);
	if (got && copy_to_user(buf, kbuf, got))
		return -EFAULT;
	return got;
}

static ssize_t canon_read(struct tty_struct *tty, struct file *file,
			  char __user *buf, size_t n)
{
	size_t total = 0;
	bool done = false;

	for (;;) {
		ssize_t r;

		if (!input_available(tty, 1)) {
			int err;

			if (file->f_flags & O_NONBLOCK)
				return -EAGAIN;
			err = wait_input(tty, 1, 0);
			if (err)
				return err;
		}
		/* Take one line (in chunks of the bounce buffer). */
		do {
			r = read_chunk(tty, buf + total, n - total, &done);
			if (r < 0)
				return total ? (ssize_t)total : r;
			total += r;
		} while (!done && r > 0 && total < n);
		if (total || done)
			return total;
	}
}

static ssize_t raw_read(struct tty_struct *tty, struct file *file,
			char __user *buf, size_t n)
{
	unsigned int min = CC(tty, VMIN), time = CC(tty, VTIME);
	u64 tick = (u64)time * 100000000ULL;
	u64 deadline = time ? ktime_get_ns() + tick : 0;
	size_t total = 0;
	bool done;

	for (;;) {
		ssize_t r = read_chunk(tty, buf + total, n - total, &done);
		int err;

		if (r < 0)
			return total ? (ssize_t)total : r;
		total += r;
		if (r && time)
			deadline = ktime_get_ns() + tick;	/* inter-byte */
		if (total >= n || (min && total >= min) || (!min && total))
			break;
		if (!min && !time)
			break;
		if (file->f_flags & O_NONBLOCK)
			return total ? (ssize_t)total : -EAGAIN;
		err = wait_input(tty, 1, (time && (!min || total)) ? deadline
								   : 0);
		if (err == -ETIMEDOUT)
			break;
		if (err)
			return total ? (ssize_t)total : err;
	}
	return total;
}

static ssize_t tty_read(struct file *file, char __user *buf, size_t n,
			off_t *pos)
{
	struct tty_struct *tty = file->private_data;
	ssize_t r;

	r = tty_check_change(tty, SIGTTIN);
	if (r)
		return r;
	if (mutex_lock_killable(&tty->read_mutex))
		return -ERESTARTSYS;
	r = L(tty, ICANON) ? canon_read(tty, file, buf, n)
			   : raw_read(tty, file, buf, n);
	mutex_unlock(&tty->read_mutex);
	return r;
}

static ssize_t tty_write(struct file *file, const char __user *buf,
			 size_t n, off_t *pos)
{
	struct tty_struct *tty = file->private_data;
	char kbuf[256];
	size_t done = 0;

	if (L(tty, TOSTOP)) {
		int err = tty_check_change(tty, SIGTTOU);

		if (err)
			return err;
	}
	while (done < n) {
		size_t chunk = MIN(sizeof(kbuf), n - done);

		if (copy_from_user(kbuf, buf + done, chunk))
			return done ? (ssize_t)done : -EFAULT;
		tty_output(tty, kbuf, chunk);
		done += chunk;
	}
	return done;
}

static ssize_t tty_kwrite(struct file *file, const void *buf, size_t n,
			  off_t *pos)
{
	tty_output(file->private_data, buf, n);
	return n;
}

static unsigned int tty_poll(struct file *file, struct poll_table *pt)
{
	struct tty_struct *tty = file->private_data;
	unsigned int amt = 1, mask = POLLOUT | POLLWRNORM;

	poll_wait(file, &tty->read_wait, pt);
	if (!L(tty, ICANON) && !CC(tty, VTIME) && CC(tty, VMIN))
		amt = CC(tty, VMIN);
	if (input_available(tty, amt))
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

/* --- controlling terminal --- */

static bool is_ctty(struct tty_struct *tty)
{
	return current->signal->tty == tty;
}

static bool is_session_leader(void)
{
	return task_session(current) == task_pid(current->group_leader);
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

	tty_set_pids(tty, task_pgrp(current), task_session(current));
	current->signal->tty = tty;
	write_unlock_irqrestore(&tasklist_lock, f);
}

/* Forget tty in every process of session. */
static void clear_session_tty(struct tty_struct *tty, struct pid *session)
{
	struct task_struct *t;
	unsigned long f;

	if (!session)
		return;
	f = write_lock_irqsave(&tasklist_lock);
	list_for_each_entry(t, &session->tasks[PIDTYPE_SID],
			    pid_links[PIDTYPE_SID])
		if (t->signal->tty == tty)
			t->signal->tty = NULL;
	write_unlock_irqrestore(&tasklist_lock, f);
}

/* disassociate_ctty - see tty.h. */
void disassociate_ctty(int on_exit)
{
	struct tty_struct *tty = current->signal ? current->signal->tty : NULL;
	struct pid *pgrp, *session;

	if (!tty)
		return;
	pgrp = tty_get_pid(tty, &tty->pgrp);
	session = tty_get_pid(tty, &tty->session);
	if (on_exit && pgrp) {
		kill_pgrp(pgrp, SIGHUP, NULL);
		kill_pgrp(pgrp, SIGCONT, NULL);
	}
	tty_set_pids(tty, NULL, NULL);
	clear_session_tty(tty, session);
	put_pid(pgrp);
	put_pid(session);
}

/*
 * Forget the session of a tty whose session has died without giving it
 * up (its leader exited before disassociate_ctty() was called).
 */
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

static int tiocsctty(struct tty_struct *tty, unsigned long arg)
{
	struct pid *session;

	if (is_ctty(tty))
		return 0;
	if (!is_session_leader() || current->signal->tty)
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

/* The session of process group pgrp (or of the process pgrp names):
 * what tcsetpgrp checks against ours. tasklist_lock held. */
static struct pid *session_of_pgrp(struct pid *pgrp)
{
	struct task_struct *p = pid_task(pgrp, PIDTYPE_PGID);

	if (!p)
		p = pid_task(pgrp, PIDTYPE_PID);
	return p ? task_session(p) : NULL;
}

static int tiocspgrp(struct tty_struct *tty, pid_t __user *arg)
{
	struct pid *pgrp;
	unsigned long f;
	pid_t nr;
	int err;

	if (!is_ctty(tty) || READ_ONCE(tty->session) != task_session(current))
		return -ENOTTY;
	/* A background group asking is stopped with SIGTTOU first. */
	err = tty_check_change(tty, SIGTTOU);
	if (err)
		return err;
	if (get_user(nr, arg))
		return -EFAULT;
	if (nr < 0)
		return -EINVAL;
	f = read_lock_irqsave(&tasklist_lock);
	pgrp = find_vpid(nr);
	err = -ESRCH;
	if (pgrp) {
		err = -EPERM;
		if (session_of_pgrp(pgrp) == task_session(current)) {
			tty_set_pgrp(tty, pgrp);
			err = 0;
		}
	}
	read_unlock_irqrestore(&tasklist_lock, f);
	return err;
}

/*
 * Job control: a background process group touching its controlling
 * tty gets sig (SIGTTIN for reads, SIGTTOU for writes with TOSTOP and
 * for changing the settings). Returns 0 to go ahead, -ERESTARTSYS
 * after the signal, or -EIO for a read whose SIGTTIN is blocked or
 * ignored.
 */
static int tty_check_change(struct tty_struct *tty, int sig)
{
	struct pid *pgrp;
	void *handler;
	unsigned long f;

	if (!is_ctty(tty) || !READ_ONCE(tty->pgrp))
		return 0;
	f = read_lock_irqsave(&tasklist_lock);
	pgrp = get_pid(task_pgrp(current));
	read_unlock_irqrestore(&tasklist_lock, f);
	if (pgrp == READ_ONCE(tty->pgrp)) {
		put_pid(pgrp);
		return 0;
	}
	handler = current->sighand->action[sig - 1].handler;
	if (handler == SIG_IGN || sigismember(&current->blocked, sig)) {
		put_pid(pgrp);
		return sig == SIGTTIN ? -EIO : 0;
	}
	kill_pgrp(pgrp, sig, NULL);
	put_pid(pgrp);
	return -ERESTARTSYS;
}

/* --- termios ioctls --- */

static void set_termios(struct tty_struct *tty, const struct termios *t,
			bool flush)
{
	unsigned long f = spin_lock_irqsave(&tty->lock);
	bool was_canon = L(tty, ICANON);

	tty->termios = *t;
	if (flush)
		flush_input(tty);
	if (was_canon != !!L(tty, ICANON))
		tty->canon_head = tty->head;	/* a partial line is pushed */
	spin_unlock_irqrestore(&tty->lock, f);
	wake_up_interruptible(&tty->read_wait);
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
		t2.c_ispeed = t2.c_ospeed = 115200;
		return copy_to_user(arg, &t2, sizeof(t2)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
	case TCSETS2:
	case TCSETSW2:
	case TCSETSF2: {
		int err = tty_check_change(tty, SIGTTOU);

		if (err)
			return err;
		break;
	}
	}
	switch (cmd) {
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		if (copy_from_user(&t, arg, sizeof(t)))
			return -EFAULT;
		set_termios(tty, &t, cmd == TCSETSF);
		return 0;
	case TCSETS2:
	case TCSETSW2:
	case TCSETSF2:
		if (copy_from_user(&t2, arg, sizeof(t2)))
			return -EFAULT;
		memcpy(&t, &t2, sizeof(t));
		set_termios(tty, &t, cmd == TCSETSF2);
		return 0;
	}
	return -ENOIOCTLCMD;
}

struct serial_struct {
	int type;
	int line;
	unsigned int port;
	int irq;
	int flags;
	int xmit_fifo_size;
	int custom_divisor;
	int baud_base;
	unsigned short close_delay;
	char io_type;
	char reserved_char[1];
	int hub6;
	unsigned short closing_wait;
	unsigned short closing_wait2;
	unsigned char *iomem_base;
	unsigned short iomem_reg_shift;
	unsigned int port_high;
	unsigned long iomap_base;
};

static long tiocgserial(struct serial_struct __user *arg)
{
	struct serial_struct s;

	memset(&s, 0, sizeof(s));
	s.type = 4;			/* PORT_16550A */
	s.line = 0;			/* ttyS0 */
	s.port = 0x3f8;
	s.irq = 4;
	s.xmit_fifo_size = 16;
	s.baud_base = 115200;
	return copy_to_user(arg, &s, sizeof(s)) ? -EFAULT : 0;
}

static long winsize_ioctl(struct tty_struct *tty, unsigned int cmd,
			  struct winsize __user *arg)
{
	struct winsize ws;
	struct pid *pgrp;
	bool changed;

	if (cmd == TIOCGWINSZ)
		return copy_to_user(arg, &tty->winsize, sizeof(ws)) ? -EFAULT
								    : 0;
	if (copy_from_user(&ws, arg, sizeof(ws)))
		return -EFAULT;
	changed = memcmp(&ws, &tty->winsize, sizeof(ws));
	tty->winsize = ws;
	pgrp = tty_get_pid(tty, &tty->pgrp);
	if (changed && pgrp)
		kill_pgrp(pgrp, SIGWINCH, NULL);
	put_pid(pgrp);
	return 0;
}

static long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = file->private_data;
	void __user *p = (void __user *)arg;
	unsigned long f;
	long r;

	r = termios_ioctl(tty, cmd, p);
	if (r != -ENOIOCTLCMD)
		return r;
	switch (cmd) {
	case TIOCGWINSZ:
	case TIOCSWINSZ:
		return winsize_ioctl(tty, cmd, p);
	case TIOCGPGRP:
		if (!is_ctty(tty))
			return -ENOTTY;
		return put_user(tty_pid_vnr(tty, &tty->pgrp),
				(pid_t __user *)p);
	case TIOCSPGRP:
		return tiocspgrp(tty, p);
	case TIOCGSID:
		if (!is_ctty(tty) || !READ_ONCE(tty->session))
			return -ENOTTY;
		return put_user(tty_pid_vnr(tty, &tty->session),
				(pid_t __user *)p);
	case TIOCSCTTY:
		return tiocsctty(tty, arg);
	case TIOCNOTTY:
		if (!is_ctty(tty))
			return -ENOTTY;
		if (is_session_leader())
			disassociate_ctty(1);
		else
			current->signal->tty = NULL;
		return 0;
	case FIONREAD:
		f = spin_lock_irqsave(&tty->lock);
		r = L(tty, ICANON) ? tty->canon_head - tty->tail
				   : ring_count(tty);
		spin_unlock_irqrestore(&tty->lock, f);
		return put_user((int)r, (int __user *)p);
	case TIOCOUTQ:
		return put_user(0, (int __user *)p);
	case TCFLSH:
		if (arg > TCIOFLUSH)
			return -EINVAL;
		if (arg != TCOFLUSH) {
			f = spin_lock_irqsave(&tty->lock);
			flush_input(tty);
			spin_unlock_irqrestore(&tty->lock, f);
		}
		return 0;
	case TCXONC:
		return arg > TCION ? -EINVAL : 0;
	case TCSBRK:
	case TCSBRKP:
	case TIOCSBRK:
	case TIOCCBRK:
		return 0;
	case TIOCGSERIAL:
		return tiocgserial(p);
	case TIOCGDEV:
		return put_user(new_encode_dev(tty->dev), (unsigned int __user *)p);
	case TIOCGETD:
		return put_user(0, (int __user *)p);
	case TIOCSETD:
		return 0;
	case TIOCEXCL:
	case TIOCNXCL:
		return 0;
	case TIOCVHANGUP:
		return capable(CAP_SYS_ADMIN) ? 0 : -EPERM;
	}
	return -ENOTTY;
}

/* --- opening --- */

static int tty_open(struct inode *i, struct file *file)
{
	struct tty_struct *tty = &console_tty;
	unsigned int dev = i->i_rdev;
	bool noctty;

	if (dev == MKDEV(5, 0)) {
		if (!current->signal->tty)
			return -ENXIO;
		tty = current->signal->tty;
	} else if (dev != MKDEV(5, 1) && dev != MKDEV(4, 64)) {
		return -ENXIO;
	}
	file->private_data = tty;
	file->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	/* /dev/tty and /dev/console never become a controlling tty. */
	noctty = (file->f_flags & O_NOCTTY) || dev == MKDEV(5, 0) ||
		 dev == MKDEV(5, 1);
	if (!noctty && is_session_leader() && !current->signal->tty) {
		tty_reap_session(tty);
		if (!READ_ONCE(tty->session))
			set_ctty(tty);
	}
	return 0;
}

static const struct file_operations tty_fops = {
	.open = tty_open,
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

/* tty_get_pgrp - foreground process group of tty as the initial
 * namespace numbers it (0: none). */
pid_t tty_get_pgrp(struct tty_struct *tty)
{
	struct pid *pgrp;
	pid_t nr;

	if (!tty)
		return 0;
	pgrp = tty_get_pid(tty, &tty->pgrp);
	nr = pid_nr_ns(pgrp, &init_pid_ns);
	put_pid(pgrp);
	return nr;
}

/* tty_init - the console tty with Linux's default termios (boot). */
void tty_init(void)
{
	struct tty_struct *tty = &console_tty;

	spin_lock_init(&tty->lock);
	init_waitqueue_head(&tty->read_wait);
	mutex_init(&tty->read_mutex);
	tty->dev = MKDEV(4, 64);
	tty->termios.c_iflag = ICRNL | IXON;
	tty->termios.c_oflag = OPOST | ONLCR;
	tty->termios.c_cflag = B115200 | CS8 | CREAD | HUPCL | CLOCAL;
	tty->termios.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK |
			       ECHOCTL | ECHOKE | IEXTEN;
	memcpy(tty->termios.c_cc, init_c_cc, NCCS);
	tty->winsize = (struct winsize){ 24, 80, 0, 0 };
	register_chrdev(4, "ttyS", &tty_fops);
	register_chrdev(5, "tty", &tty_fops);
}
