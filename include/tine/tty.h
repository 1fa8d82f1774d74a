/*
 * Terminals. One tty core (fs/tty_io.c: the file operations, the
 * controlling terminal, job control, the termios and window-size
 * ioctls, hangup) drives every terminal through one line discipline
 * (fs/n_tty.c: canonical editing, echo, signal characters, raw reads
 * with VMIN/VTIME, output processing) and a small driver per kind of
 * device: the serial console (fs/tty_serial.c: /dev/console, /dev/ttyS0)
 * and pseudo-terminal pairs (fs/pty.c: /dev/ptmx, /dev/pts/N on the
 * devpts filesystem, fs/devpts.c).
 *
 * Lock order (outermost first; docs/tty.md, docs/locking.md):
 *   tty->write_mutex   one writer of a tty at a time (user copies inside;
 *                      the pty driver's write takes the peer's lock)
 *   tty->read_mutex    one reader at a time (user copies inside)
 *   tty->termios_mutex changes of termios and window size
 *     tasklist_lock    (controlling tty, pgrp and session changes)
 *       tty->lock      (spin, irqsave) everything marked [L]: termios,
 *                      window size, the input ring and echo buffer,
 *                      flags, pgrp, session. Nothing is taken inside it
 *                      but the allocator; wake-ups, signals and driver
 *                      writes happen after it is dropped.
 * Two ttys' locks are never held together: a pty writer feeds its
 * peer's line discipline with only the peer's lock held.
 *
 * Legend: [L] tty->lock, [T] tasklist_lock (write) to change,
 * [R] read_mutex, [W] write_mutex, [C] constant after creation.
 */
#ifndef TINE_TTY_H
#define TINE_TTY_H

#include <tine/atomic.h>
#include <tine/mutex.h>
#include <tine/spinlock.h>
#include <tine/types.h>
#include <tine/wait.h>
#include <uapi/termios.h>

struct tty_struct;
struct file;
struct pid;
struct pid_namespace;
struct task_struct;

#define N_TTY_BUF_SIZE 4096		/* input ring cells (a power of two) */
#define TTY_ECHO_SIZE 1024		/* echo bytes waiting for the driver */

/* tty->flags [L] */
#define TTY_HUPPED 0x1			/* hung up: reads 0, writes EIO */
#define TTY_OTHER_CLOSED 0x2		/* pty: every file of the peer closed */
#define TTY_PTY_LOCK 0x4		/* pty slave may not be opened yet */
#define TTY_ECHO_BUSY 0x8		/* someone is flushing the echoes */
#define TTY_IO_ERROR 0x10		/* master gone: slave opens fail */

/* What a driver does for the core (every hook may be NULL but write). */
struct tty_operations {
	/*
	 * Send n already processed bytes to the device. Returns how many
	 * were taken (a pty peer's full input ring takes fewer; 0 means
	 * wait on tty->write_wait). Called with no tty lock held; may be
	 * called from the console's interrupt (echoes).
	 */
	size_t (*write)(struct tty_struct *tty, const char *buf, size_t n);
	/* Bytes write() would take now. */
	size_t (*write_room)(struct tty_struct *tty);
	/* A reader made room in tty's input ring (pty: wake the peer's
	 * writers). tty->lock not held. */
	void (*unthrottle)(struct tty_struct *tty);
	/* Driver ioctls tried before the core's; -ENOIOCTLCMD if not one. */
	long (*ioctl)(struct tty_struct *tty, struct file *f,
		      unsigned int cmd, unsigned long arg);
	/* The last file of tty was closed. May sleep. */
	void (*close)(struct tty_struct *tty);
	/* The last reference went: free the memory. Any context. */
	void (*cleanup)(struct tty_struct *tty);
};

#define ENOIOCTLCMD 515			/* kernel-internal: not a tty ioctl */

struct tty_struct {
	spinlock_t lock;		/* see the legend above */
	const struct tty_operations *ops;	/* [C] the driver */
	struct tty_struct *link;	/* [C] pty peer, NULL for others */
	struct tty_struct *owner;	/* [C] holds the reference count */
	atomic_t kref;			/* references (owner's counts all):
					 * open files, signal->tty */
	atomic_t count;			/* open files of this side */
	unsigned int dev;		/* [C] MKDEV(major, minor) */
	int index;			/* [C] pty number, -1 for others */
	bool is_master;			/* [C] pty master side */
	void *driver_data;		/* [C] pty: the devpts node */

