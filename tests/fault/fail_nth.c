/*
 * tests/fault/fail_nth.c: walk fork, vfork, clone(CLONE_THREAD) and
 * clone3 through every allocation they make, failing each in turn with
 * /proc/self/fail-nth (Linux's fault-injection interface): every
 * injected failure must come back as ENOMEM or EAGAIN (or the call
 * still succeeds, having coped), and when the walk is done the free
 * memory must be back where it was. Kernels without fault injection
 * (Debian's Linux: CONFIG_FAULT_INJECTION is off) skip it.
 */
#include "tap.h"
#include "failnth.h"
#include "proc.h"
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#define MAX_POINTS 400

static int fail_fd = -1;

/* Objects in use in the kernel's allocator (/proc/slabinfo's
 * active_objs column, summed); -1 if unreadable. */
static long slab_objects(void)
{
	static char buf[8192];
	int fd = open("/proc/slabinfo", O_RDONLY), n = 0, r;
	long total = 0;
	char *l;

	if (fd < 0)
		return -1;
	while ((r = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = 0;
	for (l = strchr(buf, '\n'); l && *++l; l = strchr(l, '\n')) {
		char name[64];
		long active;

		if (*l != '#' && sscanf(l, "%63s %ld", name, &active) == 2)
			total += active;
	}
	return total;
}

/* Each op returns the child's id (reaped by reap()), or -errno. */
static long op_fork(void)
{
	long pid = syscall(SYS_fork);

	if (pid == 0)
		_exit(0);
	return pid < 0 ? -errno : pid;
}

static long op_vfork(void)
{
	long pid = vfork();

	if (pid == 0)
		_exit(0);
	return pid < 0 ? -errno : pid;
}

static volatile int ctid;

/* A thread that exits at once; CHILD_CLEARTID tells us it is gone. */
static long op_thread(void)
{
	static char stack[16384] __attribute__((aligned(16)));
	unsigned long flags = CLONE_VM | CLONE_FS | CLONE_FILES |
			      CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
			      CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
	register long r10 __asm__("r10") = (long)&ctid;
	register long r8 __asm__("r8") = 0;
	long ret;

	ctid = 0;
	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov $60, %%eax\n\t"	/* SYS_exit: no stack needed */
			 "xor %%edi, %%edi\n\t"
			 "syscall\n"
			 "1:"
			 : "=a"(ret)
			 : "0"((long)SYS_clone), "D"(flags),
			   "S"(stack + sizeof(stack)), "d"(&ctid), "r"(r10),
			   "r"(r8)
			 : "rcx", "r11", "memory");
	if (ret < 0)
		return ret;
	while (ctid)
		syscall(SYS_futex, &ctid, 0 /* FUTEX_WAIT */, ctid, NULL);
	return 0;	/* nothing to reap */
}

struct clone_args_ {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		stack_size, tls;
};

static long op_clone3(void)
{
	struct clone_args_ a = { .exit_signal = SIGCHLD };
	long pid = syscall(SYS_clone3, &a, sizeof(a));

	if (pid == 0)
		_exit(0);
	return pid < 0 ? -errno : pid;
}

static void reap(long pid)
{
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

static void walk(const char *name, long (*op)(void))
{
	int points = 0, clean = 1, n;
	long r;

	for (n = 1; n <= MAX_POINTS; n++) {
		set_fail_nth(fail_fd, n);
		r = op();
		if (get_fail_nth(fail_fd) != 0) {	/* the Nth was never reached */
			set_fail_nth(fail_fd, 0);
			reap(r);
			break;
		}
		points++;
		if (r < 0 && r != -ENOMEM && r != -EAGAIN) {
			diag("%s: failure point %d gave %ld", name, n, r);
			clean = 0;
		}
		reap(r);
	}
	ok(points > 0 && n <= MAX_POINTS, "%s: walked all %d allocation points",
	   name, points);
	ok(clean, "%s: each injected failure is ENOMEM or EAGAIN", name);
}

int main(void)
{
	long before, after, objs_before, objs_after;

	fail_fd = open("/proc/self/fail-nth", O_RDWR);
	if (fail_fd < 0) {
		ok(1, "no /proc/self/fail-nth on this kernel # SKIP");
		return tap_done();
	}
	/* Warm up caches the kernel keeps (slabs, page tables), and the
	 * text buffer /proc files keep from their first read on. */
	get_fail_nth(fail_fd);
	reap(op_fork());
	reap(op_vfork());
	op_thread();
	reap(op_clone3());
	before = memfree_kb();
	objs_before = slab_objects();
	walk("fork", op_fork);
	walk("vfork", op_vfork);
	walk("clone(CLONE_THREAD)", op_thread);
	walk("clone3", op_clone3);
	{
		/* With memory worth sharing page tables for (tine does). */
		size_t big = 8 << 20;
		char *m = mmap(NULL, big, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		for (size_t i = 0; m != MAP_FAILED && i < big; i += 4096)
			m[i] = 1;
		walk("fork with 8 MiB touched", op_fork);
		for (size_t i = 0; m != MAP_FAILED && i < big; i += 4096)
			m[i] = 2;	/* the parent's tables are its own again */
		munmap(m, big);
	}
	/* A reaped task's last references (its task_struct, and with it
	 * its signal state, pid and stack) go when its CPU has switched
	 * away from it: on several CPUs that may come just after the
	 * reap, so free memory is read again too until both are back (or
	 * a second went by). */
	after = memfree_kb();
	objs_after = slab_objects();
	for (int i = 0; i < 100 && (objs_after != objs_before ||
				    before - after > 64); i++) {
		usleep(10000);
		after = memfree_kb();
		objs_after = slab_objects();
	}
	ok(before - after <= 64, "free memory is back after the walks "
	   "(before %ld kB, after %ld kB)", before, after);
	/* Linux's slab counts move with every cache in the system; tine's
	 * are only ours, and must come back exactly. */
	ok(objs_before == objs_after, "kernel objects are back after the "
	   "walks (before %ld, after %ld)", objs_before, objs_after);
	ok(op_fork() > 0, "fork works again afterwards");
	while (wait(NULL) > 0)
		;
	return tap_done();
}
