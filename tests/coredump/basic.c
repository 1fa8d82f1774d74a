/*
 * tests/coredump/basic.c: ELF core dumps as Linux 6.1 writes them.
 * A process killed by a core-dumping signal (abort, a SIGQUIT from
 * another process, a fault) with RLIMIT_CORE unlimited writes "core"
 * in its working directory (kernel.core_pattern's default) and its wait
 * status has WCOREDUMP. The file is an x86-64 ET_CORE: a PT_NOTE first
 * whose first note is the dumping thread's NT_PRSTATUS (its pid, the
 * signal, rsp in a writable PT_LOAD, rip in an executable one), then
 * NT_PRPSINFO (comm), NT_SIGINFO, NT_AUXV (our auxv), NT_FILE (names
 * the executable), NT_PRFPREG (our MXCSR); a multi-threaded process has
 * one NT_PRSTATUS per thread, the dumper's first; memory the process
 * wrote (data, heap, stack) is in the PT_LOADs. No core and no
 * WCOREDUMP with RLIMIT_CORE 0 or when not dumpable; a limit smaller
 * than the core leaves a cut file, and WCOREDUMP all the same (Linux
 * counts the dump once its notes are made); an old "core" is
 * replaced, not written through (its other link keeps it); a
 * coredump_filter of 0 leaves the heap out. kernel.core_pattern and
 * core_uses_pid, where writable, name the file (%p %e %s %% and .PID).
 */
#include "tap.h"
#include "proc.h"
#include <elf.h>
#include <fenv.h>
#include <pthread.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#define MARK 0x7469656e636f7265UL	/* "tienore" */
#define NT_SIGINFO_ 0x53494749
#define NT_FILE_ 0x46494c45
#define UREG_RIP 16
#define UREG_RSP 19

static volatile unsigned long data_mark = MARK;
static char dir[64];
static int report[2];		/* child -> parent: addresses, tids */
static pid_t last_pid;		/* run_reporting()'s child */

struct core {
	char *buf;
	size_t size;
	Elf64_Ehdr *eh;
	Elf64_Phdr *ph;
};

struct note {
	unsigned type;
	const char *name;
	const char *desc;
	size_t descsz;
};

static int load_core(struct core *c, const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY);

	memset(c, 0, sizeof(*c));
	if (fd < 0 || fstat(fd, &st))
		return -1;
	c->size = st.st_size;
	c->buf = malloc(c->size + 1);
	if (!c->buf || read(fd, c->buf, c->size) != (ssize_t)c->size) {
		close(fd);
		return -1;
	}
	close(fd);
	c->eh = (Elf64_Ehdr *)c->buf;
	c->ph = (Elf64_Phdr *)(c->buf + c->eh->e_phoff);
	return 0;
}

/* The idx-th note of the PT_NOTE segment; 0 if there is none. */
static int get_note(struct core *c, int idx, struct note *n)
{
	const char *p = c->buf + c->ph[0].p_offset;
	const char *end = p + c->ph[0].p_filesz;

	while (p + 12 <= end) {
		const unsigned *h = (const unsigned *)p;

		n->type = h[2];
		n->name = p + 12;
		n->desc = p + 12 + ((h[0] + 3) & ~3U);
		n->descsz = h[1];
		if (!idx--)
			return 1;
		p = n->desc + ((h[1] + 3) & ~3U);
	}
	return 0;
}

/* The first note of a type, and how many there are. */
static int find_note(struct core *c, unsigned type, struct note *first)
{
	struct note n;
	int count = 0;

	for (int i = 0; get_note(c, i, &n); i++)
		if (n.type == type && !strcmp(n.name, "CORE") && !count++)
			*first = n;
	return count;
}

/* The PT_LOAD holding addr, or NULL. */
static Elf64_Phdr *segment_of(struct core *c, unsigned long addr)
{
	for (int i = 1; i < c->eh->e_phnum; i++)
		if (c->ph[i].p_type == PT_LOAD && addr >= c->ph[i].p_vaddr &&
		    addr < c->ph[i].p_vaddr + c->ph[i].p_memsz)
			return &c->ph[i];
	return NULL;
}

/* The word the core holds at addr, or 0 if it is not in the file. */
static unsigned long core_word(struct core *c, unsigned long addr)
{
	Elf64_Phdr *p = segment_of(c, addr);
	unsigned long off;

	if (!p || addr + 8 > p->p_vaddr + p->p_filesz)
		return 0;
	off = p->p_offset + (addr - p->p_vaddr);
	return off + 8 <= c->size ? *(unsigned long *)(c->buf + off) : 0;
}

