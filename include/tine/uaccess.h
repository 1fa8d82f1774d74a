/*
 * Access to user memory. Every pointer from user space goes through
 * these: an unmapped, kernel or non-canonical address gives -EFAULT via
 * the exception table (arch/x86_64/uaccess.S, fixups in traps.c), never
 * an oops. copy_*_user return the number of bytes NOT copied, as in
 * Linux; get_user/put_user return 0 or -EFAULT.
 */
#ifndef TINE_UACCESS_H
#define TINE_UACCESS_H

#include <asm/page.h>
#include <tine/types.h>
#include <uapi/errno.h>

static inline bool access_ok(const void __user *p, size_t n)
{
	unsigned long a = (unsigned long)p;
	return n <= TASK_SIZE && a <= TASK_SIZE - n;
}

unsigned long copy_from_user(void *dst, const void __user *src, size_t n);
unsigned long copy_to_user(void __user *dst, const void *src, size_t n);
unsigned long clear_user(void __user *dst, size_t n);
/* Copy a NUL-terminated string of at most n bytes (incl. NUL).
 * Returns its length, n if it did not fit, or -EFAULT. */
long strncpy_from_user(char *dst, const char __user *src, long n);
/* Length of a user string including the NUL, 0 on fault, > n if longer. */
long strnlen_user(const char __user *s, long n);

#define get_user(x, ptr)                                                  \
	({                                                                \
		unsigned long long __gu_v = 0;                            \
		int __gu_e = copy_from_user(&__gu_v, (ptr), sizeof(*(ptr))) \
				     ? -EFAULT                             \
				     : 0;                                  \
		(x) = (__typeof__(*(ptr)))__gu_v;                         \
		__gu_e;                                                   \
	})
#define put_user(x, ptr)                                                    \
	({                                                                  \
		__typeof__(*(ptr)) __pu_v = (x);                            \
		copy_to_user((ptr), &__pu_v, sizeof(*(ptr))) ? -EFAULT : 0; \
	})

/* Inside, a user access that faults fails with -EFAULT at once instead
 * of sleeping in the fault handler (for use under spinlocks). */
#define pagefault_disable() (current->pagefault_disabled++)
#define pagefault_enable() (current->pagefault_disabled--)

/* Atomic compare-and-exchange of a user u32: 0 (with *uval = the old
 * value) or -EFAULT. */
int futex_atomic_cmpxchg(u32 *uval, u32 __user *uaddr, u32 oldval,
			 u32 newval);

#define PATH_MAX 4096
/* A path from user space in a fresh kmalloc'd buffer, or ERR_PTR
 * (-EFAULT, -ENAMETOOLONG, -ENOENT for "", -ENOMEM). Free with kfree. */
char *getname(const char __user *path);
int copy_struct_from_user(void *dst, size_t ksize, const void __user *src,
			  size_t usize);
char *getname_flags(const char __user *path, bool allow_empty);
/* memdup_user_nul - n bytes of user memory in a fresh kmalloc'd buffer
 * with a NUL after them (text written to a control file). Returns the
 * buffer (kfree it) or ERR_PTR(-ENOMEM / -EFAULT). May sleep. */
char *memdup_user_nul(const void __user *src, size_t n);

#endif
