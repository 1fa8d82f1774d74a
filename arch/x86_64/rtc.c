/*
 * The PC's CMOS real-time clock (Motorola MC146818 registers behind
 * I/O ports 0x70/0x71) and /dev/rtc0, as Linux's rtc-cmos driver and
 * RTC character device show it:
 *
 * - RTC_RD_TIME: the clock's date and time (UTC as hwclock keeps it),
 *   read between two updates (the "update in progress" flag), BCD or
 *   binary and 12 or 24 hours as register B says; years 70-99 are
 *   19xx, 00-69 20xx (no ACPI century register).
 * - RTC_SET_TIME: CAP_SYS_TIME (EACCES), a valid date (EINVAL) from
 *   1970 to 2069; the clock is stopped (SET) while written. The
 *   system clock is not changed.
 * - Update interrupts (RTC_UIE_ON/OFF: IRQ 8 once a second, as the
 *   clock finishes an update): read() waits for them and returns their
 *   count and kind as Linux ((n << 8) | RTC_IRQF | RTC_UF), poll()
 *   says when one came; closing the device turns them off. Alarms and
 *   periodic interrupts are features this device lacks (EINVAL, as
 *   Linux for an RTC without them). One opener at a time (EBUSY).
 * - /sys/class/rtc/rtc0: name, date, time, since_epoch, hctosys (1:
 *   the system clock was set from it at boot, kernel/time.c),
 *   max_user_freq.
 *
 * Lock: rtc_lock (irq-safe, a leaf) keeps a register's index and
 * access together, makes a read or a write of the time whole, and
 * guards irq_data. Readers are woken after it is dropped.
 */
#include <asm/io.h>
#include <asm/rtc.h>
#include <tine/capability.h>
#include <tine/device.h>
#include <tine/fs.h>
#include <tine/init.h>
#include <tine/poll.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/seq_buf.h>
#include <tine/string.h>
#include <tine/time.h>
#include <tine/uaccess.h>
#include <tine/wait.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define RTC_SECONDS 0x00
#define RTC_MINUTES 0x02
#define RTC_HOURS 0x04
#define RTC_DAY_OF_MONTH 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_REG_A 0x0a
#define RTC_UIP 0x80			/* A: an update is in progress */
#define RTC_REG_B 0x0b
#define RTC_SET 0x80			/* B: updates stopped, time being set */
#define RTC_UIE 0x10			/* B: update-ended interrupt enabled */
#define RTC_REG_C 0x0c			/* flags of the interrupts that came */
#define RTC_IRQF 0x80			/* C, and read()'s data: an interrupt */
#define RTC_UF 0x10			/* C: an update ended */
#define RTC_DM_BINARY 0x04		/* B: binary, not BCD */
#define RTC_24H 0x02			/* B: 24-hour mode */
#define RTC_PM 0x80			/* 12-hour mode's PM bit in the hour */

/* struct rtc_time's ioctls (<linux/rtc.h>): 'p' and a number. */
#define RTC_AIE_ON 0x7001
#define RTC_AIE_OFF 0x7002
#define RTC_UIE_ON 0x7003
#define RTC_UIE_OFF 0x7004
#define RTC_PIE_ON 0x7005
#define RTC_PIE_OFF 0x7006
#define RTC_ALM_SET 0x40247007
#define RTC_ALM_READ 0x80247008
#define RTC_RD_TIME 0x80247009
#define RTC_SET_TIME 0x4024700a
#define RTC_IRQP_READ 0x8008700b
#define RTC_IRQP_SET 0x4008700c
#define RTC_WIE_ON 0x700f
#define RTC_WIE_OFF 0x7010
#define RTC_WKALM_SET 0x4028700f
#define RTC_WKALM_RD 0x80287010

static DEFINE_SPINLOCK_RANKED(rtc_lock, LR_RTC);
static unsigned long rtc_busy;		/* [atomic] bit 0: /dev/rtc0 open */
static unsigned int max_user_freq = 64;	/* [atomic] sysfs; unused */
static unsigned long irq_data;		/* [rtc_lock] what read() returns */
static DECLARE_WAIT_QUEUE_HEAD(rtc_wait);	/* readers and pollers */

static unsigned int cmos_read(unsigned int reg)
{
	assert_spin_locked(&rtc_lock);
	outb(0x70, reg);
	return inb(0x71);
}

static void cmos_write(unsigned int val, unsigned int reg)
{
	assert_spin_locked(&rtc_lock);
	outb(0x70, reg);
	outb(0x71, val);
}

static unsigned int bcd2bin(unsigned int v)
{
	return (v & 15) + (v >> 4) * 10;
}

