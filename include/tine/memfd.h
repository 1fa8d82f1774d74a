/* memfd_create and file seals (mm/memfd.c). */
#ifndef TINE_MEMFD_H
#define TINE_MEMFD_H

struct file;

/* fcntl's F_ADD_SEALS / F_GET_SEALS (see mm/memfd.c). */
long memfd_fcntl(struct file *f, unsigned int cmd, unsigned long arg);

#endif
