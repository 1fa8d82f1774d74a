/*
 * tests/lib/tap.h: the TAP-like helpers every guest test uses.
 *
 * Each assertion prints one line, `ok - NAME` or `not ok - NAME: reason`,
 * with a single write(2) so lines from forked children never interleave
 * and nothing is lost in a stdio buffer if the process dies.  A test's
 * main() ends with `return tap_done();`, which is 0 iff every assertion
 * passed.  The runner counts the lines; the exit status is a second check.
 *
 * Use the raw syscall() wherever libc could hide what the kernel did
 * (errno conversion aside, musl's syscall() returns the kernel's answer).
 */
#ifndef TAP_H
#define TAP_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static int tap_failures;
static int tap_count;

/* Write the whole buffer to stdout, retrying on short writes. */
static inline void tap_write(const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(1, buf, len);

		if (n <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			return;
		}
		buf += n;
		len -= (size_t)n;
	}
}

/* Print one formatted line (a newline is added). */
__attribute__((format(printf, 1, 2)))
static inline void tap_printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	tap_write(buf, (size_t)n);
}

#define diag(...) tap_printf("# " __VA_ARGS__)

/*
 * Record one assertion.  @why is printed after the name on failure only.
 * Returns @pass so callers can stop a sequence that no longer makes sense.
 */
static inline int tap_result(int pass, const char *name, const char *why)
{
	tap_count++;
	if (pass) {
		tap_printf("ok - %s", name);
	} else {
		tap_failures++;
		tap_printf("not ok - %s: %s", name, why && *why ? why : "failed");
	}
	return pass;
}

/* ok(cond, fmt, ...): pass iff cond is true; the rest names the test. */
#define ok(cond, ...) tap_ok(!!(cond), #cond, __VA_ARGS__)
__attribute__((format(printf, 3, 4)))
static inline int tap_ok(int pass, const char *expr, const char *fmt, ...)
{
	char name[256], why[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	snprintf(why, sizeof(why), "%s is false (errno %d %s)", expr, errno,
		 strerror(errno));
	return tap_result(pass, name, why);
}

/* is(got, want, fmt, ...): integer equality, printing both on failure. */
#define is(got, want, ...) \
	tap_is((long long)(got), (long long)(want), __VA_ARGS__)
__attribute__((format(printf, 3, 4)))
static inline int tap_is(long long got, long long want, const char *fmt, ...)
{
	char name[256], why[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	snprintf(why, sizeof(why), "got %lld (%#llx), want %lld", got,
		 (unsigned long long)got, want);
	return tap_result(got == want, name, why);
}

/* is_str(got, want, name...): string equality. */
#define is_str(got, want, ...) tap_is_str((got), (want), __VA_ARGS__)
__attribute__((format(printf, 3, 4)))
static inline int tap_is_str(const char *got, const char *want, const char *fmt, ...)
{
	char name[256], why[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	snprintf(why, sizeof(why), "got \"%.120s\", want \"%.120s\"",
		 got ? got : "(null)", want);
	return tap_result(got && strcmp(got, want) == 0, name, why);
}

/*
 * expect_errno(call, ERRNO): the call must fail with -1 and errno ERRNO.
 * The test is named after the call's source text.
 */
#define expect_errno(call, err) ({ \
	long tap_r_; int tap_e_; \
	errno = 0; tap_r_ = (long)(call); tap_e_ = errno; \
	tap_expect_errno(tap_r_, tap_e_, (err), #call, #err); })
static inline int tap_expect_errno(long ret, int got, int want, const char *call,
			    const char *wname)
{
	char name[256], why[128];

	snprintf(name, sizeof(name), "%s fails %s", call, wname);
	if (ret != -1)
		snprintf(why, sizeof(why), "returned %ld", ret);
	else
		snprintf(why, sizeof(why), "errno %d (%s)", got, strerror(got));
	return tap_result(ret == -1 && got == want, name, why);
}

/*
 * expect_ok(call): the call must not return -1.  Returns the call's value
 * so it can be used in place, e.g. fd = expect_ok(open(...)).
 */
#define expect_ok(call) ({ \
	long tap_r_; int tap_e_; \
	errno = 0; tap_r_ = (long)(call); tap_e_ = errno; \
	tap_expect_ok(tap_r_, tap_e_, #call); })
static inline long tap_expect_ok(long ret, int err, const char *call)
{
	char why[128];

	snprintf(why, sizeof(why), "errno %d (%s)", err, strerror(err));
	tap_result(ret != -1, call, why);
	return ret;
}

/* End of test: report and give the exit status for main() to return. */
static inline int tap_done(void)
{
	if (tap_count == 0)
		tap_result(0, "test ran assertions", "none ran");
	return tap_failures ? 1 : 0;
}

/*
 * run_child(fn): run fn() in a forked child that exits with fn's return
 * value, and return the raw wait status.  Used for things that must kill
 * the process (faults) or change per-process state.
 */
static inline int run_child(int (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	if (pid < 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

/*
 * fork_sleepers(kids, n, &err): fork up to n children that wait in
 * pause() until killed, their pids in kids[]; stop at the first fork
 * that fails (err = its errno, else 0). Returns how many were made.
 */
static inline int fork_sleepers(pid_t *kids, int n, int *err)
{
	int made = 0;

	*err = 0;
	while (made < n) {
		pid_t pid = fork();

		if (pid == 0) {
			pause();
			_exit(0);
		}
		if (pid < 0) {
			*err = errno;
			break;
		}
		kids[made++] = pid;
	}
	return made;
}

/* SIGKILL and reap the n children of kids[] (fork_sleepers). */
static inline void kill_sleepers(const pid_t *kids, int n)
{
	for (int i = 0; i < n; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
}

/* True if a wait status says the process was killed by signal @sig. */
static inline int killed_by(int status, int sig)
{
	return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

/* True if a wait status says the process exited normally with @code. */
static inline int exited_with(int status, int code)
{
	return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == code;
}

/*
 * scratch(buf, name): a per-process path /tmp/NAME.PID for scratch files,
 * so tests running by hand side by side do not collide.
 */
static inline const char *scratch(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "/tmp/%s.%d", name, (int)getpid());
	return buf;
}

/*
 * copy_file(from, to, mode): copy a file (this program, to run it from
 * somewhere else); to gets exactly mode, whatever the umask. 0 or -1.
 */
static inline int copy_file(const char *from, const char *to, mode_t mode)
{
	char buf[4096];
	int in = open(from, O_RDONLY), out, err = 0;
	ssize_t n;

	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (out < 0) {
		close(in);
		return -1;
	}
	while (!err && (n = read(in, buf, sizeof(buf))) > 0)
		err = write(out, buf, n) != n;
	close(in);
	close(out);
	return err || n < 0 ? -1 : chmod(to, mode);
}

/* Raw stat(2): musl's stat() goes through newfstatat. */
#define sys_stat(path, st) syscall(SYS_stat, (path), (st))
#define sys_lstat(path, st) syscall(SYS_lstat, (path), (st))
#define sys_fstat(fd, st) syscall(SYS_fstat, (fd), (st))

/* Addresses no syscall may accept as a user pointer. */
#define KERNEL_PTR ((void *)0xffffffff80000000UL)
#define NONCANON_PTR ((void *)0x8000000000000000UL)

#endif /* TAP_H */
