/*
 * User-mode helpers (kernel/umh.c): the kernel runs a user program, as
 * Linux's call_usermodehelper(). The helper is started by kthreadd, so
 * it runs as root with full capabilities in the initial namespaces,
 * with init's root and cwd, no open files and default signal handlers,
 * whatever process asked for it; an init hook may edit its credentials
 * and files (e.g. give it a pipe as stdin) just before it execs.
 */
#ifndef TINE_UMH_H
#define TINE_UMH_H

#include <tine/kthread.h>
#include <tine/wait.h>

struct cred;

/* How long call_usermodehelper_exec() waits. */
#define UMH_NO_WAIT 0		/* not at all */
#define UMH_WAIT_EXEC 1		/* until the exec is done (or failed) */
#define UMH_WAIT_PROC 2		/* until the program has exited */

struct subprocess_info {
	struct kthread_create_info create; /* the request to kthreadd */
	struct completion *complete;	/* [xchg] the waiter's, or NULL */
	const char *path;		/* the program */
	char **argv;			/* its arguments, NULL-terminated */
	char **envp;			/* its environment, NULL-terminated */
	int wait;			/* UMH_* */
	int retval;			/* exec's result, or the exit status
					 * (UMH_WAIT_PROC) */
	/* In the helper before its exec: may change new (its credentials)
	 * and current's files; non-zero cancels the exec. May be NULL. */
	int (*init)(struct subprocess_info *info, struct cred *new);
	/* When the info is freed (it owns data then). May be NULL. */
	void (*cleanup)(struct subprocess_info *info);
	void *data;			/* for init and cleanup */
};

/*
 * call_usermodehelper_setup - an info to run path with argv and envp
 * (all borrowed: they must stay valid until cleanup runs, or the exec
 * call returns for a waited one). NULL if out of memory. May sleep.
 */
struct subprocess_info *call_usermodehelper_setup(
	const char *path, char **argv, char **envp,
	int (*init)(struct subprocess_info *info, struct cred *new),
	void (*cleanup)(struct subprocess_info *info), void *data);

/*
 * call_usermodehelper_exec - start the helper of info (which this call
 * consumes) and wait as wait says. Returns 0 for UMH_NO_WAIT, exec's
 * result (0 or -errno) for UMH_WAIT_EXEC, the helper's wait status
 * (or -errno if it could not run) for UMH_WAIT_PROC. Sleeps
 * (uninterruptibly) unless UMH_NO_WAIT.
 */
int call_usermodehelper_exec(struct subprocess_info *info, int wait);

/* call_usermodehelper - setup and exec in one, without hooks. */
int call_usermodehelper(const char *path, char **argv, char **envp,
			int wait);

#endif
