/*
 * tests/ipc/msg.c: SysV message queues: msgget, msgsnd/msgrcv with
 * Linux's msgtyp rules (0, >0, <0, MSG_EXCEPT), MSG_NOERROR and E2BIG,
 * MSG_COPY, IPC_NOWAIT (ENOMSG, EAGAIN on a full queue), sleeping
 * senders and receivers woken by the other side or by IPC_RMID
 * (EIDRM), IPC_STAT/IPC_SET (msg_qbytes above msgmnb needs
 * CAP_SYS_RESOURCE), msgmax, EACCES/EPERM as an unprivileged user and
 * /proc/sysvipc/msg.
 */
#include "ipc_util.h"
#include <sys/ipc.h>
#include <sys/msg.h>

#ifndef MSG_COPY
#define MSG_COPY 040000
#endif
#ifndef MSG_STAT_ANY
#define MSG_STAT_ANY 13
#endif
#define KEY 0x7e570003

struct msgbuf_k {
	long mtype;
	char mtext[256];
};

static int send(int id, long type, const char *text, int flg)
{
	struct msgbuf_k m = { .mtype = type };

	strcpy(m.mtext, text);
	return msgsnd(id, &m, strlen(text), flg);
}

/* Receive into a static buffer: the text ("" on error), type in *type. */
static const char *recv_text(int id, long typ, int flg, long *type)
{
	static struct msgbuf_k m;
	ssize_t n;

	memset(&m, 0, sizeof(m));
	n = msgrcv(id, &m, sizeof(m.mtext) - 1, typ, flg);
	if (n < 0)
		return "";
	if (type)
		*type = m.mtype;
	m.mtext[n] = 0;
	return m.mtext;
}

static void test_basic(void)
{
	int id;
	struct msqid_ds ds;
	long type = 0;

	msgctl(msgget(KEY, 0), IPC_RMID, NULL);
	expect_errno(msgget(KEY, 0600), ENOENT);
	id = expect_ok(msgget(KEY, IPC_CREAT | 0600));
	is(msgget(KEY, 0), id, "the key finds the queue");
	expect_errno(msgget(KEY, IPC_CREAT | IPC_EXCL), EEXIST);
	expect_ok(send(id, 1, "one", 0));
	expect_ok(send(id, 2, "two", 0));
	expect_ok(msgctl(id, IPC_STAT, &ds));
	is((long)ds.msg_qnum, 2, "msg_qnum");
	is((long)ds.msg_cbytes, 6, "msg_cbytes");
	is(ds.msg_lspid, getpid(), "msg_lspid");
	is((long)ds.msg_qbytes, read_proc_long("/proc/sys/kernel/msgmnb"),
	   "msg_qbytes starts at msgmnb");
	is_str(recv_text(id, 0, 0, &type), "one", "msgtyp 0: first in");
	is(type, 1, "with its type");
	is_str(recv_text(id, 0, 0, NULL), "two", "then the next");
	expect_ok(msgctl(id, IPC_STAT, &ds));
	ok(ds.msg_qnum == 0 && ds.msg_lrpid == getpid() && ds.msg_rtime > 0,
	   "msg_qnum, msg_lrpid, msg_rtime after receiving");
	expect_errno(msgrcv(id, &(struct msgbuf_k){ 0 }, 10, 0, IPC_NOWAIT),
		     ENOMSG);
	expect_errno(send(id, 0, "x", 0), EINVAL);
	expect_errno(send(id, -1, "x", 0), EINVAL);
	expect_errno(msgsnd(id, KERNEL_PTR, 1, 0), EFAULT);
	expect_errno(msgsnd(id, &(struct msgbuf_k){ 1, "" }, 9000, 0), EINVAL);
	expect_errno(msgsnd(-1, &(struct msgbuf_k){ 1, "" }, 1, 0), EINVAL);
	expect_errno(msgrcv(-1, &(struct msgbuf_k){ 0 }, 1, 0, 0), EINVAL);
	expect_errno(msgrcv(id, &(struct msgbuf_k){ 0 }, -1, 0, 0), EINVAL);
	expect_ok(msgctl(id, IPC_RMID, NULL));
	expect_errno(send(id, 1, "x", 0), EINVAL);
}

