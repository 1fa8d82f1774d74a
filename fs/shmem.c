/*
 * tmpfs limits and options: the size= and nr_inodes= a tmpfs mount is
 * given (default half of RAM each, 0: no limit), the pages and inodes
 * charged against them, statfs reporting them, the mode=, uid= and
 * gid= of the root, and remount changing the limits, as Linux 6.1's
 * shmem does. The data pages themselves are fs/ramfs.c's.
 *
 * Only tmpfs superblocks mounted by someone carry a shmem_sb_info
 * (sb->s_fs_info); ramfs and the kernel's internal tmpfs (memfd, SysV
 * shm) have none and no limits.
 *
 * Locking: shmem_sb_info.stat_lock (a spinlock, inside an inode's
 * i_lock) guards the limits and the count of free inodes, and makes
 * "is there room? then charge" one step; the count of used pages is
 * sb->s_nr_pages, an atomic released without the lock.
 */
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/mm.h>
#include <tine/fs_context.h>
#include <tine/printk.h>
#include <tine/seq_buf.h>
#include <tine/string.h>
#include <tine/user_namespace.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include "internal.h"
#include "mount.h"

/* shmem_options.seen */
#define SHMEM_SEEN_BLOCKS 1
#define SHMEM_SEEN_INODES 2
#define SHMEM_SEEN_INUMS 4

/* What one mount's or remount's option string asks for. */
struct shmem_options {
	unsigned long blocks;		/* size= / nr_blocks=, in pages */
	unsigned long inodes;		/* nr_inodes= */
	mode_t mode;			/* mode= of the root */
	kuid_t uid;			/* uid= of the root */
	kgid_t gid;			/* gid= of the root */
	bool full_inums;		/* inode64 */
	int seen;			/* SHMEM_SEEN_* */
	bool tmpfs;			/* else ramfs: only mode= counts */
};

static unsigned long shmem_default_max_blocks(void)
{
	return totalram_pages() / 2;
}

static unsigned long shmem_default_max_inodes(void)
{
	return totalram_pages() / 2;
}

/*
 * A number with an optional binary suffix (k, m, g, t, p, e), base 0
 * as Linux's memparse(); *end is left after it.
 */
static unsigned long memparse(const char *s, const char **end)
{
	unsigned long v = simple_strtoul(s, end, 0);
	int shift = 0;

	switch (**end) {
	case 'E': case 'e': shift += 10; /* fall through */
	case 'P': case 'p': shift += 10; /* fall through */
	case 'T': case 't': shift += 10; /* fall through */
	case 'G': case 'g': shift += 10; /* fall through */
	case 'M': case 'm': shift += 10; /* fall through */
	case 'K': case 'k': shift += 10;
		(*end)++;
	}
	return v << shift;
}

/* A whole string as an unsigned 32-bit number in base: 0 or -EINVAL. */
static int parse_u32(const char *s, unsigned int base, unsigned int *res)
{
	long v;

	if (!s || *s == '-' || *s == '+' || kstrtol(s, base, &v) ||
	    v > 0xffffffffL)
		return -EINVAL;
	*res = v;
	return 0;
}

/* size=: bytes with a suffix, or a percentage of RAM, in pages. */
static int parse_size(const char *v, unsigned long *pages)
{
	const char *rest;
	unsigned long size;

	if (!v || !*v)
		return -EINVAL;
	size = memparse(v, &rest);
	if (*rest == '%') {
		size = (size << PAGE_SHIFT) * totalram_pages() / 100;
		rest++;
	}
	if (*rest)
		return -EINVAL;
	*pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
	return 0;
}

/* nr_blocks=, nr_inodes=: a count with an optional suffix. */
static int parse_count(const char *v, unsigned long *n)
{
	const char *rest;

	if (!v || !*v)
		return -EINVAL;
	*n = memparse(v, &rest);
	return *rest ? -EINVAL : 0;
}

/* Flags the VFS takes from a legacy option string itself. */
static bool is_sb_flag_option(const char *key)
{
	static const char *const names[] = {
		"ro", "rw", "sync", "async", "dirsync", "lazytime",
		"nolazytime", "mand", "nomand",
	};
	size_t n;

	for (n = 0; n < ARRAY_SIZE(names); n++)
		if (!strcmp(key, names[n]))
			return true;
	return false;
}

