/*
 * vm.drop_caches: a write of 1 drops the clean page cache, 2 the
 * reclaimable kernel objects, 3 both; 4 silences the log line that
 * each write leaves (as Linux's fs/drop_caches.c). The file is
 * write-only (0200).
 *
 * tine keeps file data only in tmpfs and ramfs, which (as Linux's
 * shmem) is never dropped, so 1 has nothing to free; 2 gives every
 * CPU's parked slab objects and the empty slab pages back to the page
 * allocator (MemFree grows by them).
 */
#include <tine/init.h>
#include <tine/mm.h>
#include <tine/pid.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/sysctl.h>

static int sysctl_drop_caches;		/* the last value written */
static const int drop_caches_max = 4;
static int stfu;			/* bit 2 written once: no more lines */

static int drop_caches_handler(const struct ctl_table *t, int write,
			       char *buf, size_t *lenp, off_t *ppos)
{
	int err = proc_dointvec_minmax(t, write, buf, lenp, ppos);
	int v;

	if (err || !write)
		return err;
	v = READ_ONCE(sysctl_drop_caches);
	if (v & 2)
		kmalloc_drain_cpu_caches();
	if (!READ_ONCE(stfu))
		pr_info("%s (%d): drop_caches: %d\n", current->comm,
			current->pid, v);
	if (v & 4)
		WRITE_ONCE(stfu, 1);
	return 0;
}

static const struct ctl_table drop_caches_table[] = {
	{ .procname = "drop_caches", .data = &sysctl_drop_caches,
	  .maxlen = sizeof(int), .mode = 0200,
	  .proc_handler = drop_caches_handler, .extra1 = SYSCTL_ONE,
	  .extra2 = &drop_caches_max },
	{ }
};

static void drop_caches_sysctl_init(void)
{
	register_sysctl("vm", drop_caches_table);
}
__initcall(drop_caches_sysctl_init);
