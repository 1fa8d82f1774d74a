/*
 * tests/ptrace/ptrace_util.h: helpers shared by the ptrace tests. The
 * raw syscall is used throughout: musl's ptrace() turns PEEK requests
 * into a return value, and the tests check the kernel's convention.
 */
#ifndef PTRACE_UTIL_H
#define PTRACE_UTIL_H

#include "tap.h"
#include <stddef.h>
#include <sys/ptrace.h>
#include <sys/user.h>

#ifndef PTRACE_EVENT_STOP
#define PTRACE_EVENT_STOP 128
#endif

static inline long pt(long req, pid_t pid, void *addr, void *data)
{
	return syscall(SYS_ptrace, req, pid, addr, data);
}

/* Wait for pid (any kind of child, tracee or not); the raw status. */
static inline int wait_for(pid_t pid)
{
	int st = -1;

	while (waitpid(pid, &st, __WALL) < 0 && errno == EINTR)
		;
	return st;
}

/* A stop's code as the tracer sees it: WSTOPSIG | event << 8. */
static inline int stop_code(int st)
{
	return WIFSTOPPED(st) ? (st >> 8) & 0xffff : -1;
}

/* Resume a tracee through its signal stops (passing the signal on)
 * and event stops until it exits; the final status. */
static inline int cont_until_exit(pid_t pid)
{
	int st = wait_for(pid);

	while (WIFSTOPPED(st)) {
		int sig = WSTOPSIG(st);

		if (sig == SIGTRAP || (st >> 16))
			sig = 0;
		syscall(SYS_ptrace, PTRACE_CONT, pid, 0, (void *)(long)sig);
		st = wait_for(pid);
	}
	return st;
}

#define EVENT_CODE(ev) (SIGTRAP | ((ev) << 8))

/* In a child: become a tracee and stop for the parent. */
static inline void traceme_and_stop(void)
{
	if (pt(PTRACE_TRACEME, 0, 0, 0) != 0)
		_exit(90);
	kill(getpid(), SIGSTOP);
}

/* Fork a child that becomes our tracee, stopped at its SIGSTOP;
 * fn(arg) runs in it after we resume it. -1 if that went wrong. */
static inline pid_t fork_tracee(int (*fn)(void))
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		traceme_and_stop();
		_exit(fn());
	}
	if (pid < 0)
		return -1;
	st = wait_for(pid);
	if (stop_code(st) != SIGSTOP) {
		diag("fork_tracee: status %#x", st);
		return -1;
	}
	return pid;
}

/* Fork a child (not traced) that only waits in pause() for a signal
 * that kills it: something to attach to or seize. */
static inline pid_t spawn_pauser(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

#endif
