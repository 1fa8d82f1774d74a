/*
 * The newc cpio format ("070701", and "070702" with a byte-sum check):
 * a pure decoder, with no kernel dependencies, so tests/host can run it
 * (and fuzz it) under the sanitizers.
 */
#ifndef FS_CPIO_H
#define FS_CPIO_H

#include <tine/types.h>

#define CPIO_HDR_LEN 110
#define CPIO_NAME_MAX 4096		/* PATH_MAX */

struct cpio_hdr {
	u32 ino, mode, uid, gid, nlink, mtime, filesize;
	u32 devmajor, devminor, rdevmajor, rdevminor, namesize, check;
	bool crc;			/* 070702: check is a byte sum */
	const char *name;		/* NUL-terminated, inside the buffer */
	const char *data;		/* filesize bytes, inside the buffer */
};

enum cpio_result {
	CPIO_END = 0,			/* nothing but NUL padding left */
	CPIO_ENTRY = 1,			/* *h describes an entry */
	CPIO_TRAILER = 2,		/* "TRAILER!!!": an archive ended */
	CPIO_OTHER = 3,			/* not cpio at *pos (maybe gzip) */
	CPIO_ETRUNC = -1,		/* an entry runs past the buffer */
	CPIO_EBADHDR = -2,		/* bad hex digits or name */
	CPIO_ECRC = -3,			/* 070702 data does not match */
};

/*
 * cpio_next - decode the entry at buf[*pos], skipping NUL padding
 * first. On CPIO_ENTRY and CPIO_TRAILER *pos moves past the entry; on
 * CPIO_OTHER and errors it is left at the offending offset. Never reads
 * outside buf[0..len).
 */
int cpio_next(const char *buf, size_t len, size_t *pos, struct cpio_hdr *h);

#endif
