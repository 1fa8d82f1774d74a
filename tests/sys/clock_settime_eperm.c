/*
 * Bug found by make fuzz: any user could set the real-time clock with
 * clock_settime(CLOCK_REALTIME) (an unprivileged fuzz child put it back
 * to 1970 for every later test).  Linux needs CAP_SYS_TIME: EPERM,
 * after the clock id (EINVAL) and the time itself (EFAULT, EINVAL).
 */
#include <time.h>
#include "tap.h"

static int unprivileged(void)
{
	struct timespec ts = { 0, 0 }, bad = { 0, 1000000000 };
	int r = 0;

	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 2;
	errno = 0;
	if (syscall(SYS_clock_settime, CLOCK_REALTIME, &ts) != -1 ||
	    errno != EPERM)
		r |= 4;
	errno = 0;
	if (syscall(SYS_clock_settime, CLOCK_REALTIME, &bad) != -1 ||
	    errno != EINVAL)
		r |= 8;
	errno = 0;
	if (syscall(SYS_clock_settime, CLOCK_MONOTONIC, &ts) != -1 ||
	    errno != EINVAL)
		r |= 16;
	return r;
}

int main(void)
{
	struct timespec now;
	int st = run_child(unprivileged);

	ok(exited_with(st, 0), "uid 65534: clock_settime(CLOCK_REALTIME) is "
	   "EPERM, bad times EINVAL (status %#x)", st);
	syscall(SYS_clock_gettime, CLOCK_REALTIME, &now);
	ok(now.tv_sec > 1577836800L, "the clock is still after 2020");
	return tap_done();
}
