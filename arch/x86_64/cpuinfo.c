/*
 * What each CPU says about itself (CPUID), read once by every CPU as it
 * is set up, and /proc/cpuinfo in Linux's format. Only what CPUID (and
 * the TSC calibration) tells is printed: no microcode revision (an MSR
 * we do not read), no "bugs" line (tine keeps no list of CPU errata),
 * and only the CPUID feature bits in the flags, in Linux's names and
 * order, not Linux's synthetic ones (rep_good, nopl...).
 */
#include <asm/arch.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <tine/cpumask.h>
#include <tine/seq_buf.h>
#include <tine/string.h>
#include <tine/time.h>

/* CPUID words, in the order Linux prints their flags. */
enum {
	W_1_EDX,		/* leaf 1, edx */
	W_X1_EDX,		/* leaf 0x80000001, edx */
	W_1_ECX,		/* leaf 1, ecx */
	W_X1_ECX,		/* leaf 0x80000001, ecx */
	W_7_EBX,		/* leaf 7 subleaf 0, ebx */
	W_7_ECX,		/* leaf 7 subleaf 0, ecx */
};

/* Linux's names for each bit ("" or NULL: not printed). */
static const char *const flag_names[NR_CPUID_WORDS][32] = {
	[W_1_EDX] = { "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce",
		"cx8", "apic", NULL, "sep", "mtrr", "pge", "mca", "cmov",
		"pat", "pse36", "pn", "clflush", NULL, "dts", "acpi", "mmx",
		"fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe" },
	[W_X1_EDX] = { [11] = "syscall", [19] = "mp", [20] = "nx",
		[22] = "mmxext", [25] = "fxsr_opt", [26] = "pdpe1gb",
		[27] = "rdtscp", [29] = "lm", [30] = "3dnowext",
		[31] = "3dnow" },
	[W_1_ECX] = { "pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl",
		"vmx", "smx", "est", "tm2", "ssse3", "cid", "sdbg", "fma",
		"cx16", "xtpr", "pdcm", NULL, "pcid", "dca", "sse4_1",
		"sse4_2", "x2apic", "movbe", "popcnt", "tsc_deadline_timer",
		"aes", "xsave", NULL, "avx", "f16c", "rdrand", "hypervisor" },
	[W_X1_ECX] = { "lahf_lm", "cmp_legacy", "svm", "extapic",
		"cr8_legacy", "abm", "sse4a", "misalignsse", "3dnowprefetch",
		"osvw", "ibs", "xop", "skinit", "wdt", NULL, "lwp", "fma4",
		"tce", NULL, "nodeid_msr", NULL, "tbm", "topoext",
		"perfctr_core", "perfctr_nb", NULL, "bpext", "ptsc",
		"perfctr_llc", "mwaitx" },
	[W_7_EBX] = { "fsgsbase", "tsc_adjust", "sgx", "bmi1", "hle",
		"avx2", NULL, "smep", "bmi2", "erms", "invpcid", "rtm",
		"cqm", NULL, "mpx", "rdt_a", "avx512f", "avx512dq", "rdseed",
		"adx", "smap", "avx512ifma", NULL, "clflushopt", "clwb",
		"intel_pt", "avx512pf", "avx512er", "avx512cd", "sha_ni",
		"avx512bw", "avx512vl" },
	[W_7_ECX] = { NULL, "avx512vbmi", "umip", "pku", "ospke", "waitpkg",
		"avx512_vbmi2", NULL, "gfni", "vaes", "vpclmulqdq",
		"avx512_vnni", "avx512_bitalg", "tme", "avx512_vpopcntdq",
		NULL, "la57", [22] = "rdpid", [25] = "cldemote",
		[27] = "movdiri", [28] = "movdir64b" },
};

/* Leaf 0x80000007 edx, the "power management" line. */
static const char *const pm_names[32] = {
	"ts", "fid", "vid", "ttp", "tm", "stc", "100mhzsteps", "hwpstate",
	"", "cpb", "eff_freq_ro", "proc_feedback", "acc_power",
};

