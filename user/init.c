/*
 * user/init.c: /init of the `make run` image.
 *
 * Mounts proc, devtmpfs and a tmpfs on /tmp, prints a banner, runs an
 * interactive busybox shell, reaps every process that ends up as its
 * child, and powers off when the shell exits.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>

/* Mount, creating the mount point first; an existing mount is fine. */
static void mount_fs(const char *src, const char *dir, const char *type)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, 0, NULL) < 0 && errno != EBUSY)
		dprintf(2, "init: mount %s on %s: %s\n", type, dir,
			strerror(errno));
}

/* fds 0-2 exist only if the initramfs had /dev/console; else open it now. */
static void open_console(void)
{
	int fd;

	if (fcntl(1, F_GETFD) >= 0)
		return;
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

/*
 * Start the shell.  It inherits the console as fds 0-2; it is not made a
 * session leader with a controlling tty, so there is no job control.
 */
static pid_t start_shell(void)
{
	char *argv[] = { "sh", NULL };
	char *envp[] = { "HOME=/", "PATH=/bin:/sbin:/usr/bin:/usr/sbin",
			 "TERM=vt100", "PS1=tine# ", NULL };
	pid_t pid = fork();

	if (pid == 0) {
		chdir("/");
		execve("/bin/sh", argv, envp);
		dprintf(2, "init: execve /bin/sh: %s\n", strerror(errno));
		_exit(127);
	}
	return pid;
}

int main(void)
{
	struct utsname u;
	pid_t shell, pid;

	mount_fs("proc", "/proc", "proc");
	mount_fs("devtmpfs", "/dev", "devtmpfs");
	open_console();
	mount_fs("tmpfs", "/tmp", "tmpfs");
	mount_fs("tmpfs", "/dev/shm", "tmpfs");
	if (uname(&u) == 0)
		printf("init: %s %s; tests are in /tests (see /tests/LIST)\n",
		       u.sysname, u.release);
	fflush(stdout);
	shell = start_shell();
	/* pid 1 reaps orphans too; only the shell's exit ends the system. */
	while ((pid = wait(NULL)) != shell)
		if (pid < 0 && errno == ECHILD)
			break;
	printf("init: shell exited, powering off\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}