static void core_path(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", dir, name);
}

/* Child: where the dump goes, unlimited, then fn. */
static void prepare(rlim_t limit)
{
	struct rlimit rl = { limit, limit };

	if (chdir(dir) || setrlimit(RLIMIT_CORE, &rl))
		_exit(100);
}

static int abort_child(void)
{
	volatile unsigned long stack_mark = MARK + 1;
	unsigned long *heap = malloc(8192), addr[3];

	prepare(RLIM_INFINITY);
	heap[100] = MARK + 2;
	addr[0] = (unsigned long)&stack_mark;
	addr[1] = (unsigned long)&heap[100];
	addr[2] = (unsigned long)&data_mark;
	fesetround(FE_TOWARDZERO);
	if (write(report[1], addr, sizeof(addr)) != sizeof(addr))
		return 101;
	abort();
}

/* Fork fn with the report pipe; the wait status. */
static int run_reporting(int (*fn)(void), void *got, size_t n)
{
	int st = -1;
	pid_t pid;

	if (pipe(report))
		return -1;
	pid = last_pid = fork();
	if (pid == 0) {
		close(report[0]);
		_exit(fn());
	}
	close(report[1]);
	if (n && read(report[0], got, n) != (ssize_t)n)
		memset(got, 0, n);
	close(report[0]);
	waitpid(pid, &st, 0);
	return st;
}

static void check_prstatus(struct core *c, pid_t pid)
{
	struct note n;
	const unsigned long *reg;
	int pr_pid, cursig;

	if (!ok(get_note(c, 0, &n) && n.type == NT_PRSTATUS && n.descsz == 336,
		"the first note is an NT_PRSTATUS of 336 bytes"))
		return;
	memcpy(&cursig, n.desc, sizeof(int));
	memcpy(&pr_pid, n.desc + 32, sizeof(int));
	reg = (const unsigned long *)(n.desc + 112);
	is(cursig, SIGABRT, "pr_info.si_signo is the signal");
	is(*(short *)(n.desc + 12), SIGABRT, "pr_cursig too");
	is(pr_pid, pid, "pr_pid is the dumping thread");
	ok(segment_of(c, reg[UREG_RSP]) &&
	   (segment_of(c, reg[UREG_RSP])->p_flags & PF_W), "rsp %#lx is in a "
	   "writable PT_LOAD", reg[UREG_RSP]);
	ok(segment_of(c, reg[UREG_RIP]) &&
	   (segment_of(c, reg[UREG_RIP])->p_flags & PF_X), "rip %#lx is in an "
	   "executable PT_LOAD", reg[UREG_RIP]);
}

static void check_process_notes(struct core *c, pid_t pid)
{
	struct note n;
	char exe[256] = "";
	int si_signo;

	if (ok(find_note(c, NT_PRPSINFO, &n) == 1 && n.descsz == 136,
	       "one NT_PRPSINFO of 136 bytes")) {
		is_str(n.desc + 40, "basic", "pr_fname is the comm");
		is(*(int *)(n.desc + 24), pid, "pr_pid");
		ok(!strncmp(n.desc + 56, "/tests/coredump/basic", 21),
		   "pr_psargs is the command line");
	}
	if (ok(find_note(c, NT_SIGINFO_, &n) == 1 && n.descsz == 128,
	       "one NT_SIGINFO of 128 bytes")) {
		memcpy(&si_signo, n.desc, sizeof(int));
		is(si_signo, SIGABRT, "its si_signo");
	}
	if (ok(find_note(c, NT_AUXV, &n) == 1, "one NT_AUXV")) {
		const unsigned long *a = (const unsigned long *)n.desc;
		unsigned long entry = 0;

		for (size_t i = 0; i + 1 < n.descsz / 8; i += 2)
			if (a[i] == AT_ENTRY)
				entry = a[i + 1];
		is(entry, getauxval(AT_ENTRY), "it holds our AT_ENTRY");
	}
	readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (ok(find_note(c, NT_FILE_, &n) == 1, "one NT_FILE")) {
		const unsigned long *w = (const unsigned long *)n.desc;
		const char *name = n.desc + 16 + w[0] * 24;
		int found = 0;

		for (unsigned long i = 0; i < w[0]; i++, name += strlen(name) + 1)
			found |= !strcmp(name, exe);
		ok(w[0] > 0 && w[1] == 4096 && found, "it names %s", exe);
	}
	if (ok(find_note(c, NT_PRFPREG, &n) == 1 && n.descsz == 512,
	       "one NT_PRFPREG (FXSAVE, 512 bytes)"))
		is((*(unsigned *)(n.desc + 24) >> 13) & 3, 3, "MXCSR has the "
		   "child's rounding mode");
}

