/*
 * A small vsnprintf: %d %i %u %x %X %o %p %s %c %%, with flags '-' '0',
 * a width (or *), a precision for %s, and the l/ll/z/h length modifiers.
 */
#include <stdarg.h>
#include <tine/printk.h>
#include <tine/string.h>

struct outbuf {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct outbuf *o, const char *s, size_t n, int width,
		       bool left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;

	if (!left && pad == '0' && n && (*s == '-')) {
		put(o, *s++);
		n--;
	}
	if (!left)
		while (fill-- > 0)
			put(o, pad);
	while (n--)
		put(o, *s++);
	if (left)
		while (fill-- > 0)
			put(o, ' ');
}

static size_t fmt_num(char *tmp, unsigned long long v, int base, bool upper,
		      bool neg)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char rev[24];
	size_t n = 0, i = 0;

	do {
		rev[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (neg)
		tmp[i++] = '-';
	while (n)
		tmp[i++] = rev[--n];
	return i;
}

static unsigned long long get_unsigned(va_list *ap, int lng)
{
	if (lng >= 2)
		return va_arg(*ap, unsigned long long);
	if (lng == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static long long get_signed(va_list *ap, int lng)
{
	if (lng >= 2)
		return va_arg(*ap, long long);
	if (lng == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

/* One conversion's flags, width, precision and length modifier. */
struct fmt_spec {
	bool left;			/* '-': pad on the right */
	char pad;			/* ' ', or '0' */
	int width;
	int prec;			/* -1: none given */
	int lng;			/* how many 'l' or 'z' */
};

/* Read what follows a '%' up to the conversion letter into sp (a '*'
 * width from ap); returns where the letter (or the NUL) is. */
static const char *parse_spec(const char *fmt, va_list *ap,
			      struct fmt_spec *sp)
{
	*sp = (struct fmt_spec){ .pad = ' ', .prec = -1 };
	for (; *fmt == '-' || *fmt == '0'; fmt++)
		if (*fmt == '-')
			sp->left = true;
		else
			sp->pad = '0';
	if (*fmt == '*') {
		sp->width = va_arg(*ap, int);
		fmt++;
	}
	for (; *fmt >= '0' && *fmt <= '9'; fmt++)
		sp->width = sp->width * 10 + (*fmt - '0');
	if (*fmt == '.') {
		sp->prec = 0;
		for (fmt++; *fmt >= '0' && *fmt <= '9'; fmt++)
			sp->prec = sp->prec * 10 + (*fmt - '0');
	}
	for (; *fmt == 'l' || *fmt == 'z' || *fmt == 'h'; fmt++)
		if (*fmt != 'h')
			sp->lng++;
	return fmt;
}

/* Output conversion c of spec sp, its argument taken from ap; an
 * unknown letter is copied as it is, after its '%'. */
static void format_one(struct outbuf *o, char c, va_list *ap,
		       const struct fmt_spec *sp)
{
	char tmp[32];
	size_t n;

	switch (c) {
	case 'd':
	case 'i': {
		long long v = get_signed(ap, sp->lng);

		n = fmt_num(tmp, v < 0 ? -(unsigned long long)v :
				    (unsigned long long)v, 10, false, v < 0);
		put_padded(o, tmp, n, sp->width, sp->left, sp->pad);
		break;
	}
	case 'u':
	case 'x':
	case 'X':
	case 'o': {
		int base = c == 'u' ? 10 : c == 'o' ? 8 : 16;

		n = fmt_num(tmp, get_unsigned(ap, sp->lng), base, c == 'X',
			    false);
		put_padded(o, tmp, n, sp->width, sp->left, sp->pad);
		break;
	}
	case 'p':
		n = fmt_num(tmp, (unsigned long)va_arg(*ap, void *), 16, false,
			    false);
		put(o, '0');
		put(o, 'x');
		put_padded(o, tmp, n, sp->width, sp->left, sp->pad);
		break;
	case 's': {
		const char *s = va_arg(*ap, const char *);

		if (!s)
			s = "(null)";
		n = sp->prec >= 0 ? strnlen(s, sp->prec) : strlen(s);
		put_padded(o, s, n, sp->width, sp->left, ' ');
		break;
	}
	case 'c':
		tmp[0] = (char)va_arg(*ap, int);
		put_padded(o, tmp, 1, sp->width, sp->left, ' ');
		break;
	case '%':
		put(o, '%');
		break;
	default:
		put(o, '%');
		if (c)
			put(o, c);
	}
}

/*
 * vsnprintf - format into buf as C's vsnprintf (the conversions listed
 * above): always NUL-terminated if size > 0; returns the length the whole
 * text needs, so >= size means it was cut. Any context.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = { buf, size, 0 };
	struct fmt_spec sp;
	va_list aq;

	va_copy(aq, ap);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt = parse_spec(fmt + 1, &aq, &sp);
		format_one(&o, *fmt, &aq, &sp);
		if (!*fmt)
			break;		/* a '%' (and flags) at the very end */
	}
	va_end(aq);
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
}

/* snprintf - vsnprintf with its arguments inline. */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
