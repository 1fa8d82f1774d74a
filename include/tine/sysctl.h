/*
 * sysctl: the kernel's tunables, as files under /proc/sys (Linux's
 * names and semantics). Each subsystem registers a table of the knobs
 * it owns under a path ("kernel", "fs/inotify") with register_sysctl(),
 * at boot; fs/proc_sysctl.c shows the tree, and each file's read and
 * write go through the entry's handler:
 *
 *	static const struct ctl_table pid_table[] = {
 *		{ .procname = "pid_max", .data = &pid_max,
 *		  .maxlen = sizeof(int), .mode = 0644,
 *		  .proc_handler = proc_dointvec_minmax,
 *		  .extra1 = &pid_max_min, .extra2 = &pid_max_max },
 *		{ }
 *	};
 *	register_sysctl("kernel", pid_table);
 *
 * A handler formats (read) or parses (write) buffer, a kernel copy of
 * the user's, of *lenp bytes at file offset *ppos; it sets *lenp to
 * what it produced or consumed and advances *ppos. Returns 0 or
 * -errno. Handlers run in process context with no lock held and may
 * sleep; a value the kernel reads concurrently is read and written
 * whole (READ_ONCE/WRITE_ONCE), or under the owner's lock in a handler
 * of its own.
 */
#ifndef TINE_SYSCTL_H
#define TINE_SYSCTL_H

#include <tine/types.h>

struct ctl_table;

typedef int proc_handler(const struct ctl_table *table, int write,
			 char *buffer, size_t *lenp, off_t *ppos);

struct ctl_table {
	const char *procname;		/* the file's name; NULL ends a table */
	void *data;			/* the value, as the handler takes it */
	int maxlen;			/* bytes at data (strings: with the NUL) */
	mode_t mode;			/* permission bits, for root (owner),
					 * root's group and others */
	proc_handler *proc_handler;
	const void *extra1, *extra2;	/* bounds for the _minmax handlers */
	/* Who may open it for mask (MAY_READ/MAY_WRITE), instead of the
	 * mode bits (per-namespace knobs): 0 or -EACCES. May be NULL. */
	int (*permission)(const struct ctl_table *t, int mask);
};

/*
 * register_sysctl - add table's entries to the directory path (created
 * with its parents as needed). The table stays the caller's (static).
 * Returns 0, -ENOMEM, or -EEXIST if a name is taken. May sleep.
 */
int register_sysctl(const char *path, const struct ctl_table *table);

/*
 * The handlers (kernel/sysctl.c), as Linux's:
 * proc_dointvec            ints (maxlen / sizeof(int) of them), tab-separated
 * proc_dointvec_minmax     the same within *extra1..*extra2 (EINVAL)
 * proc_douintvec(_minmax)  unsigned ints
 * proc_doulongvec_minmax   unsigned longs within *extra1..*extra2
 * proc_dostring            a NUL-terminated string of up to maxlen - 1
 * proc_dointvec_minmax_sysadmin  minmax; writes need CAP_SYS_ADMIN
 */
proc_handler proc_dointvec;
proc_handler proc_dointvec_minmax;
proc_handler proc_douintvec;
proc_handler proc_douintvec_minmax;
proc_handler proc_doulongvec_minmax;
proc_handler proc_dostring;
proc_handler proc_dointvec_minmax_sysadmin;

/* Bounds for extra1/extra2. */
extern const int sysctl_vals[];
#define SYSCTL_ZERO ((const void *)&sysctl_vals[0])
#define SYSCTL_ONE ((const void *)&sysctl_vals[1])
#define SYSCTL_TWO ((const void *)&sysctl_vals[2])
#define SYSCTL_INT_MAX ((const void *)&sysctl_vals[3])
#define SYSCTL_NEG_ONE ((const void *)&sysctl_vals[4])

/* kernel.sysctl_writes_strict: -1 legacy, 0 warn, 1 strict (default). */
extern int sysctl_writes_strict;

/* --- the tree, for fs/proc_sysctl.c --- */

struct ctl_dir;
/* The root directory (/proc/sys). */
struct ctl_dir *sysctl_root_dir(void);
/* Child directory or entry name of dir: one of them set, or both NULL. */
void sysctl_lookup(struct ctl_dir *dir, const char *name,
		   struct ctl_dir **subdir, const struct ctl_table **entry);
/*
 * The n-th name of dir in alphabetical order: fills one of *subdir /
 * *entry and returns true, or false past the end.
 */
bool sysctl_nth(struct ctl_dir *dir, unsigned long n, struct ctl_dir **subdir,
		const struct ctl_table **entry);
const char *sysctl_dir_name(const struct ctl_dir *dir);
/* May current open entry t for mask? 0 or -EACCES. */
int sysctl_perm(const struct ctl_table *t, int mask);

#endif