static void cpuid_string(u32 leaf, char *out)
{
	u32 r[4];

	cpuid(leaf, 0, &r[0], &r[1], &r[2], &r[3]);
	memcpy(out, r, 16);
}

/* The package and core fields of an APIC id (leaf 0xb, else leaf 1). */
static void identify_topology(struct cpuinfo_x86 *c, u32 ebx1)
{
	u32 a, b, cx, d;

	c->smt_shift = c->pkg_shift = 0;
	if (c->cpuid_level >= 0xb) {
		cpuid(0xb, 0, &a, &b, &cx, &d);
		if (b) {
			c->smt_shift = a & 0x1f;
			cpuid(0xb, 1, &a, &b, &cx, &d);
			c->pkg_shift = b ? (a & 0x1f) : c->smt_shift;
			return;
		}
	}
	/* Leaf 1: logical processors per package, no thread/core split. */
	if (c->words[W_1_EDX] & (1U << 28))
		while ((1U << c->pkg_shift) < ((ebx1 >> 16) & 0xff))
			c->pkg_shift++;
}

/*
 * identify_cpu - fill c from this CPU's CPUID: vendor, family, model,
 * name, features, cache and address sizes, topology. Every CPU, as it
 * is set up.
 */
void identify_cpu(struct cpuinfo_x86 *c)
{
	u32 a, b, cx, d, ebx1;

	memset(c, 0, sizeof(*c));
	cpuid(0, 0, &c->cpuid_level, &b, &cx, &d);
	memcpy(c->vendor, &b, 4);
	memcpy(c->vendor + 4, &d, 4);
	memcpy(c->vendor + 8, &cx, 4);
	cpuid(1, 0, &a, &ebx1, &c->words[W_1_ECX], &c->words[W_1_EDX]);
	c->family = (a >> 8) & 0xf;
	c->model = (a >> 4) & 0xf;
	c->stepping = a & 0xf;
	if (c->family == 0xf)
		c->family += (a >> 20) & 0xff;
	if (c->family >= 6)
		c->model += ((a >> 16) & 0xf) << 4;
	c->initial_apicid = ebx1 >> 24;
	c->clflush = ((ebx1 >> 8) & 0xff) * 8;
	if (c->cpuid_level >= 7)
		cpuid(7, 0, &a, &c->words[W_7_EBX], &c->words[W_7_ECX], &d);
	cpuid(0x80000000, 0, &c->ext_level, &b, &cx, &d);
	if (c->ext_level >= 0x80000001)
		cpuid(0x80000001, 0, &a, &b, &c->words[W_X1_ECX],
		      &c->words[W_X1_EDX]);
	if (c->ext_level >= 0x80000004)
		for (int i = 0; i < 3; i++)
			cpuid_string(0x80000002 + i, c->model_name + 16 * i);
	if (c->ext_level >= 0x80000006) {
		cpuid(0x80000006, 0, &a, &b, &cx, &d);
		c->cache_kb = cx >> 16;
	}
	if (c->ext_level >= 0x80000007)
		cpuid(0x80000007, 0, &a, &b, &cx, &c->power);
	c->phys_bits = 36;
	c->virt_bits = 48;
	if (c->ext_level >= 0x80000008) {
		cpuid(0x80000008, 0, &a, &b, &cx, &d);
		c->phys_bits = a & 0xff;
		c->virt_bits = (a >> 8) & 0xff;
	}
	identify_topology(c, ebx1);
}

static u32 package_of(const struct cpuinfo_x86 *c, u32 apicid)
{
	return apicid >> c->pkg_shift;
}

