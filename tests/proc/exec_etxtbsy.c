/*
 * tests/proc/exec_etxtbsy.c: a program file is not written while it
 * runs, nor run while it is open for writing (Linux's
 * deny_write_access): execve of a file someone has open for writing is
 * ETXTBSY; while a process runs a file, opening it for writing (also
 * with O_TRUNC, which must not truncate it, and O_RDONLY | O_TRUNC)
 * and truncate(2) are ETXTBSY, reading is fine; a forked child that keeps the old address
 * space after its parent exec'd something else keeps the file busy;
 * a #! script is not busy, its interpreter is; once the last user is
 * gone the file may be written again.
 *
 * Run as "--pause FD" (or "--pause-script SCRIPT FD", as a script's
 * interpreter) it writes one byte to FD and sleeps; as
 * "--fork-pause FD" it forks a child that sleeps, then execs itself
 * (the original program, passed in argv[3]) with "--pause FD".
 */
#include "tap.h"

static char copy[64], script[64];

static int pause_mode(int fd)
{
	char c = 'r';

	write(fd, &c, 1);
	for (;;)
		pause();
	return 0;
}

/* Start path with args in a child in its own process group; wait until
 * it reports ready on a pipe. Returns its pid. */
static pid_t start(char **args)
{
	int rd[2];
	char c, fd[16];
	pid_t p;

	if (pipe(rd))
		return -1;
	snprintf(fd, sizeof(fd), "%d", rd[1]);
	for (int i = 0; args[i]; i++)
		if (!strcmp(args[i], "FD"))
			args[i] = fd;
	p = fork();
	if (p == 0) {
		setpgid(0, 0);
		close(rd[0]);
		execv(args[0], args);
		_exit(100);
	}
	close(rd[1]);
	if (read(rd[0], &c, 1) != 1)
		p = -1;
	close(rd[0]);
	return p;
}

static void stop(pid_t p)
{
	kill(-p, SIGKILL);
	while (waitpid(-p, NULL, 0) > 0)
		;
}

static off_t size_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : st.st_size;
}

static void test_busy_while_running(void)
{
	char *args[] = { copy, "--pause", "FD", NULL };
	off_t size = size_of(copy);
	pid_t p = start(args);

	if (!ok(p > 0, "the copy runs"))
		return;
	expect_errno(open(copy, O_WRONLY), ETXTBSY);
	expect_errno(open(copy, O_RDWR), ETXTBSY);
	expect_errno(open(copy, O_WRONLY | O_TRUNC), ETXTBSY);
	is(size_of(copy), size, "... and O_TRUNC did not truncate it");
	expect_errno(truncate(copy, 0), ETXTBSY);
	/* O_RDONLY | O_TRUNC truncates too (a root fuzz child emptied the
	 * fuzzer's own program this way: every later child died of SIGBUS). */
	expect_errno(open(copy, O_RDONLY | O_TRUNC), ETXTBSY);
	is(size_of(copy), size, "... and O_RDONLY | O_TRUNC did not truncate it");
	{
		int fd = expect_ok(open(copy, O_RDONLY));
		close(fd);
	}
	stop(p);
	{
		int fd = expect_ok(open(copy, O_WRONLY));
		close(fd);
	}
}

static void test_exec_open_for_write(void)
{
	int fd = open(copy, O_WRONLY), st = -1;
	pid_t p;

	ok(fd >= 0, "the copy opens for writing when nobody runs it");
	p = fork();
	if (p == 0) {
		char *args[] = { copy, "--pause", "1", NULL };

		execv(copy, args);
		_exit(errno == ETXTBSY ? 0 : 100 + errno);
	}
	waitpid(p, &st, 0);
	ok(exited_with(st, 0), "execve of a file open for writing fails "
	   "ETXTBSY (status %#x)", st);
	close(fd);
}

static void test_forked_copy_keeps_it_busy(const char *self)
{
	char *args[] = { copy, "--fork-pause", "FD", (char *)self, NULL };
	pid_t p = start(args);

	if (!ok(p > 0, "the copy forks, then execs another program"))
		return;
	expect_errno(open(copy, O_WRONLY), ETXTBSY);
	stop(p);
}

static void test_script(void)
{
	char *args[] = { script, "FD", NULL };
	int fd;
	pid_t p;

	fd = open(script, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	dprintf(fd, "#!%s --pause-script\n", copy);
	close(fd);
	p = start(args);
	if (!ok(p > 0, "a #! script whose interpreter is the copy runs"))
		return;
	fd = open(script, O_WRONLY);
	ok(fd >= 0, "the script itself may be opened for writing");
	close(fd);
	expect_errno(open(copy, O_WRONLY), ETXTBSY);
	stop(p);
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "--pause"))
		return pause_mode(atoi(argv[2]));
	/* As the interpreter: argv is us, our option, the script, FD. */
	if (argc >= 4 && !strcmp(argv[1], "--pause-script"))
		return pause_mode(atoi(argv[3]));
	if (argc >= 4 && !strcmp(argv[1], "--fork-pause")) {
		char *args[] = { argv[3], "--pause", argv[2], NULL };

		if (fork() == 0)
			for (;;)
				pause();
		execv(argv[3], args);
		return 100;
	}
	scratch(copy, sizeof(copy), "etxtbsy");
	scratch(script, sizeof(script), "etxtbsy.sh");
	if (!ok(copy_file(argv[0], copy, 0755) == 0, "copy this program"))
		return tap_done();
	alarm(25);
	test_busy_while_running();
	test_exec_open_for_write();
	test_forked_copy_keeps_it_busy(argv[0]);
	test_script();
	unlink(copy);
	unlink(script);
	return tap_done();
}
