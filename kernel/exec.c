/*
 * execve: replace the caller's program. Everything that can fail with
 * an error the caller can still see (open, permission, format, copying
 * the arguments) happens first; begin_new_exec() is the point of no
 * return (other threads die, the old mm is released: here the vfork
 * parent wakes); after it, a failure can only kill the process.
 * Formats: ELF64 (ET_EXEC, static-PIE, and PT_INTERP programs) and #!.
 */
#include <asm/arch.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <tine/elf.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/mm_types.h>
#include <tine/mman.h>
#include <tine/pid.h>
#include <tine/printk.h>
#include <tine/ptrace.h>
#include <tine/random.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

#define BINPRM_BUF_SIZE 256
#define MAX_ARG_STRLEN (32 * PAGE_SIZE)
#define MAX_ARG_TOTAL (2UL << 20)	/* 1/4 of the default 8 MiB stack */
#define MAX_INTERP_DEPTH 4
#define STACK_TOP TASK_SIZE
#define STACK_INIT (128UL << 10)	/* grows on demand (VM_GROWSDOWN) */
#define ELF_ET_DYN_BASE 0x555555554000UL

void mm_release(struct task_struct *tsk, struct mm_struct *mm);
void zap_other_threads_and_wait(void);
int zap_other_threads(struct task_struct *p);

struct linux_binprm {
	struct file *file;
	char *filename;			/* as given (AT_EXECFN) */
	char **argv, **envp;		/* kernel copies */
	int argc, envc;
	size_t total;			/* bytes of strings */
	char buf[BINPRM_BUF_SIZE];	/* start of the file */
	int depth;			/* #! nesting */
};

static void free_strings(char **v, int n)
{
	for (int i = 0; i < n; i++)
		kfree(v[i]);
	kfree(v);
}

/* Copy a NULL-terminated user vector of strings into the kernel. */
static int copy_strings(const char __user *const __user *uv, char ***out,
			int *count, size_t *total)
{
	const char __user *p;
	char **v = NULL;
	int n = 0, cap = 0;

	*out = NULL;
	*count = 0;
	if (!uv)	/* Linux accepts NULL argv/envp as empty */
		return 0;
	for (;;) {
		long len;

		if (get_user(p, uv + n))
			goto efault;
		if (!p)
			break;
		len = strnlen_user(p, MAX_ARG_STRLEN);
		if (!len)
			goto efault;
		if (len > (long)MAX_ARG_STRLEN ||
		    (*total += len) > MAX_ARG_TOTAL) {
			free_strings(v, n);
			return -E2BIG;
		}
		if (n + 1 >= cap) {
			char **nv = kmalloc((cap = cap ? cap * 2 : 16) *
						    sizeof(char *), 0);
			if (!nv)
				goto enomem;
			if (v)
				memcpy(nv, v, n * sizeof(char *));
			kfree(v);
			v = nv;
		}
		v[n] = kmalloc(len, 0);
		if (!v[n])
			goto enomem;
		if (copy_from_user(v[n], p, len)) {
			kfree(v[n]);
			goto efault;
		}
		v[n][len - 1] = 0;
		n++;
	}
	*out = v;
	*count = n;
	return 0;
efault:
	free_strings(v, n);
	return -EFAULT;
enomem:
	free_strings(v, n);
	return -ENOMEM;
}

static void free_bprm(struct linux_binprm *b)
{
	if (b->file)
		fput(b->file);
	kfree(b->filename);
	free_strings(b->argv, b->argc);
	free_strings(b->envp, b->envc);
}

/* Open path for execution: a regular file we may execute. */
static struct file *open_exec(const char *path)
{
	struct file *f = filp_open(path, O_RDONLY, 0);
	int err;

