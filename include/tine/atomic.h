/* Atomic counters (reference counts are always atomic_t). */
#ifndef TINE_ATOMIC_H
#define TINE_ATOMIC_H

#include <tine/types.h>

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	long counter;
} atomic_long_t;

#define ATOMIC_INIT(v) { (v) }

static inline int atomic_read(const atomic_t *a)
{
	return __atomic_load_n(&a->counter, __ATOMIC_RELAXED);
}
static inline void atomic_set(atomic_t *a, int v)
{
	__atomic_store_n(&a->counter, v, __ATOMIC_RELAXED);
}
static inline void atomic_inc(atomic_t *a)
{
	__atomic_add_fetch(&a->counter, 1, __ATOMIC_RELAXED);
}
static inline void atomic_dec(atomic_t *a)
{
	__atomic_sub_fetch(&a->counter, 1, __ATOMIC_ACQ_REL);
}
static inline int atomic_add_return(atomic_t *a, int v)
{
	return __atomic_add_fetch(&a->counter, v, __ATOMIC_ACQ_REL);
}
/* True when the count reached zero: the caller frees the object. */
static inline bool atomic_dec_and_test(atomic_t *a)
{
	return __atomic_sub_fetch(&a->counter, 1, __ATOMIC_ACQ_REL) == 0;
}
/* Increment unless the count is negative; false if it was. */
static inline bool atomic_inc_unless_negative(atomic_t *a)
{
	int v = atomic_read(a);

	do {
		if (v < 0)
			return false;
	} while (!__atomic_compare_exchange_n(&a->counter, &v, v + 1, false,
					      __ATOMIC_ACQ_REL,
					      __ATOMIC_RELAXED));
	return true;
}
/* Decrement unless the count is positive; false if it was. */
static inline bool atomic_dec_unless_positive(atomic_t *a)
{
	int v = atomic_read(a);

	do {
		if (v > 0)
			return false;
	} while (!__atomic_compare_exchange_n(&a->counter, &v, v - 1, false,
					      __ATOMIC_ACQ_REL,
					      __ATOMIC_RELAXED));
	return true;
}
static inline long atomic_long_read(const atomic_long_t *a)
{
	return __atomic_load_n(&a->counter, __ATOMIC_RELAXED);
}
static inline void atomic_long_add(atomic_long_t *a, long v)
{
	__atomic_add_fetch(&a->counter, v, __ATOMIC_RELAXED);
}
/* Add one unless the value is 0 (the last reference is gone): taken? */
static inline bool atomic_long_inc_not_zero(atomic_long_t *a)
{
	long v = __atomic_load_n(&a->counter, __ATOMIC_RELAXED);

	do {
		if (!v)
			return false;
	} while (!__atomic_compare_exchange_n(&a->counter, &v, v + 1, false,
					      __ATOMIC_ACQ_REL,
					      __ATOMIC_RELAXED));
	return true;
}

#endif
