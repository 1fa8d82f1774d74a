/* Kernel random bytes (fs/random.c or devfs: the /dev/urandom pool). */
#ifndef TINE_RANDOM_H
#define TINE_RANDOM_H

#include <tine/types.h>

/* Fill buf with n bytes from the ChaCha20 stream. Any context. */
void get_random_bytes(void *buf, size_t n);
/* A random word, from a batch (cheap: exec's randomisation). Any context. */
u64 get_random_u64(void);
/* n (1..32) random bits from a reservoir: small numbers cost little. */
u32 get_random_bits(unsigned int n);
/* Uniformly in [0, ceil). Any context. */
u32 get_random_u32_below(u32 ceil);

#endif
