/*
 * The CMOS real-time clock (arch/x86_64/rtc.c): its time for the boot
 * clock (kernel/time.c) and /dev/rtc0.
 */
#ifndef ASM_RTC_H
#define ASM_RTC_H

#include <tine/types.h>

#define RTC_MAJOR 251		/* the dynamic major Linux 6.1 gives rtc under QEMU */

/* <linux/rtc.h>'s struct rtc_time: tm_year from 1900, tm_mon 0-11. */
struct rtc_time {
	int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year;
	int tm_wday, tm_yday, tm_isdst;	/* 0: the clock keeps none */
};

/*
 * mc146818_get_time - the clock's time, read between updates: 0, or
 * -ETIMEDOUT if it stays in an update for 10 ms. Any context (spins);
 * takes rtc_lock.
 */
int mc146818_get_time(struct rtc_time *tm);
/* Seconds since 1970 of a valid rtc_time. */
s64 rtc_tm_to_time64(const struct rtc_time *tm);
/* Register /dev/rtc0's driver (boot). */
void rtc_dev_init(void);
/* IRQ 8: note an update interrupt and wake /dev/rtc0's readers.
 * Interrupt context. */
void rtc_interrupt(void);

struct class;
extern struct class rtc_class;	/* /sys/class/rtc */

#endif
