/*
 * fs_struct: a task's root, working directory and umask, shared by
 * CLONE_FS. fs->lock guards the three; the paths hold references.
 */
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/sched.h>
#include <tine/syscall.h>
#include "internal.h"

/* get_fs_root / get_fs_pwd - a referenced copy of fs's root / cwd. */
void get_fs_root(struct fs_struct *fs, struct path *root)
{
	unsigned long f = spin_lock_irqsave(&fs->lock);

	*root = fs->root;
	path_get(root);
	spin_unlock_irqrestore(&fs->lock, f);
}

void get_fs_pwd(struct fs_struct *fs, struct path *pwd)
{
	unsigned long f = spin_lock_irqsave(&fs->lock);

	*pwd = fs->pwd;
	path_get(pwd);
	spin_unlock_irqrestore(&fs->lock, f);
}

/* set_fs_root / set_fs_pwd - replace root / cwd with p (new refs). */
void set_fs_root(struct fs_struct *fs, const struct path *p)
{
	struct path old;
	unsigned long f;

	path_get(p);
	f = spin_lock_irqsave(&fs->lock);
	old = fs->root;
	fs->root = *p;
	spin_unlock_irqrestore(&fs->lock, f);
	path_put(&old);
}

void set_fs_pwd(struct fs_struct *fs, const struct path *p)
{
	struct path old;
	unsigned long f;

	path_get(p);
	f = spin_lock_irqsave(&fs->lock);
	old = fs->pwd;
	fs->pwd = *p;
	spin_unlock_irqrestore(&fs->lock, f);
	path_put(&old);
}

/* current_umask - the caller's umask (022 for kernel threads). */
int current_umask(void)
{
	return current->fs ? current->fs->umask : 022;
}

/* copy_fs_struct - a private copy of old (one user). NULL: no memory. */
struct fs_struct *copy_fs_struct(struct fs_struct *old)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs));
	unsigned long f;

	if (!fs)
		return NULL;
	atomic_set(&fs->users, 1);
	spin_lock_init_ranked(&fs->lock, "fs->lock", LR_FILES);
	f = spin_lock_irqsave(&old->lock);
	fs->umask = old->umask;
	fs->root = old->root;
	fs->pwd = old->pwd;
	path_get(&fs->root);
	path_get(&fs->pwd);
	spin_unlock_irqrestore(&old->lock, f);
	return fs;
}

/*
 * init_fs_struct - a new fs_struct with root and cwd at the namespace
 * root and umask 022 (for the first task). Needs vfs_init(). NULL
 * without memory.
 */
struct fs_struct *init_fs_struct(void)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	atomic_set(&fs->users, 1);
	spin_lock_init_ranked(&fs->lock, "fs->lock", LR_FILES);
	fs->umask = 022;
	fs->root = (struct path){ root_mnt, root_mnt->mnt_root };
	path_get(&fs->root);
	fs->pwd = fs->root;
	path_get(&fs->pwd);
	return fs;
}

static void free_fs_struct(struct fs_struct *fs)
{
	path_put(&fs->root);
	path_put(&fs->pwd);
	kfree(fs);
}

/* put_fs_struct - a user of fs is gone; the last frees it. May sleep. */
void put_fs_struct(struct fs_struct *fs)
{
	if (atomic_dec_and_test(&fs->users))
		free_fs_struct(fs);
}

/*
 * switch_fs_struct - current's fs_struct becomes new (its user count
 * passes to current); current stops using the old one. Readers of
 * another task's fs hold tasklist_lock. May sleep.
 */
void switch_fs_struct(struct fs_struct *new)
{
	struct fs_struct *old;
	unsigned long f = write_lock_irqsave(&tasklist_lock);

	old = current->fs;
	current->fs = new;
	write_unlock_irqrestore(&tasklist_lock, f);
	if (old)
		put_fs_struct(old);
}

/*
 * copy_fs - give p the caller's fs_struct: shared with CLONE_FS, else
 * a copy. 0 or -ENOMEM. Called from copy_process().
 */
int copy_fs(unsigned long clone_flags, struct task_struct *p)
{
	struct fs_struct *fs = current->fs;

	if (!fs) {
		p->fs = NULL;
		return 0;
	}
	if (clone_flags & 0x200 /* CLONE_FS */) {
		atomic_inc(&fs->users);
		p->fs = fs;
		return 0;
	}
	p->fs = copy_fs_struct(fs);
	return p->fs ? 0 : -ENOMEM;
}

/* exit_fs - p lets go of its fs_struct (exit). */
void exit_fs(struct task_struct *p)
{
	struct fs_struct *fs = p->fs;

	unsigned long f;

	if (!fs)
		return;
	f = write_lock_irqsave(&tasklist_lock);	/* see get_task_files() */
	p->fs = NULL;
	write_unlock_irqrestore(&tasklist_lock, f);
	if (atomic_dec_and_test(&fs->users))
		free_fs_struct(fs);
}

static long sys_umask(int mask)
{
	struct fs_struct *fs = current->fs;
	unsigned long f = spin_lock_irqsave(&fs->lock);
	int old = fs->umask;

	fs->umask = mask & 0777;
	spin_unlock_irqrestore(&fs->lock, f);
	return old;
}
SYSCALL_ENTRY(umask, sys_umask);
