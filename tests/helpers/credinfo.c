/*
 * tests/helpers/credinfo.c: print what exec gave us, for tests/cred/exec:
 * "ruid euid suid rgid egid sgid capeff capprm capinh capamb secure
 * dumpable" on one line (capabilities in hex, from capget and prctl).
 */
#include "cred.h"
#include <sys/auxv.h>

int main(void)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;
	struct caps c = { 0 };
	uint64_t amb = 0;
	char line[256];
	int n;

	getresuid(&r, &e, &s);
	getresgid(&gr, &ge, &gs);
	get_caps(0, &c);
	for (int cap = 0; cap <= CAP_LAST; cap++)
		if (prctl(47 /* PR_CAP_AMBIENT */, 1, cap, 0, 0) == 1)
			amb |= CAP_BIT(cap);
	n = snprintf(line, sizeof(line), "%u %u %u %u %u %u %llx %llx %llx %llx %lu %d\n",
		     r, e, s, gr, ge, gs, (unsigned long long)c.eff,
		     (unsigned long long)c.prm, (unsigned long long)c.inh,
		     (unsigned long long)amb, getauxval(AT_SECURE),
		     prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
	write(1, line, n);
	return 0;
}