/* One key[=value] of a tmpfs option string: 0, -EINVAL (a bad value)
 * or -ENOPARAM (no such option). ramfs has always ignored every option
 * but mode=. */
static int shmem_parse_one(void *priv, const char *key, const char *v)
{
	struct shmem_options *o = priv;
	unsigned int n;

	if (!o->tmpfs && strcmp(key, "mode"))
		return 0;
	if (!strcmp(key, "size")) {
		o->seen |= SHMEM_SEEN_BLOCKS;
		return parse_size(v, &o->blocks);
	}
	if (!strcmp(key, "nr_blocks")) {
		o->seen |= SHMEM_SEEN_BLOCKS;
		return parse_count(v, &o->blocks);
	}
	if (!strcmp(key, "nr_inodes")) {
		o->seen |= SHMEM_SEEN_INODES;
		return parse_count(v, &o->inodes);
	}
	if (!strcmp(key, "mode")) {
		if (parse_u32(v, 8, &n))
			return -EINVAL;
		o->mode = n & 07777;
		return 0;
	}
	if (!strcmp(key, "uid") || !strcmp(key, "gid")) {
		if (parse_u32(v, 10, &n))
			return -EINVAL;
		if (key[0] == 'u')
			o->uid = make_kuid(current_user_ns(), n);
		else
			o->gid = make_kgid(current_user_ns(), n);
		return key[0] == 'u' ? (uid_valid(o->uid) ? 0 : -EINVAL)
				     : (gid_valid(o->gid) ? 0 : -EINVAL);
	}
	/* Without transparent huge pages only "never" is accepted, as on
	 * a Linux without them; without NUMA any mpol= is ignored. */
	if (!strcmp(key, "huge"))
		return v && !strcmp(v, "never") ? 0 : -EINVAL;
	if (!strcmp(key, "mpol") || !strcmp(key, "source"))
		return v ? 0 : -EINVAL;
	if (!strcmp(key, "inode64") || !strcmp(key, "inode32")) {
		o->full_inums = key[5] == '6';
		o->seen |= SHMEM_SEEN_INUMS;
		return v ? -EINVAL : 0;
	}
	if (!v && is_sb_flag_option(key))
		return 0;
	return -ENOPARAM;	/* "tmpfs: Unknown parameter" */
}

/* shmem_check_param - is key[=value] a tmpfs option (fsconfig)? 0,
 * -EINVAL (a bad value) or -ENOPARAM (no such option). */
int shmem_check_param(const char *key, const char *value)
{
	struct shmem_options o = { .tmpfs = true };

	return shmem_parse_one(&o, key, value);
}

/* ramfs_check_param - ramfs takes any option, but a bad mode=. */
int ramfs_check_param(const char *key, const char *value)
{
	struct shmem_options o = { .tmpfs = false };

	return shmem_parse_one(&o, key, value);
}

/*
 * Parse a tmpfs option string "size=1m,nr_inodes=10,mode=700,..." (or
 * for ramfs, which has always ignored all but mode=, only that) into o.
 * 0, -EINVAL for an unknown option or a bad value, -ENOMEM.
 */
static int shmem_parse_options(const char *data, struct shmem_options *o,
			       bool tmpfs)
{
	int err;

	o->tmpfs = tmpfs;
	err = fs_parse_monolithic(data, shmem_parse_one, o);
	o->mode &= 07777;
	return err;
}

/*
 * shmem_fill_super - parse data for a new superblock of a tmpfs (tmpfs
 * true) or ramfs and give sb its limits: a tmpfs mounted by someone
 * (not kernmount) gets size= and nr_inodes=, half of RAM each unless
 * said, 0 meaning none. The root's mode, uid and gid go to *mode,
 * *uid, *gid (defaults on entry). 0, -EINVAL (bad options), -ENOMEM.
 * May sleep.
 */
