/*
 * tests/sysfs/sysfs.c: mounting sysfs (root only) and what it shows:
 * /sys/devices/system/cpu (online/possible/present lists that agree
 * with sysconf, a cpuN directory per CPU with its topology), the
 * transparent huge page setting, the mount points for tracefs, debugfs,
 * securityfs and cgroup, the directories every system has, and the
 * character devices (class/, dev/char/, devices/virtual/).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include "tap.h"
#include "proc.h"

#define SYSFS_MAGIC 0x62656572

static char root[64];

/* How many CPUs a list such as "0-3,5" names. */
static int list_count(const char *s)
{
	int n = 0;

	while (*s && *s != '\n') {
		char *end;
		long a = strtol(s, &end, 10), b = a;

		if (end == s)
			return -1;
		if (*end == '-')
			b = strtol(end + 1, &end, 10);
		n += b - a + 1;
		s = *end == ',' ? end + 1 : end;
	}
	return n;
}

static const char *path(const char *rel)
{
	static char buf[256];

	snprintf(buf, sizeof(buf), "%s/%s", root, rel);
	return buf;
}

static int is_dir(const char *rel)
{
	struct stat st;

	return stat(path(rel), &st) == 0 && S_ISDIR(st.st_mode);
}

static void test_cpus(void)
{
	long onln = sysconf(_SC_NPROCESSORS_ONLN);
	char buf[256];
	int cpus = 0;
	DIR *d;
	struct dirent *e;

	ok(slurp(path("devices/system/cpu/online"), buf, sizeof(buf)) > 0,
	   "cpu/online reads");
	is(list_count(buf), onln, "it lists the online CPUs (%s)", buf);
	ok(buf[strlen(buf) - 1] == '\n', "with a newline");
	slurp(path("devices/system/cpu/possible"), buf, sizeof(buf));
	ok(list_count(buf) >= onln, "possible lists at least those");
	slurp(path("devices/system/cpu/present"), buf, sizeof(buf));
	ok(list_count(buf) >= onln, "present too");
	ok(slurp(path("devices/system/cpu/kernel_max"), buf, sizeof(buf)) > 0 &&
	   atoi(buf) >= onln - 1, "kernel_max");
	d = opendir(path("devices/system/cpu"));
	while (d && (e = readdir(d)))
		if (!strncmp(e->d_name, "cpu", 3) && e->d_name[3] >= '0' &&
		    e->d_name[3] <= '9')
			cpus++;
	if (d)
		closedir(d);
	ok(cpus >= onln, "a cpuN directory per CPU (%d)", cpus);
	ok(slurp(path("devices/system/cpu/cpu0/topology/core_id"), buf,
		 sizeof(buf)) > 0, "cpu0/topology/core_id reads");
	ok(slurp(path("devices/system/cpu/cpu0/topology/thread_siblings_list"),
		 buf, sizeof(buf)) > 0 && list_count(buf) >= 1,
	   "cpu0's thread siblings include itself");
}

static void test_tree(void)
{
	static const char *const dirs[] = {
		"kernel/tracing", "kernel/debug", "kernel/security", "fs/cgroup",
		"class", "block", "dev", "devices/system", "bus", "module",
	};
	char buf[256];

	for (unsigned int i = 0; i < sizeof(dirs) / sizeof(*dirs); i++)
		ok(is_dir(dirs[i]), "/sys/%s is a directory", dirs[i]);
	ok(slurp(path("kernel/mm/transparent_hugepage/enabled"), buf,
		 sizeof(buf)) > 0 && strchr(buf, '[') && strstr(buf, "never"),
	   "transparent_hugepage/enabled: the choices, one in [] (%s)", buf);
	expect_errno(open(path("devices/system/cpu/online"), O_WRONLY), EACCES);
}

static int unprivileged(void)
{
	tap_failures = 0;
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 99;
	expect_errno(mount("sysfs", root, "sysfs", 0, NULL), EPERM);
	return tap_failures;
}

/* link's text, NUL-terminated, or "" */
static const char *link_text(const char *rel)
{
	static char buf[256];
	ssize_t n = readlink(path(rel), buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = 0;
	return buf;
}

/* The character devices as udev-less tools find them: by class, by
 * number, and each device's dev, uevent and subsystem. */
static void test_devices(void)
{
	char buf[256];
	struct stat st;

	is_str(link_text("class/mem/null"), "../../devices/virtual/mem/null",
	       "class/mem/null links to the device");
	is_str(link_text("dev/char/1:3"), "../../devices/virtual/mem/null",
	       "so does dev/char/1:3");
	is_str(link_text("devices/virtual/mem/null/subsystem"),
	       "../../../../class/mem", "the device's subsystem is its class");
	slurp(path("class/mem/null/dev"), buf, sizeof(buf));
	is_str(buf, "1:3\n", "dev through the class link");
	slurp(path("dev/char/1:3/uevent"), buf, sizeof(buf));
	is_str(buf, "MAJOR=1\nMINOR=3\nDEVNAME=null\nDEVMODE=0666\n",
	       "uevent through the number link");
	slurp(path("class/mem/zero/dev"), buf, sizeof(buf));
	is_str(buf, "1:5\n", "zero is 1:5");
	slurp(path("class/tty/tty/uevent"), buf, sizeof(buf));
	is_str(buf, "MAJOR=5\nMINOR=0\nDEVNAME=tty\nDEVMODE=0666\n",
	       "tty: DEVMODE 0666");
	slurp(path("class/tty/console/uevent"), buf, sizeof(buf));
	is_str(buf, "MAJOR=5\nMINOR=1\nDEVNAME=console\n",
	       "console: no DEVMODE");
	ok(stat(path("class/mem/null/"), &st) == 0 && S_ISDIR(st.st_mode),
	   "a class entry leads to a directory");
	ok(lstat(path("class/mem/null"), &st) == 0 && S_ISLNK(st.st_mode),
	   "and is a link");
	ok(stat(path("dev/block"), &st) == 0 && S_ISDIR(st.st_mode),
	   "dev/block is a directory");
	ok(stat(path("class/misc"), &st) == 0 && S_ISDIR(st.st_mode),
	   "class/misc is a directory");
	expect_errno(stat(path("class/mem/nosuch"), &st), ENOENT);
}

int main(void)
{
	struct statfs sf;

	scratch(root, sizeof(root), "sysfs");
	mkdir(root, 0755);
	ok(mount("sysfs", root, "sysfs", 0, NULL) == 0, "sysfs mounts");
	ok(statfs(root, &sf) == 0 && sf.f_type == SYSFS_MAGIC,
	   "statfs says sysfs");
	test_cpus();
	test_tree();
	test_devices();
	ok(umount(root) == 0, "and unmounts");
	is(run_child(unprivileged), 0, "unprivileged checks (child)");
	rmdir(root);
	return tap_done();
}
