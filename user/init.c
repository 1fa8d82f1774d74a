/*
 * user/init.c: /init of the `make run` image.
 *
 * Mounts proc, devtmpfs (with the /dev/fd, /dev/std* links) and tmpfs
 * on /tmp and /dev/shm, sets the host
 * name from /etc/hostname, prints a banner and runs a login shell on
 * the console as the leader of its own session, with the console as
 * its controlling tty (what busybox's cttyhack does), so that job
 * control works: ^C, ^Z, fg, bg, kill %1. The shell is $SHELL from
 * init's environment (SHELL=/bin/bash on the kernel command line), else
 * /bin/sh; init's arguments (the words after "--" on the kernel command
 * line), if any, are a command to run instead. Init's other variables
 * (TZ=... on the command line) reach the shell or command.
 *
 * As busybox init, it reaps every process that ends up as its child
 * and takes `halt`, `poweroff` and `reboot` (SIGUSR1, SIGUSR2, SIGTERM
 * to pid 1): every process is sent SIGTERM, then SIGKILL a second
 * later, the disks are synced and the machine halts, powers off or
 * reboots. The shell's (or command's) exit powers off too.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "../tests/lib/console.h"

static volatile sig_atomic_t shutdown_signal;

/* The login shell: $SHELL of init's environment, else /bin/sh. */
static const char *shell_path(void)
{
	const char *sh = getenv("SHELL");

	return sh && sh[0] == '/' ? sh : "/bin/sh";
}

/* Mount, creating the mount point first; an existing mount is fine. */
static void mount_opts(const char *src, const char *dir, const char *type,
		       const char *opts)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, 0, opts) < 0 && errno != EBUSY)
		dprintf(2, "init: mount %s on %s: %s\n", type, dir,
			strerror(errno));
}

static void mount_fs(const char *src, const char *dir, const char *type)
{
	mount_opts(src, dir, type, NULL);
}

/*
 * The links every Linux system has in /dev (udev, mdev and systemd make
 * them; devtmpfs does not): bash's <(...) needs /dev/fd.
 */
static void dev_links(void)
{
	static const char *const links[][2] = {
		{ "/proc/self/fd", "/dev/fd" },
		{ "/proc/self/fd/0", "/dev/stdin" },
		{ "/proc/self/fd/1", "/dev/stdout" },
		{ "/proc/self/fd/2", "/dev/stderr" },
	};

	for (unsigned i = 0; i < sizeof(links) / sizeof(links[0]); i++)
		if (symlink(links[i][0], links[i][1]) < 0 && errno != EEXIST)
			dprintf(2, "init: symlink %s: %s\n", links[i][1],
				strerror(errno));
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
 * The environment of the shell or command: ours, then each variable of
 * init's own (from the kernel command line) that we do not set.
 */
static char **child_env(char *buf, size_t size, char **envp)
{
	static char *env[64];
	static const char *const ours[] = {
		"HOME=/root", "PATH=/bin:/sbin:/usr/bin:/usr/sbin",
		"TERM=vt100", "USER=root", "LOGNAME=root", NULL
	};
	int n = 0;

	for (int i = 0; ours[i]; i++)
		env[n++] = (char *)ours[i];
	snprintf(buf, size, "SHELL=%s", shell_path());
	env[n++] = buf;
	for (; *envp && n < 63; envp++) {
		size_t len = strcspn(*envp, "=") + 1;
		bool set = false;

		for (int i = 0; i < n; i++)
			set |= !strncmp(env[i], *envp, len);
		if (!set)
			env[n++] = *envp;
	}
	env[n] = NULL;
	return env;
}

/*
 * Start the shell (a login shell: argv[0] "-NAME"), or the command
 * given as init's arguments, in a session of its own with the console
 * as its controlling tty (it is already fds 0-2) and default signal
 * actions.
 */
static pid_t start_shell(const sigset_t *mask, char **cmd, char **envp)
{
	const char *sh = shell_path();
	char login[64], shell_var[80];
	char *argv[] = { login, NULL };
	pid_t pid;

	snprintf(login, sizeof(login), "-%s", strrchr(sh, '/') + 1);
	pid = fork();
	if (pid == 0) {
		struct sigaction sa = { .sa_handler = SIG_DFL };
		char **env = child_env(shell_var, sizeof(shell_var), envp);

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
		if (cmd[0])
			execve(cmd[0], cmd, env);
		else
			execve(sh, argv, env);
		dprintf(2, "init: execve %s: %s\n", cmd[0] ? cmd[0] : sh,
			strerror(errno));
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

int main(int argc, char **argv, char **envp)
{
	sigset_t sleep_mask = catch_signals();
	struct utsname u;
	pid_t shell, pid;
	bool shell_done = false;

	mount_fs("proc", "/proc", "proc");
	mount_fs("devtmpfs", "/dev", "devtmpfs");
	/* fds 0-2: /dev/console, opened again once devtmpfs is on /dev,
	 * so that they are the node /dev/console names now (ttyname()
	 * needs that), and the console even if the kernel had none. */
	dup_console();
	dev_links();
	mount_fs("tmpfs", "/tmp", "tmpfs");
	mount_fs("tmpfs", "/dev/shm", "tmpfs");
	/* Pseudo-terminals, mounted as Debian mounts them. */
	mount_opts("devpts", "/dev/pts", "devpts", "gid=5,mode=620,ptmxmode=000");
	set_hostname();
	if (uname(&u) == 0)
		printf("init: %s %s on %s%s\n", u.sysname, u.release,
		       u.nodename, access("/tests/LIST", R_OK) ? "" :
		       "; tests are in /tests (see /tests/LIST)");
	fflush(stdout);
	shell = start_shell(&sleep_mask, argv + 1, envp);
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
		printf("init: %s exited, powering off\n",
		       argc > 1 ? argv[1] : shell_path());
	shut_down(shutdown_signal == SIGUSR1 ? RB_HALT_SYSTEM :
		  shutdown_signal == SIGTERM ? RB_AUTOBOOT : RB_POWER_OFF);
}
