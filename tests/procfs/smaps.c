/*
 * tests/procfs/smaps.c: /proc/<pid>/maps line layout, smaps,
 * smaps_rollup and pagemap as Linux shows them: the name column, the
 * blank that ends an unnamed line, an O_TMPFILE file's "#<ino>"
 * name; smaps's fields in Linux's order with counts that agree with
 * what the test touched (private, then shared with a fork child);
 * smaps_rollup the sums of smaps; pagemap's present, exclusive and
 * file bits, frame numbers only for CAP_SYS_ADMIN, EINVAL for partial
 * entries, EACCES for another's process.
 */
#include "tap.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#define PG 4096
#define PM_PRESENT (1ULL << 63)
#define PM_FILE (1ULL << 61)
#define PM_EXCLUSIVE (1ULL << 56)
#define PM_PFN ((1ULL << 55) - 1)

static char text[1 << 20];

static int read_file(const char *path)
{
	int fd = open(path, O_RDONLY), n = 0, r;

	while (fd >= 0 && (r = read(fd, text + n, sizeof(text) - 1 - n)) > 0)
		n += r;
	text[n] = 0;
	if (fd >= 0)
		close(fd);
	return fd < 0 ? -1 : n;
}

/* Does the line at l start a mapping ("start-end perms ...")? */
static int is_header(const char *l)
{
	unsigned long s, e;
	char perms[5];

	return sscanf(l, "%lx-%lx %4s", &s, &e, perms) == 3;
}

/* The maps (or smaps) entry of the mapping that starts at a, or NULL;
 * *end: where the next mapping's line starts. */
static char *entry_of(unsigned long a, char **end)
{
	char want[32];
	int n = snprintf(want, sizeof(want), "%08lx-", a);

	for (char *l = text; *l;) {
		char *nl = strchr(l, '\n');

		if (!strncmp(l, want, n)) {
			char *e = nl;

			while (e && e[1] && !is_header(e + 1))
				e = strchr(e + 1, '\n');
			*end = e ? e + 1 : l + strlen(l);
			return l;
		}
		if (!nl)
			break;
		l = nl + 1;
	}
	return NULL;
}

/* The value of "Field:" in [l, end), kB, or -1. */
static long field(const char *l, const char *end, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = l; p && p < end; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (!strncmp(p, name, n) && p[n] == ':')
			return strtol(p + n + 1, NULL, 10);
	}
	return -1;
}

static void maps_layout(void)
{
	char path[64], *l, *end;
	struct stat st;
	int fd = open("/tmp", O_RDWR | O_TMPFILE, 0600);
	char *f, *anon = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			      -1, 0);

	ok(fd >= 0 && ftruncate(fd, PG) == 0 && fstat(fd, &st) == 0,
	   "an O_TMPFILE file of a page");
	f = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	read_file("/proc/self/maps");
	l = entry_of((unsigned long)f, &end);
	snprintf(path, sizeof(path), "/tmp/#%lu (deleted)\n",
		 (unsigned long)st.st_ino);
	ok(l && strlen(l) > 73 && !strncmp(l + 73, path, strlen(path)) &&
	   l[72] == ' ', "a file's name starts at column 73: \"/tmp/#<ino> (deleted)\" (%.*s)",
	   l ? (int)strcspn(l, "\n") : 4, l ? l : "none");
	l = entry_of((unsigned long)anon, &end);
	ok(l && !strncmp(l + strcspn(l, "\n") - 3, " 0 \n", 4),
	   "an unnamed line ends in a blank (%.*s)",
	   l ? (int)strcspn(l, "\n") : 4, l ? l : "none");
	snprintf(path, sizeof(path), "/proc/self/map_files/%lx-%lx",
		 (unsigned long)f, (unsigned long)f + PG);
	close(fd);
	munmap(f, PG);
	munmap(anon, PG);
}

