/*
 * Kernel user and group ids. Inside the kernel every id is a kuid_t /
 * kgid_t: the id as the initial user namespace sees it. A uid_t from
 * or to user space is the caller's view, converted at the system-call
 * boundary through a user namespace's map (make_kuid(), from_kuid(),
 * kernel/user_namespace.c). As in Linux the kernel types are one-member
 * structs, so the compiler catches a missing conversion.
 */
#ifndef TINE_UIDGID_H
#define TINE_UIDGID_H

#include <tine/types.h>

typedef struct {
	uid_t val;
} kuid_t;

typedef struct {
	gid_t val;
} kgid_t;

#define KUIDT_INIT(v) ((kuid_t){ v })
#define KGIDT_INIT(v) ((kgid_t){ v })

#define GLOBAL_ROOT_UID KUIDT_INIT(0)
#define GLOBAL_ROOT_GID KGIDT_INIT(0)
#define INVALID_UID KUIDT_INIT((uid_t)-1)
#define INVALID_GID KGIDT_INIT((gid_t)-1)

/* What an unmapped id reads as (/proc/sys/kernel/overflowuid). */
#define DEFAULT_OVERFLOWUID 65534
#define DEFAULT_OVERFLOWGID 65534
extern int overflowuid, overflowgid;

static inline uid_t __kuid_val(kuid_t uid) { return uid.val; }
static inline gid_t __kgid_val(kgid_t gid) { return gid.val; }

static inline bool uid_eq(kuid_t a, kuid_t b) { return a.val == b.val; }
static inline bool gid_eq(kgid_t a, kgid_t b) { return a.val == b.val; }
static inline bool uid_lt(kuid_t a, kuid_t b) { return a.val < b.val; }
static inline bool gid_lt(kgid_t a, kgid_t b) { return a.val < b.val; }
static inline bool uid_valid(kuid_t u) { return !uid_eq(u, INVALID_UID); }
static inline bool gid_valid(kgid_t g) { return !gid_eq(g, INVALID_GID); }

struct user_namespace;
extern struct user_namespace init_user_ns;

/*
 * make_kuid - the kernel id for uid as ns sees it; INVALID_UID when ns
 * maps no such id. Lock-free: a published map never changes.
 */
kuid_t make_kuid(struct user_namespace *ns, uid_t uid);
kgid_t make_kgid(struct user_namespace *ns, gid_t gid);
/* from_kuid - kuid as ns sees it, or (uid_t)-1 when unmapped there. */
uid_t from_kuid(struct user_namespace *ns, kuid_t kuid);
gid_t from_kgid(struct user_namespace *ns, kgid_t kgid);
/* As from_kuid, but an unmapped id reads as overflowuid (65534). */
uid_t from_kuid_munged(struct user_namespace *ns, kuid_t kuid);
gid_t from_kgid_munged(struct user_namespace *ns, kgid_t kgid);

static inline bool kuid_has_mapping(struct user_namespace *ns, kuid_t uid)
{
	return from_kuid(ns, uid) != (uid_t)-1;
}

static inline bool kgid_has_mapping(struct user_namespace *ns, kgid_t gid)
{
	return from_kgid(ns, gid) != (gid_t)-1;
}

#endif
