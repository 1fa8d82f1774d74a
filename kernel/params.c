/*
 * The kernel command line, split as Linux's kernel/params.c splits it:
 * blank-separated words, double quotes grouping blanks, '-' and '_'
 * alike in option names, "--" ending the kernel's part. Options are
 * declared with __setup() (include/tine/init.h) next to their code.
 */
#include <tine/init.h>
#include <tine/printk.h>
#include <tine/string.h>
#include <uapi/errno.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * Cut the first word off args: *param is the word, *val what follows
 * its first unquoted '=' (NULL if none), quotes removed around either.
 * Returns where the next word starts.
 */
static char *next_arg(char *args, char **param, char **val)
{
	bool in_quote = false, quoted = *args == '"';
	char *eq = NULL, *next;
	size_t i;

	if (quoted) {
		args++;
		in_quote = true;
	}
	for (i = 0; args[i]; i++) {
		if (is_blank(args[i]) && !in_quote)
			break;
		if (!eq && args[i] == '=')
			eq = args + i;
		if (args[i] == '"')
			in_quote = !in_quote;
	}
	*param = args;
	*val = NULL;
	if (eq) {
		*eq = 0;
		*val = eq + 1;
		if (**val == '"') {
			(*val)++;
			if (args[i - 1] == '"')
				args[i - 1] = 0;
		}
	}
	if (quoted && i && args[i - 1] == '"')
		args[i - 1] = 0;
	next = args[i] ? args + i + 1 : args + i;
	args[i] = 0;
	while (is_blank(*next))
		next++;
	return next;
}

/* param_word - see init.h. */
char *param_word(char *param, char *val)
{
	size_t n = strlen(param);

	if (!val)
		return param;
	if (val == param + n + 1) {
		val[-1] = '=';
	} else {			/* name="value": drop the quote */
		val[-2] = '=';
		memmove(val - 1, val, strlen(val) + 1);
	}
	return param;
}

/* parse_args - see init.h. */
void parse_args(char *args, void (*known)(char *param, char *val),
		void (*extra)(char *word))
{
	char *param, *val;

	while (is_blank(*args))
		args++;
	while (*args) {
		args = next_arg(args, &param, &val);
		if (!val && !strcmp(param, "--"))
			break;
		known(param, val);
	}
	/* Words after "--", up to another "--" (Linux drops the rest). */
	while (*args) {
		args = next_arg(args, &param, &val);
		if (!val && !strcmp(param, "--"))
			return;
		extra(param_word(param, val));
	}
}

/* Option names compare with '-' and '_' alike, as Linux's parameq(). */
static bool param_eq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char x = a[i] == '-' ? '_' : a[i];
		char y = b[i] == '-' ? '_' : b[i];

		if (x != y)
			return false;
		if (!x)
			return true;
	}
	return true;
}

/* kernel_param_setup - see init.h. */
bool kernel_param_setup(char *param, char *val)
{
	size_t n = strlen(param);

	for (const struct kernel_param *p = __setup_start; p < __setup_end;
	     p++) {
		size_t len = strlen(p->name);
		bool takes_val = len && p->name[len - 1] == '=';

		if (len - takes_val != n || !param_eq(param, p->name, n))
			continue;
		if (takes_val != !!val)
			continue;	/* "panic" alone is not "panic=" */
		if (p->setup(val ? val : (char *)"") < 0)
			pr_warn("Malformed option %s=%s ignored\n", param,
				val ? val : "");
		return true;
	}
	return false;
}
