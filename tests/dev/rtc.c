/*
 * tests/dev/rtc.c: /dev/rtc0, the CMOS clock, as Linux's RTC device:
 * RTC_RD_TIME gives a valid time close to the system clock (both UTC);
 * RTC_SET_TIME needs CAP_SYS_TIME (EACCES), refuses an invalid date
 * (EINVAL), and sets the clock (read back, then put back) without
 * moving the system clock; one opener at a time (EBUSY); unknown
 * ioctls ENOTTY; update interrupts (RTC_UIE_ON) read as Linux gives
 * them (count << 8 | RTC_IRQF | RTC_UF), about once a second;
 * /sys/class/rtc/rtc0 has the device's number, date, time and
 * since_epoch agreeing with RTC_RD_TIME.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include "tap.h"
#include "proc.h"

struct rtc_time {
	int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year;
	int tm_wday, tm_yday, tm_isdst;
};

#define RTC_RD_TIME _IOR('p', 0x09, struct rtc_time)
#define RTC_SET_TIME _IOW('p', 0x0a, struct rtc_time)
#define RTC_UIE_ON _IO('p', 0x03)
#define RTC_UIE_OFF _IO('p', 0x04)
#define RTC_IRQF 0x80
#define RTC_UF 0x10

static time_t rtc_seconds(const struct rtc_time *tm)
{
	struct tm t = { .tm_sec = tm->tm_sec, .tm_min = tm->tm_min,
			.tm_hour = tm->tm_hour, .tm_mday = tm->tm_mday,
			.tm_mon = tm->tm_mon, .tm_year = tm->tm_year };

	return timegm(&t);
}

static int valid(const struct rtc_time *tm)
{
	return tm->tm_year >= 70 && tm->tm_mon >= 0 && tm->tm_mon < 12 &&
	       tm->tm_mday >= 1 && tm->tm_mday <= 31 && tm->tm_hour < 24 &&
	       tm->tm_min < 60 && tm->tm_sec < 60;
}

static int fd = -1;

static int unprivileged_set(void)
{
	struct rtc_time tm;

	if (ioctl(fd, RTC_RD_TIME, &tm))
		return 10;
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return 11;
	if (ioctl(fd, RTC_SET_TIME, &tm) != -1 || errno != EACCES)
		return 12;
	return ioctl(fd, RTC_RD_TIME, &tm) == 0 ? 0 : 13;
}

/* Update interrupts: one a second while on, none after off. */
static void update_interrupts(void)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	struct timespec t0, t1;
	unsigned long data = 0;
	unsigned int small;
	char two[2];
	int fl = fcntl(fd, F_GETFL);

	ok(read(fd, two, 2) == -1 && errno == EINVAL, "a 2-byte read: EINVAL");
	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	ok(read(fd, &data, sizeof(data)) == -1 && errno == EAGAIN,
	   "no interrupt yet: EAGAIN with O_NONBLOCK");
	fcntl(fd, F_SETFL, fl);
	ok(ioctl(fd, RTC_UIE_ON, 0) == 0, "RTC_UIE_ON");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ok(poll(&p, 1, 3000) == 1 && (p.revents & POLLIN),
	   "poll: an update interrupt within 3 s");
	ok(read(fd, &data, sizeof(data)) == sizeof(data) &&
	   (data & 0xff) == (RTC_IRQF | RTC_UF) && data >> 8 >= 1,
	   "read: (count << 8) | RTC_IRQF | RTC_UF (%lx)", data);
	ok(read(fd, &small, sizeof(small)) == sizeof(small) &&
	   (small & 0xff) == (RTC_IRQF | RTC_UF), "the next one, as an int");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ok(t1.tv_sec - t0.tv_sec <= 4, "about a second apart (%ld s for two)",
	   (long)(t1.tv_sec - t0.tv_sec));
	ok(ioctl(fd, RTC_UIE_OFF, 0) == 0, "RTC_UIE_OFF");
	ok(poll(&p, 1, 1500) == 0, "no interrupt after RTC_UIE_OFF");
}

