/* The newc cpio decoder (see cpio.h). No allocation, no kernel calls. */
#include <tine/string.h>
#include "cpio.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool parse_hex8(const char *s, u32 *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 8; i++) {
		int d = hexval(s[i]);

		if (d < 0)
			return false;
		*v = (*v << 4) | d;
	}
	return true;
}

/* Decode the 13 fields of the 110-byte header at p. */
static bool parse_fields(const char *p, struct cpio_hdr *h)
{
	u32 *fields[] = { &h->ino, &h->mode, &h->uid, &h->gid, &h->nlink,
			  &h->mtime, &h->filesize, &h->devmajor, &h->devminor,
			  &h->rdevmajor, &h->rdevminor, &h->namesize,
			  &h->check };
	unsigned int i;

	h->crc = p[5] == '2';
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (!parse_hex8(p + 6 + 8 * i, fields[i]))
			return false;
	return true;
}

static bool is_cpio_magic(const char *p, size_t left)
{
	return left >= 6 && !memcmp(p, "07070", 5) &&
	       (p[5] == '1' || p[5] == '2');
}

static u32 byte_sum(const char *data, size_t n)
{
	u32 sum = 0;

	while (n--)
		sum += (unsigned char)*data++;
	return sum;
}

static size_t align4(size_t x)
{
	return (x + 3) & ~(size_t)3;
}

/* cpio_next - see cpio.h. */
int cpio_next(const char *buf, size_t len, size_t *pos, struct cpio_hdr *h)
{
	size_t p = *pos, name_end, data_pos;

	while (p < len && !buf[p])
		p++;
	*pos = p;
	if (p >= len)
		return CPIO_END;
	if (!is_cpio_magic(buf + p, len - p))
		return CPIO_OTHER;
	if (len - p < CPIO_HDR_LEN)
		return CPIO_ETRUNC;
	if (!parse_fields(buf + p, h))
		return CPIO_EBADHDR;
	if (!h->namesize || h->namesize > CPIO_NAME_MAX)
		return CPIO_EBADHDR;
	if (h->namesize > len - p - CPIO_HDR_LEN)
		return CPIO_ETRUNC;
	name_end = p + CPIO_HDR_LEN + h->namesize;
	h->name = buf + p + CPIO_HDR_LEN;
	if (h->name[h->namesize - 1] ||
	    strnlen(h->name, h->namesize) + 1 != h->namesize)
		return CPIO_EBADHDR;
	data_pos = align4(name_end);
	if (data_pos > len || h->filesize > len - data_pos)
		return CPIO_ETRUNC;
	h->data = buf + data_pos;
	if (h->crc && byte_sum(h->data, h->filesize) != h->check)
		return CPIO_ECRC;
	*pos = align4(data_pos + h->filesize);
	if (*pos > len)
		*pos = len;
	return strcmp(h->name, "TRAILER!!!") ? CPIO_ENTRY : CPIO_TRAILER;
}
