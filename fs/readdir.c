/*
 * getdents64: the filesystem's ->iterate() calls dir_emit() for each
 * entry from ctx->pos on, and advances ctx->pos past what it emitted.
 * A record's d_off is the position after it, which is only known when
 * the next one is emitted (or iteration stops), so it is filled late.
 */
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/fsnotify.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"

struct getdents_state {
	struct dir_context ctx;
	struct linux_dirent64 __user *prev;	/* d_off still to fill */
};

static void fill_prev_off(struct dir_context *ctx)
{
	struct getdents_state *st = (struct getdents_state *)ctx;

	if (st->prev && put_user(ctx->pos, &st->prev->d_off))
		ctx->error = -EFAULT;
	st->prev = NULL;
}

/* dir_emit - see fs.h. */
bool dir_emit(struct dir_context *ctx, const char *name, int len, u64 ino,
	      unsigned int type)
{
	struct getdents_state *st = (struct getdents_state *)ctx;
	size_t reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) +
				 len + 1, 8);
	char rec[sizeof(struct linux_dirent64) + NAME_MAX + 8];
	struct linux_dirent64 *d = (struct linux_dirent64 *)rec;

	if (ctx->error)
		return false;
	if (reclen > ctx->count) {
		if (!ctx->written)
			ctx->error = -EINVAL;
		return false;
	}
	fill_prev_off(ctx);
	if (ctx->error)
		return false;
	memset(rec, 0, reclen);
	d->d_ino = ino;
	d->d_off = 0;
	d->d_reclen = reclen;
	d->d_type = type;
	memcpy(d->d_name, name, len);
	if (copy_to_user(ctx->dirent, rec, reclen)) {
		ctx->error = -EFAULT;
		return false;
	}
	st->prev = ctx->dirent;
	ctx->dirent = (char __user *)ctx->dirent + reclen;
	ctx->count -= reclen;
	ctx->written += reclen;
	return true;
}

static long sys_getdents64(unsigned int fd, void __user *dirp,
			   unsigned int count)
{
	struct getdents_state st;
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = -ENOTDIR;
	if (!f->f_op->iterate)
		goto out;
	err = -EFAULT;
	if (!access_ok(dirp, count))
		goto out;
	memset(&st, 0, sizeof(st));
	st.ctx.dirent = dirp;
	st.ctx.count = count;
	mutex_lock(&f->f_pos_lock);
	st.ctx.pos = f->f_pos;
	err = -ENOENT;		/* a removed directory, as Linux */
	if (!d_unhashed(f->f_path.dentry))
		err = f->f_op->iterate(f, &st.ctx);
	fill_prev_off(&st.ctx);
	f->f_pos = st.ctx.pos;
	mutex_unlock(&f->f_pos_lock);
	if (!d_unhashed(f->f_path.dentry))
		fsnotify_access(f);	/* as Linux: every getdents */
	if (st.ctx.written)
		err = st.ctx.written;
	else if (st.ctx.error)
		err = st.ctx.error;
	if (err > 0)
		touch_atime(f);
out:
	fput(f);
	return err;
}
SYSCALL_ENTRY(getdents64, sys_getdents64);