static unsigned int bin2bcd(unsigned int v)
{
	return (v / 10) << 4 | v % 10;
}

/* One read of the registers outside an update: false if an update
 * began meanwhile (read again). rtc_lock held. */
static bool cmos_read_once(struct rtc_time *tm, unsigned int *ctrl)
{
	assert_spin_locked(&rtc_lock);
	if (cmos_read(RTC_REG_A) & RTC_UIP)
		return false;
	tm->tm_sec = cmos_read(RTC_SECONDS);
	tm->tm_min = cmos_read(RTC_MINUTES);
	tm->tm_hour = cmos_read(RTC_HOURS);
	tm->tm_mday = cmos_read(RTC_DAY_OF_MONTH);
	tm->tm_mon = cmos_read(RTC_MONTH);
	tm->tm_year = cmos_read(RTC_YEAR);
	*ctrl = cmos_read(RTC_REG_B);
	return !(cmos_read(RTC_REG_A) & RTC_UIP) &&
	       cmos_read(RTC_SECONDS) == (unsigned int)tm->tm_sec;
}

/* mc146818_get_time - see asm/rtc.h. */
int mc146818_get_time(struct rtc_time *tm)
{
	u64 deadline = ktime_get_ns() + 10 * (NSEC_PER_SEC / 1000);
	unsigned int ctrl, pm;
	unsigned long f;
	bool ok;

	memset(tm, 0, sizeof(*tm));
	do {
		f = spin_lock_irqsave(&rtc_lock);
		ok = cmos_read_once(tm, &ctrl);
		spin_unlock_irqrestore(&rtc_lock, f);
	} while (!ok && ktime_get_ns() < deadline);
	if (!ok)
		return -ETIMEDOUT;
	pm = !(ctrl & RTC_24H) && (tm->tm_hour & RTC_PM);
	tm->tm_hour &= ~RTC_PM;
	if (!(ctrl & RTC_DM_BINARY)) {
		tm->tm_sec = bcd2bin(tm->tm_sec);
		tm->tm_min = bcd2bin(tm->tm_min);
		tm->tm_hour = bcd2bin(tm->tm_hour);
		tm->tm_mday = bcd2bin(tm->tm_mday);
		tm->tm_mon = bcd2bin(tm->tm_mon);
		tm->tm_year = bcd2bin(tm->tm_year);
	}
	if (!(ctrl & RTC_24H))
		tm->tm_hour = tm->tm_hour % 12 + (pm ? 12 : 0);
	if (tm->tm_year <= 69)
		tm->tm_year += 100;
	tm->tm_mon--;
	return 0;
}

static bool is_leap(unsigned int y)
{
	return (!(y % 4) && (y % 100)) || !(y % 400);
}

/* Linux's rtc_valid_tm: 0 or -EINVAL. */
static int rtc_valid_tm(const struct rtc_time *tm)
{
	static const unsigned char days[] = { 31, 28, 31, 30, 31, 30,
					      31, 31, 30, 31, 30, 31 };

	if (tm->tm_year < 70 || (unsigned int)tm->tm_mon >= 12 ||
	    tm->tm_mday < 1 ||
	    tm->tm_mday > days[tm->tm_mon] +
			  (tm->tm_mon == 1 && is_leap(tm->tm_year + 1900)) ||
	    (unsigned int)tm->tm_hour >= 24 || (unsigned int)tm->tm_min >= 60 ||
	    (unsigned int)tm->tm_sec >= 60)
		return -EINVAL;
	return 0;
}

/* Write tm (valid, 1970-2069) into the clock, stopped meanwhile. */
static void mc146818_set_time(const struct rtc_time *tm)
{
	unsigned int v[6] = { tm->tm_sec, tm->tm_min, tm->tm_hour,
			      tm->tm_mday, tm->tm_mon + 1, tm->tm_year % 100 };
	static const unsigned char reg[6] = { RTC_SECONDS, RTC_MINUTES,
					      RTC_HOURS, RTC_DAY_OF_MONTH,
					      RTC_MONTH, RTC_YEAR };
	unsigned long f = spin_lock_irqsave(&rtc_lock);
	unsigned int ctrl = cmos_read(RTC_REG_B);

	cmos_write(ctrl | RTC_SET, RTC_REG_B);
	for (int i = 0; i < 6; i++) {
		unsigned int x = v[i];
		bool pm = false;

		if (i == 2 && !(ctrl & RTC_24H)) {	/* 1-12 and PM */
			pm = x >= 12;
			x = x % 12 ? x % 12 : 12;
		}
		if (!(ctrl & RTC_DM_BINARY))
			x = bin2bcd(x);
		cmos_write(x | (pm ? RTC_PM : 0), reg[i]);
	}
	cmos_write(ctrl & ~RTC_SET, RTC_REG_B);
	spin_unlock_irqrestore(&rtc_lock, f);
}

