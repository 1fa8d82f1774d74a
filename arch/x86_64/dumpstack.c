/* Register dumps and frame-pointer backtraces, with symbol names. */
#include <asm/arch.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <tine/printk.h>
#include <tine/symbols.h>

/* printk one line at level lvl ("" for the default). */
static void printk_lvl(const char *lvl, const char *line)
{
	char fmt[8];

	snprintf(fmt, sizeof(fmt), "%s%%s", lvl);
	printk(fmt, line);
}

static void print_addr_lvl(const char *lvl, unsigned long a)
{
	unsigned long off;
	const char *name = ksym_lookup(a, &off);
	char line[160];

	if (name)
		snprintf(line, sizeof(line), " [<%016lx>] %s+0x%lx\n", a, name,
			 off);
	else
		snprintf(line, sizeof(line), " [<%016lx>] ?\n", a);
	printk_lvl(lvl, line);
}

static void print_addr(unsigned long a)
{
	print_addr_lvl("", a);
}

static void backtrace_from(const char *lvl, unsigned long bp)
{
	printk_lvl(lvl, "Call Trace:\n");
	for (int depth = 0; depth < 32; depth++) {
		unsigned long *frame = (unsigned long *)bp;

		if (bp < KERNEL_VIRT && bp < PAGE_OFFSET)
			break;
		if (bp & 7)
			break;
		if (!frame[1])
			break;
		print_addr_lvl(lvl, frame[1]);
		bp = frame[0];
	}
}

/* dump_stack_lvl - see asm/arch.h: the caller's frame-pointer chain. */
void dump_stack_lvl(const char *lvl)
{
	backtrace_from(lvl, (unsigned long)__builtin_frame_address(0));
}

/* dump_stack - see asm/arch.h. Any context. */
void dump_stack(void)
{
	backtrace_from("", (unsigned long)__builtin_frame_address(0));
}

/*
 * show_regs - print r's registers, symbolised ip (for oopses). Any
 * context.
 */
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
		backtrace_from("", r->bp);
}
