/*
 * Host test of lib/inflate.c: round-trips data through the host's gzip(1),
 * then feeds gunzip() truncated, bit-flipped and mutated streams. Input and
 * output live in exact-size heap buffers, so under -fsanitize=address any
 * read or write past either end is caught.
 *
 * Usage: inflate_test [--bench]. Prints "ok"/"not ok" lines and a final
 * "N passed, M failed"; exits non-zero on failure. --bench only times the
 * decoding of about 10 MB.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tine/inflate.h"

static int passed, failed;
static char tmpdir[] = "/tmp/inflate_test.XXXXXX";

static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s %d - ", ok ? "ok" : "not ok", passed + failed + 1);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (ok)
		passed++;
	else
		failed++;
}

static void die(const char *what)
{
	perror(what);
	exit(2);
}

/* xorshift64: reproducible inputs. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("malloc");
	return p;
}

static void *dup_exact(const void *p, size_t n)
{
	void *q = xmalloc(n);

	memcpy(q, p, n);
	return q;
}

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!f)
		die(path);
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			if (!buf)
				die("realloc");
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r);
	fclose(f);
	*len = n;
	return buf;
}

static void write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(p, 1, n, f) != n || fclose(f))
		die(path);
}

static void run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (system(cmd) != 0) {
		fprintf(stderr, "command failed: %s\n", cmd);
		exit(2);
	}
}

/* Compress @data with `gzip -@level` (plus @opts) and return the stream. */
static uint8_t *host_gzip(const void *data, size_t n, int level,
			  const char *opts, size_t *gzlen)
{
	char in[256], out[256];

	snprintf(in, sizeof(in), "%s/in", tmpdir);
	snprintf(out, sizeof(out), "%s/in.gz", tmpdir);
	write_file(in, data, n);
	run("gzip -%d %s -c %s > %s", level, opts, in, out);
	return read_file(out, gzlen);
}

/* Decode @gz from an exact-size copy into an exact-size buffer of @outcap. */
static long decode(const uint8_t *gz, size_t gzlen, size_t outcap,
		   uint8_t **outp)
{
	uint8_t *in = dup_exact(gz, gzlen);
	uint8_t *out = xmalloc(outcap);
	long r = gunzip(in, gzlen, out, outcap);

	free(in);
	if (outp)
		*outp = out;
	else
		free(out);
	return r;
}

/* Is decoding @gz either an error or exactly @want? */
static int decodes_to_or_fails(const uint8_t *gz, size_t gzlen,
			       const uint8_t *want, size_t n, long *res)
{
	uint8_t *out;
	long r = decode(gz, gzlen, n, &out);
	int ok = r < 0 ? (r == INFLATE_EINVAL || r == INFLATE_ENOSPC) :
			 ((size_t)r == n && memcmp(out, want, n) == 0);

	free(out);
	*res = r;
	return ok;
}

static void check_stream(const char *name, const uint8_t *gz, size_t gzlen,
			 const uint8_t *want, size_t n)
{
	uint8_t *out;
	long r = decode(gz, gzlen, n, &out);

	check(r == (long)n && memcmp(out, want, n) == 0,
	      "%s: %zu -> %zu bytes (got %ld)", name, gzlen, n, r);
	free(out);
	if (n > 0) {
		r = decode(gz, gzlen, n - 1, NULL);
		check(r == INFLATE_ENOSPC, "%s: one byte short gives ENOSPC (%ld)",
		      name, r);
	}
}

static void check_roundtrip(const char *name, const uint8_t *data, size_t n,
			    int level)
{
	char label[128];
	size_t gzlen;
	uint8_t *gz = host_gzip(data, n, level, "-n", &gzlen);

	snprintf(label, sizeof(label), "%s gzip -%d", name, level);
	check_stream(label, gz, gzlen, data, n);
	check(gzip_size(gz, gzlen) == (long)n, "%s: gzip_size", label);
	free(gz);
}

