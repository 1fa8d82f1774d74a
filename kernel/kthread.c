/*
 * kthreadd: the kernel thread that starts threads for others (Linux's
 * kthreadd, pid 2, child of the idle task). Whoever asks, the new
 * thread is a copy of kthreadd: initial credentials and namespaces,
 * init_task's root and (empty) file table, default signal state.
 * kthreadd ignores SIGCHLD, so its children are reaped as they exit.
 *
 * Lock: kthread_create_lock guards the request queue (a leaf spinlock,
 * taken with interrupts saved; nothing is taken inside it).
 */
#include <tine/err.h>
#include <tine/kthread.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/spinlock.h>
#include <tine/wait.h>
#include <uapi/errno.h>

static DEFINE_SPINLOCK(kthread_create_lock);
static LIST_HEAD(kthread_create_list);		/* [kthread_create_lock] */
static DECLARE_WAIT_QUEUE_HEAD(kthreadd_wait);

/* kthreadd_queue - see tine/kthread.h. */
void kthreadd_queue(struct kthread_create_info *create)
{
	unsigned long f = spin_lock_irqsave(&kthread_create_lock);

	list_add_tail(&create->list, &kthread_create_list);
	spin_unlock_irqrestore(&kthread_create_lock, f);
	wake_up(&kthreadd_wait);
}

/* The oldest request, off the queue, or NULL. */
static struct kthread_create_info *next_request(void)
{
	struct kthread_create_info *create = NULL;
	unsigned long f = spin_lock_irqsave(&kthread_create_lock);

	if (!list_empty(&kthread_create_list)) {
		create = list_entry(kthread_create_list.next,
				    struct kthread_create_info, list);
		list_del_init(&create->list);
	}
	spin_unlock_irqrestore(&kthread_create_lock, f);
	return create;
}

static bool have_requests(void)
{
	unsigned long f = spin_lock_irqsave(&kthread_create_lock);
	bool ret = !list_empty(&kthread_create_list);

	spin_unlock_irqrestore(&kthread_create_lock, f);
	return ret;
}

/* kthreadd - see tine/kthread.h. Never returns. */
int kthreadd(void *unused)
{
	struct kthread_create_info *create;
	struct task_struct *p;
	unsigned long f;

	/* Children nobody waits for are reaped at once. (A kernel thread
	 * takes no signal it did not raise itself: the wait below is
	 * never cut short.) */
	f = spin_lock_irqsave(&current->sighand->siglock);
	current->sighand->action[SIGCHLD - 1].handler = SIG_IGN;
	spin_unlock_irqrestore(&current->sighand->siglock, f);
	for (;;) {
		wait_event_interruptible(kthreadd_wait, have_requests());
		while ((create = next_request())) {
			p = kernel_thread_create(create->fn, create->data,
						 create->name);
			if (IS_ERR_OR_NULL(p) && create->failed)
				create->failed(create->data,
					       p ? PTR_ERR(p) : -ENOMEM);
		}
	}
	return 0;
}
