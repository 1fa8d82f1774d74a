/*
 * kmalloc: power-of-two size classes from 16 to 2048 bytes, each served
 * from whole pages cut into equal objects. A page's free objects are
 * chained through their first word; pages with free objects sit on
 * their class's partial list; a page that empties is given back (but
 * one per class is kept to stop alloc/free ping-pong).
 * Larger requests take whole pages from the buddy allocator.
 *
 * In front of the pages each CPU keeps, per class, a small stack of free
 * objects (Linux SLAB's array_cache): kmalloc and kfree take and put
 * there with interrupts off and no lock, and go to the pages under
 * slab_lock only to refill or drain a batch. An object freed on another
 * CPU than the one that allocated it simply joins that CPU's stack.
 *
 * Locks: slab_lock protects every class's partial list, its counts and
 * the slab_* fields of its pages; a CPU's stacks are its own (interrupts
 * off). classes[c].active counts objects out of the pages, those parked
 * on CPU stacks included (as Linux's slabinfo active_objs).
 */
#include <tine/cpumask.h>
#include <tine/mm.h>
#include <tine/printk.h>
#include <tine/smp.h>
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

#define CPU_CACHE_MAX 16	/* free objects a CPU keeps per class */
#define CPU_CACHE_BATCH 8	/* moved to or from the pages at a time */

struct kmem_cpu_cache {
	unsigned int avail;
	void *objs[CPU_CACHE_MAX];
};

static DEFINE_SPINLOCK_RANKED(slab_lock, LR_SLAB);
static struct kmem_class classes[NR_CLASSES];
/* [own CPU, interrupts off] */
static struct kmem_cpu_cache cpu_cache[NR_CPUS][NR_CLASSES];
static atomic_t nr_objects;	/* live kmalloc objects, for leak checks */

