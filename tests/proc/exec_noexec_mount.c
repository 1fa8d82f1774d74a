/*
 * tests/proc/exec_noexec_mount.c: a filesystem mounted noexec holds no
 * programs: execve of a file on it is EACCES, even for root and with the
 * x bits set, and its files cannot be mapped executable (mmap with
 * PROT_EXEC: EPERM; mprotect to PROT_EXEC later: EACCES), as Linux.
 * Without noexec the same file runs.
 *
 * Run with argv[1] == "--exit-zero" it just exits 0.
 */
#include "tap.h"
#include <sys/mman.h>
#include <sys/mount.h>

static int exec_status(const char *path)
{
	int st = -1;
	pid_t p = fork();

	if (p == 0) {
		char *args[] = { (char *)path, "--exit-zero", NULL };

		execv(path, args);
		_exit(errno);
	}
	waitpid(p, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(int argc, char **argv)
{
	char dir[64], file[80];
	void *m;
	int fd;

	if (argc > 1 && !strcmp(argv[1], "--exit-zero"))
		return 0;
	scratch(dir, sizeof(dir), "noexec");
	snprintf(file, sizeof(file), "%s/prog", dir);
	expect_ok(mkdir(dir, 0755));
	if (!ok(mount("tmpfs", dir, "tmpfs", MS_NOEXEC, NULL) == 0,
		"mount a tmpfs noexec"))
		return tap_done();
	ok(copy_file(argv[0], file, 0755) == 0, "copy this program there");
	is(exec_status(file), EACCES, "execve on a noexec mount: EACCES");
	fd = open(file, O_RDONLY);
	m = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
	ok(m == MAP_FAILED && errno == EPERM, "mmap PROT_EXEC of a noexec "
	   "file: EPERM");
	m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	ok(m != MAP_FAILED, "mmap PROT_READ of it works");
	if (m != MAP_FAILED) {
		ok(mprotect(m, 4096, PROT_READ | PROT_EXEC) == -1 &&
		   errno == EACCES, "... mprotect to PROT_EXEC: EACCES");
		munmap(m, 4096);
	}
	close(fd);
	expect_ok(mount(NULL, dir, NULL, MS_REMOUNT, NULL));
	is(exec_status(file), 0, "remounted without noexec, it runs");
	unlink(file);
	expect_ok(umount(dir));
	rmdir(dir);
	return tap_done();
}
