/*
 * Host test of fs/cpio.c, the initramfs's newc decoder: well-formed
 * archives decode entry by entry; every truncation and thousands of
 * random corruptions are rejected (or decoded) without reading out of
 * bounds. Build and run with the sanitizers:
 *
 *   gcc -std=gnu11 -Wall -Wextra -Werror -Iinclude -g -O1 \
 *       -fsanitize=address,undefined -fno-sanitize-recover=all \
 *       fs/cpio.c tests/host/fs_cpio_test.c -o build/host/fs_cpio_test
 *   build/host/fs_cpio_test
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fs/cpio.h"

static int failed, passed;

#define CHECK(cond, ...)                                          \
	do {                                                      \
		if (cond) {                                       \
			passed++;                                 \
		} else {                                          \
			failed++;                                 \
			printf("not ok - " __VA_ARGS__);          \
			printf("\n");                             \
		}                                                 \
	} while (0)

struct archive {
	char *buf;
	size_t len, cap;
};

static void put(struct archive *a, const void *p, size_t n)
{
	if (a->len + n > a->cap) {
		a->cap = (a->len + n) * 2;
		a->buf = realloc(a->buf, a->cap);
	}
	memcpy(a->buf + a->len, p, n);
	a->len += n;
}

static void pad4(struct archive *a)
{
	while (a->len & 3)
		put(a, "", 1);
}

/* Append one newc entry (crc: the 070702 variant with a byte sum). */
static void add(struct archive *a, const char *name, unsigned mode,
		const char *data, size_t size, int crc)
{
	char hdr[111];
	unsigned sum = 0;
	size_t i;

	for (i = 0; crc && i < size; i++)
		sum += (unsigned char)data[i];
	snprintf(hdr, sizeof(hdr),
		 "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 crc ? "070702" : "070701", 1u, mode, 0u, 0u, 1u, 1234u,
		 (unsigned)size, 0u, 0u, 0u, 0u, (unsigned)strlen(name) + 1,
		 sum);
	put(a, hdr, 110);
	put(a, name, strlen(name) + 1);
	pad4(a);
	put(a, data, size);
	pad4(a);
}

static void trailer(struct archive *a)
{
	add(a, "TRAILER!!!", 0, "", 0, 0);
}

/* Walk buf; count entries; return the last result (END or an error). */
static int walk(const char *buf, size_t len, int *entries, int *trailers)
{
	size_t pos = 0, last = (size_t)-1;
	struct cpio_hdr h;
	int r;

	*entries = *trailers = 0;
	while ((r = cpio_next(buf, len, &pos, &h)) > 0 && r != CPIO_OTHER) {
		if (pos == last || pos > len)
			return -100;	/* no progress: would loop */
		last = pos;
		if (r == CPIO_ENTRY) {
			(*entries)++;
			/* name and data must lie inside the buffer */
			if (h.name < buf || h.data < buf ||
			    h.data + h.filesize > buf + len)
				return -101;
		} else {
			(*trailers)++;
		}
	}
	return r;
}

static struct archive sample(void)
{
	struct archive a = { 0 };

	add(&a, ".", 040755, "", 0, 0);
	add(&a, "bin", 040755, "", 0, 0);
	add(&a, "bin/hello", 0100755, "hello world\n", 12, 0);
	add(&a, "bin/link", 0120777, "hello", 5, 0);
	add(&a, "dev/console", 020600, "", 0, 0);
	add(&a, "crc", 0100644, "checked", 7, 1);
	trailer(&a);
	return a;
}

static void test_wellformed(void)
{
	struct archive a = sample();
	int e, t, r = walk(a.buf, a.len, &e, &t);
	size_t pos = 0;
	struct cpio_hdr h;

	CHECK(r == CPIO_END, "sample walks to the end (%d)", r);
	CHECK(e == 6 && t == 1, "6 entries and a trailer (%d, %d)", e, t);
	cpio_next(a.buf, a.len, &pos, &h);
	cpio_next(a.buf, a.len, &pos, &h);
	cpio_next(a.buf, a.len, &pos, &h);
	CHECK(!strcmp(h.name, "bin/hello") && h.filesize == 12 &&
		      !memcmp(h.data, "hello world\n", 12) &&
		      h.mode == 0100755 && h.mtime == 1234,
	      "third entry decodes");
	free(a.buf);
}

static void test_concatenated(void)
{
	struct archive a = sample();
	struct archive b = sample();
	int e, t, r;

	put(&a, "\0\0\0\0\0\0\0\0\0\0\0\0", 12);	/* padding between */
	put(&a, b.buf, b.len);
	put(&a, "\0\0\0\0", 4);			/* trailing padding */
	r = walk(a.buf, a.len, &e, &t);
	CHECK(r == CPIO_END && e == 12 && t == 2,
	      "two archives with padding: %d entries, %d trailers (%d)", e, t,
	      r);
	free(a.buf);
	free(b.buf);
}

static void test_bad_crc(void)
{
	struct archive a = { 0 };
	int e, t, r;

	add(&a, "f", 0100644, "abc", 3, 1);
	a.buf[110 + 4] = 'x';	/* corrupt the data after the name */
	r = walk(a.buf, a.len, &e, &t);
	CHECK(r == CPIO_ECRC, "070702 data mismatch is CPIO_ECRC (%d)", r);
	free(a.buf);
}

static void test_other(void)
{
	static const char gz[] = "\x1f\x8b\x08\x00rest";
	size_t pos = 0;
	struct cpio_hdr h;

	CHECK(cpio_next(gz, sizeof(gz), &pos, &h) == CPIO_OTHER && pos == 0,
	      "gzip magic is CPIO_OTHER at its offset");
	CHECK(cpio_next("\0\0\0", 3, &pos, &h) == CPIO_END, "padding only");
}

/* Every prefix of the sample: no crash, no overread (ASan), no loop. */
static void test_truncations(void)
{
	struct archive a = sample();
	size_t n;
	int bad = 0;

	for (n = 0; n < a.len; n++) {
		char *copy = malloc(n ? n : 1);
		int e, t, r;

		memcpy(copy, a.buf, n);
		r = walk(copy, n, &e, &t);
		if (r == -100 || r == -101)
			bad++;
		free(copy);
	}
	CHECK(!bad, "every truncation handled (%d bad)", bad);
	free(a.buf);
}

/* Random byte changes: the decoder must stay inside the buffer. */
static void test_fuzz(void)
{
	struct archive a = sample();
	unsigned seed = 12345;
	int i, bad = 0;

	for (i = 0; i < 20000; i++) {
		char *copy = malloc(a.len);
		int k, e, t, r;

		memcpy(copy, a.buf, a.len);
		for (k = 0; k < 1 + i % 4; k++) {
			seed = seed * 1103515245 + 12345;
			copy[(seed >> 8) % a.len] = (char)(seed >> 20);
		}
		r = walk(copy, a.len, &e, &t);
		if (r == -100 || r == -101)
			bad++;
		free(copy);
	}
	CHECK(!bad, "20000 corrupted archives handled (%d bad)", bad);
	free(a.buf);
}

int main(void)
{
	test_wellformed();
	test_concatenated();
	test_bad_crc();
	test_other();
	test_truncations();
	test_fuzz();
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
