#ifndef TINE_INFLATE_H
#define TINE_INFLATE_H

/*
 * gzip (RFC 1952) and DEFLATE (RFC 1951) decoder, used to unpack the
 * compressed initramfs that the boot loader hands us.
 *
 * The decoder works from one input buffer into one output buffer that holds
 * the whole result (the output doubles as the 32 KiB history window), so it
 * needs no allocation. Errors are negative errno values with Linux's
 * numbering, spelled INFLATE_E* here so this header stands alone:
 *
 *   INFLATE_EINVAL  -EINVAL: not gzip, corrupt, truncated, bad CRC or size
 *   INFLATE_ENOSPC  -ENOSPC: the output buffer is too small
 *
 * Nothing here sleeps or takes a lock; the functions are reentrant as long
 * as each caller brings its own struct inflate_state.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INFLATE_EINVAL	(-22)	/* == -EINVAL */
#define INFLATE_ENOSPC	(-28)	/* == -ENOSPC */

/*
 * Codes up to this many bits are decoded by one table lookup; longer (rare)
 * codes fall back to a canonical-code walk.
 */
#define INFLATE_LIT_BITS	9
#define INFLATE_DIST_BITS	7

#define INFLATE_MAX_LIT		288	/* literal/length alphabet */
#define INFLATE_MAX_DIST	32	/* distance alphabet */

/*
 * Decoding tables for one gunzip call (2.3 KiB). gunzip() keeps one
 * on its own stack; gunzip_ws() takes a caller-provided one instead.
 */
struct inflate_state {
	uint16_t lit_fast[1 << INFLATE_LIT_BITS];   /* next bits -> len<<9|sym, 0: long code */
	uint16_t dist_fast[1 << INFLATE_DIST_BITS]; /* same, for distances */
	uint16_t lit_count[16];                     /* literal/length codes of each length */
	uint16_t dist_count[16];                    /* distance codes of each length */
	uint16_t lit_sym[INFLATE_MAX_LIT];          /* symbols in canonical code order */
	uint16_t dist_sym[INFLATE_MAX_DIST];        /* same, for distances */
	uint8_t lens[INFLATE_MAX_LIT + INFLATE_MAX_DIST]; /* code lengths being read */
};

/*
 * is_gzip - does the buffer start with a gzip member header (magic 1f 8b,
 * method deflate) and is it long enough to hold a header and trailer?
 */
bool is_gzip(const void *in, size_t inlen);

/*
 * gzip_size - decompressed size recorded in the trailer (ISIZE, the size
 * mod 2^32) of the last gzip member in the buffer, or INFLATE_EINVAL if the
 * buffer is not gzip. Exact for a single member below 4 GiB without
 * trailing padding; for concatenated members it is only the last member's
 * size, so such callers should grow the buffer and retry on INFLATE_ENOSPC.
 */
long gzip_size(const void *in, size_t inlen);

/*
 * gunzip - decompress every gzip member in @in back to back into @out.
 * FEXTRA, FNAME, FCOMMENT and FHCRC are handled; each member's CRC32 and
 * ISIZE are verified. Zero bytes after the last member are ignored as
 * padding; anything else there is INFLATE_EINVAL.
 *
 * Returns the number of bytes written, INFLATE_EINVAL for input that is not
 * valid gzip, or INFLATE_ENOSPC if @outcap is too small (the contents of
 * @out are then undefined). Never reads past @in + @inlen nor writes past
 * @out + @outcap. Uses about 3 KiB of stack.
 */
long gunzip(const void *in, size_t inlen, void *out, size_t outcap);

/* gunzip_ws - gunzip() with the decoding tables in @ws instead of on the stack. */
long gunzip_ws(const void *in, size_t inlen, void *out, size_t outcap,
	       struct inflate_state *ws);

#endif /* TINE_INFLATE_H */
