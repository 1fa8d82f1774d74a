/*
 * Core dumps: when, where and under which name (Linux 6.1's
 * fs/coredump.c); the ELF format itself is kernel/elf_core.c.
 *
 * A dump happens if the mm is dumpable (SUID_DUMP_USER, or
 * SUID_DUMP_ROOT with fs.suid_dumpable 2: then written as root, and
 * only to an absolute pattern), RLIMIT_CORE is at least a page, and
 * the name from kernel.core_pattern can be created: an existing file
 * is unlinked first (not for a SUID_DUMP_ROOT dump), the new one is
 * made O_EXCL with mode 0600 and must come out a regular file of ours
 * with one link. The pattern's escapes: %p (pid) %P (pid in the
 * initial namespace) %i %I (thread) %u %g (uid, gid) %d (dumpable)
 * %s (signal) %t (time) %h (hostname) %e (comm) %E (executable path,
 * '/' as '!') %c (RLIMIT_CORE) %%; kernel.core_uses_pid adds ".PID"
 * when %p is absent.
 *
 * A pattern starting with '|' pipes the core to a helper program
 * instead (Linux's ispipe): the pattern is split into argv at spaces
 * before the escapes are expanded, the helper is a user-mode helper
 * (kernel/umh.c: root, initial namespaces) whose stdin is the pipe's
 * read end and whose RLIMIT_CORE is 1; RLIMIT_CORE does not limit a
 * piped core, except that a limit of exactly 1 (a helper crashing)
 * means no core. kernel.core_pipe_limit caps the dumps piped at once
 * (0: no cap), and when set, the dumper waits until the helper has
 * closed the pipe, so that it can still read /proc/<pid>.
 *
 * Lock: core_pattern_lock (a mutex) guards the pattern; the dump's
 * thread rendezvous runs under the process's siglock (tine/coredump.h).
 */
#include <tine/coredump.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/init.h>
#include <tine/mm.h>
#include <tine/mm_types.h>
#include <tine/mutex.h>
#include <tine/nsproxy.h>
#include <tine/pipe.h>
#include <tine/pid.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/sysctl.h>
#include <tine/time.h>
#include <tine/uaccess.h>
#include <tine/umh.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>
#include "signal_internal.h"

int core_uses_pid;
static int core_pipe_limit;		/* kernel.core_pipe_limit */
static atomic_t core_dump_count;	/* dumps being piped now */
static char core_pattern[CORENAME_MAX_SIZE] = "core";	/* [core_pattern_lock] */
static DEFINE_MUTEX_RANKED(core_pattern_lock, LR_MUTEX);

/* get_core_pattern - see tine/coredump.h. */
void get_core_pattern(char *buf)
{
	mutex_lock(&core_pattern_lock);
	memcpy(buf, core_pattern, CORENAME_MAX_SIZE);
	mutex_unlock(&core_pattern_lock);
}

/* set_core_pattern - see tine/coredump.h. */
int set_core_pattern(const char *pattern, size_t len)
{
	if (len >= CORENAME_MAX_SIZE)
		return -EINVAL;
	mutex_lock(&core_pattern_lock);
	memcpy(core_pattern, pattern, len);
	core_pattern[len] = 0;
	mutex_unlock(&core_pattern_lock);
	return 0;
}

/* --- sysctl: kernel.core_pattern, kernel.core_uses_pid,
 * fs.suid_dumpable --- */

/* kernel.core_pattern: read and written whole through a copy. */
static int proc_dostring_coredump(const struct ctl_table *t, int write,
				  char *buf, size_t *lenp, off_t *ppos)
{
	struct ctl_table tmp = *t;
	char pattern[CORENAME_MAX_SIZE];
	int err;

	get_core_pattern(pattern);
	tmp.data = pattern;
	err = proc_dostring(&tmp, write, buf, lenp, ppos);
	if (!err && write)
		err = set_core_pattern(pattern, strlen(pattern));
	return err;
}

/* Linux's warning: a root-owned dump needs an absolute pattern. */
static void validate_coredump_safety(void)
{
	char pattern[CORENAME_MAX_SIZE];

	get_core_pattern(pattern);
	if (READ_ONCE(suid_dumpable) == SUID_DUMP_ROOT && pattern[0] != '/' &&
	    pattern[0] != '|')
		pr_warn("Unsafe core_pattern used with fs.suid_dumpable=2.\n"
			"Pipe handler or fully qualified core dump path "
			"required.\nSet kernel.core_pattern before "
			"fs.suid_dumpable.\n");
}

