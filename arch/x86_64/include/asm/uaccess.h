/*
 * The faulting halves of the user copies (arch/x86_64/uaccess.S): each
 * has exception-table fixups, so a bad address ends the copy early
 * instead of oopsing. Only mm/uaccess.c calls them, after access_ok().
 */
#ifndef ASM_UACCESS_H
#define ASM_UACCESS_H

#include <tine/types.h>

/* Copy n bytes; returns the number NOT copied (0 on success). */
unsigned long __copy_user(void *dst, const void *src, size_t n);
/* Zero n bytes of user memory; returns the number NOT cleared. */
unsigned long __clear_user(void __user *dst, size_t n);
/* Bytes before the NUL of s, n if none in the first n, -1 on a fault. */
long __strnlen_user(const char __user *s, long n);

#endif
