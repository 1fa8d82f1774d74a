/*
 * n_tty: the line discipline every tty uses (Linux's N_TTY semantics).
 * Input (n_tty_receive) is mapped by the input flags, edited in
 * canonical mode (erase, word erase, kill, ^V), echoed, and turned into
 * signals for the foreground group (^C ^\ ^Z); reads take whole lines
 * in canonical mode and honour VMIN/VTIME in raw mode. Output
 * (n_tty_write) is processed by the output flags (OPOST: ONLCR, OCRNL)
 * and handed to the driver, waiting while the driver has no room (a
 * pty whose peer's ring is full).
 *
 * The input ring holds 16-bit cells: a byte plus N_TTY_EOL (ends a line)
 * or N_TTY_EOF (a ^D: ends a line, not returned). Echoes are queued in
 * tty->echo_buf under tty->lock and written by n_tty_flush_echoes()
 * after the lock is dropped, by one flusher at a time (TTY_ECHO_BUSY),
 * so no driver write (which for a pty takes the peer's lock) ever
 * happens under a tty lock. Locks: tty.h.
 */
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/pid.h>
#include <tine/poll.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/time.h>
#include <tine/tty.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

#define N_TTY_EOL 0x100
#define N_TTY_EOF 0x200
#define RING_MASK (N_TTY_BUF_SIZE - 1)
#define ECHO_MASK (TTY_ECHO_SIZE - 1)

#define L(t, f) ((t)->termios.c_lflag & (f))
#define I(t, f) ((t)->termios.c_iflag & (f))
#define O(t, f) ((t)->termios.c_oflag & (f))
#define CC(t, i) ((t)->termios.c_cc[i])

/* --- echoes --- */

/* Queue echo bytes (dropped when the echo buffer is full). Holds lock. */
static void echo_put(struct tty_struct *tty, const char *s, size_t n)
{
	while (n-- && tty->echo_head - tty->echo_tail < TTY_ECHO_SIZE)
		tty->echo_buf[tty->echo_head++ & ECHO_MASK] = *s++;
}

/* Echo one input byte: control characters as ^X with ECHOCTL. */
static void echo_char(struct tty_struct *tty, unsigned char c)
{
	char s[2];

	if (L(tty, ECHOCTL) && (c < 32 || c == 0177) && c != '\n' &&
	    c != '\t') {
		s[0] = '^';
		s[1] = c == 0177 ? '?' : c ^ 0100;
		echo_put(tty, s, 2);
		return;
	}
	if (c == '\n' && O(tty, OPOST) && O(tty, ONLCR))
		echo_put(tty, "\r", 1);
	s[0] = c;
	echo_put(tty, s, 1);
}

/* Visually erase one echoed cell. */
static void echo_erase(struct tty_struct *tty, u16 cell)
{
	unsigned char c = cell & 0xff;
	int cols = (L(tty, ECHOCTL) && (c < 32 || c == 0177)) ? 2 : 1;

	if (c == '\t')
		cols = 1;
	while (cols--)
		echo_put(tty, "\b \b", 3);
}

/* n_tty_flush_echoes - see tty.h. */
void n_tty_flush_echoes(struct tty_struct *tty)
{
	unsigned long f = spin_lock_irqsave(&tty->lock);

	if (tty->flags & TTY_ECHO_BUSY) {
		spin_unlock_irqrestore(&tty->lock, f);
		return;		/* the busy flusher empties it */
	}
	tty->flags |= TTY_ECHO_BUSY;
	while (tty->echo_head != tty->echo_tail) {
		char chunk[64];
		size_t n = 0, took;

		while (n < sizeof(chunk) && tty->echo_tail + n != tty->echo_head) {
			chunk[n] = tty->echo_buf[(tty->echo_tail + n) & ECHO_MASK];
			n++;
		}
		spin_unlock_irqrestore(&tty->lock, f);
		took = tty->ops->write(tty, chunk, n);
		f = spin_lock_irqsave(&tty->lock);
		tty->echo_tail += took;
		if (took < n)
			break;	/* no room: the next flush tries again */
	}
	tty->flags &= ~TTY_ECHO_BUSY;
	spin_unlock_irqrestore(&tty->lock, f);
}

