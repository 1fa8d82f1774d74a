/*
 * kmalloc: power-of-two size classes from 16 to 2048 bytes, each served
 * from whole pages cut into equal objects. A page's free objects are
 * chained through their first word; pages with free objects sit on
 * their class's partial list; a page that empties is given back (but
 * one per class is kept to stop alloc/free ping-pong).
 * Larger requests take whole pages from the buddy allocator.
 *
 * Lock: slab_lock protects every class's partial list and the slab_*
 * fields of its pages.
 */
#include <tine/mm.h>
#include <tine/printk.h>
#include <tine/spinlock.h>
#include <tine/string.h>

#define MIN_SHIFT 4
#define NR_CLASSES 8		/* 16 .. 2048 */
#define LARGE_CLASS 0xffff	/* slab_class of a multi-page kmalloc */

struct kmem_class {
	struct list_head partial;	/* [slab_lock] pages with free objects */
	unsigned int nr_empty;		/* [slab_lock] fully free pages kept */
	long active;			/* [slab_lock] objects handed out */
	long pages;			/* [slab_lock] pages owned */
};

static DEFINE_SPINLOCK_RANKED(slab_lock, LR_SLAB);
static struct kmem_class classes[NR_CLASSES];
static atomic_t nr_objects;	/* live kmalloc objects, for leak checks */

static int size_class(size_t size)
{
	int c = 0;

	while ((1UL << (c + MIN_SHIFT)) < size)
		c++;
	return c;
}

static unsigned int objs_per_page(int c)
{
	return PAGE_SIZE >> (c + MIN_SHIFT);
}

/* Cut a fresh page into objects. Called with slab_lock held. */
static struct page *new_slab(int c)
{
	struct page *p = alloc_page(GFP_NOFAIL_INJECT);
	size_t sz = 1UL << (c + MIN_SHIFT);
	char *base;

	assert_spin_locked(&slab_lock);
	if (!p)
		return NULL;
	base = page_address(p);
	for (unsigned int i = 0; i < objs_per_page(c); i++)
		*(void **)(base + i * sz) =
			i + 1 < objs_per_page(c) ? base + (i + 1) * sz : NULL;
	p->flags |= PG_slab;
	p->slab_class = c;
	p->slab_inuse = 0;
	classes[c].pages++;
	p->slab_free = base;
	list_add(&p->lru, &classes[c].partial);
	classes[c].nr_empty++;
	return p;
}

static void *kmalloc_large(size_t size, unsigned int gfp)
{
	unsigned int order = 0;
	struct page *p;

	while ((PAGE_SIZE << order) < size)
		order++;
	p = alloc_pages(gfp, order);
	if (!p)
		return NULL;
	p->flags |= PG_slab;
	p->slab_class = LARGE_CLASS;
	p->order = order;
	atomic_inc(&nr_objects);
	return page_address(p);
}

/*
 * kmalloc - allocate size bytes (zeroed with __GFP_ZERO).
 * Returns NULL when out of memory, or when fault injection says so.
 */
void *kmalloc(size_t size, unsigned int gfp)
{
	struct page *p;
	void *obj;
	unsigned long f;
	int c;

	if (!size)
		size = 1;
	if (size > (1UL << (MIN_SHIFT + NR_CLASSES - 1)))
		return kmalloc_large(size, gfp);
	if (should_fail_alloc(gfp))
		return NULL;
	c = size_class(size);
	f = spin_lock_irqsave(&slab_lock);
	if (list_empty(&classes[c].partial) && !new_slab(c)) {
		spin_unlock_irqrestore(&slab_lock, f);
		return NULL;
	}
	p = list_first_entry(&classes[c].partial, struct page, lru);
	classes[c].active++;
	if (p->slab_inuse++ == 0)
		classes[c].nr_empty--;
	obj = p->slab_free;
	p->slab_free = *(void **)obj;
	if (!p->slab_free)
		list_del_init(&p->lru);
	spin_unlock_irqrestore(&slab_lock, f);
	atomic_inc(&nr_objects);
	if (gfp & __GFP_ZERO)
		memset(obj, 0, 1UL << (c + MIN_SHIFT));
	return obj;
}

void *kzalloc(size_t size) { return kmalloc(size, __GFP_ZERO); }

void kfree(const void *obj)
{
	struct page *p;
	unsigned long f;
	int c;

	if (!obj)
		return;
	p = virt_to_page(obj);
	BUG_ON(!(p->flags & PG_slab));
	atomic_dec(&nr_objects);
	if (p->slab_class == LARGE_CLASS) {
		p->flags &= ~PG_slab;
		__free_pages(p, p->order);
		return;
	}
	c = p->slab_class;
	f = spin_lock_irqsave(&slab_lock);
	if (!p->slab_free)
		list_add(&p->lru, &classes[c].partial);
	*(void **)obj = p->slab_free;
	p->slab_free = (void *)obj;
	classes[c].active--;
	if (--p->slab_inuse == 0) {
		if (classes[c].nr_empty >= 1) {
			classes[c].pages--;
			list_del_init(&p->lru);
			p->flags &= ~PG_slab;
			__free_pages(p, 0);
		} else {
			classes[c].nr_empty++;
		}
	}
	spin_unlock_irqrestore(&slab_lock, f);
}

char *kstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = kmalloc(n, 0);

	if (d)
		memcpy(d, s, n);
	return d;
}

unsigned long nr_kmalloc_objects(void) { return atomic_read(&nr_objects); }

/*
 * For /proc/slabinfo: the object size, objects in use and objects held
 * of size class c; false past the last class. Large (page) allocations
 * are counted in nr_kmalloc_objects() only.
 */
bool kmalloc_class_stats(int c, unsigned long *size, unsigned long *active,
			 unsigned long *total)
{
	unsigned long f;

	if (c < 0 || c >= NR_CLASSES)
		return false;
	f = spin_lock_irqsave(&slab_lock);
	*size = 1UL << (c + MIN_SHIFT);
	*active = classes[c].active;
	*total = classes[c].pages * objs_per_page(c);
	spin_unlock_irqrestore(&slab_lock, f);
	return true;
}

void slab_init(void)
{
	for (int c = 0; c < NR_CLASSES; c++)
		INIT_LIST_HEAD(&classes[c].partial);
}
