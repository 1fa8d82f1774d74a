/*
 * start_kernel: bring the machine up, then become the idle task while
 * the first kernel thread gives itself the console and execs /init (or
 * rdinit=, init=...) from the initramfs as pid 1.
 */
#include <asm/arch.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include <tine/binfmts.h>
#include <tine/clone.h>
#include <tine/cgroup.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/fs.h>
#include <tine/init.h>
#include <tine/ipc.h>
#include <tine/kthread.h>
#include <tine/memblock.h>
#include <tine/mm.h>
#include <tine/net.h>
#include <tine/nsproxy.h>
#include <tine/pid.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/time.h>
#include <tine/trace.h>
#include <tine/user_namespace.h>
#include <tine/vdso.h>


/* Its credentials are usable from the first instruction (the VFS is
 * set up before init_task's other fields). */
struct task_struct init_task = {
	.real_cred = &init_cred,
	.cred = &init_cred,
	.cgroup = &cgrp_dfl_root,
};
static struct signal_struct init_signals;
static struct sighand_struct init_sighand;
static u64 boot_start_ns;

char saved_command_line[2048];

/*
 * What pid 1 runs, as Linux's init/main.c decides it: rdinit= (default
 * /init) if the initramfs has it, else init=, else the usual places.
 * Command line words no option takes go to init: "name=value" into its
 * environment (replacing a variable of that name), anything else, and
 * every word after "--", into its arguments. Filled at boot only.
 */
#define MAX_INIT_ARGS 32
#define MAX_INIT_ENVS 32
static char *ramdisk_execute_command = "/init";
static char *execute_command;
static char *argv_init[MAX_INIT_ARGS + 2] = { "init", NULL };
static char *envp_init[MAX_INIT_ENVS + 2] = { "HOME=/", "TERM=linux", NULL };
static const char *panic_later, *panic_param;

/* "init=" and "rdinit=" also drop the arguments gathered before them:
 * boot loaders used to prepend words like "auto" (so does Linux). */
static void forget_init_args(void)
{
	for (int i = 1; i < MAX_INIT_ARGS; i++)
		argv_init[i] = NULL;
}

static int init_setup(char *val)
{
	execute_command = val;
	forget_init_args();
	return 0;
}
__setup("init=", init_setup);

static int rdinit_setup(char *val)
{
	ramdisk_execute_command = val;
	forget_init_args();
	return 0;
}
__setup("rdinit=", rdinit_setup);

/*
 * Linux parameters tine has no use for (it has no block devices, one
 * serial console, no choice of mitigations): taken, so that init sees
 * the same arguments and environment as on Linux.
 */
static int ignored_param(char *val)
{
	return 0;
}
__setup("root=", ignored_param);
__setup("rootfstype=", ignored_param);
__setup("rootflags=", ignored_param);
__setup("rootwait", ignored_param);
__setup("ro", ignored_param);
__setup("rw", ignored_param);
__setup("nokaslr", ignored_param);
__setup("noapic", ignored_param);
__setup("nolapic", ignored_param);
__setup("acpi=", ignored_param);
__setup("mitigations=", ignored_param);
__setup("earlyprintk=", ignored_param);
__setup("nomodeset", ignored_param);
__setup("noreboot", ignored_param);

/* Append word to a NULL-terminated table of max entries; false if full. */
static bool add_init_word(char **table, int max, char *word, size_t match)
{
	int i;

	for (i = 0; table[i]; i++)
		if (match && !strncmp(table[i], word, match))
			break;
	if (i >= max)
		return false;
	table[i] = word;
	return true;
}

/* A word no option takes: to init, as Linux's unknown_bootoption(). */
static void unknown_bootoption(char *param, char *val)
{
	size_t len = strlen(param);
	char *word;

	if (kernel_param_setup(param, val))
		return;
	if (strchr(param, '.'))		/* a module's option: none here */
		return;
	if (panic_later)
		return;
	word = param_word(param, val);
	if (val ? !add_init_word(envp_init, MAX_INIT_ENVS, word, len + 1)
		: !add_init_word(argv_init, MAX_INIT_ARGS, word, 0)) {
		panic_later = val ? "env" : "init";
		panic_param = word;
	}
}

/* A word after "--": an argument of init. */
static void set_init_arg(char *word)
{
	if (!panic_later && !add_init_word(argv_init, MAX_INIT_ARGS, word, 0)) {
		panic_later = "init";
		panic_param = word;
	}
}

/* Split a copy of the boot command line (the copy is kept: argv_init
 * and envp_init point into it). */
static void parse_cmdline(const char *cmdline)
{
	static char buf[sizeof(saved_command_line)];

	strlcpy(saved_command_line, cmdline, sizeof(saved_command_line));
	strlcpy(buf, cmdline, sizeof(buf));
	parse_args(buf, unknown_bootoption, set_init_arg);
}