/* --- input --- */

static unsigned int ring_count(struct tty_struct *tty)
{
	return tty->head - tty->tail;
}

static void put_cell(struct tty_struct *tty, u16 cell)
{
	tty->buf[tty->head++ & RING_MASK] = cell;
}

/* n_tty_flush_input - see tty.h. */
void n_tty_flush_input(struct tty_struct *tty)
{
	assert_spin_locked(&tty->lock);
	tty->head = tty->tail = tty->canon_head = 0;
}

static bool is_word_char(unsigned char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
	       (ch >= 'A' && ch <= 'Z') || ch == '_';
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
		echo_char(tty, '\n');
		return;
	}
	while (tty->head != tty->canon_head) {
		u16 cell = tty->buf[(tty->head - 1) & RING_MASK];
		unsigned char ch = cell & 0xff;

		if (word && !is_word_char(ch) && seen_word)
			break;
		if (word && is_word_char(ch))
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
		if (ring_count(tty) >= N_TTY_BUF_SIZE)
			return false;
		put_cell(tty, N_TTY_EOF | N_TTY_EOL);
		tty->canon_head = tty->head;
		return true;
	}
	/* Keep the last cell free for the newline that ends a line. */
	if (ring_count(tty) >= N_TTY_BUF_SIZE - (eol ? 0 : 1))
		return false;
	if (L(tty, ECHO) || (eol && L(tty, ECHONL)))
		echo_char(tty, c);
	put_cell(tty, c | (eol ? N_TTY_EOL : 0));
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
	return c;
}

/*
 * With IXON, START and STOP restart and stop our output (and are not
 * input); with IXANY any other byte restarts it too, unless TCOOFF
 * stopped it. Is ch a flow-control byte? tty->lock held.
 */
static bool flow_control(struct tty_struct *tty, unsigned char ch)
{
	unsigned char c = I(tty, ISTRIP) ? ch & 0x7f : ch;

	assert_spin_locked(&tty->lock);
	if (!I(tty, IXON))
		return false;
	if (c && c == CC(tty, VSTART)) {
		if (!tty->tco_stopped)
			tty->stopped = false;
		return true;
	}
	if (c && c == CC(tty, VSTOP)) {
		tty->stopped = true;
		return true;
	}
	if (I(tty, IXANY) && !tty->tco_stopped)
		tty->stopped = false;
	return false;
}

/*
 * One input byte. Returns -1 when a raw ring is full (not taken), 1
 * when readers should wake, else 0; *sig is set for a signal byte.
 * tty->lock held.
 */
static int receive_one(struct tty_struct *tty, unsigned char ch, int *sig)
{
	int c;

	assert_spin_locked(&tty->lock);
	if (!tty->lnext && flow_control(tty, ch))
		return 0;
	c = input_map(tty, ch);
	if (c < 0)
		return 0;
	if (tty->lnext) {
		tty->lnext = false;
	} else if ((*sig = isig_of(tty, c))) {
		if (!L(tty, NOFLSH))
			n_tty_flush_input(tty);
		if (L(tty, ECHO))
			echo_char(tty, c);
		return 0;
	} else if (L(tty, IEXTEN) && c && c == CC(tty, VLNEXT) &&
		   L(tty, ICANON)) {
		tty->lnext = true;
		if (L(tty, ECHO) && L(tty, ECHOCTL))
			echo_put(tty, "^\b", 2);
		return 0;
	} else if (L(tty, ICANON)) {
		return canon_char(tty, c);
	}
	if (L(tty, ICANON)) {		/* a literal (^V) byte */
		if (ring_count(tty) < N_TTY_BUF_SIZE - 1) {
			if (L(tty, ECHO))
				echo_char(tty, c);
			put_cell(tty, c);
		}
		return 0;
	}
	if (ring_count(tty) >= N_TTY_BUF_SIZE)
		return -1;
	if (L(tty, ECHO))
		echo_char(tty, c);
	put_cell(tty, c);
	tty->canon_head = tty->head;
	return 1;
}

