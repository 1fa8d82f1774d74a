/* Kernel random bytes (fs/random.c or devfs: the /dev/urandom pool). */
#ifndef TINE_RANDOM_H
#define TINE_RANDOM_H

#include <tine/types.h>

void get_random_bytes(void *buf, size_t n);

#endif
