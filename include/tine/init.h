/*
 * Kernel command line options. Each subsystem declares the options it
 * takes next to the code that uses them, as Linux's __setup():
 *
 *	static int panic_setup(char *val) { ... return 0; }
 *	__setup("panic=", panic_setup);
 *
 * A name ending in '=' takes a value ("panic=10" calls the handler
 * with "10"); a bare name is a flag ("quiet", handler called with "").
 * The linker gathers the entries; parse_kernel_cmdline() walks the
 * command line once at boot, before the page allocator exists, so a
 * handler only records what it is told. An option no entry takes goes
 * to init, as on Linux (see kernel/main.c).
 */
#ifndef TINE_INIT_H
#define TINE_INIT_H

#include <tine/compiler.h>
#include <tine/types.h>

/*
 * Boot-time set-up of a subsystem that needs the core up (memory,
 * locks, the VFS) but nothing else in particular, such as registering
 * its sysctl tables: __initcall(fn) runs fn once from do_initcalls()
 * (kernel/main.c), once every CPU is up and before the first user
 * process, interrupts still off. No order among them.
 */
typedef void (*initcall_t)(void);
#define __initcall(fn)                                                      \
	static const initcall_t __setup_name(__initcall_, __LINE__) __used \
		__section(".initcalls") = fn
void do_initcalls(void);
/* The .initcalls section, bounds from the linker script. */
extern const initcall_t __initcalls_start[], __initcalls_end[];

/* The kernel command line as booted (kernel/main.c; /proc/cmdline). */
extern char saved_command_line[2048];

struct kernel_param {
	const char *name;		/* "panic=" or "quiet" */
	int (*setup)(char *val);	/* 0, or -EINVAL: malformed value */
} __aligned(16);

#define __setup_name2(a, b) a##b
#define __setup_name(a, b) __setup_name2(a, b)
#define __setup(str, fn)                                                 \
	static const struct kernel_param __setup_name(__setup_, __LINE__) \
		__used __section(".setup") = { str, fn }
/* The .setup section, bounds from the linker script. */
extern const struct kernel_param __setup_start[], __setup_end[];

/*
 * parse_args - split args (modified in place) into "param[=value]"
 * words, Linux's way: double quotes group blanks ("a=\"b c\""), and are
 * removed from around the value. Calls known(param, val) for each word
 * until "--" (val is NULL without '='), then extra(word) for each whole
 * word after it (up to a second "--"). Boot only.
 */
void parse_args(char *args, void (*known)(char *param, char *val),
		void (*extra)(char *word));

/*
 * param_word - put a word split by parse_args() back together as
 * "param=value" (quotes dropped) and return it. Boot only.
 */
char *param_word(char *param, char *val);

/*
 * kernel_param_setup - run the __setup() handler that takes param
 * (val: its value, NULL if none). Returns true if one took it (even
 * with a malformed value, which it reports), false if no entry names it.
 * Boot only.
 */
bool kernel_param_setup(char *param, char *val);

#endif
