/*
 * The buddy allocator: free blocks of 2^order pages on one list per
 * order; freeing merges a block with its buddy while the buddy is free.
 *
 * In front of it each CPU keeps a short list of single free pages
 * (Linux's per-CPU pagesets): most allocations and frees are of one
 * page, and they then take no shared lock and do no splitting or
 * merging. A CPU's list is filled and drained a batch at a time.
 * Beside it, a few free pages known to hold only zeroes (page tables
 * emptied by their address space's teardown: free_zeroed_page()) wait
 * for the next __GFP_ZERO allocation, which then need not clear a
 * page (page tables again, mostly: a fork builds the child's as the
 * previous child's exit freed them).
 *
 * Locks: zone_lock protects free_area[], nr_free and the PG_buddy/order
 * fields of free pages. Taken with interrupts off: frees can come from
 * any context. A CPU's page list is touched only by that CPU, with
 * interrupts off; others read its count.
 */
#include <tine/init.h>
#include <tine/memblock.h>
#include <tine/mm.h>
#include <tine/oom.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/smp.h>
#include <tine/spinlock.h>
#include <tine/string.h>
#include <tine/sysctl.h>
#include <uapi/errno.h>

#define MAX_ORDER 11

struct page *mem_map;
unsigned long max_pfn;

static DEFINE_SPINLOCK_RANKED(zone_lock, LR_ZONE);
static struct list_head free_area[MAX_ORDER];	/* [zone_lock] */
static unsigned long nr_free;			/* [zone_lock] pages */
static unsigned long nr_managed;		/* pages ever given to us */

#define PCP_HIGH 64		/* the most single pages a CPU keeps */
#define PCP_BATCH 16		/* moved to or from the buddy lists at once */
#define PCP_ZEROED_HIGH 16	/* the most zeroed pages a CPU keeps */

struct per_cpu_pages {
	unsigned int count;		/* pages on list */
	struct list_head list;		/* free single pages, LIFO */
	unsigned int nr_zeroed;		/* pages on zeroed */
	struct list_head zeroed;	/* free pages holding only zeroes */
};

static struct per_cpu_pages pcp[NR_CPUS];	/* [own CPU, irqs off] */

/* User pages may not take the last min_free_pages (Linux's
 * min_free_kbytes watermark): kept for the kernel, and for OOM victims
 * on their way out. Set at boot, and by vm.min_free_kbytes (read
 * without a lock: a watermark, not an invariant). */
unsigned long min_free_pages;
static int min_free_kbytes;		/* vm.min_free_kbytes: the same, in kB */

/* Fault injection state: see should_fail_alloc(). */
long fail_nth;

/* Allocate mem_map for every frame below the end of RAM. */
void page_alloc_init(void)
{
	max_pfn = memblock_end() >> PAGE_SHIFT;
	mem_map = memblock_alloc(max_pfn * sizeof(struct page), 1UL << 32);
	for (unsigned long i = 0; i < max_pfn; i++) {
		mem_map[i].flags = PG_reserved;
		INIT_LIST_HEAD(&mem_map[i].lru);
	}
	for (int o = 0; o < MAX_ORDER; o++)
		INIT_LIST_HEAD(&free_area[o]);
	for (int c = 0; c < NR_CPUS; c++) {
		INIT_LIST_HEAD(&pcp[c].list);
		INIT_LIST_HEAD(&pcp[c].zeroed);
	}
}

static void add_free_block(struct page *p, unsigned int order)
{
	p->flags = PG_buddy;
	p->order = order;
	list_add(&p->lru, &free_area[order]);
}

static void del_free_block(struct page *p)
{
	list_del_init(&p->lru);
	p->flags = 0;
}

static void __free_block(struct page *p, unsigned int order)
{
	unsigned long pfn = page_to_pfn(p);

	nr_free += 1UL << order;
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *b = pfn_to_page(buddy_pfn);

		if (buddy_pfn >= max_pfn || !(b->flags & PG_buddy) ||
		    b->order != order)
			break;
		del_free_block(b);
		pfn &= ~(1UL << order);
		order++;
	}
	add_free_block(pfn_to_page(pfn), order);
}

/* Give the frames [start, end) to the allocator (boot only). */
void free_area_init(unsigned long start, unsigned long end)
{
	unsigned long f = spin_lock_irqsave(&zone_lock);

	while (start < end) {
		unsigned int order = 0;

		while (order < MAX_ORDER - 1 &&
		       !(start & ((2UL << order) - 1)) &&
		       start + (2UL << order) <= end)
			order++;
		for (unsigned long i = 0; i < (1UL << order); i++)
			pfn_to_page(start + i)->flags = 0;
		nr_managed += 1UL << order;
		__free_block(pfn_to_page(start), order);
		start += 1UL << order;
	}
	spin_unlock_irqrestore(&zone_lock, f);
}

/* Has fault injection ever been asked for? (Until then no allocation
 * need look further: see should_fail_alloc() in <tine/mm.h>.) */
bool fail_nth_armed;

