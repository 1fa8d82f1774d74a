/*
 * tests/uaccess/efault.c: every pointer-taking syscall of the suite, given
 * a bad user pointer, fails with EFAULT and does not hurt the kernel.
 *
 * The bad pointers: NULL, a kernel address, a non-canonical address, a
 * page that was unmapped, and (for syscalls that write to user memory
 * only) a read-only page.  Where a NULL pointer means "not wanted"
 * (rt_sigaction's oact, wait4's status, ...) the call must succeed instead,
 * as on Linux.
 */
#include "tap.h"
#include <sys/mman.h>
#include <sys/uio.h>
#include <time.h>

enum bad { B_NULL, B_KERNEL, B_NONCANON, B_UNMAPPED, B_READONLY, B_COUNT };

static const char *bad_names[B_COUNT] = {
	"NULL", "kernel", "non-canonical", "unmapped", "read-only",
};
static void *bad_ptrs[B_COUNT];

/* Shared fixtures the calls below use. */
static int file_fd, dir_fd, tty_fd;
static char file_path[64], link_path[64], dir_path[64];

/* One syscall with one pointer argument replaced by p. */
struct pcall {
	const char *name;
	long (*call)(void *p);
	int writes;	/* the pointer is an output buffer */
	int null_ok;	/* NULL is a valid "not wanted" for this argument */
	int null_err;	/* Linux's errno for NULL when not EFAULT */
};

static long c_read(void *p)
{
	lseek(file_fd, 0, SEEK_SET);
	return syscall(SYS_read, file_fd, p, 16L);
}
static long c_pread(void *p) { return syscall(SYS_pread64, file_fd, p, 16L, 0L); }
static long c_write(void *p) { return syscall(SYS_write, file_fd, p, 16L); }
static long c_pwrite(void *p) { return syscall(SYS_pwrite64, file_fd, p, 16L, 0L); }
static long c_readv_iov(void *p) { return syscall(SYS_readv, file_fd, p, 1L); }
static long c_writev_iov(void *p) { return syscall(SYS_writev, file_fd, p, 1L); }

static long c_readv_base(void *p)
{
	struct iovec iov = { p, 16 };

	lseek(file_fd, 0, SEEK_SET);
	return syscall(SYS_readv, file_fd, &iov, 1L);
}

static long c_writev_base(void *p)
{
	struct iovec iov = { p, 16 };

	return syscall(SYS_writev, file_fd, &iov, 1L);
}

static long c_open(void *p) { return syscall(SYS_open, p, O_RDONLY); }
static long c_openat(void *p) { return syscall(SYS_openat, AT_FDCWD, p, O_RDONLY); }
static long c_creat(void *p) { return syscall(SYS_open, p, O_CREAT | O_RDWR, 0644); }
static long c_stat_path(void *p) { struct stat st; return syscall(SYS_stat, p, &st); }
static long c_stat_buf(void *p) { return syscall(SYS_stat, file_path, p); }
static long c_lstat_path(void *p) { struct stat st; return syscall(SYS_lstat, p, &st); }
static long c_lstat_buf(void *p) { return syscall(SYS_lstat, link_path, p); }
static long c_fstat_buf(void *p) { return syscall(SYS_fstat, file_fd, p); }

static long c_fstatat_path(void *p)
{
	struct stat st;

	return syscall(SYS_newfstatat, AT_FDCWD, p, &st, 0);
}

static long c_fstatat_buf(void *p)
{
	return syscall(SYS_newfstatat, file_fd, "", p, AT_EMPTY_PATH);
}

