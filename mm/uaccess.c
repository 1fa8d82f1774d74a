/*
 * Checked user copies: the range check here, the faulting access in
 * arch/x86_64/uaccess.S with its exception-table fixups.
 */
#include <asm/uaccess.h>
#include <tine/err.h>
#include <tine/lockdep.h>
#include <tine/mm.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/uaccess.h>

/* A user access may fault, and a fault may sleep: no spinlock may be
 * held, unless page faults are disabled (futexes read user words under
 * futex_lock that way). */
#define might_fault(what)                                                 \
	do {                                                              \
		if (lockdep_hot_checks() && !current->pagefault_disabled) \
			lockdep_report_might_sleep(what);                 \
	} while (0)

/* copy_from_user - see uaccess.h (the bytes not copied are zeroed). */
unsigned long copy_from_user(void *dst, const void __user *src, size_t n)
{
	unsigned long left;

	might_fault("copy_from_user()");
	if (!access_ok(src, n)) {
		memset(dst, 0, n);
		return n;
	}
	left = __copy_user(dst, (const void *)src, n);
	if (left)	/* never leak stale kernel data past a fault */
		memset((char *)dst + (n - left), 0, left);
	return left;
}

/* copy_to_user - see uaccess.h. */
unsigned long copy_to_user(void __user *dst, const void *src, size_t n)
{
	might_fault("copy_to_user()");
	if (!access_ok(dst, n))
		return n;
	return __copy_user((void *)dst, src, n);
}

/* clear_user - see uaccess.h. */
unsigned long clear_user(void __user *dst, size_t n)
{
	if (!access_ok(dst, n))
		return n;
	return __clear_user(dst, n);
}

/* strnlen_user - see uaccess.h. */
long strnlen_user(const char __user *s, long n)
{
	unsigned long a = (unsigned long)s;
	long len;

	if (a >= TASK_SIZE)
		return 0;
	if (n > (long)(TASK_SIZE - a))
		n = TASK_SIZE - a;
	len = __strnlen_user(s, n);
	return len < 0 ? 0 : len + 1;
}

/* strncpy_from_user - see uaccess.h. */
long strncpy_from_user(char *dst, const char __user *src, long n)
{
	long len = strnlen_user(src, n);

	if (len == 0)
		return -EFAULT;
	if (len > n)
		len = n;		/* no NUL within n: copy n, caller sees n */
	if (copy_from_user(dst, src, len))
		return -EFAULT;
	return dst[len - 1] ? n : len - 1;
}

/* getname_flags - see uaccess.h (allow_empty: "" is no error). */
char *getname_flags(const char __user *path, bool allow_empty)
{
	char *buf = kmalloc(PATH_MAX, 0);
	long len;

	if (!buf)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(buf, path, PATH_MAX);
	if (len < 0) {
		kfree(buf);
		return ERR_PTR(len);
	}
	if (len == PATH_MAX) {
		kfree(buf);
		return ERR_PTR(-ENAMETOOLONG);
	}
	if (len == 0 && !allow_empty) {
		kfree(buf);
		return ERR_PTR(-ENOENT);
	}
	return buf;
}

/* getname - see uaccess.h. */
char *getname(const char __user *path)
{
	return getname_flags(path, false);
}

/* memdup_user_nul - see uaccess.h. */
char *memdup_user_nul(const void __user *src, size_t n)
{
	char *buf = kmalloc(n + 1, GFP_KERNEL);

	if (!buf)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(buf, src, n)) {
		kfree(buf);
		return ERR_PTR(-EFAULT);
	}
	buf[n] = 0;
	return buf;
}

/*
 * copy_struct_from_user - an extensible struct of usize user bytes into
 * ksize kernel bytes: a shorter one is zero-extended, a longer one is
 * accepted only if its extra bytes are zero. 0, -E2BIG, -EFAULT. May
 * sleep (faults).
 */
int copy_struct_from_user(void *dst, size_t ksize, const void __user *src,
			  size_t usize)
{
	size_t off;

	memset(dst, 0, ksize);
	if (copy_from_user(dst, src, MIN(ksize, usize)))
		return -EFAULT;
	for (off = ksize; off < usize; off++) {
		char c;

		if (get_user(c, (const char __user *)src + off))
			return -EFAULT;
		if (c)
			return -E2BIG;
	}
	return 0;
}