static void test_types(void)
{
	int id = msgget(IPC_PRIVATE, 0600);
	long type = 0;
	struct msgbuf_k m;

	send(id, 5, "five", 0);
	send(id, 3, "three", 0);
	send(id, 7, "seven", 0);
	send(id, 3, "three-b", 0);
	is_str(recv_text(id, 3, IPC_NOWAIT, NULL), "three", "msgtyp > 0: that type");
	is_str(recv_text(id, -6, IPC_NOWAIT, &type), "three-b",
	       "msgtyp < 0: the lowest type up to |msgtyp|");
	is_str(recv_text(id, 5, IPC_NOWAIT | MSG_EXCEPT, &type), "seven",
	       "MSG_EXCEPT: the first of another type");
	expect_errno(msgrcv(id, &m, 10, 4, IPC_NOWAIT), ENOMSG);
	expect_errno(msgrcv(id, &m, 2, 0, IPC_NOWAIT), E2BIG);
	is(msgrcv(id, &m, 2, 0, IPC_NOWAIT | MSG_NOERROR), 2,
	   "MSG_NOERROR truncates");
	ok(m.mtype == 5 && !memcmp(m.mtext, "fi", 2), "to the first bytes");
	expect_errno(msgrcv(id, &m, 2, 0, IPC_NOWAIT), ENOMSG);

	send(id, 1, "a", 0);
	send(id, 2, "bb", 0);
	expect_errno(msgrcv(id, &m, 10, 0, MSG_COPY), EINVAL);
	expect_errno(msgrcv(id, &m, 10, 0, MSG_COPY | IPC_NOWAIT | MSG_EXCEPT),
		     EINVAL);
	is(msgrcv(id, &m, 10, 1, MSG_COPY | IPC_NOWAIT), 2,
	   "MSG_COPY: the message at that index");
	is(m.mtype, 2, "with its type");
	expect_errno(msgrcv(id, &m, 10, 2, MSG_COPY | IPC_NOWAIT), ENOMSG);
	is_str(recv_text(id, 0, IPC_NOWAIT, NULL), "a", "MSG_COPY left it queued");
	msgctl(id, IPC_RMID, NULL);
}

static int shared_id;
static int ready[2];

/* Tell the parent we are about to block in the call (the only sleep
 * left before it), so a sleeping state means we are in it. */
static void say_ready(void)
{
	if (write(ready[1], "r", 1) != 1)
		_exit(99);
}

static int child_receives(void)
{
	say_ready();
	return strcmp(recv_text(shared_id, 9, 0, NULL), "wake") ? errno : 0;
}

static int child_sends(void)
{
	say_ready();
	return send(shared_id, 1, "0123456789", 0) ? errno : 0;
}

static pid_t spawn(int (*fn)(void))
{
	pid_t pid = fork();
	char c;

	if (pid == 0)
		_exit(fn());
	if (read(ready[0], &c, 1) != 1)
		return -1;
	return pid;
}

static int wait_code(pid_t pid)
{
	int status;

	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1000;
}

static int is_sleeping(pid_t pid)
{
	char path[64], buf[512], *p;
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY);
	n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	p = strrchr(buf, ')');
	return p && p[2] == 'S';
}

static void test_sleep(void)
{
	int id = msgget(IPC_PRIVATE, 0600);
	struct msqid_ds ds;
	pid_t pid;

	shared_id = id;
	if (pipe(ready)) {
		ok(0, "pipe");
		return;
	}
	pid = spawn(child_receives);
	ok(poll_until(is_sleeping(pid)), "a receiver sleeps");
	send(id, 8, "other", 0);
	usleep(50000);
	send(id, 9, "wake", 0);
	is(wait_code(pid), 0, "a message of its type wakes it");

	msgctl(id, IPC_STAT, &ds);
	ds.msg_qbytes = 12;
	expect_ok(msgctl(id, IPC_SET, &ds));
	expect_ok(msgctl(id, IPC_STAT, &ds));
	is((long)ds.msg_qbytes, 12, "IPC_SET: msg_qbytes");
	expect_errno(send(id, 1, "0123456789", IPC_NOWAIT), EAGAIN);
	pid = spawn(child_sends);
	ok(poll_until(is_sleeping(pid)), "a sender waits for room");
	is_str(recv_text(id, 8, 0, NULL), "other", "a receive makes room");
	is(wait_code(pid), 0, "and wakes the sender");

	pid = spawn(child_receives);
	ok(poll_until(is_sleeping(pid)), "a receiver sleeps again");
	expect_ok(msgctl(id, IPC_RMID, NULL));
	is(wait_code(pid), EIDRM, "IPC_RMID wakes it with EIDRM");
	close(ready[0]);
	close(ready[1]);
}

