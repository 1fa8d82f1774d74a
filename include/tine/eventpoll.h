/* epoll's hooks into the rest of the VFS (fs/eventpoll.c). */
#ifndef TINE_EVENTPOLL_H
#define TINE_EVENTPOLL_H

#include <tine/types.h>

struct file;

/*
 * eventpoll_release - f's last reference is gone (__fput): drop every
 * epoll registration of it, as Linux does. May sleep.
 */
void eventpoll_release(struct file *f);

/* Is f an epoll instance? */
bool is_file_epoll(struct file *f);

/*
 * epoll_tfile_raw - the file watched as fd tfd in epoll instance f (the
 * toff-th of them in the order of their file addresses, as Linux), for
 * kcmp(KCMP_EPOLL_TFD): a pointer to compare, never to dereference.
 * -EINVAL if f is no epoll, -ENOENT without such a watch. May sleep.
 */
long epoll_tfile_raw(struct file *f, int tfd, unsigned long toff,
		     const void **raw);

#endif