static void test_abort(void)
{
	unsigned long addr[3] = { 0 };
	char path[128];
	struct core c;
	int st = run_reporting(abort_child, addr, sizeof(addr));

	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT && WCOREDUMP(st),
	   "abort: killed by SIGABRT with WCOREDUMP (status %#x)", st);
	core_path(path, sizeof(path), "core");
	if (!ok(load_core(&c, path) == 0, "a file named core in its cwd"))
		return;
	ok(!memcmp(c.eh->e_ident, ELFMAG, SELFMAG) && c.eh->e_type == ET_CORE &&
	   c.eh->e_machine == EM_X86_64 && c.ph[0].p_type == PT_NOTE,
	   "an x86-64 ET_CORE with the PT_NOTE first");
	check_prstatus(&c, last_pid);
	check_process_notes(&c, last_pid);
	is(core_word(&c, addr[0]), MARK + 1, "the stack word is in the core");
	is(core_word(&c, addr[1]), MARK + 2, "the heap word is in the core");
	is(core_word(&c, addr[2]), MARK, "the data word is in the core");
	free(c.buf);
	unlink(path);
}

static pthread_barrier_t started;

static void *sleeper(void *arg)
{
	pthread_barrier_wait(&started);
	for (;;)
		pause();
	return arg;
}

static void *aborter(void *arg)
{
	pid_t tid = gettid();

	pthread_barrier_wait(&started);
	if (write(report[1], &tid, sizeof(tid)) != sizeof(tid))
		_exit(101);
	abort();
	return arg;
}

/* Three threads; the third aborts. */
static int threads_child(void)
{
	pthread_t t[2];

	prepare(RLIM_INFINITY);
	pthread_barrier_init(&started, NULL, 3);
	pthread_create(&t[0], NULL, sleeper, NULL);
	pthread_create(&t[1], NULL, aborter, NULL);
	sleeper(NULL);
	return 0;
}

static void test_threads(void)
{
	pid_t tid = 0, pids[3] = { 0 };
	char path[128];
	struct core c;
	struct note n;
	int st = run_reporting(threads_child, &tid, sizeof(tid)), count = 0;

	ok(WIFSIGNALED(st) && WCOREDUMP(st), "threads: WCOREDUMP (%#x)", st);
	core_path(path, sizeof(path), "core");
	if (!ok(load_core(&c, path) == 0, "threads: a core"))
		return;
	for (int i = 0; get_note(&c, i, &n); i++)
		if (n.type == NT_PRSTATUS && count < 3)
			memcpy(&pids[count++], n.desc + 32, sizeof(int));
	is(count, 3, "one NT_PRSTATUS per thread");
	is(pids[0], tid, "the aborting thread's first");
	ok(pids[1] != pids[2] && pids[1] != tid && pids[2] != tid &&
	   (pids[1] == last_pid || pids[2] == last_pid), "and the others "
	   "(%d %d %d)", pids[0], pids[1], pids[2]);
	is(find_note(&c, NT_PRFPREG, &n), 3, "an NT_PRFPREG per thread");
	free(c.buf);
	unlink(path);
}

static int limit_zero_child(void)
{
	prepare(0);
	abort();
}

static int limit_small_child(void)
{
	prepare(4096);
	abort();
}

static int nodump_child(void)
{
	prepare(RLIM_INFINITY);
	prctl(PR_SET_DUMPABLE, 0);
	abort();
}

static void test_no_core(void)
{
	char path[128];
	struct stat st;
	int status;

	core_path(path, sizeof(path), "core");
	status = run_child(limit_zero_child);
	ok(WIFSIGNALED(status) && !WCOREDUMP(status) && stat(path, &st) < 0,
	   "RLIMIT_CORE 0: no core, no WCOREDUMP (%#x)", status);
	status = run_child(nodump_child);
	ok(WIFSIGNALED(status) && !WCOREDUMP(status) && stat(path, &st) < 0,
	   "not dumpable: no core, no WCOREDUMP (%#x)", status);
	status = run_child(limit_small_child);
	ok(WIFSIGNALED(status) && WCOREDUMP(status), "RLIMIT_CORE 4096: "
	   "WCOREDUMP all the same (%#x)", status);
	if (stat(path, &st))
		st.st_size = -1;
	ok(st.st_size > 0 && st.st_size <= 4096, "a cut core of at most the "
	   "limit (%ld bytes)", (long)st.st_size);
	unlink(path);
}