/* fs.suid_dumpable: 0..2, with the warning above. */
static int proc_dointvec_minmax_coredump(const struct ctl_table *t,
					 int write, char *buf, size_t *lenp,
					 off_t *ppos)
{
	int err = proc_dointvec_minmax(t, write, buf, lenp, ppos);

	if (!err && write)
		validate_coredump_safety();
	return err;
}

static const struct ctl_table coredump_kern_table[] = {
	{ .procname = "core_pattern", .maxlen = CORENAME_MAX_SIZE,
	  .mode = 0644, .proc_handler = proc_dostring_coredump },
	{ .procname = "core_uses_pid", .data = &core_uses_pid,
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec },
	{ .procname = "core_pipe_limit", .data = &core_pipe_limit,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_INT_MAX },
	{ }
};

static const struct ctl_table coredump_fs_table[] = {
	{ .procname = "suid_dumpable", .data = &suid_dumpable,
	  .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax_coredump,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_TWO },
	{ }
};

static void coredump_sysctl_init(void)
{
	register_sysctl("kernel", coredump_kern_table);
	register_sysctl("fs", coredump_fs_table);
}
__initcall(coredump_sysctl_init);

/* --- stopping the other threads --- */

/*
 * Mark the group exit with exit_code, SIGKILL every other thread not
 * already past its rendezvous and publish cs. Returns how many must
 * stop, or -EAGAIN if the process is already exiting (or exec'ing).
 */
static int zap_threads(struct task_struct *tsk, struct core_state *cs,
		       int exit_code)
{
	struct signal_struct *sig = tsk->signal;
	unsigned long f = spin_lock_irqsave(&tsk->sighand->siglock);
	struct task_struct *t;
	int nr = -EAGAIN;

	if (!(sig->flags & SIGNAL_GROUP_EXIT) && !sig->group_exec_task) {
		sig->core_state = cs;
		sig->group_exit_code = exit_code;
		sig->flags = SIGNAL_GROUP_EXIT;
		sig->group_stop_count = 0;
		/* As Linux: from here only SIGKILL interrupts the dumper
		 * (signal_pending()), e.g. while it fills a helper's pipe. */
		tsk->flags |= PF_DUMPCORE;
		nr = 0;
		for_each_thread(tsk, t) {
			t->jobctl &= ~JOBCTL_PENDING_MASK;
			if (t == tsk || (t->flags & PF_POSTCOREDUMP))
				continue;
			sigaddset(&t->pending.signal, SIGKILL);
			signal_wake_up(t, true);
			nr++;
		}
		atomic_set(&cs->nr_threads, nr);
	}
	spin_unlock_irqrestore(&tsk->sighand->siglock, f);
	return nr;
}

/*
 * Linux's coredump_wait(): stop the other threads and wait until each
 * is off its CPU with its registers saved. 0, or -EAGAIN (no dump).
 */
static int coredump_wait(int exit_code, struct core_state *cs)
{
	struct core_thread *ct;
	int nr;

	init_completion(&cs->startup);
	cs->dumper.task = current;
	cs->dumper.next = NULL;
	nr = zap_threads(current, cs, exit_code);
	if (nr <= 0)
		return nr;
	wait_for_completion(&cs->startup);
	for (ct = cs->dumper.next; ct; ct = ct->next)
		wait_task_inactive(ct->task, TASK_UNINTERRUPTIBLE);
	return 0;
}

/* coredump_task_exit - see tine/coredump.h. */
void coredump_task_exit(struct task_struct *tsk)
{
	struct core_thread self = { .task = tsk };
	struct core_state *cs;
	unsigned long f;

	f = spin_lock_irqsave(&tsk->sighand->siglock);
	tsk->flags |= PF_POSTCOREDUMP;
	cs = tsk->signal->core_state;
	if (cs && (tsk->flags & PF_SIGNALED)) {
		/* Killed for the dump: join its list of threads. */
		self.next = cs->dumper.next;
		cs->dumper.next = &self;
	} else {
		self.task = NULL;
	}
	spin_unlock_irqrestore(&tsk->sighand->siglock, f);
	if (!cs)
		return;
	if (atomic_dec_and_test(&cs->nr_threads))
		complete(&cs->startup);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (!READ_ONCE(self.task))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
}

/*
 * The dump is over: WCOREDUMP in the exit code if a core was written
 * (and no SIGKILL cut it short), then let the stopped threads go on.
 */
