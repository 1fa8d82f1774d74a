/*
 * tools/fuzz/fuzz.h: the in-guest random-syscall fuzzer (make fuzz, and a
 * bounded run in make check as /tests/fuzz/syscalls).
 *
 * A parent forks fuzz children one after another (a few at a time); each
 * child makes a seeded sequence of random system calls with random and
 * "interesting" arguments (fds of many kinds, good and bad pointers, flag
 * combinations, sizes), as root or as an unprivileged user.  Every call
 * is recorded in memory shared with the parent before it is made, so a
 * child that hangs has its last calls printed.  After the run the parent
 * checks that MemFree and every /proc/slabinfo cache came back.
 *
 * Files: main.c (the parent: options, children, watchdog, leak check),
 * child.c (a child's setup and call loop), args.c (argument generators),
 * table.c (the system calls and the types of their arguments).
 */
#ifndef FUZZ_H
#define FUZZ_H

#define _GNU_SOURCE
#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>

#define RING 16		/* calls remembered per child */
#define MAX_PAR 8	/* children at once */
#define MAX_FDS 48	/* fds a child keeps in its pool */
#define MAX_MAPS 16	/* mappings a child keeps in its pool */
#define NOBODY 65534	/* the unprivileged children's uid and gid */
#define TRACE_FD 1000	/* fuzz.trace: the console, out of the calls' reach */
#define ARGS_SIZE (4 * 4096)	/* the args page(s) */
#define VICTIM_SIZE (8 * 4096)	/* the victim pages */

/* One recorded call.  done is set once the call has returned. */
struct call_rec {
	int nr;
	int done;
	long args[6];
	long ret;
};

/* A running child's record, in memory shared with the parent. */
struct slot {
	volatile int pid;
	int child;			/* child number: its seed and uid follow */
	int uid;
	volatile unsigned long calls;	/* calls started */
	struct call_rec recs[RING];	/* calls % RING */
};

/* Options from the kernel command line (fuzz.NAME=VALUE). */
struct fuzz_opts {
	long calls;		/* total budget (fuzz.calls) */
	unsigned long seed;	/* fuzz.seed */
	int par;		/* children at once (fuzz.par) */
	int per_child;		/* calls per child (fuzz.per_child) */
	int trace;		/* print every call on the console (fuzz.trace) */
	int only_child;		/* run just this child number, or -1 */
	int time_limit;		/* seconds; stop starting children after */
	int root;		/* 0: unprivileged only, 1: both (fuzz.root) */
	char only[512];		/* fuzz.only=name,name: just these calls */
	char skip[512];		/* fuzz.skip=name,name: never these */
};

/* Argument kinds (table.c says which argument of which call is what). */
enum arg_kind {
	A_NONE,
	A_ANY,		/* any interesting value: int, pointer or fd */
	A_INT,		/* interesting integer */
	A_FD,		/* an fd from the pool, or a bad one */
	A_DIRFD,	/* a directory fd from the pool, AT_FDCWD or bad */
	A_BUF,		/* pointer to writable memory, sometimes a bad one */
	A_PTR,		/* pointer of any kind */
	A_LEN,		/* a size */
	A_PATH,		/* a path name */
	A_WPATH,	/* a path that may be created, changed or removed */
	A_FLAGS,	/* OR of the call's flag list, sometimes junk */
	A_CMD,		/* one of the call's commands, sometimes junk */
	A_MODE,		/* file mode bits */
	A_PID,		/* a pid (from the child's safe list) */
	A_SIG,		/* a signal number (never SIGALRM) */
	A_ADDR,		/* an address to map, unmap or protect */
	A_UID,		/* a user or group id */
	A_IOVEC,	/* an iovec array (count follows as A_LEN) */
	A_SIGSET,	/* a sigset_t without SIGALRM */
	A_TIME,		/* a short timespec/timeval, or a bad pointer */
	A_STR,		/* a string (names, argv entries, mount data) */
	A_ARGV,		/* a NULL-terminated string array */
	A_FDPAIR,	/* int[2] the kernel fills with two fds */
	A_DEV,		/* a device number (harmless ones for root) */
	A_PROT,		/* PROT_* bits */
	A_POLLFD,	/* a pollfd array of pool fds (count follows) */
	A_SIGACT,	/* a struct sigaction */
	A_EXEC,		/* a program to execve (never the runner) */
	A_FSTYPE,	/* a file system type name */
	A_CLONE3,	/* a struct clone_args (flags from the call's list) */
	NR_ARG_KINDS
};

/* Call flags in the table. */
#define F_RET_FD	0x01	/* success returns a new fd */
#define F_RET_MAP	0x02	/* success returns a mapping (addr, args[1]) */
#define F_NO_ROOT	0x04	/* never as root (affects the whole machine) */
#define F_CLONE		0x08	/* creates a process: child exits at once */
#define F_RARE		0x10	/* ends or breaks the child: pick seldom */
#define F_NEVER		0x20	/* never call (see table.c for why) */
#define F_FDPAIR	0x40	/* success fills an A_FDPAIR with two fds */
#define F_REARM		0x80	/* may change SIGALRM's timer, mask or action */

struct syscall_desc {
	int nr;
	const char *name;
	unsigned char arg[6];		/* enum arg_kind */
	unsigned int flags;		/* F_* */
	const long *vals;		/* A_FLAGS bits or A_CMD values */
	int nvals;
};

/* The per-child state the generators work from. */
struct fuzz_child {
	uint64_t rng;			/* xorshift state */
	int index;			/* child number */
	int is_root;
	pid_t pid, ppid, pgid;
	int fds[MAX_FDS];		/* the fd pool */
	int nfds;
	int dirfds[8];			/* directory fds in the pool */
	int ndirfds;
	unsigned long maps[MAX_MAPS];	/* mappings: start */
	unsigned long map_len[MAX_MAPS];
	int nmaps;
	char *victim;			/* buffers the calls may do anything to */
	char *args_page;		/* strings and structures built per call */
	size_t args_used;
	char *ro_page, *none_page;	/* read-only and PROT_NONE pages */
	unsigned long hole;		/* an address with nothing mapped */
	char scratch[64];		/* the child's own directory */
	pid_t kids[8];			/* processes it made (for A_PID) */
	int nkids;
};

extern const struct syscall_desc syscall_table[];
extern const int nr_syscall_table;

/* args.c */
uint64_t rnd(struct fuzz_child *c);
unsigned long rnd_below(struct fuzz_child *c, unsigned long n);
long gen_arg(struct fuzz_child *c, const struct syscall_desc *d, int i);
void args_reset(struct fuzz_child *c);
void fill_victim(struct fuzz_child *c);

/* child.c */
void fuzz_child_main(const struct fuzz_opts *o, struct slot *s, int index);

/* main.c */
void fuzz_print_calls(int fd, const struct slot *s);
const struct syscall_desc *find_syscall(int nr);
uint64_t child_seed(unsigned long seed, int index);

#endif /* FUZZ_H */