/* Fill init_task's shared structures: it is the template of every task. */
static void init_task_setup(void)
{
	struct task_struct *t = &init_task;

	strlcpy(t->comm, "swapper", sizeof(t->comm));
	t->state = TASK_RUNNING;
	t->flags = PF_KTHREAD;
	atomic_set(&t->usage, 2);
	t->stack = (void *)((unsigned long)boot_stack_top - KSTACK_SIZE);
	t->group_leader = t;
	t->real_parent = t->parent = t;
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->tasks);
	INIT_LIST_HEAD(&t->thread_node);
	INIT_LIST_HEAD(&t->ptraced);
	INIT_LIST_HEAD(&t->ptrace_entry);
	for (int type = 0; type < PIDTYPE_MAX; type++)
		INIT_LIST_HEAD(&t->pid_links[type]);
	INIT_LIST_HEAD(&t->cpu_timers);
	spin_lock_init_ranked(&t->alloc_lock, "task->alloc_lock", LR_TASK);
	init_sigpending(&t->pending);
	t->exit_signal = SIGCHLD;
	spin_lock_init_ranked(&t->cred_lock, "task->cred_lock", LR_CRED);
	t->sas_ss_flags = SS_DISABLE;

	atomic_set(&init_sighand.count, 1);
	atomic_set(&init_sighand.refs, 1);
	spin_lock_init_ranked(&init_sighand.siglock, "siglock", LR_SIGLOCK);
	init_waitqueue_head(&init_sighand.signalfd_wqh);
	t->sighand = &init_sighand;

	atomic_set(&init_signals.sigcnt, 1);
	atomic_set(&init_signals.live, 1);
	INIT_LIST_HEAD(&init_signals.thread_head);
	INIT_LIST_HEAD(&init_signals.multiprocess);
	mutex_init_ranked(&init_signals.cred_guard_mutex, "cred_guard_mutex",
			  LR_EXEC);
	init_sigpending(&init_signals.shared_pending);
	init_waitqueue_head(&init_signals.wait_chldexit);
	INIT_LIST_HEAD(&init_signals.real_timer);
	INIT_LIST_HEAD(&init_signals.posix_timers);
	INIT_LIST_HEAD(&init_signals.cpu_timers);
	/* The first tasks' group and session: pid 0, until setsid. */
	init_signals.pids[PIDTYPE_PGID] = get_pid(init_struct_pid);
	init_signals.pids[PIDTYPE_SID] = get_pid(init_struct_pid);
	for (int i = 0; i < RLIM_NLIMITS; i++)
		init_signals.rlim[i] = (struct rlimit){ RLIM_INFINITY,
							RLIM_INFINITY };
	init_signals.rlim[RLIMIT_STACK] = (struct rlimit){ 8 << 20,
							   RLIM_INFINITY };
	init_signals.rlim[RLIMIT_NOFILE] = (struct rlimit){ 1024, 4096 };
	init_signals.rlim[RLIMIT_CORE] = (struct rlimit){ 0, RLIM_INFINITY };
	init_signals.rlim[RLIMIT_NPROC] = (struct rlimit){ 4096, 4096 };
	init_signals.rlim[RLIMIT_SIGPENDING] = (struct rlimit){ 4096, 4096 };
	init_signals.rlim[RLIMIT_MEMLOCK] = (struct rlimit){ 8 << 20, 8 << 20 };
	init_signals.rlim[RLIMIT_MSGQUEUE] = (struct rlimit){ 819200, 819200 };
	init_signals.rlim[RLIMIT_NICE] = (struct rlimit){ 0, 0 };
	init_signals.rlim[RLIMIT_RTPRIO] = (struct rlimit){ 0, 0 };
	t->signal = &init_signals;

	t->nsproxy = &init_nsproxy;
	atomic_inc(&init_nsproxy.count);
	t->files = files_new_empty();
	t->fs = init_fs_struct();
	if (!t->files || !t->fs)
		panic("out of memory setting up init_task");
}

/*
 * Give init the console as fds 0, 1 and 2 (Linux's console_on_rootfs()):
 * the initramfs may have no /dev at all, which is why default_rootfs()
 * makes /dev/console before unpacking it.
 */
static void console_on_rootfs(void)
{
	struct file *f = filp_open("/dev/console", O_RDWR, 0);

	if (IS_ERR(f)) {
		pr_err("Warning: unable to open an initial console.\n");
		return;
	}
	for (int fd = 0; fd < 3; fd++)
		replace_fd(fd, f, 0);
	fput(f);
}

/* Exec path as pid 1 with argv_init/envp_init. 0 on success. */
static int run_init_process(const char *path)
{
	argv_init[0] = (char *)path;
	pr_info("Run %s as init process\n", path);
	return kernel_execve(path, argv_init, envp_init);
}

static int try_to_run_init_process(const char *path)
{
	int err = run_init_process(path);

	if (err && err != -ENOENT)
		pr_err("Starting init: %s exists but couldn't execute it (error %d)\n",
		       path, err);
	return err;
}

