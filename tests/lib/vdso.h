/*
 * tests/lib/vdso.h: find the vDSO's functions through AT_SYSINFO_EHDR
 * and its dynamic symbol table (DT_HASH), checking the symbol version
 * (LINUX_2.6), as a libc does.
 */
#ifndef VDSO_H
#define VDSO_H

#include <elf.h>
#include <string.h>
#include <sys/auxv.h>

/* The address of name@version in the vDSO, or NULL. */
static inline void *vdso_sym(const char *name, const char *version)
{
	const Elf64_Ehdr *eh = (const void *)getauxval(AT_SYSINFO_EHDR);
	const Elf64_Phdr *ph;
	const Elf64_Dyn *dyn = NULL;
	const Elf64_Sym *sym = NULL;
	const Elf64_Versym *versym = NULL;
	const Elf64_Verdef *verdef = NULL;
	const Elf32_Word *hash = NULL;
	const char *str = NULL;
	unsigned long base = (unsigned long)eh, load = ~0UL;

	if (!eh)
		return NULL;
	ph = (const void *)(base + eh->e_phoff);
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && load == ~0UL)
			load = ph[i].p_vaddr - ph[i].p_offset;
		if (ph[i].p_type == PT_DYNAMIC)
			dyn = (const void *)(base + ph[i].p_offset);
	}
	if (!dyn || load == ~0UL)
		return NULL;
	base -= load;
	for (; dyn->d_tag != DT_NULL; dyn++) {
		const void *p = (const void *)(base + dyn->d_un.d_ptr);

		switch (dyn->d_tag) {
		case DT_SYMTAB: sym = p; break;
		case DT_STRTAB: str = p; break;
		case DT_HASH: hash = p; break;
		case DT_VERSYM: versym = p; break;
		case DT_VERDEF: verdef = p; break;
		}
	}
	if (!sym || !str || !hash)
		return NULL;
	for (Elf32_Word i = 0; i < hash[1]; i++) {
		const Elf64_Verdef *d = verdef;

		if (strcmp(str + sym[i].st_name, name) || !sym[i].st_shndx)
			continue;
		if (!versym || !version)
			return (void *)(base + sym[i].st_value);
		for (; d; d = d->vd_next ? (const void *)((const char *)d +
							  d->vd_next) : NULL) {
			const Elf64_Verdaux *a = (const void *)((const char *)d +
								d->vd_aux);

			if (d->vd_ndx == (versym[i] & 0x7fff) &&
			    !strcmp(str + a->vda_name, version))
				return (void *)(base + sym[i].st_value);
		}
	}
	return NULL;
}

#endif
