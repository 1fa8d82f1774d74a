/* Kernel console output and fatal errors. */
#ifndef TINE_PRINTK_H
#define TINE_PRINTK_H

#include <stdarg.h>
#include <tine/compiler.h>
#include <tine/types.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
/*
 * Message levels, as Linux: a message may start with KERN_<LEVEL>; it
 * reaches the console only if its level is below console_loglevel
 * (7 by default, 4 with "quiet", N with "loglevel=N", everything with
 * "ignore_loglevel"). A message without a level is KERN_WARNING.
 */
#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"		/* the system is unusable */
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
/* Continues the previous message's line (so does a message with no
 * level, from the same task, after one that ended without a newline). */
#define KERN_CONT KERN_SOH "c"

#define CONSOLE_LOGLEVEL_DEFAULT 7
#define CONSOLE_LOGLEVEL_QUIET 4
#define CONSOLE_LOGLEVEL_MIN 1
#define MESSAGE_LOGLEVEL_DEFAULT 4

#define pr_emerg(fmt, ...) printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT fmt, ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk(KERN_DEBUG fmt, ##__VA_ARGS__)

/*
 * printk - format a message and write it to the console if its level
 * passes console_loglevel. Returns the length of the formatted text.
 * Any context (interrupts too); does not sleep.
 */
int printk(const char *fmt, ...) __printf(1, 2);
void console_write(const char *s, size_t n);
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

/* kernel.printk (sysctl): the four levels, as Linux's console_printk. */
extern int console_printk[4];
#define console_loglevel (console_printk[0])
#define default_message_loglevel (console_printk[1])
#define minimum_console_loglevel (console_printk[2])
#define default_console_loglevel (console_printk[3])

/* Taint flags (kernel.tainted bits), as Linux numbers them. */
#define TAINT_WARN 9
#define TAINT_DIE 7
/* add_taint - mark the kernel tainted by flag (kernel/panic.c). */
void add_taint(unsigned int flag);
/*
 * check_panic_on_warn - after a warning from origin: panic if
 * kernel.panic_on_warn is set or this is warning number
 * kernel.warn_limit (kernel/panic.c). Any context.
 */
void check_panic_on_warn(const char *origin);

/* Is some CPU in panic() (kernel/panic.c)? Locks may never be freed. */
bool panic_in_progress(void);

/* Show every message from now on: the kernel is dying (Linux's name). */
static inline void console_verbose(void)
{
	WRITE_ONCE(console_loglevel, 15);
}

/*
 * Survivable broken invariant: say so loudly, keep running. (At
 * KERN_ERR, above Linux's KERN_WARNING, so that "quiet", which every
 * test boot uses, does not hide a kernel bug.)
 */
#define WARN_ON(cond)                                                      \
	({                                                                 \
		bool __w = !!(cond);                                       \
		if (unlikely(__w)) {                                       \
			pr_err("WARNING: %s:%d: %s\n", __FILE__, __LINE__, \
			       #cond);                                     \
			add_taint(TAINT_WARN);                             \
			check_panic_on_warn("kernel");                     \
		}                                                          \
		__w;                                                       \
	})

/* printk only the first time this line is reached (any CPU). */
#define printk_once(fmt, ...)                                              \
	({                                                                 \
		static bool __done;                                        \
		if (!__atomic_exchange_n(&__done, true, __ATOMIC_RELAXED)) \
			printk(fmt, ##__VA_ARGS__);                        \
	})
#define pr_warn_once(fmt, ...) printk_once(KERN_WARNING fmt, ##__VA_ARGS__)

#define BUG_ON(cond)                                                      \
	do {                                                              \
		if (unlikely(cond))                                       \
			panic("BUG: %s:%d: %s", __FILE__, __LINE__, #cond); \
	} while (0)

#endif
