/*
 * execve: replace the caller's program. Everything that can fail with
 * an error the caller can still see (copying the arguments against the
 * stack limit, open_exec(), permission, format) happens first;
 * begin_new_exec() is the point of no return (de_thread() kills the
 * other threads, the handlers are unshared, the old mm is released:
 * here the vfork parent wakes); after it, a failure kills the process.
 * The program file's writes are denied while it is held or run
 * (ETXTBSY). Formats: #! scripts here, ELF64 in kernel/binfmt_elf.c.
 */
#include <asm/arch.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <tine/binfmts.h>
#include <tine/cred.h>
#include <tine/elf.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/mm_types.h>
#include <tine/mman.h>
#include <tine/wait_api.h>
#include <tine/pid.h>
#include <tine/posix-timers.h>
#include <tine/printk.h>
#include <tine/ptrace.h>
#include <tine/random.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/trace.h>
#include <tine/uaccess.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>

#define MAX_ARG_STRLEN (32 * PAGE_SIZE)
#define MAX_ARG_STRINGS 0x7fffffff
#define ARG_MAX (32 * PAGE_SIZE)	/* allowed however small the stack */
#define _STK_LIM (8UL << 20)
#define MAX_INTERP_DEPTH 5		/* scripts running scripts */

static void free_strings(char **v, int n)
{
	for (int i = 0; i < n; i++)
		kfree(v[i]);
	kfree(v);
}

/* How many strings a NULL-terminated user vector holds, or -errno. */
static int count_strings(const char __user *const __user *uv)
{
	const char __user *p;
	int n = 0;

	if (!uv)	/* Linux accepts NULL argv/envp as empty */
		return 0;
	for (;;) {
		if (get_user(p, uv + n))
			return -EFAULT;
		if (!p)
			return n;
		if (++n >= MAX_ARG_STRINGS)
			return -E2BIG;
		if (fatal_signal_pending(current))
			return -ERESTARTNOHAND;
		cond_resched();
	}
}

/*
 * What argv and envp may take on the new stack (Linux's
 * bprm_stack_limits): a quarter of RLIMIT_STACK, at most 3/4 of the
 * default 8 MiB, at least ARG_MAX; the pointer arrays count too (argv
 * at least one: an empty argv gets ""). -E2BIG if the pointers alone
 * do not fit.
 */
static int bprm_stack_limits(struct linux_binprm *b, int argc, int envc)
{
	unsigned long limit = current->signal->rlim[RLIMIT_STACK].rlim_cur / 4;
	unsigned long ptr_size = (MAX(argc, 1) + (unsigned long)envc) *
				 sizeof(void *);

	limit = MIN(limit, _STK_LIM / 4 * 3);
	limit = MAX(limit, ARG_MAX);
	if (limit <= ptr_size)
		return -E2BIG;
	b->limit = limit - ptr_size;
	return 0;
}

/* Count a string of len bytes (NUL included) against b's limit. */
static int charge_string(struct linux_binprm *b, size_t len)
{
	if (len > MAX_ARG_STRLEN)
		return -E2BIG;
	b->total += len;
	return b->total > b->limit ? -E2BIG : 0;
}

/* Copy the n strings of a user vector into the kernel. */
static int copy_strings(struct linux_binprm *b,
			const char __user *const __user *uv, int n,
			char ***out, int *count)
{
	const char __user *p;
	char **v = NULL;
	int i, err;

	*out = NULL;
	*count = 0;
	v = kzalloc((n + 1) * sizeof(char *));
	if (!v)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		long len;

		err = -EFAULT;
		if (get_user(p, uv + i))
			goto fail;
		len = strnlen_user(p, MAX_ARG_STRLEN);
		if (!len)
			goto fail;
		err = charge_string(b, len);
		if (err)
			goto fail;
		err = -ENOMEM;
		v[i] = kmalloc(len, 0);
		if (!v[i])
			goto fail;
		err = -EFAULT;
		if (copy_from_user(v[i], p, len))
			goto fail;
		v[i][len - 1] = 0;
	}
	*out = v;
	*count = n;
	return 0;
