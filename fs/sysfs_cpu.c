/*
 * /sys/devices/system/cpu: which CPUs there are (possible, present,
 * online, offline, kernel_max) and a directory per possible CPU with
 * its topology: glibc's get_nprocs() and sysconf(_SC_NPROCESSORS_*),
 * lscpu and language runtimes read them. tine's CPUs are one package
 * of single-threaded cores. The lists are made at read time from the
 * CPU masks, so CPUs that come online after boot show up.
 */
#include <tine/cpumask.h>
#include <tine/init.h>
#include <tine/printk.h>
#include <tine/seq_buf.h>
#include <tine/smp.h>
#include <tine/string.h>
#include <tine/sysfs.h>

/* A mask file: priv is the mask; the list and a newline. */
static int cpu_mask_show(struct seq_buf *m, struct kernfs_node *kn)
{
	seq_cpulist(m, kn->priv);
	seq_putc(m, '\n');
	return 0;
}

static const struct kernfs_ops cpu_mask_ops = { .show = cpu_mask_show };

/* offline: the possible CPUs that are not online. */
static int cpu_offline_show(struct seq_buf *m, struct kernfs_node *kn)
{
	struct cpumask off;

	for (unsigned int i = 0; i < ARRAY_SIZE(off.bits); i++)
		off.bits[i] = cpu_possible_mask->bits[i] &
			      ~cpu_online_mask->bits[i];
	seq_cpulist(m, &off);
	seq_putc(m, '\n');
	return 0;
}

static const struct kernfs_ops cpu_offline_ops = { .show = cpu_offline_show };

static int kernel_max_show(struct seq_buf *m, struct kernfs_node *kn)
{
	seq_printf(m, "%d\n", NR_CPUS - 1);
	return 0;
}

static const struct kernfs_ops kernel_max_ops = { .show = kernel_max_show };

/* cpuN/online: 1 while the CPU runs (priv is the CPU number). */
static int cpu_online_show(struct seq_buf *m, struct kernfs_node *kn)
{
	seq_printf(m, "%d\n", cpu_online((unsigned int)(long)kn->priv));
	return 0;
}

static const struct kernfs_ops cpu_online_ops = { .show = cpu_online_show };

/* topology/ numbers: the core is the CPU, the package and die are 0. */
static int topology_id_show(struct seq_buf *m, struct kernfs_node *kn)
{
	seq_printf(m, "%ld\n", (long)kn->priv);
	return 0;
}

static const struct kernfs_ops topology_id_ops = { .show = topology_id_show };

/*
 * topology/ siblings: the CPU itself (core, thread) or every possible
 * CPU (package, die, cluster), as a list or a mask. priv: CPU + 1, or
 * 0 for all.
 */
static void topology_mask(struct kernfs_node *kn, struct cpumask *mask)
{
	long cpu = (long)kn->priv - 1;

	if (cpu < 0) {
		*mask = *cpu_possible_mask;
	} else {
		cpumask_clear(mask);
		cpumask_set_cpu(cpu, mask);
	}
}

static int topology_list_show(struct seq_buf *m, struct kernfs_node *kn)
{
	struct cpumask mask;

	topology_mask(kn, &mask);
	seq_cpulist(m, &mask);
	seq_putc(m, '\n');
	return 0;
}

static int topology_cpumask_show(struct seq_buf *m, struct kernfs_node *kn)
{
	struct cpumask mask;

	topology_mask(kn, &mask);
	seq_cpumask(m, &mask);
	seq_putc(m, '\n');
	return 0;
}

static const struct kernfs_ops topology_list_ops = {
	.show = topology_list_show,
};

static const struct kernfs_ops topology_mask_ops = {
	.show = topology_cpumask_show,
};

/* cpuN/topology: the ids and the sibling lists of one CPU. */
static bool cpu_topology(struct kernfs_node *cpu_kn, unsigned int cpu)
{
	static const char *const ids[] = { "core_id", "physical_package_id",
					   "die_id", "cluster_id" };
	/* sibling sets: just this CPU (first two), or all of them */
	static const char *const sets[] = { "core_cpus", "thread_siblings",
					    "core_siblings", "package_cpus",
					    "die_cpus", "cluster_cpus" };
	struct kernfs_node *t = kernfs_create_dir(cpu_kn, "topology", 0755);
	bool ok = t != NULL;

	for (unsigned int i = 0; ok && i < ARRAY_SIZE(ids); i++)
		ok = kernfs_create_file(t, ids[i], 0444, &topology_id_ops,
					(void *)(long)(i ? 0 : cpu)) != NULL;
	for (unsigned int i = 0; ok && i < ARRAY_SIZE(sets); i++) {
		void *priv = (void *)(long)(i < 2 ? cpu + 1 : 0);
		char name[32];

		snprintf(name, sizeof(name), "%s_list", sets[i]);
		ok = kernfs_create_file(t, sets[i], 0444, &topology_mask_ops,
					priv) &&
		     kernfs_create_file(t, name, 0444, &topology_list_ops, priv);
	}
	return ok;
}

/* cpuN/ (with online for all but the boot CPU, as x86 Linux). */
static bool cpu_dir(struct kernfs_node *cpus, unsigned int cpu)
{
	char name[16];
	struct kernfs_node *kn;

	snprintf(name, sizeof(name), "cpu%u", cpu);
	kn = kernfs_create_dir(cpus, name, 0755);
	if (!kn || !cpu_topology(kn, cpu))
		return false;
	return !cpu || kernfs_create_file(kn, "online", 0444, &cpu_online_ops,
					  (void *)(long)cpu);
}

static void cpu_sysfs_init(void)
{
	struct kernfs_node *cpus = kernfs_create_dir(system_kn, "cpu", 0755);
	bool ok = cpus &&
		  kernfs_create_file(cpus, "online", 0444, &cpu_mask_ops,
				     (void *)cpu_online_mask) &&
		  kernfs_create_file(cpus, "possible", 0444, &cpu_mask_ops,
				     (void *)cpu_possible_mask) &&
		  kernfs_create_file(cpus, "present", 0444, &cpu_mask_ops,
				     (void *)cpu_present_mask) &&
		  kernfs_create_file(cpus, "offline", 0444, &cpu_offline_ops,
				     NULL) &&
		  kernfs_create_file(cpus, "kernel_max", 0444, &kernel_max_ops,
				     NULL);
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		ok = ok && cpu_dir(cpus, cpu);
	if (!ok)
		pr_err("sysfs: no memory for /sys/devices/system/cpu\n");
}
__initcall(cpu_sysfs_init);