static void sysfs(const struct rtc_time *tm, const struct stat *st)
{
	char buf[64], want[64];
	unsigned int ma, mi;
	long epoch;

	if (mount("sysfs", "/sys", "sysfs", 0, NULL) && errno != EBUSY) {
		ok(0, "mount sysfs: %s", strerror(errno));
		return;
	}
	ok(slurp("/sys/class/rtc/rtc0/dev", buf, sizeof(buf)) > 0 &&
	   sscanf(buf, "%u:%u", &ma, &mi) == 2 && ma == major(st->st_rdev) &&
	   mi == minor(st->st_rdev), "sysfs dev is /dev/rtc0's number (%s)",
	   buf);
	snprintf(want, sizeof(want), "%04d-%02d-%02d\n", tm->tm_year + 1900,
		 tm->tm_mon + 1, tm->tm_mday);
	ok(slurp("/sys/class/rtc/rtc0/date", buf, sizeof(buf)) > 0 &&
	   !strcmp(buf, want), "date: %s", want);
	ok(slurp("/sys/class/rtc/rtc0/time", buf, sizeof(buf)) == 9 &&
	   buf[2] == ':' && buf[5] == ':', "time: hh:mm:ss (%s)", buf);
	ok(slurp("/sys/class/rtc/rtc0/since_epoch", buf, sizeof(buf)) > 0 &&
	   (epoch = atol(buf)) >= rtc_seconds(tm) &&
	   epoch <= rtc_seconds(tm) + 5, "since_epoch agrees (%s)", buf);
	ok(slurp("/sys/class/rtc/rtc0/name", buf, sizeof(buf)) > 0 &&
	   !strncmp(buf, "rtc_cmos ", 9), "name: rtc_cmos ...");
	ok(slurp("/sys/class/rtc/rtc0/hctosys", buf, sizeof(buf)) > 0 &&
	   !strcmp(buf, "1\n"), "hctosys: 1 (the clock was set from it)");
	umount("/sys");
}

int main(void)
{
	struct rtc_time tm, set, back;
	struct stat st;
	struct tm utc;
	time_t now, then;
	int fd2;

	fd = open("/dev/rtc0", O_RDONLY);
	ok(fd >= 0 && fstat(fd, &st) == 0 && S_ISCHR(st.st_mode),
	   "/dev/rtc0 is a character device");
	ok(ioctl(fd, RTC_RD_TIME, &tm) == 0 && valid(&tm), "RTC_RD_TIME");
	now = time(NULL);
	ok(labs(rtc_seconds(&tm) - now) <= 5,
	   "the RTC and the system clock agree (%ld vs %ld)",
	   (long)rtc_seconds(&tm), (long)now);
	fd2 = open("/dev/rtc0", O_RDONLY);
	ok(fd2 == -1 && errno == EBUSY, "a second open: EBUSY");
	if (fd2 >= 0)
		close(fd2);
	ok(ioctl(fd, _IO('p', 0x7f)) == -1 && errno == ENOTTY,
	   "an unknown ioctl: ENOTTY");
	ok(ioctl(fd, RTC_RD_TIME, (void *)8) == -1 && errno == EFAULT,
	   "RTC_RD_TIME to a bad pointer: EFAULT");
	update_interrupts();

	set = tm;
	set.tm_mon = 12;
	ok(ioctl(fd, RTC_SET_TIME, &set) == -1 && errno == EINVAL,
	   "month 12: EINVAL");
	set = tm;
	set.tm_mon = 1;
	set.tm_mday = 30;
	ok(ioctl(fd, RTC_SET_TIME, &set) == -1 && errno == EINVAL,
	   "February 30: EINVAL");
	set = (struct rtc_time){ .tm_sec = 5, .tm_min = 4, .tm_hour = 3,
				 .tm_mday = 2, .tm_mon = 0, .tm_year = 130 };
	then = time(NULL);
	ok(ioctl(fd, RTC_SET_TIME, &set) == 0, "RTC_SET_TIME 2030-01-02 03:04:05");
	ok(ioctl(fd, RTC_RD_TIME, &back) == 0 && back.tm_year == 130 &&
	   back.tm_mon == 0 && back.tm_mday == 2 && back.tm_hour == 3 &&
	   back.tm_min == 4 && back.tm_sec >= 5 && back.tm_sec <= 8,
	   "read back (%d-%d-%d %d:%d:%d)", back.tm_year, back.tm_mon,
	   back.tm_mday, back.tm_hour, back.tm_min, back.tm_sec);
	ok(labs(time(NULL) - then) <= 3, "the system clock did not move");
	ok(exited_with(run_child(unprivileged_set), 0),
	   "RTC_SET_TIME without CAP_SYS_TIME: EACCES");

	/* Put the clock back: the system clock is right. */
	now = time(NULL);
	gmtime_r(&now, &utc);
	set = (struct rtc_time){ .tm_sec = utc.tm_sec, .tm_min = utc.tm_min,
				 .tm_hour = utc.tm_hour, .tm_mday = utc.tm_mday,
				 .tm_mon = utc.tm_mon, .tm_year = utc.tm_year };
	ok(ioctl(fd, RTC_SET_TIME, &set) == 0, "put the time back");
	ok(ioctl(fd, RTC_RD_TIME, &tm) == 0 &&
	   labs(rtc_seconds(&tm) - time(NULL)) <= 2, "and it reads back");
	sysfs(&tm, &st);
	close(fd);
	return tap_done();
}
