/*
 * /proc's own files: the system-wide ones (meminfo, stat, uptime,
 * loadavg, cpuinfo, vmstat...) and the self links. Each is generated
 * whole when opened (or read from offset 0), from the counters the
 * owning subsystem keeps.
 */
#include <asm/irq.h>
#include <asm/arch.h>
#include <tine/fs.h>
#include <tine/init.h>
#include <tine/mm.h>
#include <tine/mman.h>
#include <tine/nsproxy.h>
#include <tine/pid.h>
#include <tine/printk.h>
#include <tine/procfs.h>
#include <tine/sched.h>
#include <tine/smp.h>
#include <tine/string.h>
#include <tine/syslog.h>
#include <tine/time.h>
#include <tine/time_namespace.h>
#include <uapi/stat.h>
#include "internal.h"

#define USER_HZ 100

/* One "Key:   value kB" line of /proc/meminfo, aligned as Linux's. */
static void meminfo_kb(struct seq_buf *m, const char *key, unsigned long kb)
{
	seq_printf(m, "%-16s%8lu kB\n", key, kb);
}

/*
 * slabinfo, in Linux's version 2.1 layout: one line per kmalloc size
 * class (active objects, total objects, object size, objects per slab,
 * pages per slab), then "kmalloc-large" for page-sized allocations.
 */
static int slabinfo_show(struct seq_buf *m, struct task_struct *t)
{
	unsigned long size, active, total, all = nr_kmalloc_objects();

	kmalloc_drain_cpu_caches();
	seq_printf(m, "slabinfo - version: 2.1\n# name            <active_objs> "
		   "<num_objs> <objsize> <objperslab> <pagesperslab>\n");
	for (int c = 0; kmalloc_class_stats(c, &size, &active, &total); c++) {
		seq_printf(m, "kmalloc-%-9lu %6lu %6lu %6lu %4lu %4d\n", size,
			   active, total, size, PAGE_SIZE / size, 1);
		all -= MIN(all, active);
	}
	seq_printf(m, "kmalloc-large     %6lu %6lu %6lu %4d %4d\n", all, all,
		   PAGE_SIZE, 1, 1);
	return 0;
}

/* /proc/meminfo: Linux's keys in Linux's order; what we lack reads 0. */
static int meminfo_show(struct seq_buf *m, struct task_struct *t)
{
	static const char *const zeros1[] = {
		"Buffers:", "Cached:", "SwapCached:", "Active:", "Inactive:",
		"Active(anon):", "Inactive(anon):", "Active(file):",
		"Inactive(file):", "Unevictable:", "Mlocked:", "SwapTotal:",
		"SwapFree:", "Zswap:", "Zswapped:", "Dirty:", "Writeback:",
		"AnonPages:", "Mapped:", "Shmem:", "KReclaimable:", "Slab:",
		"SReclaimable:", "SUnreclaim:", "KernelStack:", "PageTables:",
		"SecPageTables:", "NFS_Unstable:", "Bounce:", "WritebackTmp:",
	};
	static const char *const zeros2[] = {
		"VmallocUsed:", "VmallocChunk:", "Percpu:",
		"HardwareCorrupted:", "AnonHugePages:", "ShmemHugePages:",
		"ShmemPmdMapped:", "FileHugePages:", "FilePmdMapped:",
	};
	unsigned long total, free, shmem;
	unsigned int i;

	kmalloc_drain_cpu_caches();	/* their pages count as free */
	total = totalram_pages() * 4;
	free = nr_free_pages() * 4;
	shmem = atomic_long_read(&ramfs_nr_pages) * 4;

	meminfo_kb(m, "MemTotal:", total);
	meminfo_kb(m, "MemFree:", free);
	meminfo_kb(m, "MemAvailable:", free);
	for (i = 0; i < ARRAY_SIZE(zeros1); i++) {
		bool sh = !strcmp(zeros1[i], "Cached:") ||
			  !strcmp(zeros1[i], "Shmem:");

		meminfo_kb(m, zeros1[i], sh ? shmem : 0);
	}
	meminfo_kb(m, "CommitLimit:",
		   total * READ_ONCE(sysctl_overcommit_ratio) / 100);
	meminfo_kb(m, "Committed_AS:", total > free ? total - free : 0);
	meminfo_kb(m, "VmallocTotal:", 34359738367UL);
	for (i = 0; i < ARRAY_SIZE(zeros2); i++)
		seq_printf(m, "%s%*lu kB\n", zeros2[i],
			   MAX(24 - (int)strlen(zeros2[i]), 6), 0UL);
	seq_printf(m, "HugePages_Total:%8d\nHugePages_Free: %8d\n"
		      "HugePages_Rsvd: %8d\nHugePages_Surp: %8d\n", 0, 0, 0, 0);
	meminfo_kb(m, "Hugepagesize:", 2048);
	meminfo_kb(m, "Hugetlb:", 0);
	meminfo_kb(m, "DirectMap4k:", 0);
	meminfo_kb(m, "DirectMap2M:", total);
	return 0;
}

