/*
 * tests/proc/exec_shebang_nul.c: a NUL inside the #! line, as Linux
 * 6.1's load_script reads it: the NUL ends the interpreter's name where
 * it stands, and the optional argument starts after the first blank
 * even when only a NUL follows (an empty argument). "#!" alone, a file
 * of two bytes, names the empty path: the cwd, a directory, so the
 * exec fails with EACCES rather than ENOEXEC; so do blanks then NULs.
 * Only blanks all through the buffer are ENOEXEC.
 *
 * The scripts run this program with SHOW set in the environment: it
 * then writes its argc and arguments to fd 3 and exits 0.
 */
#include "tap.h"

static char got[512];

static int run(const char *path, const void *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755), p[2], st = -1;
	pid_t pid;
	ssize_t n;

	write(fd, text, len);
	close(fd);
	pipe(p);
	pid = fork();
	if (pid == 0) {
		char *a[] = { (char *)path, "last", NULL };
		char *e[] = { "SHOW=1", NULL };

		dup2(p[1], 3);
		execve(path, a, e);
		_exit(100 + errno);
	}
	close(p[1]);
	n = read(p[0], got, sizeof(got) - 1);
	got[n > 0 ? n : 0] = 0;
	close(p[0]);
	waitpid(pid, &st, 0);
	unlink(path);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(int argc, char **argv)
{
	char path[64], text[256], want[512];
	size_t len;

	if (getenv("SHOW")) {
		char out[512];
		int n = snprintf(out, sizeof(out), "%d", argc);

		for (int i = 1; i < argc; i++)
			n += snprintf(out + n, sizeof(out) - n, "|%s", argv[i]);
		write(3, out, n);
		return 0;
	}
	scratch(path, sizeof(path), "shebang");

	is(run(path, "#!", 2), 100 + EACCES,
	   "\"#!\" alone names the cwd: EACCES, not ENOEXEC");
	is(run(path, "#!\n", 3), 100 + ENOEXEC,
	   "\"#!\\n\" has no interpreter: ENOEXEC");
	is(run(path, "#!  \t", 5), 100 + EACCES,
	   "\"#!\" and blanks, then the NULs of a short file: the cwd again");
	memset(text, ' ', sizeof(text));
	memcpy(text, "#!", 2);
	is(run(path, text, sizeof(text)), 100 + ENOEXEC,
	   "\"#!\" and blanks all through the 256-byte buffer: ENOEXEC");

	len = snprintf(text, sizeof(text), "#!%s", argv[0]);
	memcpy(text + len, "\0 arg\n", 6);
	is(run(path, text, len + 6), 0, "a NUL right after the interpreter");
	snprintf(want, sizeof(want), "3|%s|last", path);
	is_str(got, want, "... ends the line: no argument");

	len = snprintf(text, sizeof(text), "#!%s ", argv[0]);
	memcpy(text + len, "\0x\n", 3);
	is(run(path, text, len + 3), 0, "a blank then a NUL");
	snprintf(want, sizeof(want), "4||%s|last", path);
	is_str(got, want, "... passes an empty argument");

	len = snprintf(text, sizeof(text), "#!%s a", argv[0]);
	memcpy(text + len, "\0b c\n", 5);
	is(run(path, text, len + 5), 0, "a NUL inside the argument");
	snprintf(want, sizeof(want), "4|a|%s|last", path);
	is_str(got, want, "... cuts it there");

	len = snprintf(text, sizeof(text), "#!  %s\t a b \t\n", argv[0]);
	is(run(path, text, len), 0, "blanks around the name and argument");
	snprintf(want, sizeof(want), "4|a b|%s|last", path);
	is_str(got, want, "... are trimmed, inner ones kept");
	return tap_done();
}
