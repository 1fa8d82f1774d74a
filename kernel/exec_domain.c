/*
 * personality(2): the execution domain and its flags. Linux has one
 * domain left (PER_LINUX) and takes any value without judging it; the
 * flags that change behaviour here are read where they act:
 * ADDR_NO_RANDOMIZE and ADDR_COMPAT_LAYOUT by exec's layout
 * (mm/mmap_layout.c), READ_IMPLIES_EXEC by mmap and mprotect,
 * MMAP_PAGE_ZERO by the ELF loader. A set-id exec clears the dangerous
 * ones (PER_CLEAR_ON_SETID).
 */
#include <tine/sched.h>
#include <tine/syscall.h>
#include <uapi/personality.h>

/* personality(0xffffffff) only asks; anything else is the new value.
 * Returns the old one. */
static long sys_personality(unsigned int personality)
{
	unsigned int old = current->personality;

	if (personality != 0xffffffff)
		WRITE_ONCE(current->personality, personality);
	return old;
}
SYSCALL_ENTRY(personality, sys_personality);
