/* Pointers that carry an -errno, as in Linux: the top 4095 addresses. */
#ifndef TINE_ERR_H
#define TINE_ERR_H

#include <tine/types.h>
#include <tine/compiler.h>
#include <uapi/errno.h>

#define MAX_ERRNO 4095

static inline void *ERR_PTR(long err) { return (void *)err; }
static inline long PTR_ERR(const void *p) { return (long)p; }
static inline bool IS_ERR(const void *p)
{
	return unlikely((unsigned long)p >= (unsigned long)-MAX_ERRNO);
}
static inline bool IS_ERR_OR_NULL(const void *p) { return !p || IS_ERR(p); }
static inline void *ERR_CAST(const void *p) { return (void *)p; }
/* The -errno of an ERR_PTR, 0 for anything else (NULL too). */
static inline long PTR_ERR_OR_ZERO(const void *p)
{
	return IS_ERR(p) ? PTR_ERR(p) : 0;
}



#ifndef IS_ERR_VALUE
#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)
#endif

#endif
