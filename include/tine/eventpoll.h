/* epoll's hooks into the rest of the VFS (fs/eventpoll.c). */
#ifndef TINE_EVENTPOLL_H
#define TINE_EVENTPOLL_H

struct file;

/*
 * eventpoll_release - f's last reference is gone (__fput): drop every
 * epoll registration of it, as Linux does. May sleep.
 */
void eventpoll_release(struct file *f);

/* Is f an epoll instance? */
bool is_file_epoll(struct file *f);

#endif