static long c_getdents(void *p) { lseek(dir_fd, 0, SEEK_SET); return syscall(SYS_getdents64, dir_fd, p, 4096L); }
static long c_mkdir(void *p) { return syscall(SYS_mkdir, p, 0755); }
static long c_mkdirat(void *p) { return syscall(SYS_mkdirat, AT_FDCWD, p, 0755); }
static long c_rmdir(void *p) { return syscall(SYS_rmdir, p); }
static long c_unlink(void *p) { return syscall(SYS_unlink, p); }
static long c_unlinkat(void *p) { return syscall(SYS_unlinkat, AT_FDCWD, p, 0); }
static long c_rename_old(void *p) { return syscall(SYS_rename, p, "/tmp/efault-x"); }
static long c_rename_new(void *p) { return syscall(SYS_rename, file_path, p); }
static long c_chdir(void *p) { return syscall(SYS_chdir, p); }
static long c_access(void *p) { return syscall(SYS_access, p, F_OK); }
static long c_faccessat(void *p) { return syscall(SYS_faccessat, AT_FDCWD, p, F_OK); }
static long c_symlink_target(void *p) { return syscall(SYS_symlink, p, "/tmp/efault-l"); }
static long c_symlink_path(void *p) { return syscall(SYS_symlink, file_path, p); }
static long c_readlink_path(void *p) { char b[64]; return syscall(SYS_readlink, p, b, 64L); }
static long c_readlink_buf(void *p) { return syscall(SYS_readlink, link_path, p, 64L); }
static long c_readlinkat_buf(void *p) { return syscall(SYS_readlinkat, AT_FDCWD, link_path, p, 64L); }
static long c_readlinkat_path(void *p) { char b[64]; return syscall(SYS_readlinkat, AT_FDCWD, p, b, 64L); }
static long c_prlimit_new(void *p) { return syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, p, NULL); }
static long c_setaffinity(void *p) { return syscall(SYS_sched_setaffinity, 0, 8L, p); }
static long c_clock_nanosleep(void *p) { return syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, p, NULL); }
static long c_gettimeofday_tz(void *p) { struct timeval tv; return syscall(SYS_gettimeofday, &tv, p); }
static long c_time(void *p) { return syscall(SYS_time, p); }
static long c_mount_type(void *p) { return syscall(SYS_mount, "tmpfs", dir_path, p, 0L, NULL); }
static long c_robust_get(void *p) { size_t len; return syscall(SYS_get_robust_list, 0, p, &len); }
static long c_getcwd(void *p) { return syscall(SYS_getcwd, p, 128L); }
static long c_uname(void *p) { return syscall(SYS_uname, p); }
static long c_clock_gettime(void *p) { return syscall(SYS_clock_gettime, CLOCK_MONOTONIC, p); }
static long c_clock_getres(void *p) { return syscall(SYS_clock_getres, CLOCK_MONOTONIC, p); }
static long c_gettimeofday(void *p) { return syscall(SYS_gettimeofday, p, NULL); }
static long c_nanosleep(void *p) { return syscall(SYS_nanosleep, p, NULL); }

static long c_nanosleep_rem(void *p)
{
	struct timespec ts = { 0, 1000 };

	return syscall(SYS_nanosleep, &ts, p);
}

static long c_pipe(void *p) { return syscall(SYS_pipe, p); }
static long c_pipe2(void *p) { return syscall(SYS_pipe2, p, 0); }
static long c_getrandom(void *p) { return syscall(SYS_getrandom, p, 16L, 0); }
static long c_rlimit_get(void *p) { return syscall(SYS_getrlimit, RLIMIT_NOFILE, p); }
static long c_rlimit_set(void *p) { return syscall(SYS_setrlimit, RLIMIT_NOFILE, p); }
static long c_prlimit_old(void *p) { return syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, p); }
static long c_affinity(void *p) { return syscall(SYS_sched_getaffinity, 0, 128L, p); }
static long c_arch_prctl(void *p) { return syscall(SYS_arch_prctl, 0x1003, p); }
static long c_tcgets(void *p) { return syscall(SYS_ioctl, tty_fd, 0x5401, p); }
static long c_winsz(void *p) { return syscall(SYS_ioctl, tty_fd, 0x5413, p); }
static long c_sigaction_act(void *p) { return syscall(SYS_rt_sigaction, SIGUSR1, p, NULL, 8L); }
static long c_sigaction_old(void *p) { return syscall(SYS_rt_sigaction, SIGUSR1, NULL, p, 8L); }
static long c_sigmask_set(void *p) { return syscall(SYS_rt_sigprocmask, SIG_BLOCK, p, NULL, 8L); }
static long c_sigmask_old(void *p) { return syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, p, 8L); }
static long c_sigpending(void *p) { return syscall(SYS_rt_sigpending, p, 8L); }
static long c_getresuid(void *p) { uid_t a, b; return syscall(SYS_getresuid, p, &a, &b); }
static long c_mount(void *p) { return syscall(SYS_mount, "tmpfs", p, "tmpfs", 0L, NULL); }
static long c_umount(void *p) { return syscall(SYS_umount2, p, 0); }

