/*
 * The kernel log (kernel/printk.c) as its readers see it: syslog(2),
 * /dev/kmsg and /proc/kmsg (kernel/syslog.c).
 *
 * Records are numbered; a reader keeps a cursor (kmsg_iter) and copies
 * one record at a time out of the ring (kmsg_read). A cursor that falls
 * behind the oldest record (overwritten) is reported with -EPIPE and
 * moved to the oldest one.
 */
#ifndef TINE_SYSLOG_H
#define TINE_SYSLOG_H

#include <tine/types.h>
#include <tine/wait.h>

#define LOG_LINE_MAX 992		/* text of one record (Linux's 1024 - 32) */
/* log_message() flags */
#define LOG_CONT_OK 0x1			/* may continue the task's open line */

/* Facilities (the high bits of a syslog priority). */
#define LOG_KERN 0
#define LOG_USER 1

struct kmsg_iter {
	u64 seq;			/* the next record to read */
	u32 idx;			/* its offset in the ring */
};

/* A copy of one record. */
struct kmsg_record {
	u64 seq;
	u64 ts_nsec;			/* ns since boot */
	u8 facility, level;
	u16 text_len;
	char text[LOG_LINE_MAX];	/* not NUL-terminated */
};

enum kmsg_whence {
	KMSG_FIRST,			/* the oldest record */
	KMSG_CLEAR,			/* the first after the last clear */
	KMSG_END,			/* the next to be written */
};

/* Readers sleep here; woken at the tick after a new record. */
extern struct wait_queue_head log_wait;

/* kmsg_iter_init - point it at where. Any context. */
void kmsg_iter_init(struct kmsg_iter *it, enum kmsg_whence where);
/* kmsg_iter_pending - is there a record at or after it? (Lock-free, a
 * hint for wait conditions and poll.) */
bool kmsg_iter_pending(const struct kmsg_iter *it);
/* kmsg_iter_lost - were records at it overwritten unread? */
bool kmsg_iter_lost(const struct kmsg_iter *it);
/*
 * kmsg_read - copy the record at it into r and advance it. Returns 0,
 * -EAGAIN (no record yet) or -EPIPE (it fell behind; moved to the
 * oldest record, nothing copied). Any context; does not sleep.
 */
int kmsg_read(struct kmsg_iter *it, struct kmsg_record *r);
/* kmsg_clear - SYSLOG_ACTION_CLEAR: READ_ALL starts after the newest. */
void kmsg_clear(void);
/* kmsg_set_clear - READ_CLEAR: what READ_ALL shows starts at it. */
void kmsg_set_clear(const struct kmsg_iter *it);
/* kmsg_size - the ring's size in bytes (SYSLOG_ACTION_SIZE_BUFFER). */
unsigned int kmsg_size(void);
/*
 * log_message - add text to the log. Without a trailing newline the
 * line stays open (unread) until the next message, which continues it
 * if lflags has LOG_CONT_OK. Any context; does not sleep.
 */
void log_message(int facility, int level, unsigned int lflags,
		 const char *text, size_t len);
/* vprintk_emit - log_message() and the console, as printk does. */
int vprintk_emit(int facility, int level, unsigned int lflags,
		 const char *text, size_t len);
/* printk_tick - wake the log's readers if something was logged (the
 * boot CPU's tick, interrupts off). */
void printk_tick(void);

/* kernel/syslog.c */
extern const struct file_operations kmsg_fops;		/* /dev/kmsg */
extern const struct file_operations proc_kmsg_operations;	/* /proc/kmsg */
extern int dmesg_restrict;		/* kernel.dmesg_restrict */

#endif
