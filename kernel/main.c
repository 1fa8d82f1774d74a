/*
 * start_kernel: bring the machine up, then become the idle task while
 * the first kernel thread mounts the root filesystem from the initrd and
 * execs /init (or init=) as pid 1.
 */
#include <asm/arch.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <tine/clone.h>
#include <tine/fs.h>
#include <tine/memblock.h>
#include <tine/mm.h>
#include <tine/nsproxy.h>
#include <tine/pid.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/time.h>

void setup_arch(phys_addr_t start_info);
extern char boot_stack_top[];
#include <tine/err.h>
void slab_init(void);
int kernel_execve(const char *path, char *const argv[], char *const envp[]);
extern bool trace_syscalls, log_enosys;

struct task_struct init_task;
static struct signal_struct init_signals;
static struct sighand_struct init_sighand;
static u64 boot_start_ns;

char saved_command_line[2048];
static const char *init_path;
static char *init_argv[32] = { "/init", NULL };
static char *init_envp[32] = { "HOME=/", "TERM=linux", NULL };

/*
 * Split the command line: options we know are taken, and like Linux
 * any word after "--", or with no '=' that we do not know, is passed to
 * init as an argument; unknown "name=value" goes to init's environment.
 */
static void parse_cmdline(char *s)
{
	int argc = 1, envc = 2;
	bool to_init = false;

	for (char *w = strtok_r_simple(&s); w; w = strtok_r_simple(&s)) {
		if (!to_init && !strcmp(w, "--")) {
			to_init = true;
		} else if (!to_init && !strncmp(w, "init=", 5)) {
			init_path = w + 5;
		} else if (!to_init && !strcmp(w, "quiet")) {
			quiet_boot = true;
		} else if (!to_init && !strcmp(w, "tine.strace")) {
			trace_syscalls = true;
		} else if (!to_init && !strcmp(w, "tine.enosys")) {
			log_enosys = true;
		} else if (!to_init && !strncmp(w, "tine.fail_nth=", 14)) {
			fail_nth_set(simple_strtoul(w + 14, NULL, 0));
		} else if (!to_init && (!strncmp(w, "console=", 8) ||
				       !strncmp(w, "rdinit=", 7) ||
				       !strncmp(w, "loglevel=", 9) ||
				       strchr(w, '.'))) {
			if (!strncmp(w, "rdinit=", 7))
				init_path = w + 7;
		} else if (!to_init && strchr(w, '=')) {
			if (envc < 30)
				init_envp[envc++] = w;
		} else if (argc < 30) {
			init_argv[argc++] = w;
		}
	}
	init_argv[argc] = NULL;
	init_envp[envc] = NULL;
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
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->thread_node);
	INIT_LIST_HEAD(&t->ptraced);
	INIT_LIST_HEAD(&t->ptrace_entry);
	INIT_LIST_HEAD(&t->timer_list);
	init_sigpending(&t->pending);
	t->exit_signal = SIGCHLD;
	t->dumpable = 1;
	t->sas_ss_flags = SS_DISABLE;

	atomic_set(&init_sighand.count, 1);
	spin_lock_init(&init_sighand.siglock);
	init_waitqueue_head(&init_sighand.signalfd_wqh);
	t->sighand = &init_sighand;

	atomic_set(&init_signals.sigcnt, 1);
	atomic_set(&init_signals.live, 1);
	INIT_LIST_HEAD(&init_signals.thread_head);
	init_sigpending(&init_signals.shared_pending);
	init_waitqueue_head(&init_signals.wait_chldexit);
	INIT_LIST_HEAD(&init_signals.real_timer);
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
	t->signal = &init_signals;

	t->nsproxy = &init_nsproxy;
	atomic_inc(&init_nsproxy.count);
	t->files = files_new_empty();
	t->fs = init_fs_struct();
	if (!t->files || !t->fs)
		panic("out of memory setting up init_task");
}

/* The first kernel thread: pid 1. Execs init; returns 0 to run it. */
static int kernel_init(void *unused)
{
	static const char *const fallbacks[] = { "/init", "/sbin/init",
						 "/etc/init", "/bin/init",
						 "/bin/sh" };
	int err;

	current->signal->flags |= SIGNAL_UNKILLABLE;
	init_pid_ns.child_reaper = current;
	if (!quiet_boot)
		printk("Run %s as init process (boot took %lu us)\n",
		       init_path ? init_path : "/init",
		       (unsigned long)((ktime_get_ns() - boot_start_ns) / 1000));
	if (init_path) {
		init_argv[0] = (char *)init_path;
		err = kernel_execve(init_path, init_argv, init_envp);
		if (!err)
			return 0;
		panic("Requested init %s failed (error %d).", init_path, err);
	}
	for (unsigned i = 0; i < ARRAY_SIZE(fallbacks); i++) {
		init_argv[0] = (char *)fallbacks[i];
		err = kernel_execve(fallbacks[i], init_argv, init_envp);
		if (!err)
			return 0;
	}
	panic("No working init found. Try passing init= option to kernel.");
}

static void populate_initrd(void)
{
	int err;

	if (!initrd_size) {
		printk("no initrd: / is an empty ramfs\n");
		return;
	}
	err = populate_rootfs(__va(initrd_start), initrd_size);
	if (err)
		printk("initramfs: unpacking failed (%d)\n", err);
	/* The archive is in the page cache now; give its pages back. */
	for (phys_addr_t pa = ALIGN_UP(initrd_start, PAGE_SIZE);
	     pa + PAGE_SIZE <= initrd_start + initrd_size; pa += PAGE_SIZE)
		free_area_init(pa >> PAGE_SHIFT, (pa >> PAGE_SHIFT) + 1);
}

void __noreturn start_kernel(phys_addr_t start_info)
{
	struct task_struct *init;

	serial_init();
	setup_arch(start_info);
	strlcpy(saved_command_line, boot_cmdline, sizeof(saved_command_line));
	{
		static char buf[2048];
		strlcpy(buf, boot_cmdline, sizeof(buf));
		parse_cmdline(buf);
	}
	if (!quiet_boot)
		printk("tine 6.1.0-tine x86_64\nCommand line: %s\n",
		       saved_command_line);
	paging_init();
	page_alloc_init();
	memblock_free_all();
	slab_init();
	cpu_init();
	trap_init();
	time_init();
	boot_start_ns = 0;
	pid_init();
	syscall_table_init();
	irq_init();
	timer_init();
	vfs_init();
	init_task_setup();
	tty_init();
	populate_initrd();
	serial_enable_irq();
	if (!quiet_boot)
		printk("Memory: %luK/%luK available\n",
		       nr_free_pages() * 4, totalram_pages() * 4);
	init = kernel_thread_create(kernel_init, NULL, "init");
	if (IS_ERR_OR_NULL(init))
		panic("cannot create init");
	local_irq_enable();
	idle_loop();
}
