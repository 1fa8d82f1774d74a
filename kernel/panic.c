/*
 * panic: the end of the line. Registers, backtrace, then, as "panic=N"
 * asks, a reboot N seconds later (at once for a negative N; under
 * QEMU's -no-reboot that ends QEMU), or a halt forever (N = 0, the
 * default).
 */
#include <asm/arch.h>
#include <asm/processor.h>
#include <tine/capability.h>
#include <tine/init.h>
#include <tine/mm.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/smp.h>
#include <tine/string.h>
#include <tine/symbols.h>
#include <tine/sysctl.h>
#include <uapi/errno.h>

static int panic_timeout;		/* [boot] seconds; "panic=" */
static int panic_cpu = -1;		/* the CPU that panics first */

static int panic_setup(char *val)
{
	bool neg = *val == '-';
	const char *end;
	long n = simple_strtoul(val + neg, &end, 0);

	if (end == val + neg || *end)
		return -EINVAL;
	panic_timeout = neg ? -n : n;
	return 0;
}
__setup("panic=", panic_setup);

/* panic_in_progress - see printk.h. */
bool panic_in_progress(void)
{
	return __atomic_load_n(&panic_cpu, __ATOMIC_RELAXED) != -1;
}

/* Busy-wait ms milliseconds with interrupts off (the clock is the TSC). */
static void panic_delay_ms(u64 ms)
{
	u64 end = ktime_get_ns() + ms * 1000000;

	while (ktime_get_ns() < end)
		cpu_relax();
}

/*
 * panic - report a fatal kernel error and stop: print the message and a
 * backtrace, then reboot or halt as "panic=" says. Never returns. Any
 * context; a second CPU that panics meanwhile just halts.
 */
void panic(const char *fmt, ...)
{
	/* Before the per-CPU block is set up only the boot CPU runs. */
	int this_cpu = percpu_ready ? (int)smp_processor_id() : 0, old = -1;
	char buf[256];
	va_list ap;

	local_irq_disable();
	if (!__atomic_compare_exchange_n(&panic_cpu, &old, this_cpu, false,
					 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) &&
	    old != this_cpu)
		for (;;)
			halt();
	if (old == -1)
		smp_send_stop();
	console_verbose();
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	if (old == -1)			/* not a panic within the panic */
		dump_stack();
	if (panic_timeout > 0) {
		pr_emerg("Rebooting in %d seconds..\n", panic_timeout);
		panic_delay_ms((u64)panic_timeout * 1000);
	}
	if (panic_timeout != 0)
		arch_reboot();
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	for (;;)
		halt();
}

/*
 * ksym_lookup - see tine/symbols.h: NULL before the first symbol or with
 * no table. Any context (no lock: the table is read-only).
 */
const char *ksym_lookup(unsigned long addr, unsigned long *off)
{
	unsigned long lo = 0, hi = nr_ksyms;

	if (!nr_ksyms || addr < ksyms[0].addr)
		return NULL;
	while (hi - lo > 1) {	/* last symbol at or below addr */
		unsigned long mid = (lo + hi) / 2;
		if (ksyms[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*off = addr - ksyms[lo].addr;
	return ksyms[lo].name;
}

/* ksym_lookup_size - see symbols.h. */
const char *ksym_lookup_size(unsigned long addr, unsigned long *off,
			     unsigned long *size)
{
	const char *name = ksym_lookup(addr, off);
	unsigned long start = addr - *off, lo = 0, hi = nr_ksyms;

	if (!name)
		return NULL;
	while (lo < hi) {	/* the first symbol above start */
		unsigned long mid = (lo + hi) / 2;

		if (ksyms[mid].addr <= start)
			lo = mid + 1;
		else
			hi = mid;
	}
	*size = lo < nr_ksyms ? ksyms[lo].addr - start : 0;
	return name;
}

/* ---- taints and sysctl: kernel.panic, panic_on_oops, panic_on_warn,
 * tainted, warn_limit ---- */

static unsigned long tainted_mask;	/* TAINT_* bits; only ever set */

/* add_taint - see printk.h. Any context. */
void add_taint(unsigned int flag)
{
	__atomic_fetch_or(&tainted_mask, 1UL << flag, __ATOMIC_RELAXED);
}

/*
 * kernel.tainted: a write adds the bits it names (CAP_SYS_ADMIN: EPERM);
 * none is ever cleared, as on Linux.
 */
static int proc_taint(const struct ctl_table *t, int write, char *buf,
		      size_t *lenp, off_t *ppos)
{
	unsigned long mask = READ_ONCE(tainted_mask);
	struct ctl_table tmp = *t;
	int err;

	if (write && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	tmp.data = &mask;
	err = proc_doulongvec_minmax(&tmp, write, buf, lenp, ppos);
	if (!err && write)
		__atomic_fetch_or(&tainted_mask, mask, __ATOMIC_RELAXED);
	return err;
}

/* kernel.panic_on_warn and kernel.warn_limit (0: no limit). */
static int panic_on_warn;
static unsigned int warn_limit;
static unsigned int warn_count;		/* warnings since boot (atomic) */

/* check_panic_on_warn - see printk.h. */
void check_panic_on_warn(const char *origin)
{
	unsigned int limit = READ_ONCE(warn_limit);
	unsigned int n = __atomic_add_fetch(&warn_count, 1, __ATOMIC_RELAXED);

	if (READ_ONCE(panic_on_warn))
		panic("%s: panic_on_warn set ...", origin);
	if (limit && n >= limit)
		panic("%s: system warned too often (kernel.warn_limit is %u)",
		      origin, limit);
}

/* tine always panics on an oops: kernel.panic_on_oops is 1, read-only. */
static const int panic_on_oops = 1;

static const struct ctl_table panic_table[] = {
	{ .procname = "panic", .data = &panic_timeout, .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec },
	{ .procname = "panic_on_oops", .data = (void *)&panic_on_oops,
	  .maxlen = sizeof(int), .mode = 0444, .proc_handler = proc_dointvec },
	{ .procname = "panic_on_warn", .data = &panic_on_warn,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_ONE },
	{ .procname = "tainted", .maxlen = sizeof(long), .mode = 0644,
	  .proc_handler = proc_taint },
	{ .procname = "warn_limit", .data = &warn_limit,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_douintvec },
	{ }
};

static void panic_sysctl_init(void)
{
	register_sysctl("kernel", panic_table);
}
__initcall(panic_sysctl_init);