static void coredump_finish(bool core_dumped)
{
	struct signal_struct *sig = current->signal;
	struct core_thread *ct, *next;
	unsigned long f;

	f = spin_lock_irqsave(&current->sighand->siglock);
	if (core_dumped && !fatal_signal_pending(current))
		sig->group_exit_code |= 0x80;
	next = sig->core_state->dumper.next;
	sig->core_state = NULL;
	spin_unlock_irqrestore(&current->sighand->siglock, f);
	while ((ct = next)) {
		struct task_struct *t = ct->task;

		next = ct->next;
		/* ct lives on t's stack: once task is NULL, t may leave. */
		smp_mb();
		WRITE_ONCE(ct->task, NULL);
		wake_up_process(t);
	}
}

/* --- the file's name --- */

struct core_name {
	char *buf;
	size_t used, size;
};

static void cn_append(struct core_name *cn, const char *s, size_t n)
{
	n = MIN(n, cn->size - 1 - cn->used);
	memcpy(cn->buf + cn->used, s, n);
	cn->used += n;
	cn->buf[cn->used] = 0;
}

static void cn_printf(struct core_name *cn, const char *fmt, long v)
{
	char tmp[24];
	int n = snprintf(tmp, sizeof(tmp), fmt, v);

	cn_append(cn, tmp, n);
}

/* A name that becomes part of a path: '/' would make a directory. */
static void cn_append_escaped(struct core_name *cn, const char *s)
{
	size_t start = cn->used;

	cn_append(cn, s, strlen(s));
	for (size_t i = start; i < cn->used; i++)
		if (cn->buf[i] == '/')
			cn->buf[i] = '!';
}

/* %E: the executable's path. */
static void cn_append_exe(struct core_name *cn)
{
	struct file *exe = current->mm->exe_file;
	char *page = kmalloc(PAGE_SIZE, 0), *path;

	if (!page)
		return;
	path = exe ? d_path(&exe->f_path, page, PAGE_SIZE) : NULL;
	if (!IS_ERR_OR_NULL(path))
		cn_append_escaped(cn, path);
	kfree(page);
}

/* One %-escape; returns whether it was %p. */
static bool format_escape(struct core_name *cn, char c, int signr,
			  const struct cred *cred, unsigned long limit)
{
	switch (c) {
	case '%':
		cn_append(cn, "%", 1);
		break;
	case 'p':
		cn_printf(cn, "%ld", task_tgid_vnr(current));
		return true;
	case 'P':
		cn_printf(cn, "%ld", current->tgid);
		break;
	case 'i':
		cn_printf(cn, "%ld", task_pid_vnr(current));
		break;
	case 'I':
		cn_printf(cn, "%ld", current->pid);
		break;
	case 'u':
		cn_printf(cn, "%ld", from_kuid(&init_user_ns, cred->uid));
		break;
	case 'g':
		cn_printf(cn, "%ld", from_kgid(&init_user_ns, cred->gid));
		break;
	case 'd':
		cn_printf(cn, "%ld", get_dumpable(current->mm));
		break;
	case 's':
		cn_printf(cn, "%ld", signr);
		break;
	case 't':
		cn_printf(cn, "%ld", ktime_get_real_ns() / NSEC_PER_SEC);
		break;
	case 'h':
		cn_append_escaped(cn, current->nsproxy->uts_ns->nodename);
		break;
	case 'e':
		cn_append_escaped(cn, current->comm);
		break;
	case 'E':
		cn_append_exe(cn);
		break;
	case 'c':
		cn_printf(cn, "%lu", limit);
		break;
	}
	return false;		/* an unknown escape is dropped, as Linux */
}

/*
 * Linux's format_corename(): expand pattern into cn. Returns true for
 * a pipe ('|'): then cn holds the helper's arguments, each ended by a
 * NUL, and argv[0..*argc) their offsets (the pattern is split at
 * spaces before expansion, so an expanded %e with a space stays one).
 */
