/*
 * Boot-time memory: the firmware's usable ranges minus what is already
 * taken (kernel image, initrd, early tables). It hands out early
 * allocations (mem_map) and, once the buddy allocator exists, gives it
 * every page nobody reserved. Only used before the scheduler starts,
 * so it needs no lock.
 */
#include <tine/memblock.h>
#include <tine/mm.h>
#include <tine/printk.h>
#include <tine/string.h>

#define MAX_REGIONS 64

struct region {
	u64 base, end;
};

static struct region usable[MAX_REGIONS], reserved[MAX_REGIONS];
static int nr_usable, nr_reserved;

static void add_region(struct region *r, int *n, u64 base, u64 end)
{
	if (end <= base)
		return;
	if (*n == MAX_REGIONS)
		panic("memblock: too many regions");
	r[(*n)++] = (struct region){ base, end };
}

void memblock_add(u64 base, u64 size)
{
	add_region(usable, &nr_usable, ALIGN_UP(base, PAGE_SIZE),
		   ALIGN_DOWN(base + size, PAGE_SIZE));
}

/* Reserve a range; one touching an existing reservation extends it
 * (early page-table allocations come one page at a time). */
void memblock_reserve(u64 base, u64 size)
{
	u64 b = ALIGN_DOWN(base, PAGE_SIZE), e = ALIGN_UP(base + size, PAGE_SIZE);

	for (int i = 0; i < nr_reserved; i++) {
		if (reserved[i].end == b) {
			reserved[i].end = e;
			return;
		}
		if (reserved[i].base == e) {
			reserved[i].base = b;
			return;
		}
	}
	add_region(reserved, &nr_reserved, b, e);
}

/* First reserved region overlapping [base, end), or NULL. */
static struct region *overlap(u64 base, u64 end)
{
	for (int i = 0; i < nr_reserved; i++)
		if (reserved[i].base < end && base < reserved[i].end)
			return &reserved[i];
	return NULL;
}

/* Carve size bytes below limit out of free memory; panics on failure. */
void *memblock_alloc(u64 size, u64 limit)
{
	size = ALIGN_UP(size, PAGE_SIZE);
	for (int i = 0; i < nr_usable; i++) {
		u64 base = usable[i].base;
		struct region *r;

		while (base + size <= usable[i].end && base + size <= limit) {
			r = overlap(base, base + size);
			if (!r) {
				memblock_reserve(base, size);
				memset(__va(base), 0, size);
				return __va(base);
			}
			base = r->end;
		}
	}
	panic("memblock: cannot allocate %lu bytes", (unsigned long)size);
}

u64 memblock_end(void)
{
	u64 end = 0;

	for (int i = 0; i < nr_usable; i++)
		end = MAX(end, usable[i].end);
	return end;
}

/* Hand every unreserved usable page to the buddy allocator. */
void memblock_free_all(void)
{
	for (int i = 0; i < nr_usable; i++) {
		for (u64 pa = usable[i].base; pa < usable[i].end;) {
			struct region *r = overlap(pa, pa + PAGE_SIZE);
			u64 next;

			if (r) {
				pa = r->end;
				continue;
			}
			next = usable[i].end;
			for (int j = 0; j < nr_reserved; j++)
				if (reserved[j].base > pa && reserved[j].base < next)
					next = reserved[j].base;
			free_area_init(pa >> PAGE_SHIFT, next >> PAGE_SHIFT);
			pa = next;
		}
	}
}