/* wait4 copies the status after reaping: the child is gone either way. */
static long wait4_child(void *status, void *rusage)
{
	pid_t pid = fork();
	long ret;
	int err;

	if (pid == 0)
		_exit(0);

	ret = syscall(SYS_wait4, pid, status, 0, rusage);
	err = errno;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	errno = err;
	return ret;
}

static long c_wait4(void *p) { return wait4_child(p, NULL); }
static long c_wait4_rusage(void *p) { int st; return wait4_child(&st, p); }

/*
 * execve in a child (success would replace this test); returns 0 if the
 * program ran (busybox true), else -1 with the child's errno.
 */
static long exec_child(const char *path, char *const *argv)
{
	char *envp[] = { NULL };
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		syscall(SYS_execve, path, argv, envp);
		_exit(errno);
	}
	waitpid(pid, &status, 0);
	errno = WEXITSTATUS(status);
	return errno ? -1 : 0;
}

static long c_execve_path(void *p)
{
	char *argv[] = { "true", NULL };

	return exec_child(p, argv);
}

static long c_execve_envp(void *p)
{
	char *argv[] = { "true", NULL };
	char *envp[] = { "A=1", p, NULL };
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		syscall(SYS_execve, "/bin/busybox", argv, envp);
		_exit(errno);
	}
	waitpid(pid, &status, 0);
	errno = WEXITSTATUS(status);
	return errno ? -1 : 0;
}

static long c_execve_argv(void *p)
{
	return exec_child("/bin/busybox", p);
}

static long c_execve_arg(void *p)
{
	char *argv[] = { "true", p, NULL };

	return exec_child("/bin/busybox", argv);
}

