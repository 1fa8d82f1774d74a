/*
 * mm_struct lifetime: creation, the two reference counts, fork's
 * copy-on-write duplicate, and the final teardown.
 *
 * mm_users counts tasks (and get_task_mm() borrowers) using the address
 * space; when it reaches zero the mappings and page tables go. mm_count
 * counts references to the struct itself; all users together hold one,
 * so the struct outlives its last mmput() while mmgrab() holders remain.
 */
#include <asm/arch.h>
#include <asm/processor.h>
#include <tine/coredump.h>
#include <tine/cred.h>
#include <tine/fs.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/user_namespace.h>
#include "internal.h"

/**
 * mm_alloc - a new, empty address space
 *
 * Only the kernel half is mapped. mm_users = mm_count = 1. Returns NULL
 * when out of memory. May sleep.
 */
struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm));

	if (!mm)
		return NULL;
	mm->pgd = pgd_alloc();
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	INIT_LIST_HEAD(&mm->mmap);
	mutex_init_ranked(&mm->mmap_lock, "mmap_lock", LR_MMAP);
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	/* The layout (mmap_base) is exec's or fork's to choose. */
	mm->coredump_filter = current->mm ?
		READ_ONCE(current->mm->coredump_filter) :
		MMF_DUMP_FILTER_DEFAULT;
	mm->dumpable = SUID_DUMP_USER;
	mm->user_ns = get_user_ns(current_user_ns());
	return mm;
}

void mmget(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_users);
}

/* mmget_not_zero - see <tine/mman.h>. */
bool mmget_not_zero(struct mm_struct *mm)
{
	int old = atomic_read(&mm->mm_users);

	while (old) {
		if (__atomic_compare_exchange_n(&mm->mm_users.counter, &old,
						old + 1, false,
						__ATOMIC_ACQ_REL,
						__ATOMIC_RELAXED))
			return true;
	}
	return false;
}

void mmgrab(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_count);
}

/* Drop a struct reference; the last one frees it (tables already gone). */
void mmdrop(struct mm_struct *mm)
{
	if (atomic_dec_and_test(&mm->mm_count)) {
		put_user_ns(mm->user_ns);
		kfree(mm);
	}
}

/**
 * mmput - drop a user reference to mm
 *
 * The last one switches this CPU off mm's page tables if it was on them,
 * releases every mapping (pages, files, shmem objects), exe_file and the
 * page tables, then drops the users' mm_count reference. Sleeps.
 */
void mmput(struct mm_struct *mm)
{
	if (!atomic_dec_and_test(&mm->mm_users))
		return;
	/* No CPU may go on walking the tables we are about to free. */
	leave_mm_everywhere(mm);
	exit_mmap(mm);
	set_mm_exe_file(mm, NULL);
	pgd_free(mm->pgd);
	mm->pgd = 0;
	mmdrop(mm);
}

/**
 * get_task_mm - t's address space with a user reference, or NULL
 *
 * NULL for kernel threads and tasks past exit_mm(). Takes t's
 * task_lock, under which exit_mm() and exec clear or swap t->mm: the
 * mm cannot lose its last user while we look. Does not sleep.
 */
struct mm_struct *get_task_mm(struct task_struct *t)
{
	struct mm_struct *mm;

	task_lock(t);
	mm = t->mm;
	if (mm && ((t->flags & PF_KTHREAD) || !mmget_not_zero(mm)))
		mm = NULL;
	task_unlock(t);
	return mm;
}

/* set_mm_exe_file - see <tine/mman.h>. */
void set_mm_exe_file(struct mm_struct *mm, struct file *file)
{
	struct file *old = mm->exe_file;

	/* An mm running a program keeps its writes denied. The execve
	 * that opened it (or the mm we copy) denies them already, so
	 * this never fails. */
	if (file) {
		WARN_ON(deny_write_access(file));
		get_file(file);
	}
	mm->exe_file = file;
	if (old) {
		allow_write_access(old);
		fput(old);
	}
}

/* The non-VMA state a fork child inherits. */
static void dup_mm_fields(struct mm_struct *mm, struct mm_struct *oldmm)
{
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	mm->mmap_base = oldmm->mmap_base;
	mm->mmap_legacy = oldmm->mmap_legacy;
	mm->coredump_filter = READ_ONCE(oldmm->coredump_filter);
	mm->vdso = oldmm->vdso;
	/* mlockall(MCL_FUTURE) is not inherited. */
	mm->def_flags = oldmm->def_flags & ~(VM_LOCKED | VM_LOCKONFAULT);
	memcpy(mm->saved_auxv, oldmm->saved_auxv, sizeof(mm->saved_auxv));
	set_mm_exe_file(mm, oldmm->exe_file);
	mm->dumpable = get_dumpable(oldmm);
	put_user_ns(mm->user_ns);
	mm->user_ns = get_user_ns(oldmm->user_ns);
}

/**
 * dup_mmap - fork: make the fresh mm a copy-on-write copy of oldmm
 * @mm: from mm_alloc(), not yet visible to anyone
 * @oldmm: the parent's, with its mmap_lock held by the caller
 *
 * VM_DONTCOPY VMAs are skipped, VM_WIPEONFORK ones copied empty, locks
 * (VM_LOCKED) are not inherited. Private pages end up read-only in both
 * with a reference each; the parent's TLB is flushed. Returns 0 or
 * -ENOMEM, leaving a consistent partial copy for the caller's mmput().
 */
int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *vma, *new;
	bool flush = false;
	int err = 0;

	mmap_assert_locked(oldmm);
	dup_mm_fields(mm, oldmm);
	mutex_lock(&mm->mmap_lock);
	list_for_each_entry(vma, &oldmm->mmap, vm_list) {
		if (vma->vm_flags & VM_DONTCOPY)
			continue;
		new = vm_area_dup(vma);
		if (!new) {
			err = -ENOMEM;
			break;
		}
		new->vm_flags &= ~(VM_LOCKED | VM_LOCKONFAULT);
		new->vm_mm = mm;
		list_add_tail(&new->vm_list, &mm->mmap);
		mm->map_count++;
		mm->total_vm += vma_pages(new);
		if (vma->vm_flags & VM_WIPEONFORK)
			continue;
		err = copy_page_range(new, vma, &flush);
		if (err)
			break;
	}
	mutex_unlock(&mm->mmap_lock);
	/* Write-protected parent PTEs must not stay writable in any TLB
	 * (the parent's other threads run on), failure or not. */
	if (flush)
		flush_tlb_mm(oldmm);
	return err;
}
