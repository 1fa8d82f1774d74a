/*
 * System call registration. Each subsystem defines its own syscalls
 * next to the code they use and registers them with SYSCALL_ENTRY();
 * the linker gathers the entries and the table is built at boot, so no
 * central file needs editing. Handlers take up to six longs; like
 * Linux, an int argument uses only the low 32 bits of its register.
 */
#ifndef TINE_SYSCALL_H
#define TINE_SYSCALL_H

#include <tine/compiler.h>
#include <uapi/unistd.h>

struct pt_regs;

typedef long (*syscall_fn_t)(unsigned long, unsigned long, unsigned long,
			     unsigned long, unsigned long, unsigned long);

/* 32-byte aligned so the compiler's alignment of each entry and the
 * array stride the table walk assumes are the same. */
struct syscall_entry {
	unsigned int nr;
	syscall_fn_t fn;
	const char *name;
} __aligned(32);

#define SYSCALL_ENTRY(name, fn)                                          \
	static const struct syscall_entry __sc_##name __used            \
		__section(".syscalls") = { __NR_##name,                 \
					   (syscall_fn_t)(void *)(fn), #name }

#define NR_SYSCALLS 512

/* The .syscalls section, bounds from the linker script. */
extern const struct syscall_entry __syscalls_start[], __syscalls_end[];

void syscall_table_init(void);
long do_syscall(struct pt_regs *regs);
/* The work due on every return to user mode (reschedule, signals, rseq)
 * until none is left; returns with interrupts off. May sleep. */
void syscall_exit_to_user_mode(struct pt_regs *regs);
/* Run system call nr's handler with three arguments, as current, without
 * the entry work (the vsyscall page's emulation). -ENOSYS if none. */
long invoke_syscall(unsigned int nr, unsigned long a0, unsigned long a1,
		    unsigned long a2);

#endif
