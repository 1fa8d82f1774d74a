/*
 * The device model's sysfs side (include/tine/device.h): classes,
 * devices and the /sys/dev/char index, for the character devices
 * devtmpfs has. The classes follow Linux's: major 1 is "mem", 4 and 5
 * "tty", 10 "misc", RTC_MAJOR "rtc" (arch/x86_64/rtc.c adds its
 * attributes).
 *
 * Everything is made at boot and never removed, so no lock is needed
 * beyond kernfs's own.
 */
#include <asm/rtc.h>
#include <tine/device.h>
#include <tine/fs.h>
#include <tine/init.h>
#include <tine/mm.h>
#include <tine/printk.h>
#include <tine/seq_buf.h>
#include <tine/string.h>
#include <tine/sysfs.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

static struct kernfs_node *virtual_kn;	/* /sys/devices/virtual */
static struct kernfs_node *dev_char_kn;	/* /sys/dev/char */

/* dev: "major:minor". */
static int dev_show(struct seq_buf *m, struct kernfs_node *kn)
{
	const struct device *dev = kn->priv;

	seq_printf(m, "%u:%u\n", MAJOR(dev->devt), MINOR(dev->devt));
	return 0;
}

static const struct kernfs_ops dev_ops = { .show = dev_show };

/* uevent: the variables udev gets for the device. */
static int uevent_show(struct seq_buf *m, struct kernfs_node *kn)
{
	const struct device *dev = kn->priv;

	seq_printf(m, "MAJOR=%u\nMINOR=%u\nDEVNAME=%s\n", MAJOR(dev->devt),
		   MINOR(dev->devt), dev->name);
	if (dev->devmode)
		seq_printf(m, "DEVMODE=0%o\n", dev->devmode);
	return 0;
}

static const struct kernfs_ops uevent_ops = { .show = uevent_show };

/* class_register - see device.h. */
int class_register(struct class *cls)
{
	cls->dir = kernfs_create_dir(class_kn, cls->name, 0755);
	cls->virt = cls->dir ? kernfs_create_dir(virtual_kn, cls->name, 0755)
			     : NULL;
	return cls->virt ? 0 : -ENOMEM;
}

/* device_create - see device.h. */
struct device *device_create(struct class *cls, unsigned int devt,
			     mode_t node_mode, const char *name)
{
	struct device *dev = kzalloc(sizeof(*dev));
	char num[24];

	if (!dev)
		return NULL;
	dev->name = name;
	dev->devt = devt;
	dev->class = cls;
	dev->devmode = cls->devnode ? cls->devnode(devt, node_mode) : 0;
	dev->kn = kernfs_create_dir(cls->virt, name, 0755);
	snprintf(num, sizeof(num), "%u:%u", MAJOR(devt), MINOR(devt));
	/* Boot only: a failure here panics the caller, nothing to undo. */
	if (!dev->kn ||
	    !kernfs_create_file(dev->kn, "dev", 0444, &dev_ops, dev) ||
	    !kernfs_create_file(dev->kn, "uevent", 0444, &uevent_ops, dev) ||
	    !kernfs_create_link(dev->kn, "subsystem", cls->dir) ||
	    !kernfs_create_link(cls->dir, name, dev->kn) ||
	    !kernfs_create_link(dev_char_kn, num, dev->kn) ||
	    (cls->add_files && cls->add_files(dev)))
		return NULL;
	return dev;
}

/* As Linux's mem class: udev gives each memory device its node's mode. */
static mode_t mem_devnode(unsigned int devt, mode_t node_mode)
{
	return node_mode & 07777;
}

/* As Linux's tty class: only /dev/tty and /dev/ptmx are opened up. */
static mode_t tty_devnode(unsigned int devt, mode_t node_mode)
{
	return devt == MKDEV(5, 0) || devt == MKDEV(5, 2) ? 0666 : 0;
}

static struct class mem_class = { .name = "mem", .devnode = mem_devnode };
static struct class tty_class = { .name = "tty", .devnode = tty_devnode };
static struct class misc_class = { .name = "misc" };

static struct class *class_of_major(unsigned int major)
{
	switch (major) {
	case 1:
		return &mem_class;
	case 4:
	case 5:
		return &tty_class;
	case 10:
		return &misc_class;
	case RTC_MAJOR:
		return &rtc_class;
	}
	return NULL;
}

/* A device for one devtmpfs node (majors without a class are left out). */
static void device_for_node(const char *name, mode_t mode, unsigned int devt)
{
	struct class *cls = class_of_major(MAJOR(devt));

	if (cls && !device_create(cls, devt, mode, name))
		panic("sysfs: cannot add device %s", name);
}

static void devices_init(void)
{
	virtual_kn = kernfs_create_dir(devices_kn, "virtual", 0755);
	dev_char_kn = kernfs_create_dir(dev_kn, "char", 0755);
	if (!virtual_kn || !dev_char_kn ||
	    !kernfs_create_dir(dev_kn, "block", 0755) ||
	    class_register(&mem_class) || class_register(&tty_class) ||
	    class_register(&misc_class) || class_register(&rtc_class))
		panic("sysfs: no memory for the device model");
	devtmpfs_for_each_node(device_for_node);
}
__initcall(devices_init);
