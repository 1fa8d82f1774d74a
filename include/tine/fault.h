/* The page-fault interface between arch traps and mm/fault.c. */
#ifndef TINE_FAULT_H
#define TINE_FAULT_H

#include <tine/types.h>

#define FAULT_FLAG_WRITE 0x1
#define FAULT_FLAG_EXEC 0x2
#define FAULT_FLAG_USER 0x4
#define FAULT_FLAG_PRESENT 0x8	/* the page was present: a protection fault */

/* handle_mm_fault results */
#define FAULT_OK 0
#define FAULT_MAPERR 1		/* no mapping: SIGSEGV, SEGV_MAPERR */
#define FAULT_ACCERR 2		/* mapping forbids it: SIGSEGV, SEGV_ACCERR */
#define FAULT_SIGBUS 3		/* beyond the end of a mapped file */
#define FAULT_OOM 4		/* out of memory */

int handle_mm_fault(unsigned long addr, unsigned int flags);

#endif
