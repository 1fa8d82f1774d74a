/* fallocate(2) modes, as Linux's <linux/falloc.h>. */
#ifndef _UAPI_FALLOC_H
#define _UAPI_FALLOC_H

#define FALLOC_FL_KEEP_SIZE 0x01	/* do not change the size */
#define FALLOC_FL_PUNCH_HOLE 0x02	/* free the range */
#define FALLOC_FL_NO_HIDE_STALE 0x04	/* reserved */
#define FALLOC_FL_COLLAPSE_RANGE 0x08	/* remove the range */
#define FALLOC_FL_ZERO_RANGE 0x10	/* zero the range */
#define FALLOC_FL_INSERT_RANGE 0x20	/* insert a hole */
#define FALLOC_FL_UNSHARE_RANGE 0x40	/* unshare shared blocks */

#define FALLOC_FL_SUPPORTED_MASK 0x7f

#endif
