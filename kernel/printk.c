/*
 * printk: formatted kernel messages on the serial console, filtered by
 * level (KERN_* in include/tine/printk.h) against console_loglevel.
 * console_lock serialises whole messages (irq-safe: printk may be
 * called from interrupt handlers).
 */
#include <asm/arch.h>
#include <tine/init.h>
#include <tine/printk.h>
#include <tine/spinlock.h>
#include <tine/string.h>
#include <uapi/errno.h>

static DEFINE_SPINLOCK_RANKED(console_lock, LR_CONSOLE);
int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;	/* [boot] */
static bool ignore_loglevel;				/* [boot] */

static int quiet_setup(char *val)
{
	console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	return 0;
}
__setup("quiet", quiet_setup);

static int debug_setup(char *val)
{
	console_loglevel = 10;
	return 0;
}
__setup("debug", debug_setup);

static int loglevel_setup(char *val)
{
	const char *end;
	unsigned long n = simple_strtoul(val, &end, 10);

	if (end == val || *end)
		return -EINVAL;
	console_loglevel = n;
	return 0;
}
__setup("loglevel=", loglevel_setup);

static int ignore_loglevel_setup(char *val)
{
	ignore_loglevel = true;
	return 0;
}
__setup("ignore_loglevel", ignore_loglevel_setup);

/*
 * "console=NAME[,OPTIONS]" chooses the console on Linux. tine has one,
 * the first serial port: ttyS0 is the console whatever console= says,
 * and it runs at 115200 8N1 whatever the options say. Other names
 * (tty0, hvc0, ttyS1...) are taken, not passed to init, as on Linux.
 */
static int console_setup(char *val)
{
	if (!strncmp(val, "ttyS0", 5) && (!val[5] || val[5] == ','))
		return 0;
	pr_notice("console=%s: tine has no such console; ttyS0 it is\n", val);
	return 0;
}
__setup("console=", console_setup);

/* Raw console output, translating \n to \r\n for the terminal. */
void console_write(const char *s, size_t n)
{
	unsigned long f = spin_lock_irqsave(&console_lock);

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
	spin_unlock_irqrestore(&console_lock, f);
}

/* printk - see printk.h. */
int printk(const char *fmt, ...)
{
	int level = MESSAGE_LOGLEVEL_DEFAULT;
	char buf[512];
	va_list ap;
	int n;

	if (fmt[0] == KERN_SOH[0] && fmt[1] >= '0' && fmt[1] <= '7') {
		level = fmt[1] - '0';
		fmt += 2;
	}
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (level < READ_ONCE(console_loglevel) || ignore_loglevel)
		console_write(buf, n < (int)sizeof(buf) ? (size_t)n
							 : sizeof(buf) - 1);
	return n;
}
