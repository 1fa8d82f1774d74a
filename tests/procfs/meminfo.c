/*
 * tests/procfs/meminfo.c: /proc/meminfo has MemTotal, MemFree and
 * MemAvailable in kB, consistent with each other and with the machine.
 */
#include "tap.h"

static char text[8192];

/* Value of "Key:   N kB", or -1 if missing or not in kB. */
static long field(const char *key)
{
	char *p = strstr(text, key), *end;
	long v;

	if (!p || (p != text && p[-1] != '\n'))
		return -1;
	v = strtol(p + strlen(key), &end, 10);
	return strncmp(end, " kB\n", 4) == 0 ? v : -1;
}

int main(void)
{
	int fd = open("/proc/meminfo", O_RDONLY);
	long n = 0, r, total, avail, freemem;

	ok(fd >= 0, "/proc/meminfo opens");
	while ((r = read(fd, text + n, sizeof(text) - 1 - n)) > 0)
		n += r;
	close(fd);
	ok(n > 0, "/proc/meminfo has contents");
	total = field("MemTotal:");
	freemem = field("MemFree:");
	avail = field("MemAvailable:");
	ok(strncmp(text, "MemTotal:", 9) == 0, "the first line is MemTotal");
	ok(total > 16 * 1024, "MemTotal is a size in kB (%ld)", total);
	ok(total <= 64L * 1024 * 1024, "MemTotal is at most 64 GiB");
	ok(freemem > 0, "MemFree is present and positive (%ld)", freemem);
	ok(freemem <= total, "MemFree <= MemTotal");
	ok(avail > 0 && avail <= total, "MemAvailable is present, <= MemTotal");
	return tap_done();
}
