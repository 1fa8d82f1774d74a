/*
 * tests/proc/auxv.c: the initial stack that execve builds: argc/argv/envp
 * layout and alignment, and the auxiliary vector (AT_PAGESZ, AT_PHDR,
 * AT_PHENT, AT_PHNUM, AT_ENTRY, AT_RANDOM, AT_EXECFN, AT_SECURE, ids).
 */
#include "tap.h"
#include <elf.h>
#include <sys/auxv.h>

extern const Elf64_Ehdr __ehdr_start;
extern char **environ;
void _start(void);

/* The auxv follows the NULL that ends envp on the initial stack. */
static Elf64_auxv_t *find_auxv(char **envp)
{
	while (*envp)
		envp++;
	return (Elf64_auxv_t *)(envp + 1);
}

static void test_layout(int argc, char **argv, char **envp)
{
	Elf64_auxv_t *a = find_auxv(envp);
	unsigned long pagesz = 0;
	int n = 0;

	ok(argc >= 1 && argv[0] != NULL, "argc is at least 1");
	is(*((long *)argv - 1), argc, "argc sits just below argv");
	is(argv[argc], 0, "argv ends with NULL");
	ok(envp == argv + argc + 1, "envp follows argv's NULL");
	is(((unsigned long)argv - 8) % 16, 0,
	   "the stack pointer at entry was 16-byte aligned");
	for (; a[n].a_type != AT_NULL && n < 64; n++)
		if (a[n].a_type == AT_PAGESZ)
			pagesz = a[n].a_un.a_val;
	ok(n > 5 && n < 64, "auxv has entries and ends with AT_NULL");
	is(pagesz, getauxval(AT_PAGESZ), "auxv sits right after envp's NULL");
}

static void test_elf(void)
{
	const Elf64_Ehdr *eh = &__ehdr_start;

	is(getauxval(AT_PAGESZ), 4096, "AT_PAGESZ is 4096");
	is(getauxval(AT_PHENT), sizeof(Elf64_Phdr), "AT_PHENT is sizeof(Elf64_Phdr)");
	is(getauxval(AT_PHNUM), eh->e_phnum, "AT_PHNUM matches the ELF header");
	is(getauxval(AT_PHDR), (unsigned long)eh + eh->e_phoff,
	   "AT_PHDR points at the loaded program headers");
	is(getauxval(AT_ENTRY), (unsigned long)_start, "AT_ENTRY is _start");
}

static void test_misc(char **argv)
{
	const unsigned char *r = (const unsigned char *)getauxval(AT_RANDOM);
	const char *fn = (const char *)getauxval(AT_EXECFN);
	int i, nonzero = 0;

	ok(r != NULL, "AT_RANDOM is present");
	for (i = 0; r && i < 16; i++)
		nonzero |= r[i];
	ok(nonzero, "AT_RANDOM's 16 bytes are readable and not all zero");
	ok(fn != NULL, "AT_EXECFN is present");
	is_str(fn, argv[0], "AT_EXECFN is the path given to execve");
	is(getauxval(AT_SECURE), 0, "AT_SECURE is 0");
	is(getauxval(AT_UID), 0, "AT_UID is 0");
	is(getauxval(AT_EUID), 0, "AT_EUID is 0");
	is(getauxval(AT_GID), 0, "AT_GID is 0");
	is(getauxval(AT_EGID), 0, "AT_EGID is 0");
	is(getauxval(AT_CLKTCK), 100, "AT_CLKTCK is 100");
}

/* The runner passes HOME, PATH and TERM; they must arrive in envp. */
static void test_env(char **envp)
{
	ok(envp == environ, "libc's environ is main's envp");
	ok(getenv("PATH") != NULL, "PATH from the parent's envp is present");
}

int main(int argc, char **argv, char **envp)
{
	test_layout(argc, argv, envp);
	test_elf();
	test_misc(argv);
	test_env(envp);
	return tap_done();
}