/* The class of a small request: log2 of size rounded up, less MIN_SHIFT. */
static int size_class(size_t size)
{
	if (size <= (1UL << MIN_SHIFT))
		return 0;
	return 64 - __builtin_clzl(size - 1) - MIN_SHIFT;
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

/* One object of class c from its pages, or NULL. slab_lock held. */
static void *take_obj(int c)
{
	struct page *p;
	void *obj;

	lockdep_assert_held(&slab_lock);
	if (list_empty(&classes[c].partial) && !new_slab(c))
		return NULL;
	p = list_first_entry(&classes[c].partial, struct page, lru);
	classes[c].active++;
	if (p->slab_inuse++ == 0)
		classes[c].nr_empty--;
	obj = p->slab_free;
	p->slab_free = *(void **)obj;
	if (!p->slab_free)
		list_del_init(&p->lru);
	return obj;
}

/* Give obj back to its page (which goes if it empties). slab_lock held. */
static void put_obj(void *obj)
{
	struct page *p = virt_to_page(obj);
	int c = p->slab_class;

	lockdep_assert_held(&slab_lock);
	if (!p->slab_free)
		list_add(&p->lru, &classes[c].partial);
	*(void **)obj = p->slab_free;
	p->slab_free = obj;
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
}

/* An empty CPU stack takes a batch from the pages. Interrupts off. */
static void cpu_cache_refill(struct kmem_cpu_cache *cc, int c)
{
	spin_lock(&slab_lock);
	while (cc->avail < CPU_CACHE_BATCH) {
		void *obj = take_obj(c);

		if (!obj)
			break;
		cc->objs[cc->avail++] = obj;
	}
	spin_unlock(&slab_lock);
}

/* A full CPU stack gives a batch back. Interrupts off. */
static void cpu_cache_drain(struct kmem_cpu_cache *cc)
{
	spin_lock(&slab_lock);
	while (cc->avail > CPU_CACHE_MAX - CPU_CACHE_BATCH)
		put_obj(cc->objs[--cc->avail]);
	spin_unlock(&slab_lock);
}

/* This CPU's stacks all go back to the pages (IPI or direct call). */
static void drain_this_cpu(void *unused)
{
	unsigned long f = local_irq_save();
	struct kmem_cpu_cache *cc = cpu_cache[smp_processor_id()];

	spin_lock(&slab_lock);
	for (int c = 0; c < NR_CLASSES; c++)
		while (cc[c].avail)
			put_obj(cc[c].objs[--cc[c].avail]);
	spin_unlock(&slab_lock);
	local_irq_restore(f);
}

/*
 * kmalloc_drain_cpu_caches - give every CPU's parked free objects back
 * to their pages and every empty page back to the page allocator, so
 * that MemFree and /proc/slabinfo count them as free. Interrupts on, no
 * spinlock held: it waits for the other CPUs.
 */
void kmalloc_drain_cpu_caches(void)
{
	struct page *p, *n;
	unsigned long f;

	if (!percpu_ready)
		return;
	drain_this_cpu(NULL);
	smp_call_function_many(cpu_online_mask, drain_this_cpu, NULL, true);
	/* The one empty page per class kept against ping-pong goes too. */
	f = spin_lock_irqsave(&slab_lock);
	for (int c = 0; c < NR_CLASSES; c++) {
		list_for_each_entry_safe(p, n, &classes[c].partial, lru) {
			if (p->slab_inuse)
				continue;
			classes[c].pages--;
			classes[c].nr_empty--;
			list_del_init(&p->lru);
			p->flags &= ~PG_slab;
			__free_pages(p, 0);
		}
	}
	spin_unlock_irqrestore(&slab_lock, f);
}

/*
 * kmalloc - allocate size bytes (zeroed with __GFP_ZERO).
 * Returns NULL when out of memory, or when fault injection says so.
 */
void *kmalloc(size_t size, unsigned int gfp)
{
	struct kmem_cpu_cache *cc;
	void *obj = NULL;
	unsigned long f;
	int c;

	if (size > (1UL << (MIN_SHIFT + NR_CLASSES - 1)))
		return kmalloc_large(size, gfp);
	if (should_fail_alloc(gfp))
		return NULL;
	c = size_class(size);
	f = local_irq_save();
	if (unlikely(!percpu_ready)) {
		spin_lock(&slab_lock);
		obj = take_obj(c);
		spin_unlock(&slab_lock);
	} else {
		cc = &cpu_cache[smp_processor_id()][c];
		if (!cc->avail)
			cpu_cache_refill(cc, c);
		if (cc->avail)
			obj = cc->objs[--cc->avail];
	}
	local_irq_restore(f);
	if (!obj)
		return NULL;
	atomic_inc(&nr_objects);
	if (gfp & __GFP_ZERO)	/* what was asked for: the rest is slack */
		memset(obj, 0, size);
	return obj;
}

void *kzalloc(size_t size) { return kmalloc(size, __GFP_ZERO); }

/*
 * kfree - give back a kmalloc'd object (NULL is fine): to this CPU's
 * cache, or its pages for a large one. Any context; does not sleep.
 */
void kfree(const void *obj)
{
	struct kmem_cpu_cache *cc;
	struct page *p;
	unsigned long f;

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
	f = local_irq_save();
	if (unlikely(!percpu_ready)) {
		spin_lock(&slab_lock);
		put_obj((void *)obj);
		spin_unlock(&slab_lock);
	} else {
		cc = &cpu_cache[smp_processor_id()][p->slab_class];
		if (cc->avail == CPU_CACHE_MAX)
			cpu_cache_drain(cc);
		cc->objs[cc->avail++] = (void *)obj;
	}
	local_irq_restore(f);
}

/* kstrdup - a kmalloc'd copy of s, or NULL (as kmalloc). */
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

/* slab_init - see mm.h. */
void slab_init(void)
{
	for (int c = 0; c < NR_CLASSES; c++)
		INIT_LIST_HEAD(&classes[c].partial);
}
