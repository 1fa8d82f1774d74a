/*
 * tests/cred/prctl.c: the capability prctls. PR_CAPBSET_READ/DROP (the
 * bounding set; dropping needs CAP_SETPCAP), PR_CAP_AMBIENT (raise only
 * what is permitted and inheritable; lowering permitted or inheritable
 * drops it), PR_SET/GET_SECUREBITS (locks are for good; CAP_SETPCAP),
 * PR_SET_DUMPABLE's values.
 */
#include "cred.h"

#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_IS_SET 1
#define PR_CAP_AMBIENT_RAISE 2
#define PR_CAP_AMBIENT_LOWER 3
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif
#define SECBIT_NOROOT 0x01
#define SECBIT_NOROOT_LOCKED 0x02
#define SECBIT_KEEP_CAPS 0x10
#define SECBIT_NO_CAP_AMBIENT_RAISE 0x40

static int bounding(void)
{
	is(prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN, 0, 0, 0), 1,
	   "CAP_SYS_ADMIN is in the bounding set");
	expect_errno(prctl(PR_CAPBSET_READ, CAP_LAST + 1, 0, 0, 0), EINVAL);
	expect_errno(prctl(PR_CAPBSET_READ, -1, 0, 0, 0), EINVAL);
	expect_ok(prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN, 0, 0, 0));
	is(prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN, 0, 0, 0), 0,
	   "dropped from the bounding set");
	is(status_cap("/proc/self/status", "CapBnd"),
	   CAP_ALL & ~CAP_BIT(CAP_SYS_ADMIN), "status CapBnd shows the drop");
	expect_errno(prctl(PR_CAPBSET_DROP, 99, 0, 0, 0), EINVAL);
	set_caps(0, CAP_ALL & ~CAP_BIT(CAP_SETPCAP), 0);
	expect_errno(prctl(PR_CAPBSET_DROP, CAP_KILL, 0, 0, 0), EPERM);
	return tap_done();
}

static int ambient(void)
{
	uint64_t raw = CAP_BIT(CAP_NET_RAW);

	is(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_RAW, 0, 0), 0,
	   "ambient starts empty");
	expect_errno(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_RAW,
			   0, 0), EPERM);	/* not inheritable */
	expect_ok(set_caps(CAP_ALL, CAP_ALL, raw));
	expect_ok(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_RAW, 0,
			0));
	is(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_RAW, 0, 0), 1,
	   "raised into ambient");
	is(status_cap("/proc/self/status", "CapAmb"), raw, "status CapAmb");
	expect_errno(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_RAW,
			   1, 0), EINVAL);
	expect_errno(prctl(PR_CAP_AMBIENT, 9, CAP_NET_RAW, 0, 0), EINVAL);
	expect_errno(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 1, 0, 0),
		     EINVAL);
	expect_ok(set_caps(CAP_ALL, CAP_ALL, 0));
	is(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_RAW, 0, 0), 0,
	   "dropping it from inheritable drops it from ambient");
	expect_ok(set_caps(CAP_ALL, CAP_ALL, raw));
	expect_ok(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_RAW, 0,
			0));
	expect_ok(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, CAP_NET_RAW, 0,
			0));
	is(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_RAW, 0, 0), 0,
	   "lowered");
	expect_ok(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_RAW, 0,
			0));
	expect_ok(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0));
	is(status_cap("/proc/self/status", "CapAmb"), 0, "cleared");
	expect_ok(prctl(PR_SET_SECUREBITS, SECBIT_NO_CAP_AMBIENT_RAISE, 0, 0,
			0));
	expect_errno(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_RAW,
			   0, 0), EPERM);
	return tap_done();
}

static int securebits(void)
{
	is(prctl(PR_GET_SECUREBITS, 0, 0, 0, 0), 0, "securebits start at 0");
	expect_errno(prctl(PR_SET_SECUREBITS, 0x100, 0, 0, 0), EPERM);
	expect_ok(prctl(PR_SET_SECUREBITS, SECBIT_NOROOT | SECBIT_NOROOT_LOCKED,
			0, 0, 0));
	is(prctl(PR_GET_SECUREBITS, 0, 0, 0, 0), 3, "NOROOT and its lock set");
	expect_errno(prctl(PR_SET_SECUREBITS, SECBIT_NOROOT_LOCKED, 0, 0, 0),
		     EPERM);	/* changing a locked bit */
	expect_errno(prctl(PR_SET_SECUREBITS, SECBIT_NOROOT, 0, 0, 0),
		     EPERM);	/* releasing a lock */
	expect_ok(prctl(PR_SET_SECUREBITS, 3 | SECBIT_KEEP_CAPS, 0, 0, 0));
	is(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 1,
	   "SECBIT_KEEP_CAPS is PR_GET_KEEPCAPS");
	set_caps(CAP_ALL & ~CAP_BIT(CAP_SETPCAP),
		 CAP_ALL & ~CAP_BIT(CAP_SETPCAP), 0);
	expect_errno(prctl(PR_SET_SECUREBITS, 3, 0, 0, 0), EPERM);
	return tap_done();
}

static int dumpable(void)
{
	is(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1, "dumpable by default");
	expect_errno(prctl(PR_SET_DUMPABLE, 2, 0, 0, 0), EINVAL);
	expect_ok(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0));
	is(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0, "PR_SET_DUMPABLE 0");
	expect_ok(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0));
	expect_ok(setresuid(-1, 1000, -1));
	is(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0,
	   "changing the effective uid makes a process non-dumpable");
	return tap_done();
}

int main(void)
{
	run_case(bounding, "bounding set");
	run_case(ambient, "ambient set");
	run_case(securebits, "securebits");
	run_case(dumpable, "dumpable");
	return tap_done();
}
