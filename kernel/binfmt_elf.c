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
#include <tine/vdso.h>
#include <uapi/errno.h>
#include <uapi/personality.h>

#define STACK_TOP TASK_SIZE
#define STACK_INIT (128UL << 10)	/* grows on demand (VM_GROWSDOWN) */
/* Where PIEs go: two thirds of the way up (unaligned, as Linux's). */
#define ELF_ET_DYN_BASE (TASK_SIZE / 3 * 2)

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

/* The span of the PT_LOAD segments, from the page of the lowest (*lo)
 * to the end of the highest (Linux's total_mapping_size). 0: none. */
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

/* The largest p_align of the PT_LOAD segments that is a power of two,
 * at least a page (Linux's maximum_alignment()). */
static unsigned long maximum_alignment(struct elf64_phdr *ph, int n)
{
	unsigned long align = PAGE_SIZE;

	for (int i = 0; i < n; i++) {
		unsigned long a = ph[i].p_align;

		if (ph[i].p_type == PT_LOAD && a && !(a & (a - 1)))
			align = MAX(align, a);
	}
	return align;
}

/* Is [addr, addr + len) free? A PROT_NONE reservation that is taken
 * away again: the address, or -errno (-EEXIST if something is there). */
static long elf_try_area(unsigned long addr, unsigned long len)
{
	long r = do_mmap(NULL, addr, len, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS |
			 (addr ? MAP_FIXED_NOREPLACE : 0), 0);

	if (!IS_ERR_VALUE(r))
		vm_munmap(current->mm, r, len);
	return r;
}

/*
 * Where an ET_DYN image of len bytes goes, as Linux 6.1 places them: a
 * program with an interpreter (want: ELF_ET_DYN_BASE, randomised and
 * aligned) exactly there; a loader run directly (static PIE, ld.so) or
 * an interpreter (want 0) where mmap would put it, and a loader
 * wanting more than page alignment at the aligned address just below.
 * Nothing stays mapped: the segments go there next. The address, or
 * -errno (-EEXIST: the place is taken).
 */
static long elf_place(unsigned long want, unsigned long len,
		      unsigned long align)
{
	long addr = elf_try_area(want, len);

	if (IS_ERR_VALUE(addr) || want || align <= PAGE_SIZE)
		return addr;
	return elf_try_area(ALIGN_DOWN(addr, align), len);
}

/* Load the program interpreter (ld.so) where mmap puts it (Linux 6.1
 * does not align it); returns its bias. */
