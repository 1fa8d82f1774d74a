/*
 * tests/ns/timens_exec.c: Linux 6.1's rules around exec after
 * unshare(CLONE_NEWTIME): the caller stays in its time namespace across
 * exec (both links are kept), and no vfork child may be made (it would
 * share memory, and so the vDSO's clock data, across namespaces): EINVAL.
 */
#include "ns.h"

/* Re-executed as "check TIME TFC": are our links those? */
static int check_mode(const char *time, const char *tfc)
{
	return ns_ino(0, "time") == strtoul(time, NULL, 10) &&
			       ns_ino(0, "time_for_children") ==
				       strtoul(tfc, NULL, 10)
		       ? 0
		       : 1;
}

static char self[256];

static int exec_case(void)
{
	char t[32], c[32];

	if (unshare(CLONE_NEWTIME))
		return 10;
	snprintf(t, sizeof(t), "%lu", ns_ino(0, "time"));
	snprintf(c, sizeof(c), "%lu", ns_ino(0, "time_for_children"));
	if (!strcmp(t, c))
		return 11;
	execl(self, self, "check", t, c, (char *)NULL);
	return 12;
}

static int vfork_case(void)
{
	pid_t c;

	if (unshare(CLONE_NEWTIME))
		return 10;
	c = vfork();
	if (c == 0)
		_exit(0);
	if (c > 0)
		waitpid(c, NULL, 0);
	return c == -1 && errno == EINVAL ? 0 : 11;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "check"))
		return check_mode(argv[2], argv[3]);
	if (readlink("/proc/self/exe", self, sizeof(self) - 1) <= 0)
		return 1;
	ok(exited_with(run_child(exec_case), 0),
	   "exec after unshare(CLONE_NEWTIME) keeps both time links");
	ok(exited_with(run_child(vfork_case), 0),
	   "vfork after unshare(CLONE_NEWTIME) fails EINVAL");
	return tap_done();
}
