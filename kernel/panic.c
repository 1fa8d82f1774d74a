/* panic: the end of the line. Registers, backtrace, then halt. */
#include <asm/arch.h>
#include <asm/processor.h>
#include <tine/printk.h>
#include <tine/symbols.h>

static bool in_panic;

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	local_irq_disable();
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk("\nKernel panic - not syncing: %s\n", buf);
	if (!in_panic) {
		in_panic = true;
		dump_stack();
	}
	printk("---[ end Kernel panic - not syncing: %s ]---\n", buf);
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
