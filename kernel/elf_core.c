/*
 * The ELF core file (Linux 6.1's elf_core_dump() for x86-64), as gdb,
 * eu-readelf and Linux's own tools read it:
 *
 *   ELF header (ET_CORE), then the program headers: one PT_NOTE, then a
 *   PT_LOAD per mapping (p_filesz: what coredump_filter lets through,
 *   p_memsz: the whole mapping);
 *   the notes, in Linux's order: for the dumping thread NT_PRSTATUS,
 *   NT_PRPSINFO, NT_SIGINFO, NT_AUXV, NT_FILE, NT_PRFPREG; for each
 *   other thread NT_PRSTATUS and NT_PRFPREG (tine saves no XSAVE state,
 *   so there is no NT_X86_XSTATE);
 *   from the next page boundary, the mappings' contents back to back,
 *   pages never touched left as holes.
 *
 * Everything is written through dump_emit(), which stops at RLIMIT_CORE;
 * as in Linux, a core cut short by the limit still counts as dumped.
 */
#include <tine/coredump.h>
#include <tine/cred.h>
#include <tine/elf.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/mm_types.h>
#include <tine/mman.h>
#include <tine/pid.h>
#include <tine/posix-timers.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

#define ET_CORE 4
#define PT_NOTE 4
#define NT_PRSTATUS 1
#define NT_PRFPREG 2
#define NT_PRPSINFO 3
#define NT_AUXV 6
#define NT_SIGINFO 0x53494749
#define NT_FILE 0x46494c45
#define PN_XNUM 0xffff
#define ELF_PRARGSZ 80
#define MAX_FILE_NOTE_SIZE (4UL << 20)

struct elf_timeval {
	long tv_sec, tv_usec;
};

/* struct elf_prstatus (336 bytes). */
struct elf_prstatus {
	int si_signo, si_code, si_errno;	/* pr_info */
	short pr_cursig;
	unsigned long pr_sigpend, pr_sighold;
	int pr_pid, pr_ppid, pr_pgrp, pr_sid;
	struct elf_timeval pr_utime, pr_stime, pr_cutime, pr_cstime;
	unsigned long pr_reg[ELF_NGREG];
	int pr_fpvalid;
};

/* struct elf_prpsinfo (136 bytes). */
struct elf_prpsinfo {
	char pr_state, pr_sname, pr_zomb, pr_nice;
	unsigned long pr_flag;
	unsigned int pr_uid, pr_gid;
	int pr_pid, pr_ppid, pr_pgrp, pr_sid;
	char pr_fname[16];
	char pr_psargs[ELF_PRARGSZ];
};

_Static_assert(sizeof(struct elf_prstatus) == 336, "elf_prstatus");
_Static_assert(sizeof(struct elf_prpsinfo) == 136, "elf_prpsinfo");

/* The note buffer being filled. */
struct notes {
	char *buf;
	size_t used, size;
};

static size_t note_size(const char *name, size_t descsz)
{
	return 12 + ALIGN_UP(strlen(name) + 1, 4) + ALIGN_UP(descsz, 4);
}

/* Append one note (the buffer was sized for it: notes_size()). */
static void put_note(struct notes *n, const char *name, u32 type,
		     const void *desc, size_t descsz)
{
	u32 hdr[3] = { strlen(name) + 1, descsz, type };
	char *p = n->buf + n->used;

	memset(p, 0, note_size(name, descsz));
	memcpy(p, hdr, sizeof(hdr));
	memcpy(p + 12, name, hdr[0]);
	memcpy(p + 12 + ALIGN_UP(hdr[0], 4), desc, descsz);
	n->used += note_size(name, descsz);
}

static struct elf_timeval ns_to_tv(u64 ns)
{
	return (struct elf_timeval){ ns / NSEC_PER_SEC,
				     ns % NSEC_PER_SEC / 1000 };
}

/* Linux's fill_prstatus() for thread t dying of signr. */
static void fill_prstatus(struct elf_prstatus *s, struct task_struct *t,
			  int signr)
{
	struct signal_struct *sig = t->signal;
	unsigned long f;
	u64 ut, st;

	memset(s, 0, sizeof(*s));
	s->si_signo = s->pr_cursig = signr;
	s->pr_sigpend = READ_ONCE(t->pending.signal.sig[0]);
	s->pr_sighold = READ_ONCE(t->blocked.sig[0]);
	f = read_lock_irqsave(&tasklist_lock);
	s->pr_pid = task_pid_vnr(t);
	s->pr_ppid = task_pid_vnr(t->real_parent);
	s->pr_pgrp = pid_vnr(task_pgrp(t));
	s->pr_sid = pid_vnr(task_session(t));
	if (thread_group_leader(t))
		thread_group_cputime(sig, &ut, &st);
	else
		task_cputime(t, &ut, &st);
	read_unlock_irqrestore(&tasklist_lock, f);
	s->pr_utime = ns_to_tv(ut);
	s->pr_stime = ns_to_tv(st);
	s->pr_cutime = ns_to_tv(READ_ONCE(sig->cutime));
	s->pr_cstime = ns_to_tv(READ_ONCE(sig->cstime));
	elf_core_copy_task_regs(t, s->pr_reg);
	s->pr_fpvalid = 1;
}