static int unpriv_child(void)
{
	struct msqid_ds ds;

	if (drop_privileges())
		return 100;
	expect_errno(send(shared_id, 1, "x", IPC_NOWAIT), EACCES);
	expect_errno(msgrcv(shared_id, &(struct msgbuf_k){ 0 }, 8, 0,
			    IPC_NOWAIT), EACCES);
	expect_errno(msgctl(shared_id, IPC_STAT, &ds), EACCES);
	expect_errno(msgctl(shared_id, IPC_RMID, NULL), EPERM);
	is(msgctl(ipcid_slot(shared_id), MSG_STAT_ANY, &ds), shared_id,
	   "MSG_STAT_ANY needs no read permission");
	return tap_done();
}

static int owner_child(void)
{
	struct msqid_ds ds;

	if (drop_privileges())
		return 100;
	msgctl(shared_id, IPC_STAT, &ds);
	ds.msg_qbytes = read_proc_long("/proc/sys/kernel/msgmnb") + 1;
	expect_errno(msgctl(shared_id, IPC_SET, &ds), EPERM);
	ds.msg_qbytes = 100;
	expect_ok(msgctl(shared_id, IPC_SET, &ds));
	expect_ok(send(shared_id, 1, "mine", IPC_NOWAIT));
	return tap_done();
}

static void test_permissions(void)
{
	int id = msgget(IPC_PRIVATE, 0600);
	struct msqid_ds ds;
	char line[64];

	shared_id = id;
	ok(exited_with(run_child(unpriv_child), 0),
	   "an unprivileged user is refused");
	msgctl(id, IPC_STAT, &ds);
	ds.msg_perm.uid = NOBODY;
	expect_ok(msgctl(id, IPC_SET, &ds));
	ok(exited_with(run_child(owner_child), 0),
	   "its new owner may change it, within msgmnb");
	ds.msg_qbytes = 1 << 20;
	expect_ok(msgctl(id, IPC_SET, &ds));
	snprintf(line, sizeof(line), " %d  %4o  %10d %10d", id, 0600, 4, 1);
	ok(proc_contains("/proc/sysvipc/msg", line),
	   "/proc/sysvipc/msg lists the queue");
	msgctl(id, IPC_RMID, NULL);
}

static void test_limits(void)
{
	struct msginfo mi;
	long max = read_proc_long("/proc/sys/kernel/msgmax");
	int id = msgget(IPC_PRIVATE, 0600);
	char old[32];

	ok(msgctl(0, IPC_INFO, (struct msqid_ds *)&mi) >= ipcid_slot(id),
	   "IPC_INFO returns the highest slot");
	is(mi.msgmax, max, "msginfo.msgmax is kernel.msgmax");
	is(mi.msgmni, read_proc_long("/proc/sys/kernel/msgmni"), "msgmni");
	expect_ok(write_proc("/proc/sys/kernel/msgmax", "4"));
	expect_errno(send(id, 1, "12345", IPC_NOWAIT), EINVAL);
	expect_ok(send(id, 1, "1234", IPC_NOWAIT));
	snprintf(old, sizeof(old), "%ld", max);
	expect_ok(write_proc("/proc/sys/kernel/msgmax", old));
	ok(msgctl(0, MSG_INFO, (struct msqid_ds *)&mi) >= 0 && mi.msgpool >= 1 &&
	   mi.msgmap >= 1 && mi.msgtql >= 4, "MSG_INFO counts queues, messages, bytes");
	msgctl(id, IPC_RMID, NULL);
}

int main(void)
{
	test_basic();
	test_types();
	test_sleep();
	test_permissions();
	test_limits();
	return tap_done();
}