/* Send a signal byte's signal to tty's foreground group. No lock held. */
static void isig_raise(struct tty_struct *tty, int sig)
{
	unsigned long f = spin_lock_irqsave(&tty->lock);
	struct pid *pgrp = get_pid(tty->pgrp);

	spin_unlock_irqrestore(&tty->lock, f);
	if (pgrp) {
		kill_pgrp(pgrp, sig, NULL);
		put_pid(pgrp);
	}
}

/* n_tty_receive - see tty.h. */
size_t n_tty_receive(struct tty_struct *tty, const char *buf, size_t n)
{
	size_t done = 0;
	bool wake = false;

	while (done < n) {
		unsigned long f = spin_lock_irqsave(&tty->lock);
		bool was_stopped = tty->stopped;
		int sig = 0, r = 0;

		while (done < n && !sig) {
			r = receive_one(tty, buf[done], &sig);
			if (r < 0)
				break;
			done++;
			wake |= r;
		}
		was_stopped ^= tty->stopped;	/* changed by ^S/^Q? */
		spin_unlock_irqrestore(&tty->lock, f);
		if (was_stopped)
			tty_flow_changed(tty, READ_ONCE(tty->stopped));
		n_tty_flush_echoes(tty);
		if (sig)
			isig_raise(tty, sig);
		if (r < 0)
			break;
	}
	if (wake) {
		wake_up_interruptible_poll(&tty->read_wait, POLLIN | POLLRDNORM);
		kill_fasync(&tty->fasync, POLL_IN);
	}
	return done;
}

/* n_tty_receive_room - see tty.h. */
size_t n_tty_receive_room(struct tty_struct *tty)
{
	unsigned long f = spin_lock_irqsave(&tty->lock);
	size_t room = N_TTY_BUF_SIZE - ring_count(tty);

	/* A canonical ring drops what does not fit: never block on it. */
	if (L(tty, ICANON) && !room)
		room = 1;
	spin_unlock_irqrestore(&tty->lock, f);
	return room;
}

/* --- reading --- */

/* Bytes a read could take now (canonical: complete lines only). */
static bool input_available(struct tty_struct *tty, unsigned int amt)
{
	if (L(tty, ICANON))
		return tty->canon_head != tty->tail;
	return ring_count(tty) >= amt;
}

/* n_tty_chars_in_buffer - see tty.h. */
unsigned int n_tty_chars_in_buffer(struct tty_struct *tty)
{
	assert_spin_locked(&tty->lock);
	return L(tty, ICANON) ? tty->canon_head - tty->tail : ring_count(tty);
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
		u16 cell = tty->buf[tty->tail & RING_MASK];

		tty->tail++;
		if (canon && (cell & N_TTY_EOF)) {
			*done = true;
			break;
		}
		kbuf[got++] = cell & 0xff;
		if (canon && (cell & N_TTY_EOL)) {
			*done = true;
			break;
		}
	}
	if (tty->tail == tty->head)
		tty->head = tty->tail = tty->canon_head = 0;
	return got;
}

/* Nothing will ever come: a hung-up tty, or a master whose slave is
 * closed. tty->lock held or a racy peek. */
static bool input_dead(struct tty_struct *tty)
{
	return tty->flags & (TTY_HUPPED | TTY_OTHER_CLOSED);
}

/*
 * Sleep until input is available (at least amt bytes raw), a signal, or
 * the deadline (0 = none). 0, -EIO (the other side closed: see
 * input_dead), -ERESTARTSYS, or -ETIMEDOUT.
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
		if (input_dead(tty)) {
			err = -EIO;
			break;
		}
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
	if (got && tty->ops->unthrottle)
		tty->ops->unthrottle(tty);
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

			if (input_dead(tty))
				return -EIO;
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
		if (input_dead(tty))
			return total ? (ssize_t)total : -EIO;
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

/*
 * A pty master in packet mode: a pending status byte is read alone;
 * data comes after a TIOCPKT_DATA byte. Returns 1 (status read), 0
 * (go on with data) or -EFAULT.
 */