fail:
	free_strings(v, i + 1);
	return err;
}

/*
 * Linux 6.1: a program is never started with argc 0, which programs
 * that start at argv[1] would take for a walk into envp: an empty argv
 * becomes { "" }, with a warning.
 */
static int fix_empty_argv(struct linux_binprm *b)
{
	char **v;

	if (b->argc)
		return 0;
	pr_warn_once("process '%s' launched '%s' with NULL argv: empty string "
		    "added\n", current->comm, b->filename);
	v = kzalloc(2 * sizeof(char *));
	if (!v)
		return -ENOMEM;
	v[0] = kstrdup("");
	if (!v[0]) {
		kfree(v);
		return -ENOMEM;
	}
	kfree(b->argv);
	b->argv = v;
	b->argc = 1;
	return charge_string(b, 1);
}

/* exec_file_put - give back a program file open_exec() opened (its
 * writes are allowed again). May sleep. */
void exec_file_put(struct file *f)
{
	if (f) {
		allow_write_access(f);
		fput(f);
	}
}

static void free_bprm(struct linux_binprm *b)
{
	if (b->cred)
		abort_creds(b->cred);
	if (b->cred_locked)
		mutex_unlock(&current->signal->cred_guard_mutex);
	exec_file_put(b->file);
	kfree(b->filename);
	free_strings(b->argv, b->argc);
	free_strings(b->envp, b->envc);
}

/*
 * open_exec - open the program (or interpreter) at path: a regular file
 * we may execute, not on a noexec mount, with its writes denied until
 * exec_file_put(). Returns the file or an ERR_PTR. May sleep.
 */
struct file *open_exec(const char *path)
{
	struct file *f;
	struct path p;
	/* A kernel string: "" is the cwd, as Linux's getname_kernel(). */
	int err = kern_path(path, LOOKUP_FOLLOW | LOOKUP_EMPTY, &p);

	if (err)
		return ERR_PTR(err);
	f = open_exec_path(&p);
	path_put(&p);
	return f;
}

/*
 * The program execveat names: path relative to dfd (AT_FDCWD: the
 * cwd), a final symlink followed unless AT_SYMLINK_NOFOLLOW, "" the
 * file dfd itself with AT_EMPTY_PATH. As open_exec().
 */
static struct file *open_exec_at(int dfd, const char *path, int flags)
{
	struct file *f;
	struct path p;
	int err;

	/* Judged here, after the strings, as Linux (do_open_execat). */
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return ERR_PTR(-EINVAL);
	err = filename_lookup(dfd, path, at_lookup_flags(flags), &p);
	if (err)
		return ERR_PTR(err);
	f = open_exec_path(&p);
	path_put(&p);
	return f;
}

/* Take f (the program or the next interpreter: an ERR_PTR passes its
 * error on) and read its start. */
static int prepare_file(struct linux_binprm *b, struct file *f)
{
	off_t pos = 0;
	ssize_t n;

	b->file = f;
	if (IS_ERR(b->file)) {
		int err = PTR_ERR(b->file);
		b->file = NULL;
		return err;
	}
	memset(b->buf, 0, sizeof(b->buf));
	n = kernel_read(b->file, b->buf, sizeof(b->buf), &pos);
	return n < 0 ? (int)n : 0;
}

/*
 * Why a set-id exec might not be allowed to raise privilege: traced,
 * no_new_privs, or an fs_struct shared with another process (which
 * could change our root or cwd under the new program).
 */
