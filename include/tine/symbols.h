/* The kernel's own symbol table, for symbolised backtraces. */
#ifndef TINE_SYMBOLS_H
#define TINE_SYMBOLS_H

struct ksym {
	unsigned long addr;
	const char *name;
};

extern const struct ksym ksyms[];
extern const unsigned long nr_ksyms;

/* Name of the function containing addr, and the offset into it. */
const char *ksym_lookup(unsigned long addr, unsigned long *off);

#endif
