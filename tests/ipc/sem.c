/*
 * tests/ipc/sem.c: SysV semaphores: semget's rules and limits, the
 * semctl commands (values, counts of sleepers, STAT/INFO, SET), semop's
 * all-or-nothing rule, IPC_NOWAIT, sleeping and waking (by semop,
 * SETVAL, IPC_RMID with EIDRM, a signal with EINTR, a semtimedop
 * timeout), ERANGE, SEM_UNDO at exit (an undo list shared by
 * CLONE_SYSVSEM is applied by its last user), EACCES/EPERM as an
 * unprivileged user, /proc/sysvipc/sem and /proc/sys/kernel/sem.
 */
#include "ipc_util.h"
#include <sched.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <time.h>

#ifndef SEM_STAT_ANY
#define SEM_STAT_ANY 20
#endif
#define KEY 0x7e570002

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

static int semop1(int id, int num, int op, int flg)
{
	struct sembuf sb = { .sem_num = num, .sem_op = op, .sem_flg = flg };

	return semop(id, &sb, 1);
}

static int getval(int id, int num)
{
	return semctl(id, num, GETVAL);
}

static void test_get(void)
{
	int id;

	expect_errno(semget(IPC_PRIVATE, 0, 0600), EINVAL);
	expect_errno(semget(IPC_PRIVATE, -1, 0600), EINVAL);
	expect_errno(semget(IPC_PRIVATE, 40000, 0600), EINVAL);
	semctl(semget(KEY, 0, 0), 0, IPC_RMID);
	expect_errno(semget(KEY, 1, 0600), ENOENT);
	id = expect_ok(semget(KEY, 3, IPC_CREAT | 0600));
	is(semget(KEY, 0, 0), id, "nsems 0 finds an existing set");
	is(semget(KEY, 2, 0), id, "fewer semaphores than it has: found");
	expect_errno(semget(KEY, 4, 0), EINVAL);
	expect_errno(semget(KEY, 1, IPC_CREAT | IPC_EXCL), EEXIST);
	expect_errno(semctl(-1, 0, GETVAL), EINVAL);
	expect_errno(semctl(id, 0, 99), EINVAL);
	expect_ok(semctl(id, 0, IPC_RMID));
	expect_errno(semctl(id, 0, GETVAL), EINVAL);
}

static void test_values(void)
{
	int id = semget(IPC_PRIVATE, 3, 0600);
	unsigned short in[3] = { 1, 2, 3 }, out[3] = { 0 };
	struct semid_ds ds;

	is(getval(id, 0), 0, "a new semaphore is 0");
	expect_ok(semctl(id, 1, SETVAL, (union semun){ .val = 7 }));
	is(getval(id, 1), 7, "SETVAL/GETVAL");
	is(semctl(id, 1, GETPID), getpid(), "SETVAL sets sempid");
	expect_errno(semctl(id, 1, SETVAL, (union semun){ .val = 32768 }), ERANGE);
	expect_errno(semctl(id, 1, SETVAL, (union semun){ .val = -1 }), ERANGE);
	expect_errno(semctl(id, 3, GETVAL), EINVAL);
	expect_errno(semctl(id, -1, SETVAL, (union semun){ .val = 1 }), EINVAL);
	expect_ok(semctl(id, 0, SETALL, (union semun){ .array = in }));
	expect_ok(semctl(id, 0, GETALL, (union semun){ .array = out }));
	ok(out[0] == 1 && out[1] == 2 && out[2] == 3, "SETALL/GETALL");
	in[2] = 40000;
	expect_errno(semctl(id, 0, SETALL, (union semun){ .array = in }), ERANGE);
	expect_errno(semctl(id, 0, GETALL, (union semun){ .array = KERNEL_PTR }),
		     EFAULT);
	expect_ok(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }));
	is((long)ds.sem_nsems, 3, "IPC_STAT: sem_nsems");
	is(ds.sem_perm.mode & 0777, 0600, "IPC_STAT: mode");
	is(ds.sem_otime, 0, "no semop yet: sem_otime 0");
	ok(ds.sem_ctime > 0, "sem_ctime");
	semctl(id, 0, IPC_RMID);
}

