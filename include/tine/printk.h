/* Kernel console output and fatal errors. */
#ifndef TINE_PRINTK_H
#define TINE_PRINTK_H

#include <stdarg.h>
#include <tine/compiler.h>
#include <tine/types.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int printk(const char *fmt, ...) __printf(1, 2);
void console_write(const char *s, size_t n);
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

extern bool quiet_boot;

/* Survivable broken invariant: say so loudly, keep running. */
#define WARN_ON(cond)                                                      \
	({                                                                 \
		bool __w = !!(cond);                                       \
		if (unlikely(__w))                                         \
			printk("WARNING: %s:%d: %s\n", __FILE__, __LINE__, \
			       #cond);                                     \
		__w;                                                       \
	})

#define BUG_ON(cond)                                                      \
	do {                                                              \
		if (unlikely(cond))                                       \
			panic("BUG: %s:%d: %s", __FILE__, __LINE__, #cond); \
	} while (0)

#endif
