/*
 * tests/sys/random.c: getrandom fills the buffer with bytes that differ
 * between calls, accepts GRND_NONBLOCK/GRND_RANDOM/GRND_INSECURE, and
 * rejects unknown flags with EINVAL.
 */
#include "tap.h"
#include <sys/random.h>

#ifndef GRND_INSECURE
#define GRND_INSECURE 0x0004
#endif

int main(void)
{
	unsigned char a[64], b[64];
	int i, zero = 0;

	memset(a, 0, sizeof(a));
	is(syscall(SYS_getrandom, a, sizeof(a), 0), 64, "getrandom fills 64 bytes");
	is(syscall(SYS_getrandom, b, sizeof(b), 0), 64, "a second call");
	for (i = 0; i < 64; i++)
		zero += a[i] == 0;
	ok(zero < 16, "the bytes are not mostly zero (%d zeros)", zero);
	ok(memcmp(a, b, sizeof(a)) != 0, "two calls give different bytes");
	is(syscall(SYS_getrandom, a, 16, GRND_NONBLOCK), 16, "GRND_NONBLOCK");
	is(syscall(SYS_getrandom, a, 16, GRND_RANDOM), 16, "GRND_RANDOM");
	is(syscall(SYS_getrandom, a, 16, GRND_INSECURE), 16, "GRND_INSECURE");
	is(syscall(SYS_getrandom, a, 0, 0), 0, "a count of 0 returns 0");
	expect_errno(syscall(SYS_getrandom, a, 16, 0x100), EINVAL);
	expect_errno(syscall(SYS_getrandom, a, 16, GRND_INSECURE | GRND_RANDOM),
		     EINVAL);
	return tap_done();
}