/* rtc_tm_to_time64 - see asm/rtc.h. */
s64 rtc_tm_to_time64(const struct rtc_time *tm)
{
	return mktime64(tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday,
			tm->tm_hour, tm->tm_min, tm->tm_sec);
}

/* ---- /dev/rtc0 ---- */

static int rtc_dev_open(struct inode *i, struct file *f)
{
	if (__atomic_fetch_or(&rtc_busy, 1, __ATOMIC_ACQUIRE) & 1)
		return -EBUSY;
	return 0;
}

/* Turn the update interrupt on or off (register B's UIE). */
static void rtc_set_uie(bool on)
{
	unsigned long f = spin_lock_irqsave(&rtc_lock);
	unsigned int b = cmos_read(RTC_REG_B);

	cmos_write(on ? b | RTC_UIE : b & ~RTC_UIE, RTC_REG_B);
	cmos_read(RTC_REG_C);		/* drop a stale flag */
	irq_data = 0;
	spin_unlock_irqrestore(&rtc_lock, f);
}

static int rtc_dev_release(struct inode *i, struct file *f)
{
	rtc_set_uie(false);
	__atomic_fetch_and(&rtc_busy, ~1UL, __ATOMIC_RELEASE);
	return 0;
}

/* rtc_interrupt - see asm/rtc.h. */
void rtc_interrupt(void)
{
	unsigned int c;

	spin_lock(&rtc_lock);
	c = cmos_read(RTC_REG_C);	/* reading it acknowledges */
	if (c & RTC_UF)
		irq_data = (irq_data + (1 << 8)) | RTC_IRQF | RTC_UF;
	spin_unlock(&rtc_lock);
	if (c & RTC_UF)
		wake_up_interruptible(&rtc_wait);
}

/* Take the interrupts' data, if any came: 0 if none. */
static unsigned long take_irq_data(void)
{
	unsigned long f = spin_lock_irqsave(&rtc_lock);
	unsigned long data = irq_data;

	irq_data = 0;
	spin_unlock_irqrestore(&rtc_lock, f);
	return data;
}

/*
 * The interrupts since the last read, as an unsigned int or long (the
 * two sizes Linux takes, else EINVAL), waiting for one unless
 * O_NONBLOCK (EAGAIN).
 */
static ssize_t rtc_dev_read(struct file *f, char __user *buf, size_t n,
			    off_t *pos)
{
	unsigned long data;
	int err;

	if (n != sizeof(unsigned int) && n < sizeof(unsigned long))
		return -EINVAL;
	while (!(data = take_irq_data())) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(rtc_wait, READ_ONCE(irq_data));
		if (err)
			return err;
	}
	if (n == sizeof(unsigned int)) {
		unsigned int v = data;

		return copy_to_user(buf, &v, sizeof(v)) ? -EFAULT : (ssize_t)sizeof(v);
	}
	return copy_to_user(buf, &data, sizeof(data)) ? -EFAULT
							 : (ssize_t)sizeof(data);
}

static unsigned int rtc_dev_poll(struct file *f, struct poll_table *pt)
{
	poll_wait(f, &rtc_wait, pt);
	return READ_ONCE(irq_data) ? POLLIN | POLLRDNORM : 0;
}

static long rtc_set_time_user(const void __user *u)
{
	struct rtc_time tm;
	int err;

	if (copy_from_user(&tm, u, sizeof(tm)))
		return -EFAULT;
	err = rtc_valid_tm(&tm);
	if (err)
		return err;
	if (tm.tm_year > 169)	/* two digits and no century register */
		return -EINVAL;
	mc146818_set_time(&tm);
	return 0;
}

static long rtc_dev_ioctl(struct file *f, unsigned int cmd,
			  unsigned long arg)
{
	struct rtc_time tm;
	int err;

	switch (cmd) {
	case RTC_RD_TIME:
		err = mc146818_get_time(&tm);
		if (!err)
			err = rtc_valid_tm(&tm);
		if (err)
			return err;
		return copy_to_user((void __user *)arg, &tm, sizeof(tm)) ?
			       -EFAULT : 0;
	case RTC_SET_TIME:
		if (!capable(CAP_SYS_TIME))
			return -EACCES;
		return rtc_set_time_user((const void __user *)arg);
	case RTC_UIE_ON:
	case RTC_UIE_OFF:
		rtc_set_uie(cmd == RTC_UIE_ON);
		return 0;
	case RTC_AIE_ON: case RTC_AIE_OFF: case RTC_PIE_ON: case RTC_PIE_OFF: case RTC_WIE_ON: case RTC_WIE_OFF:
	case RTC_ALM_SET: case RTC_ALM_READ: case RTC_WKALM_SET:
	case RTC_WKALM_RD: case RTC_IRQP_READ: case RTC_IRQP_SET:
		return -EINVAL;		/* no alarm, no interrupts */
	}
	return -ENOTTY;
}

