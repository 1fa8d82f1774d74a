/*
 * tests/helpers/pie_interp: a position-independent program with 2 MiB
 * segment alignment and /tests/helpers/interp_probe as its interpreter
 * (mk/exec.mk). Exec places it and the interpreter; the interpreter
 * reports and exits, so this entry point never runs.
 */
void _start(void)
{
	for (;;)
		__asm__ volatile("ud2");
}