/*
 * Fault injection: when fail_nth is N > 0, the Nth allocation from the
 * moment it was set fails (then injection switches itself off).
 */
bool __should_fail_alloc(unsigned int gfp)
{
	struct task_struct *t;

	if (gfp & (GFP_NOFAIL_INJECT | __GFP_USER))
		return false;
	if (unlikely(fail_nth > 0) && --fail_nth == 0)
		return true;
	if (!percpu_ready)
		return false;
	/* Per task, as Linux's /proc/<pid>/fail-nth: only the allocations
	 * this task makes count down. */
	t = current;
	return unlikely(t->fail_nth > 0) && --t->fail_nth == 0;
}

static int fail_nth_setup(char *val)
{
	const char *end;
	long n = simple_strtoul(val, &end, 0);

	if (end == val || *end)
		return -EINVAL;
	fail_nth_set(n);
	return 0;
}
__setup("tine.fail_nth=", fail_nth_setup);

/* Boot knob (tine.fail_nth=N) before tasks exist, else current's. */
void fail_nth_set(long n)
{
	if (n > 0)
		WRITE_ONCE(fail_nth_armed, true);	/* for good */
	if (percpu_ready)
		current->fail_nth = n;
	else
		fail_nth = n;
}

/* A block of 2^order pages off the buddy lists, or NULL. zone_lock held. */
static struct page *__rmqueue(unsigned int order)
{
	struct page *p;
	unsigned int o;

	lockdep_assert_held(&zone_lock);
	for (o = order; o < MAX_ORDER; o++)
		if (!list_empty(&free_area[o]))
			break;
	if (o == MAX_ORDER)
		return NULL;
	p = list_first_entry(&free_area[o], struct page, lru);
	del_free_block(p);
	while (o > order) {	/* split, returning the upper halves */
		o--;
		add_free_block(p + (1UL << o), o);
	}
	nr_free -= 1UL << order;
	return p;
}

/* The first page of a per-CPU list (*count pages on it), taken off. */
static struct page *pcp_take(struct list_head *list, unsigned int *count)
{
	struct page *p = list_first_entry(list, struct page, lru);

	list_del_init(&p->lru);
	(*count)--;
	return p;
}

/* A single page from this CPU's list, refilled from the buddy lists a
 * batch at a time (and, memory out there, a zeroed page); NULL when
 * memory is out. */
static inline __attribute__((always_inline)) struct page *rmqueue_pcp(void)
{
	unsigned long f = local_irq_save();
	struct per_cpu_pages *pc = &pcp[smp_processor_id()];
	struct page *p = NULL;

	if (list_empty(&pc->list)) {
		spin_lock(&zone_lock);
		for (int i = 0; i < PCP_BATCH && (p = __rmqueue(0)); i++) {
			list_add_tail(&p->lru, &pc->list);
			pc->count++;
		}
		spin_unlock(&zone_lock);
	}
	p = NULL;
	if (!list_empty(&pc->list))
		p = pcp_take(&pc->list, &pc->count);
	else if (pc->nr_zeroed)
		p = pcp_take(&pc->zeroed, &pc->nr_zeroed);
	local_irq_restore(f);
	return p;
}

/* An order-0 page for a __GFP_ZERO request, with a reference: off this
 * CPU's zeroed list if it has one, else an ordinary page cleared now.
 * NULL when memory is out. (Kept out of alloc_pages() so that other
 * requests pay nothing for it.) */
static __attribute__((noinline)) struct page *alloc_zeroed_pcp(void)
{
	struct per_cpu_pages *pc;
	struct page *p = NULL;
	unsigned long f;

	/* A look without interrupts off first (the list is often empty;
	 * we might move CPUs, so it is only a hint). */
	if (READ_ONCE(pcp[smp_processor_id()].nr_zeroed)) {
		f = local_irq_save();
		pc = &pcp[smp_processor_id()];
		if (pc->nr_zeroed)
			p = pcp_take(&pc->zeroed, &pc->nr_zeroed);
		local_irq_restore(f);
	}
	if (!p) {
		p = rmqueue_pcp();
		if (!p)
			return NULL;
		memset(page_address(p), 0, PAGE_SIZE);
	}
	atomic_set(&p->_refcount, 1);
	return p;
}

/* Integer square root (Newton's method), for the watermark. */
static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = x, y = (x + 1) / 2;

	while (y < r) {
		r = y;
		y = (r + x / r) / 2;
	}
	return r;
}

/*
 * init_min_free_pages - the user-page watermark as Linux sizes
 * min_free_kbytes: sqrt(16 * RAM in kB), between 128 kB and 256 MB.
 * Boot, once the allocator has its memory.
 */
void init_min_free_pages(void)
{
	unsigned long kb = int_sqrt(nr_managed * (PAGE_SIZE >> 10) * 16);

	kb = MAX(MIN(kb, 262144UL), 128UL);
	min_free_kbytes = kb;
	min_free_pages = kb / (PAGE_SIZE >> 10);
}

