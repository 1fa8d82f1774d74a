/* personality(2): the execution domain and its flags (Linux's values). */
#ifndef UAPI_PERSONALITY_H
#define UAPI_PERSONALITY_H

#define PER_LINUX 0x0000
#define PER_MASK 0x00ff			/* the domain; the rest are flags */

#define UNAME26 0x0020000		/* uname says 2.6.x */
#define ADDR_NO_RANDOMIZE 0x0040000	/* no address-space randomisation */
#define FDPIC_FUNCPTRS 0x0080000
#define MMAP_PAGE_ZERO 0x0100000	/* exec maps page 0 (SVr4) */
#define ADDR_COMPAT_LAYOUT 0x0200000	/* bottom-up mmap layout */
#define READ_IMPLIES_EXEC 0x0400000	/* PROT_READ mappings are executable */
#define ADDR_LIMIT_32BIT 0x0800000
#define SHORT_INODE 0x1000000
#define WHOLE_SECONDS 0x2000000
#define STICKY_TIMEOUTS 0x4000000
#define ADDR_LIMIT_3GB 0x8000000

/* What a set-id exec (or one gaining capabilities) clears. */
#define PER_CLEAR_ON_SETID (READ_IMPLIES_EXEC | ADDR_NO_RANDOMIZE | \
			    ADDR_COMPAT_LAYOUT | MMAP_PAGE_ZERO)

#endif