static const struct pcall calls[] = {
	{ "read buf", c_read, 1, 0, 0 },
	{ "pread64 buf", c_pread, 1, 0, 0 },
	{ "write buf", c_write, 0, 0, 0 },
	{ "pwrite64 buf", c_pwrite, 0, 0, 0 },
	{ "readv iov", c_readv_iov, 0, 0, 0 },
	{ "readv iov_base", c_readv_base, 1, 0, 0 },
	{ "writev iov", c_writev_iov, 0, 0, 0 },
	{ "writev iov_base", c_writev_base, 0, 0, 0 },
	{ "open path", c_open, 0, 0, 0 },
	{ "openat path", c_openat, 0, 0, 0 },
	{ "open O_CREAT path", c_creat, 0, 0, 0 },
	{ "stat path", c_stat_path, 0, 0, 0 },
	{ "stat buf", c_stat_buf, 1, 0, 0 },
	{ "lstat path", c_lstat_path, 0, 0, 0 },
	{ "lstat buf", c_lstat_buf, 1, 0, 0 },
	{ "fstat buf", c_fstat_buf, 1, 0, 0 },
	{ "newfstatat path", c_fstatat_path, 0, 0, 0 },
	{ "newfstatat buf", c_fstatat_buf, 1, 0, 0 },
	{ "getdents64 buf", c_getdents, 1, 0, 0 },
	{ "mkdir path", c_mkdir, 0, 0, 0 },
	{ "mkdirat path", c_mkdirat, 0, 0, 0 },
	{ "rmdir path", c_rmdir, 0, 0, 0 },
	{ "unlink path", c_unlink, 0, 0, 0 },
	{ "unlinkat path", c_unlinkat, 0, 0, 0 },
	{ "rename old", c_rename_old, 0, 0, 0 },
	{ "rename new", c_rename_new, 0, 0, 0 },
	{ "chdir path", c_chdir, 0, 0, 0 },
	{ "access path", c_access, 0, 0, 0 },
	{ "faccessat path", c_faccessat, 0, 0, 0 },
	{ "symlink target", c_symlink_target, 0, 0, 0 },
	{ "symlink path", c_symlink_path, 0, 0, 0 },
	{ "readlink path", c_readlink_path, 0, 0, 0 },
	{ "readlink buf", c_readlink_buf, 1, 0, 0 },
	{ "readlinkat buf", c_readlinkat_buf, 1, 0, 0 },
	{ "readlinkat path", c_readlinkat_path, 0, 0, 0 },
	{ "getcwd buf", c_getcwd, 1, 0, 0 },
	{ "uname buf", c_uname, 1, 0, 0 },
	{ "clock_gettime tp", c_clock_gettime, 1, 0, 0 },
	{ "clock_getres res", c_clock_getres, 1, 1, 0 },
	{ "gettimeofday tv", c_gettimeofday, 1, 1, 0 },
	{ "nanosleep req", c_nanosleep, 0, 0, 0 },
	{ "clock_nanosleep req", c_clock_nanosleep, 0, 0, 0 },
	{ "gettimeofday tz", c_gettimeofday_tz, 1, 1, 0 },
	{ "time tloc", c_time, 1, 1, 0 },
	{ "pipe fds", c_pipe, 1, 0, 0 },
	{ "pipe2 fds", c_pipe2, 1, 0, 0 },
	{ "getrandom buf", c_getrandom, 1, 0, 0 },
	{ "getrlimit buf", c_rlimit_get, 1, 0, 0 },
	{ "setrlimit buf", c_rlimit_set, 0, 0, 0 },
	{ "prlimit64 old", c_prlimit_old, 1, 1, 0 },
	{ "prlimit64 new", c_prlimit_new, 0, 1, 0 },
	{ "sched_setaffinity mask", c_setaffinity, 0, 0, 0 },
	{ "get_robust_list head", c_robust_get, 1, 0, 0 },
	{ "sched_getaffinity mask", c_affinity, 1, 0, 0 },
	{ "arch_prctl ARCH_GET_FS addr", c_arch_prctl, 1, 0, 0 },
	{ "ioctl TCGETS arg", c_tcgets, 1, 0, 0 },
	{ "ioctl TIOCGWINSZ arg", c_winsz, 1, 0, 0 },
	{ "rt_sigaction act", c_sigaction_act, 0, 1, 0 },
	{ "rt_sigaction oact", c_sigaction_old, 1, 1, 0 },
	{ "rt_sigprocmask set", c_sigmask_set, 0, 1, 0 },
	{ "rt_sigprocmask oldset", c_sigmask_old, 1, 1, 0 },
	{ "rt_sigpending set", c_sigpending, 1, 0, 0 },
	{ "getresuid ruid", c_getresuid, 1, 0, 0 },
	{ "mount target", c_mount, 0, 0, 0 },
	/* No fstype means "no new mount": EINVAL, as for any bad request. */
	{ "mount fstype", c_mount_type, 0, 0, EINVAL },
	{ "umount2 target", c_umount, 0, 0, 0 },
	{ "wait4 status", c_wait4, 1, 1, 0 },
	{ "wait4 rusage", c_wait4_rusage, 1, 1, 0 },
	{ "execve path", c_execve_path, 0, 0, 0 },
	/* A NULL argv[1] just ends the list. */
	{ "execve argv[1]", c_execve_arg, 0, 1, 0 },
	/* A NULL envp[1] just ends the list. */
	{ "execve envp[1]", c_execve_envp, 0, 1, 0 },
};

