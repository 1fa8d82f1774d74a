/*
 * tests/smp/unmap_race.c: munmap and mprotect(PROT_NONE) of a page a
 * thread on another CPU keeps reading. When the call returns, every CPU
 * must have forgotten the old translation: the reader's very next
 * access faults. It counts its reads; the count when it faults may be
 * at most one past the count when the call returned (the read that was
 * in flight). Also over a page whose page table a fork child shares
 * (tine shares them at fork), with munmap of a whole table's worth, and
 * inside a 1 GiB-aligned gigabyte with 64 MiB of tables in use (tine
 * shares the whole page directory with a fork child), with munmap of
 * the whole gigabyte.
 */
#include "smp.h"
#include <pthread.h>
#include <setjmp.h>
#include <sys/mman.h>

#define ROUNDS 10
#define SIZE (4UL << 20)

static volatile char *target;
static volatile long reads;
static volatile long faulted_at;
static __thread sigjmp_buf jump;

static void on_segv(int sig)
{
	(void)sig;
	siglongjmp(jump, 1);
}

static void *reader(void *arg)
{
	(void)arg;
	pin_to_cpu(1);
	if (sigsetjmp(jump, 1)) {
		__atomic_store_n(&faulted_at, reads, __ATOMIC_RELEASE);
		return NULL;
	}
	for (;;) {
		(void)*target;
		__atomic_store_n(&reads, reads + 1, __ATOMIC_RELEASE);
	}
}

enum op { OP_MUNMAP, OP_MPROTECT, OP_MUNMAP_TABLE };

#define GIB (1UL << 30)

static char *map_touched(size_t size)
{
	char *m = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (m == MAP_FAILED)
		return NULL;
	madvise(m, size, MADV_NOHUGEPAGE);
	for (size_t i = 0; i < (size < SIZE ? size : SIZE); i += 4096)
		m[i] = 1;
	return m;
}

/* The gigabyte case: 2 GiB reserved, the 1 GiB-aligned one inside it
 * gets a page every 2 MiB over 64 MiB, and 2 MiB in full after that. */
static char *touch_gigabyte(char *m)
{
	char *base = (char *)(((unsigned long)m + GIB - 1) & ~(GIB - 1));

	for (size_t i = 0; i < (64UL << 20); i += 1UL << 21)
		base[i] = 1;
	for (size_t i = 0; i < (1UL << 21); i += 4096)
		base[(64UL << 20) + i] = 1;
	return base + (64UL << 20);
}

/* One round: returns reads done after the call returned, or -1. */
static long round_once(enum op op, int with_child, int gigabyte)
{
	size_t size = gigabyte ? 2 * GIB : SIZE;
	char *m = map_touched(size);
	char *page;
	pthread_t t;
	pid_t child = -1;
	long after;

	if (!m)
		return -1;
	/* 2 MiB aligned inside: one whole page table of its own. */
	page = (char *)(((unsigned long)m + (1UL << 21)) & ~((1UL << 21) - 1));
	if (gigabyte)
		page = touch_gigabyte(m);
	target = page + 5 * 4096;
	reads = 0;
	faulted_at = -1;
	if (with_child) {
		child = fork();
		if (child == 0) {
			pause_ms(2000);
			_exit(0);
		}
	}
	pthread_create(&t, NULL, reader, NULL);
	if (!wait_for(&reads, 1000, 5000))
		diag("the reader did not get going (%ld reads)", reads);
	if (op == OP_MUNMAP)
		munmap((char *)target, 4096);
	else if (op == OP_MPROTECT)
		mprotect((char *)target, 4096, PROT_NONE);
	else if (!gigabyte)
		munmap(page, 1UL << 21);
	else
		munmap(page - (64UL << 20), GIB);
	after = reads;
	if (!wait_for(&faulted_at, 0, 5000)) {
		diag("no fault: %ld reads when the call returned, %ld now",
		     after, reads);
		return -1;
	}
	pthread_join(t, NULL);
	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}
	munmap(m, size);
	return faulted_at - after;
}

static void run(const char *name, enum op op, int with_child, int gigabyte)
{
	long worst = 0;

	for (int i = 0; i < ROUNDS; i++) {
		long late = round_once(op, with_child, gigabyte);

		if (late < 0) {
			worst = -1;
			break;
		}
		if (late > worst)
			worst = late;
	}
	ok(worst >= 0 && worst <= 1, "%s: the reader faulted at once "
	   "(%ld reads after the call returned, at most 1 allowed)", name,
	   worst);
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_segv };

	sigaction(SIGSEGV, &sa, NULL);
	pin_to_cpu(0);
	run("munmap", OP_MUNMAP, 0, 0);
	run("mprotect(PROT_NONE)", OP_MPROTECT, 0, 0);
	run("munmap of a whole page table", OP_MUNMAP_TABLE, 0, 0);
	run("munmap, tables shared with a child", OP_MUNMAP, 1, 0);
	run("mprotect, tables shared with a child", OP_MPROTECT, 1, 0);
	run("munmap of a table shared with a child", OP_MUNMAP_TABLE, 1, 0);
	run("munmap in a gigabyte shared with a child", OP_MUNMAP, 1, 1);
	run("mprotect in a gigabyte shared with a child", OP_MPROTECT, 1, 1);
	run("munmap of a whole gigabyte shared with a child",
	    OP_MUNMAP_TABLE, 1, 1);
	return tap_done();
}
