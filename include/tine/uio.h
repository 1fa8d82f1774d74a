/*
 * Scatter/gather I/O: an iov_iter walks an array of user segments
 * (readv, sendmsg) or kernel segments (sendfile into a socket) and
 * copies into or out of them, advancing as it goes. The copy helpers
 * return the number of bytes moved; a short count on a user iterator
 * means a fault (-EFAULT for the caller to report).
 */
#ifndef TINE_UIO_H
#define TINE_UIO_H

#include <asm/page.h>
#include <tine/types.h>

#define UIO_MAXIOV 1024
/* The most one read/write/sendmsg moves (as Linux: INT_MAX, page-aligned). */
#define MAX_RW_COUNT (0x7fffffffL & PAGE_MASK)

struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

struct kvec {
	void *iov_base;
	size_t iov_len;
};

enum iter_type {
	ITER_IOVEC,			/* user memory */
	ITER_KVEC,			/* kernel memory */
};

struct iov_iter {
	enum iter_type type;
	size_t iov_offset;		/* into the current segment */
	size_t count;			/* bytes left in the whole iterator */
	union {
		const struct iovec *iov;	/* current segment */
		const struct kvec *kvec;
	};
	unsigned long nr_segs;		/* segments left, current included */
};

/* Start an iterator over nr user segments holding count bytes. */
void iov_iter_init(struct iov_iter *i, const struct iovec *iov,
		   unsigned long nr, size_t count);
/* The same over kernel segments. */
void iov_iter_kvec(struct iov_iter *i, const struct kvec *kvec,
		   unsigned long nr, size_t count);
/* Copy up to n bytes from the iterator into dst; returns bytes copied. */
size_t copy_from_iter(void *dst, size_t n, struct iov_iter *i);
/* Copy up to n bytes from src into the iterator; returns bytes copied. */
size_t copy_to_iter(const void *src, size_t n, struct iov_iter *i);
/* Skip n bytes (n <= count). */
void iov_iter_advance(struct iov_iter *i, size_t n);
/* Bytes left. */
static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

/*
 * import_iovec - copy the user's iovec array (at most UIO_MAXIOV
 * entries) into *iovp (kmalloc'd, the caller frees it) and start *i on
 * it. As Linux: a negative length is -EINVAL, a segment that is not
 * user memory -EFAULT, and the total is capped at MAX_RW_COUNT.
 * Returns the total or -errno (*iovp is then NULL).
 */
ssize_t import_iovec(const struct iovec __user *uvec, unsigned long nr,
		     struct iovec **iovp, struct iov_iter *i);
/* One user buffer as an iterator over *iov: 0 or -EFAULT. */
int import_single_range(void __user *buf, size_t len, struct iovec *iov,
			struct iov_iter *i);

#endif