int shmem_fill_super(struct super_block *sb, const char *data, bool tmpfs,
		     bool kernmount, mode_t *mode, kuid_t *uid, kgid_t *gid)
{
	struct shmem_options o = { .mode = *mode, .uid = *uid, .gid = *gid,
				   .full_inums = true };
	struct shmem_sb_info *sbi;
	int err = shmem_parse_options(data, &o, tmpfs);

	if (err)
		return err;
	*mode = o.mode;
	if (!tmpfs)
		return 0;
	*uid = o.uid;
	*gid = o.gid;
	if (kernmount)
		return 0;
	sbi = kzalloc(sizeof(*sbi));
	if (!sbi)
		return -ENOMEM;
	spin_lock_init(&sbi->stat_lock);
	sbi->max_blocks = o.seen & SHMEM_SEEN_BLOCKS ? o.blocks
				: shmem_default_max_blocks();
	sbi->max_inodes = o.seen & SHMEM_SEEN_INODES ? o.inodes
				: shmem_default_max_inodes();
	sbi->free_inodes = sbi->max_inodes;
	sbi->mode = o.mode;
	sbi->uid = o.uid;
	sbi->gid = o.gid;
	sbi->full_inums = o.full_inums;
	sb->s_fs_info = sbi;
	return 0;
}

/*
 * shmem_reserve_inode - charge a new inode (or a new hard link, which
 * costs as much on Linux) to sb: 0, or -ENOSPC at nr_inodes. Takes
 * stat_lock; does not sleep.
 */
int shmem_reserve_inode(struct super_block *sb)
{
	struct shmem_sb_info *sbi = SHMEM_SB(sb);
	int err = 0;

	if (!sbi)
		return 0;
	spin_lock(&sbi->stat_lock);
	if (sbi->max_inodes) {
		if (!sbi->free_inodes)
			err = -ENOSPC;
		else
			sbi->free_inodes--;
	}
	spin_unlock(&sbi->stat_lock);
	return err;
}

/* shmem_free_inode - give back what shmem_reserve_inode() charged. */
void shmem_free_inode(struct super_block *sb)
{
	struct shmem_sb_info *sbi = SHMEM_SB(sb);

	if (!sbi)
		return;
	spin_lock(&sbi->stat_lock);
	if (sbi->max_inodes)
		sbi->free_inodes++;
	spin_unlock(&sbi->stat_lock);
}

/*
 * shmem_charge_pages - count n more data pages of sb: 0, or -ENOSPC if
 * they would pass size=. Takes stat_lock; does not sleep. Pages are
 * given back by subtracting from sb->s_nr_pages.
 */
int shmem_charge_pages(struct super_block *sb, unsigned long n)
{
	struct shmem_sb_info *sbi = SHMEM_SB(sb);
	int err = 0;

	if (!sbi) {
		atomic_long_add(&sb->s_nr_pages, n);
		return 0;
	}
	spin_lock(&sbi->stat_lock);
	if (sbi->max_blocks &&
	    atomic_long_read(&sb->s_nr_pages) + n > sbi->max_blocks)
		err = -ENOSPC;
	else
		atomic_long_add(&sb->s_nr_pages, n);
	spin_unlock(&sbi->stat_lock);
	return err;
}

/* shmem_free_pages - how many pages sb may still take (-1: no limit). */
long shmem_free_pages(struct super_block *sb)
{
	struct shmem_sb_info *sbi = SHMEM_SB(sb);
	long used = atomic_long_read(&sb->s_nr_pages);
	long max;

	if (!sbi || !READ_ONCE(sbi->max_blocks))
		return -1;
	max = READ_ONCE(sbi->max_blocks);
	return used < max ? max - used : 0;
}

/*
 * shmem_statfs - statfs of a tmpfs or ramfs: block and inode counts
 * only where there is a limit (Linux's shmem_statfs), else 0.
 */
int shmem_statfs(struct super_block *sb, struct kstatfs *st)
{
	struct shmem_sb_info *sbi = SHMEM_SB(sb);
	long used = atomic_long_read(&sb->s_nr_pages);

	simple_statfs(sb, st);
	if (!sbi)
		return 0;
	spin_lock(&sbi->stat_lock);
	if (sbi->max_blocks) {
		st->f_blocks = sbi->max_blocks;
		st->f_bfree = st->f_bavail = (unsigned long)used <
			sbi->max_blocks ? sbi->max_blocks - used : 0;
	}
	if (sbi->max_inodes) {
		st->f_files = sbi->max_inodes;
		st->f_ffree = sbi->free_inodes;
	}
	spin_unlock(&sbi->stat_lock);
	return 0;
}

