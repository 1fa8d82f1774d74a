/*
 * What cgroup.c (the tree, tasks) and cgroup_fs.c (files, filesystem)
 * share. Locks as in tine/cgroup.h.
 */
#ifndef KERNEL_CGROUP_INTERNAL_H
#define KERNEL_CGROUP_INTERNAL_H

#include <tine/cgroup.h>
#include <tine/mutex.h>
#include <tine/spinlock.h>
#include <tine/types.h>

#define CGROUP_NO_LIMIT 0x7fffffff	/* "max" */

extern struct mutex cgroup_mutex;
extern spinlock_t css_set_lock;

bool cgroup_is_populated(struct cgroup *cg);
bool cgroup_is_descendant(struct cgroup *cg, struct cgroup *ancestor);
struct cgroup *cgroup_common_ancestor(struct cgroup *a, struct cgroup *b);
void cgroup_attach_process(struct task_struct *t, struct cgroup *dst);
void cgroup_kill(struct cgroup *cg);
struct cgroup *cgroup_create(struct cgroup *parent, const char *name,
			     mode_t mode);
int cgroup_destroy(struct cgroup *cg);

/*
 * cgroup_populate_dir - make cg's directory below its parent's and its
 * files, owned by the caller's fsuid/fsgid as on Linux. 0, or -ENOMEM
 * with cg freed. cgroup_mutex held; may sleep.
 */
int cgroup_populate_dir(struct cgroup *cg, mode_t mode);

#endif
