/*
 * tests/ipc/pidns.c: the pids SysV objects record (shm_cpid, shm_lpid,
 * msg_lspid, msg_lrpid, a semaphore's GETPID) are processes, numbered
 * for whoever asks, as Linux keeps them (struct pid): a process in a
 * child pid namespace sees itself as 1 and the parent's creator as 0;
 * the parent sees the child's real number, after it exited too;
 * /proc/sysvipc numbers them in the reader's namespace.
 */
#include "ipc_util.h"
#include <sched.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>

static int shmid, msqid, semid;

struct msgbuf1 {
	long mtype;
	char mtext[8];
};

/* cpid and lpid of shmid in /proc/sysvipc/shm, as this reader sees. */
static int sysvipc_shm_pids(int id, int *cpid, int *lpid)
{
	char line[512];
	FILE *f = fopen("/proc/sysvipc/shm", "r");
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		int key, sid;
		unsigned int perms;
		unsigned long size;

		if (sscanf(line, "%d %d %o %lu %d %d", &key, &sid, &perms,
			   &size, cpid, lpid) == 6 && sid == id)
			found = 1;
	}
	fclose(f);
	return found;
}

/* lspid and lrpid of msqid in /proc/sysvipc/msg. */
static int sysvipc_msg_pids(int id, int *lspid, int *lrpid)
{
	char line[512];
	FILE *f = fopen("/proc/sysvipc/msg", "r");
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		int key, qid;
		unsigned int perms;
		unsigned long cbytes, qnum;

		if (sscanf(line, "%d %d %o %lu %lu %d %d", &key, &qid, &perms,
			   &cbytes, &qnum, lspid, lrpid) == 7 && qid == id)
			found = 1;
	}
	fclose(f);
	return found;
}

/* Pid 1 of a new pid namespace: operate, then look. */
static int in_child_ns(void)
{
	struct sembuf up = { 0, 1, 0 };
	struct msgbuf1 m = { 1, "hello" };
	struct shmid_ds ds;
	struct msqid_ds mq;
	int cpid = -1, lpid = -1, lspid = -1, lrpid = -1;
	void *p;

	is(getpid(), 1, "the child is pid 1 of its namespace");
	ok(shmctl(shmid, IPC_STAT, &ds) == 0, "IPC_STAT");
	is(ds.shm_cpid, 0, "the creator (outside) is shm_cpid 0 here");
	p = shmat(shmid, NULL, 0);
	ok(p != (void *)-1 && shmdt(p) == 0, "attach and detach");
	ds.shm_lpid = -1;
	shmctl(shmid, IPC_STAT, &ds);
	is(ds.shm_lpid, 1, "shm_lpid: this process, 1");
	mq.msg_lspid = -1;
	msgctl(msqid, IPC_STAT, &mq);
	is(mq.msg_lspid, 0, "the parent's send: msg_lspid 0 here");
	ok(msgsnd(msqid, &m, sizeof(m.mtext), 0) == 0, "msgsnd");
	mq.msg_lspid = -1;
	msgctl(msqid, IPC_STAT, &mq);
	is(mq.msg_lspid, 1, "msg_lspid: 1");
	is(semctl(semid, 0, GETPID), 0, "the parent's SETVAL: GETPID 0 here");
	ok(semop(semid, &up, 1) == 0, "semop");
	is(semctl(semid, 0, GETPID), 1, "GETPID after our semop: 1");
	sysvipc_shm_pids(shmid, &cpid, &lpid);
	ok(cpid == 0 && lpid == 1, "/proc/sysvipc/shm in this reader's "
	   "namespace: cpid 0, lpid 1 (%d %d)", cpid, lpid);
	sysvipc_msg_pids(msqid, &lspid, &lrpid);
	ok(lspid == 1 && lrpid == 0, "/proc/sysvipc/msg: lspid 1, lrpid 0 "
	   "(%d %d)", lspid, lrpid);
	return tap_done();
}

/* Unshare the pid namespace and run in_child_ns() in its pid 1; tell
 * the parent that child's pid through fd. */
static int make_ns_child(int fd)
{
	int status;
	pid_t c;

	if (unshare(CLONE_NEWPID))
		return 100;
	c = fork();
	if (c == 0)
		_exit(in_child_ns());
	if (c < 0 || write(fd, &c, sizeof(c)) != sizeof(c))
		return 101;
	if (waitpid(c, &status, 0) != c || !WIFEXITED(status))
		return 102;
	return WEXITSTATUS(status);
}

int main(void)
{
	struct msgbuf1 m = { 1, "" };
	struct shmid_ds ds;
	struct msqid_ds mq;
	int fds[2], status, cpid = -1, lpid = -1, lspid = -1, lrpid = -1;
	pid_t helper, child = 0;

	shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	msqid = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	semid = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	if (!ok(shmid >= 0 && msqid >= 0 && semid >= 0 && !pipe(fds),
		"a segment, a queue, a semaphore set"))
		return tap_done();
	ok(semctl(semid, 0, SETVAL, 0) == 0, "SETVAL by the parent");
	ok(msgsnd(msqid, &(struct msgbuf1){ 1, "first" }, 8, 0) == 0,
	   "a send by the parent");
	ok(msgrcv(msqid, &m, sizeof(m.mtext), 0, 0) == 8, "and its receive");
	helper = fork();
	if (helper == 0)
		_exit(make_ns_child(fds[1]));
	close(fds[1]);
	if (read(fds[0], &child, sizeof(child)) != sizeof(child))
		child = 0;
	ok(child > 1, "the child's pid here: %d", (int)child);
	ok(waitpid(helper, &status, 0) == helper && exited_with(status, 0),
	   "the child in the new pid namespace passed");
	/* The child has exited: its pid is still what was recorded. */
	memset(&ds, 0xff, sizeof(ds));
	shmctl(shmid, IPC_STAT, &ds);
	is(ds.shm_cpid, getpid(), "here: shm_cpid is us");
	is(ds.shm_lpid, child, "shm_lpid the child (exited since)");
	memset(&mq, 0xff, sizeof(mq));
	msgctl(msqid, IPC_STAT, &mq);
	is(mq.msg_lspid, child, "msg_lspid the child");
	is(mq.msg_lrpid, getpid(), "msg_lrpid us");
	is(semctl(semid, 0, GETPID), child, "GETPID: the child");
	sysvipc_shm_pids(shmid, &cpid, &lpid);
	ok(cpid == getpid() && lpid == child,
	   "/proc/sysvipc/shm here: us and the child (%d %d)", cpid, lpid);
	sysvipc_msg_pids(msqid, &lspid, &lrpid);
	ok(lspid == child && lrpid == getpid(),
	   "/proc/sysvipc/msg here (%d %d)", lspid, lrpid);
	shmctl(shmid, IPC_RMID, NULL);
	msgctl(msqid, IPC_RMID, NULL);
	semctl(semid, 0, IPC_RMID);
	return tap_done();
}