	if (IS_ERR(f))
		return f;
	err = -EACCES;
	if (!S_ISREG(f->f_inode->i_mode))
		goto bad;
	err = inode_permission(f->f_inode, MAY_EXEC);
	if (err)
		goto bad;
	if (!(f->f_inode->i_mode & 0111)) {
		err = -EACCES;
		goto bad;
	}
	return f;
bad:
	fput(f);
	return ERR_PTR(err);
}

static int prepare_file(struct linux_binprm *b, const char *path)
{
	off_t pos = 0;
	ssize_t n;

	b->file = open_exec(path);
	if (IS_ERR(b->file)) {
		int err = PTR_ERR(b->file);
		b->file = NULL;
		return err;
	}
	memset(b->buf, 0, sizeof(b->buf));
	n = kernel_read(b->file, b->buf, sizeof(b->buf), &pos);
	return n < 0 ? (int)n : 0;
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
	b->total += strlen(s) + 1;
	return b->total > MAX_ARG_TOTAL ? -E2BIG : 0;
}

/*
 * #!interp [arg]: argv becomes interp [arg] path argv[1..]. The line
 * ends at a newline or the end of the buffer, like Linux.
 */
static int load_script(struct linux_binprm *b, const char *path)
{
	char line[BINPRM_BUF_SIZE], *interp, *arg = NULL, *end;
	int err;

	if (b->depth++ >= MAX_INTERP_DEPTH)
		return -ELOOP;
	memcpy(line, b->buf + 2, sizeof(line) - 2);
	line[sizeof(line) - 3] = 0;
	end = strchr(line, '\n');
	if (end)
		*end = 0;
	for (interp = line; *interp == ' ' || *interp == '\t'; interp++)
		;
	if (!*interp)
		return -ENOEXEC;
	for (end = interp; *end && *end != ' ' && *end != '\t'; end++)
		;
	if (*end) {
		*end++ = 0;
		while (*end == ' ' || *end == '\t')
			end++;
		if (*end) {
			arg = end;
			/* trailing blanks are not part of the argument */
			end += strlen(end);
			while (end > arg && (end[-1] == ' ' || end[-1] == '\t'))
				*--end = 0;
		}
	}
	/* argv[0] is replaced by the script path. */
	if (b->argc) {
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
	fput(b->file);
	b->file = NULL;
	err = prepare_file(b, interp);
	return err == -EACCES || err == -ENOENT ? err : err;
}

static bool elf_check(const struct elf64_hdr *h)
{
	return !memcmp(h->e_ident, "\177ELF", 4) && h->e_ident[4] == 2 &&
	       h->e_ident[5] == 1 && (h->e_type == ET_EXEC ||
				      h->e_type == ET_DYN) &&
	       h->e_machine == EM_X86_64 &&
	       h->e_phentsize == sizeof(struct elf64_phdr) &&
	       h->e_phnum > 0 && h->e_phnum <= 64;
}

/* Read the program headers of an ELF file; kmalloc'd or ERR_PTR. */
static struct elf64_phdr *read_phdrs(struct file *f, const struct elf64_hdr *h)
{
	size_t sz = h->e_phnum * sizeof(struct elf64_phdr);
	struct elf64_phdr *ph = kmalloc(sz, 0);
	off_t pos = h->e_phoff;

	if (!ph)
		return ERR_PTR(-ENOMEM);
	if (kernel_read(f, ph, sz, &pos) != (ssize_t)sz) {
		kfree(ph);
		return ERR_PTR(-ENOEXEC);
	}
	return ph;
}

/* Kill other threads, release the old mm, reset what exec resets.
 * After this, the exec cannot fail back to the caller. */
static int begin_new_exec(struct linux_binprm *b)
{
	struct task_struct *t = current;
	struct mm_struct *old = t->mm, *mm;
	const char *base;
	int err;

	mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	err = unshare_files();
	if (err) {
		mmput(mm);
		return err;
	}
	/* Point of no return. */
	zap_other_threads_and_wait();
	/* Children made before now send us SIGCHLD, whatever their exit
	 * signal (do_notify_parent). */
	WRITE_ONCE(t->self_exec_id, t->self_exec_id + 1);
	mm->exe_file = get_file(b->file);
	task_lock(t);		/* against get_task_mm() */
	t->mm = mm;
	t->active_mm = mm;
	switch_mm(mm);
	task_unlock(t);
	if (old) {
		mm_release(t, old);
		mmput(old);
	}
	t->flags &= ~(PF_FORKNOEXEC | PF_KTHREAD);
	t->dumpable = 1;
	flush_signal_handlers(t, false);
	do_close_on_exec(t->files);
	base = strrchr(b->filename, '/');
	strlcpy(t->comm, base ? base + 1 : b->filename, sizeof(t->comm));
	t->sas_ss_sp = 0;
	t->sas_ss_size = 0;
	t->sas_ss_flags = SS_DISABLE;
	return 0;
}

/* Map the PT_LOAD segments of f at bias. Returns the highest end. */
static long map_segments(struct file *f, struct elf64_phdr *ph, int n,
			 unsigned long bias)
{
	unsigned long top = 0;

	for (int i = 0; i < n; i++) {
		struct elf64_phdr *p = &ph[i];
		unsigned long va = bias + p->p_vaddr;
		unsigned long start = ALIGN_DOWN(va, PAGE_SIZE);
		unsigned long fend = va + p->p_filesz;
		unsigned long mend = ALIGN_UP(va + p->p_memsz, PAGE_SIZE);
		int prot = ((p->p_flags & PF_R) ? PROT_READ : 0) |
			   ((p->p_flags & PF_W) ? PROT_WRITE : 0) |
			   ((p->p_flags & PF_X) ? PROT_EXEC : 0);
		long r;

		if (p->p_type != PT_LOAD)
			continue;
		if ((p->p_offset & ~PAGE_MASK) != (p->p_vaddr & ~PAGE_MASK) ||
		    p->p_filesz > p->p_memsz || va + p->p_memsz < va ||
		    va + p->p_memsz > TASK_SIZE)
			return -ENOEXEC;
		if (p->p_filesz) {
			r = do_mmap(f, start, ALIGN_UP(fend, PAGE_SIZE) - start,
				    prot, MAP_PRIVATE | MAP_FIXED,
				    (p->p_offset - (va - start)) >> PAGE_SHIFT);
			if (IS_ERR_VALUE(r))
				return r;
			/* The rest of the last file page is .bss: zero it. */
			if (p->p_memsz > p->p_filesz && (fend & ~PAGE_MASK) &&
			    (prot & PROT_WRITE) &&
			    clear_user((void __user *)fend,
				       PAGE_SIZE - (fend & ~PAGE_MASK)))
				return -EFAULT;
		}
		if (mend > ALIGN_UP(fend, PAGE_SIZE)) {
			unsigned long a = ALIGN_UP(fend, PAGE_SIZE);
			r = do_mmap(NULL, a, mend - a, prot,
				    MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, 0);
			if (IS_ERR_VALUE(r))
				return r;
		}
		top = MAX(top, mend);
	}
	return top;
}

static unsigned long span_of(struct elf64_phdr *ph, int n, unsigned long *lo)
{
	unsigned long min = ~0UL, max = 0;

	for (int i = 0; i < n; i++)
		if (ph[i].p_type == PT_LOAD) {
			min = MIN(min, ALIGN_DOWN(ph[i].p_vaddr, PAGE_SIZE));
			max = MAX(max, ph[i].p_vaddr + ph[i].p_memsz);
		}
	*lo = min;
	return max > min ? ALIGN_UP(max, PAGE_SIZE) - min : 0;
}

/* Load the program interpreter (ld.so) anywhere; returns its bias. */
static long load_interp(struct file *f, struct elf64_hdr *h,
			unsigned long *entry)
{
	struct elf64_phdr *ph = read_phdrs(f, h);
	unsigned long lo, span, base;
	long r;

	if (IS_ERR(ph))
		return PTR_ERR(ph);
	span = span_of(ph, h->e_phnum, &lo);
	r = -ENOEXEC;
	if (!span || h->e_type != ET_DYN)
		goto out;
	base = do_mmap(NULL, 0, span, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS, 0);
	r = base;
	if (IS_ERR_VALUE(base))
		goto out;
	r = map_segments(f, ph, h->e_phnum, base - lo);
	if (r >= 0) {
		r = base - lo;
		*entry = r + h->e_entry;
	}
out:
	kfree(ph);
	return r;
}

struct stack_info {
	unsigned long phdr, phnum, entry, base, random, execfn, platform;
};

/* Push bytes onto the new user stack (growing down). */
static int push(unsigned long *sp, const void *data, size_t n)
{
	*sp -= n;
	return copy_to_user((void __user *)*sp, data, n) ? -EFAULT : 0;
}

static int push_strings(unsigned long *sp, char **v, int n,
			unsigned long *ptrs)
{
	for (int i = n - 1; i >= 0; i--) {
		if (push(sp, v[i], strlen(v[i]) + 1))
			return -EFAULT;
		ptrs[i] = *sp;
	}
	return 0;
}

static unsigned long hwcap(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return d;
}

/* Linux's initial stack: argc, argv[], NULL, envp[], NULL, auxv, then
 * the strings, AT_RANDOM bytes and the platform name above them. */
static int create_elf_tables(struct linux_binprm *b, struct stack_info *si)
{
	struct mm_struct *mm = current->mm;
	unsigned long sp = STACK_TOP, *ptrs, aux[40];
	int n = 0, words, err = -ENOMEM;
	u8 rnd[16];

	ptrs = kmalloc((b->argc + b->envc + 1) * sizeof(long), 0);
	if (!ptrs)
		return -ENOMEM;
	err = -EFAULT;
	if (push(&sp, b->filename, strlen(b->filename) + 1))
		goto out;
	si->execfn = sp;
	if (push_strings(&sp, b->envp, b->envc, ptrs + b->argc))
		goto out;
	mm->env_start = sp;
	mm->env_end = si->execfn;
	if (push_strings(&sp, b->argv, b->argc, ptrs))
		goto out;
	mm->arg_start = sp;
	mm->arg_end = b->argc ? ptrs[b->argc - 1] + strlen(b->argv[b->argc - 1]) + 1
			      : sp;
	if (b->argc == 0)
		mm->arg_end = mm->arg_start;
	else
		mm->arg_end = mm->env_start;
	get_random_bytes(rnd, sizeof(rnd));
	if (push(&sp, rnd, sizeof(rnd)) || push(&sp, "x86_64", 7))
		goto out;
	si->platform = sp;
	si->random = sp + 7;

#define AUX(k, v) (aux[n++] = (k), aux[n++] = (v))
	AUX(AT_HWCAP, hwcap());
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, 100);
	AUX(AT_PHDR, si->phdr);
	AUX(AT_PHENT, sizeof(struct elf64_phdr));
	AUX(AT_PHNUM, si->phnum);
	AUX(AT_BASE, si->base);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, si->entry);
	AUX(AT_UID, current->cred.uid);
	AUX(AT_EUID, current->cred.euid);
	AUX(AT_GID, current->cred.gid);
	AUX(AT_EGID, current->cred.egid);
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, si->random);
	AUX(AT_HWCAP2, 0);
	AUX(AT_EXECFN, si->execfn);
	AUX(AT_PLATFORM, si->platform);
	AUX(AT_MINSIGSTKSZ, 2048);
	AUX(AT_NULL, 0);
