/*
 * Core dumps (kernel/coredump.c, kernel/elf_core.c): a process killed
 * by a signal whose default action dumps core (SIGQUIT, SIGILL, SIGTRAP,
 * SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS) writes an
 * ELF core file named by kernel.core_pattern, within RLIMIT_CORE, if
 * its mm is dumpable; its wait status then has WCOREDUMP (0x80).
 *
 * The dumping thread stops the others first (Linux's coredump_wait):
 * it marks the group exit, SIGKILLs them and waits until each has
 * reached do_exit() with its mm and registers intact
 * (coredump_task_exit()), where they sleep until the dump is written.
 */
#ifndef TINE_COREDUMP_H
#define TINE_COREDUMP_H

#include <tine/atomic.h>
#include <tine/types.h>
#include <tine/wait.h>
#include <uapi/signal.h>

struct file;
struct task_struct;

/* One thread stopped for the dump, on its own kernel stack. */
struct core_thread {
	struct task_struct *task;	/* NULL once the dump is over */
	struct core_thread *next;	/* the next stopped thread */
};

/* A dump in progress, on the dumper's stack (signal->core_state). */
struct core_state {
	atomic_t nr_threads;		/* threads yet to stop */
	struct core_thread dumper;	/* the dumper, then the stopped ones */
	struct completion startup;	/* the last one to stop completes it */
};

/* A mapping as a dump sees it (mm/dump.c). */
struct core_vma {
	unsigned long start, end;	/* the range */
	unsigned long flags;		/* VM_* */
	unsigned long pgoff;		/* file offset, pages */
	unsigned long dump_size;	/* bytes from start to write */
	struct file *file;		/* a reference, or NULL */
};

/* What the format writer works with. */
struct coredump_params {
	const siginfo_t *siginfo;	/* the signal that kills us */
	struct file *file;		/* the core file */
	unsigned long limit;		/* RLIMIT_CORE, bytes */
	unsigned long written;		/* bytes written (holes are free) */
	off_t pos;			/* where the next byte goes */
	bool cut;			/* a write failed: the rest is lost */
	bool pipe;			/* to a helper: no holes, no limit */
	unsigned long filter;		/* the mm's coredump_filter */
	struct core_state *core_state;	/* the threads to describe */
};

/* coredump_filter bits (/proc/<pid>/coredump_filter), Linux's. */
#define MMF_DUMP_ANON_PRIVATE 0x01
#define MMF_DUMP_ANON_SHARED 0x02
#define MMF_DUMP_MAPPED_PRIVATE 0x04
#define MMF_DUMP_MAPPED_SHARED 0x08
#define MMF_DUMP_ELF_HEADERS 0x10
#define MMF_DUMP_HUGETLB_PRIVATE 0x20
#define MMF_DUMP_HUGETLB_SHARED 0x40
#define MMF_DUMP_DAX_PRIVATE 0x80
#define MMF_DUMP_DAX_SHARED 0x100
#define MMF_DUMP_FILTER_MASK 0x1ff
#define MMF_DUMP_FILTER_DEFAULT 0x33

#define CORENAME_MAX_SIZE 128

/* kernel.core_uses_pid: append .PID when the pattern has no %p. */
extern int core_uses_pid;

/* kernel.core_pattern: copy it into buf (CORENAME_MAX_SIZE bytes), or
 * set it (at most CORENAME_MAX_SIZE - 1 bytes: else -EINVAL). Sleep. */
void get_core_pattern(char *buf);
int set_core_pattern(const char *pattern, size_t len);

/*
 * do_coredump - current dies of info->si_signo, whose default action
 * dumps core: stop the other threads, write the core file if allowed,
 * and leave the group exit code (WCOREDUMP if a core was written) for
 * do_group_exit(). Process context, no locks held; sleeps.
 */
void do_coredump(const siginfo_t *info);

/*
 * coredump_task_exit - called by do_exit() before the mm goes: if a
 * dump of tsk's process is in progress, tell the dumper tsk has
 * stopped and sleep until the dump is written. No locks held.
 */
void coredump_task_exit(struct task_struct *tsk);

/*
 * mm/dump.c: current's mappings as a dump with filter sees them (an
 * array in *out, file references taken: dump_vma_release()), the count
 * or -ENOMEM; the page at addr to write (a reference) or NULL for a
 * hole. Both take mmap_lock and sleep.
 */
int dump_vma_snapshot(unsigned long filter, struct core_vma **out);
void dump_vma_release(struct core_vma *v, int n);
struct page *get_dump_page(unsigned long addr);

/* Append len bytes at cprm->pos within RLIMIT_CORE (a fatal signal
 * aborts): true if written. */
bool dump_emit(struct coredump_params *cprm, const void *buf, size_t len);
/* Move on to file offset pos (>= cprm->pos): a hole in a file, zeros
 * down a pipe. True unless a write failed. */
bool dump_skip_to(struct coredump_params *cprm, off_t pos);

/*
 * The architecture's registers for NT_PRSTATUS (ELF_NGREG words: its
 * user_regs_struct) and NT_PRFPREG (ELF_FPREGS_SIZE bytes: FXSAVE) of t,
 * current or stopped for the dump (arch/x86_64/ptrace.c).
 */
#define ELF_NGREG 27
#define ELF_FPREGS_SIZE 512
void elf_core_copy_task_regs(struct task_struct *t, unsigned long *regs);
void elf_core_copy_task_fpregs(struct task_struct *t, void *buf);

/*
 * elf_core_dump - write current's process as an ELF core file to
 * cprm->file (kernel/elf_core.c): notes for every stopped thread and
 * the process, a PT_LOAD per mapping as coredump_filter selects. True
 * once the notes could be made (the file may still be cut short by
 * RLIMIT_CORE, as Linux counts it).
 */
bool elf_core_dump(struct coredump_params *cprm);

#endif
