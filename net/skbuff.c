/*
 * Socket buffers: allocation, data copies and queues.
 *
 * Data up to SKB_LINEAR_MAX bytes sits in one kmalloc'd buffer; larger
 * data in order-0 pages (byte i at pages[i / PAGE_SIZE]), so a 200 KiB
 * datagram needs no contiguous memory. truesize approximates Linux's
 * (data rounded to its allocation plus a fixed overhead) so buffer
 * limits behave alike.
 */
#include <tine/mm.h>
#include <tine/pid.h>
#include <tine/sock.h>
#include <tine/string.h>

#define SKB_LINEAR_MAX 2048
#define SKB_OVERHEAD 576		/* Linux: aligned sk_buff + shared info */

/* Bytes of allocation behind len bytes of data. */
static unsigned int skb_data_size(size_t len)
{
	unsigned int sz = 16;

	if (len > SKB_LINEAR_MAX)
		return ALIGN_UP(len, PAGE_SIZE);
	while (sz < len)
		sz <<= 1;
	return sz;
}

static int skb_alloc_pages(struct sk_buff *skb, size_t len)
{
	unsigned int i, n = ALIGN_UP(len, PAGE_SIZE) / PAGE_SIZE;

	skb->pages = kzalloc(n * sizeof(struct page *));
	if (!skb->pages)
		return -ENOMEM;
	skb->nr_pages = n;
	for (i = 0; i < n; i++) {
		skb->pages[i] = alloc_page(0);
		if (!skb->pages[i])
			return -ENOMEM;
	}
	return 0;
}

static void skb_free_data(struct sk_buff *skb)
{
	unsigned int i;

	kfree(skb->data);
	for (i = 0; i < skb->nr_pages; i++)
		if (skb->pages[i])
			put_page(skb->pages[i]);
	kfree(skb->pages);
}

/* alloc_skb - see sock.h. */
struct sk_buff *alloc_skb(size_t len)
{
	struct sk_buff *skb = kzalloc(sizeof(*skb));

	if (!skb)
		return NULL;
	INIT_LIST_HEAD(&skb->list);
	atomic_set(&skb->users, 1);
	skb->len = len;
	skb->creds.uid = INVALID_UID;
	skb->creds.gid = INVALID_GID;
	skb->truesize = SKB_OVERHEAD + skb_data_size(len);
	if (len > SKB_LINEAR_MAX) {
		if (skb_alloc_pages(skb, len))
			goto fail;
	} else if (len) {
		skb->data = kmalloc(len, GFP_KERNEL);
		if (!skb->data)
			goto fail;
	}
	return skb;
fail:
	skb_free_data(skb);
	kfree(skb);
	return NULL;
}

/* skb_set_owner_w - see sock.h. */
void skb_set_owner_w(struct sk_buff *skb, struct sock *sk)
{
	sock_hold(sk);
	skb->sk = sk;
	atomic_add_return(&sk->sk_wmem_alloc, skb->truesize);
}

/* The owner's skb is gone: uncharge, and wake writers once writable. */
static void sock_wfree(struct sk_buff *skb)
{
	struct sock *sk = skb->sk;

	atomic_add_return(&sk->sk_wmem_alloc, -(int)skb->truesize);
	if (sock_writeable(sk))
		sk_wake(sk, POLLOUT | POLLWRNORM | POLLWRBAND);
	sock_put(sk);
}

/* kfree_skb - see sock.h. */
void kfree_skb(struct sk_buff *skb)
{
	if (!skb || !atomic_dec_and_test(&skb->users))
		return;
	if (skb->destructor)
		skb->destructor(skb);
	if (skb->fp)
		scm_fp_free(skb->fp);
	if (skb->creds.pid)
		put_pid(skb->creds.pid);
	if (skb->embryo)
		sock_put(skb->embryo);
	if (skb->sk)
		sock_wfree(skb);
	skb_free_data(skb);
	kfree(skb);
}

/*
 * Copy len bytes at off between the data and buf (kernel) or the
 * iterator. Returns the bytes copied (short only on a user fault).
 */
static size_t skb_copy(struct sk_buff *skb, size_t off, void *buf,
		       struct iov_iter *it, size_t len, bool to_skb)
{
	size_t done = 0;