/* Linux's fill_psinfo() for current. */
static void fill_psinfo(struct elf_prpsinfo *p)
{
	struct mm_struct *mm = current->mm;
	const struct cred *cred = current_cred();
	unsigned long len = MIN(mm->arg_end - mm->arg_start,
				(unsigned long)ELF_PRARGSZ - 1);
	unsigned long f;

	memset(p, 0, sizeof(*p));
	len = access_remote_vm(mm, mm->arg_start, p->pr_psargs, len, 0);
	for (unsigned long i = 0; i < len; i++)
		if (!p->pr_psargs[i])
			p->pr_psargs[i] = ' ';
	p->pr_psargs[len] = 0;
	f = read_lock_irqsave(&tasklist_lock);
	p->pr_pid = task_tgid_vnr(current);
	p->pr_ppid = task_pid_vnr(current->real_parent);
	p->pr_pgrp = pid_vnr(task_pgrp(current));
	p->pr_sid = pid_vnr(task_session(current));
	read_unlock_irqrestore(&tasklist_lock, f);
	p->pr_state = 0;		/* running */
	p->pr_sname = 'R';
	p->pr_nice = task_nice(current);
	p->pr_flag = current->flags;
	p->pr_uid = from_kuid_munged(cred->user_ns, cred->uid);
	p->pr_gid = from_kgid_munged(cred->user_ns, cred->gid);
	memcpy(p->pr_fname, current->comm, sizeof(p->pr_fname));
}

/* The words of the saved auxv, its AT_NULL pair included. */
static size_t auxv_words(const unsigned long *auxv)
{
	size_t i = 0;

	while (i + 2 <= AT_VECTOR_WORDS && auxv[i] != AT_NULL)
		i += 2;
	return MIN(i + 2, (size_t)AT_VECTOR_WORDS);
}

/*
 * NT_FILE: count, page size, {start, end, file page} per file mapping,
 * then their paths, NUL-terminated (at most 4 MiB, as Linux). Built in
 * a buffer of its own (kfree it); *len its size, 0 if there is none.
 */
static char *build_file_note(struct core_vma *v, int nv, size_t *len)
{
	size_t cap = 0, names = 0;
	unsigned long count = 0, *w;
	char *namebuf, *page = kmalloc(PATH_MAX, 0), *note = NULL;

	for (int i = 0; i < nv; i++)
		cap += v[i].file ? PATH_MAX : 0;
	cap = MIN(cap, MAX_FILE_NOTE_SIZE);
	namebuf = cap ? kmalloc(cap, 0) : NULL;
	w = kmalloc(nv * 3 * sizeof(long) + 1, 0);
	*len = 0;
	if (!page || !namebuf || !w)
		goto out;
	for (int i = 0; i < nv; i++) {
		char *path = v[i].file ? d_path(&v[i].file->f_path, page,
						PATH_MAX) : NULL;
		size_t n = IS_ERR_OR_NULL(path) ? 0 : strlen(path) + 1;

		if (!n || names + n + (count + 1) * 24 + 16 > cap)
			continue;
		memcpy(namebuf + names, path, n);
		names += n;
		w[count * 3] = v[i].start;
		w[count * 3 + 1] = v[i].end;
		w[count * 3 + 2] = v[i].pgoff;
		count++;
	}
	note = count ? kmalloc(16 + count * 24 + names, 0) : NULL;
	if (note) {
		((unsigned long *)note)[0] = count;
		((unsigned long *)note)[1] = PAGE_SIZE;
		memcpy(note + 16, w, count * 24);
		memcpy(note + 16 + count * 24, namebuf, names);
		*len = 16 + count * 24 + names;
	}
out:
	kfree(w);
	kfree(namebuf);
	kfree(page);
	return note;
}

/* The threads of the dump, the dumper first. */
#define for_each_core_thread(cs, ct) \
	for (ct = &(cs)->dumper; ct; ct = ct->next)

static size_t notes_size(struct core_state *cs, size_t auxv, size_t files)
{
	struct core_thread *ct;
	size_t sz = note_size("CORE", sizeof(struct elf_prpsinfo)) +
		    note_size("CORE", sizeof(siginfo_t)) +
		    note_size("CORE", auxv) +
		    (files ? note_size("CORE", files) : 0);

	for_each_core_thread(cs, ct)
		sz += note_size("CORE", sizeof(struct elf_prstatus)) +
		      note_size("CORE", ELF_FPREGS_SIZE);
	return sz;
}

