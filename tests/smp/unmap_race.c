/*
 * tests/smp/unmap_race.c: munmap and mprotect(PROT_NONE) of a page a
 * thread on another CPU keeps reading. When the call returns, every CPU
 * must have forgotten the old translation: the reader's very next
 * access faults. It counts its reads; the count when it faults may be
 * at most one past the count when the call returned (the read that was
 * in flight). Also over a page whose page table a fork child shares
 * (tine shares them at fork), and with munmap of a whole table's worth.
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

static char *map_touched(void)
{
	char *m = mmap(NULL, SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED)
		return NULL;
	madvise(m, SIZE, MADV_NOHUGEPAGE);
	for (size_t i = 0; i < SIZE; i += 4096)
		m[i] = 1;
	return m;
}

/* One round: returns reads done after the call returned, or -1. */
static long round_once(enum op op, int with_child)
{
	char *m = map_touched();
	char *page;
	pthread_t t;
	pid_t child = -1;
	long after;

	if (!m)
		return -1;
	/* 2 MiB aligned inside: one whole page table of its own. */
	page = (char *)(((unsigned long)m + (1UL << 21)) & ~((1UL << 21) - 1));
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
	else
		munmap(page, 1UL << 21);
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
	munmap(m, SIZE);
	return faulted_at - after;
}

static void run(const char *name, enum op op, int with_child)
{
	long worst = 0;

	for (int i = 0; i < ROUNDS; i++) {
		long late = round_once(op, with_child);

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
	run("munmap", OP_MUNMAP, 0);
	run("mprotect(PROT_NONE)", OP_MPROTECT, 0);
	run("munmap of a whole page table", OP_MUNMAP_TABLE, 0);
	run("munmap, tables shared with a child", OP_MUNMAP, 1);
	run("mprotect, tables shared with a child", OP_MPROTECT, 1);
	run("munmap of a table shared with a child", OP_MUNMAP_TABLE, 1);
	return tap_done();
}
