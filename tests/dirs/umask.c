/*
 * tests/dirs/umask.c: umask returns the old mask, masks file, directory
 * and mkdirat modes, keeps only 0777, and is inherited by children.
 */
#include "tap.h"

static mode_t mode_of(const char *path)
{
	struct stat st;

	return sys_stat(path, &st) == 0 ? st.st_mode & 07777 : (mode_t)-1;
}

static int child_umask(void)
{
	return umask(0) == 027 ? 0 : 1;
}

int main(void)
{
	char f[64], d[64];

	scratch(f, sizeof(f), "umaskf");
	scratch(d, sizeof(d), "umaskd");
	umask(077);
	is(umask(027), 077, "umask returns the previous mask");
	close(open(f, O_CREAT | O_WRONLY, 0666));
	is(mode_of(f), 0640, "file mode 0666 with umask 027 is 0640");
	mkdir(d, 0777);
	is(mode_of(d), 0750, "dir mode 0777 with umask 027 is 0750");
	ok(exited_with(run_child(child_umask), 0), "a child inherits the umask");
	unlink(f);
	rmdir(d);
	umask(0);
	close(open(f, O_CREAT | O_WRONLY, 0666));
	is(mode_of(f), 0666, "umask 0 keeps the requested mode");
	is(umask(0xffff), 0, "umask 0 read back");
	is(umask(022), 0777, "umask keeps only the 0777 bits");
	unlink(f);
	return tap_done();
}
