/*
 * tests/sys/arch_prctl.c: ARCH_SET_FS/ARCH_GET_FS (and GS): the base set
 * is what %fs-relative loads see.  libc's TLS lives at %fs, so while it is
 * changed no libc function is called: raw inline syscalls only.
 */
#include "tap.h"
/* From the Linux ABI (asm/prctl.h, not in musl). */
#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

static long raw2(long nr, long a, long b)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b)
			 : "rcx", "r11", "memory");
	return ret;
}

static unsigned long block[4] = { 0x1122334455667788UL, 0xabcdef };

int main(void)
{
	unsigned long fs = 0, got = 0, seen, gs = 0;
	long set_ret, restore_ret;

	expect_ok(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs));
	ok(fs != 0, "ARCH_GET_FS: libc has a TLS base");
	ok(*(unsigned long *)fs == fs, "the TLS base points to itself (x86-64 TLS ABI)");
	/* Point %fs at block, read through it, then put libc's base back. */
	set_ret = raw2(SYS_arch_prctl, ARCH_SET_FS, (long)block);
	__asm__ volatile("movq %%fs:8, %0" : "=r"(seen));
	raw2(SYS_arch_prctl, ARCH_GET_FS, (long)&got);
	restore_ret = raw2(SYS_arch_prctl, ARCH_SET_FS, (long)fs);
	is(set_ret, 0, "ARCH_SET_FS returns 0");
	is(restore_ret, 0, "ARCH_SET_FS back to libc's base");
	is(seen, 0xabcdef, "%%fs-relative loads use the new base");
	is(got, (unsigned long)block, "ARCH_GET_FS reads back the new base");
	expect_ok(syscall(SYS_arch_prctl, ARCH_SET_GS, block));
	expect_ok(syscall(SYS_arch_prctl, ARCH_GET_GS, &gs));
	is(gs, (unsigned long)block, "ARCH_SET_GS/ARCH_GET_GS round trip");
	/* A base above user space (even with LA57's 56-bit one) is refused. */
	expect_errno(syscall(SYS_arch_prctl, ARCH_SET_FS, 1UL << 56), EPERM);
	expect_errno(syscall(SYS_arch_prctl, 0x9999, 0), EINVAL);
	return tap_done();
}
