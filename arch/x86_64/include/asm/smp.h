/*
 * The arch side of SMP (arch/x86_64/smp.c): the handlers of the
 * inter-processor interrupt vectors, and stopping CPUs on panic.
 */
#ifndef ASM_SMP_H
#define ASM_SMP_H

#include <tine/types.h>

/* Set up the call-function queues (before other CPUs start). */
void smp_prepare_boot_cpu(void);
/* RESCHEDULE_VECTOR: another CPU wants this one to reschedule. */
void smp_reschedule_interrupt(void);
/* CALL_FUNCTION_VECTOR: run the functions queued for this CPU. */
void smp_call_function_interrupt(void);
/* Has a panicking CPU asked the others to stop? (NMI handler) */
bool smp_stop_requested(void);
/* Stop here for good: interrupts off, halted. */
void smp_stop_this_cpu(void) __noreturn;

#endif