#undef AUX
	memcpy(mm->saved_auxv, aux, MIN(sizeof(aux), sizeof(mm->saved_auxv)));

	/* argc + argv + NULL + envp + NULL + auxv, 16-byte aligned at argc */
	words = 1 + b->argc + 1 + b->envc + 1 + n;
	sp = ALIGN_DOWN(sp, 16);
	if (words & 1)
		sp -= 8;
	if (push(&sp, aux, n * sizeof(long)))
		goto out;
	if (push(&sp, &(long){ 0 }, 8) ||
	    push(&sp, ptrs + b->argc, b->envc * sizeof(long)) ||
	    push(&sp, &(long){ 0 }, 8) ||
	    push(&sp, ptrs, b->argc * sizeof(long)) ||
	    push(&sp, &(long){ b->argc }, 8))
		goto out;
	mm->start_stack = sp;
	err = 0;
	si->base = sp;		/* reuse: the final stack pointer */
out:
	kfree(ptrs);
	return err;
}

/* The ELF loader proper. Returns -ENOEXEC if b is not ELF (nothing
 * done), another error before the point of no return, or 0. */
static int load_elf_binary(struct linux_binprm *b)
{
	struct elf64_hdr *h = (struct elf64_hdr *)b->buf, ih;
	struct elf64_phdr *ph, *interp_ph = NULL;
	struct file *interp = NULL;
	struct stack_info si = { 0 };
	unsigned long bias = 0, lo, entry;
	long top, r;
	int err;

	if (!elf_check(h))
		return -ENOEXEC;
	ph = read_phdrs(b->file, h);
	if (IS_ERR(ph))
		return PTR_ERR(ph);
	for (int i = 0; i < h->e_phnum; i++)
		if (ph[i].p_type == PT_INTERP)
			interp_ph = &ph[i];
	if (interp_ph) {
		char path[256];
		off_t pos = interp_ph->p_offset;

		err = -ENOEXEC;
		if (interp_ph->p_filesz < 2 || interp_ph->p_filesz > sizeof(path))
			goto out;
		if (kernel_read(b->file, path, interp_ph->p_filesz, &pos) !=
		    (ssize_t)interp_ph->p_filesz)
			goto out;
		path[interp_ph->p_filesz - 1] = 0;
		interp = open_exec(path);
		if (IS_ERR(interp)) {
			err = PTR_ERR(interp);
			interp = NULL;
			goto out;
		}
		pos = 0;
		if (kernel_read(interp, &ih, sizeof(ih), &pos) != sizeof(ih) ||
		    !elf_check(&ih)) {
			err = -ELIBBAD;
			goto out;
		}
	}
	if (!span_of(ph, h->e_phnum, &lo)) {
		err = -ENOEXEC;
		goto out;
	}
	if (h->e_type == ET_DYN)
		bias = ELF_ET_DYN_BASE - lo;

	err = begin_new_exec(b);
	if (err)
		goto out;
	/* From here on, failure kills the process: the old image is gone. */
	top = map_segments(b->file, ph, h->e_phnum, bias);
	if (top < 0)
		goto fatal;
	current->mm->start_brk = current->mm->brk = ALIGN_UP(top, PAGE_SIZE);
	r = do_mmap(NULL, STACK_TOP - STACK_INIT, STACK_INIT,
		    PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, 0);
	if (IS_ERR_VALUE(r))
		goto fatal;
	si.phnum = h->e_phnum;
	si.entry = bias + h->e_entry;
	si.phdr = bias + lo + h->e_phoff;
	for (int i = 0; i < h->e_phnum; i++)
		if (ph[i].p_type == PT_PHDR)
			si.phdr = bias + ph[i].p_vaddr;
	entry = si.entry;
	if (interp) {
		r = load_interp(interp, &ih, &entry);
		if (r < 0)
			goto fatal;
		si.base = r;
	}
	if (create_elf_tables(b, &si))
		goto fatal;
	start_thread(task_pt_regs(current), entry, si.base);
	err = 0;
	goto out;
fatal:
	force_sig(SIGSEGV);
	err = 0;
out:
	if (interp)
		fput(interp);
	kfree(ph);
	return err;
}

