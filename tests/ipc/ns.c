/*
 * tests/ipc/ns.c: SysV objects and POSIX queues belong to an IPC
 * namespace: a child in a new one (unshare(CLONE_NEWIPC)) sees none of
 * its parent's, gets the default limits, and what it makes there is
 * gone with the namespace; an attach made before keeps working.
 */
#include "ipc_util.h"
#include <sched.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#define KEY 0x7e570004

static int shmid;
static char *mem;

static int in_new_ns(void)
{
	char line[32];
	int id;

	if (unshare(CLONE_NEWIPC))
		return 100;
	expect_errno(shmget(KEY, 0, 0), ENOENT);
	expect_errno(shmctl(shmid, IPC_STAT, &(struct shmid_ds){ 0 }), EINVAL);
	expect_errno(syscall(SYS_mq_open, "tine-ns-q", O_RDWR, 0, NULL), ENOENT);
	snprintf(line, sizeof(line), "%10d %10d ", KEY, shmid);
	ok(!proc_contains("/proc/sysvipc/shm", line),
	   "/proc/sysvipc/shm does not list the parent's segment");
	is(read_proc_long("/proc/sys/kernel/shmmni"), 4096,
	   "the new namespace has the default shmmni");
	strcpy(mem, "still mine");	/* an attach made before */
	id = shmget(KEY, 4096, IPC_CREAT | 0600);
	ok(id >= 0, "a segment of its own, same key");
	ok(semget(IPC_PRIVATE, 3, 0600) >= 0 && msgget(IPC_PRIVATE, 0600) >= 0,
	   "a semaphore set and a queue");
	ok(shmat(id, NULL, 0) != (void *)-1, "attached");
	ok(syscall(SYS_mq_open, "tine-ns-q", O_RDWR | O_CREAT, 0600, NULL) >= 0,
	   "a POSIX queue of its own");
	return tap_done();
}

int main(void)
{
	long before = mem_free_kb(), after;
	int q;

	shmid = shmget(KEY, 4096, IPC_CREAT | 0600);
	mem = shmat(shmid, NULL, 0);
	q = syscall(SYS_mq_open, "tine-ns-q", O_RDWR | O_CREAT, 0600, NULL);
	if (shmid < 0 || mem == (void *)-1 || q < 0) {
		ok(0, "setup");
		return tap_done();
	}
	ok(exited_with(run_child(in_new_ns), 0), "a child in a new IPC namespace");
	is_str(mem, "still mine", "its write through the old attach landed");
	is(shmget(KEY, 0, 0), shmid, "the parent's key still names its segment");
	close(q);
	expect_ok(syscall(SYS_mq_unlink, "tine-ns-q"));
	shmdt(mem);
	shmctl(shmid, IPC_RMID, NULL);
	after = mem_free_kb();
	ok(after > before - 512, "the namespace's objects went with it "
	   "(MemFree %ld -> %ld kB)", before, after);
	return tap_done();
}