static void check_unsafe_exec(struct linux_binprm *b)
{
	struct task_struct *t = current, *th;
	unsigned long f;
	int n_fs = 1;

	if (t->ptrace)
		b->unsafe |= LSM_UNSAFE_PTRACE;
	if (t->no_new_privs)
		b->unsafe |= LSM_UNSAFE_NO_NEW_PRIVS;
	f = read_lock_irqsave(&tasklist_lock);
	list_for_each_entry(th, &t->signal->thread_head, thread_node)
		if (th != t && th->fs == t->fs)
			n_fs++;
	read_unlock_irqrestore(&tasklist_lock, f);
	if (t->fs && atomic_read(&t->fs->users) > n_fs)
		b->unsafe |= LSM_UNSAFE_SHARE;
}

/*
 * The new credentials start as a copy of ours; from here to their
 * commit we hold cred_guard_mutex, so a ptrace attach cannot slip in
 * between the unsafe check and the commit. Killable.
 */
static int prepare_bprm_creds(struct linux_binprm *b)
{
	if (mutex_lock_killable(&current->signal->cred_guard_mutex))
		return -EINTR;
	b->cred_locked = true;
	b->cred = prepare_creds();
	if (!b->cred)
		return -ENOMEM;
	check_unsafe_exec(b);
	return 0;
}

/*
 * A program the caller may not read must not be readable through
 * ptrace or /proc either: not dumpable, and its mm belongs to the
 * nearest user namespace that is privileged over the file.
 */
static void would_dump(struct linux_binprm *b, struct mm_struct *mm,
		       struct file *file)
{
	struct inode *inode = file->f_inode;
	struct user_namespace *ns = mm->user_ns;

	if (inode_permission(inode, MAY_READ) >= 0)
		return;
	b->nondump = true;
	while (ns != &init_user_ns && !privileged_wrt_inode_uidgid(ns, inode))
		ns = ns->parent;
	if (ns != mm->user_ns) {
		put_user_ns(mm->user_ns);
		mm->user_ns = get_user_ns(ns);
	}
}

/* The dumpability and credentials of the new program (past the point
 * of no return). Dumpability is judged on the old ids, as Linux; a
 * change of ids in commit_creds() may lower it again. */
static void install_exec_creds(struct linux_binprm *b)
{
	struct task_struct *t = current;

	if (b->secureexec)
		t->pdeath_signal = 0;
	if (b->nondump || !uid_eq(current_euid(), current_uid()) ||
	    !gid_eq(current_egid(), current_gid()))
		set_dumpable(t->mm, suid_dumpable);
	else
		set_dumpable(t->mm, SUID_DUMP_USER);
	commit_creds(b->cred);
	b->cred = NULL;
	mutex_unlock(&t->signal->cred_guard_mutex);
	b->cred_locked = false;
}

/* Insert s at argv[0] (shifting the rest up). */
static int argv_prepend(struct linux_binprm *b, const char *s)
{
	char **nv = kmalloc((b->argc + 2) * sizeof(char *), 0);
	char *copy = kstrdup(s);

	if (!nv || !copy) {
		kfree(nv);
		kfree(copy);
		return -ENOMEM;
	}
	nv[0] = copy;
	if (b->argv)
		memcpy(nv + 1, b->argv, b->argc * sizeof(char *));
	kfree(b->argv);
	b->argv = nv;
	b->argc++;
	return charge_string(b, strlen(s) + 1);
}

static bool spacetab(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Split the #! line at the start of buf (BINPRM_BUF_SIZE bytes, not
 * NUL-terminated; a short file pads it with NULs) into line: the
 * interpreter and its optional single argument (the rest of the line,
 * trailing blanks cut). -ENOEXEC without an interpreter, or when the
 * line does not end within the buffer and the path itself might go on
 * beyond it (Linux will not run a truncated path). As Linux, a NUL
 * ends the interpreter's name where it stands: "#!" alone names ""
 * (the cwd, which is not executable: -EACCES), and the argument may
 * be "".
 */
