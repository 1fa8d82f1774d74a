/*
 * /proc/<pid>/mounts and /proc/<pid>/mountinfo: the mounts of the
 * task's mount namespace that its root reaches, in mount order, in
 * Linux's formats (mountinfo with the propagation fields shared:N,
 * master:N, propagate_from:N and unbindable).
 *
 * Both are generated under namespace_sem, which keeps the list, the
 * mounts' namespaces and their propagation still; the text of a path
 * is built under mount_lock and dcache_lock by d_absolute_path().
 */
#include <tine/err.h>
#include <tine/mm.h>
#include <tine/seq_buf.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include "internal.h"
#include "mount.h"

/* Print s with space, tab, newline and backslash as \ooo. */
static void show_escaped(struct seq_buf *s, const char *str)
{
	for (; *str; str++) {
		if (*str == ' ' || *str == '\t' || *str == '\n' ||
		    *str == '\\')
			seq_printf(s, "\\%03o", (unsigned char)*str);
		else
			seq_putc(s, *str);
	}
}

/* The per-mount options after "rw"/"ro": Linux's show_mnt_opts. */
static void show_mnt_opts(struct seq_buf *s, int fl)
{
	if (fl & MNT_NOSUID)
		seq_puts(s, ",nosuid");
	if (fl & MNT_NODEV)
		seq_puts(s, ",nodev");
	if (fl & MNT_NOEXEC)
		seq_puts(s, ",noexec");
	if (fl & MNT_NOATIME)
		seq_puts(s, ",noatime");
	if (fl & MNT_NODIRATIME)
		seq_puts(s, ",nodiratime");
	if (fl & MNT_RELATIME)
		seq_puts(s, ",relatime");
	if (fl & MNT_NOSYMFOLLOW)
		seq_puts(s, ",nosymfollow");
}

/* The superblock's options: Linux's show_sb_opts. */
static void show_sb_opts(struct seq_buf *s, struct super_block *sb)
{
	unsigned long fl = READ_ONCE(sb->s_flags);

	if (fl & MS_SYNCHRONOUS)
		seq_puts(s, ",sync");
	if (fl & MS_DIRSYNC)
		seq_puts(s, ",dirsync");
	if (fl & MS_MANDLOCK)
		seq_puts(s, ",mand");
	if (fl & MS_LAZYTIME)
		seq_puts(s, ",lazytime");
}

/* One /proc/<pid>/mounts line: "source target type options 0 0". */
static void show_vfsmnt(struct seq_buf *s, struct vfsmount *m,
			const char *point)
{
	show_escaped(s, m->mnt_devname);
	seq_putc(s, ' ');
	show_escaped(s, point);
	seq_printf(s, " %s %s", m->mnt_sb->s_type->name,
		   is_mnt_rdonly(m) ? "ro" : "rw");
	show_sb_opts(s, m->mnt_sb);
	show_mnt_opts(s, READ_ONCE(m->mnt_flags));
	if (m->mnt_sb->s_op && m->mnt_sb->s_op->show_options)
		m->mnt_sb->s_op->show_options(s, m->mnt_sb);
	seq_puts(s, " 0 0\n");
}

/* The optional fields of a mountinfo line. [N] */
static void show_propagation(struct seq_buf *s, struct vfsmount *m,
			     const struct path *root)
{
	int master = 0, dom;

	if (IS_MNT_SHARED(m))
		seq_printf(s, " shared:%d", m->mnt_group_id);
	if (IS_MNT_SLAVE(m)) {
		master = m->mnt_master->mnt_group_id;
		seq_printf(s, " master:%d", master);
		dom = get_dominating_id(m, root);
		if (dom && dom != master)
			seq_printf(s, " propagate_from:%d", dom);
	}
	if (IS_MNT_UNBINDABLE(m))
		seq_puts(s, " unbindable");
}

/* One mountinfo line (Linux's show_mountinfo). buf: PATH_MAX bytes. */
static void show_mountinfo_one(struct seq_buf *s, struct vfsmount *m,
			       const char *point, const struct path *root,
			       char *buf)
{
	struct super_block *sb = m->mnt_sb;
	char *mroot = dentry_path(m->mnt_root, buf, PATH_MAX);

	seq_printf(s, "%d %d %u:%u ", m->mnt_id, m->mnt_parent->mnt_id,
		   MAJOR(sb->s_dev), MINOR(sb->s_dev));
	show_escaped(s, IS_ERR(mroot) ? "/" : mroot);
	seq_putc(s, ' ');
	show_escaped(s, point);
	seq_puts(s, READ_ONCE(m->mnt_flags) & MNT_READONLY ? " ro" : " rw");
	show_mnt_opts(s, READ_ONCE(m->mnt_flags));
	show_propagation(s, m, root);
	seq_printf(s, " - %s ", sb->s_type->name);
	show_escaped(s, m->mnt_devname);
	seq_puts(s, READ_ONCE(sb->s_flags) & MS_RDONLY ? " ro" : " rw");
	show_sb_opts(s, sb);
	if (sb->s_op && sb->s_op->show_options)
		sb->s_op->show_options(s, sb);
	seq_putc(s, '\n');
}

/*
 * Every mount of root's namespace that root reaches, in mount order,
 * shown by one of the two formats. Takes namespace_sem; may sleep.
 */
static void show_ns_mounts(struct seq_buf *s, const struct path *root,
			   bool info)
{
	char *buf = kmalloc(2 * PATH_MAX, GFP_KERNEL);
	struct mnt_namespace *ns;
	struct vfsmount *m;

	if (!buf) {
		s->overflow = true;
		return;
	}
	namespace_lock();
	ns = root->mnt->mnt_ns;
	if (!ns)
		goto out;
	list_for_each_entry(m, &ns->list, mnt_list) {
		struct path p = { m, m->mnt_root };
		char *point;

		if (!is_path_reachable(m, m->mnt_root, root))
			continue;
		point = d_absolute_path(&p, root, buf, PATH_MAX);
		if (IS_ERR(point))
			continue;
		if (info)
			show_mountinfo_one(s, m, point, root, buf + PATH_MAX);
		else
			show_vfsmnt(s, m, point);
	}
out:
	namespace_unlock();
	kfree(buf);
}

/* show_mounts - see tine/fs.h. */
void show_mounts(struct seq_buf *s, const struct path *root)
{
	show_ns_mounts(s, root, false);
}

/* show_mountinfo - see tine/fs.h. */
void show_mountinfo(struct seq_buf *s, const struct path *root)
{
	show_ns_mounts(s, root, true);
}