/* vm.min_free_kbytes: the watermark, in kB (>= 0), as Linux's. */
static int min_free_kbytes_handler(const struct ctl_table *t, int write,
				   char *buf, size_t *lenp, off_t *ppos)
{
	int err = proc_dointvec_minmax(t, write, buf, lenp, ppos);

	if (!err && write)
		WRITE_ONCE(min_free_pages,
			   READ_ONCE(min_free_kbytes) / (PAGE_SIZE >> 10));
	return err;
}

static const struct ctl_table page_alloc_table[] = {
	{ .procname = "min_free_kbytes", .data = &min_free_kbytes,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = min_free_kbytes_handler, .extra1 = SYSCTL_ZERO },
	{ }
};

static void page_alloc_sysctl_init(void)
{
	register_sysctl("vm", page_alloc_table);
}
__initcall(page_alloc_sysctl_init);

/* May a user allocation of 2^order pages be served? (A lockless look
 * at the buddy lists' count: the per-CPU lists' few pages are extra.) */
static bool user_pages_allowed(unsigned int order)
{
	return READ_ONCE(nr_free) >= min_free_pages + (1UL << order) ||
	       oom_reserves_allowed();
}

/*
 * alloc_pages - take a block of 2^order contiguous pages. A user page
 * (__GFP_USER) is refused below the watermark unless current is an OOM
 * victim: the caller then runs the OOM killer (page faults).
 * Returns its first page with refcount 1, or NULL. Never sleeps.
 */
struct page *alloc_pages(unsigned int gfp, unsigned int order)
{
	struct page *p;
	unsigned long f;

	if (order >= MAX_ORDER || should_fail_alloc(gfp))
		return NULL;
	/* A user page below the watermark: the caller (a page fault) runs
	 * the OOM killer, unless current is its victim on the way out. */
	if ((gfp & __GFP_USER) && !user_pages_allowed(order))
		return NULL;
	if (order == 0 && likely(percpu_ready)) {
		if (gfp & __GFP_ZERO)
			return alloc_zeroed_pcp();
		p = rmqueue_pcp();
	} else {
		f = spin_lock_irqsave(&zone_lock);
		p = __rmqueue(order);
		spin_unlock_irqrestore(&zone_lock, f);
	}
	if (!p)
		return NULL;
	atomic_set(&p->_refcount, 1);
	if (gfp & __GFP_ZERO)
		memset(page_address(p), 0, PAGE_SIZE << order);
	return p;
}

/* Put a single page on this CPU's list (a zeroed one on the zeroed
 * list, while it has room); past PCP_HIGH a batch goes back to the
 * buddy lists. */
static inline __attribute__((always_inline))
void free_pcp(struct page *p, bool zeroed)
{
	unsigned long f = local_irq_save();
	struct per_cpu_pages *pc = &pcp[smp_processor_id()];

	if (zeroed && pc->nr_zeroed < PCP_ZEROED_HIGH) {
		list_add(&p->lru, &pc->zeroed);
		pc->nr_zeroed++;
		goto out;
	}
	list_add(&p->lru, &pc->list);
	if (++pc->count > PCP_HIGH) {
		spin_lock(&zone_lock);
		for (int i = 0; i < PCP_BATCH; i++) {
			struct page *q = list_entry(pc->list.prev,
						    struct page, lru);

			list_del_init(&q->lru);
			__free_block(q, 0);
		}
		pc->count -= PCP_BATCH;
		spin_unlock(&zone_lock);
	}
out:
	local_irq_restore(f);
}

void __free_pages(struct page *p, unsigned int order)
{
	unsigned long f;

	BUG_ON(p->flags & (PG_reserved | PG_buddy));
	atomic_set(&p->_refcount, 0);
	p->flags = 0;
	if (order == 0 && likely(percpu_ready)) {
		free_pcp(p, false);
		return;
	}
	f = spin_lock_irqsave(&zone_lock);
	__free_block(p, order);
	spin_unlock_irqrestore(&zone_lock, f);
}

/* free_zeroed_page - see <tine/mm.h>. Any context. */
void free_zeroed_page(struct page *p)
{
	if (unlikely(!percpu_ready)) {
		__free_pages(p, 0);
		return;
	}
	BUG_ON(p->flags & (PG_reserved | PG_buddy));
	atomic_set(&p->_refcount, 0);
	p->flags = 0;
	free_pcp(p, true);
}

void put_page(struct page *p)
{
	if (atomic_dec_and_test(&p->_refcount))
		__free_pages(p, 0);
}

void *get_zeroed_page(void)
{
	struct page *p = alloc_page(__GFP_ZERO);

	return p ? page_address(p) : NULL;
}

void free_page(void *addr)
{
	if (addr)
		put_page(virt_to_page(addr));
}

/* Free pages: on the buddy lists and on every CPU's list. */
unsigned long nr_free_pages(void)
{
	unsigned long n = READ_ONCE(nr_free);

	for (int c = 0; c < NR_CPUS; c++)
		n += READ_ONCE(pcp[c].count) + READ_ONCE(pcp[c].nr_zeroed);
	return n;
}
unsigned long totalram_pages(void) { return nr_managed; }
