/*
 * tests/procfs/maps.c: /proc/self/maps lists our mappings as Linux
 * prints them: the program's own text (r-xp, with its path), the heap
 * once brk grew, the stack, an anonymous and a shared mapping.
 */
#include "tap.h"
#include <fcntl.h>
#include <sys/mman.h>

static char maps[65536];

static void read_maps(void)
{
	int fd = open("/proc/self/maps", O_RDONLY), n = 0, r;

	while (fd >= 0 && (r = read(fd, maps + n, sizeof(maps) - 1 - n)) > 0)
		n += r;
	maps[n] = 0;
	if (fd >= 0)
		close(fd);
}

/* The line describing address a, or NULL. */
static char *line_of(unsigned long a)
{
	for (char *l = maps; *l;) {
		unsigned long s, e;
		char *nl = strchr(l, '\n');

		if (sscanf(l, "%lx-%lx", &s, &e) == 2 && s <= a && a < e) {
			if (nl)
				*nl = 0;
			return l;
		}
		if (!nl)
			break;
		l = nl + 1;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	char *anon = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *shared = mmap(NULL, 4096, PROT_READ, MAP_SHARED | MAP_ANONYMOUS,
			    -1, 0);
	unsigned long brk0 = syscall(SYS_brk, 0);
	int local = 0;
	char *l;

	(void)argc;
	syscall(SYS_brk, brk0 + 8192);	/* musl's sbrk(n) refuses */
	read_maps();
	ok(strlen(maps) > 0, "/proc/self/maps is readable");
	l = line_of((unsigned long)main);
	ok(l && strstr(l, " r-xp ") && strstr(l, argv[0]),
	   "our text: r-xp and the program's path (%s)", l ? l : "none");
	read_maps();
	l = line_of((unsigned long)&local);
	ok(l && strstr(l, " rw-p ") && strstr(l, "[stack]"),
	   "the stack: rw-p [stack] (%s)", l ? l : "none");
	read_maps();
	l = line_of(brk0);
	ok(l && strstr(l, "[heap]"), "the grown brk area is [heap] (%s)",
	   l ? l : "none");
	read_maps();
	l = line_of((unsigned long)anon);
	ok(l && strstr(l, " rw-p 00000000 00:00 0"),
	   "an anonymous private mapping (%s)", l ? l : "none");
	read_maps();
	l = line_of((unsigned long)shared);
	ok(l && strstr(l, " r--s "), "a shared mapping says s (%s)",
	   l ? l : "none");
	return tap_done();
}
