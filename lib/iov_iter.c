/*
 * iov_iter: walking user or kernel segment arrays (see tine/uio.h).
 * A user copy that faults stops at the fault; callers treat a short
 * count as -EFAULT.
 */
#include <tine/err.h>
#include <tine/mm.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include <tine/uio.h>
#include <uapi/errno.h>

/* iov_iter_init - an iterator over nr user segments, count bytes. */
void iov_iter_init(struct iov_iter *i, const struct iovec *iov,
		   unsigned long nr, size_t count)
{
	i->type = ITER_IOVEC;
	i->iov = iov;
	i->nr_segs = nr;
	i->iov_offset = 0;
	i->count = count;
}

/* iov_iter_kvec - an iterator over nr kernel segments, count bytes. */
void iov_iter_kvec(struct iov_iter *i, const struct kvec *kvec,
		   unsigned long nr, size_t count)
{
	i->type = ITER_KVEC;
	i->kvec = kvec;
	i->nr_segs = nr;
	i->iov_offset = 0;
	i->count = count;
}

/* Base and length of the current segment (kernel or user). */
static size_t seg_len(const struct iov_iter *i)
{
	return i->type == ITER_KVEC ? i->kvec->iov_len : i->iov->iov_len;
}

static char *seg_base(const struct iov_iter *i)
{
	return i->type == ITER_KVEC ? (char *)i->kvec->iov_base
				    : (char *)i->iov->iov_base;
}

/* Step over exhausted (or empty) segments. */
static void skip_empty(struct iov_iter *i)
{
	while (i->nr_segs && i->iov_offset >= seg_len(i)) {
		i->iov_offset = 0;
		i->nr_segs--;
		if (i->type == ITER_KVEC)
			i->kvec++;
		else
			i->iov++;
	}
}

/* iov_iter_advance - skip n bytes (at most the count left). */
void iov_iter_advance(struct iov_iter *i, size_t n)
{
	n = MIN(n, i->count);
	i->count -= n;
	while (n) {
		size_t step;

		skip_empty(i);
		step = MIN(n, seg_len(i) - i->iov_offset);
		i->iov_offset += step;
		n -= step;
	}
	skip_empty(i);
}

/* Copy between buf and the iterator; to_iter picks the direction. */
static size_t iter_copy(char *buf, size_t n, struct iov_iter *i,
			bool to_iter)
{
	size_t done = 0;

	n = MIN(n, i->count);
	while (done < n) {
		char *p;
		size_t chunk, left;

		skip_empty(i);
		p = seg_base(i) + i->iov_offset;
		chunk = MIN(n - done, seg_len(i) - i->iov_offset);
		if (i->type == ITER_KVEC) {
			if (to_iter)
				memcpy(p, buf + done, chunk);
			else
				memcpy(buf + done, p, chunk);
			left = 0;
		} else if (to_iter) {
			left = copy_to_user(p, buf + done, chunk);
		} else {
			left = copy_from_user(buf + done, p, chunk);
		}
		chunk -= left;
		done += chunk;
		i->iov_offset += chunk;
		i->count -= chunk;
		if (left)
			break;
	}
	skip_empty(i);
	return done;
}

/* copy_from_iter - see uio.h. */
size_t copy_from_iter(void *dst, size_t n, struct iov_iter *i)
{
	return iter_copy(dst, n, i, false);
}

/* copy_to_iter - see uio.h. */
size_t copy_to_iter(const void *src, size_t n, struct iov_iter *i)
{
	return iter_copy((char *)src, n, i, true);
}

/* import_iovec - see uio.h. */
ssize_t import_iovec(const struct iovec __user *uvec, unsigned long nr,
		     struct iovec **iovp, struct iov_iter *i)
{
	struct iovec *iov;
	size_t total = 0;
	unsigned long s;

	*iovp = NULL;
	if (nr > UIO_MAXIOV)
		return -EINVAL;
	iov = kmalloc(MAX(nr, 1UL) * sizeof(*iov), GFP_KERNEL);
	if (!iov)
		return -ENOMEM;
	if (copy_from_user(iov, uvec, nr * sizeof(*iov))) {
		kfree(iov);
		return -EFAULT;
	}
	for (s = 0; s < nr; s++) {
		size_t len = iov[s].iov_len;

		if ((ssize_t)len < 0 || !access_ok(iov[s].iov_base, len)) {
			kfree(iov);
			return (ssize_t)len < 0 ? -EINVAL : -EFAULT;
		}
		if (len > (size_t)MAX_RW_COUNT - total) {
			len = MAX_RW_COUNT - total;
			iov[s].iov_len = len;
		}
		total += len;
	}
	iov_iter_init(i, iov, nr, total);
	*iovp = iov;
	return total;
}

/* import_single_range - see uio.h. */
int import_single_range(void __user *buf, size_t len, struct iovec *iov,
			struct iov_iter *i)
{
	if (len > (size_t)MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	if (!access_ok(buf, len))
		return -EFAULT;
	iov->iov_base = buf;
	iov->iov_len = len;
	iov_iter_init(i, iov, 1, len);
	return 0;
}
