#!/bin/sh
# Emit a C symbol table (address, name) of the kernel's text symbols,
# sorted by address, for the panic backtrace. $1: kernel ELF or /dev/null.
echo '#include <tine/symbols.h>'
echo 'const struct ksym ksyms[] = {'
if [ -s "$1" ]; then
	nm -n "$1" | awk '$2 ~ /^[tT]$/ { printf "\t{ 0x%sUL, \"%s\" },\n", $1, $3 }'
fi
echo '	{ ~0UL, "" }'
echo '};'
echo 'const unsigned long nr_ksyms = sizeof(ksyms) / sizeof(ksyms[0]) - 1;'