/* Words from a small vocabulary: compresses roughly like prose. */
static uint8_t *make_text(size_t n)
{
	static const char *words[] = {
		"the", "kernel", "page", "table", "of", "and", "process",
		"scheduler", "interrupt", "to", "a", "memory", "file",
		"descriptor", "inode", "in", "is", "lock", "spin", "mutex",
		"return", "struct", "task", "signal", "fork", "exec", "wait",
		"boot", "initramfs", "cpio", "archive", "Huffman", "deflate",
	};
	uint8_t *p = xmalloc(n);
	size_t i = 0, col = 0;

	while (i < n) {
		const char *w = words[rng() % (sizeof(words) / sizeof(*words))];

		while (*w && i < n) {
			p[i++] = (uint8_t)*w++;
			col++;
		}
		if (i < n)
			p[i++] = col > 70 ? '\n' : ' ';
		if (col > 70)
			col = 0;
		if (i < n && rng() % 97 == 0)
			p[i++] = (uint8_t)('0' + rng() % 10);
	}
	return p;
}

static uint8_t *make_random(size_t n)
{
	uint8_t *p = xmalloc(n);
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)rng();
	return p;
}

static void test_roundtrips(void)
{
	static const int levels[] = { 1, 6, 9 };
	static const char hello[] = "hello, hello, hello world\n";
	uint8_t *text = make_text(5 << 20);
	uint8_t *rnd = make_random(1 << 20);
	uint8_t *zeros = calloc(1, 1 << 20);
	uint8_t *mixed = xmalloc(300000);
	unsigned int i;

	for (i = 0; i < 300000; i++)
		mixed[i] = (i / 5000) % 2 ? (uint8_t)rng() : text[i];

	check_roundtrip("empty", (const uint8_t *)"", 0, 6);
	check_roundtrip("one byte", (const uint8_t *)"x", 1, 6);
	check_roundtrip("short text (fixed Huffman)", (const uint8_t *)hello,
			sizeof(hello) - 1, 9);
	for (i = 0; i < 3; i++) {
		check_roundtrip("5 MB text", text, 5 << 20, levels[i]);
		check_roundtrip("64 KB text", text, 65536, levels[i]);
	}
	check_roundtrip("1 MB random (stored)", rnd, 1 << 20, 6);
	check_roundtrip("100 KB random (stored)", rnd, 100000, 9);
	check_roundtrip("1 MB zeros", zeros, 1 << 20, 9);
	check_roundtrip("text/random mix", mixed, 300000, 6);
	free(text);
	free(rnd);
	free(zeros);
	free(mixed);
}

/* RFC 1951 length and distance code bases, for the synthetic encoder. */
static const uint16_t t_len_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
};
static const uint16_t t_dist_base[30] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
	8193, 12289, 16385, 24577,
};

struct bitwriter {
	uint8_t *p;
	size_t n;	/* whole bytes written */
	uint32_t acc;
	unsigned int cnt;
};

static void put_bits(struct bitwriter *w, uint32_t v, unsigned int n)
{
	w->acc |= v << w->cnt;
	w->cnt += n;
	while (w->cnt >= 8) {
		w->p[w->n++] = (uint8_t)w->acc;
		w->acc >>= 8;
		w->cnt -= 8;
	}
}

/* Huffman codes go out most significant bit first. */
static void put_code(struct bitwriter *w, uint32_t code, unsigned int len)
{
	uint32_t r = 0;
	unsigned int i;

	for (i = 0; i < len; i++)
		r |= ((code >> i) & 1) << (len - 1 - i);
	put_bits(w, r, len);
}

static void put_fixed_lit(struct bitwriter *w, unsigned int sym)
{
	if (sym < 144)
		put_code(w, 0x30 + sym, 8);
	else if (sym < 256)
		put_code(w, 0x190 + sym - 144, 9);
	else if (sym < 280)
		put_code(w, sym - 256, 7);
	else
		put_code(w, 0xc0 + sym - 280, 8);
}