static const struct file_operations rtc_dev_fops = {
	.open = rtc_dev_open,
	.release = rtc_dev_release,
	.read = rtc_dev_read,
	.poll = rtc_dev_poll,
	.ioctl = rtc_dev_ioctl,
};

/* ---- /sys/class/rtc/rtc0 ---- */

static int rtc_sysfs_time(struct seq_buf *m, struct kernfs_node *kn,
			  int what)
{
	struct rtc_time tm;
	int err = mc146818_get_time(&tm);

	if (!err)
		err = rtc_valid_tm(&tm);
	if (err)
		return err;
	if (what == 0)
		seq_printf(m, "%04d-%02d-%02d\n", tm.tm_year + 1900,
			   tm.tm_mon + 1, tm.tm_mday);
	else if (what == 1)
		seq_printf(m, "%02d:%02d:%02d\n", tm.tm_hour, tm.tm_min,
			   tm.tm_sec);
	else
		seq_printf(m, "%lld\n", (long long)rtc_tm_to_time64(&tm));
	return 0;
}

static int date_show(struct seq_buf *m, struct kernfs_node *kn)
{
	return rtc_sysfs_time(m, kn, 0);
}

static int time_show(struct seq_buf *m, struct kernfs_node *kn)
{
	return rtc_sysfs_time(m, kn, 1);
}

static int since_epoch_show(struct seq_buf *m, struct kernfs_node *kn)
{
	return rtc_sysfs_time(m, kn, 2);
}

static int name_show(struct seq_buf *m, struct kernfs_node *kn)
{
	seq_puts(m, "rtc_cmos rtc_cmos\n");	/* driver and (no) parent */
	return 0;
}

static int hctosys_show(struct seq_buf *m, struct kernfs_node *kn)
{
	seq_puts(m, "1\n");	/* kernel/time.c set the clock from it */
	return 0;
}

static int max_user_freq_show(struct seq_buf *m, struct kernfs_node *kn)
{
	seq_printf(m, "%u\n", READ_ONCE(max_user_freq));
	return 0;
}

/* As Linux: 1 to 4095, else EINVAL. */
static ssize_t max_user_freq_store(struct file *f, struct kernfs_node *kn,
				   const char *buf, size_t n)
{
	long v;

	if (kstrtol(buf, 10, &v) || v <= 0 || v >= 4096)
		return -EINVAL;
	WRITE_ONCE(max_user_freq, v);
	return n;
}

static const struct kernfs_ops date_ops = { .show = date_show };
static const struct kernfs_ops time_ops = { .show = time_show };
static const struct kernfs_ops since_epoch_ops = { .show = since_epoch_show };
static const struct kernfs_ops name_ops = { .show = name_show };
static const struct kernfs_ops hctosys_ops = { .show = hctosys_show };
static const struct kernfs_ops max_user_freq_ops = {
	.show = max_user_freq_show, .store = max_user_freq_store,
};

/* The rtc class's attributes of a device (device_create). */
static int rtc_add_files(struct device *dev)
{
	struct kernfs_node *d = dev->kn;

	if (!kernfs_create_file(d, "date", 0444, &date_ops, dev) ||
	    !kernfs_create_file(d, "time", 0444, &time_ops, dev) ||
	    !kernfs_create_file(d, "since_epoch", 0444, &since_epoch_ops, dev) ||
	    !kernfs_create_file(d, "name", 0444, &name_ops, dev) ||
	    !kernfs_create_file(d, "hctosys", 0444, &hctosys_ops, dev) ||
	    !kernfs_create_file(d, "max_user_freq", 0644, &max_user_freq_ops,
				dev))
		return -ENOMEM;
	return 0;
}

struct class rtc_class = { .name = "rtc", .add_files = rtc_add_files };

/* rtc_dev_init - register /dev/rtc0's driver (boot). */
void rtc_dev_init(void)
{
	rtc_set_uie(false);
	register_chrdev(RTC_MAJOR, "rtc", &rtc_dev_fops);
}
