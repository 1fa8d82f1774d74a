/* Register dumps and frame-pointer backtraces, with symbol names. */
#include <asm/arch.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <tine/printk.h>
#include <tine/symbols.h>

static void print_addr(unsigned long a)
{
	unsigned long off;
	const char *name = ksym_lookup(a, &off);

	if (name)
		printk(" [<%016lx>] %s+0x%lx\n", a, name, off);
	else
		printk(" [<%016lx>] ?\n", a);
}

static void backtrace_from(unsigned long bp)
{
	printk("Call Trace:\n");
	for (int depth = 0; depth < 32; depth++) {
		unsigned long *frame = (unsigned long *)bp;

		if (bp < KERNEL_VIRT && bp < PAGE_OFFSET)
			break;
		if (bp & 7)
			break;
		if (!frame[1])
			break;
		print_addr(frame[1]);
		bp = frame[0];
	}
}

void dump_stack(void)
{
	backtrace_from((unsigned long)__builtin_frame_address(0));
}

void show_regs(const struct pt_regs *r)
{
	printk("RIP: %04lx:%016lx", r->cs, r->ip);
	print_addr(r->ip);
	printk("RSP: %04lx:%016lx EFLAGS: %08lx\n", r->ss, r->sp, r->flags);
	printk("RAX: %016lx RBX: %016lx RCX: %016lx\n", r->ax, r->bx, r->cx);
	printk("RDX: %016lx RSI: %016lx RDI: %016lx\n", r->dx, r->si, r->di);
	printk("RBP: %016lx R08: %016lx R09: %016lx\n", r->bp, r->r8, r->r9);
	printk("R10: %016lx R11: %016lx R12: %016lx\n", r->r10, r->r11, r->r12);
	printk("R13: %016lx R14: %016lx R15: %016lx\n", r->r13, r->r14, r->r15);
	printk("CR2: %016lx CR3: %016lx CR4: %016lx\n", read_cr2(), read_cr3(),
	       read_cr4());
	if (!user_mode(r))
		backtrace_from(r->bp);
}
