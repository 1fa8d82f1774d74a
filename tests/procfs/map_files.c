/*
 * tests/procfs/map_files.c: /proc/<pid>/map_files/ as Linux 6.1: one
 * link per file mapping named "<start>-<end>" in hex, its mode saying
 * how the file is open, readlink giving the path; malformed names
 * (leading zeros, blanks, overflow) not found; following a link needs
 * CAP_SYS_ADMIN (EPERM for others, readlink still works on one's own);
 * another's directory is closed (EACCES).
 */
#include "tap.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#define PG 4096

static char zero_link[64], file_link[64];

static int listed(const char *name)
{
	DIR *d = opendir("/proc/self/map_files");
	struct dirent *e;
	int found = 0;

	while (d && (e = readdir(d)))
		if (!strcmp(e->d_name, name) && e->d_type == DT_LNK)
			found = 1;
	if (d)
		closedir(d);
	return found;
}

static int lookup_errno(const char *fmt, unsigned long a, unsigned long b)
{
	char name[96], buf[64];

	snprintf(name, sizeof(name), fmt, a, b);
	return readlink(name, buf, sizeof(buf)) == -1 ? errno : 0;
}

static int unprivileged(void)
{
	char buf[64];
	ssize_t n;

	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534) || prctl(PR_SET_DUMPABLE, 1))
		return 10;
	n = readlink(zero_link, buf, sizeof(buf));
	if (n != 9 || memcmp(buf, "/dev/zero", 9))
		return 11;	/* readlink of one's own: allowed */
	if (open(zero_link, O_RDONLY) != -1 || errno != EPERM)
		return 12;	/* following: CAP_SYS_ADMIN */
	if (opendir("/proc/1/map_files") || errno != EACCES)
		return 13;
	return 0;
}

int main(void)
{
	char path[64], buf[128], name[64];
	int zfd = open("/dev/zero", O_RDONLY), ffd, fd;
	unsigned long z, f;
	struct stat st, lst;
	ssize_t n;

	scratch(path, sizeof(path), "map_files");
	ffd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ok(zfd >= 0 && ffd >= 0 && ftruncate(ffd, PG) == 0, "two files");
	z = (unsigned long)mmap(NULL, PG, PROT_NONE, MAP_PRIVATE, zfd, 0);
	f = (unsigned long)mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED,
				ffd, 0);
	snprintf(zero_link, sizeof(zero_link), "/proc/self/map_files/%lx-%lx",
		 z, z + PG);
	snprintf(file_link, sizeof(file_link), "/proc/self/map_files/%lx-%lx",
		 f, f + PG);

	ok(stat("/proc/self/map_files", &st) == 0 && (st.st_mode & 07777) == 0500,
	   "map_files is a 0500 directory");
	snprintf(name, sizeof(name), "%lx-%lx", z, z + PG);
	ok(listed(name), "readdir lists %s", name);
	snprintf(name, sizeof(name), "%lx-%lx", f, f + PG);
	ok(listed(name), "readdir lists %s", name);

	n = readlink(zero_link, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	is_str(buf, "/dev/zero", "readlink of the /dev/zero mapping");
	n = readlink(file_link, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	is_str(buf, path, "readlink of the file mapping");
	ok(lstat(zero_link, &lst) == 0 && lst.st_mode == (S_IFLNK | 0400),
	   "a read-only open file: lr-------- (%o)", lst.st_mode);
	ok(lstat(file_link, &lst) == 0 && lst.st_mode == (S_IFLNK | 0600),
	   "a read-write open file: lrw------- (%o)", lst.st_mode);

	fd = open(file_link, O_RDONLY);
	ok(fd >= 0 && fstat(fd, &lst) == 0 && fstat(ffd, &st) == 0 &&
	   lst.st_ino == st.st_ino, "root follows the link to the file");
	if (fd >= 0)
		close(fd);

	is(lookup_errno("/proc/self/map_files/%lx-%lx", z, z + 2 * PG), ENOENT,
	   "a range that is no mapping: ENOENT");
	is(lookup_errno("/proc/self/map_files/0%lx-%lx", z, z + PG), ENOENT,
	   "a leading zero: ENOENT");
	is(lookup_errno("/proc/self/map_files/%lx-0%lx", z, z + PG), ENOENT,
	   "a leading zero in the end: ENOENT");
	is(lookup_errno("/proc/self/map_files/ %lx-%lx", z, z + PG), ENOENT,
	   "a leading blank: ENOENT");
	is(lookup_errno("/proc/self/map_files/%lx-%lx ", z, z + PG), ENOENT,
	   "a trailing blank: ENOENT");
	is(lookup_errno("/proc/self/map_files/10000000000000000%lx-%lx", z,
			z + PG), ENOENT, "an overflowing start: ENOENT");
	ok(exited_with(run_child(unprivileged), 0),
	   "unprivileged: readlink of its own works, open EPERM, another's EACCES");

	munmap((void *)f, PG);
	is(lookup_errno("/proc/self/map_files/%lx-%lx", f, f + PG), ENOENT,
	   "after munmap the link is gone");
	close(zfd);
	close(ffd);
	unlink(path);
	return tap_done();
}