static const char *const smaps_fields[] = {
	"Size", "KernelPageSize", "MMUPageSize", "Rss", "Pss", "Pss_Dirty",
	"Shared_Clean", "Shared_Dirty", "Private_Clean", "Private_Dirty",
	"Referenced", "Anonymous", "LazyFree", "AnonHugePages",
	"ShmemPmdMapped", "FilePmdMapped", "Shared_Hugetlb",
	"Private_Hugetlb", "Swap", "SwapPss", "Locked", "THPeligible",
};

/* The entry's field names in order (up to VmFlags) are Linux's. */
static int fields_in_order(const char *l, const char *end)
{
	const char *p = strchr(l, '\n') + 1;
	unsigned int i = 0;

	for (; p < end && i < sizeof(smaps_fields) / sizeof(*smaps_fields);
	     p = strchr(p, '\n') + 1, i++) {
		size_t n = strlen(smaps_fields[i]);

		if (!strncmp(p, "ProtectionKey:", 14)) {
			i--;
			continue;
		}
		if (strncmp(p, smaps_fields[i], n) || p[n] != ':')
			return 0;
	}
	return p < end && !strncmp(p, "VmFlags: rd wr ", 15);
}

static void smaps_counts(void)
{
	char *m = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *l, *end;
	int go[2], done[2];
	pid_t pid;
	char c;

	m[0] = 1;
	m[2 * PG] = 1;
	read_file("/proc/self/smaps");
	l = entry_of((unsigned long)m, &end);
	ok(l && fields_in_order(l, end), "smaps fields in Linux's order, then VmFlags: rd wr");
	is(field(l, end, "Size"), 16, "Size: 16 kB");
	is(field(l, end, "Rss"), 8, "Rss: the two pages written");
	is(field(l, end, "Pss"), 8, "Pss: all ours");
	is(field(l, end, "Private_Dirty"), 8, "Private_Dirty: 8 kB");
	is(field(l, end, "Anonymous"), 8, "Anonymous: 8 kB");
	is(field(l, end, "Shared_Dirty") + field(l, end, "Shared_Clean"), 0,
	   "nothing shared");
	is(field(l, end, "Swap"), 0, "Swap: 0 kB");

	if (pipe(go) || pipe(done))
		return;
	pid = fork();
	if (pid == 0) {
		write(go[1], "x", 1);
		read(done[0], &c, 1);
		_exit(0);
	}
	read(go[0], &c, 1);
	read_file("/proc/self/smaps");
	l = entry_of((unsigned long)m, &end);
	is(field(l, end, "Rss"), 8, "after fork: Rss unchanged");
	is(field(l, end, "Pss"), 4, "after fork: Pss halved (two address spaces)");
	is(field(l, end, "Shared_Dirty"), 8, "after fork: Shared_Dirty 8 kB");
	is(field(l, end, "Private_Dirty"), 0, "after fork: Private_Dirty 0");
	write(done[1], "x", 1);
	waitpid(pid, NULL, 0);
	munmap(m, 4 * PG);
}

/* smaps_rollup: one [rollup] line from the first mapping's start to
 * the last one's end, Rss the sum of smaps's. */
