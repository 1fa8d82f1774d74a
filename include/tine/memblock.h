/* Boot-time physical memory map (mm/memblock.c). */
#ifndef TINE_MEMBLOCK_H
#define TINE_MEMBLOCK_H

#include <tine/types.h>

void memblock_add(u64 base, u64 size);
void memblock_reserve(u64 base, u64 size);
void *memblock_alloc(u64 size, u64 limit);
u64 memblock_end(void);
void memblock_free_all(void);

#endif
