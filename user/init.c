/*
 * user/init.c: /init of the `make run` image.
 *
 * Mounts proc, devtmpfs and tmpfs on /tmp and /dev/shm, sets the host
 * name from /etc/hostname, prints a banner and runs a login shell on
 * the console as the leader of its own session, with the console as
 * its controlling tty (what busybox's cttyhack does), so that job
 * control works: ^C, ^Z, fg, bg, kill %1.
 *
 * As busybox init, it reaps every process that ends up as its child
 * and takes `halt`, `poweroff` and `reboot` (SIGUSR1, SIGUSR2, SIGTERM
 * to pid 1): every process is sent SIGTERM, then SIGKILL a second
 * later, the disks are synced and the machine halts, powers off or
 * reboots. The shell's exit powers off too.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>

static volatile sig_atomic_t shutdown_signal;

/* Mount, creating the mount point first; an existing mount is fine. */
static void mount_fs(const char *src, const char *dir, const char *type)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, 0, NULL) < 0 && errno != EBUSY)
		dprintf(2, "init: mount %s on %s: %s\n", type, dir,
			strerror(errno));
}

/* fds 0-2 are the console when the kernel could open it; else try. */
static void open_console(void)
{
	int fd;

	if (fcntl(1, F_GETFD) >= 0)
		return;
	fd = open("/dev/console", O_RDWR | O_NOCTTY);
	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

/* The host name from /etc/hostname (first line), as busybox's rcS does. */
static void set_hostname(void)
{
	char name[65] = "";
	FILE *f = fopen("/etc/hostname", "r");

	if (!f)
		return;
	if (fgets(name, sizeof(name), f))
		name[strcspn(name, "\n")] = 0;
	fclose(f);
	if (name[0] && sethostname(name, strlen(name)) < 0)
		dprintf(2, "init: sethostname: %s\n", strerror(errno));
}

static void on_signal(int sig)
{
	if (sig != SIGCHLD)
		shutdown_signal = sig;
}

/*
 * SIGUSR1 halts, SIGUSR2 powers off, SIGTERM reboots (busybox init's).
 * They and SIGCHLD stay blocked except inside sigsuspend(), so none is
 * missed between looking for work and going to sleep. Returns the mask
 * to sleep with (and to give the shell).
 */
static sigset_t catch_signals(void)
{
	static const int sigs[] = { SIGUSR1, SIGUSR2, SIGTERM, SIGCHLD };
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block, old;

	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		sigaction(sigs[i], &sa, NULL);
		sigaddset(&block, sigs[i]);
	}
	sigprocmask(SIG_BLOCK, &block, &old);
	return old;
}

/*
 * Start the shell in a session of its own, with the console as its
 * controlling tty (it is already fds 0-2) and default signal actions.
 */
static pid_t start_shell(const sigset_t *mask)
{
	char *argv[] = { "-sh", NULL };
	char *envp[] = { "HOME=/root", "PATH=/bin:/sbin:/usr/bin:/usr/sbin",
			 "TERM=vt100", "SHELL=/bin/sh", "USER=root",
			 "LOGNAME=root", NULL };
	pid_t pid = fork();

	if (pid == 0) {
		struct sigaction sa = { .sa_handler = SIG_DFL };

		sigemptyset(&sa.sa_mask);
		sigaction(SIGUSR1, &sa, NULL);
		sigaction(SIGUSR2, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGCHLD, &sa, NULL);
		sigprocmask(SIG_SETMASK, mask, NULL);
		setsid();
		if (ioctl(0, TIOCSCTTY, 0) < 0)
			dprintf(2, "init: no job control: TIOCSCTTY: %s\n",
				strerror(errno));
		if (chdir("/root") < 0)
			chdir("/");
		execve("/bin/sh", argv, envp);
		dprintf(2, "init: execve /bin/sh: %s\n", strerror(errno));
		_exit(127);
	}
	return pid;
}

/* Stop everything and halt, power off or reboot: busybox init's way. */
static void __attribute__((noreturn)) shut_down(unsigned int how)
{
	const char *what = how == RB_HALT_SYSTEM  ? "halt" :
			   how == RB_AUTOBOOT     ? "reboot" :
						    "power off";

	printf("\ninit: the system is going down for %s\n", what);
	fflush(stdout);
	kill(-1, SIGTERM);
	printf("init: sent SIGTERM to all processes\n");
	fflush(stdout);
	sleep(1);
	kill(-1, SIGKILL);
	printf("init: sent SIGKILL to all processes\n");
	fflush(stdout);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	sync();
	reboot(how);
	for (;;)
		pause();
}

int main(void)
{
	sigset_t sleep_mask = catch_signals();
	struct utsname u;
	pid_t shell, pid;
	bool shell_done = false;

	open_console();
	mount_fs("proc", "/proc", "proc");
	mount_fs("devtmpfs", "/dev", "devtmpfs");
	mount_fs("tmpfs", "/tmp", "tmpfs");
	mount_fs("tmpfs", "/dev/shm", "tmpfs");
	set_hostname();
	if (uname(&u) == 0)
		printf("init: %s %s on %s; tests are in /tests (see /tests/LIST)\n",
		       u.sysname, u.release, u.nodename);
	fflush(stdout);
	shell = start_shell(&sleep_mask);
	/* pid 1 reaps orphans too; the shell's exit ends the system. */
	while (!shutdown_signal && !shell_done) {
		while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
			if (pid == shell)
				shell_done = true;
		if (pid < 0 && errno == ECHILD)
			shell_done = true;
		if (!shutdown_signal && !shell_done)
			sigsuspend(&sleep_mask);
	}
	if (shell_done)
		printf("init: shell exited, powering off\n");
	shut_down(shutdown_signal == SIGUSR1 ? RB_HALT_SYSTEM :
		  shutdown_signal == SIGTERM ? RB_AUTOBOOT : RB_POWER_OFF);
}
