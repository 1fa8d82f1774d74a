/*
 * capget(2) and capset(2): the capability sets in the layout of
 * _LINUX_CAPABILITY_VERSION_1 (one 32-bit word per set) or 2 and 3
 * (two words). An unknown version is EINVAL with the kernel's preferred
 * version written back. Anyone may read anyone's sets; a task may only
 * set its own (the rules are cap_capset(), security/commoncap.c).
 */
#include <tine/cred.h>
#include <tine/pid.h>
#include <tine/syscall.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

#define CAP_U32S 2			/* words per set in version 2/3 */

/* The words each set has for the header's version; 0 if unknown. */
static int cap_validate_magic(struct __user_cap_header_struct __user *h,
			      int *words)
{
	u32 version;

	if (get_user(version, &h->version))
		return -EFAULT;
	switch (version) {
	case _LINUX_CAPABILITY_VERSION_1:
		*words = _LINUX_CAPABILITY_U32S_1;
		return 0;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		*words = _LINUX_CAPABILITY_U32S_3;
		return 0;
	}
	if (put_user((u32)_LINUX_CAPABILITY_VERSION_3, &h->version))
		return -EFAULT;
	return -EINVAL;
}

/* The objective credentials of the thread pid (0: current). */
static const struct cred *cap_target_cred(pid_t pid)
{
	struct task_struct *t;
	const struct cred *c;

	if (!pid || pid == task_pid_vnr(current))
		return get_cred(current_cred());
	t = find_get_task_by_vpid(pid);
	if (!t)
		return NULL;
	c = get_task_cred(t);
	put_task_struct(t);
	return c;
}

/*
 * capget: with a NULL data pointer only the version is checked (an
 * unknown one is reported back and, as Linux, returns 0).
 */
static long sys_capget(struct __user_cap_header_struct __user *h,
		       struct __user_cap_data_struct __user *data)
{
	struct __user_cap_data_struct kdata[CAP_U32S];
	const struct cred *c;
	int words, err, pid, i;

	err = cap_validate_magic(h, &words);
	if (!data || err)
		return (!data && err == -EINVAL) ? 0 : err;
	if (get_user(pid, &h->pid))
		return -EFAULT;
	if (pid < 0)
		return -EINVAL;
	c = cap_target_cred(pid);
	if (!c)
		return -ESRCH;
	for (i = 0; i < CAP_U32S; i++) {
		kdata[i].effective = c->cap_effective >> (32 * i);
		kdata[i].permitted = c->cap_permitted >> (32 * i);
		kdata[i].inheritable = c->cap_inheritable >> (32 * i);
	}
	put_cred(c);
	if (copy_to_user(data, kdata, words * sizeof(kdata[0])))
		return -EFAULT;
	return 0;
}
SYSCALL_ENTRY(capget, sys_capget);

/* capset: only the caller's own sets (pid 0 or its own tid). */
static long sys_capset(struct __user_cap_header_struct __user *h,
		       const struct __user_cap_data_struct __user *data)
{
	struct __user_cap_data_struct kdata[CAP_U32S] = { 0 };
	kernel_cap_t eff = 0, inh = 0, perm = 0;
	struct cred *new;
	int words, err, pid, i;

	err = cap_validate_magic(h, &words);
	if (err)
		return err;
	if (get_user(pid, &h->pid))
		return -EFAULT;
	if (pid != 0 && pid != task_pid_vnr(current))
		return -EPERM;
	if (copy_from_user(kdata, data, words * sizeof(kdata[0])))
		return -EFAULT;
	for (i = 0; i < words; i++) {
		eff |= (kernel_cap_t)kdata[i].effective << (32 * i);
		inh |= (kernel_cap_t)kdata[i].inheritable << (32 * i);
		perm |= (kernel_cap_t)kdata[i].permitted << (32 * i);
	}
	eff &= CAP_FULL_SET;
	inh &= CAP_FULL_SET;
	perm &= CAP_FULL_SET;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	err = cap_capset(new, current_cred(), eff, inh, perm);
	if (err) {
		abort_creds(new);
		return err;
	}
	return commit_creds(new);
}
SYSCALL_ENTRY(capset, sys_capset);
