/*
 * printk: formatted kernel messages on the serial console.
 * console_lock serialises whole messages (irq-safe: printk may be
 * called from interrupt handlers).
 */
#include <asm/arch.h>
#include <tine/printk.h>
#include <tine/spinlock.h>

static DEFINE_SPINLOCK(console_lock);
bool quiet_boot;

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

int printk(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	console_write(buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
	return n;
}