/* Can sbi take the new limits of o? The reason it cannot, or NULL. */
static const char *shmem_limits_refused(struct shmem_sb_info *sbi,
					struct super_block *sb,
					struct shmem_options *o,
					unsigned long inodes)
{
	if ((o->seen & SHMEM_SEEN_BLOCKS) && o->blocks) {
		if (!sbi->max_blocks)
			return "Cannot retroactively limit size";
		if ((unsigned long)atomic_long_read(&sb->s_nr_pages) >
		    o->blocks)
			return "Too small a size for current use";
	}
	if ((o->seen & SHMEM_SEEN_INODES) && o->inodes) {
		if (!sbi->max_inodes)
			return "Cannot retroactively limit inodes";
		if (o->inodes < inodes)
			return "Too few inodes for current use";
	}
	return NULL;
}

/*
 * shmem_remount - MS_REMOUNT of a tmpfs: size= and nr_inodes= change
 * (-EINVAL, nothing changed, below what is in use or from no limit to
 * one); mode=, uid=, gid= are accepted and, as on Linux 6.1, ignored.
 * namespace_sem held; may sleep.
 */
int shmem_remount(struct super_block *sb, const char *data)
{
	struct shmem_sb_info *sbi = SHMEM_SB(sb);
	struct shmem_options o = { .uid = GLOBAL_ROOT_UID,
				   .gid = GLOBAL_ROOT_GID, .full_inums = true };
	unsigned long inodes;
	const char *why;
	int err = shmem_parse_options(data, &o, true);

	mutex_assert_held(&namespace_sem);
	if (err || !sbi)
		return err;
	spin_lock(&sbi->stat_lock);
	inodes = sbi->max_inodes - sbi->free_inodes;
	why = shmem_limits_refused(sbi, sb, &o, inodes);
	if (!why) {
		if (o.seen & SHMEM_SEEN_BLOCKS)
			sbi->max_blocks = o.blocks;
		if (o.seen & SHMEM_SEEN_INODES) {
			sbi->max_inodes = o.inodes;
			sbi->free_inodes = o.inodes - inodes;
		}
		if (o.seen & SHMEM_SEEN_INUMS)
			sbi->full_inums = o.full_inums;
	}
	spin_unlock(&sbi->stat_lock);
	if (why)
		pr_err("tmpfs: %s\n", why);
	return why ? -EINVAL : 0;
}

/*
 * shmem_show_options - tmpfs's part of /proc/<pid>/mounts: the options
 * that differ from the defaults, in Linux's order and format.
 */
void shmem_show_options(struct seq_buf *s, struct super_block *sb)
{
	struct shmem_sb_info *sbi = SHMEM_SB(sb);
	unsigned long blocks, inodes;

	if (!sbi)
		return;
	spin_lock(&sbi->stat_lock);
	blocks = sbi->max_blocks;
	inodes = sbi->max_inodes;
	spin_unlock(&sbi->stat_lock);
	if (blocks != shmem_default_max_blocks())
		seq_printf(s, ",size=%luk", blocks << (PAGE_SHIFT - 10));
	if (inodes != shmem_default_max_inodes())
		seq_printf(s, ",nr_inodes=%lu", inodes);
	if (sbi->mode != 01777)
		seq_printf(s, ",mode=%03o", sbi->mode);
	if (!uid_eq(sbi->uid, GLOBAL_ROOT_UID))
		seq_printf(s, ",uid=%u", from_kuid_munged(&init_user_ns,
							  sbi->uid));
	if (!gid_eq(sbi->gid, GLOBAL_ROOT_GID))
		seq_printf(s, ",gid=%u", from_kgid_munged(&init_user_ns,
							  sbi->gid));
	seq_puts(s, sbi->full_inums ? ",inode64" : ",inode32");
}

/* shmem_kill_sb - free a tmpfs or ramfs superblock and its limits. */
void shmem_kill_sb(struct super_block *sb)
{
	struct shmem_sb_info *sbi = SHMEM_SB(sb);

	kill_litter_super(sb);	/* evicts the inodes, which uncharge */
	kfree(sbi);
}