/* All the notes, in Linux's order (see the top of the file). */
static void fill_notes(struct notes *n, struct coredump_params *cprm,
		       const char *files, size_t files_len)
{
	int signr = cprm->siginfo->si_signo;
	unsigned long *auxv = current->mm->saved_auxv;
	struct elf_prstatus *st = kmalloc(sizeof(*st), 0);
	struct elf_prpsinfo ps;
	u8 fx[ELF_FPREGS_SIZE];
	struct core_thread *ct;
	bool first = true;

	for_each_core_thread(cprm->core_state, ct) {
		if (st)
			fill_prstatus(st, ct->task, signr);
		put_note(n, "CORE", NT_PRSTATUS, st, sizeof(*st));
		if (first) {
			fill_psinfo(&ps);
			put_note(n, "CORE", NT_PRPSINFO, &ps, sizeof(ps));
			put_note(n, "CORE", NT_SIGINFO, cprm->siginfo,
				 sizeof(siginfo_t));
			put_note(n, "CORE", NT_AUXV, auxv,
				 auxv_words(auxv) * sizeof(long));
			if (files)
				put_note(n, "CORE", NT_FILE, files, files_len);
			first = false;
		}
		elf_core_copy_task_fpregs(ct->task, fx);
		put_note(n, "CORE", NT_PRFPREG, fx, sizeof(fx));
	}
	kfree(st);
}

static void fill_ehdr(struct elf64_hdr *h, int phnum)
{
	static const u8 ident[16] = { 0x7f, 'E', 'L', 'F', 2 /* 64-bit */,
				      1 /* LSB */, 1 /* EV_CURRENT */ };

	memset(h, 0, sizeof(*h));
	memcpy(h->e_ident, ident, sizeof(ident));
	h->e_type = ET_CORE;
	h->e_machine = EM_X86_64;
	h->e_version = 1;
	h->e_phoff = sizeof(*h);
	h->e_ehsize = sizeof(*h);
	h->e_phentsize = sizeof(struct elf64_phdr);
	h->e_phnum = phnum;
}

/* The headers: ELF header, PT_NOTE, a PT_LOAD per mapping. */
static bool write_headers(struct coredump_params *cprm, struct core_vma *v,
			  int nv, size_t notes, off_t dataoff)
{
	struct elf64_hdr h;
	struct elf64_phdr ph = { .p_type = PT_NOTE, .p_align = 4 };

	fill_ehdr(&h, nv + 1);
	ph.p_offset = sizeof(h) + (nv + 1) * sizeof(ph);
	ph.p_filesz = notes;
	if (!dump_emit(cprm, &h, sizeof(h)) || !dump_emit(cprm, &ph, sizeof(ph)))
		return false;
	for (int i = 0; i < nv; i++) {
		ph = (struct elf64_phdr){
			.p_type = PT_LOAD,
			.p_offset = dataoff,
			.p_vaddr = v[i].start,
			.p_filesz = v[i].dump_size,
			.p_memsz = v[i].end - v[i].start,
			.p_align = PAGE_SIZE,
		};
		ph.p_flags = (v[i].flags & VM_READ ? PF_R : 0) |
			     (v[i].flags & VM_WRITE ? PF_W : 0) |
			     (v[i].flags & VM_EXEC ? PF_X : 0);
		dataoff += v[i].dump_size;
		if (!dump_emit(cprm, &ph, sizeof(ph)))
			return false;
	}
	return true;
}

/* The contents of the mappings, page by page; holes are skipped. */
static bool write_memory(struct coredump_params *cprm, struct core_vma *v,
			 int nv)
{
	for (int i = 0; i < nv; i++) {
		unsigned long end = v[i].start + v[i].dump_size;

		for (unsigned long a = v[i].start; a < end; a += PAGE_SIZE) {
			struct page *page = get_dump_page(a);
			bool ok = true;

			if (page) {
				ok = dump_emit(cprm, page_address(page),
					       PAGE_SIZE);
				put_page(page);
			} else {
				ok = dump_skip_to(cprm, cprm->pos + PAGE_SIZE);
			}
			if (!ok)
				return false;
		}
	}
	return true;
}

/* elf_core_dump - see tine/coredump.h. */
bool elf_core_dump(struct coredump_params *cprm)
{
	struct core_vma *v;
	struct notes n = { 0 };
	char *files;
	size_t files_len, auxv;
	off_t dataoff;
	bool dumped = false;
	int nv = dump_vma_snapshot(cprm->filter, &v);

	if (nv < 0)
		return false;
	if (nv + 1 >= PN_XNUM)	/* FIXME: extended numbering */
		goto out_vmas;
	files = build_file_note(v, nv, &files_len);
	auxv = auxv_words(current->mm->saved_auxv) * sizeof(long);
	n.size = notes_size(cprm->core_state, auxv, files ? files_len : 0);
	n.buf = kmalloc(n.size, 0);
	if (!n.buf)
		goto out_files;
	fill_notes(&n, cprm, files, files_len);
	/* As Linux, the dump counts (WCOREDUMP) from here on, even if
	 * RLIMIT_CORE cuts the file short. */
	dumped = true;
	dataoff = ALIGN_UP(sizeof(struct elf64_hdr) +
			   (nv + 1) * sizeof(struct elf64_phdr) + n.used,
			   PAGE_SIZE);
	if (write_headers(cprm, v, nv, n.used, dataoff) &&
	    dump_emit(cprm, n.buf, n.used) && dump_skip_to(cprm, dataoff))
		write_memory(cprm, v, nv);
	kfree(n.buf);
out_files:
	kfree(files);
out_vmas:
	dump_vma_release(v, nv);
	return dumped;
}
