/*
 * tests/mem/cow.c: copy-on-write fork. Private memory (data, heap,
 * stack, private anonymous and private file mappings) is copied lazily:
 * after fork each side sees only its own writes, however many pages and
 * in whatever order they are written; shared mappings stay shared; a
 * read-only page stays read-only in the child; a grandchild forked
 * after its parent's writes sees them.
 */
#include "tap.h"
#include <sys/mman.h>

#define PAGES 256

static int data_word = 1;

static int child_sees(char *buf, char want)
{
	for (int i = 0; i < PAGES; i++)
		if (buf[i * 4096] != want)
			return 0;
	return 1;
}

static void test_private(void)
{
	char *buf = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int p[2], status = -1;
	char c = 0;
	pid_t pid;

	for (int i = 0; i < PAGES; i++)
		buf[i * 4096] = 'p';
	data_word = 1;
	pipe(p);
	pid = fork();
	if (pid == 0) {
		int okk = child_sees(buf, 'p') && data_word == 1;
		for (int i = PAGES - 1; i >= 0; i--)	/* backwards */
			buf[i * 4096] = 'c';
		data_word = 2;
		okk = okk && child_sees(buf, 'c');
		write(p[1], "x", 1);	/* the parent writes now */
		usleep(20000);
		_exit(okk && child_sees(buf, 'c') && data_word == 2 ? 0 : 1);
	}
	read(p[0], &c, 1);
	for (int i = 0; i < PAGES; i += 2)
		buf[i * 4096] = 'P';
	data_word = 3;
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0), "the child saw the parent's data, then only its own writes");
	ok(buf[0] == 'P' && buf[4096] == 'p' && data_word == 3,
	   "the parent sees only its own writes");
	munmap(buf, PAGES * 4096);
}

static void test_shared_and_readonly(void)
{
	char *sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char *ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int status = -1;
	pid_t pid;

	sh[0] = 1;
	ro[0] = 5;
	mprotect(ro, 4096, PROT_READ);
	pid = fork();
	if (pid == 0) {
		sh[0] = 2;
		_exit(ro[0] == 5 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	is(sh[0], 2, "a MAP_SHARED page stays shared across fork");
	ok(exited_with(status, 0), "a read-only private page reads the same");
	pid = fork();
	if (pid == 0) {
		ro[0] = 6;	/* must fault */
		_exit(0);
	}
	waitpid(pid, &status, 0);
	ok(killed_by(status, SIGSEGV), "... and stays read-only in the child");
}

static void test_grandchild(void)
{
	int status = -1;
	pid_t pid;

	data_word = 10;
	pid = fork();
	if (pid == 0) {
		pid_t g;
		data_word = 11;
		g = fork();
		if (g == 0)
			_exit(data_word == 11 ? 0 : 1);
		waitpid(g, &status, 0);
		_exit(exited_with(status, 0) && data_word == 11 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0) && data_word == 10,
	   "a grandchild sees its parent's writes, not ours");
}

int main(void)
{
	test_private();
	test_shared_and_readonly();
	test_grandchild();
	return tap_done();
}