static void put_match(struct bitwriter *w, unsigned int len, unsigned int dist)
{
	unsigned int i = 28;

	if (len < 258)
		for (i = 0; i + 1 < 29 && t_len_base[i + 1] <= len; i++)
			;
	put_fixed_lit(w, 257 + i);
	put_bits(w, len - t_len_base[i], i < 8 || i == 28 ? 0 : (i - 4) / 4);
	for (i = 0; i + 1 < 30 && t_dist_base[i + 1] <= dist; i++)
		;
	put_code(w, i, 5);
	put_bits(w, dist - t_dist_base[i], i < 4 ? 0 : (i - 2) / 2);
}

static uint32_t bitwise_crc32(const uint8_t *p, size_t n)
{
	uint32_t crc = 0xffffffff;
	unsigned int k;

	while (n--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = crc & 1 ? (crc >> 1) ^ 0xedb88320 : crc >> 1;
	}
	return ~crc;
}

static void put_le32(struct bitwriter *w, uint32_t v)
{
	put_bits(w, v & 0xffff, 16);
	put_bits(w, v >> 16, 16);
}

/*
 * Encode random literals and matches (every length and distance code,
 * overlapping copies, distances up to 32768) as fixed-Huffman blocks with
 * stored blocks in between, independent of any compressor's choices.
 */
static void test_synthetic(void)
{
	size_t n = 2 << 20, o = 0, gzlen;
	uint8_t *want = xmalloc(n), *gz = xmalloc(n * 2 + 64);
	struct bitwriter w = { .p = gz };
	unsigned int blocks = 0;

	memcpy(gz, "\x1f\x8b\x08\x00\0\0\0\0\0\x03", 10);
	w.n = 10;
	while (o < n) {
		size_t end = o + 1 + rng() % 100000, k;

		if (end > n)
			end = n;
		if (blocks++ % 3 == 2) {	/* stored block */
			if (end - o > 65535)
				end = o + 65535;
			put_bits(&w, end == n, 1);
			put_bits(&w, 0, 2);
			if (w.cnt)
				put_bits(&w, 0, 8 - w.cnt);
			put_bits(&w, (uint32_t)(end - o), 16);
			put_bits(&w, (uint32_t)(end - o) ^ 0xffff, 16);
			for (; o < end; o++) {
				want[o] = (uint8_t)rng();
				put_bits(&w, want[o], 8);
			}
			continue;
		}
		put_bits(&w, 0, 1);	/* never final: a stored block or EOB follows */
		put_bits(&w, 1, 2);
		while (o < end) {
			unsigned int len = rng() % 4 ? 3 + rng() % 256 : 258, dist;

			if (o == 0 || rng() % 3 == 0 || o + len > end) {
				want[o] = (uint8_t)rng();
				put_fixed_lit(&w, want[o++]);
				continue;
			}
			dist = 1 + (unsigned int)(rng() % (o < 32768 ? o : 32768));
			if (rng() % 4 == 0)
				dist = 1 + (unsigned int)(rng() % (o < 8 ? o : 8));
			put_match(&w, len, dist);
			for (k = 0; k < len; k++, o++)
				want[o] = want[o - dist];
		}
		put_fixed_lit(&w, 256);
	}
	if (blocks % 3 != 0) {	/* last block was Huffman: close with an empty final one */
		put_bits(&w, 1, 1);
		put_bits(&w, 1, 2);
		put_fixed_lit(&w, 256);
	}
	if (w.cnt)
		put_bits(&w, 0, 8 - w.cnt);
	put_le32(&w, bitwise_crc32(want, n));
	put_le32(&w, (uint32_t)n);
	gzlen = w.n;
	check_stream("synthetic fixed + stored blocks", gz, gzlen, want, n);
	free(want);
	free(gz);
}

/* BTYPE of the first block of a `gzip -n` stream. */
static unsigned int first_btype(const uint8_t *gz)
{
	return (gz[10] >> 1) & 3;
}