/* Online CPUs in cpu's package, and distinct cores among them. */
static void count_siblings(unsigned int cpu, unsigned int *siblings,
			   unsigned int *cores)
{
	const struct cpuinfo_x86 *c = cpu_info(cpu);
	u32 pkg = package_of(c, per_cpu_ptr(cpu)->apic_id);
	u64 seen = 0;
	unsigned int o;

	*siblings = *cores = 0;
	for_each_online_cpu(o) {
		u32 id = per_cpu_ptr(o)->apic_id;

		if (package_of(c, id) != pkg)
			continue;
		(*siblings)++;
		id = (id >> c->smt_shift) &
		     ((1U << (c->pkg_shift - c->smt_shift)) - 1);
		if (id < 64 && !(seen & (1ULL << id))) {
			seen |= 1ULL << id;
			(*cores)++;
		}
	}
}

static void show_flags(struct seq_buf *m, const struct cpuinfo_x86 *c)
{
	seq_puts(m, "flags\t\t:");
	for (int w = 0; w < NR_CPUID_WORDS; w++)
		for (int bit = 0; bit < 32; bit++)
			if ((c->words[w] & (1U << bit)) && flag_names[w][bit] &&
			    *flag_names[w][bit])
				seq_printf(m, " %s", flag_names[w][bit]);
	seq_putc(m, '\n');
}

static void show_cpu(struct seq_buf *m, unsigned int cpu)
{
	const struct cpuinfo_x86 *c = cpu_info(cpu);
	u32 apicid = per_cpu_ptr(cpu)->apic_id;
	unsigned long khz = tsc_khz_get(), bogo = khz / 5;	/* 2 x MHz, x100 */
	unsigned int siblings, cores;
	const char *name = c->model_name;

	while (*name == ' ')
		name++;
	count_siblings(cpu, &siblings, &cores);
	seq_printf(m, "processor\t: %u\nvendor_id\t: %s\ncpu family\t: %u\n"
		   "model\t\t: %u\nmodel name\t: %s\nstepping\t: %u\n",
		   cpu, c->vendor, c->family, c->model,
		   *name ? name : "unknown", c->stepping);
	seq_printf(m, "cpu MHz\t\t: %lu.%03lu\n", khz / 1000, khz % 1000);
	if (c->cache_kb)
		seq_printf(m, "cache size\t: %u KB\n", c->cache_kb);
	seq_printf(m, "physical id\t: %u\nsiblings\t: %u\ncore id\t\t: %u\n"
		   "cpu cores\t: %u\napicid\t\t: %u\ninitial apicid\t: %u\n",
		   package_of(c, apicid), siblings,
		   (apicid >> c->smt_shift) &
			   ((1U << (c->pkg_shift - c->smt_shift)) - 1),
		   cores, apicid, c->initial_apicid);
	seq_printf(m, "fpu\t\t: %s\nfpu_exception\t: %s\ncpuid level\t: %u\n"
		   "wp\t\t: yes\n",
		   (c->words[W_1_EDX] & 1) ? "yes" : "no",
		   (c->words[W_1_EDX] & 1) ? "yes" : "no", c->cpuid_level);
	show_flags(m, c);
	seq_printf(m, "bogomips\t: %lu.%02lu\nclflush size\t: %u\n"
		   "cache_alignment\t: %u\naddress sizes\t: %u bits physical, "
		   "%u bits virtual\npower management:",
		   bogo / 100, bogo % 100, c->clflush, c->clflush,
		   c->phys_bits, c->virt_bits);
	for (int bit = 0; bit < 32; bit++)
		if ((c->power & (1U << bit)) && pm_names[bit] &&
		    *pm_names[bit])
			seq_printf(m, " %s", pm_names[bit]);
	seq_puts(m, "\n\n");
}

/* arch_show_cpuinfo - /proc/cpuinfo: one block per online CPU. */
void arch_show_cpuinfo(struct seq_buf *m)
{
	unsigned int cpu;

	for_each_online_cpu(cpu)
		show_cpu(m, cpu);
}

/* elf_hwcap - AT_HWCAP for exec: CPUID leaf 1's edx, as Linux on x86. */
unsigned long elf_hwcap(void)
{
	return cpu_info(0)->words[W_1_EDX];
}
