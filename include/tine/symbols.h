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
/* The same, and the function's size (to the next symbol). */
const char *ksym_lookup_size(unsigned long addr, unsigned long *off,
			     unsigned long *size);

#endif
