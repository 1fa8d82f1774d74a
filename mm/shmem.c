/*
 * The object behind MAP_SHARED|MAP_ANONYMOUS mappings: a fixed-size
 * array of pages, filled with zeroed pages on first touch and shared by
 * every VMA that maps it (splits, fork children). Linux uses a shmem
 * file; the observable behaviour is the same, including SIGBUS for pages
 * past the original size when mremap grows a mapping.
 *
 * Each filled slot holds one page reference; each PTE mapping the page
 * holds another. Lock order: mm->mmap_lock -> obj->lock.
 */
#include <tine/fault.h>
#include <tine/string.h>
#include "internal.h"

/**
 * shmem_create - a new object of nr_pages zero pages, refcount 1
 *
 * Returns NULL when out of memory. May sleep.
 */
struct shmem_object *shmem_create(unsigned long nr_pages)
{
	struct shmem_object *obj = kzalloc(sizeof(*obj));

	if (!obj)
		return NULL;
	obj->pages = kmalloc(nr_pages * sizeof(*obj->pages), __GFP_ZERO);
	if (!obj->pages) {
		kfree(obj);
		return NULL;
	}
	atomic_set(&obj->refcount, 1);
	mutex_init_ranked(&obj->lock, "shmem_object.lock", LR_SHMEM);
	obj->nr_pages = nr_pages;
	return obj;
}

/* Take a reference (a new VMA maps the object). */
void shmem_get(struct shmem_object *obj)
{
	atomic_inc(&obj->refcount);
}

/* Drop a reference; the last one releases the pages and the object. */
void shmem_put(struct shmem_object *obj)
{
	if (!atomic_dec_and_test(&obj->refcount))
		return;
	for (unsigned long i = 0; i < obj->nr_pages; i++)
		if (obj->pages[i])
			put_page(obj->pages[i]);
	kfree(obj->pages);
	kfree(obj);
}

/**
 * shmem_get_page - the page at index, allocated zeroed on first use
 * @obj: the object
 * @index: page index in the object
 * @fault: set to FAULT_SIGBUS (past the end) or FAULT_OOM on failure
 *
 * Returns the page with a reference for the caller, or NULL. Sleeps.
 */
struct page *shmem_get_page(struct shmem_object *obj, unsigned long index,
			    int *fault)
{
	struct page *page;

	if (index >= obj->nr_pages) {
		*fault = FAULT_SIGBUS;
		return NULL;
	}
	mutex_lock(&obj->lock);
	page = obj->pages[index];
	if (!page) {
		page = alloc_page(__GFP_USER | __GFP_ZERO);
		obj->pages[index] = page;
	}
	if (page)
		get_page(page);
	mutex_unlock(&obj->lock);
	if (!page)
		*fault = FAULT_OOM;
	return page;
}
