/*
 * I/O counted per task, as /proc/<pid>/io shows it (Linux's names):
 * bytes moved and calls made by read/write-style system calls. tine
 * has no block devices, so no storage I/O is ever counted (read_bytes,
 * write_bytes and cancelled_write_bytes are always 0).
 *
 * A task counts its own I/O ([C] in task_struct); others read the
 * counters whole (aligned u64) without a lock. A thread's counts join
 * its process's (signal_struct, [S]) when it is released.
 */
#ifndef TINE_TASK_IO_ACCOUNTING_H
#define TINE_TASK_IO_ACCOUNTING_H

#include <tine/types.h>

struct task_io_accounting {
	u64 rchar;			/* bytes read */
	u64 wchar;			/* bytes written */
	u64 syscr;			/* read calls */
	u64 syscw;			/* write calls */
};

static inline void task_io_accounting_add(struct task_io_accounting *dst,
					  const struct task_io_accounting *src)
{
	dst->rchar += READ_ONCE(src->rchar);
	dst->wchar += READ_ONCE(src->wchar);
	dst->syscr += READ_ONCE(src->syscr);
	dst->syscw += READ_ONCE(src->syscw);
}

#endif
