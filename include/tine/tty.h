/*
 * The console tty: the UART's receive interrupt feeds it, writes go to
 * console_write(). One tty_struct (the serial line) stands behind
 * /dev/console (5,1), /dev/ttyS0 (4,64) and, for its session, /dev/tty.
 */
#ifndef TINE_TTY_H
#define TINE_TTY_H

#include <tine/types.h>

struct tty_struct;

/* Called from interrupt context with one received byte. */
void tty_receive_char(char c);

/*
 * The calling session leader gives up its controlling tty (exit, or
 * setsid): SIGHUP+SIGCONT to the foreground group when on_exit.
 * Takes tasklist_lock; may be called from process context only.
 */
void disassociate_ctty(int on_exit);

/* "ttyS0" style name of a task's controlling tty, for /proc/pid/stat. */
unsigned int tty_devnum(struct tty_struct *tty);
pid_t tty_get_pgrp(struct tty_struct *tty);

#endif