static void rollup(void)
{
	static char smaps[1 << 20];
	long rss = 0, pss = 0, sum;
	unsigned long first = 0, last = 0, s, e;
	char *p, *hdr;

	memset(smaps, 1, sizeof(smaps));	/* resident before we count */
	memset(text, 1, sizeof(text));
	read_file("/proc/self/smaps");
	memcpy(smaps, text, sizeof(smaps));
	for (p = smaps; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p) {
		if (is_header(p) && sscanf(p, "%lx-%lx", &s, &e) == 2 &&
		    s < 1UL << 47) {	/* not Linux's [vsyscall] */
			if (!first)
				first = s;
			last = e;
		} else if (!strncmp(p, "Rss:", 4)) {
			rss += strtol(p + 4, NULL, 10);
		} else if (!strncmp(p, "Pss:", 4)) {
			pss += strtol(p + 4, NULL, 10);
		}
	}
	read_file("/proc/self/smaps_rollup");
	hdr = text;
	ok(sscanf(hdr, "%lx-%lx ---p 00000000 00:00 0 ", &s, &e) == 2 &&
	   s == first && e == last && !strncmp(hdr + 73, "[rollup]\n", 9),
	   "smaps_rollup's first line spans every mapping, [rollup] at column 73 (%.*s)",
	   (int)strcspn(hdr, "\n"), hdr);
	sum = field(text, text + strlen(text), "Rss");
	ok(sum >= rss - 8 && sum <= rss + 8,
	   "rollup Rss %ld kB is smaps's sum %ld kB", sum, rss);
	sum = field(text, text + strlen(text), "Pss_Anon") +
	      field(text, text + strlen(text), "Pss_File") +
	      field(text, text + strlen(text), "Pss_Shmem");
	ok(labs(sum - field(text, text + strlen(text), "Pss")) <= 2,
	   "Pss_Anon + Pss_File + Pss_Shmem = Pss (%ld)", sum);
	(void)pss;
}

static uint64_t pagemap_entry(int fd, const void *a)
{
	uint64_t e = 0;

	if (pread(fd, &e, 8, (uintptr_t)a / PG * 8) != 8)
		return ~0ULL;
	return e;
}

static int pagemap_unprivileged(void)
{
	static char page[PG] __attribute__((aligned(PG)));
	int fd;

	page[0] = 1;
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534) || prctl(PR_SET_DUMPABLE, 1))
		return 10;
	fd = open("/proc/self/pagemap", O_RDONLY);
	if (fd < 0)
		return 11;
	if (!(pagemap_entry(fd, page) & PM_PRESENT))
		return 12;
	if (pagemap_entry(fd, page) & PM_PFN)
		return 13;	/* frame numbers are hidden */
	if (open("/proc/1/pagemap", O_RDONLY) >= 0 || errno != EACCES)
		return 14;
	return 0;
}

static void pagemap(void)
{
	char *m = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = open("/proc/self/pagemap", O_RDONLY);
	uint64_t e, buf[3];

	m[0] = 1;
	munmap(m + 2 * PG, PG);
	ok(fd >= 0, "open /proc/self/pagemap");
	e = pagemap_entry(fd, m);
	ok((e & PM_PRESENT) && (e & PM_EXCLUSIVE) && !(e & PM_FILE) &&
	   (e & PM_PFN), "a written page: present, exclusive, anonymous, its frame (%llx)",
	   (unsigned long long)e);
	e = pagemap_entry(fd, m + PG);
	ok(!(e & PM_PRESENT) && !(e & PM_PFN),
	   "an untouched page: not present (%llx)", (unsigned long long)e);
	is(pagemap_entry(fd, m + 2 * PG), 0, "an unmapped page: 0");
	e = pagemap_entry(fd, (void *)pagemap_unprivileged);
	ok((e & PM_PRESENT) && (e & PM_FILE),
	   "our text: present, a file page (%llx)", (unsigned long long)e);
	ok(pread(fd, buf, 12, (uintptr_t)m / PG * 8) == -1 && errno == EINVAL,
	   "a read of a partial entry: EINVAL");
	ok(pread(fd, buf, 8, (uintptr_t)m / PG * 8 + 4) == -1 && errno == EINVAL,
	   "a read at a partial offset: EINVAL");
	is(pread(fd, buf, 24, (uintptr_t)m / PG * 8), 24, "three entries at once");
	is(pread(fd, buf, 8, 1ULL << 38), 0, "beyond user space: end of file");
	close(fd);
	ok(exited_with(run_child(pagemap_unprivileged), 0),
	   "unprivileged: own pagemap without frame numbers, another's EACCES");
	munmap(m, 2 * PG);
}

int main(void)
{
	maps_layout();
	smaps_counts();
	rollup();
	pagemap();
	return tap_done();
}
