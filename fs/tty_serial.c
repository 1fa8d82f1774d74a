/*
 * The serial console's tty driver: one tty_struct (the UART line)
 * stands behind /dev/console (5,1), /dev/ttyS0 (4,64) and, for the
 * session it controls, /dev/tty. The UART's receive interrupt feeds it
 * (tty_receive_char); its output goes to console_write(). Everything
 * else (editing, echo, job control) is the tty core's and n_tty's.
 */
#include <tine/fs.h>
#include <tine/printk.h>
#include <tine/string.h>
#include <tine/tty.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>
#include <uapi/ioctl.h>
#include "internal.h"

static struct tty_struct console_tty;

/*
 * Fallback when the console has no raw output: console_write() turns
 * "\n" into "\r\n" itself, so drop a '\r' right before a '\n'.
 */
__attribute__((weak)) void console_write_raw(const char *s, size_t n)
{
	char tmp[256];
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
			continue;
		tmp[k++] = s[i];
		if (k == sizeof(tmp)) {
			console_write(tmp, k);
			k = 0;
		}
	}
	if (k)
		console_write(tmp, k);
}

/* The UART takes everything (console_write waits for the FIFO). */
static size_t serial_write(struct tty_struct *tty, const char *buf, size_t n)
{
	console_write_raw(buf, n);
	return n;
}

struct serial_struct {
	int type;
	int line;
	unsigned int port;
	int irq;
	int flags;
	int xmit_fifo_size;
	int custom_divisor;
	int baud_base;
	unsigned short close_delay;
	char io_type;
	char reserved_char[1];
	int hub6;
	unsigned short closing_wait;
	unsigned short closing_wait2;
	unsigned char *iomem_base;
	unsigned short iomem_reg_shift;
	unsigned int port_high;
	unsigned long iomap_base;
};

static long tiocgserial(struct serial_struct __user *arg)
{
	struct serial_struct s;

	memset(&s, 0, sizeof(s));
	s.type = 4;			/* PORT_16550A */
	s.line = 0;			/* ttyS0 */
	s.port = 0x3f8;
	s.irq = 4;
	s.xmit_fifo_size = 16;
	s.baud_base = 115200;
	return copy_to_user(arg, &s, sizeof(s)) ? -EFAULT : 0;
}

static long serial_ioctl(struct tty_struct *tty, struct file *f,
			 unsigned int cmd, unsigned long arg)
{
	if (cmd == TIOCGSERIAL)
		return tiocgserial((struct serial_struct __user *)arg);
	return -ENOIOCTLCMD;
}

static const struct tty_operations serial_ops = {
	.write = serial_write,
	.ioctl = serial_ioctl,
};

/* tty_receive_char - one byte from the UART (interrupt context). */
void tty_receive_char(char ch)
{
	n_tty_receive(&console_tty, &ch, 1);
}

/* console_tty_get - see tty.h. */
struct tty_struct *console_tty_get(void)
{
	return tty_kref_get(&console_tty);
}

/* console_tty_init - the console tty with Linux's default termios at
 * 115200 baud, CLOCAL (boot). */
void console_tty_init(void)
{
	struct termios t = tty_std_termios;

	t.c_cflag = B115200 | CS8 | CREAD | HUPCL | CLOCAL;
	tty_init_struct(&console_tty, &serial_ops, MKDEV(4, 64), &t);
	console_tty.winsize = (struct winsize){ 24, 80, 0, 0 };
}
