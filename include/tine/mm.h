/*
 * Physical pages and kernel allocations.
 *
 * Every physical page has a struct page in mem_map[], indexed by page
 * frame number. A page handed to user space is reference counted: COW
 * sharing, page cache mappings and MAP_SHARED mappings each hold one.
 */
#ifndef TINE_MM_H
#define TINE_MM_H

#include <asm/page.h>
#include <tine/atomic.h>
#include <tine/list.h>
#include <tine/types.h>

#define PG_reserved 0x01	/* never allocatable (kernel image, holes) */
#define PG_buddy 0x02		/* head of a free block in the buddy lists */
#define PG_slab 0x04		/* owned by kmalloc; see slab_* fields */

struct page {
	atomic_t _refcount;		/* users; 0 = free (or reserved) */
	u8 flags;			/* PG_* */
	u8 order;			/* buddy: order of the free block */
	u16 slab_inuse;			/* slab: objects handed out */
	union {
		u32 slab_class;		/* slab: size class index */
		/* A user page table on its address space's list: the
		 * entry one level up that points at it (pgd_free). */
		u64 *pt_parent;
	};
	struct list_head lru;		/* buddy free list / slab partial list */
	union {
		void *slab_free;	/* slab: first free object */
		/* A PD shared by fork: the sums of its PTs' pt_rss,
		 * what a sharer adds to its rss (docs/odf.md). */
		u32 pd_rss[2];
	};
	union {
		/* A last-level page table: present entries mapping
		 * private anonymous pages ([0]) and other pages ([1]);
		 * what an address space sharing the table adds to its
		 * rss (docs/odf.md). */
		u16 pt_rss[2];
		u16 pd_entries;		/* a PD: its present entries */
	};
};

extern struct page *mem_map;
extern unsigned long max_pfn;

static inline unsigned long page_to_pfn(const struct page *p)
{
	return p - mem_map;
}
static inline struct page *pfn_to_page(unsigned long pfn)
{
	return &mem_map[pfn];
}
static inline phys_addr_t page_to_phys(const struct page *p)
{
	return (phys_addr_t)page_to_pfn(p) << PAGE_SHIFT;
}
static inline void *page_address(const struct page *p)
{
	return __va(page_to_phys(p));
}
static inline struct page *virt_to_page(const void *v)
{
	return pfn_to_page(__pa(v) >> PAGE_SHIFT);
}
static inline struct page *phys_to_page(phys_addr_t pa)
{
	return pfn_to_page(pa >> PAGE_SHIFT);
}

/* gfp flags */
#define GFP_KERNEL 0x0
#define __GFP_ZERO 0x1
#define GFP_NOFAIL_INJECT 0x2	/* exempt from fault injection (boot) */
/* A page of user memory. Like Linux's fail_page_alloc, which by default
 * ignores highmem (user) pages, fault injection does not fail these: a
 * failed user fault can only kill the process, which tests nothing. */
#define __GFP_USER 0x4

void page_alloc_init(void);
void init_min_free_pages(void);
void free_area_init(unsigned long start_pfn, unsigned long end_pfn);
struct page *alloc_pages(unsigned int gfp, unsigned int order);
void __free_pages(struct page *p, unsigned int order);
/* Free a single page the caller knows to hold only zeroes: the next
 * __GFP_ZERO allocation on this CPU may skip clearing it. */
void free_zeroed_page(struct page *p);
static inline struct page *alloc_page(unsigned int gfp)
{
	return alloc_pages(gfp, 0);
}
/* A zeroed page, as a kernel virtual address (NULL when out of memory). */
void *get_zeroed_page(void);
void free_page(void *addr);

static inline void get_page(struct page *p) { atomic_inc(&p->_refcount); }
/* Drop a reference to an order-0 page; the last one frees it. */
void put_page(struct page *p);
static inline int page_count(const struct page *p)
{
	return atomic_read(&p->_refcount);
}

unsigned long nr_free_pages(void);
unsigned long totalram_pages(void);

/* Set up the kmalloc size classes. Boot, one CPU, before any kmalloc. */
void slab_init(void);
void *kmalloc(size_t size, unsigned int gfp);
void *kzalloc(size_t size);
void kfree(const void *p);
char *kstrdup(const char *s);
unsigned long nr_kmalloc_objects(void);
/* Every CPU's cached free kmalloc objects back to their pages (waits for
 * the other CPUs: interrupts on, no spinlock held). */
void kmalloc_drain_cpu_caches(void);
bool kmalloc_class_stats(int c, unsigned long *size, unsigned long *active,
			 unsigned long *total);

/* Fault injection: fail the Nth allocation from now (0 = off). */
bool __should_fail_alloc(unsigned int gfp);
extern bool fail_nth_armed;
/* Must this allocation fail (fault injection: tine.fail_nth=, or
 * /proc/<pid>/fail-nth)? Costs one test until injection is first set. */
static inline bool should_fail_alloc(unsigned int gfp)
{
	return unlikely(READ_ONCE(fail_nth_armed)) && __should_fail_alloc(gfp);
}
void fail_nth_set(long n);
extern long fail_nth;
extern bool percpu_ready;

#endif