	while (done < len) {
		size_t pos = off + done, chunk, got;
		char *p;

		if (skb->data) {
			p = skb->data + pos;
			chunk = len - done;
		} else {
			p = (char *)page_address(skb->pages[pos / PAGE_SIZE]) +
			    pos % PAGE_SIZE;
			chunk = MIN(len - done, PAGE_SIZE - pos % PAGE_SIZE);
		}
		if (!it) {
			memcpy(buf + done, p, chunk);
			got = chunk;
		} else if (to_skb) {
			got = copy_from_iter(p, chunk, it);
		} else {
			got = copy_to_iter(p, chunk, it);
		}
		done += got;
		if (got < chunk)
			break;
	}
	return done;
}

/* skb_copy_from_iter - see sock.h. */
int skb_copy_from_iter(struct sk_buff *skb, size_t off, struct iov_iter *i,
		       size_t len)
{
	return skb_copy(skb, off, NULL, i, len, true) == len ? 0 : -EFAULT;
}

/* skb_copy_to_iter - see sock.h. */
int skb_copy_to_iter(struct sk_buff *skb, size_t off, struct iov_iter *i,
		     size_t len)
{
	return skb_copy(skb, off, NULL, i, len, false) == len ? 0 : -EFAULT;
}

/* skb_copy_bits - see sock.h. */
void skb_copy_bits(struct sk_buff *skb, size_t off, void *to, size_t len)
{
	skb_copy(skb, off, to, NULL, len, false);
}

/* skb_queue_head_init - an empty queue. */
void skb_queue_head_init(struct sk_buff_head *q)
{
	spin_lock_init_ranked(&q->lock, "sk_buff_head.lock", LR_SKB_QUEUE);
	INIT_LIST_HEAD(&q->list);
	q->qlen = 0;
}

/* __skb_queue_tail - append; q->lock held. */
void __skb_queue_tail(struct sk_buff_head *q, struct sk_buff *skb)
{
	assert_spin_locked(&q->lock);
	list_add_tail(&skb->list, &q->list);
	WRITE_ONCE(q->qlen, q->qlen + 1);
}

/* skb_queue_tail - append under q->lock. */
void skb_queue_tail(struct sk_buff_head *q, struct sk_buff *skb)
{
	spin_lock(&q->lock);
	__skb_queue_tail(q, skb);
	spin_unlock(&q->lock);
}

/* __skb_unlink - take skb off q; q->lock held. */
void __skb_unlink(struct sk_buff *skb, struct sk_buff_head *q)
{
	assert_spin_locked(&q->lock);
	list_del_init(&skb->list);
	WRITE_ONCE(q->qlen, q->qlen - 1);
}

/* skb_unlink - the same, taking q->lock. */
void skb_unlink(struct sk_buff *skb, struct sk_buff_head *q)
{
	spin_lock(&q->lock);
	__skb_unlink(skb, q);
	spin_unlock(&q->lock);
}

/* skb_dequeue - the first buffer of q, unlinked (the caller owns it). */
struct sk_buff *skb_dequeue(struct sk_buff_head *q)
{
	struct sk_buff *skb = NULL;

	spin_lock(&q->lock);
	if (!list_empty(&q->list)) {
		skb = list_first_entry(&q->list, struct sk_buff, list);
		__skb_unlink(skb, q);
	}
	spin_unlock(&q->lock);
	return skb;
}

/* skb_peek - the first buffer, still queued; q->lock (or the owner's
 * exclusion of other dequeuers) held. */
struct sk_buff *skb_peek(struct sk_buff_head *q)
{
	if (list_empty(&q->list))
		return NULL;
	return list_first_entry(&q->list, struct sk_buff, list);
}

/* skb_peek_next - the buffer after skb, or NULL. */
struct sk_buff *skb_peek_next(struct sk_buff *skb, struct sk_buff_head *q)
{
	if (skb->list.next == &q->list)
		return NULL;
	return list_entry(skb->list.next, struct sk_buff, list);
}

/* skb_peek_tail - the last buffer, or NULL. */
struct sk_buff *skb_peek_tail(struct sk_buff_head *q)
{
	if (list_empty(&q->list))
		return NULL;
	return list_entry(q->list.prev, struct sk_buff, list);
}

/* skb_queue_purge - free every buffer of q. */
void skb_queue_purge(struct sk_buff_head *q)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(q)))
		kfree_skb(skb);
}