static void test_block_types(void)
{
	static const char hello[] = "hello, hello, hello world\n";
	uint8_t *text = make_text(10000), *rnd = make_random(10000);
	size_t l1, l2, l3;
	uint8_t *a = host_gzip(hello, sizeof(hello) - 1, 9, "-n", &l1);
	uint8_t *b = host_gzip(text, 10000, 9, "-n", &l2);
	uint8_t *c = host_gzip(rnd, 10000, 9, "-n", &l3);

	check(first_btype(a) == 1 && first_btype(b) == 2 && first_btype(c) == 0,
	      "gzip emits fixed, dynamic and stored blocks for the test inputs");
	free(text);
	free(rnd);
	free(a);
	free(b);
	free(c);
}

/* A newc cpio archive holding busybox and a few small files. */
static void test_cpio(void)
{
	size_t n, gzlen;
	uint8_t *cpio, *gz;
	char path[256];

	run("mkdir -p %s/root/bin %s/root/etc && cp /bin/busybox %s/root/bin/ &&"
	    " ln -sf busybox %s/root/bin/sh && echo tine > %s/root/etc/hostname &&"
	    " cd %s/root && find . | LC_ALL=C sort | cpio -o -H newc --quiet > ../root.cpio",
	    tmpdir, tmpdir, tmpdir, tmpdir, tmpdir, tmpdir);
	snprintf(path, sizeof(path), "%s/root.cpio", tmpdir);
	cpio = read_file(path, &n);
	check(n > 6 && memcmp(cpio, "070701", 6) == 0, "cpio archive built (%zu bytes)", n);
	gz = host_gzip(cpio, n, 9, "", &gzlen);
	check_stream("busybox cpio gzip -9", gz, gzlen, cpio, n);
	free(gz);
	free(cpio);
}

/* Rebuild a `gzip -n` stream's header with every optional field. */
static uint8_t *with_all_fields(const uint8_t *gz, size_t gzlen, size_t *newlen)
{
	static const uint8_t extra[] = { 'A', 'P', 4, 0, 1, 2, 3, 4 };
	static const char name[] = "initramfs.cpio", comment[] = "a comment";
	uint8_t *p = xmalloc(gzlen + 64);
	size_t n = 0;
	uint32_t crc = 0xffffffff;
	unsigned int i, k;

	memcpy(p, gz, 10);
	p[3] = 0x02 | 0x04 | 0x08 | 0x10;
	n = 10;
	p[n++] = sizeof(extra);
	p[n++] = 0;
	memcpy(p + n, extra, sizeof(extra));
	n += sizeof(extra);
	memcpy(p + n, name, sizeof(name));
	n += sizeof(name);
	memcpy(p + n, comment, sizeof(comment));
	n += sizeof(comment);
	for (i = 0; i < n; i++) {	/* bitwise CRC-32, independent of the table */
		crc ^= p[i];
		for (k = 0; k < 8; k++)
			crc = crc & 1 ? (crc >> 1) ^ 0xedb88320 : crc >> 1;
	}
	crc = ~crc;
	p[n++] = (uint8_t)crc;
	p[n++] = (uint8_t)(crc >> 8);
	memcpy(p + n, gz + 10, gzlen - 10);
	*newlen = n + gzlen - 10;
	return p;
}