	unsigned int flags;		/* [L] TTY_* */
	unsigned int hup_gen;		/* [L] hangups so far (files opened
					 * before the last one are hung up) */
	struct termios termios;		/* [L] */
	struct winsize winsize;		/* [L] */
	struct pid *pgrp;		/* [L][T] foreground group (a
					 * reference), NULL none */
	struct pid *session;		/* [L][T] session it controls (a
					 * reference), NULL none */
	bool packet;			/* [L] pty master in TIOCPKT mode */
	struct fasync_struct *fasync;	/* [fasync_lock] O_ASYNC files
					 * (fs/fasync.c) */
	unsigned char pktstatus;	/* [L] TIOCPKT_* news for the master */
	bool stopped;			/* [L] output stopped (^S, TCOOFF):
					 * writers wait */
	bool tco_stopped;		/* [L] stopped by TCOOFF: only TCOON
					 * restarts it */

	/* n_tty line discipline state */
	u16 buf[N_TTY_BUF_SIZE];	/* [L] input ring: byte | N_TTY_EOL... */
	unsigned int head;		/* [L] next cell to fill */
	unsigned int tail;		/* [L] next cell to read */
	unsigned int canon_head;	/* [L] end of complete lines */
	bool lnext;			/* [L] next byte is literal (^V) */
	char echo_buf[TTY_ECHO_SIZE];	/* [L] echoes not yet written */
	unsigned int echo_head;		/* [L] */
	unsigned int echo_tail;		/* [L] */

	struct wait_queue_head read_wait;	/* input, hangup */
	struct wait_queue_head write_wait;	/* room to write, hangup */
	struct mutex read_mutex;
	struct mutex write_mutex;
	struct mutex termios_mutex;
};

/* TIOCPKT status bits (the byte before each master read in packet mode) */
#define TIOCPKT_DATA 0
#define TIOCPKT_FLUSHREAD 1
#define TIOCPKT_FLUSHWRITE 2
#define TIOCPKT_STOP 4
#define TIOCPKT_START 8
#define TIOCPKT_NOSTOP 16
#define TIOCPKT_DOSTOP 32

/* --- the tty core (fs/tty_io.c) --- */

/* Linux's tty_std_termios: cooked mode, echo, signals, 38400 baud. */
extern const struct termios tty_std_termios;

/*
 * tty_init_struct - set up tty with driver ops, device number and
 * termios t; one reference and no open files. Does not sleep.
 */
void tty_init_struct(struct tty_struct *tty, const struct tty_operations *ops,
		     unsigned int dev, const struct termios *t);

/* Take / drop a reference on tty (its pair for a pty). Any context. */
struct tty_struct *tty_kref_get(struct tty_struct *tty);
void tty_kref_put(struct tty_struct *tty);

/*
 * tty_open_file - finish opening file on tty (the caller's reference
 * passes to the file): counts the open, makes tty the controlling tty
 * of a session leader without one unless noctty. Returns 0.
 */
int tty_open_file(struct tty_struct *tty, struct file *file, bool noctty);

/* The file operations of every open tty (file->private_data = tty). */
extern const struct file_operations tty_fops;

/*
 * tty_hangup - hang tty up: its files read 0 and write EIO, its
 * session leader gets SIGHUP and SIGCONT, it stops being anyone's
 * controlling tty. Process context; takes tasklist_lock.
 */
void tty_hangup(struct tty_struct *tty);

/*
 * The calling session leader gives up its controlling tty (exit, or
 * TIOCNOTTY): SIGHUP+SIGCONT to the foreground group when on_exit.
 * Takes tasklist_lock; may be called from process context only.
 */
void disassociate_ctty(int on_exit);

/* The controlling tty of t's process, referenced (NULL if none). */
struct tty_struct *get_task_tty(struct task_struct *t);

/* st_rdev-style number of tty, for /proc/pid/stat. */
unsigned int tty_devnum(struct tty_struct *tty);
/* Foreground group of tty as the initial namespace numbers it (0). */
pid_t tty_get_pgrp(struct tty_struct *tty, struct pid_namespace *ns);

/*
 * Output flow control (^S/^Q with IXON, tcflow): stop_tty stops tty's
 * output (writers wait, no POLLOUT), start_tty restarts it unless
 * TCOOFF stopped it (tco: TCOOFF/TCOON themselves). A pty slave's
 * packet-mode master hears TIOCPKT_STOP/START. Take tty->lock.
 */
