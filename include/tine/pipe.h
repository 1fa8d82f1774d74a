/*
 * Pipes and FIFOs: a byte ring of pages (64 KiB by default, as Linux's
 * 16 slots), shared by the read and write ends.
 */
#ifndef TINE_PIPE_H
#define TINE_PIPE_H

#include <tine/mutex.h>
#include <tine/types.h>
#include <tine/wait.h>

#define PIPE_BUF 4096
#define PIPE_DEF_BUFFERS 16
/* fs.pipe-max-size: the most F_SETPIPE_SZ gives without CAP_SYS_RESOURCE */
extern unsigned int pipe_max_size;

struct page;

struct pipe_inode_info {
	struct mutex mutex;		/* protects everything below */
	struct wait_queue_head rd_wait;	/* readers wait for data */
	struct wait_queue_head wr_wait;	/* writers wait for room */
	unsigned long head;		/* bytes ever written */
	unsigned long tail;		/* bytes ever read */
	unsigned int nr_pages;		/* ring size in pages */
	struct page **pages;		/* allocated on first use */
	unsigned int readers;		/* open read ends */
	unsigned int writers;		/* open write ends */
	unsigned int files;		/* open files (FIFO lifetime) */
	unsigned int r_counter;		/* read opens ever (FIFO open) */
	unsigned int w_counter;		/* write opens ever */
	struct fasync_struct *fasync_readers;	/* [fasync_lock] O_ASYNC read ends */
	struct fasync_struct *fasync_writers;	/* [fasync_lock] O_ASYNC write ends */
};

extern const struct file_operations pipefifo_fops;
long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg);
void free_pipe_info(struct pipe_inode_info *pipe);
struct file;
/* create_pipe_files - the two ends of a new anonymous pipe, read end in
 * res[0]; flags may hold O_NONBLOCK. 0 or -ENOMEM. May sleep. */
int create_pipe_files(struct file **res, int flags);
/*
 * pipe_wait_readers_gone - the writer f (a core dump's, with
 * kernel.core_pipe_limit) lets its readers see end of file and waits
 * until they have all closed the pipe, or a signal (SIGKILL for a
 * dumper) interrupts it. f stays open. Sleeps.
 */
void pipe_wait_readers_gone(struct file *f);

/* The ring for splice, tee and vmsplice (fs/pipe.c; see there). */
struct file;
struct pipe_inode_info *get_pipe_info(struct file *f);
size_t pipe_data_len(struct pipe_inode_info *pipe);
size_t pipe_room(struct pipe_inode_info *pipe);
size_t pipe_peek(struct pipe_inode_info *pipe, size_t off, void *buf,
		 size_t n);
void pipe_consume(struct pipe_inode_info *pipe, size_t n);
bool pipe_unconsume(struct pipe_inode_info *pipe, unsigned long tail,
		    size_t n);
ssize_t pipe_put(struct pipe_inode_info *pipe, const void *buf, size_t n,
		 bool user);
int pipe_wait_data(struct pipe_inode_info *pipe, bool nonblock);
int pipe_wait_room(struct pipe_inode_info *pipe, bool nonblock);

#endif
