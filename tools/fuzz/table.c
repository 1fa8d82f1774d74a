/*
 * tools/fuzz/table.c: the system calls the fuzzer makes and what each
 * argument is.  Numbers not listed here (unimplemented, obsolete or
 * unknown calls up to MAX_NR) are still made, with A_ANY arguments.
 *
 * F_NO_ROOT marks calls that would change the whole machine for root
 * (the clock, reboot, modules, swap, scheduling classes that could starve
 * the parent) or let root leave its scratch directory (chdir, fchdir:
 * from "/" its relative names would reach /dev): unprivileged children
 * still make them, which tests the EPERM paths.
 */
#include "fuzz.h"
#include <fcntl.h>
#include <signal.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define V(list) list, (int)(sizeof(list) / sizeof(list[0]))
#define NOV NULL, 0
#define C(name, a, b, c_, d, e, f, fl, ...) \
	{ SYS_##name, #name, { a, b, c_, d, e, f }, fl, __VA_ARGS__ }
#define _ A_NONE

static const long open_flags[] = {
	O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC, O_APPEND,
	O_NONBLOCK, O_DSYNC, 040000 /* O_DIRECT */, O_LARGEFILE, O_DIRECTORY,
	O_NOFOLLOW, O_NOATIME, O_CLOEXEC, O_SYNC, O_PATH, 020200000 /* O_TMPFILE */,
};
static const long at_flags[] = {
	AT_SYMLINK_NOFOLLOW, AT_REMOVEDIR, AT_SYMLINK_FOLLOW, 0x800,
	AT_EMPTY_PATH, 0x2000, 0x4000,
};
static const long mmap_flags[] = {
	MAP_SHARED, MAP_PRIVATE, MAP_FIXED, MAP_ANONYMOUS, MAP_GROWSDOWN,
	MAP_DENYWRITE, MAP_NORESERVE, MAP_POPULATE, MAP_NONBLOCK, MAP_STACK,
	MAP_HUGETLB, 0x100000 /* MAP_FIXED_NOREPLACE */, 0x03 /* VALIDATE */,
	0x2000 /* MAP_LOCKED */,
};
static const long madv_cmds[] = {
	0, 1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
	22, 23, 100, 101,
};
static const long msync_flags[] = { 1, 2, 4 };
static const long mremap_flags[] = { 1, 2, 4 };
static const long mlock_flags[] = { 1, 2, 4 };
static const long clone_flags[] = {
	CLONE_VM, CLONE_FS, CLONE_FILES, CLONE_SIGHAND, CLONE_PIDFD,
	CLONE_PTRACE, CLONE_VFORK, CLONE_PARENT, CLONE_THREAD, CLONE_NEWNS,
	CLONE_SYSVSEM, CLONE_SETTLS, CLONE_PARENT_SETTID, CLONE_CHILD_CLEARTID,
	CLONE_DETACHED, CLONE_UNTRACED, CLONE_CHILD_SETTID, CLONE_NEWCGROUP,
	CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET,
	CLONE_IO, SIGCHLD, SIGUSR1, 0xff,
};
static const long wait_flags[] = {
	WNOHANG, WUNTRACED, WCONTINUED, WEXITED, WNOWAIT, 0x20000000,
	0x40000000, 0x80000000,
};
static const long waitid_types[] = { 0, 1, 2, 3 };
static const long fcntl_cmds[] = {
	F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_GETLK, F_SETLK, F_SETLKW,
	F_SETOWN, F_GETOWN, F_SETSIG, F_GETSIG, 15 /* F_SETOWN_EX */,
	16 /* F_GETOWN_EX */, 36, 37, 38 /* OFD locks */, 1024 /* SETLEASE */,
	1025, 1026 /* NOTIFY */, F_DUPFD_CLOEXEC, 1031 /* SETPIPE_SZ */, 1032,
	1033 /* ADD_SEALS */, 1034, 1038,
};
static const long ioctl_cmds[] = {
	0x5401, 0x5402, 0x5403, 0x5404, 0x5405, 0x5406, 0x5407, 0x5408,
	0x5409, 0x540a, 0x540b, 0x540c, 0x540d, 0x540e, 0x540f, 0x5410,
	0x5411, 0x5413, 0x5414, 0x5415, 0x5416, 0x5417, 0x5418, 0x541b,
	0x541c, 0x541d, 0x541e, 0x5421, 0x5422, 0x5423, 0x5424, 0x5425,
	0x5427, 0x5428, 0x5429, 0x80045432, 0x5437, 0x5450, 0x5451, 0x5452,
	0x5456, 0x5460, 0x80086601, 0x40086602, 0x1, 0x2, 0x80081272,
	0x4b3a, 0xc0045877,
};
static const long prctl_cmds[] = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
	21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38,
	39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56,
	57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 0x59616d61,
};
static const long ptrace_cmds[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 17, 18, 24, 0x4200,
	0x4201, 0x4202, 0x4203, 0x4204, 0x4205, 0x4206, 0x4207, 0x4208,
	0x4209, 0x420a, 0x420b, 0x420c, 0x420e, 0x420f,
};
static const long futex_cmds[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 128, 129, 130, 131, 132,
	133, 134, 135, 136, 137, 138, 139, 140, 256, 265, 393,
};
static const long whence_cmds[] = { 0, 1, 2, 3, 4, 5 };
static const long how_cmds[] = { 0, 1, 2, 3 };
static const long rlimit_cmds[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
};
static const long clock_cmds[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
static const long itimer_cmds[] = { 0, 1, 2, 3 };
static const long mount_flags[] = {
	MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_SYNCHRONOUS, MS_REMOUNT,
	MS_MANDLOCK, MS_DIRSYNC, MS_NOATIME, MS_NODIRATIME, MS_BIND, MS_REC,
	MS_SILENT, MS_UNBINDABLE, MS_PRIVATE, MS_SLAVE, MS_SHARED, MS_RELATIME,
};
static const long umount_flags[] = { 1, 2, 4, 8 };
static const long rename_flags[] = { 1, 2, 4 };
static const long unshare_flags[] = {
	CLONE_FILES, CLONE_FS, CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC,
	CLONE_NEWNET, CLONE_NEWPID, CLONE_SYSVSEM, CLONE_THREAD, CLONE_SIGHAND,
	CLONE_VM, CLONE_NEWCGROUP, CLONE_NEWUSER,
};
static const long statx_flags[] = { 0x100, 0x800, 0x1000, 0x2000, 0x4000 };
static const long pipe_flags[] = { O_CLOEXEC, O_NONBLOCK, O_DIRECT, 0200 /* O_NOTIFICATION_PIPE */ };
static const long dup3_flags[] = { O_CLOEXEC, O_NONBLOCK };
static const long rwf_flags[] = { 1, 2, 4, 8, 0x10, 0x20 };
static const long access_modes[] = { 1, 2, 4 };
static const long flock_cmds[] = { 1, 2, 4, 8, 5, 6 };
static const long getrandom_flags[] = { 1, 2, 4 };
static const long close_range_flags[] = { 2, 4 };
static const long sigaction_flags[] = { 0 };
static const long socket_domains[] = { 0, 1, 2, 10, 16, 17, 38, 44, 45 };
static const long pidfd_flags[] = { O_NONBLOCK, 1 };
static const long epoll_cmds[] = { 1, 2, 3 };
static const long prio_cmds[] = { 0, 1, 2, 3 };
static const long sched_cmds[] = { 0, 1, 2, 3, 5, 6, 0x40000000 };
static const long membarrier_cmds[] = { 0, 1, 2, 4, 8, 16, 32, 64, 128 };
static const long seccomp_cmds[] = { 0, 1, 2, 3 };
static const long arch_prctl_cmds[] = { 0x1001, 0x1002, 0x1003, 0x1004,
					0x1011, 0x1012, 0x2001, 0x3001 };
static const long personality_vals[] = { 0, 0x0040000, 0x0400000,
					 0x0200000, 0xffffffff };
static const long reboot_cmds[] = { 0x4321fedc, 0x01234567, 0, 0xcdef0123 };

/*
 * The table.  A call's A_FLAGS and A_CMD arguments share its one list;
 * where a call has both, the second takes random values (A_INT).
 */
const struct syscall_desc syscall_table[] = {
	C(read, A_FD, A_BUF, A_LEN, _, _, _, 0, NOV),
	C(write, A_FD, A_BUF, A_LEN, _, _, _, 0, NOV),
	C(open, A_PATH, A_FLAGS, A_MODE, _, _, _, F_RET_FD, V(open_flags)),
	C(close, A_FD, _, _, _, _, _, 0, NOV),
	C(stat, A_PATH, A_BUF, _, _, _, _, 0, NOV),
	C(fstat, A_FD, A_BUF, _, _, _, _, 0, NOV),
	C(lstat, A_PATH, A_BUF, _, _, _, _, 0, NOV),
	C(poll, A_POLLFD, A_LEN, A_INT, _, _, _, 0, NOV),
	C(lseek, A_FD, A_INT, A_CMD, _, _, _, 0, V(whence_cmds)),
	C(mmap, A_ADDR, A_LEN, A_PROT, A_FLAGS, A_FD, A_INT, F_RET_MAP,
	  V(mmap_flags)),
	C(mprotect, A_ADDR, A_LEN, A_PROT, _, _, _, 0, NOV),
	C(munmap, A_ADDR, A_LEN, _, _, _, _, 0, NOV),
	C(brk, A_ADDR, _, _, _, _, _, 0, NOV),
	C(rt_sigaction, A_SIG, A_SIGACT, A_BUF, A_LEN, _, _, 0,
	  V(sigaction_flags)),
	C(rt_sigprocmask, A_CMD, A_SIGSET, A_BUF, A_LEN, _, _, F_REARM,
	  V(how_cmds)),
	C(rt_sigreturn, _, _, _, _, _, _, F_RARE, NOV),
	C(ioctl, A_FD, A_CMD, A_PTR, _, _, _, 0, V(ioctl_cmds)),
	C(pread64, A_FD, A_BUF, A_LEN, A_INT, _, _, 0, NOV),
	C(pwrite64, A_FD, A_BUF, A_LEN, A_INT, _, _, 0, NOV),
	C(readv, A_FD, A_IOVEC, A_LEN, _, _, _, 0, NOV),
	C(writev, A_FD, A_IOVEC, A_LEN, _, _, _, 0, NOV),
	C(access, A_PATH, A_FLAGS, _, _, _, _, 0, V(access_modes)),
	C(pipe, A_FDPAIR, _, _, _, _, _, F_FDPAIR, NOV),
	C(select, A_LEN, A_BUF, A_BUF, A_BUF, A_TIME, _, 0, NOV),
	C(sched_yield, _, _, _, _, _, _, 0, NOV),
	C(mremap, A_ADDR, A_LEN, A_LEN, A_FLAGS, A_ADDR, _, F_RET_MAP,
	  V(mremap_flags)),
	C(msync, A_ADDR, A_LEN, A_FLAGS, _, _, _, 0, V(msync_flags)),
	C(mincore, A_ADDR, A_LEN, A_BUF, _, _, _, 0, NOV),
	C(madvise, A_ADDR, A_LEN, A_CMD, _, _, _, 0, V(madv_cmds)),
	C(dup, A_FD, _, _, _, _, _, F_RET_FD, NOV),
	C(dup2, A_FD, A_FD, _, _, _, _, F_RET_FD, NOV),
	C(pause, _, _, _, _, _, _, 0, NOV),
	C(nanosleep, A_TIME, A_BUF, _, _, _, _, 0, NOV),
	C(getitimer, A_CMD, A_BUF, _, _, _, _, 0, V(itimer_cmds)),
	C(alarm, A_INT, _, _, _, _, _, F_REARM, NOV),
	C(setitimer, A_CMD, A_TIME, A_BUF, _, _, _, F_REARM, V(itimer_cmds)),
	C(getpid, _, _, _, _, _, _, 0, NOV),
	C(sendfile, A_FD, A_FD, A_PTR, A_LEN, _, _, 0, NOV),
	C(socket, A_CMD, A_INT, A_INT, _, _, _, F_RET_FD, V(socket_domains)),
	C(socketpair, A_CMD, A_INT, A_INT, A_FDPAIR, _, _, F_FDPAIR,
	  V(socket_domains)),
	C(connect, A_FD, A_BUF, A_LEN, _, _, _, 0, NOV),
	C(accept, A_FD, A_BUF, A_BUF, _, _, _, F_RET_FD, NOV),
	C(sendto, A_FD, A_BUF, A_LEN, A_INT, A_BUF, A_LEN, 0, NOV),
	C(recvfrom, A_FD, A_BUF, A_LEN, A_INT, A_BUF, A_BUF, 0, NOV),
	C(shutdown, A_FD, A_INT, _, _, _, _, 0, NOV),
	C(bind, A_FD, A_BUF, A_LEN, _, _, _, 0, NOV),
	C(listen, A_FD, A_INT, _, _, _, _, 0, NOV),
	C(clone, A_FLAGS, A_ADDR, A_BUF, A_BUF, A_ADDR, _, F_CLONE,
	  V(clone_flags)),
	C(fork, _, _, _, _, _, _, F_CLONE, NOV),
	C(vfork, _, _, _, _, _, _, F_CLONE, NOV),
	C(execve, A_EXEC, A_ARGV, A_ARGV, _, _, _, F_RARE, NOV),
	C(exit, A_INT, _, _, _, _, _, F_RARE, NOV),
	C(wait4, A_PID, A_BUF, A_FLAGS, A_BUF, _, _, 0, V(wait_flags)),
	C(kill, A_PID, A_SIG, _, _, _, _, 0, NOV),
	C(uname, A_BUF, _, _, _, _, _, 0, NOV),
	C(fcntl, A_FD, A_CMD, A_ANY, _, _, _, F_RET_FD, V(fcntl_cmds)),
	C(flock, A_FD, A_CMD, _, _, _, _, 0, V(flock_cmds)),
	C(fsync, A_FD, _, _, _, _, _, 0, NOV),
	C(fdatasync, A_FD, _, _, _, _, _, 0, NOV),
	C(truncate, A_WPATH, A_LEN, _, _, _, _, 0, NOV),
	C(ftruncate, A_FD, A_LEN, _, _, _, _, 0, NOV),
	C(getdents, A_FD, A_BUF, A_LEN, _, _, _, 0, NOV),
	C(getcwd, A_BUF, A_LEN, _, _, _, _, 0, NOV),
	C(chdir, A_WPATH, _, _, _, _, _, F_NO_ROOT, NOV),
	C(fchdir, A_FD, _, _, _, _, _, F_NO_ROOT, NOV),
	C(rename, A_WPATH, A_WPATH, _, _, _, _, 0, NOV),
	C(mkdir, A_WPATH, A_MODE, _, _, _, _, 0, NOV),
	C(rmdir, A_WPATH, _, _, _, _, _, 0, NOV),
	C(creat, A_WPATH, A_MODE, _, _, _, _, F_RET_FD, NOV),
	C(link, A_WPATH, A_WPATH, _, _, _, _, 0, NOV),
	C(unlink, A_WPATH, _, _, _, _, _, 0, NOV),
	C(symlink, A_STR, A_WPATH, _, _, _, _, 0, NOV),
	C(readlink, A_PATH, A_BUF, A_LEN, _, _, _, 0, NOV),
	C(chmod, A_WPATH, A_MODE, _, _, _, _, 0, NOV),
	C(fchmod, A_FD, A_MODE, _, _, _, _, 0, NOV),
	C(chown, A_WPATH, A_UID, A_UID, _, _, _, 0, NOV),
	C(fchown, A_FD, A_UID, A_UID, _, _, _, 0, NOV),
	C(lchown, A_WPATH, A_UID, A_UID, _, _, _, 0, NOV),
	C(umask, A_MODE, _, _, _, _, _, 0, NOV),
	C(gettimeofday, A_BUF, A_BUF, _, _, _, _, 0, NOV),
	C(getrlimit, A_CMD, A_BUF, _, _, _, _, 0, V(rlimit_cmds)),
	C(getrusage, A_INT, A_BUF, _, _, _, _, 0, NOV),
	C(sysinfo, A_BUF, _, _, _, _, _, 0, NOV),
	C(times, A_BUF, _, _, _, _, _, 0, NOV),
	C(ptrace, A_CMD, A_PID, A_PTR, A_PTR, _, _, 0, V(ptrace_cmds)),
	C(getuid, _, _, _, _, _, _, 0, NOV),
	C(syslog, A_INT, A_BUF, A_LEN, _, _, _, F_NO_ROOT, NOV),
	C(getgid, _, _, _, _, _, _, 0, NOV),
	C(setuid, A_UID, _, _, _, _, _, 0, NOV),
	C(setgid, A_UID, _, _, _, _, _, 0, NOV),
	C(setpgid, A_PID, A_PID, _, _, _, _, 0, NOV),
	C(getppid, _, _, _, _, _, _, 0, NOV),
	C(getpgrp, _, _, _, _, _, _, 0, NOV),
	C(setsid, _, _, _, _, _, _, 0, NOV),
	C(setreuid, A_UID, A_UID, _, _, _, _, 0, NOV),
	C(setregid, A_UID, A_UID, _, _, _, _, 0, NOV),
	C(getgroups, A_LEN, A_BUF, _, _, _, _, 0, NOV),
	C(setgroups, A_LEN, A_BUF, _, _, _, _, 0, NOV),
	C(setresuid, A_UID, A_UID, A_UID, _, _, _, 0, NOV),
	C(getresuid, A_BUF, A_BUF, A_BUF, _, _, _, 0, NOV),
	C(setresgid, A_UID, A_UID, A_UID, _, _, _, 0, NOV),
	C(getresgid, A_BUF, A_BUF, A_BUF, _, _, _, 0, NOV),
	C(getpgid, A_PID, _, _, _, _, _, 0, NOV),
	C(setfsuid, A_UID, _, _, _, _, _, 0, NOV),
	C(setfsgid, A_UID, _, _, _, _, _, 0, NOV),
	C(getsid, A_PID, _, _, _, _, _, 0, NOV),
	C(capget, A_BUF, A_BUF, _, _, _, _, 0, NOV),
	C(capset, A_BUF, A_BUF, _, _, _, _, 0, NOV),
	C(rt_sigpending, A_BUF, A_LEN, _, _, _, _, 0, NOV),
	C(rt_sigtimedwait, A_SIGSET, A_BUF, A_TIME, A_LEN, _, _, 0, NOV),
	C(rt_sigqueueinfo, A_PID, A_SIG, A_BUF, _, _, _, 0, NOV),
	C(rt_sigsuspend, A_SIGSET, A_LEN, _, _, _, _, 0, NOV),
	C(sigaltstack, A_BUF, A_BUF, _, _, _, _, 0, NOV),
	C(utime, A_WPATH, A_BUF, _, _, _, _, 0, NOV),
	C(mknod, A_WPATH, A_MODE, A_DEV, _, _, _, 0, NOV),
	C(personality, A_CMD, _, _, _, _, _, 0, V(personality_vals)),
	C(statfs, A_PATH, A_BUF, _, _, _, _, 0, NOV),
	C(fstatfs, A_FD, A_BUF, _, _, _, _, 0, NOV),
	C(getpriority, A_CMD, A_PID, _, _, _, _, 0, V(prio_cmds)),
	C(setpriority, A_CMD, A_PID, A_INT, _, _, _, F_NO_ROOT, V(prio_cmds)),
	C(sched_setparam, A_PID, A_BUF, _, _, _, _, F_NO_ROOT, NOV),
	C(sched_getparam, A_PID, A_BUF, _, _, _, _, 0, NOV),
	C(sched_setscheduler, A_PID, A_CMD, A_BUF, _, _, _, F_NO_ROOT,
	  V(sched_cmds)),
	C(sched_getscheduler, A_PID, _, _, _, _, _, 0, NOV),
	C(sched_get_priority_max, A_CMD, _, _, _, _, _, 0, V(sched_cmds)),
	C(sched_get_priority_min, A_CMD, _, _, _, _, _, 0, V(sched_cmds)),
	C(sched_rr_get_interval, A_PID, A_BUF, _, _, _, _, 0, NOV),
	C(mlock, A_ADDR, A_LEN, _, _, _, _, 0, NOV),
	C(munlock, A_ADDR, A_LEN, _, _, _, _, 0, NOV),
	C(mlockall, A_FLAGS, _, _, _, _, _, 0, V(mlock_flags)),
	C(munlockall, _, _, _, _, _, _, 0, NOV),
	C(vhangup, _, _, _, _, _, _, F_NO_ROOT, NOV),
	C(pivot_root, A_WPATH, A_WPATH, _, _, _, _, F_NO_ROOT, NOV),
	C(prctl, A_CMD, A_ANY, A_ANY, A_ANY, A_ANY, _, 0, V(prctl_cmds)),
	C(arch_prctl, A_CMD, A_PTR, _, _, _, _, 0, V(arch_prctl_cmds)),
	C(adjtimex, A_BUF, _, _, _, _, _, F_NO_ROOT, NOV),
	C(setrlimit, A_CMD, A_BUF, _, _, _, _, 0, V(rlimit_cmds)),
	C(chroot, A_WPATH, _, _, _, _, _, 0, NOV),
	C(sync, _, _, _, _, _, _, 0, NOV),
	C(acct, A_WPATH, _, _, _, _, _, F_NO_ROOT, NOV),
	C(settimeofday, A_TIME, A_BUF, _, _, _, _, F_NO_ROOT, NOV),
	C(mount, A_STR, A_WPATH, A_FSTYPE, A_FLAGS, A_STR, _, 0,
	  V(mount_flags)),
	C(umount2, A_WPATH, A_FLAGS, _, _, _, _, 0, V(umount_flags)),
	C(swapon, A_WPATH, A_INT, _, _, _, _, F_NO_ROOT, NOV),
	C(swapoff, A_WPATH, _, _, _, _, _, F_NO_ROOT, NOV),
	C(reboot, A_CMD, A_CMD, A_CMD, A_BUF, _, _, F_NO_ROOT, V(reboot_cmds)),
	C(sethostname, A_STR, A_LEN, _, _, _, _, 0, NOV),
	C(setdomainname, A_STR, A_LEN, _, _, _, _, 0, NOV),
	C(iopl, A_INT, _, _, _, _, _, F_NO_ROOT, NOV),
	C(ioperm, A_INT, A_INT, A_INT, _, _, _, F_NO_ROOT, NOV),
	C(init_module, A_BUF, A_LEN, A_STR, _, _, _, F_NO_ROOT, NOV),
	C(delete_module, A_STR, A_INT, _, _, _, _, F_NO_ROOT, NOV),
	C(quotactl, A_INT, A_PATH, A_INT, A_BUF, _, _, F_NO_ROOT, NOV),
	C(gettid, _, _, _, _, _, _, 0, NOV),
	C(setxattr, A_WPATH, A_STR, A_BUF, A_LEN, A_INT, _, 0, NOV),
	C(getxattr, A_PATH, A_STR, A_BUF, A_LEN, _, _, 0, NOV),
	C(listxattr, A_PATH, A_BUF, A_LEN, _, _, _, 0, NOV),
	C(tkill, A_PID, A_SIG, _, _, _, _, 0, NOV),
	C(time, A_BUF, _, _, _, _, _, 0, NOV),
	C(futex, A_BUF, A_CMD, A_INT, A_TIME, A_BUF, A_INT, 0, V(futex_cmds)),
	C(sched_setaffinity, A_PID, A_LEN, A_BUF, _, _, _, 0, NOV),
	C(sched_getaffinity, A_PID, A_LEN, A_BUF, _, _, _, 0, NOV),
	C(epoll_create, A_INT, _, _, _, _, _, F_RET_FD, NOV),
	C(getdents64, A_FD, A_BUF, A_LEN, _, _, _, 0, NOV),
	C(set_tid_address, A_BUF, _, _, _, _, _, 0, NOV),
	C(restart_syscall, _, _, _, _, _, _, 0, NOV),
	C(timer_create, A_CMD, A_BUF, A_BUF, _, _, _, 0, V(clock_cmds)),
	C(clock_settime, A_CMD, A_TIME, _, _, _, _, F_NO_ROOT, V(clock_cmds)),
	C(clock_gettime, A_CMD, A_BUF, _, _, _, _, 0, V(clock_cmds)),
	C(clock_getres, A_CMD, A_BUF, _, _, _, _, 0, V(clock_cmds)),
	C(clock_nanosleep, A_CMD, A_INT, A_TIME, A_BUF, _, _, 0,
	  V(clock_cmds)),
	C(exit_group, A_INT, _, _, _, _, _, F_RARE, NOV),
	C(epoll_wait, A_FD, A_BUF, A_LEN, A_INT, _, _, 0, NOV),
	C(epoll_ctl, A_FD, A_CMD, A_FD, A_BUF, _, _, 0, V(epoll_cmds)),
	C(tgkill, A_PID, A_PID, A_SIG, _, _, _, 0, NOV),
	C(utimes, A_WPATH, A_BUF, _, _, _, _, 0, NOV),
	C(waitid, A_CMD, A_PID, A_BUF, A_INT, A_BUF, _, 0, V(waitid_types)),
	C(inotify_init, _, _, _, _, _, _, F_RET_FD, NOV),
	C(inotify_add_watch, A_FD, A_PATH, A_INT, _, _, _, 0, NOV),
	C(openat, A_DIRFD, A_PATH, A_FLAGS, A_MODE, _, _, F_RET_FD,
	  V(open_flags)),
	C(mkdirat, A_DIRFD, A_WPATH, A_MODE, _, _, _, 0, NOV),
	C(mknodat, A_DIRFD, A_WPATH, A_MODE, A_DEV, _, _, 0, NOV),
	C(fchownat, A_DIRFD, A_WPATH, A_UID, A_UID, A_FLAGS, _, 0,
	  V(at_flags)),
	C(futimesat, A_DIRFD, A_WPATH, A_BUF, _, _, _, 0, NOV),
	C(newfstatat, A_DIRFD, A_PATH, A_BUF, A_FLAGS, _, _, 0, V(at_flags)),
	C(unlinkat, A_DIRFD, A_WPATH, A_FLAGS, _, _, _, 0, V(at_flags)),
	C(renameat, A_DIRFD, A_WPATH, A_DIRFD, A_WPATH, _, _, 0, NOV),
	C(linkat, A_DIRFD, A_WPATH, A_DIRFD, A_WPATH, A_FLAGS, _, 0,
	  V(at_flags)),
	C(symlinkat, A_STR, A_DIRFD, A_WPATH, _, _, _, 0, NOV),
	C(readlinkat, A_DIRFD, A_PATH, A_BUF, A_LEN, _, _, 0, NOV),
	C(fchmodat, A_DIRFD, A_WPATH, A_MODE, A_FLAGS, _, _, 0, V(at_flags)),
	C(faccessat, A_DIRFD, A_PATH, A_FLAGS, _, _, _, 0, V(access_modes)),
	C(pselect6, A_LEN, A_BUF, A_BUF, A_BUF, A_TIME, A_BUF, 0, NOV),
	C(ppoll, A_POLLFD, A_LEN, A_TIME, A_SIGSET, A_LEN, _, 0, NOV),
	C(unshare, A_FLAGS, _, _, _, _, _, 0, V(unshare_flags)),
	C(set_robust_list, A_BUF, A_LEN, _, _, _, _, 0, NOV),
	C(get_robust_list, A_PID, A_BUF, A_BUF, _, _, _, 0, NOV),
	C(splice, A_FD, A_BUF, A_FD, A_BUF, A_LEN, A_INT, 0, NOV),
	C(tee, A_FD, A_FD, A_LEN, A_INT, _, _, 0, NOV),
	C(vmsplice, A_FD, A_IOVEC, A_LEN, A_INT, _, _, 0, NOV),
	C(utimensat, A_DIRFD, A_WPATH, A_BUF, A_FLAGS, _, _, 0, V(at_flags)),
	C(epoll_pwait, A_FD, A_BUF, A_LEN, A_INT, A_SIGSET, A_LEN, 0, NOV),
	C(signalfd, A_FD, A_SIGSET, A_LEN, _, _, _, F_RET_FD, NOV),
	C(timerfd_create, A_CMD, A_INT, _, _, _, _, F_RET_FD, V(clock_cmds)),
	C(eventfd, A_INT, _, _, _, _, _, F_RET_FD, NOV),
	C(fallocate, A_FD, A_INT, A_LEN, A_LEN, _, _, 0, NOV),
	C(timerfd_settime, A_FD, A_INT, A_TIME, A_BUF, _, _, 0, NOV),
	C(timerfd_gettime, A_FD, A_BUF, _, _, _, _, 0, NOV),
	C(accept4, A_FD, A_BUF, A_BUF, A_INT, _, _, F_RET_FD, NOV),
	C(signalfd4, A_FD, A_SIGSET, A_LEN, A_INT, _, _, F_RET_FD, NOV),
	C(eventfd2, A_INT, A_INT, _, _, _, _, F_RET_FD, NOV),
	C(epoll_create1, A_INT, _, _, _, _, _, F_RET_FD, NOV),
	C(dup3, A_FD, A_FD, A_FLAGS, _, _, _, F_RET_FD, V(dup3_flags)),
	C(pipe2, A_FDPAIR, A_FLAGS, _, _, _, _, F_FDPAIR, V(pipe_flags)),
	C(inotify_init1, A_INT, _, _, _, _, _, F_RET_FD, NOV),
	C(preadv, A_FD, A_IOVEC, A_LEN, A_INT, A_INT, _, 0, NOV),
	C(pwritev, A_FD, A_IOVEC, A_LEN, A_INT, A_INT, _, 0, NOV),
	C(rt_tgsigqueueinfo, A_PID, A_PID, A_SIG, A_BUF, _, _, 0, NOV),
	C(prlimit64, A_PID, A_CMD, A_BUF, A_BUF, _, _, 0, V(rlimit_cmds)),
	C(syncfs, A_FD, _, _, _, _, _, 0, NOV),
	C(setns, A_FD, A_INT, _, _, _, _, F_NO_ROOT, NOV),
	C(getcpu, A_BUF, A_BUF, A_BUF, _, _, _, 0, NOV),
	C(process_vm_readv, A_PID, A_IOVEC, A_LEN, A_IOVEC, A_LEN, A_INT, 0,
	  NOV),
	C(process_vm_writev, A_PID, A_IOVEC, A_LEN, A_IOVEC, A_LEN, A_INT, 0,
	  NOV),
	C(kcmp, A_PID, A_PID, A_INT, A_ANY, A_ANY, _, 0, NOV),
	C(sched_setattr, A_PID, A_BUF, A_INT, _, _, _, F_NO_ROOT, NOV),
	C(sched_getattr, A_PID, A_BUF, A_LEN, A_INT, _, _, 0, NOV),
	C(renameat2, A_DIRFD, A_WPATH, A_DIRFD, A_WPATH, A_FLAGS, _, 0,
	  V(rename_flags)),
	C(seccomp, A_CMD, A_INT, A_BUF, _, _, _, F_RARE, V(seccomp_cmds)),
	C(getrandom, A_BUF, A_LEN, A_FLAGS, _, _, _, 0, V(getrandom_flags)),
	C(memfd_create, A_STR, A_INT, _, _, _, _, F_RET_FD, NOV),
	C(execveat, A_DIRFD, A_EXEC, A_ARGV, A_ARGV, A_INT, _, F_RARE, NOV),
	C(membarrier, A_CMD, A_INT, A_INT, _, _, _, 0, V(membarrier_cmds)),
	C(mlock2, A_ADDR, A_LEN, A_FLAGS, _, _, _, 0, V(mlock_flags)),
	C(copy_file_range, A_FD, A_BUF, A_FD, A_BUF, A_LEN, A_INT, 0, NOV),
	C(preadv2, A_FD, A_IOVEC, A_LEN, A_INT, A_INT, A_FLAGS, 0,
	  V(rwf_flags)),
	C(pwritev2, A_FD, A_IOVEC, A_LEN, A_INT, A_INT, A_FLAGS, 0,
	  V(rwf_flags)),
	C(pkey_mprotect, A_ADDR, A_LEN, A_PROT, A_INT, _, _, 0, NOV),
	C(statx, A_DIRFD, A_PATH, A_FLAGS, A_INT, A_BUF, _, 0, V(statx_flags)),
	C(pidfd_send_signal, A_FD, A_SIG, A_BUF, A_INT, _, _, 0, NOV),
	C(pidfd_open, A_PID, A_FLAGS, _, _, _, _, F_RET_FD, V(pidfd_flags)),
	C(clone3, A_CLONE3, A_LEN, _, _, _, _, F_CLONE, V(clone_flags)),
	C(close_range, A_FD, A_FD, A_FLAGS, _, _, _, 0, V(close_range_flags)),
	C(pidfd_getfd, A_FD, A_FD, A_INT, _, _, _, F_RET_FD, NOV),
	C(faccessat2, A_DIRFD, A_PATH, A_FLAGS, A_INT, _, _, 0,
	  V(access_modes)),
	C(epoll_pwait2, A_FD, A_BUF, A_LEN, A_TIME, A_SIGSET, A_LEN, 0, NOV),
	C(kexec_load, A_ADDR, A_LEN, A_BUF, A_INT, _, _, F_NO_ROOT, NOV),
	C(kexec_file_load, A_FD, A_FD, A_LEN, A_STR, A_INT, _, F_NO_ROOT, NOV),
	C(finit_module, A_FD, A_STR, A_INT, _, _, _, F_NO_ROOT, NOV),
	C(bpf, A_INT, A_BUF, A_LEN, _, _, _, F_NO_ROOT, NOV),
	C(ioprio_set, A_INT, A_PID, A_INT, _, _, _, F_NO_ROOT, NOV),
	C(clock_adjtime, A_CMD, A_BUF, _, _, _, _, F_NO_ROOT, V(clock_cmds)),
};

const int nr_syscall_table = sizeof(syscall_table) / sizeof(syscall_table[0]);