static void test_semop(void)
{
	int id = semget(IPC_PRIVATE, 2, 0600);
	struct sembuf two[2] = { { 0, 1, 0 }, { 1, -1, IPC_NOWAIT } };
	struct sembuf many[600];
	struct semid_ds ds;

	expect_errno(semop(id, two, 0), EINVAL);
	memset(many, 0, sizeof(many));
	expect_errno(semop(id, many, 600), E2BIG);
	expect_errno(semop1(id, 2, 1, 0), EFBIG);
	expect_errno(semop(id, KERNEL_PTR, 1), EFAULT);
	expect_errno(semop1(id, 0, -1, IPC_NOWAIT), EAGAIN);
	expect_errno(semop(id, two, 2), EAGAIN);
	is(getval(id, 0), 0, "a semop that cannot complete changes nothing");
	expect_ok(semop1(id, 0, 2, 0));
	expect_ok(semop1(id, 0, -1, 0));
	is(getval(id, 0), 1, "up 2, down 1");
	expect_ok(semop1(id, 1, 0, 0));
	expect_errno(semop1(id, 0, 0, IPC_NOWAIT), EAGAIN);
	expect_errno(semop1(id, 0, 32767, 0), ERANGE);
	expect_ok(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }));
	ok(ds.sem_otime > 0, "semop sets sem_otime");
	is(semctl(id, 0, GETPID), getpid(), "and sempid");
	semctl(id, 0, IPC_RMID);
}

static int shared_id;

static int child_waits_down(void)
{
	return semop1(shared_id, 0, -1, 0) == 0 ? 0 : errno;
}

static int child_waits_zero(void)
{
	return semop1(shared_id, 1, 0, 0) == 0 ? 0 : errno;
}

static void on_usr1(int sig)
{
	(void)sig;
}

static int child_interrupted(void)
{
	signal(SIGUSR1, on_usr1);
	return semop1(shared_id, 0, -1, 0) == -1 ? errno : 0;
}

