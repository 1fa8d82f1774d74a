/*
 * tests/lib/failnth.h: /proc/self/fail-nth, Linux's fault-injection knob
 * ("fail the Nth allocation of this task"), kept open in fd (O_RDWR) by
 * the tests that walk a failure ladder (tests/fault/).
 */
#ifndef TESTS_FAILNTH_H
#define TESTS_FAILNTH_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Arm the knob: the nth allocation from now fails (0: none). */
static inline void set_fail_nth(int fd, long n)
{
	char s[32];
	int len = snprintf(s, sizeof(s), "%ld", n);

	lseek(fd, 0, SEEK_SET);
	write(fd, s, len);
}

/* What the knob reads now (0 once the armed failure happened), or -1. */
static inline long get_fail_nth(int fd)
{
	char s[32] = { 0 };

	lseek(fd, 0, SEEK_SET);
	if (read(fd, s, sizeof(s) - 1) <= 0)
		return -1;
	return strtol(s, NULL, 10);
}

#endif