/* Does path name a file init could exec (Linux's init_eaccess())? */
static bool init_eaccess(const char *path)
{
	struct path p;
	int err = kern_path(path, LOOKUP_FOLLOW, &p);

	if (err)
		return false;
	err = inode_permission(p.dentry->d_inode, MAY_EXEC);
	path_put(&p);
	return !err;
}

/* The first kernel thread: pid 1. Execs init; returns 0 to run it. */
static int kernel_init(void *unused)
{
	static const char *const fallbacks[] = { "/sbin/init", "/etc/init",
						 "/bin/init", "/bin/sh" };
	int err;

	current->signal->flags |= SIGNAL_UNKILLABLE;
	init_pid_ns.child_reaper = current;
	console_on_rootfs();
	pr_info("boot took %lu us\n",
		(unsigned long)((ktime_get_ns() - boot_start_ns) / 1000));
	/*
	 * Without rdinit= in the initramfs Linux would mount the root
	 * device (root=) here and look for init there; tine has no block
	 * devices, so the initramfs stays the root and init= is looked up
	 * in it.
	 */
	if (ramdisk_execute_command && !init_eaccess(ramdisk_execute_command))
		ramdisk_execute_command = NULL;
	if (ramdisk_execute_command) {
		err = run_init_process(ramdisk_execute_command);
		if (!err)
			return 0;
		pr_err("Failed to execute %s (error %d)\n",
		       ramdisk_execute_command, err);
	}
	if (execute_command) {
		err = run_init_process(execute_command);
		if (!err)
			return 0;
		panic("Requested init %s failed (error %d).", execute_command,
		      err);
	}
	for (unsigned i = 0; i < ARRAY_SIZE(fallbacks); i++)
		if (!try_to_run_init_process(fallbacks[i]))
			return 0;
	panic("No working init found.  Try passing init= option to kernel. "
	      "See Linux Documentation/admin-guide/init.rst for guidance.");
}

/*
 * The root starts with /dev/console (and /dev, /root) before the boot
 * loader's archive is unpacked over it, as Linux's built-in initramfs
 * does, so that init gets a console whatever the archive holds.
 */
static void populate_initrd(void)
{
	int err;

	default_rootfs();
	if (!initrd_size) {
		pr_info("no initrd: / holds only /dev/console\n");
		return;
	}
	err = populate_rootfs(__va(initrd_start), initrd_size);
	if (err)
		pr_err("initramfs: unpacking failed (%d)\n", err);
	/* The archive is in the page cache now; give its pages back. */
	for (phys_addr_t pa = ALIGN_UP(initrd_start, PAGE_SIZE);
	     pa + PAGE_SIZE <= initrd_start + initrd_size; pa += PAGE_SIZE)
		free_area_init(pa >> PAGE_SHIFT, (pa >> PAGE_SHIFT) + 1);
}

/* do_initcalls - see init.h. Boot, before the first user process. */
void do_initcalls(void)
{
	for (const initcall_t *fn = __initcalls_start; fn < __initcalls_end; fn++)
		(*fn)();
}

/*
 * start_kernel - the boot CPU's C entry (from boot.S) with the physical
 * address of QEMU's hvm_start_info: sets up memory, the core, the VFS
 * and the other CPUs, then starts init and becomes the idle task. Never
 * returns.
 */
void __noreturn start_kernel(phys_addr_t start_info)
{
	struct task_struct *init;

	serial_init();
	setup_arch(start_info);
	parse_cmdline(boot_cmdline);
	pr_notice("tine 6.1.0-tine x86_64\n");
	pr_notice("Command line: %s\n", saved_command_line);
	if (panic_later)
		panic("Too many boot %s vars at `%s'", panic_later,
		      panic_param);
	paging_init();
	page_alloc_init();
	memblock_free_all();
	init_min_free_pages();
	slab_init();
	cpu_init();
	trap_init();
	time_init();
	vdso_init();
	boot_start_ns = 0;
	pid_init();
	user_namespaces_init();
	fork_init();
	syscall_table_init();
	irq_init();
	timer_init();
	vfs_init();
	mq_init();
	sock_init();
	trace_init();
	init_task_setup();
	sched_init();
	tty_init();
	populate_initrd();
	serial_enable_irq();
	pr_info("Memory: %luK/%luK available\n", nr_free_pages() * 4,
		totalram_pages() * 4);
	smp_init();
	do_initcalls();
	init = kernel_thread_create(kernel_init, NULL, "init");
	if (IS_ERR_OR_NULL(init))
		panic("cannot create init");
	/* pid 2, as Linux: it starts user-mode helpers (kernel/umh.c). */
	if (IS_ERR_OR_NULL(kernel_thread_create(kthreadd, NULL, "kthreadd")))
		panic("cannot create kthreadd");
	local_irq_enable();
	idle_loop();
}