static int cmdline_show(struct seq_buf *m, struct task_struct *t)
{
	seq_printf(m, "%s\n", saved_command_line);
	return 0;
}


/* The columns tine counts: user nice system idle iowait irq. */
#define STAT_COLS 6

/* cpu's ticks (HZ) in /proc/stat's column order. */
static void cpu_ticks(unsigned int cpu, u64 *out)
{
	const u64 *t = per_cpu_ptr(cpu)->cpustat;

	out[0] = READ_ONCE(t[CPUTIME_USER]);
	out[1] = READ_ONCE(t[CPUTIME_NICE]);
	out[2] = READ_ONCE(t[CPUTIME_SYSTEM]);
	out[3] = READ_ONCE(t[CPUTIME_IDLE]);
	out[4] = 0;				/* iowait: no block I/O */
	out[5] = READ_ONCE(t[CPUTIME_IRQ]);
}

/* One /proc/stat cpu line: ticks of each kind, in USER_HZ. */
static void show_cpustat(struct seq_buf *m, const char *name,
			 const u64 *ticks)
{
	seq_printf(m, "%s", name);
	for (int i = 0; i < STAT_COLS; i++)
		seq_printf(m, " %lu", (unsigned long)(ticks[i] * USER_HZ / HZ));
	seq_puts(m, " 0 0 0 0\n");	/* softirq steal guest guest_nice */
}

/*
 * /proc/stat: CPU time (all CPUs, then each), interrupts, context
 * switches, boot time, forks, runnable and blocked tasks. tine has no
 * block I/O (iowait, procs_blocked), softirqs, steal or guests.
 */
