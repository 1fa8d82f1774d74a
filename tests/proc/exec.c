/*
 * tests/proc/exec.c: execve: running busybox and this program again with
 * chosen argv and envp (checked by the new image), #! scripts,
 * close-on-exec, and ENOENT, EACCES, ENOEXEC, ENOTDIR.
 *
 * Run with argv[1] == "--exec-helper" it is the exec'd side: it checks
 * the argv and envp that the test passed and exits 0 if they match.
 */
#include "tap.h"

static char *self;

/*
 * Across execve a caught signal is reset to SIG_DFL (the handler is gone
 * with the old image), an ignored one stays ignored, the mask is kept.
 */
static void on_usr1(int sig)
{
	(void)sig;
}

static void set_signals(void)
{
	sigset_t set;

	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

static int check_signals(void)
{
	struct sigaction usr1, usr2;
	sigset_t mask;

	sigaction(SIGUSR1, NULL, &usr1);
	sigaction(SIGUSR2, NULL, &usr2);
	sigprocmask(SIG_BLOCK, NULL, &mask);
	return usr1.sa_handler != SIG_DFL || usr2.sa_handler != SIG_IGN ||
	       !sigismember(&mask, SIGHUP);
}

/* The exec'd side: argv and envp must be exactly what main() passed. */
static int helper(int argc, char **argv, char **envp)
{
	int bad = 0;

	bad |= (argc != 5) << 0;
	bad |= (argc > 4 && (strcmp(argv[2], "a b") || strcmp(argv[3], "") ||
			     strcmp(argv[4], "last"))) << 1;
	bad |= (argv[argc] != NULL) << 2;
	bad |= (!envp[0] || strcmp(envp[0], "FOO=bar") || !envp[1] ||
		strcmp(envp[1], "EMPTY=") || envp[2]) << 3;
	/* fd 10 had FD_CLOEXEC, fd 11 did not. */
	bad |= (fcntl(10, F_GETFD) != -1 || errno != EBADF) << 4;
	bad |= (fcntl(11, F_GETFD) != 0) << 5;
	bad |= check_signals() << 6;
	return bad;
}

/* Fork, exec path with argv/envp in the child, return the wait status. */
static int run(const char *path, char **argv, char **envp)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		set_signals();
		execve(path, argv, envp);
		_exit(100 + errno);
	}
	waitpid(pid, &status, 0);
	return status;
}

static void test_exec_ok(void)
{
	char *argv[] = { self, "--exec-helper", "a b", "", "last", NULL };
	char *envp[] = { "FOO=bar", "EMPTY=", NULL };
	char *t[] = { "true", NULL }, *f[] = { "false", NULL };
	int fd = open("/dev/null", O_RDONLY);
	int status;

	dup3(fd, 10, O_CLOEXEC);
	dup2(fd, 11);
	close(fd);
	status = run(self, argv, envp);
	ok(exited_with(status, 0),
	   "execve passes argv and envp, closes only FD_CLOEXEC fds, resets "
	   "caught signals, keeps ignored ones and the mask (status %#x)",
	   status);
	close(10);
	close(11);
	ok(exited_with(run("/bin/busybox", t, envp), 0), "execve busybox true exits 0");
	ok(exited_with(run("/bin/busybox", f, envp), 1), "execve busybox false exits 1");
}

/* Write a file with mode and contents. */
static void make_file(const char *path, mode_t mode, const char *text)
{
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, mode);

	write(fd, text, strlen(text));
	close(fd);
	chmod(path, mode);
}

static void test_script(void)
{
	char path[64], *argv[] = { path, NULL }, *envp[] = { NULL };

	scratch(path, sizeof(path), "script");
	make_file(path, 0755, "#!/bin/busybox sh\nexit 7\n");
	ok(exited_with(run(path, argv, envp), 7), "a #! script runs in its interpreter");
	make_file(path, 0755, "#!/no/such/interpreter\n");
	expect_errno(execve(path, argv, envp), ENOENT);
	unlink(path);
}

static void test_errors(void)
{
	char path[64], sub[80], *argv[] = { path, NULL }, *envp[] = { NULL };

	scratch(path, sizeof(path), "noexec");
	expect_errno(execve("/no/such/file", argv, envp), ENOENT);
	make_file(path, 0644, "\177ELF but not really");
	expect_errno(execve(path, argv, envp), EACCES);
	make_file(path, 0755, "just some text, not a program\n");
	expect_errno(execve(path, argv, envp), ENOEXEC);
	make_file(path, 0755, "");
	expect_errno(execve(path, argv, envp), ENOEXEC);
	expect_errno(execve("/tmp", argv, envp), EACCES);
	snprintf(sub, sizeof(sub), "%s/x", path);
	expect_errno(execve(sub, argv, envp), ENOTDIR);
	unlink(path);
	/* A failed execve returns to the caller with everything intact. */
	is(getpid() > 0 && self != NULL, 1, "the process survives failed execve");
}

int main(int argc, char **argv, char **envp)
{
	if (argc > 1 && strcmp(argv[1], "--exec-helper") == 0)
		return helper(argc, argv, envp);
	self = argv[0];
	test_exec_ok();
	test_script();
	test_errors();
	return tap_done();
}
