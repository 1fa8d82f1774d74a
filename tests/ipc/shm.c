/*
 * tests/ipc/shm.c: SysV shared memory: shmget's key rules and limits,
 * attaching (shared data, SHM_RDONLY, SHM_RND, SHM_REMAP, shmdt),
 * attach counts through fork and exit, IPC_RMID with attaches left
 * (destroyed on the last detach), IPC_STAT/IPC_SET/SHM_STAT(_ANY)/
 * IPC_INFO/SHM_INFO/SHM_LOCK, permissions as an unprivileged user
 * (EACCES, EPERM), /proc/sysvipc/shm, /proc/sys/kernel/shm*, and that
 * removed segments give their memory back.
 */
#include "ipc_util.h"
#include <setjmp.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>

#ifndef SHM_STAT_ANY
#define SHM_STAT_ANY 15
#endif
#ifndef SHM_DEST
#define SHM_DEST 01000
#endif
#ifndef SHM_LOCKED
#define SHM_LOCKED 02000
#endif

#define PAGE 4096
#define KEY 0x7e570001

static long nattch(int id)
{
	struct shmid_ds ds;

	if (shmctl(id, IPC_STAT, &ds))
		return -errno;
	return (long)ds.shm_nattch;
}

static void test_get(void)
{
	int id, id2;

	expect_errno(shmget(IPC_PRIVATE, 0, 0600), EINVAL);
	shmctl(shmget(KEY, 0, 0), IPC_RMID, NULL);	/* a leftover */
	expect_errno(shmget(KEY, PAGE, 0600), ENOENT);
	id = expect_ok(shmget(KEY, PAGE, IPC_CREAT | 0600));
	is(shmget(KEY, PAGE, 0600), id, "the key finds the segment");
	is(shmget(KEY, 0, 0), id, "size 0 finds an existing segment");
	is(shmget(KEY, 10, IPC_CREAT | 0600), id, "IPC_CREAT alone reuses");
	expect_errno(shmget(KEY, PAGE, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	expect_errno(shmget(KEY, 2 * PAGE, 0600), EINVAL);
	id2 = expect_ok(shmget(IPC_PRIVATE, PAGE, 0600));
	ok(id2 != id, "IPC_PRIVATE always makes a new segment");
	expect_errno(shmat(-1, NULL, 0), EINVAL);
	expect_errno(shmat(id2 + 12345 * 32768, NULL, 0), EINVAL);
	expect_errno(shmctl(-1, IPC_STAT, NULL), EINVAL);
	expect_errno(shmctl(id, 99, NULL), EINVAL);
	expect_ok(shmctl(id, IPC_RMID, NULL));
	expect_ok(shmctl(id2, IPC_RMID, NULL));
	expect_errno(shmctl(id, IPC_STAT, &(struct shmid_ds){ 0 }), EINVAL);
	expect_errno(shmget(KEY, PAGE, 0600), ENOENT);
}

static void test_attach(void)
{
	int id = shmget(IPC_PRIVATE, 3 * PAGE, 0600);
	char *a = shmat(id, NULL, 0), *b = shmat(id, NULL, 0);
	struct shmid_ds ds;

	ok(a != (void *)-1 && b != (void *)-1 && a != b, "two attaches");
	if (a == (void *)-1 || b == (void *)-1)
		return;
	ok(a[0] == 0 && a[3 * PAGE - 1] == 0, "a new segment reads zeroes");
	strcpy(a + PAGE, "shared");
	is_str(b + PAGE, "shared", "both attaches see the same pages");
	is(nattch(id), 2, "shm_nattch counts both");
	expect_ok(shmctl(id, IPC_STAT, &ds));
	is((long)ds.shm_segsz, 3 * PAGE, "shm_segsz");
	is(ds.shm_cpid, getpid(), "shm_cpid is the creator");
	is(ds.shm_lpid, getpid(), "shm_lpid is the last attacher");
	is(ds.shm_perm.mode & 0777, 0600, "mode");
	is(ds.shm_perm.uid, getuid(), "owner");
	ok(ds.shm_atime > 0 && ds.shm_ctime > 0, "attach and change times");
	/* Splitting an attach counts both halves, as Linux's VMAs. */
	expect_ok(munmap(a + PAGE, PAGE));
	is(nattch(id), 3, "a split attach counts as two");
	expect_errno(shmdt(a + 1), EINVAL);
	expect_errno(shmdt(a + PAGE), EINVAL);
	expect_ok(shmdt(a));
	is(nattch(id), 1, "shmdt takes the whole attach, both pieces");
	expect_ok(shmdt(b));
	is(nattch(id), 0, "no attaches left");
	expect_errno(shmdt(b), EINVAL);
	expect_ok(shmctl(id, IPC_RMID, NULL));
}

static sigjmp_buf segv_jmp;
static void on_segv(int sig)
{
	(void)sig;
	siglongjmp(segv_jmp, 1);
}

static void test_rdonly(void)
{
	int id = shmget(IPC_PRIVATE, PAGE, 0600);
	char *w = shmat(id, NULL, 0);
	volatile char *r = shmat(id, NULL, SHM_RDONLY);
	int faulted = 0;

	if (w == (void *)-1 || r == (void *)-1) {
		ok(0, "attach for SHM_RDONLY");
		return;
	}
	w[0] = 'x';
	is(r[0], 'x', "a read-only attach sees writes");
	signal(SIGSEGV, on_segv);
	if (!sigsetjmp(segv_jmp, 1))
		r[0] = 'y';
	else
		faulted = 1;
	signal(SIGSEGV, SIG_DFL);
	ok(faulted, "writing a SHM_RDONLY attach faults");
	expect_errno(mprotect((void *)r, PAGE, PROT_READ | PROT_WRITE), EACCES);
	shmdt(w);
	shmdt((void *)r);
	shmctl(id, IPC_RMID, NULL);
}

static void test_addresses(void)
{
	int id = shmget(IPC_PRIVATE, 2 * PAGE, 0600);
	char *hole = mmap(NULL, 8 * PAGE, PROT_NONE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *a;

	munmap(hole, 8 * PAGE);
	expect_errno(shmat(id, hole + 1, 0), EINVAL);
	a = shmat(id, hole + 100, SHM_RND);
	ok(a == hole, "SHM_RND rounds the address down");
	expect_errno(shmat(id, hole + PAGE, 0), EINVAL);
	a = shmat(id, hole + PAGE, SHM_REMAP);
	ok(a == hole + PAGE, "SHM_REMAP replaces what was mapped");
	expect_errno(shmat(id, NULL, SHM_REMAP), EINVAL);
	is(nattch(id), 2, "the replaced part of the first attach went");
	shmdt(hole);
	shmdt(hole + PAGE);
	is(nattch(id), 0, "detached");
	shmctl(id, IPC_RMID, NULL);
}

static int id_for_child;

static int child_writes(void)
{
	char *p = shmat(id_for_child, NULL, 0);

	if (p == (void *)-1)
		return 1;
	strcpy(p, "child");
	/* The parent's attach (inherited) and this one. */
	return nattch(id_for_child) == 3 ? 0 : 2;
}

static void test_fork_exit(void)
{
	int id = shmget(IPC_PRIVATE, PAGE, 0600), status, pfd[2];
	char *p = shmat(id, NULL, 0), c;
	pid_t pid;

	id_for_child = id;
	status = run_child(child_writes);
	ok(exited_with(status, 0), "a child attaches: three attaches");
	is_str(p, "child", "its writes are seen after it exits");
	is(nattch(id), 1, "exit detaches");
	if (pipe(pfd))
		return;
	pid = fork();
	if (pid == 0) {
		close(pfd[1]);
		if (read(pfd[0], &c, 1) < 0)
			_exit(2);
		_exit(p[0] == 'c' ? 0 : 1);
	}
	is(nattch(id), 2, "fork counts the child's copy of the attach");
	close(pfd[1]);
	waitpid(pid, &status, 0);
	ok(exited_with(status, 0), "the child kept the attach");
	is(nattch(id), 1, "the child's exit drops it");
	close(pfd[0]);
	shmdt(p);
	shmctl(id, IPC_RMID, NULL);
}

static void test_rmid_attached(void)
{
	int id = shmget(KEY, PAGE, IPC_CREAT | IPC_EXCL | 0600);
	char *p = shmat(id, NULL, 0), *q;
	struct shmid_ds ds;

	expect_ok(shmctl(id, IPC_RMID, NULL));
	expect_ok(shmctl(id, IPC_STAT, &ds));
	ok(ds.shm_perm.mode & SHM_DEST, "SHM_DEST while attached");
	is(ds.shm_perm.__ipc_perm_key, IPC_PRIVATE, "the key is gone");
	expect_errno(shmget(KEY, PAGE, 0600), ENOENT);
	q = shmat(id, NULL, 0);
	ok(q != (void *)-1, "a removed segment can still be attached by id");
	p[0] = 'z';
	is(q[0], 'z', "and is the same memory");
	shmdt(q);
	expect_ok(shmctl(id, IPC_STAT, &ds));
	shmdt(p);
	expect_errno(shmctl(id, IPC_STAT, &ds), EINVAL);
}

static int shared_id;

static int unpriv_child(void)
{
	struct shmid_ds ds;

	if (drop_privileges())
		return 100;
	expect_errno(shmat(shared_id, NULL, 0), EACCES);
	expect_errno(shmat(shared_id, NULL, SHM_RDONLY), EACCES);
	expect_errno(shmctl(shared_id, IPC_STAT, &ds), EACCES);
	expect_errno(shmctl(shared_id, IPC_RMID, NULL), EPERM);
	memset(&ds, 0, sizeof(ds));
	expect_errno(shmctl(shared_id, IPC_SET, &ds), EPERM);
	expect_errno(shmctl(shared_id, SHM_LOCK, NULL), EPERM);
	ok(shmctl(ipcid_slot(shared_id), SHM_STAT_ANY, &ds) == shared_id,
	   "SHM_STAT_ANY needs no read permission");
	expect_errno(shmctl(ipcid_slot(shared_id), SHM_STAT, &ds), EACCES);
	return tap_done();
}

static int reader_child(void)
{
	char *p;

	if (drop_privileges())
		return 100;
	p = shmat(shared_id, NULL, SHM_RDONLY);
	ok(p != (void *)-1 && p[0] == 'r', "mode 0604: others may read");
	expect_errno(shmat(shared_id, NULL, 0), EACCES);
	return tap_done();
}

static void test_permissions(void)
{
	int id = shmget(IPC_PRIVATE, PAGE, 0600);
	struct shmid_ds ds;
	char *p;

	shared_id = id;
	ok(exited_with(run_child(unpriv_child), 0),
	   "an unprivileged user is refused");
	p = shmat(id, NULL, 0);
	p[0] = 'r';
	shmdt(p);
	expect_ok(shmctl(id, IPC_STAT, &ds));
	ds.shm_perm.mode = 0604;
	expect_ok(shmctl(id, IPC_SET, &ds));
	expect_ok(shmctl(id, IPC_STAT, &ds));
	is(ds.shm_perm.mode & 0777, 0604, "IPC_SET changes the mode");
	ok(exited_with(run_child(reader_child), 0), "others read, not write");
	/* Giving the segment away: its new owner may remove it. */
	ds.shm_perm.uid = NOBODY;
	expect_ok(shmctl(id, IPC_SET, &ds));
	expect_ok(shmctl(id, IPC_STAT, &ds));
	is(ds.shm_perm.uid, NOBODY, "IPC_SET changes the owner");
	is(ds.shm_perm.cuid, 0, "not the creator");
	ds.shm_perm.uid = (uid_t)-1;
	expect_errno(shmctl(id, IPC_SET, &ds), EINVAL);
	expect_ok(shmctl(id, SHM_LOCK, NULL));
	expect_ok(shmctl(id, IPC_STAT, &ds));
	ok(ds.shm_perm.mode & SHM_LOCKED, "SHM_LOCK shows SHM_LOCKED");
	expect_ok(shmctl(id, SHM_UNLOCK, NULL));
	expect_ok(shmctl(id, IPC_STAT, &ds));
	ok(!(ds.shm_perm.mode & SHM_LOCKED), "SHM_UNLOCK clears it");
	expect_ok(shmctl(id, IPC_RMID, NULL));
}

static void test_info_and_proc(void)
{
	int id = shmget(IPC_PRIVATE, 5 * PAGE, 0640);
	struct shminfo si;
	struct shm_info info;
	char line[64];
	long mni = read_proc_long("/proc/sys/kernel/shmmni");

	ok(shmctl(0, IPC_INFO, (struct shmid_ds *)&si) >= ipcid_slot(id),
	   "IPC_INFO returns the highest slot in use");
	is((long)si.shmmni, mni, "shminfo.shmmni is kernel.shmmni");
	is((long)si.shmmin, 1, "shmmin");
	ok(shmctl(0, SHM_INFO, (struct shmid_ds *)&info) >= 0, "SHM_INFO");
	ok(info.__used_ids >= 1 && info.shm_tot >= 5, "SHM_INFO counts it");
	snprintf(line, sizeof(line), " %d  %4o %21d", id, 0640, 5 * PAGE);
	ok(proc_contains("/proc/sysvipc/shm", line),
	   "/proc/sysvipc/shm lists the segment");
	ok(proc_contains("/proc/sysvipc/shm", "       key      shmid perms"),
	   "with Linux's header");
	shmctl(id, IPC_RMID, NULL);
}

static void test_limits(void)
{
	char old[32];
	long max = read_proc_long("/proc/sys/kernel/shmmax");
	long mni = read_proc_long("/proc/sys/kernel/shmmni");
	int ids[4], n = 0;

	ok(max > 0 && read_proc_long("/proc/sys/kernel/shmall") > 0 && mni > 0,
	   "shmmax, shmall, shmmni");
	expect_ok(write_proc("/proc/sys/kernel/shmmax", "8192"));
	expect_errno(shmget(IPC_PRIVATE, 8193, 0600), EINVAL);
	ids[0] = shmget(IPC_PRIVATE, 8192, 0600);
	ok(ids[0] >= 0, "a segment of shmmax bytes");
	shmctl(ids[0], IPC_RMID, NULL);
	snprintf(old, sizeof(old), "%ld", max);
	write_proc("/proc/sys/kernel/shmmax", old);
	/* shmmni: how many segments may exist (count ours and others). */
	{
		struct shm_info info;

		shmctl(0, SHM_INFO, (struct shmid_ds *)&info);
		snprintf(old, sizeof(old), "%d", info.__used_ids + 2);
	}
	expect_ok(write_proc("/proc/sys/kernel/shmmni", old));
	while (n < 4 && (ids[n] = shmget(IPC_PRIVATE, PAGE, 0600)) >= 0)
		n++;
	is(n, 2, "shmmni bounds the number of segments");
	is(errno, ENOSPC, "then ENOSPC");
	while (n--)
		shmctl(ids[n], IPC_RMID, NULL);
	snprintf(old, sizeof(old), "%ld", mni);
	write_proc("/proc/sys/kernel/shmmni", old);
	is(write_proc("/proc/sys/kernel/shmmni", "40000"), -EINVAL,
	   "shmmni is at most 32768");
}

static void test_memory_back(void)
{
	long before = mem_free_kb(), after;

	for (int i = 0; i < 8; i++) {
		int id = shmget(IPC_PRIVATE, 256 * PAGE, 0600);
		char *p = shmat(id, NULL, 0);

		if (p == (void *)-1)
			break;
		memset(p, i + 1, 256 * PAGE);
		shmctl(id, IPC_RMID, NULL);
		shmdt(p);
	}
	after = mem_free_kb();
	ok(after > before - 1024, "8 MB of removed segments came back "
	   "(MemFree %ld -> %ld kB)", before, after);
}

int main(void)
{
	test_get();
	test_attach();
	test_rdonly();
	test_addresses();
	test_fork_exit();
	test_rmid_attached();
	test_permissions();
	test_info_and_proc();
	test_limits();
	test_memory_back();
	return tap_done();
}
