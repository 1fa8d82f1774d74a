/*
 * panic: the end of the line. Registers, backtrace, then, as "panic=N"
 * asks, a reboot N seconds later (at once for a negative N; under
 * QEMU's -no-reboot that ends QEMU), or a halt forever (N = 0, the
 * default).
 */
#include <asm/arch.h>
#include <asm/processor.h>
#include <tine/init.h>
#include <tine/mm.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/smp.h>
#include <tine/string.h>
#include <tine/symbols.h>
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
