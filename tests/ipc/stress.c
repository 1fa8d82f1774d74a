/*
 * tests/ipc/stress.c: SysV IPC under concurrency (several CPUs when the
 * machine has them): processes take a semaphore as a mutex around a
 * non-atomic counter in a shared segment, with SEM_UNDO, while others
 * ping-pong messages and attach and detach the segment; the counter,
 * the message count and the attach count must come out exact.
 */
#include "ipc_util.h"
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#define WORKERS 4
#define ROUNDS 500
#define PINGS 200

struct msgb {
	long mtype;
	int n;
};

static int semid, shmid, msqid;

static int sem_add(int op)
{
	struct sembuf sb = { 0, (short)op, SEM_UNDO };

	return semop(semid, &sb, 1);
}

static int worker(void)
{
	volatile long *counter = shmat(shmid, NULL, 0);

	if (counter == (void *)-1)
		return 1;
	for (int i = 0; i < ROUNDS; i++) {
		long v;

		if (sem_add(-1))
			return 2;
		v = *counter;
		*counter = v + 1;
		if (sem_add(1))
			return 3;
		if (i % 100 == 0) {	/* churn attaches meanwhile */
			void *p = shmat(shmid, NULL, SHM_RDONLY);

			if (p == (void *)-1 || shmdt(p))
				return 4;
		}
	}
	return 0;
}

static int pinger(long me, long peer)
{
	struct msgb m;

	for (int i = 0; i < PINGS; i++) {
		m.mtype = peer;
		m.n = i;
		if (msgsnd(msqid, &m, sizeof(int), 0))
			return 1;
		if (msgrcv(msqid, &m, sizeof(int), me, 0) != sizeof(int) ||
		    m.n != i)
			return 2;
	}
	return 0;
}

static int ping1(void) { return pinger(1, 2); }
static int ping2(void) { return pinger(2, 1); }

int main(void)
{
	pid_t pids[WORKERS + 2];
	struct shmid_ds ds;
	int bad = 0, status;
	long *counter;

	semid = semget(IPC_PRIVATE, 1, 0600);
	shmid = shmget(IPC_PRIVATE, 4096, 0600);
	msqid = msgget(IPC_PRIVATE, 0600);
	if (semid < 0 || shmid < 0 || msqid < 0) {
		ok(0, "setup");
		return tap_done();
	}
	semctl(semid, 0, SETVAL, 1);
	counter = shmat(shmid, NULL, 0);
	for (int i = 0; i < WORKERS + 2; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(i < WORKERS ? worker() : i == WORKERS ? ping1()
								    : ping2());
	}
	for (int i = 0; i < WORKERS + 2; i++) {
		waitpid(pids[i], &status, 0);
		bad += !exited_with(status, 0);
	}
	is(bad, 0, "every worker and pinger finished cleanly");
	is(*counter, (long)WORKERS * ROUNDS, "the semaphore excluded: no lost update");
	is(semctl(semid, 0, GETVAL), 1, "the semaphore is free again");
	shmctl(shmid, IPC_STAT, &ds);
	is((long)ds.shm_nattch, 1, "only our attach is left");
	is(msgrcv(msqid, &(struct msgb){ 0 }, sizeof(int), 0, IPC_NOWAIT), -1,
	   "no message left over");
	shmdt(counter);
	shmctl(shmid, IPC_RMID, NULL);
	semctl(semid, 0, IPC_RMID);
	msgctl(msqid, IPC_RMID, NULL);
	return tap_done();
}