static bool format_corename(struct core_name *cn, const char *pattern,
			    int signr, unsigned long limit, int *argv,
			    int *argc)
{
	const struct cred *cred = current_cred();
	bool ispipe = pattern[0] == '|', pid_in_pattern = false;
	bool was_space = false;
	const char *p = pattern + ispipe;

	cn->buf[0] = 0;
	cn->used = 0;
	*argc = 0;
	if (ispipe)
		argv[(*argc)++] = 0;
	for (; *p; p++) {
		if (ispipe && (*p == ' ' || *p == '\t')) {
			if (cn->used)
				was_space = true;
			continue;
		}
		if (ispipe && was_space) {
			was_space = false;
			cn_append(cn, "", 1);	/* ends the argument */
			argv[(*argc)++] = cn->used;
		}
		if (*p != '%') {
			cn_append(cn, p, 1);
		} else if (p[1]) {
			p++;
			if (format_escape(cn, *p, signr, cred, limit))
				pid_in_pattern = true;
		}
	}
	/* Backward compatibility: core.PID unless the pattern names it. */
	if (!ispipe && !pid_in_pattern && READ_ONCE(core_uses_pid))
		cn_printf(cn, ".%ld", task_tgid_vnr(current));
	return ispipe;
}

/* --- the file --- */

/*
 * Create the core file as Linux does: O_EXCL (after unlinking an old
 * one unless suid_safe), mode 0600, and refuse anything else than a
 * fresh regular file of ours with one link. The file or an ERR_PTR.
 */
static struct file *open_core_file(const char *name, bool suid_safe)
{
	struct file *f;
	struct inode *i;

	if (!suid_safe)
		vfs_unlink_path(name, false);
	f = filp_open(name, O_CREAT | O_WRONLY | O_NOFOLLOW | O_LARGEFILE |
			    O_EXCL, 0600);
	if (IS_ERR(f))
		return f;
	i = f->f_inode;
	if (i->i_nlink != 1 || !S_ISREG(i->i_mode) ||
	    !uid_eq(i->i_uid, current_fsuid()) ||
	    (i->i_mode & 0677) != 0600 || !(f->f_mode & FMODE_WRITE)) {
		filp_close(f);
		return ERR_PTR(-EPERM);
	}
	return f;
}

/* Write the dump to the file name (credentials in force already);
 * true if a whole core was written. */
static bool write_core_file(struct coredump_params *cprm, const char *name,
			    bool suid_safe)
{
	bool ok = false;

	/* A set-id program's core goes only where root chose (absolute). */
	if (!name[0] || (suid_safe && name[0] != '/'))
		return false;
	if (cprm->limit < PAGE_SIZE)
		return false;
	cprm->file = open_core_file(name, suid_safe);
	if (IS_ERR(cprm->file))
		return false;
	if (!fatal_signal_pending(current))
		ok = elf_core_dump(cprm);
	/* The last bytes may be a hole: make the size cover it. */
	if (ok && !cprm->cut && cprm->file->f_inode->i_size < cprm->pos) {
		cprm->pos--;
		dump_emit(cprm, "", 1);
	}
	filp_close(cprm->file);
	return ok;
}

/* In the helper, before its exec (Linux's umh_pipe_setup): a pipe, its
 * read end our stdin, its write end the dumper's file; and no core of
 * the helper's own would be piped (RLIMIT_CORE 1). */
static int umh_pipe_setup(struct subprocess_info *info, struct cred *new)
{
	struct coredump_params *cprm = info->data;
	struct file *files[2];
	unsigned long f;
	int err = create_pipe_files(files, 0);

	if (err)
		return err;
	cprm->file = files[1];
	err = replace_fd(0, files[0], 0);
	fput(files[0]);
	if (!lock_task_sighand(current, &f))
		return -ESRCH;
	current->signal->rlim[RLIMIT_CORE].rlim_cur = 1;
	current->signal->rlim[RLIMIT_CORE].rlim_max = 1;
	unlock_task_sighand(current, &f);
	return err < 0 ? err : 0;
}

/* Start the helper cn names (its arguments at argv) with the pipe as
 * its stdin; the write end in cprm->file. 0 or -errno. */
static int start_pipe_helper(struct coredump_params *cprm,
			     struct core_name *cn, const int *argv, int argc)
{
	static char *envp[] = { NULL };
	struct subprocess_info *info;
	char **helper_argv = kmalloc((argc + 1) * sizeof(char *), 0);
	int ret = -ENOMEM;

	if (!helper_argv)
		return -ENOMEM;
	for (int i = 0; i < argc; i++)
		helper_argv[i] = cn->buf + argv[i];
	helper_argv[argc] = NULL;
	info = call_usermodehelper_setup(helper_argv[0], helper_argv, envp,
					 umh_pipe_setup, NULL, cprm);
	if (info)
		ret = call_usermodehelper_exec(info, UMH_WAIT_EXEC);
	kfree(helper_argv);
	return ret;
}