static int parse_shebang(const char *buf, char *line, char **interp,
			 char **arg)
{
	const char *end = buf + BINPRM_BUF_SIZE - 1, *nl, *p;
	size_t n;
	char *q, *lend;

	nl = memchr(buf, '\n', BINPRM_BUF_SIZE);
	if (!nl) {
		for (p = buf + 2; p < end && spacetab(*p); p++)
			;
		if (p == end)
			return -ENOEXEC;	/* only blanks */
		while (p < end && *p && !spacetab(*p))
			p++;
		if (p == end)
			return -ENOEXEC;
		nl = end;
	}
	n = nl - (buf + 2);
	memcpy(line, buf + 2, n);
	line[n] = 0;
	while (n && spacetab(line[n - 1]))
		line[--n] = 0;
	lend = line + n;
	for (q = line; q < lend && spacetab(*q); q++)
		;
	if (q == lend)
		return -ENOEXEC;
	*interp = q;
	*arg = NULL;
	while (q < lend && *q && !spacetab(*q))
		q++;
	if (q < lend && *q) {
		*q++ = 0;
		while (q < lend && spacetab(*q))
			q++;
		if (q < lend)
			*arg = q;
	}
	return 0;
}

/*
 * #!interp [arg]: argv becomes interp [arg] path argv[1..]. Up to
 * MAX_INTERP_DEPTH scripts may run each other (then ELOOP), as Linux.
 */
static int load_script(struct linux_binprm *b, const char *path)
{
	char line[BINPRM_BUF_SIZE], *interp, *arg;
	int err;

	if (b->depth++ >= MAX_INTERP_DEPTH)
		return -ELOOP;
	err = parse_shebang(b->buf, line, &interp, &arg);
	if (err)
		return err;
	/* The interpreter would be given a /dev/fd path that the exec
	 * closes: give up now, as Linux. */
	if (b->path_inaccessible)
		return -ENOENT;
	/* argv[0] is replaced by the script path. */
	if (b->argc) {
		b->total -= strlen(b->argv[0]) + 1;
		kfree(b->argv[0]);
		memmove(b->argv, b->argv + 1, --b->argc * sizeof(char *));
	}
	err = argv_prepend(b, path);
	if (!err && arg)
		err = argv_prepend(b, arg);
	if (!err)
		err = argv_prepend(b, interp);
	if (err)
		return err;
	exec_file_put(b->file);
	b->file = NULL;
	return prepare_file(b, open_exec(interp));
}

static int de_thread(struct task_struct *tsk);

/*
 * A sighand_struct of our own if ours is shared with another process
 * (CLONE_SIGHAND without CLONE_THREAD): exec must reset our handlers,
 * not theirs (Linux's unshare_sighand). Allocated before de_thread(),
 * when it may still be needed: NULL is "not needed".
 */
static struct sighand_struct *prepare_sighand(struct task_struct *t, int *err)
{
	struct sighand_struct *sh;

	*err = 0;
	if (atomic_read(&t->sighand->count) == 1)
		return NULL;
	sh = alloc_sighand();
	if (!sh)
		*err = -ENOMEM;
	return sh;
}

/*
 * Switch to the prepared handlers if, our threads gone, ours are still
 * shared; else free them. Signal senders find the new table through
 * lock_task_sighand(), which follows the switch; our task_struct's
 * hold on the old table's memory passes to the new one (prev), so a
 * sender that read the old pointer can still lock it.
 */
static void unshare_sighand(struct task_struct *t, struct sighand_struct *sh)
{
	struct sighand_struct *old = t->sighand;
	unsigned long f;

	if (!sh)
		return;
	if (atomic_read(&old->count) == 1) {
		put_sighand(sh);
		return;
	}
	sh->prev = old;
	f = write_lock_irqsave(&tasklist_lock);
	spin_lock(&old->siglock);
	memcpy(sh->action, old->action, sizeof(sh->action));
	WRITE_ONCE(t->sighand, sh);
	spin_unlock(&old->siglock);
	write_unlock_irqrestore(&tasklist_lock, f);
	__cleanup_sighand(old);
}