void stop_tty(struct tty_struct *tty, bool tco);
void start_tty(struct tty_struct *tty, bool tco);
/*
 * tty's output was stopped or restarted (under tty->lock, now dropped):
 * wake its writers, tell a packet-mode pty master. tty->lock not held.
 */
void tty_flow_changed(struct tty_struct *tty, bool stopped);
/*
 * pty_packet_status - a pty slave's news for its master in packet mode:
 * set the set bits, clear the clear bits, wake the master's readers
 * (nothing if it is not in packet mode or tty is no pty slave). Takes
 * the master's lock.
 */
void pty_packet_status(struct tty_struct *tty, unsigned char set,
		       unsigned char clear);

/* --- the n_tty line discipline (fs/n_tty.c) --- */

/*
 * n_tty_receive - feed n input bytes to tty's line discipline (edit,
 * echo, signals, wake readers). Returns how many were taken: fewer
 * only when a raw ring is full. Any context; tty->lock not held.
 */
size_t n_tty_receive(struct tty_struct *tty, const char *buf, size_t n);
/* Input cells free in tty's ring (what a pty writer may send). */
size_t n_tty_receive_room(struct tty_struct *tty);
ssize_t n_tty_read(struct tty_struct *tty, struct file *file,
		   char __user *buf, size_t n);
ssize_t n_tty_write(struct tty_struct *tty, struct file *file,
		    const char __user *buf, size_t n);
/* Kernel-buffer write with output processing (console messages,
 * sendfile). Caller holds tty->write_mutex; sleeps. */
ssize_t n_tty_kwrite(struct tty_struct *tty, struct file *file,
		     const char *buf, size_t n);
unsigned int n_tty_poll_mask(struct tty_struct *tty);
/* Bytes a read could take now (FIONREAD). tty->lock held. */
unsigned int n_tty_chars_in_buffer(struct tty_struct *tty);
/* Drop queued input. tty->lock held. */
void n_tty_flush_input(struct tty_struct *tty);
/* Install new termios t (TCSETS*), flushing input if flush. */
void n_tty_set_termios(struct tty_struct *tty, const struct termios *t,
		       bool flush);
/* Write out queued echoes through the driver. tty->lock not held. */
void n_tty_flush_echoes(struct tty_struct *tty);

/* --- the serial console (fs/tty_serial.c) --- */

/* Called from interrupt context with one received byte. */
void tty_receive_char(char c);
/* The console tty, referenced (for an open of its device). */
struct tty_struct *console_tty_get(void);
void console_tty_init(void);

#define UNIX98_PTY_SLAVE_MAJOR 136

/* --- pseudo-terminals (fs/pty.c, fs/devpts.c) --- */

struct pts_fs_info;
struct dentry;
struct inode;
struct vfsmount;

/* Open /dev/ptmx or /dev/pts/ptmx: a new pty pair, file its master. */
int ptmx_open(struct inode *inode, struct file *file);
/* Open the slave whose devpts node is inode. */
int pts_open_inode(struct inode *inode, struct file *file);

void devpts_init(void);
struct super_block;
/* Is sb a devpts instance? */
bool is_devpts_sb(struct super_block *sb);
/* devpts: the instance a /dev/ptmx file reaches ("pts" beside it),
 * with a reference on its mount; ERR_PTR(-ENODEV/-ENOENT). */
struct vfsmount *devpts_find(struct file *ptmx, struct pts_fs_info **fsi);
/* devpts: a new pty number on fsi, or -ENOSPC. */
int devpts_new_index(struct pts_fs_info *fsi);
void devpts_kill_index(struct pts_fs_info *fsi, int idx);
/* devpts: make /dev/pts/N for tty (owner: the caller); the node. */
struct dentry *devpts_pty_new(struct pts_fs_info *fsi, int idx,
			      struct tty_struct *tty);
/* devpts: remove the node (the master is gone). */
void devpts_pty_kill(struct pts_fs_info *fsi, struct dentry *d);
/* devpts: the slave tty a node stands for, referenced, or NULL. */
struct tty_struct *devpts_get_tty(struct inode *inode);
/* devpts: open the node d of a pty as a new file (TIOCGPTPEER). */
struct file *devpts_open_peer(struct vfsmount *mnt, struct dentry *d,
			      int flags);

#endif
