/* glob_match: shell-style wildcard matching for kernel interfaces. */
#include <tine/string.h>

/*
 * glob_match - does str match pat, where '*' matches any run of
 * characters and '?' any one (no character classes)? Iterative, with
 * one backtracking point, so no pattern costs more than len(pat) *
 * len(str) steps. Any context.
 */
bool glob_match(const char *pat, const char *str)
{
	const char *star = NULL, *resume = NULL;

	while (*str) {
		if (*pat == '*') {
			star = ++pat;
			resume = str;
		} else if (*pat == '?' || *pat == *str) {
			pat++;
			str++;
		} else if (star) {
			pat = star;
			str = ++resume;
		} else {
			return false;
		}
	}
	while (*pat == '*')
		pat++;
	return !*pat;
}
