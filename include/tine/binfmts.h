/*
 * What an execve is building: the program's file, its strings, and the
 * credentials it will run with (kernel/exec.c; the credential rules are
 * in security/commoncap.c).
 */
#ifndef TINE_BINFMTS_H
#define TINE_BINFMTS_H

#include <tine/types.h>

#define BINPRM_BUF_SIZE 256

/* bprm->unsafe: why a set-id exec may not raise privilege */
#define LSM_UNSAFE_SHARE 1		/* fs_struct shared with another process */
#define LSM_UNSAFE_PTRACE 2		/* traced */
#define LSM_UNSAFE_NO_NEW_PRIVS 4	/* PR_SET_NO_NEW_PRIVS */

struct cred;
struct file;

struct linux_binprm {
	struct file *file;		/* writes denied while we hold it */
	struct file *interp;		/* ELF interpreter (borrowed) */
	char *filename;			/* as given (AT_EXECFN) */
	char **argv, **envp;		/* kernel copies */
	int argc, envc;
	size_t total;			/* bytes of strings, filename included */
	size_t limit;			/* what the strings may take */
	char buf[BINPRM_BUF_SIZE];	/* start of the file */
	int depth;			/* #! nesting */
	bool fdpath;			/* filename is a /dev/fd/ name made
					 * by execveat */
	bool comm_from_dentry;		/* it is "/dev/fd/N" alone (an empty
					 * path): comm is the file's name */
	bool path_inaccessible;		/* filename names a close-on-exec fd:
					 * gone once exec'd (scripts: ENOENT) */
	bool point_of_no_return;	/* failing now must kill the process */
	struct cred *cred;		/* the new credentials (prepared) */
	unsigned int unsafe;		/* LSM_UNSAFE_* */
	bool secureexec;		/* AT_SECURE: privilege changed */
	unsigned int per_clear;		/* personality flags a set-id exec
					 * clears (PER_CLEAR_ON_SETID) */
	bool nondump;			/* unreadable program: not dumpable */
	bool cred_locked;		/* holds signal->cred_guard_mutex */
};

/*
 * The credential steps of exec (security/commoncap.c, kernel/exec.c):
 * bprm_creds_from_file() computes bprm->cred for the program file
 * (set-id bits, capability rules) before the point of no return.
 */
int bprm_creds_from_file(struct linux_binprm *bprm);

/* kernel/exec.c, for the loaders */
struct file *open_exec(const char *path);	/* writes denied; may sleep */
void exec_file_put(struct file *f);		/* undo open_exec() */
/* The point of no return of exec (see kernel/exec.c). 0, or an error
 * after which the process must not run its old image. Sleeps. */
int begin_new_exec(struct linux_binprm *bprm);
/* Exec path from a kernel thread (init, a user-mode helper): 0 only if
 * the program runs (the thread then returns to user mode), else -errno
 * (the thread is unchanged). Sleeps. */
int kernel_execve(const char *path, char *const argv[], char *const envp[]);

/* kernel/binfmt_elf.c: -ENOEXEC if bprm is not ELF (nothing done),
 * another error before or after the point of no return, or 0. */
int load_elf_binary(struct linux_binprm *bprm);

#endif
