/*
 * kthreadd (kernel/kthread.c): the kernel thread that starts other
 * threads on anyone's behalf, as Linux's kthreadd (pid 2). A thread it
 * starts is its child, so it inherits the initial credentials,
 * namespaces, root and an empty file table whoever asked, and is
 * reaped by no one (kthreadd ignores SIGCHLD): the way for the kernel to
 * run a user program (kernel/umh.c) from a process it must not be a
 * child of.
 */
#ifndef TINE_KTHREAD_H
#define TINE_KTHREAD_H

#include <tine/list.h>

/* A request to kthreadd, owned by the caller until fn or failed runs. */
struct kthread_create_info {
	int (*fn)(void *data);		/* the new thread's body (0: it
					 * exec'd a user program) */
	void *data;			/* fn's argument */
	const char *name;		/* its comm */
	/* Called by kthreadd with -errno if the thread could not be made
	 * (then fn never runs); may be NULL. */
	void (*failed)(void *data, int err);
	struct list_head list;		/* [kthread_create_lock] queued */
};

/* The first kernel thread after init (pid 2): serves the queue. Boot. */
int kthreadd(void *unused);

/*
 * kthreadd_queue - ask kthreadd to start create->fn(create->data) as its
 * child, soon. create must stay valid until fn or failed is called.
 * Any context that may take a spinlock; does not sleep.
 */
void kthreadd_queue(struct kthread_create_info *create);

#endif