static void test_framing(void)
{
	uint8_t *text = make_text(200000), *rnd = make_random(40000);
	size_t la, lb, lc, lf, n, total = 200000 + 40000 + 1000;
	uint8_t *a = host_gzip(text, 200000, 6, "-n", &la);
	uint8_t *b = host_gzip(rnd, 40000, 6, "-n", &lb);
	uint8_t *c = host_gzip(text + 5, 1000, 1, "", &lc);	/* has FNAME */
	uint8_t *cat = xmalloc(la + lb + lc + 16), *want = xmalloc(total);
	uint8_t *f = with_all_fields(a, la, &lf);
	long r;

	check_stream("FNAME header", c, lc, text + 5, 1000);
	check_stream("FEXTRA+FNAME+FCOMMENT+FHCRC header", f, lf, text, 200000);
	f[lf - la + 9] ^= 1;	/* corrupt the OS byte, covered by FHCRC */
	r = decode(f, lf, 200000, NULL);
	check(r == INFLATE_EINVAL, "bad FHCRC rejected (%ld)", r);

	memcpy(cat, a, la);
	memcpy(cat + la, b, lb);
	memcpy(cat + la + lb, c, lc);
	memcpy(want, text, 200000);
	memcpy(want + 200000, rnd, 40000);
	memcpy(want + 240000, text + 5, 1000);
	check_stream("three concatenated members", cat, la + lb + lc, want, total);
	n = la + lb + lc;
	memset(cat + n, 0, 16);
	check_stream("members + 16 zero bytes of padding", cat, n + 16, want, total);
	cat[n + 7] = 0x42;
	r = decode(cat, n + 16, total, NULL);
	check(r == INFLATE_EINVAL, "trailing garbage rejected (%ld)", r);

	memcpy(cat, a, la);
	cat[3] = 0x20;
	r = decode(cat, la, 200000, NULL);
	check(r == INFLATE_EINVAL, "reserved FLG bit rejected (%ld)", r);
	cat[3] = 0;
	cat[2] = 7;
	r = decode(cat, la, 200000, NULL);
	check(r == INFLATE_EINVAL && !is_gzip(cat, la) && gzip_size(cat, la) == INFLATE_EINVAL,
	      "method other than deflate rejected (%ld)", r);
	r = decode((const uint8_t *)"plain text, not gzip", 20, 100, NULL);
	check(r == INFLATE_EINVAL, "non-gzip input rejected (%ld)", r);
	r = decode(a, la, 0, NULL);
	check(r == INFLATE_ENOSPC, "zero-size output gives ENOSPC (%ld)", r);

	free(text);
	free(rnd);
	free(a);
	free(b);
	free(c);
	free(cat);
	free(want);
	free(f);
}

/* Truncations, single bit flips and random mutations of one stream. */
static void test_corruption(const char *name, const uint8_t *data, size_t n,
			    int level)
{
	size_t gzlen, i, step, truncs = 0, flips = 0, caught = 0;
	uint8_t *gz = host_gzip(data, n, level, "-n", &gzlen);
	uint8_t *bad = xmalloc(gzlen);
	int ok = 1, trailer_ok = 1;
	long r;
	unsigned int bit, iter;

	step = gzlen > 3000 ? gzlen / 1500 : 1;
	for (i = 0; i < gzlen; i += step, truncs++) {
		r = decode(gz, i, n, NULL);
		if (r != INFLATE_EINVAL)
			ok = 0;
	}
	check(ok, "%s: %zu truncations all give EINVAL", name, truncs);

	ok = 1;
	step = gzlen > 1000 ? gzlen / 700 : 1;
	for (i = 0; i < gzlen; i += step) {
		for (bit = 0; bit < 8; bit++, flips++) {
			memcpy(bad, gz, gzlen);
			bad[i] ^= (uint8_t)(1u << bit);
			if (!decodes_to_or_fails(bad, gzlen, data, n, &r))
				ok = 0;
			if (r < 0)
				caught++;
		}
	}
	for (i = gzlen - 8; i < gzlen; i++) {
		memcpy(bad, gz, gzlen);
		bad[i] ^= 0x10;
		if (decode(bad, gzlen, n, NULL) != INFLATE_EINVAL)
			trailer_ok = 0;
	}
	check(ok, "%s: %zu bit flips fail or decode correctly (%zu caught)",
	      name, flips, caught);
	check(trailer_ok, "%s: corrupt CRC32 or ISIZE gives EINVAL", name);

	ok = 1;
	for (iter = 0; iter < 3000; iter++) {
		unsigned int k, nmut = 1 + rng() % 4;

		memcpy(bad, gz, gzlen);
		for (k = 0; k < nmut; k++)
			bad[10 + rng() % (gzlen - 10)] = (uint8_t)rng();
		if (!decodes_to_or_fails(bad, gzlen, data, n, &r))
			ok = 0;
	}
	check(ok, "%s: 3000 random mutations fail or decode correctly", name);
	free(bad);
	free(gz);
}

