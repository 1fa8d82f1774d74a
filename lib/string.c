/*
 * String and memory helpers. memcpy/memset move 8 bytes per step (rep
 * movsq/stosq) and finish with bytes: as fast as rep movsb on hardware
 * with ERMSB, and an eighth of the work where each iteration counts,
 * as under QEMU's -icount (make bench: page copies and clears were a
 * third of a small fork's instructions).
 */
#include <tine/string.h>

/* memcpy - as ISO C (no overlap). Any context, like every function here. */
void *memcpy(void *dst, const void *src, size_t n)
{
	void *ret = dst;
	size_t q = n >> 3, b = n & 7;

	__asm__ volatile("rep movsq\n\t"
			 "movq %3, %%rcx\n\t"
			 "rep movsb"
			 : "+D"(dst), "+S"(src), "+c"(q)
			 : "r"(b)
			 : "memory");
	return ret;
}

/* memmove - as ISO C (overlap allowed). */
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

/* memset - as ISO C. */
void *memset(void *s, int c, size_t n)
{
	void *ret = s;
	unsigned long v = 0x0101010101010101UL * (unsigned char)c;
	size_t q = n >> 3, b = n & 7;

	__asm__ volatile("rep stosq\n\t"
			 "movq %3, %%rcx\n\t"
			 "rep stosb"
			 : "+D"(s), "+c"(q), "+a"(v)
			 : "r"(b)
			 : "memory");
	return ret;
}

/* memchr - the first byte c in s[0..n), or NULL. */
void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

/* memcmp - as ISO C. */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

/* strlen - as ISO C. */
size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

/* strnlen - as POSIX: the length, at most max. */
size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

/* strcmp - as ISO C. */
int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

/* strncmp - as ISO C. */
int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

/* strchr - as ISO C (the NUL can be found). */
char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return c ? NULL : (char *)s;
}

/* strrchr - as ISO C. */
char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

/*
 * strlcpy - as BSD: copy what fits, always NUL-terminate (size > 0);
 * returns strlen(src), so >= size means it was cut.
 */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len >= size ? size - 1 : len;
		memcpy(dst, src, n);
		dst[n] = 0;
	}
	return len;
}

/* strstr - as ISO C. */
char *strstr(const char *h, const char *n)
{
	size_t ln = strlen(n);

	for (; *h; h++)
		if (!strncmp(h, n, ln))
			return (char *)h;
	return ln ? NULL : (char *)h;
}

/*
 * simple_strtoul - the unsigned number at s in base (0: C's prefixes,
 * 0x hex, 0 octal); *end (if end) gets where the digits stopped. No
 * overflow or sign checks (Linux's helper of the same name).
 */
unsigned long simple_strtoul(const char *s, const char **end, int base)
{
	unsigned long v = 0;

	if (base == 0) {
		base = 10;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
			base = 16, s += 2;
		else if (s[0] == '0')
			base = 8;
	}
	for (;; s++) {
		int d;
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'z')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'Z')
			d = *s - 'A' + 10;
		else
			break;
		if (d >= base)
			break;
		v = v * base + d;
	}
	if (end)
		*end = s;
	return v;
}

/*
 * kstrtol - a whole string as a signed number (base 0: 0x hex, 0 octal,
 * else decimal), as Linux's: an optional sign, digits, at most one
 * trailing newline. Returns 0, or -EINVAL (not a number, overflow).
 */
int kstrtol(const char *s, unsigned int base, long *res)
{
	bool neg = false;
	unsigned long v;
	const char *end;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!*s || *s == '\n')
		return -22;	/* EINVAL */
	v = simple_strtoul(s, &end, base);
	if (end == s || (end[0] && !(end[0] == '\n' && !end[1])))
		return -22;
	if (v > (unsigned long)__LONG_MAX__ + neg)
		return -22;
	*res = neg ? -(long)v : (long)v;
	return 0;
}

/* Next blank-separated word of *s (modified in place), or NULL. */
char *strtok_r_simple(char **s)
{
	char *w = *s;

	while (*w == ' ' || *w == '\t' || *w == '\n')
		w++;
	if (!*w)
		return NULL;
	*s = w;
	while (**s && **s != ' ' && **s != '\t' && **s != '\n')
		(*s)++;
	if (**s)
		*(*s)++ = 0;
	return w;
}