/* Pipe the dump to the helper cn names; true if a core was written. */
static bool write_core_pipe(struct coredump_params *cprm,
			    struct core_name *cn, const int *argv, int argc)
{
	bool ok = false;
	int limit;

	/* A helper's own crash (RLIMIT_CORE 1, umh_pipe_setup): no dump. */
	if (cprm->limit == 1) {
		pr_warn("Process %d(%s) has RLIMIT_CORE set to 1\n",
			task_tgid_vnr(current), current->comm);
		pr_warn("Aborting core\n");
		return false;
	}
	cprm->limit = RLIM_INFINITY;
	cprm->pipe = true;
	limit = READ_ONCE(core_pipe_limit);
	if (limit && atomic_add_return(&core_dump_count, 1) > limit) {
		pr_warn("Pid %d(%s) over core_pipe_limit\n",
			task_tgid_vnr(current), current->comm);
		pr_warn("Skipping core dump\n");
		goto out_dropcount;
	}
	cprm->file = NULL;
	if (start_pipe_helper(cprm, cn, argv, argc)) {
		pr_info("Core dump to |%s pipe failed\n", cn->buf);
		goto out_close;
	}
	if (!fatal_signal_pending(current))
		ok = elf_core_dump(cprm);
	if (limit)
		pipe_wait_readers_gone(cprm->file);
out_close:
	if (cprm->file)
		filp_close(cprm->file);
out_dropcount:
	if (limit)
		atomic_dec(&core_dump_count);
	return ok;
}

/* Write the dump where kernel.core_pattern says; true if a core was
 * written. */
static bool write_core(struct coredump_params *cprm, bool suid_safe)
{
	char pattern[CORENAME_MAX_SIZE], *name = kmalloc(PATH_MAX, 0);
	struct core_name cn = { name, 0, PATH_MAX };
	int argv[CORENAME_MAX_SIZE / 2 + 1], argc;
	bool ok;

	if (!name)
		return false;
	get_core_pattern(pattern);
	if (format_corename(&cn, pattern, cprm->siginfo->si_signo,
			    cprm->limit, argv, &argc))
		ok = argc && name[0] && write_core_pipe(cprm, &cn, argv, argc);
	else
		ok = write_core_file(cprm, name, suid_safe);
	kfree(name);
	return ok;
}

/* dump_skip_to - see tine/coredump.h. */
bool dump_skip_to(struct coredump_params *cprm, off_t pos)
{
	static const char zeros[512];

	if (!cprm->pipe) {
		cprm->pos = pos;	/* a hole */
		return true;
	}
	while (cprm->pos < pos)
		if (!dump_emit(cprm, zeros, MIN(sizeof(zeros),
						(size_t)(pos - cprm->pos))))
			return false;
	return true;
}

/* dump_emit - see tine/coredump.h. */
bool dump_emit(struct coredump_params *cprm, const void *buf, size_t len)
{
	off_t pos = cprm->pos;

	if (cprm->cut || cprm->written + len > cprm->limit ||
	    fatal_signal_pending(current) ||
	    kernel_write(cprm->file, buf, len, &pos) != (ssize_t)len) {
		cprm->cut = true;
		return false;
	}
	cprm->pos += len;
	cprm->written += len;
	return true;
}

/* do_coredump - see tine/coredump.h. */
void do_coredump(const siginfo_t *info)
{
	struct mm_struct *mm = current->mm;
	struct coredump_params cprm = { .siginfo = info };
	const struct cred *old_cred;
	struct core_state cs;
	struct cred *cred;
	bool suid_safe, dumped;
	int dumpable;

	if (!mm || !(dumpable = get_dumpable(mm)))
		return;
	cred = prepare_creds();
	if (!cred)
		return;
	/* A set-id program dumps as root, only where root said. */
	suid_safe = dumpable == SUID_DUMP_ROOT;
	if (suid_safe)
		cred->fsuid = GLOBAL_ROOT_UID;
	if (coredump_wait(info->si_signo, &cs) < 0) {
		put_cred(cred);
		return;
	}
	cprm.limit = READ_ONCE(current->signal->rlim[RLIMIT_CORE].rlim_cur);
	cprm.filter = READ_ONCE(mm->coredump_filter);
	cprm.core_state = &cs;
	old_cred = override_creds(cred);
	dumped = write_core(&cprm, suid_safe);
	revert_creds(old_cred);
	put_cred(cred);
	coredump_finish(dumped);
}