static int do_execve(const char *path, const char __user *const __user *argv,
		     const char __user *const __user *envp)
{
	struct linux_binprm b = { 0 };
	int err;

	b.filename = kstrdup(path);
	if (!b.filename)
		return -ENOMEM;
	err = copy_strings(argv, &b.argv, &b.argc, &b.total);
	if (!err)
		err = copy_strings(envp, &b.envp, &b.envc, &b.total);
	if (!err)
		err = prepare_file(&b, path);
	while (!err && b.buf[0] == '#' && b.buf[1] == '!')
		err = load_script(&b, b.depth ? b.argv[0] : path);
	if (!err)
		err = load_elf_binary(&b);
	if (!err)
		ptrace_event(PTRACE_EVENT_EXEC, current->pid);
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
	err = do_execve(path, argv, envp);
	kfree(path);
	return err;
}
SYSCALL_ENTRY(execve, sys_execve);

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
	err = prepare_file(&b, path);
	while (!err && b.buf[0] == '#' && b.buf[1] == '!')
		err = load_script(&b, b.depth ? b.argv[0] : path);
	if (!err)
		err = load_elf_binary(&b);
out:
	free_bprm(&b);
	return err;
}

/*
 * A non-leader exec'ing thread becomes the group leader: it takes the
 * leader's pid (so the process keeps its pid across execve, as POSIX
 * wants), parent and place among the parent's children; the old
 * leader, a zombie by now, leaves with the thread's old pid.
 */