static pid_t spawn(int (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	return pid;
}

static int wait_code(pid_t pid)
{
	int status;

	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1000;
}

static void test_sleep(void)
{
	int id = semget(IPC_PRIVATE, 2, 0600);
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	struct sembuf down = { 0, -1, 0 };
	pid_t a, b;

	shared_id = id;
	a = spawn(child_waits_down);
	b = spawn(child_waits_down);
	ok(poll_until(semctl(id, 0, GETNCNT) == 2), "GETNCNT counts sleepers");
	expect_ok(semop1(id, 0, 1, 0));
	ok(poll_until(semctl(id, 0, GETNCNT) == 1), "one up wakes one");
	expect_ok(semctl(id, 0, SETVAL, (union semun){ .val = 1 }));
	is(wait_code(a) + wait_code(b), 0, "SETVAL wakes the other");
	is(getval(id, 0), 0, "both took their unit");

	semctl(id, 1, SETVAL, (union semun){ .val = 1 });
	a = spawn(child_waits_zero);
	ok(poll_until(semctl(id, 1, GETZCNT) == 1), "GETZCNT counts it");
	expect_ok(semop1(id, 1, -1, 0));
	is(wait_code(a), 0, "reaching 0 wakes who waits for 0");

	expect_errno(semtimedop(id, &down, 1, &ts), EAGAIN);
	ts.tv_nsec = 1000000000;
	expect_errno(semtimedop(id, &down, 1, &ts), EINVAL);

	a = spawn(child_interrupted);
	ok(poll_until(semctl(id, 0, GETNCNT) == 1), "a sleeper");
	kill(a, SIGUSR1);
	is(wait_code(a), EINTR, "a signal interrupts semop with EINTR");
	is(semctl(id, 0, GETNCNT), 0, "and it no longer waits");

	a = spawn(child_waits_down);
	ok(poll_until(semctl(id, 0, GETNCNT) == 1), "a sleeper again");
	expect_ok(semctl(id, 0, IPC_RMID));
	is(wait_code(a), EIDRM, "IPC_RMID wakes it with EIDRM");
}

static int child_undo(void)
{
	if (semop1(shared_id, 0, 5, SEM_UNDO) || semop1(shared_id, 1, -1, SEM_UNDO))
		return 1;
	return 0;
}

static int fd_go[2];

#define KCMP_SYSVSEM_T 6	/* <linux/kcmp.h> */

static int clone_child_wait(void *arg)
{
	(void)arg;
	pause();
	return 0;
}

static int clone_child(void *arg)
{
	(void)arg;
	return semop1(shared_id, 0, 3, SEM_UNDO) ? 1 : 0;
}

/* Shares its undo list with a CLONE_SYSVSEM child, then waits. */
static int sharer(void)
{
	static char stack[16384];
	char c;
	pid_t pid = clone(clone_child, stack + sizeof(stack),
			  CLONE_SYSVSEM | SIGCHLD, NULL);

	if (pid < 0 || wait_code(pid) != 0)
		return 1;
	close(fd_go[1]);
	return read(fd_go[0], &c, 1) < 0;
}

static void test_undo(void)
{
	int id = semget(IPC_PRIVATE, 2, 0600);
	pid_t pid;

	shared_id = id;
	semctl(id, 1, SETVAL, (union semun){ .val = 4 });
	is(wait_code(spawn(child_undo)), 0, "a child's SEM_UNDO semops");
	is(getval(id, 0), 0, "its +5 is undone at exit");
	is(getval(id, 1), 4, "its -1 too");
	is(semctl(id, 0, GETPID) > 0, 1, "the exit sets sempid");

	/* An adjustment that can no longer be undone in full is clamped. */
	pid = fork();
	if (pid == 0)
		_exit(semop1(id, 1, -4, SEM_UNDO) ? 1 : 0);
	is(wait_code(pid), 0, "a child takes 4 with SEM_UNDO");
	is(getval(id, 1), 4, "and gets them back at exit");

	/* CLONE_SYSVSEM: the undo list is applied by its last user. */
	if (pipe(fd_go))
		return;
	pid = spawn(sharer);
	ok(poll_until(getval(id, 0) == 3), "the clone child's +3 happened");
	usleep(100000);
	is(getval(id, 0), 3, "not undone while the list is shared");
	close(fd_go[1]);
	close(fd_go[0]);
	is(wait_code(pid), 0, "the sharer exits");
	is(getval(id, 0), 0, "then the +3 is undone");

	/* SETVAL forgets the adjustments of that semaphore. */
	pid = fork();
	if (pid == 0) {
		semop1(id, 0, 2, SEM_UNDO);
		semctl(id, 0, SETVAL, (union semun){ .val = 10 });
		_exit(0);
	}
	wait_code(pid);
	is(getval(id, 0), 10, "SETVAL cleared the pending undo");
	semctl(id, 0, IPC_RMID);
}

/* kcmp(KCMP_SYSVSEM): a CLONE_SYSVSEM child shares its parent's undo
 * list; a forked child starts with none of its own. */
static int kcmp_child(void)
{
	static char stack[16384];
	pid_t me = getpid(), pid;
	int bad = 0;

	pid = clone(clone_child_wait, stack + sizeof(stack),
		    CLONE_SYSVSEM | SIGCHLD, NULL);
	if (pid < 0)
		return 2;
	bad |= syscall(SYS_kcmp, me, pid, KCMP_SYSVSEM_T, 0, 0) != 0;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	bad |= (syscall(SYS_kcmp, me, pid, KCMP_SYSVSEM_T, 0, 0) == 0) << 1;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return bad;
}

static void test_kcmp(void)
{
	is(wait_code(spawn(kcmp_child)), 0,
	   "kcmp(KCMP_SYSVSEM): 0 with a CLONE_SYSVSEM child, not with a forked one");
}

static int unpriv_child(void)
{
	struct semid_ds ds;

	if (drop_privileges())
		return 100;
	expect_errno(semop1(shared_id, 0, 1, 0), EACCES);
	expect_errno(semctl(shared_id, 0, GETVAL), EACCES);
	expect_errno(semctl(shared_id, 0, SETVAL, (union semun){ .val = 1 }),
		     EACCES);
	expect_errno(semctl(shared_id, 0, IPC_STAT, (union semun){ .buf = &ds }),
		     EACCES);
	expect_errno(semctl(shared_id, 0, IPC_RMID), EPERM);
	memset(&ds, 0, sizeof(ds));
	expect_errno(semctl(shared_id, 0, IPC_SET, (union semun){ .buf = &ds }),
		     EPERM);
	is(semctl(ipcid_slot(shared_id), 0, SEM_STAT_ANY,
		  (union semun){ .buf = &ds }), shared_id,
	   "SEM_STAT_ANY needs no read permission");
	expect_errno(semctl(ipcid_slot(shared_id), 0, SEM_STAT,
			    (union semun){ .buf = &ds }), EACCES);
	return tap_done();
}

static int reader_child(void)
{
	if (drop_privileges())
		return 100;
	is(getval(shared_id, 0), 0, "mode 0604: others may read");
	expect_errno(semop1(shared_id, 0, 1, 0), EACCES);
	expect_ok(semop1(shared_id, 0, 0, 0));
	return tap_done();
}

static void test_permissions(void)
{
	int id = semget(IPC_PRIVATE, 1, 0600);
	struct semid_ds ds;

	shared_id = id;
	ok(exited_with(run_child(unpriv_child), 0),
	   "an unprivileged user is refused");
	semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds });
	ds.sem_perm.mode = 0604;
	expect_ok(semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }));
	ok(exited_with(run_child(reader_child), 0), "others read, not alter");
	semctl(id, 0, IPC_RMID);
}

