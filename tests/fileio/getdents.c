/*
 * tests/fileio/getdents.c: getdents64 lists every entry once with the
 * right d_type, returns 0 at the end, rewinds with lseek, and fails with
 * EINVAL, ENOTDIR, EBADF as Linux does.
 */
#include "tap.h"
#include <dirent.h>

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static char dir[64];

/* Bit per expected name: 1 ".", 2 "..", 4 "a", 8 "b", 16 "sub". */
static int name_bit(const struct linux_dirent64 *d)
{
	static const char *names[] = { ".", "..", "a", "b", "sub" };
	static const unsigned char types[] = { DT_DIR, DT_DIR, DT_REG, DT_REG,
					       DT_DIR };
	unsigned i;

	for (i = 0; i < 5; i++)
		if (strcmp(d->d_name, names[i]) == 0)
			return d->d_type == types[i] ? 1 << i : 1 << 8;
	return 1 << 9;
}

/* Read the whole directory; return the OR of name bits, -1 on repeats. */
static int list_dir(int fd, int *calls)
{
	char buf[256];
	long n, off;
	int seen = 0;

	*calls = 0;
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		(*calls)++;
		for (off = 0; off < n;) {
			struct linux_dirent64 *d = (void *)(buf + off);
			int bit = name_bit(d);

			if (seen & bit)
				return -1;
			seen |= bit;
			off += d->d_reclen;
		}
	}
	return n < 0 ? -2 : seen;
}

static void make_tree(void)
{
	char p[96];

	mkdir(dir, 0755);
	snprintf(p, sizeof(p), "%s/a", dir);
	close(open(p, O_CREAT | O_WRONLY, 0644));
	snprintf(p, sizeof(p), "%s/b", dir);
	close(open(p, O_CREAT | O_WRONLY, 0644));
	snprintf(p, sizeof(p), "%s/sub", dir);
	mkdir(p, 0755);
}

static void remove_tree(void)
{
	char p[96];

	snprintf(p, sizeof(p), "%s/a", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/b", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/sub", dir);
	rmdir(p);
	rmdir(dir);
}

int main(void)
{
	char small[8], file[96];
	int fd, calls, ffd;

	scratch(dir, sizeof(dir), "dents");
	make_tree();
	fd = expect_ok(open(dir, O_RDONLY | O_DIRECTORY));
	is(list_dir(fd, &calls), 0x1f, "getdents64 lists . .. a b sub, types right");
	ok(calls >= 1, "getdents64 returned entries");
	is(syscall(SYS_getdents64, fd, small, sizeof(small)), 0,
	   "getdents64 at the end returns 0");
	is(lseek(fd, 0, SEEK_SET), 0, "lseek rewinds a directory");
	is(list_dir(fd, &calls), 0x1f, "after rewind the listing repeats");
	lseek(fd, 0, SEEK_SET);
	expect_errno(syscall(SYS_getdents64, fd, small, 1L), EINVAL);
	close(fd);
	expect_errno(syscall(SYS_getdents64, fd, small, sizeof(small)), EBADF);
	snprintf(file, sizeof(file), "%s/a", dir);
	ffd = open(file, O_RDONLY);
	expect_errno(syscall(SYS_getdents64, ffd, small, sizeof(small)),
		     ENOTDIR);
	close(ffd);
	remove_tree();
	return tap_done();
}