static void take_over_leader(struct task_struct *tsk)
{
	struct task_struct *leader = tsk->group_leader;
	struct pid *lpid = leader->thread_pid, *tpid = tsk->thread_pid;
	unsigned long f = write_lock_irqsave(&tasklist_lock);
	pid_t lnr = leader->pid;

	tsk->thread_pid = lpid;
	leader->thread_pid = tpid;
	lpid->task = tsk;
	tpid->task = leader;
	leader->pid = tsk->pid;
	tsk->pid = lnr;
	tsk->group_leader = tsk;
	leader->group_leader = tsk;
	tsk->real_parent = leader->real_parent;
	tsk->parent = leader->parent;
	list_add(&tsk->sibling, &leader->sibling);
	list_del_init(&leader->sibling);
	tsk->exit_signal = SIGCHLD;
	leader->exit_signal = -1;
	tsk->start_time = leader->start_time;
	leader->exit_state = EXIT_DEAD;
	write_unlock_irqrestore(&tasklist_lock, f);
	release_task(leader);
}

/*
 * de_thread - make current the only thread of its group: SIGKILL every
 * other thread, wait until each has passed exit_notify() (it counts
 * notify_count down), then take the leader's place if we are not it.
 */
void zap_other_threads_and_wait(void)
{
	struct task_struct *tsk = current, *t;
	struct signal_struct *sig = tsk->signal;
	unsigned long f;
	int others = 0;

	f = write_lock_irqsave(&tasklist_lock);
	list_for_each_entry(t, &sig->thread_head, thread_node)
		if (t != tsk && !t->exit_state)
			others++;
	if (!others && thread_group_leader(tsk)) {
		write_unlock_irqrestore(&tasklist_lock, f);
		return;
	}
	sig->group_exec_task = tsk;
	sig->notify_count = others;
	write_unlock_irqrestore(&tasklist_lock, f);
	f = spin_lock_irqsave(&tsk->sighand->siglock);
	zap_other_threads(tsk);
	spin_unlock_irqrestore(&tsk->sighand->siglock, f);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (READ_ONCE(sig->notify_count) <= 0)
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
	if (!thread_group_leader(tsk))
		take_over_leader(tsk);
	f = write_lock_irqsave(&tasklist_lock);
	sig->group_exec_task = NULL;
	sig->notify_count = 0;
	write_unlock_irqrestore(&tasklist_lock, f);
}