static int stat_show(struct seq_buf *m, struct task_struct *t)
{
	u64 all[STAT_COLS] = { 0 }, one[STAT_COLS], intr = 0;
	u64 btime = (ktime_get_real_ns() - ktime_get_ns()) / 1000000000ULL;
	unsigned int cpu;
	char name[16];

	for_each_online_cpu(cpu) {
		cpu_ticks(cpu, one);
		for (int i = 0; i < STAT_COLS; i++)
			all[i] += one[i];
		intr += READ_ONCE(per_cpu_ptr(cpu)->irqs);
	}
	show_cpustat(m, "cpu ", all);
	for_each_online_cpu(cpu) {
		cpu_ticks(cpu, one);
		snprintf(name, sizeof(name), "cpu%u", cpu);
		show_cpustat(m, name, one);
	}
	seq_printf(m, "intr %llu\nctxt %lu\nbtime %llu\nprocesses %lu\n",
		   (unsigned long long)intr, nr_context_switches(),
		   (unsigned long long)btime, nr_forks());
	seq_printf(m, "procs_running %u\nprocs_blocked 0\n", nr_running());
	seq_puts(m, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
	return 0;
}

/* /proc/uptime: time since boot (as the reader's time namespace's
 * BOOTTIME has it), and the idle time of all CPUs. */
static int uptime_show(struct seq_buf *m, struct task_struct *t)
{
	u64 up = ktime_get_ns() + timens_clock_offset(CLOCK_BOOTTIME), idle = 0;
	unsigned int cpu;

	for_each_online_cpu(cpu)
		idle += READ_ONCE(per_cpu_ptr(cpu)->cpustat[CPUTIME_IDLE]);
	idle *= 1000000000ULL / HZ;
	seq_printf(m, "%lu.%02lu %lu.%02lu\n", (unsigned long)(up / 1000000000),
		   (unsigned long)(up / 10000000 % 100),
		   (unsigned long)(idle / 1000000000),
		   (unsigned long)(idle / 10000000 % 100));
	return 0;
}

static int version_show(struct seq_buf *m, struct task_struct *t)
{
	seq_printf(m, "%s version %s (tine@tine) (gcc) %s\n",
		   init_uts_ns.sysname, init_uts_ns.release,
		   init_uts_ns.version);
	return 0;
}

/*
 * /proc/loadavg: the three load averages (rounded to hundredths),
 * runnable/all tasks, and the last pid given out in the reader's pid
 * namespace.
 */
static int loadavg_show(struct seq_buf *m, struct task_struct *t)
{
	unsigned long avg[3];

	get_avenrun(avg, FIXED_1 / 200, 0);
	seq_printf(m, "%lu.%02lu %lu.%02lu %lu.%02lu %u/%d %d\n",
		   LOAD_INT(avg[0]), LOAD_FRAC(avg[0]), LOAD_INT(avg[1]),
		   LOAD_FRAC(avg[1]), LOAD_INT(avg[2]), LOAD_FRAC(avg[2]),
		   nr_running(), nr_processes(),
		   READ_ONCE(task_active_pid_ns(current)->last_pid));
	return 0;
}

static int cpuinfo_show(struct seq_buf *m, struct task_struct *t)
{
	arch_show_cpuinfo(m);
	return 0;
}

/*
 * /proc/vmstat: the counters tine keeps, under Linux's names (pages).
 * Those of mechanisms tine has not got (swap, block I/O) are 0 because
 * nothing of the kind ever happens; those it does not count are left
 * out.
 */
static int vmstat_show(struct seq_buf *m, struct task_struct *t)
{
	unsigned long shmem = atomic_long_read(&ramfs_nr_pages);

	seq_printf(m, "nr_free_pages %lu\n", nr_free_pages());
	seq_printf(m, "nr_file_pages %lu\nnr_shmem %lu\n", shmem, shmem);
	seq_printf(m, "nr_kernel_stack %lu\n",
		   (unsigned long)nr_processes() * (KSTACK_SIZE / 1024));
	seq_puts(m, "nr_dirty 0\nnr_writeback 0\nnr_swapcached 0\n"
		    "pgpgin 0\npgpgout 0\npswpin 0\npswpout 0\n");
	return 0;
}

static int filesystems_show(struct seq_buf *m, struct task_struct *t)
{
	show_filesystems(m);
	return 0;
}

/* Copy a link's text, as readlink does (no NUL, cut to len). */
static int link_text(const char *text, char *buf, size_t len)
{
	size_t n = MIN(strlen(text), len);

	memcpy(buf, text, n);
	return n;
}

/* /proc/self: the reader's process, as the mount numbers it (ENOENT
 * for a reader the mount's pid namespace does not see). */
static int self_readlink(struct inode *i, struct task_struct *t, char *buf,
			 size_t len)
{
	pid_t tgid = task_tgid_nr_ns(current, proc_pid_ns(i->i_sb));
	char tmp[16];

	if (!tgid)
		return -ENOENT;
	snprintf(tmp, sizeof(tmp), "%d", tgid);
	return link_text(tmp, buf, len);
}

/* /proc/thread-self: "<tgid>/task/<tid>" of the reader. */
static int thread_self_readlink(struct inode *i, struct task_struct *t,
				char *buf, size_t len)
{
	struct pid_namespace *ns = proc_pid_ns(i->i_sb);
	pid_t tgid = task_tgid_nr_ns(current, ns);
	char tmp[40];

	if (!tgid)
		return -ENOENT;
	snprintf(tmp, sizeof(tmp), "%d/task/%d", tgid,
		 task_pid_nr_ns(current, ns));
	return link_text(tmp, buf, len);
}

static int mounts_readlink(struct inode *i, struct task_struct *t, char *buf,
			   size_t len)
{
	return link_text("self/mounts", buf, len);
}

/* /proc/net: the reader's network files, as Linux's link. */
static int net_readlink(struct inode *i, struct task_struct *t, char *buf,
			size_t len)
{
	return link_text("self/net", buf, len);
}

/* /proc/devices: the majors of the drivers; tine has no block devices. */
static int devices_show(struct seq_buf *m, struct task_struct *t)
{
	chrdev_show(m);
	seq_puts(m, "\nBlock devices:\n");
	return 0;
}

/* /proc/execdomains: Linux is the one personality's domain. */
static int execdomains_show(struct seq_buf *m, struct task_struct *t)
{
	seq_puts(m, "0-0\tLinux           \t[kernel]\n");
	return 0;
}

/* /proc/swaps: the header alone: tine has no swap. */
static int swaps_show(struct seq_buf *m, struct task_struct *t)
{
	seq_puts(m, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	return 0;
}

/* /proc/modules and /proc/partitions: empty, as on Linux with no
 * module loaded and no disk (tine has neither). */
static int empty_show(struct seq_buf *m, struct task_struct *t)
{
	return 0;
}

/* /proc/interrupts: arch/x86_64/irq.c's counts. */
static int interrupts_show(struct seq_buf *m, struct task_struct *t)
{
	return show_interrupts(m);
}

const struct proc_entry proc_root_entries[] = {
	{ .name = "cmdline", .mode = S_IFREG | 0444, .show = cmdline_show },
	{ .name = "cpuinfo", .mode = S_IFREG | 0444, .show = cpuinfo_show },
	{ .name = "devices", .mode = S_IFREG | 0444, .show = devices_show },
	{ .name = "execdomains", .mode = S_IFREG | 0444,
	  .show = execdomains_show },
	{ .name = "filesystems", .mode = S_IFREG | 0444,
	  .show = filesystems_show },
	{ .name = "interrupts", .mode = S_IFREG | 0444,
	  .show = interrupts_show },
	{ .name = "kmsg", .mode = S_IFREG | 0400,
	  .fops = &proc_kmsg_operations },
	{ .name = "loadavg", .mode = S_IFREG | 0444, .show = loadavg_show },
	{ .name = "locks", .mode = S_IFREG | 0444, .show = proc_locks_show },
	{ .name = "meminfo", .mode = S_IFREG | 0444, .show = meminfo_show },
	{ .name = "modules", .mode = S_IFREG | 0444, .show = empty_show },
	{ .name = "mounts", .mode = S_IFLNK | 0777,
	  .readlink = mounts_readlink },
	{ .name = "net", .mode = S_IFLNK | 0777, .readlink = net_readlink },
	{ .name = "partitions", .mode = S_IFREG | 0444, .show = empty_show },
	{ .name = "self", .mode = S_IFLNK | 0777, .readlink = self_readlink },
	{ .name = "slabinfo", .mode = S_IFREG | 0400, .show = slabinfo_show },
	{ .name = "stat", .mode = S_IFREG | 0444, .show = stat_show },
	{ .name = "swaps", .mode = S_IFREG | 0444, .show = swaps_show },
	{ .name = "sys", .mode = S_IFDIR | 0555, .lookup = proc_sys_lookup,
	  .iterate = proc_sys_readdir },
	{ .name = "sysvipc", .mode = S_IFDIR | 0555,
	  .children = ipc_sysvipc_entries },
	{ .name = "thread-self", .mode = S_IFLNK | 0777,
	  .readlink = thread_self_readlink },
	{ .name = "uptime", .mode = S_IFREG | 0444, .show = uptime_show },
	{ .name = "version", .mode = S_IFREG | 0444, .show = version_show },
	{ .name = "vmstat", .mode = S_IFREG | 0444, .show = vmstat_show },
	{ .name = NULL },
};
