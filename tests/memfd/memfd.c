/*
 * tests/memfd/memfd.c: memfd_create(2): the flags and name rules, what
 * the file looks like (an unlinked 0777 tmpfs file, "/memfd:NAME
 * (deleted)" in /proc/self/fd and maps), I/O and shared mappings through
 * it (fork included), reopening through /proc/self/fd, MFD_HUGETLB (as
 * the kernel's filesystems say), and that memfds give their memory back.
 * The seals have tests/memfd/seals.
 */
#include "tap.h"
#include <sys/mman.h>
#include <sys/vfs.h>

#define MFD_CLOEXEC 0x0001U
#define MFD_ALLOW_SEALING 0x0002U
#define MFD_HUGETLB 0x0004U
#define TMPFS_MAGIC 0x01021994

static int memfd(const char *name, unsigned int flags)
{
	return syscall(SYS_memfd_create, name, flags);
}

static void test_flags_and_names(void)
{
	char name[300];
	int fd;

	expect_errno(memfd("x", 0x8), EINVAL);
	expect_errno(memfd("x", 0x80000000U), EINVAL);
	/* Huge page size bits only with MFD_HUGETLB. */
	expect_errno(memfd("x", 21U << 26), EINVAL);
	expect_errno(memfd(NULL, 0), EFAULT);
	expect_errno(memfd(KERNEL_PTR, 0), EFAULT);
	memset(name, 'n', sizeof(name));
	name[250] = 0;
	expect_errno(memfd(name, 0), EINVAL);
	name[249] = 0;
	fd = memfd(name, 0);
	ok(fd >= 0, "a 249-byte name is the longest allowed");
	close(fd);
	fd = expect_ok(memfd("", 0));
	close(fd);

	fd = memfd("cloexec", MFD_CLOEXEC);
	is(fcntl(fd, F_GETFD), FD_CLOEXEC, "MFD_CLOEXEC sets close-on-exec");
	close(fd);
	fd = memfd("plain", 0);
	is(fcntl(fd, F_GETFD), 0, "without MFD_CLOEXEC the fd stays open on exec");
	is(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR, "a memfd is open O_RDWR");
	close(fd);
}

static int has_filesystem(const char *fs)
{
	char buf[4096], want[64];
	int fd = open("/proc/filesystems", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	close(fd);
	if (n < 0)
		return 0;
	buf[n] = 0;
	snprintf(want, sizeof(want), "\t%s\n", fs);
	return strstr(buf, want) != NULL;
}

/* Linux answers MFD_HUGETLB with hugetlbfs only: without it, ENOSYS. */
static void test_hugetlb(void)
{
	int fd = memfd("huge", MFD_HUGETLB);

	if (has_filesystem("hugetlbfs")) {
		ok(fd >= 0, "MFD_HUGETLB makes a hugetlbfs file");
		close(fd);
	} else {
		ok(fd == -1 && errno == ENOSYS,
		   "MFD_HUGETLB without hugetlbfs is ENOSYS");
	}
	fd = memfd("huge", MFD_HUGETLB | (21U << 26));
	if (fd >= 0)
		close(fd);
	ok(fd >= 0 || errno == ENOSYS || errno == EINVAL,
	   "MFD_HUGETLB with a page size is not refused as a flag");
	expect_errno(memfd("huge", MFD_HUGETLB | 0x8), EINVAL);
}

static void test_file(void)
{
	int fd = memfd("test", 0);
	char path[64], link[128];
	struct statfs sfs;
	struct stat st;
	ssize_t n;

	ok(fd >= 0, "memfd_create(\"test\", 0)");
	ok(!sys_fstat(fd, &st), "fstat");
	is(st.st_mode, S_IFREG | 0777, "a regular file of mode 0777");
	is(st.st_nlink, 0, "with no links");
	is(st.st_size, 0, "and size 0");
	is(st.st_uid, getuid(), "owned by the caller");
	ok(!fstatfs(fd, &sfs) && sfs.f_type == TMPFS_MAGIC, "on tmpfs");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	is_str(link, "/memfd:test (deleted)", "its /proc/self/fd link");
	close(fd);
}

/* A line of /proc/self/maps naming what. */
static int maps_has(const char *what)
{
	static char buf[65536];
	int fd = open("/proc/self/maps", O_RDONLY);
	ssize_t n, len = 0;

	while ((n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	return strstr(buf, what) != NULL;
}

static void test_io_and_mmap(void)
{
	int fd = memfd("io", 0), fd2, st;
	char buf[16] = { 0 }, path[64];
	char *p;
	pid_t pid;

	is(write(fd, "hello", 5), 5, "write");
	is(pread(fd, buf, sizeof(buf), 0), 5, "pread back");
	is_str(buf, "hello", "the bytes written");
	ok(!ftruncate(fd, 3 * 4096), "ftruncate to 3 pages");
	p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ok(p != MAP_FAILED, "mmap MAP_SHARED");
	is(memcmp(p, "hello", 5), 0, "the mapping shows the data");
	ok(maps_has("/memfd:io (deleted)"), "/proc/self/maps names the memfd");
	memcpy(p + 8192, "world", 5);
	memset(buf, 0, sizeof(buf));
	is(pread(fd, buf, 5, 8192), 5, "pread the third page");
	is_str(buf, "world", "a store through the mapping is in the file");
	pid = fork();
	if (pid == 0) {
		memcpy(p + 4096, "child", 5);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	memset(buf, 0, sizeof(buf));
	pread(fd, buf, 5, 4096);
	is_str(buf, "child", "a fork child's store reaches the parent's memfd");

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	fd2 = open(path, O_RDWR);
	ok(fd2 >= 0, "reopen through /proc/self/fd");
	pwrite(fd2, "again", 5, 0);
	is(memcmp(p, "again", 5), 0, "the reopened file is the same memory");
	close(fd2);
	munmap(p, 3 * 4096);
	close(fd);
}

/* Memfds with pages in them, closed or unmapped, give the pages back
 * (the runner's MemFree check would see a leak); in a child so a
 * failure cannot leave them behind. */
static int churn(void)
{
	for (int i = 0; i < 64; i++) {
		int fd = memfd("churn", MFD_ALLOW_SEALING);
		char *p;

		if (fd < 0 || ftruncate(fd, 16 * 4096))
			return 1;
		p = mmap(NULL, 16 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED,
			 fd, 0);
		if (p == MAP_FAILED)
			return 2;
		memset(p, i, 16 * 4096);
		close(fd);
		if (fcntl(fd, F_GETFD) != -1)
			return 3;
		munmap(p, 16 * 4096);
	}
	return 0;
}

int main(void)
{
	test_flags_and_names();
	test_hugetlb();
	test_file();
	test_io_and_mmap();
	ok(exited_with(run_child(churn), 0), "64 memfds made, mapped, dropped");
	return tap_done();
}