/* NULL argv is allowed by Linux (an empty argv), so only non-NULL here. */
static const struct pcall execve_argv = { "execve argv", c_execve_argv, 0, 0, 0 };

static void check(const struct pcall *c, enum bad b)
{
	char name[128], why[96];
	long ret;
	int err, want;

	snprintf(name, sizeof(name), "%s = %s pointer fails EFAULT", c->name,
		 bad_names[b]);
	errno = 0;
	ret = c->call(bad_ptrs[b]);
	err = errno;
	if (b == B_NULL && c->null_ok) {
		snprintf(name, sizeof(name), "%s = NULL is allowed", c->name);
		snprintf(why, sizeof(why), "returned %ld errno %d", ret, err);
		tap_result(ret >= 0, name, why);
		return;
	}
	want = b == B_NULL && c->null_err ? c->null_err : EFAULT;
	if (want != EFAULT)
		snprintf(name, sizeof(name), "%s = NULL fails %s", c->name,
			 strerror(want));
	snprintf(why, sizeof(why), "returned %ld errno %d (%s)", ret, err,
		 strerror(err));
	tap_result(ret == -1 && err == want, name, why);
}

static void setup(void)
{
	char *pages = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	munmap(pages + 4096, 4096);
	mprotect(pages, 4096, PROT_READ);
	bad_ptrs[B_NULL] = NULL;
	bad_ptrs[B_KERNEL] = KERNEL_PTR;
	bad_ptrs[B_NONCANON] = NONCANON_PTR;
	bad_ptrs[B_UNMAPPED] = pages + 4096;
	bad_ptrs[B_READONLY] = pages;
	scratch(file_path, sizeof(file_path), "efault");
	scratch(link_path, sizeof(link_path), "efault-link");
	scratch(dir_path, sizeof(dir_path), "efault-dir");
	file_fd = open(file_path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	write(file_fd, "0123456789abcdefghijklmnopqrstuvwxyz", 36);
	symlink(file_path, link_path);
	mkdir(dir_path, 0755);
	dir_fd = open(dir_path, O_RDONLY | O_DIRECTORY);
	tty_fd = open("/dev/console", O_RDWR | O_NOCTTY);
}

/* Edge cases where Linux does not touch the pointer at all. */
static void test_untouched(void)
{
	char *buf = bad_ptrs[B_UNMAPPED];

	is(syscall(SYS_write, file_fd, NULL, 0L), 0, "write of 0 bytes from NULL returns 0");
	is(syscall(SYS_read, file_fd, buf, 0L), 0, "read of 0 bytes to unmapped returns 0");
	lseek(file_fd, 0, SEEK_END);
	is(syscall(SYS_read, file_fd, buf, 16L), 0,
	   "read at end of file returns 0 without touching the buffer");
	is(c_nanosleep_rem(KERNEL_PTR), 0,
	   "nanosleep's rem is not written unless interrupted");
}

/* A buffer that runs into an unmapped page: Linux copies what fits. */
static void test_partial(void)
{
	char *rw = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	munmap(rw + 4096, 4096);
	is(pread(file_fd, rw + 4096 - 8, 16, 0), 8,
	   "read across into an unmapped page copies the part that fits");
	ok(memcmp(rw + 4096 - 8, "01234567", 8) == 0, "and that part is right");
	munmap(rw, 4096);
}

static void cleanup(void)
{
	close(file_fd);
	close(dir_fd);
	close(tty_fd);
	unlink(file_path);
	unlink(link_path);
	rmdir(dir_path);
	unlink("/tmp/efault-x");
	unlink("/tmp/efault-l");
}

int main(void)
{
	unsigned i;
	int b;

	setup();
	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		for (b = 0; b < B_COUNT; b++)
			if (b != B_READONLY || calls[i].writes)
				check(&calls[i], b);
	for (b = B_KERNEL; b < B_READONLY; b++)
		check(&execve_argv, b);
	test_untouched();
	test_partial();
	cleanup();
	return tap_done();
}