static void test_info_and_proc(void)
{
	int id = semget(IPC_PRIVATE, 4, 0640);
	struct seminfo si;
	char line[64], sem[64];
	int fd = open("/proc/sys/kernel/sem", O_RDONLY);
	ssize_t n = read(fd, sem, sizeof(sem) - 1);
	int msl = 0, mns = 0, opm = 0, mni = 0;

	close(fd);
	sem[n > 0 ? n : 0] = 0;
	is(sscanf(sem, "%d %d %d %d", &msl, &mns, &opm, &mni), 4,
	   "/proc/sys/kernel/sem has four numbers");
	ok(semctl(0, 0, IPC_INFO, (union semun){ .__buf = &si }) >=
		   ipcid_slot(id), "IPC_INFO returns the highest slot");
	ok(si.semmsl == msl && si.semmns == mns && si.semopm == opm &&
	   si.semmni == mni, "seminfo matches kernel.sem");
	is(si.semvmx, 32767, "semvmx");
	ok(semctl(0, 0, SEM_INFO, (union semun){ .__buf = &si }) >= 0 &&
	   si.semusz >= 1 && si.semaem >= 4, "SEM_INFO counts sets, sems");
	snprintf(line, sizeof(line), " %d  %4o %10u", id, 0640, 4);
	ok(proc_contains("/proc/sysvipc/sem", line),
	   "/proc/sysvipc/sem lists the set");
	semctl(id, 0, IPC_RMID);

	/* semopm: the most operations in one semop. */
	snprintf(line, sizeof(line), "%d %d 2 %d", msl, mns, mni);
	expect_ok(write_proc("/proc/sys/kernel/sem", line));
	id = semget(IPC_PRIVATE, 3, 0600);
	{
		struct sembuf three[3] = { { 0, 1, 0 }, { 1, 1, 0 }, { 2, 1, 0 } };

		expect_errno(semop(id, three, 3), E2BIG);
		expect_ok(semop(id, three, 2));
	}
	semctl(id, 0, IPC_RMID);
	snprintf(line, sizeof(line), "%d %d %d %d", msl, mns, opm, mni);
	expect_ok(write_proc("/proc/sys/kernel/sem", line));
}

int main(void)
{
	test_get();
	test_values();
	test_semop();
	test_sleep();
	test_undo();
	test_kcmp();
	test_permissions();
	test_info_and_proc();
	return tap_done();
}
