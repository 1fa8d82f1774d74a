/*
 * tests/helpers/core_helper: a core_pattern pipe helper for
 * tests/coredump/pipe. Run by the kernel as "core_helper OUT PROCDIR
 * ARGS...", it reads the core from stdin and writes OUT (through
 * OUT.tmp and a rename, so it appears whole) with one "key=value" line
 * each: its arguments, the core's size and ELF type, its ids, its
 * parent's comm, its RLIMIT_CORE, whether stdin is a FIFO and fd 1 is
 * open, and whether PROCDIR (the dumping process) still exists.
 * With PROCDIR "stall" it reads nothing (see main).
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static char buf[1 << 16];

static void parent_comm(char *comm, size_t n)
{
	char path[64];
	int fd;
	ssize_t r;

	snprintf(path, sizeof(path), "/proc/%d/comm", getppid());
	strcpy(comm, "?");
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	r = read(fd, comm, n - 1);
	comm[r > 0 ? r : 0] = 0;
	comm[strcspn(comm, "\n")] = 0;
	close(fd);
}

int main(int argc, char **argv)
{
	unsigned char head[EI_NIDENT + 2] = { 0 };
	unsigned long total = 0;
	struct rlimit rl;
	struct stat st;
	char tmp[256], comm[32];
	ssize_t r;
	FILE *out;

	if (argc < 3)
		return 1;
	/* "core_helper OUT stall": report that we run, read nothing for
	 * 6 s (the dumper blocks on the full pipe), then report again. */
	if (!strcmp(argv[2], "stall")) {
		snprintf(tmp, sizeof(tmp), "%s.started", argv[1]);
		close(open(tmp, O_WRONLY | O_CREAT, 0600));
		sleep(6);
		close(open(argv[1], O_WRONLY | O_CREAT, 0600));
		return 0;
	}
	while ((r = read(0, buf, sizeof(buf))) > 0) {
		if (total < sizeof(head))
			memcpy(head + total, buf,
			       sizeof(head) - total < (size_t)r ?
				       sizeof(head) - total : (size_t)r);
		total += r;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[1]);
	out = fopen(tmp, "w");
	if (!out)
		return 2;
	fprintf(out, "argc=%d\n", argc - 3);
	for (int i = 3; i < argc; i++)
		fprintf(out, "arg%d=%s\n", i - 3, argv[i]);
	fprintf(out, "bytes=%lu\n", total);
	fprintf(out, "elf=%d\n", !memcmp(head, ELFMAG, SELFMAG));
	fprintf(out, "etype=%d\n", head[16] | head[17] << 8);
	fprintf(out, "uid=%d\neuid=%d\ngid=%d\n", getuid(), geteuid(),
		getgid());
	parent_comm(comm, sizeof(comm));
	fprintf(out, "pcomm=%s\n", comm);
	getrlimit(RLIMIT_CORE, &rl);
	fprintf(out, "rlimit_core=%lu %lu\n", (unsigned long)rl.rlim_cur,
		(unsigned long)rl.rlim_max);
	fprintf(out, "stdin_fifo=%d\n", !fstat(0, &st) && S_ISFIFO(st.st_mode));
	fprintf(out, "fd1_open=%d\n", fcntl(1, F_GETFD) >= 0);
	fprintf(out, "proc_alive=%d\n", !stat(argv[2], &st));
	if (fclose(out) || rename(tmp, argv[1]))
		return 3;
	return 0;
}