/* Install mm as current's address space, exe_file the program; the old
 * one is released (this is where a vfork parent wakes). Its robust
 * futexes and clear_child_tid are handled first, while it is still the
 * one user addresses reach, as Linux's exec_mm_release(). */
static void exec_mmap(struct mm_struct *mm, struct file *exe)
{
	struct task_struct *t = current;
	struct mm_struct *old = t->mm;

	if (old)
		mm_release(t, old);
	set_mm_exe_file(mm, exe);
	task_lock(t);		/* against get_task_mm() */
	t->mm = mm;
	t->active_mm = mm;
	switch_mm(mm);
	task_unlock(t);
	if (old) {
		setmax_mm_hiwater_rss(old);	/* getrusage's maxrss */
		mmput(old);
	}
}

/*
 * begin_new_exec - the point of no return: make current the only
 * thread of its process, with its own handlers, fd table and a fresh
 * address space, and reset what exec resets. Returns 0, or an error
 * after which the process must not return to its old image (the
 * caller, do_execve(), makes sure it dies). Sleeps.
 */
int begin_new_exec(struct linux_binprm *b)
{
	struct task_struct *t = current;
	struct sighand_struct *sh;
	struct mm_struct *mm;
	const char *base;
	int err;

	/* What can fail first, while it is harmless. */
	err = bprm_creds_from_file(b);
	if (err)
		return err;
	mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	would_dump(b, mm, b->file);
	if (b->interp)
		would_dump(b, mm, b->interp);
	err = unshare_files();
	if (err)
		goto out_mm;
	sh = prepare_sighand(t, &err);
	if (err)
		goto out_mm;
	b->point_of_no_return = true;
	err = de_thread(t);
	if (err) {
		put_sighand(sh);
		goto out_mm;
	}
	unshare_sighand(t, sh);
	exit_posix_timers(t->signal);	/* not kept across exec, as Linux */
	/* Children made before now send us SIGCHLD, whatever their exit
	 * signal (do_notify_parent). */
	WRITE_ONCE(t->self_exec_id, t->self_exec_id + 1);
	exec_mmap(mm, b->file);
	t->flags &= ~(PF_RANDOMIZE | PF_FORKNOEXEC | PF_KTHREAD);
	if (b->per_clear)
		WRITE_ONCE(t->personality, t->personality & ~b->per_clear);
	install_exec_creds(b);
	flush_signal_handlers(t, false);
	do_close_on_exec(t->files);
	/* comm: the last part of the name exec was given; for a bare
	 * /dev/fd/N the name of the file it runs (the interpreter's for
	 * a script), as Linux (comm_from_dentry). */
	if (b->comm_from_dentry)
		base = b->file->f_path.dentry->d_name;
	else if ((base = strrchr(b->filename, '/')))
		base++;
	else
		base = b->filename;
	__set_task_comm(t, base, true);
	t->sas_ss_sp = 0;
	t->sas_ss_size = 0;
	t->sas_ss_flags = SS_DISABLE;
	return 0;

out_mm:
	mmput(mm);
	return err;
}

/*
 * Load the program b names: #! scripts until a binary, then the ELF
 * loader. A failure past the point of no return must not return to
 * the old image: unless a fatal signal is already on its way, the
 * process gets SIGSEGV (Linux's force_fatal_sig in bprm_execve).
 */
static int exec_binprm(struct linux_binprm *b, struct file *file)
{
	pid_t old_pid = current->pid;	/* a thread takes its leader's */
	int err = prepare_bprm_creds(b);

	err = err ? err : prepare_file(b, file);
	while (!err && b->buf[0] == '#' && b->buf[1] == '!')
		err = load_script(b, b->depth ? b->argv[0] : b->filename);
	if (!err)
		err = load_elf_binary(b);
	if (err && b->point_of_no_return && !fatal_signal_pending(current))
		force_sigsegv(SIGSEGV);
	if (!err)
		trace_sched_process_exec(current, old_pid, b->filename);
	return err;
}