static long load_interp(struct file *f, struct elf64_hdr *h,
			unsigned long *entry)
{
	struct elf64_phdr *ph = read_phdrs(f, h);
	unsigned long lo, span;
	long base, r;

	if (IS_ERR(ph))
		return PTR_ERR(ph);
	span = span_of(ph, h->e_phnum, &lo);
	r = -ENOEXEC;
	if (!span || h->e_type != ET_DYN)
		goto out;
	r = base = elf_place(0, span, PAGE_SIZE);
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

/* What the initial stack and the first instruction need. */
struct stack_info {
	unsigned long phdr, phnum;	/* AT_PHDR, AT_PHNUM */
	unsigned long entry;		/* AT_ENTRY: the program's entry */
	unsigned long base;		/* AT_BASE: the interpreter's bias */
	unsigned long start;		/* where to begin (interp's entry) */
	unsigned long random, execfn, platform;	/* on the stack */
	unsigned long sp;		/* the initial stack pointer */
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

/* The auxiliary vector, in Linux's order; returns its length in words. */
static int fill_auxv(struct linux_binprm *b, struct stack_info *si,
		     unsigned long *aux)
{
	int n = 0;

#define AUX(k, v) (aux[n++] = (k), aux[n++] = (v))
	AUX(AT_SYSINFO_EHDR, current->mm->vdso);
	AUX(AT_MINSIGSTKSZ, 2048);
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
	AUX(AT_NULL, 0);
#undef AUX
	return n;
}

/*
 * Linux's initial stack, from stack_top down: a zero word, the program's
 * name (AT_EXECFN), the envp and argv strings; then, from a (randomly)
 * lower aligned point, the platform name and the AT_RANDOM bytes; then
 * argc, argv[], NULL, envp[], NULL and the auxv, argc 16-byte aligned.
 */
static int create_elf_tables(struct linux_binprm *b, struct stack_info *si,
			     unsigned long stack_top)
{
	struct mm_struct *mm = current->mm;
	unsigned long sp = stack_top - sizeof(long), *ptrs, aux[AT_VECTOR_WORDS];
	int n, words, err = -ENOMEM;
	u64 rnd[2];		/* AT_RANDOM */

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
	mm->arg_end = mm->env_start;
	sp = arch_align_stack(sp);
	/* From the batched stream: two words, not two ChaCha blocks. */
	rnd[0] = get_random_u64();
	rnd[1] = get_random_u64();
	if (push(&sp, "x86_64", 7))
		goto out;
	si->platform = sp;
	if (push(&sp, rnd, sizeof(rnd)))
		goto out;
	si->random = sp;

	n = fill_auxv(b, si, aux);
	memcpy(mm->saved_auxv, aux, n * sizeof(long));
	/* argc + argv + NULL + envp + NULL + auxv, 16-byte aligned at argc */
	words = 1 + b->argc + 1 + b->envc + 1 + n;
	sp = ALIGN_DOWN(sp - words * sizeof(long), 16) + words * sizeof(long);
	if (push(&sp, aux, n * sizeof(long)))
		goto out;
	if (push(&sp, &(long){ 0 }, 8) ||
	    push(&sp, ptrs + b->argc, b->envc * sizeof(long)) ||
	    push(&sp, &(long){ 0 }, 8) ||
	    push(&sp, ptrs, b->argc * sizeof(long)) ||
	    push(&sp, &(long){ b->argc }, 8))
		goto out;
	mm->start_stack = si->sp = sp;
	err = 0;
out:
	kfree(ptrs);
	return err;
}

/* Open the PT_INTERP program, if any, and read its ELF header into ih:
 * the file (writes denied), NULL without one, or an ERR_PTR. */
static struct file *open_interp(struct linux_binprm *b, struct elf64_phdr *ph,
				int n, struct elf64_hdr *ih)
{
	struct elf64_phdr *ip = NULL;
	struct file *interp;
	char path[256];
	off_t pos;

	for (int i = 0; i < n; i++)
		if (ph[i].p_type == PT_INTERP)
			ip = &ph[i];
	if (!ip)
		return NULL;
	pos = ip->p_offset;
	if (ip->p_filesz < 2 || ip->p_filesz > sizeof(path) ||
	    kernel_read(b->file, path, ip->p_filesz, &pos) !=
		    (ssize_t)ip->p_filesz)
		return ERR_PTR(-ENOEXEC);
	path[ip->p_filesz - 1] = 0;
	interp = open_exec(path);
	if (IS_ERR(interp))
		return interp;
	pos = 0;
	if (kernel_read(interp, ih, sizeof(*ih), &pos) != sizeof(*ih) ||
	    !elf_check(ih)) {
		exec_file_put(interp);
		return ERR_PTR(-ELIBBAD);
	}
	return interp;
}

/*
 * The personality and layout of the new program (past the point of no
 * return): a 64-bit program never has READ_IMPLIES_EXEC, randomisation
 * as randomize_va_space and ADDR_NO_RANDOMIZE say, then the mmap base.
 * Returns the randomize_va_space level in force (0: none).
 */
static int setup_new_layout(void)
{
	int level = exec_wants_randomize();

	current->personality &= ~READ_IMPLIES_EXEC;
	if (level)
		current->flags |= PF_RANDOMIZE;
	arch_pick_mmap_layout(current->mm);
	return level;
}

/*
 * The stack VMA below stack_top: room for the strings already counted
 * and 128 KiB more (it grows on demand, VM_GROWSDOWN, as Linux's
 * setup_arg_pages leaves it). 0 or -errno.
 */
static int setup_arg_pages(struct linux_binprm *b, unsigned long stack_top)
{
	unsigned long size = PAGE_ALIGN(b->total + sizeof(long)) + STACK_INIT;
	long r = do_mmap(NULL, stack_top - size, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED |
			 MAP_GROWSDOWN, 0);

	return IS_ERR_VALUE(r) ? (int)r : 0;
}

/*
 * The bias of an ET_DYN program: a PIE (with an interpreter) at
 * ELF_ET_DYN_BASE plus the mmap randomisation, aligned to its largest
 * p_align; a loader run directly where mmap puts it (aligned the
 * same). ET_EXEC: 0. Returns the bias or -errno.
 */
static long elf_load_bias(struct elf64_hdr *h, struct elf64_phdr *ph,
			  bool interp)
{
	unsigned long lo, span = span_of(ph, h->e_phnum, &lo);
	unsigned long align = maximum_alignment(ph, h->e_phnum);
	unsigned long want = 0;
	long base;

	if (h->e_type != ET_DYN)
		return 0;
	if (interp) {
		want = ELF_ET_DYN_BASE;
		if (current->flags & PF_RANDOMIZE)
			want += arch_mmap_rnd();
		want = ALIGN_DOWN(want, align);
	}
	base = elf_place(want, span, align);
	return IS_ERR_VALUE(base) ? base : base - (long)lo;
}

/*
 * Where the break starts: after the highest segment (top), or for a
 * loader run directly at ELF_ET_DYN_BASE, out of the mmap area; with
 * randomize_va_space 2 a page further and then randomised, as Linux.
 */
static void setup_brk(struct mm_struct *mm, struct elf64_hdr *h, bool interp,
		      unsigned long top, int level)
{
	bool moved = h->e_type == ET_DYN && !interp;

	mm->start_brk = mm->brk = PAGE_ALIGN(moved ? ELF_ET_DYN_BASE : top);
	if ((current->flags & PF_RANDOMIZE) && level > 1) {
		if (!moved)
			mm->brk += PAGE_SIZE;
		mm->start_brk = mm->brk = arch_randomize_brk(mm);
	}
}

/* Map what comes after the point of no return: the stack, the
 * segments, the break, the interpreter; fill si. 0 or -errno. */
static int map_new_image(struct linux_binprm *b, struct elf64_hdr *h,
			 struct elf64_phdr *ph, struct file *interp,
			 struct elf64_hdr *ih, struct stack_info *si,
			 unsigned long stack_top, int level)
{
	struct mm_struct *mm = current->mm;
	unsigned long lo;
	long bias, top;
	int err;

	err = setup_arg_pages(b, stack_top);
	if (err)
		return err;
	bias = elf_load_bias(h, ph, interp);
	if (IS_ERR_VALUE(bias))
		return bias;
	top = map_segments(b->file, ph, h->e_phnum, bias);
	if (top < 0)
		return top;
	setup_brk(mm, h, interp, top, level);
	set_code_data(mm, ph, h->e_phnum, bias);
	span_of(ph, h->e_phnum, &lo);
	si->phnum = h->e_phnum;
	si->start = si->entry = bias + h->e_entry;
	si->phdr = bias + lo + h->e_phoff;
	for (int i = 0; i < h->e_phnum; i++)
		if (ph[i].p_type == PT_PHDR)
			si->phdr = bias + ph[i].p_vaddr;
	if (interp) {
		long r = load_interp(interp, ih, &si->start);

		if (r < 0)
			return r;
		si->base = r;
	}
	/* Above the lowest string: the strings exec counted, under the
	 * zero word at the top. */
	return map_vdso(mm, stack_top - sizeof(long) - b->total);
}

/* The ELF loader proper. Returns -ENOEXEC if b is not ELF (nothing
 * done), another error before or after the point of no return, or 0. */
int load_elf_binary(struct linux_binprm *b)
{
	struct elf64_hdr *h = (struct elf64_hdr *)b->buf, ih;
	struct stack_info si = { 0 };
	struct elf64_phdr *ph;
	struct file *interp;
	unsigned long lo, stack_top;
	int err, level;

	if (!elf_check(h))
		return -ENOEXEC;
	ph = read_phdrs(b->file, h);
	if (IS_ERR(ph))
		return PTR_ERR(ph);
	interp = open_interp(b, ph, h->e_phnum, &ih);
	if (IS_ERR(interp)) {
		err = PTR_ERR(interp);
		interp = NULL;
		goto out;
	}
	b->interp = interp;
	err = -ENOEXEC;
	if (!span_of(ph, h->e_phnum, &lo))
		goto out;

	err = begin_new_exec(b);
	if (err)
		goto out;
	/* From here on, failure kills the process: the old image is gone. */
	level = setup_new_layout();
	stack_top = randomize_stack_top(STACK_TOP);
	err = map_new_image(b, h, ph, interp, &ih, &si, stack_top, level);
	if (!err)
		err = create_elf_tables(b, &si, stack_top);
	if (err)
		goto out;
	/* SVr4's read-only page 0, for programs that want it (only where
	 * mmap_min_addr allows: the result is not checked, as Linux). */
	if (current->personality & MMAP_PAGE_ZERO)
		do_mmap(NULL, 0, PAGE_SIZE, PROT_READ | PROT_EXEC,
			MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, 0);
	start_thread(task_pt_regs(current), si.start, si.sp);
out:
	b->interp = NULL;
	exec_file_put(interp);
	kfree(ph);
	return err;
}