/* Valid header followed by random bytes. */
static void test_garbage(void)
{
	uint8_t buf[4096];
	unsigned int iter;
	int ok = 1;
	long r;

	for (iter = 0; iter < 5000; iter++) {
		size_t i, n = 18 + rng() % (sizeof(buf) - 18);

		for (i = 0; i < n; i++)
			buf[i] = (uint8_t)rng();
		memcpy(buf, "\x1f\x8b\x08\x00\0\0\0\0\0\x03", 10);
		if (iter % 2)
			buf[10] = (uint8_t)((buf[10] & ~6) | 4);	/* dynamic block */
		r = decode(buf, n, 1 + rng() % 100000, NULL);
		if (r != INFLATE_EINVAL && r != INFLATE_ENOSPC)
			ok = 0;
	}
	check(ok, "5000 random deflate streams rejected");
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void bench_one(const char *name, const uint8_t *data, size_t n, int level)
{
	size_t gzlen;
	uint8_t *gz = host_gzip(data, n, level, "-n", &gzlen);
	uint8_t *out = xmalloc(n);
	double best = 1e9;
	int i;

	for (i = 0; i < 5; i++) {
		double t = now();
		long r = gunzip(gz, gzlen, out, n);

		t = now() - t;
		if (r != (long)n || memcmp(out, data, n))
			check(0, "bench %s decodes", name);
		if (t < best)
			best = t;
	}
	printf("# %s: %.1f MB -> %.1f MB in %.1f ms (%.0f MB/s of output)\n",
	       name, gzlen / 1e6, n / 1e6, best * 1e3, n / 1e6 / best);
	free(gz);
	free(out);
}

static void bench(void)
{
	size_t n = 10 << 20, cpiolen, i;
	uint8_t *text = make_text(n), *rnd = make_random(n), *mix = xmalloc(n);
	uint8_t *cpio;
	char path[256];

	/* Something like an initramfs: binaries repeated to 10 MB. */
	run("cd %s && cp /bin/busybox bb && find /usr/bin -maxdepth 1 -type f -size -400k"
	    " | head -200 | cpio -o -H newc --quiet > bins.cpio 2>/dev/null; true", tmpdir);
	snprintf(path, sizeof(path), "%s/bins.cpio", tmpdir);
	cpio = read_file(path, &cpiolen);
	for (i = 0; i < n; i++)
		mix[i] = cpiolen ? cpio[i % cpiolen] : text[i];
	bench_one("10 MB text gzip -6", text, n, 6);
	bench_one("10 MB text gzip -9", text, n, 9);
	bench_one("10 MB binaries gzip -9", mix, n, 9);
	bench_one("10 MB random (stored)", rnd, n, 6);
	free(text);
	free(rnd);
	free(mix);
	free(cpio);
}

int main(int argc, char **argv)
{
	uint8_t *text;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (!mkdtemp(tmpdir))
		die("mkdtemp");
	if (argc > 1 && strcmp(argv[1], "--bench") == 0) {
		bench();
	} else {
		test_block_types();
		test_roundtrips();
		test_synthetic();
		test_cpio();
		test_framing();
		text = make_text(20000);
		test_corruption("20 KB text -6", text, 20000, 6);
		test_corruption("300 B text -9 (fixed)", text, 300, 9);
		free(text);
		text = make_random(3000);
		test_corruption("3 KB random (stored)", text, 3000, 6);
		free(text);
		test_garbage();
	}
	run("rm -rf %s", tmpdir);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
