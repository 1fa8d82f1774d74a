/*
 * tests/smp/pingpong.c: two threads on two CPUs hand a token back and
 * forth with FUTEX_WAIT/FUTEX_WAKE (no wake-up may be lost: a lost one
 * hangs the test), and a parent and child on two CPUs bounce bytes
 * through a pair of pipes, each byte coming back as sent.
 */
#include "smp.h"
#include <pthread.h>

#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129

/* 1000, not 2000: each handoff waits for the other virtual CPU, which a
 * loaded host runs late (2000 took Linux 9.7 s in make check-smp). */
#define ROUNDS 1000

static volatile int turn;	/* 0: ping's turn, 1: pong's */
static volatile int done_rounds[2];

static void futex_wait(volatile int *addr, int val)
{
	syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void futex_wake(volatile int *addr)
{
	syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

/* Player me (0 or 1): wait for my turn, pass it on, ROUNDS times. */
static void *player(void *arg)
{
	int me = (int)(long)arg;

	pin_to_cpu(me);
	for (int i = 0; i < ROUNDS; i++) {
		while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != me)
			futex_wait(&turn, !me);
		__atomic_store_n(&turn, !me, __ATOMIC_RELEASE);
		futex_wake(&turn);
		done_rounds[me]++;
	}
	return NULL;
}

static void futex_pingpong(void)
{
	pthread_t t[2];

	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, player, (void *)(long)i);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	ok(done_rounds[0] == ROUNDS && done_rounds[1] == ROUNDS,
	   "futex ping-pong across CPUs: %d rounds each", ROUNDS);
}

static void pipe_pingpong(void)
{
	int ab[2], ba[2], status = -1, bad = 0;
	pid_t pid;

	if (pipe(ab) || pipe(ba))
		return;
	pid = fork();
	if (pid == 0) {
		unsigned char c;

		close(ab[1]);
		close(ba[0]);
		pin_to_cpu(1);
		while (read(ab[0], &c, 1) == 1) {
			c ^= 0x5a;
			if (write(ba[1], &c, 1) != 1)
				_exit(1);
		}
		_exit(0);
	}
	close(ab[0]);
	close(ba[1]);
	pin_to_cpu(0);
	for (int i = 0; i < ROUNDS; i++) {
		unsigned char c = i & 0xff, back;

		if (write(ab[1], &c, 1) != 1 || read(ba[0], &back, 1) != 1 ||
		    back != (c ^ 0x5a))
			bad++;
	}
	close(ab[1]);
	close(ba[0]);
	waitpid(pid, &status, 0);
	ok(bad == 0 && exited_with(status, 0),
	   "pipe ping-pong across CPUs: %d bytes, each back as sent",
	   ROUNDS);
}

int main(void)
{
	futex_pingpong();
	pipe_pingpong();
	return tap_done();
}
