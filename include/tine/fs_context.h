/*
 * A filesystem being set up: the parameters of a new mount or of a
 * reconfiguration, gathered before anything is made. mount(2) builds
 * one from its arguments and uses it at once; fsopen() and fspick()
 * give one to the user as a file that fsconfig() fills, CMD_CREATE or
 * CMD_RECONFIGURE acts on and fsmount() mounts (fs/fs_context.c,
 * fs/fsopen.c).
 */
#ifndef TINE_FS_CONTEXT_H
#define TINE_FS_CONTEXT_H

#include <tine/fs.h>
#include <tine/mutex.h>

/* check_param's answer for a key the filesystem does not have (Linux's
 * internal ENOPARAM); never returned to user space. */
#define ENOPARAM 519

enum fs_context_purpose {
	FS_CONTEXT_FOR_MOUNT,		/* a new superblock */
	FS_CONTEXT_FOR_RECONFIGURE,	/* an existing one (fspick, remount) */
};

enum fs_context_phase {
	FS_CONTEXT_CREATE_PARAMS,	/* taking parameters for a new sb */
	FS_CONTEXT_CREATING,		/* CMD_CREATE under way */
	FS_CONTEXT_AWAITING_MOUNT,	/* made: fsmount() may mount it */
	FS_CONTEXT_RECONF_PARAMS,	/* taking parameters to change sb */
	FS_CONTEXT_RECONFIGURING,	/* CMD_RECONFIGURE under way */
	FS_CONTEXT_FAILED,		/* a command failed: nothing more */
};

#define FC_LOG_SIZE 8			/* messages a log keeps, as Linux */

/*
 * The message log of an fsopen/fspick context: fsconfig()'s refusals
 * as "e ...\n" ("w", "i" for warnings, notes), read() one at a time,
 * the oldest dropped when a ninth comes. [U]
 */
struct fc_log {
	char *buffer[FC_LOG_SIZE];	/* [U] kmalloc'd, NULL: out of memory */
	unsigned int head;		/* [U] messages written */
	unsigned int tail;		/* [U] messages read or dropped */
};

/*
 * Legend: [U] uapi_mutex (the fsconfig/fsmount callers of the file; a
 * context of mount(2) has one user); [I] fixed once made.
 */
struct fs_context {
	struct mutex uapi_mutex;	/* serialises the file's users */
	struct file_system_type *fs_type; /* [I] */
	enum fs_context_purpose purpose; /* [I] */
	enum fs_context_phase phase;	/* [U] */
	char *source;			/* [U] "source" (the device), or NULL */
	char *options;			/* [U] the filesystem's own options,
					 * "key=value,key", or NULL */
	unsigned int sb_flags;		/* [U] MS_RDONLY... asked for */
	unsigned int sb_flags_mask;	/* [U] which MS_ flags were named */
	bool oldapi;			/* [I] made by mount(2) */
	struct fc_log *log;		/* [U] fsopen/fspick's message log;
					 * NULL (mount(2)): messages go to
					 * the kernel log */
	struct vfsmount *mnt;		/* [U] (a reference) the new sb's
					 * detached mount once made, or the
					 * mount picked to reconfigure */
};

struct fs_context *fs_context_for_mount(struct file_system_type *t,
					unsigned int sb_flags);
struct fs_context *fs_context_for_reconfigure(struct vfsmount *m,
					      unsigned int sb_flags,
					      unsigned int sb_flags_mask);
void put_fs_context(struct fs_context *fc);
int fc_log_alloc(struct fs_context *fc);
void logfc(struct fs_context *fc, const char *prefix, char level,
	   const char *fmt, ...) __printf(4, 5);
ssize_t fc_log_read(struct fs_context *fc, char __user *buf, size_t n);

/* An error about fc, without prefix ("e Multiple sources"). */
#define errorf(fc, fmt, ...) logfc(fc, NULL, 'e', fmt, ##__VA_ARGS__)
/* An error prefixed with the filesystem's name ("e tmpfs: ..."). */
#define errorfc(fc, fmt, ...) \
	logfc(fc, (fc)->fs_type->name, 'e', fmt, ##__VA_ARGS__)
/* errorf() and -EINVAL, for a return statement. */
#define invalf(fc, fmt, ...) (errorf(fc, fmt, ##__VA_ARGS__), -EINVAL)
int vfs_parse_fs_string(struct fs_context *fc, const char *key,
			const char *value);
int fs_parse_monolithic(const char *data,
			int (*parse)(void *priv, const char *key,
				     const char *value),
			void *priv);
int parse_monolithic_mount_data(struct fs_context *fc, const char *data);
int vfs_get_tree(struct fs_context *fc);
int reconfigure_super(struct fs_context *fc);
void vfs_clean_context(struct fs_context *fc);
bool mount_capable(struct fs_context *fc);

#endif