static int quit_child(void)
{
	prepare(RLIM_INFINITY);
	if (write(report[1], "r", 1) != 1)
		return 101;
	for (;;)
		pause();
}

static void test_kill_and_replace(void)
{
	char path[128], old[128], got[8] = "";
	int fd, st;
	pid_t pid;

	core_path(path, sizeof(path), "core");
	core_path(old, sizeof(old), "core.old");
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	ok(fd >= 0 && write(fd, "old", 3) == 3 && link(path, old) == 0,
	   "an old core with a second link");
	close(fd);
	if (pipe(report))
		return;
	pid = fork();
	if (pid == 0) {
		close(report[0]);
		_exit(quit_child());
	}
	close(report[1]);
	read(report[0], got, 1);
	close(report[0]);
	kill(pid, SIGQUIT);
	waitpid(pid, &st, 0);
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGQUIT && WCOREDUMP(st),
	   "SIGQUIT from another process: WCOREDUMP (%#x)", st);
	fd = open(old, O_RDONLY);
	ok(fd >= 0 && read(fd, got, sizeof(got)) == 3 && !memcmp(got, "old", 3),
	   "the old core's other link kept its contents");
	close(fd);
	fd = open(path, O_RDONLY);
	ok(fd >= 0 && read(fd, got, 4) == 4 && !memcmp(got, ELFMAG, 4),
	   "core is a new ELF file");
	close(fd);
	unlink(path);
	unlink(old);
}

static int filter_child(void)
{
	int fd = open("/proc/self/coredump_filter", O_RDWR);
	char buf[16] = "";

	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) != 9 ||
	    strcmp(buf, "00000033\n"))
		return 102;
	if (pwrite(fd, "0", 1, 0) != 1)
		return 103;
	close(fd);
	return abort_child();
}

static void test_filter(void)
{
	unsigned long addr[3] = { 0 };
	char path[128];
	struct core c;
	Elf64_Phdr *heap, *vdso;
	int st = run_reporting(filter_child, addr, sizeof(addr));

	ok(WIFSIGNALED(st) && WCOREDUMP(st), "coredump_filter reads 00000033, "
	   "takes 0 (%#x)", st);
	core_path(path, sizeof(path), "core");
	if (!ok(load_core(&c, path) == 0, "filter 0: a core"))
		return;
	heap = segment_of(&c, addr[1]);
	vdso = segment_of(&c, getauxval(AT_SYSINFO_EHDR));
	ok(heap && heap->p_filesz == 0, "filter 0: the heap is left out");
	ok(vdso && vdso->p_filesz == vdso->p_memsz, "the vDSO is always in");
	free(c.buf);
	unlink(path);
}

static void test_pattern(void)
{
	char path[160], old[160], name[64];
	struct stat st;
	int status;

	if (sysctl_rw("/proc/sys/kernel/core_pattern",
		       "core.%e.%s.%p%%x", old, sizeof(old))) {
		ok(1, "no writable kernel.core_pattern # SKIP");
		return;
	}
	status = run_reporting(abort_child, (unsigned long[3]){ 0 },
			       3 * sizeof(long));
	snprintf(name, sizeof(name), "core.basic.%d.%d%%x", SIGABRT, last_pid);
	core_path(path, sizeof(path), name);
	ok(WCOREDUMP(status) && stat(path, &st) == 0, "core_pattern "
	   "core.%%e.%%s.%%p%%%%x names %s", name);
	unlink(path);
	if (sysctl_rw("/proc/sys/kernel/core_uses_pid", "1", NULL, 0) == 0) {
		sysctl_rw("/proc/sys/kernel/core_pattern", "core", NULL, 0);
		status = run_reporting(abort_child, (unsigned long[3]){ 0 },
				       3 * sizeof(long));
		snprintf(name, sizeof(name), "core.%d", last_pid);
		core_path(path, sizeof(path), name);
		ok(stat(path, &st) == 0, "core_uses_pid adds .PID");
		unlink(path);
		sysctl_rw("/proc/sys/kernel/core_uses_pid", "0", NULL, 0);
	}
	sysctl_rw("/proc/sys/kernel/core_pattern", old, NULL, 0);
}

int main(void)
{
	snprintf(dir, sizeof(dir), "/tmp/coredump.%d", (int)getpid());
	mkdir(dir, 0755);
	test_abort();
	test_threads();
	test_no_core();
	test_kill_and_replace();
	test_filter();
	test_pattern();
	rmdir(dir);
	return tap_done();
}