static int packet_status(struct tty_struct *tty, char __user *buf)
{
	unsigned long f = spin_lock_irqsave(&tty->lock);
	unsigned char st = tty->pktstatus;

	tty->pktstatus = 0;
	spin_unlock_irqrestore(&tty->lock, f);
	if (put_user(st, (unsigned char __user *)buf))
		return -EFAULT;
	return st ? 1 : 0;
}

/*
 * n_tty_read - read for tty's files: whole lines in canonical mode,
 * VMIN/VTIME in raw mode; -EIO once nothing can come (a master whose
 * slave closed). Caller holds tty->read_mutex; sleeps.
 */
ssize_t n_tty_read(struct tty_struct *tty, struct file *file,
		   char __user *buf, size_t n)
{
	ssize_t r;

	mutex_assert_held(&tty->read_mutex);
	if (READ_ONCE(tty->packet) && n) {
		r = packet_status(tty, buf);
		if (r)
			return r;
		if (!input_available(tty, 1) && !READ_ONCE(tty->pktstatus) &&
		    input_dead(tty))
			return -EIO;
		r = L(tty, ICANON) ? canon_read(tty, file, buf + 1, n - 1)
				   : raw_read(tty, file, buf + 1, n - 1);
		return r < 0 ? r : r + 1;
	}
	return L(tty, ICANON) ? canon_read(tty, file, buf, n)
			      : raw_read(tty, file, buf, n);
}

/* --- writing --- */

/*
 * Process input bytes in[0..n) by the output flags into out (room for
 * 2n bytes); in_at[j] = input bytes fully emitted by out[0..j).
 * Returns the output length.
 */
static size_t process_output(struct tty_struct *tty, const char *in, size_t n,
			     char *out, u16 *in_at)
{
	bool post = O(tty, OPOST);
	size_t i, k = 0;

	in_at[0] = 0;
	for (i = 0; i < n; i++) {
		char c = in[i];

		if (post && c == '\n' && O(tty, ONLCR)) {
			out[k++] = '\r';
			in_at[k] = i;
		} else if (post && c == '\r' && O(tty, OCRNL)) {
			c = '\n';
		}
		out[k++] = c;
		in_at[k] = i + 1;
	}
	return k;
}

/* Sleep until the driver has room, hangup, or a signal. 0 or -err. */
static int wait_write_room(struct tty_struct *tty, struct file *file)
{
	struct wait_queue_entry w;
	int err = 0;

	if (file->f_flags & O_NONBLOCK)
		return -EAGAIN;
	init_wait_entry(&w);
	for (;;) {
		prepare_to_wait(&tty->write_wait, &w, TASK_INTERRUPTIBLE);
		if (READ_ONCE(tty->flags) & TTY_HUPPED) {
			err = -EIO;
			break;
		}
		if (!READ_ONCE(tty->stopped) &&
		    (!tty->ops->write_room || tty->ops->write_room(tty)))
			break;
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&tty->write_wait, &w);
	return err;
}

/* Write out[0..k) to the driver, waiting for room. Returns input bytes
 * fully written (in_at) when stopped early, with *err set. */
static size_t write_out(struct tty_struct *tty, struct file *file,
			const char *out, size_t k, const u16 *in_at, int *err)
{
	size_t sent = 0;

	*err = 0;
	while (sent < k) {
		size_t took = READ_ONCE(tty->stopped) ? 0 :
			      tty->ops->write(tty, out + sent, k - sent);

		sent += took;
		if (took)
			continue;
		*err = wait_write_room(tty, file);
		if (*err)
			break;
	}
	return in_at[sent];
}