/*
 * __set_task_comm - name tsk buf (cut to TASK_COMM_LEN - 1), as exec and
 * PR_SET_NAME do; the task:task_rename event sees both names. exec says
 * whether exec renames it. Takes task_lock.
 */
void __set_task_comm(struct task_struct *tsk, const char *buf, bool exec)
{
	task_lock(tsk);
	trace_task_rename(tsk, buf);
	strlcpy(tsk->comm, buf, sizeof(tsk->comm));
	task_unlock(tsk);
}

/*
 * The name exec records for the program (AT_EXECFN, comm, a script's
 * path for its interpreter): path itself, or for one relative to a
 * directory fd "/dev/fd/<fd>/path" ("/dev/fd/<fd>" for the fd itself),
 * as Linux. NULL without memory.
 */
/*
 * A set*uid() that went over RLIMIT_NPROC fails the next execve with
 * EAGAIN, if the user is still over it (Linux's PF_NPROC_EXCEEDED).
 */
static int check_nproc_exceeded(void)
{
	struct task_struct *t = current;
	unsigned long limit, f, n;

	if (!(t->flags & PF_NPROC_EXCEEDED))
		return 0;
	limit = READ_ONCE(t->signal->rlim[RLIMIT_NPROC].rlim_cur);
	f = read_lock_irqsave(&tasklist_lock);
	n = __nr_user_processes(current_uid());
	read_unlock_irqrestore(&tasklist_lock, f);
	if (n > limit)
		return -EAGAIN;
	t->flags &= ~PF_NPROC_EXCEEDED;
	return 0;
}

static char *exec_filename(int dfd, const char *path)
{
	size_t n = strlen(path) + 32;
	char *name = kmalloc(n, 0);

	if (!name)
		return NULL;
	if (dfd == AT_FDCWD || path[0] == '/')
		snprintf(name, n, "%s", path);
	else if (!path[0])
		snprintf(name, n, "/dev/fd/%d", dfd);
	else
		snprintf(name, n, "/dev/fd/%d/%s", dfd, path);
	return name;
}

/*
 * do_execveat - execveat(dfd, path, argv, envp, flags) from user space:
 * count both vectors against the stack limit, copy the filename, envp
 * and argv (Linux's order, so each bad input gets Linux's error), open
 * the program, then run it. execve is dfd AT_FDCWD, flags 0.
 */
static int do_execveat(int dfd, const char *path,
		       const char __user *const __user *argv,
		       const char __user *const __user *envp, int flags)
{
	struct linux_binprm b = { 0 };
	struct pid *old_pid;
	int argc, envc, err;

	err = check_nproc_exceeded();
	if (err)
		return err;
	b.filename = exec_filename(dfd, path);
	if (!b.filename)
		return -ENOMEM;
	b.fdpath = dfd != AT_FDCWD && path[0] != '/';
	b.comm_from_dentry = b.fdpath && !path[0];
	b.path_inaccessible = b.fdpath && get_close_on_exec(dfd);
	err = argc = count_strings(argv);
	if (argc >= 0)
		err = envc = count_strings(envp);
	if (err >= 0)
		err = bprm_stack_limits(&b, argc, envc);
	if (!err)
		err = charge_string(&b, strlen(b.filename) + 1);
	if (!err)
		err = copy_strings(&b, envp, envc, &b.envp, &b.envc);
	if (!err)
		err = copy_strings(&b, argv, argc, &b.argv, &b.argc);
	if (!err)
		err = fix_empty_argv(&b);
	if (err)
		goto out;
	/* PTRACE_EVENT_EXEC's message is the id we had before exec (a
	 * thread takes its leader's), as our tracer numbers it. */
	old_pid = get_pid(current->thread_pid);
	err = exec_binprm(&b, open_exec_at(dfd, path, flags));
	if (!err)
		ptrace_event_pid(PTRACE_EVENT_EXEC, old_pid);
	put_pid(old_pid);
out:
	free_bprm(&b);
	return err;
}

