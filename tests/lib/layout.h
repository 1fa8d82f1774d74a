/*
 * tests/lib/layout.h: run a program that prints "key=value" pairs on
 * one line (tests/helpers/layout, interp_probe, static_pie) and read
 * the values back.
 */
#ifndef LAYOUT_H
#define LAYOUT_H

#include "tap.h"
#include <stdbool.h>

/*
 * Run path (argv: path alone) in a child after setup(arg) (may be
 * NULL), its stdout into line (up to n bytes). Returns the wait status,
 * or -1.
 */
static inline int run_report(const char *path, void (*setup)(long), long arg,
			     char *line, size_t n)
{
	int p[2], st = -1;
	ssize_t r, got = 0;
	pid_t c;

	line[0] = 0;
	if (pipe(p))
		return -1;
	c = fork();
	if (c == 0) {
		char *args[] = { (char *)path, NULL };

		close(p[0]);
		dup2(p[1], 1);
		if (setup)
			setup(arg);
		execv(path, args);
		_exit(127);
	}
	close(p[1]);
	while ((r = read(p[0], line + got, n - 1 - got)) > 0)
		got += r;
	line[got] = 0;
	close(p[0]);
	waitpid(c, &st, 0);
	return st;
}

/* The value of key in a report line (hex or decimal), 0 if absent. */
static inline unsigned long report_value(const char *line, const char *key)
{
	size_t k = strlen(key);
	const char *p = line;

	while ((p = strstr(p, key))) {
		if ((p == line || p[-1] == ' ') && p[k] == '=')
			return strtoul(p + k + 1, NULL, 0);
		p += k;
	}
	return 0;
}

#endif