/*
 * Write n bytes (user memory if ubuf, else kernel memory kbuf) through
 * output processing, waiting for room. Bytes written, or -EIO (hung
 * up), -EAGAIN, -ERESTARTSYS, -EFAULT when nothing was.
 */
static ssize_t do_write(struct tty_struct *tty, struct file *file,
			const char __user *ubuf, const char *kbuf, size_t n)
{
	char in[128], out[256];
	u16 in_at[257];
	size_t done = 0;

	while (done < n) {
		size_t chunk = MIN(sizeof(in), n - done), k, wrote;
		int err;

		if (READ_ONCE(tty->flags) & TTY_HUPPED)
			return done ? (ssize_t)done : -EIO;
		if (!ubuf)
			memcpy(in, kbuf + done, chunk);
		else if (copy_from_user(in, ubuf + done, chunk))
			return done ? (ssize_t)done : -EFAULT;
		k = process_output(tty, in, chunk, out, in_at);
		wrote = write_out(tty, file, out, k, in_at, &err);
		done += wrote;
		if (err)
			return done ? (ssize_t)done : err;
	}
	return done;
}

/*
 * n_tty_write - write n user bytes to tty through output processing.
 * Returns the bytes written, or -EIO (hung up), -EAGAIN, -ERESTARTSYS,
 * -EFAULT when nothing was. Caller holds tty->write_mutex; sleeps.
 */
ssize_t n_tty_write(struct tty_struct *tty, struct file *file,
		    const char __user *buf, size_t n)
{
	mutex_assert_held(&tty->write_mutex);
	return do_write(tty, file, buf, NULL, n);
}

/* n_tty_kwrite - n_tty_write from kernel memory (console messages,
 * sendfile). Caller holds tty->write_mutex; sleeps. */
ssize_t n_tty_kwrite(struct tty_struct *tty, struct file *file,
		     const char *buf, size_t n)
{
	mutex_assert_held(&tty->write_mutex);
	return do_write(tty, file, NULL, buf, n);
}

/* n_tty_poll_mask - POLLIN/POLLOUT readiness of tty (no hangup bits). */
unsigned int n_tty_poll_mask(struct tty_struct *tty)
{
	unsigned int amt = 1, mask = 0;

	if (!L(tty, ICANON) && !CC(tty, VTIME) && CC(tty, VMIN))
		amt = CC(tty, VMIN);
	if (input_available(tty, amt))
		mask |= POLLIN | POLLRDNORM;
	if (tty->packet && tty->pktstatus)
		mask |= POLLPRI | POLLIN | POLLRDNORM;
	if (!tty->stopped &&
	    (!tty->ops->write_room || tty->ops->write_room(tty)))
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

/* Does ^S/^Q flow control apply (what a packet-mode master is told:
 * TIOCPKT_DOSTOP / NOSTOP)? tty->lock held. */
static bool std_flow(struct tty_struct *tty)
{
	assert_spin_locked(&tty->lock);
	return I(tty, IXON) && CC(tty, VSTOP) == '\023' &&
	       CC(tty, VSTART) == '\021';
}

/* n_tty_set_termios - see tty.h. Takes tty->lock; wakes readers. */
void n_tty_set_termios(struct tty_struct *tty, const struct termios *t,
		       bool flush)
{
	unsigned long f = spin_lock_irqsave(&tty->lock);
	bool was_canon = L(tty, ICANON), old_flow = std_flow(tty), new_flow;

	tty->termios = *t;
	if (flush)
		n_tty_flush_input(tty);
	if (was_canon != !!L(tty, ICANON))
		tty->canon_head = tty->head;	/* a partial line is pushed */
	new_flow = std_flow(tty);
	spin_unlock_irqrestore(&tty->lock, f);
	wake_up_interruptible(&tty->read_wait);
	if (new_flow != old_flow)
		pty_packet_status(tty, new_flow ? TIOCPKT_DOSTOP : TIOCPKT_NOSTOP,
				  TIOCPKT_DOSTOP | TIOCPKT_NOSTOP);
}