static long sys_execve(const char __user *upath,
		       const char __user *const __user *argv,
		       const char __user *const __user *envp)
{
	char *path = getname(upath);
	long err;

	if (IS_ERR(path))
		return PTR_ERR(path);
	err = do_execveat(AT_FDCWD, path, argv, envp, 0);
	kfree(path);
	return err;
}
SYSCALL_ENTRY(execve, sys_execve);

/* execveat: the program at path relative to dfd, or (AT_EMPTY_PATH)
 * the file dfd itself: fexecve(). */
static long sys_execveat(int dfd, const char __user *upath,
			 const char __user *const __user *argv,
			 const char __user *const __user *envp, int flags)
{
	char *path = getname_flags(upath, flags & AT_EMPTY_PATH);
	long err;

	if (IS_ERR(path))
		return PTR_ERR(path);
	err = do_execveat(dfd, path, argv, envp, flags);
	kfree(path);
	return err;
}
SYSCALL_ENTRY(execveat, sys_execveat);

/* Start the first user program from a kernel thread (init). */
int kernel_execve(const char *path, char *const argv[], char *const envp[])
{
	struct linux_binprm b = { 0 };
	int err = -ENOMEM, i;

	b.filename = kstrdup(path);
	for (b.argc = 0; argv[b.argc]; b.argc++)
		;
	for (b.envc = 0; envp[b.envc]; b.envc++)
		;
	b.argv = kzalloc((b.argc + 1) * sizeof(char *));
	b.envp = kzalloc((b.envc + 1) * sizeof(char *));
	if (!b.filename || !b.argv || !b.envp)
		goto out;
	for (i = 0; i < b.argc; i++)
		if (!(b.argv[i] = kstrdup(argv[i])))
			goto out;
	for (i = 0; i < b.envc; i++)
		if (!(b.envp[i] = kstrdup(envp[i])))
			goto out;
	b.limit = ARG_MAX;
	err = exec_binprm(&b, open_exec(path));
out:
	free_bprm(&b);
	return err;
}

/*
 * A non-leader exec'ing thread becomes the group leader: it takes the
 * leader's pid (so the process keeps its pid across execve, as POSIX
 * wants) and place among the parent's children; the old leader, a
 * zombie by now, leaves with the thread's old pid. tasklist_lock held;
 * the caller releases the old leader.
 */
static void take_over_leader(struct task_struct *tsk)
{
	struct task_struct *leader = tsk->group_leader;
	struct pid *lpid = leader->thread_pid, *tpid = tsk->thread_pid;
	pid_t lnr = leader->pid;

	assert_write_locked(&tasklist_lock);
	/* Swap the two ids (each task keeps its reference to its own),
	 * and take over the process's group and session. */
	list_del_init(&tsk->pid_links[PIDTYPE_PID]);
	list_del_init(&leader->pid_links[PIDTYPE_PID]);
	tsk->thread_pid = lpid;
	leader->thread_pid = tpid;
	list_add(&tsk->pid_links[PIDTYPE_PID], &lpid->tasks[PIDTYPE_PID]);
	list_add(&leader->pid_links[PIDTYPE_PID], &tpid->tasks[PIDTYPE_PID]);
	transfer_pid(leader, tsk, PIDTYPE_PGID);
	transfer_pid(leader, tsk, PIDTYPE_SID);
	leader->pid = tsk->pid;
	tsk->pid = lnr;
	tsk->group_leader = tsk;
	leader->group_leader = tsk;
	/* Threads share their parent already; a tracer, if any, stays. */
	tsk->real_parent = leader->real_parent;
	list_add(&tsk->sibling, &leader->sibling);
	list_del_init(&leader->sibling);
	tsk->exit_signal = SIGCHLD;
	leader->exit_signal = -1;
	tsk->start_time = leader->start_time;
	leader->exit_state = EXIT_DEAD;
	/* Its tracer may be waiting for it: it is gone now. */
	if (leader->ptrace)
		__wake_up(&leader->parent->signal->wait_chldexit,
			  TASK_INTERRUPTIBLE);
}

