/*
 * The ELF64 loader for execve (Linux's fs/binfmt_elf.c): ET_EXEC,
 * static-PIE and PT_INTERP programs. load_elf_binary() checks the
 * headers and opens the interpreter, then calls begin_new_exec() (the
 * point of no return) and maps the segments, the stack and the
 * interpreter, and builds the initial stack (argc, argv, envp, auxv).
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
#include <tine/random.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>

#define STACK_TOP TASK_SIZE
#define STACK_INIT (128UL << 10)	/* grows on demand (VM_GROWSDOWN) */
#define ELF_ET_DYN_BASE 0x555555554000UL

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

/*
 * The code and data bounds /proc/<pid>/stat shows (Linux's
 * load_elf_binary): code from the lowest segment to the end of the last
 * executable one's file part, data from the highest segment's start to
 * the end of the last file part.
 */
static void set_code_data(struct mm_struct *mm, struct elf64_phdr *ph, int n,
			  unsigned long bias)
{
	unsigned long sc = ~0UL, ec = 0, sd = 0, ed = 0;

	for (int i = 0; i < n; i++) {
		unsigned long k = ph[i].p_vaddr, end = k + ph[i].p_filesz;

		if (ph[i].p_type != PT_LOAD)
			continue;
		sc = MIN(sc, k);
		sd = MAX(sd, k);
		if ((ph[i].p_flags & PF_X) && end > ec)
			ec = end;
		ed = MAX(ed, end);
	}
	mm->start_code = sc + bias;
	mm->end_code = ec + bias;
	mm->start_data = sd + bias;
	mm->end_data = ed + bias;
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
	AUX(AT_HWCAP, elf_hwcap());
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, 100);
	AUX(AT_PHDR, si->phdr);
	AUX(AT_PHENT, sizeof(struct elf64_phdr));
	AUX(AT_PHNUM, si->phnum);
	AUX(AT_BASE, si->base);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, si->entry);
	AUX(AT_UID, from_kuid_munged(current_user_ns(), current_uid()));
	AUX(AT_EUID, from_kuid_munged(current_user_ns(), current_euid()));
	AUX(AT_GID, from_kgid_munged(current_user_ns(), current_gid()));
	AUX(AT_EGID, from_kgid_munged(current_user_ns(), current_egid()));
	AUX(AT_SECURE, b->secureexec);
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
int load_elf_binary(struct linux_binprm *b)
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
		b->interp = interp;
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
	err = -ENOEXEC;
	top = map_segments(b->file, ph, h->e_phnum, bias);
	if (top < 0)
		goto out;
	current->mm->start_brk = current->mm->brk = ALIGN_UP(top, PAGE_SIZE);
	set_code_data(current->mm, ph, h->e_phnum, bias);
	r = do_mmap(NULL, STACK_TOP - STACK_INIT, STACK_INIT,
		    PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, 0);
	if (IS_ERR_VALUE(r))
		goto out;
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
			goto out;
		si.base = r;
	}
	if (create_elf_tables(b, &si))
		goto out;
	start_thread(task_pt_regs(current), entry, si.base);
	err = 0;
out:
	b->interp = NULL;
	exec_file_put(interp);
	kfree(ph);
	return err;
}
