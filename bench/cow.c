/*
 * bench/cow.c [KIB] [ROUNDS]: the first write to a copy-on-write page.
 *
 * The parent maps KIB KiB (default 4096) of private anonymous memory and
 * writes every page.  Each round it forks; the child writes one byte to
 * each page, timing every write alone (the page fault, allocating and
 * copying the page, the PTE update and the return), and sends the samples
 * back over a pipe before it exits.  Reports "cow-write": the per-page
 * samples of all rounds, with the mean of the whole write loop per page.
 * MADV_NOHUGEPAGE keeps Linux to 4 KiB pages, like tine.
 */
#include "bench.h"
#include <sys/mman.h>
#include <sys/wait.h>

#define PAGE 4096

/* Child: write every page, send the samples and the loop total, exit. */
static void child(char *p, size_t pages, int out)
{
	uint64_t *s = bench_alloc(pages + 1), t_all = bench_tsc();
	size_t i, len = (pages + 1) * sizeof(*s), done = 0;

	for (i = 0; i < pages; i++) {
		uint64_t t0 = bench_tsc();

		p[i * PAGE] = 2;
		s[i] = bench_tsc() - t0;
	}
	s[pages] = bench_tsc() - t_all;
	while (done < len) {
		ssize_t n = write(out, (char *)s + done, len - done);

		if (n <= 0)
			_exit(1);
		done += (size_t)n;
	}
	_exit(0);
}

/* Parent: read exactly len bytes from fd. */
static int read_all(int fd, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = read(fd, (char *)buf + done, len - done);

		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

int main(int argc, char **argv)
{
	size_t kib = bench_iters(argc, argv, 1, 4096);
	size_t rounds = bench_iters(argc, argv, 2, 4);
	size_t pages = kib / 4, r, i;
	uint64_t *s = bench_alloc(rounds * pages), *one = bench_alloc(pages + 1);
	uint64_t loops = 0;
	char *p;
	int fds[2], status;

	p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		bench_fail("cow-write", "mmap");
	madvise(p, pages * PAGE, MADV_NOHUGEPAGE);
	for (i = 0; i < pages; i++)
		p[i * PAGE] = 1;
	for (r = 0; r < rounds; r++) {
		pid_t pid;

		if (pipe(fds) < 0)
			bench_fail("cow-write", "pipe");
		pid = fork();
		if (pid < 0)
			bench_fail("cow-write", "fork");
		if (pid == 0) {
			close(fds[0]);
			child(p, pages, fds[1]);
		}
		close(fds[1]);
		if (read_all(fds[0], one, (pages + 1) * sizeof(*one)) < 0) {
			printf("# bench cow-write: child sent short samples\n");
			return 1;
		}
		close(fds[0]);
		if (waitpid(pid, &status, 0) != pid || status != 0) {
			printf("# bench cow-write: child status %#x\n", status);
			return 1;
		}
		memcpy(s + r * pages, one, pages * sizeof(*s));
		loops += one[pages];
	}
	bench_report("cow-write", s, rounds * pages, loops / (rounds * pages));
	return 0;
}