/*
 * Wait (killably) until the other threads are released: each release
 * counts notify_count down (release_task). siglock held on entry and
 * on a 0 return; -EINTR (unlocked) for a fatal signal.
 */
static int wait_other_threads(struct task_struct *tsk, unsigned long *f)
{
	struct signal_struct *sig = tsk->signal;

	assert_spin_locked(&tsk->sighand->siglock);
	while (sig->notify_count) {
		set_current_state(TASK_KILLABLE);
		spin_unlock_irqrestore(&tsk->sighand->siglock, *f);
		schedule();
		if (fatal_signal_pending(tsk))
			return -EINTR;
		*f = spin_lock_irqsave(&tsk->sighand->siglock);
	}
	return 0;
}

/*
 * A non-leader: wait (killably) until the old leader is a zombie
 * (notify_count -1 asks exit_notify() to wake us), then take its
 * place and release it. 0 or -EINTR.
 */
static int wait_leader_and_take_over(struct task_struct *tsk)
{
	struct task_struct *leader = tsk->group_leader;
	unsigned long f;

	for (;;) {
		f = write_lock_irqsave(&tasklist_lock);
		tsk->signal->notify_count = -1;
		if (leader->exit_state)
			break;
		set_current_state(TASK_KILLABLE);
		write_unlock_irqrestore(&tasklist_lock, f);
		schedule();
		if (fatal_signal_pending(tsk))
			return -EINTR;
	}
	take_over_leader(tsk);
	write_unlock_irqrestore(&tasklist_lock, f);
	release_task(leader);
	return 0;
}

/*
 * de_thread - make tsk (current) the only thread of its process: every
 * other thread is SIGKILLed and waited for until released (a traced
 * one only once its tracer reaped it); a non-leader then takes the
 * leader's place. Another exec or a group exit already in progress
 * wins: -EAGAIN, and so does a fatal signal during the wait (the wait
 * is killable). Returns 0 or -EAGAIN. Sleeps.
 */
static int de_thread(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	unsigned long f = spin_lock_irqsave(&tsk->sighand->siglock);
	int err;

	if (sig->nr_threads == 1) {
		spin_unlock_irqrestore(&tsk->sighand->siglock, f);
		goto no_thread_group;
	}
	if ((sig->flags & SIGNAL_GROUP_EXIT) || sig->group_exec_task) {
		/* The SIGKILL that came with it is already ours. */
		spin_unlock_irqrestore(&tsk->sighand->siglock, f);
		return -EAGAIN;
	}
	sig->group_exec_task = tsk;
	sig->notify_count = zap_other_threads(tsk);
	if (!thread_group_leader(tsk))
		sig->notify_count--;	/* the leader: waited for below */
	err = wait_other_threads(tsk, &f);
	if (!err) {
		spin_unlock_irqrestore(&tsk->sighand->siglock, f);
		if (!thread_group_leader(tsk))
			err = wait_leader_and_take_over(tsk);
	}
	f = write_lock_irqsave(&tasklist_lock);
	spin_lock(&tsk->sighand->siglock);
	sig->group_exec_task = NULL;
	sig->notify_count = 0;
	spin_unlock(&tsk->sighand->siglock);
	write_unlock_irqrestore(&tasklist_lock, f);
	if (err)
		return -EAGAIN;
no_thread_group:
	/* A new program: an ordinary SIGCHLD child of its parent. */
	f = write_lock_irqsave(&tasklist_lock);
	tsk->exit_signal = SIGCHLD;
	write_unlock_irqrestore(&tasklist_lock, f);
	return 0;
}
