/*
 * tests/proc/exec_script_limits.c: #! scripts as Linux 6.1 reads them.
 * Five scripts may run one another before the program (a sixth is
 * ELOOP); an interpreter path the 256-byte buffer may have cut short
 * (no newline, no blank after it) is ENOEXEC rather than run; a long
 * line whose path ends in time runs; the rest of the line is one
 * argument, inner blanks kept, trailing ones cut; no interpreter (only
 * blanks) is ENOEXEC.
 *
 * Run with argv[1] starting "--show" it exits with its argc * 10,
 * plus 1 if argv[1..] are what the "args" script passes. The scripts
 * run with INNER set in the environment: then anything else exits 99
 * (never the whole test again).
 */
#include "tap.h"

static char *self;

static int run(const char *path)
{
	int st = -1;
	pid_t p = fork();

	if (p == 0) {
		char *a[] = { (char *)path, "last", NULL };
		char *e[] = { "INNER=1", NULL };

		execve(path, a, e);
		_exit(100 + errno);
	}
	waitpid(p, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void write_script(const char *path, const char *text, int pad)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);

	dprintf(fd, "%s", text);
	for (int i = 0; i < pad; i++)
		dprintf(fd, " ");
	if (pad)
		dprintf(fd, "x\n");
	close(fd);
}

int main(int argc, char **argv)
{
	char path[64], prev[64], text[128];
	int r;

	if (argc > 1 && !strncmp(argv[1], "--show", 6)) {
		/* interp "--show a  b" script last */
		return argc * 10 + (argc == 4 &&
				    !strcmp(argv[1], "--show a  b") &&
				    !strcmp(argv[3], "last"));
	}
	if (getenv("INNER"))
		return 99;
	self = argv[0];
	snprintf(prev, sizeof(prev), "%s", self);
	for (int i = 1; i <= 6; i++) {
		snprintf(path, sizeof(path), "/tmp/chain%d.%d", i, getpid());
		snprintf(text, sizeof(text), "#!%s --show\n", prev);
		write_script(path, text, 0);
		r = run(path);
		if (i <= 5)
			ok(r != 100 + ELOOP && r != -1,
			   "%d scripts deep runs (%d)", i, r);
		else
			is(r, 100 + ELOOP, "%d scripts deep: ELOOP", i);
		snprintf(prev, sizeof(prev), "%s", path);
	}
	for (int i = 1; i <= 6; i++) {
		snprintf(path, sizeof(path), "/tmp/chain%d.%d", i, getpid());
		unlink(path);
	}
	snprintf(path, sizeof(path), "/tmp/script.%d", getpid());
	snprintf(text, sizeof(text), "#!%s --show a  b  \t\n", self);
	write_script(path, text, 0);
	is(run(path), 41, "the rest of the line is one argument, inner blanks "
	   "kept, trailing ones cut");
	write_script(path, "#!  \t \n", 0);
	is(run(path), 100 + ENOEXEC, "only blanks after #!: ENOEXEC");
	write_script(path, "#!\n", 0);
	is(run(path), 100 + ENOEXEC, "nothing after #!: ENOEXEC");
	snprintf(text, sizeof(text), "#!%s --show", self);
	write_script(path, text, 300);
	is(run(path), 10 * 4, "a long line whose path ends in the buffer runs "
	   "(the argument cut at the buffer's end)");
	{
		char big[300];

		memset(big, 'a', sizeof(big) - 1);
		big[0] = '#';
		big[1] = '!';
		big[2] = '/';
		big[sizeof(big) - 1] = 0;
		write_script(path, big, 0);
		is(run(path), 100 + ENOEXEC, "an interpreter path longer than "
		   "the buffer: ENOEXEC");
	}
	unlink(path);
	return tap_done();
}
