/*
 * tests/sched/oom.c: the OOM killer. A child that keeps touching new
 * anonymous memory is killed with SIGKILL once memory runs out, while a
 * small sibling and we survive and MemFree comes back; oom_score and
 * oom_score_adj in /proc/<pid> (range, what lowering needs, what the
 * score means at the extremes).
 */
#include "schedtest.h"
#include "proc.h"

static long read_proc(pid_t pid, const char *name)
{
	char path[64], buf[64] = { 0 };
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -9999;
	if (read(fd, buf, sizeof(buf) - 1) <= 0) {
		close(fd);
		return -9999;
	}
	close(fd);
	return strtol(buf, NULL, 10);
}

/* Write s to /proc/pid/oom_score_adj: 0 or -errno. */
static int write_adj(pid_t pid, const char *s)
{
	char path[64];
	int fd, n, err = 0;

	snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", (int)pid);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	if (n < 0)
		err = -errno;
	close(fd);
	return err;
}

static int adj_rules(void)
{
	pid_t me = getpid();
	long score;

	is(read_proc(me, "oom_score_adj"), 0, "oom_score_adj starts at 0");
	score = read_proc(me, "oom_score");
	ok(score > 0 && score < 1000, "a small process scores %ld", score);
	is(write_adj(me, "500\n"), 0, "set 500");
	is(read_proc(me, "oom_score_adj"), 500, "read back 500");
	ok(read_proc(me, "oom_score") > score, "the score went up");
	is(write_adj(me, "1000"), 0, "set 1000");
	ok(read_proc(me, "oom_score") >= 1000, "1000 scores at least 1000");
	is(write_adj(me, "-1000"), 0, "set -1000 (root)");
	is(read_proc(me, "oom_score"), 0, "-1000 scores 0: never chosen");
	is(write_adj(me, "1001"), -EINVAL, "1001 is EINVAL");
	is(write_adj(me, "-1001"), -EINVAL, "-1001 is EINVAL");
	is(write_adj(me, "12abc"), -EINVAL, "not a number is EINVAL");
	is(write_adj(me, " 7 \n"), 0, "spaces around a number are fine");
	is(read_proc(me, "oom_score_adj"), 7, "... 7");
	is(write_adj(me, "0"), 0, "back to 0");
	return 0;
}

/* Write s through fd (opened before): 0 or -errno. */
static int write_fd(int fd, const char *s)
{
	if (lseek(fd, 0, SEEK_SET) < 0 || write(fd, s, strlen(s)) < 0)
		return -errno;
	return 0;
}

static long read_fd(int fd)
{
	char buf[32] = { 0 };

	if (pread(fd, buf, sizeof(buf) - 1, 0) <= 0)
		return -9999;
	return strtol(buf, NULL, 10);
}

/*
 * Unprivileged: may raise, may go back down to what root last set, not
 * below (EACCES). The file is opened while still root: who may open it
 * is /proc's business; the write itself is judged by the writer's
 * capabilities, which is what this checks. adj and its minimum (-100,
 * set by root) came from our parent.
 */
static int adj_user(void)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", (int)getpid());
	fd = open(path, O_RDWR);
	if (fd < 0 || drop_privileges())
		return 100;
	is(write_fd(fd, "300"), 0, "a user may raise its adj");
	is(write_fd(fd, "-100"), 0, "and lower it to root's last value");
	is(write_fd(fd, "-101"), -EACCES, "not below it: EACCES");
	is(read_fd(fd), -100, "still -100");
	close(fd);
	return 0;
}

/* Touch new anonymous memory until killed. */
static void __attribute__((noreturn)) eater(void)
{
	for (;;) {
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			continue;
		for (int i = 0; i < (1 << 20); i += 4096)
			p[i] = 1;
	}
}

int main(void)
{
	long before, after = 0;
	pid_t small, big;
	int st, i;

	ok(exited_with(run_child(adj_rules), 0), "oom_score_adj rules");
	write_adj(getpid(), "-100");	/* inherited by adj_user's child */
	ok(exited_with(run_child(adj_user), 0), "oom_score_adj as a user");
	write_adj(getpid(), "0");
	expect_errno(open("/proc/999999/oom_score", O_RDONLY), ENOENT);

	/* We must survive even if our badness were the highest. */
	write_adj(getpid(), "-1000");
	before = memfree_kb();
	small = fork();
	if (small == 0) {
		write_adj(getpid(), "0");	/* -1000 is inherited */
		for (;;)
			pause();
	}
	big = fork();
	if (big == 0) {
		write_adj(getpid(), "0");
		eater();
	}
	waitpid(big, &st, 0);
	ok(killed_by(st, SIGKILL), "the memory eater was killed by SIGKILL "
	   "(status %#x)", st);
	is(kill(small, 0), 0, "its small sibling survived");
	kill(small, SIGKILL);
	waitpid(small, NULL, 0);
	for (i = 0; i < 50; i++) {
		after = memfree_kb();
		if (after >= before - before / 100)
			break;
		usleep(100000);
	}
	ok(after >= before - before / 100,
	   "MemFree came back within 1%% (%ld kB before, %ld kB after)",
	   before, after);
	write_adj(getpid(), "0");
	return tap_done();
}
