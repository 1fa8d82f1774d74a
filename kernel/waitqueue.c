/* Wait queues, completions and mutexes: the ways a task sleeps. */
#include <tine/mutex.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <uapi/errno.h>

void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

void init_wait_entry(struct wait_queue_entry *w)
{
	w->task = current;
	INIT_LIST_HEAD(&w->entry);
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w,
		     long state)
{
	unsigned long f = spin_lock_irqsave(&wq->lock);

	if (list_empty(&w->entry))
		list_add_tail(&w->entry, &wq->head);
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, f);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long f;

	set_current_state(TASK_RUNNING);
	f = spin_lock_irqsave(&wq->lock);
	if (!list_empty(&w->entry))
		list_del_init(&w->entry);
	spin_unlock_irqrestore(&wq->lock, f);
}

void __wake_up(struct wait_queue_head *wq, long mode)
{
	struct wait_queue_entry *w;
	unsigned long f = spin_lock_irqsave(&wq->lock);

	list_for_each_entry(w, &wq->head, entry)
		wake_up_state(w->task, mode);
	spin_unlock_irqrestore(&wq->lock, f);
}

bool waitqueue_active(struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);
}

void init_completion(struct completion *c)
{
	c->done = 0;
	init_waitqueue_head(&c->wait);
}

void complete(struct completion *c)
{
	unsigned long f = spin_lock_irqsave(&c->wait.lock);

	c->done++;
	spin_unlock_irqrestore(&c->wait.lock, f);
	wake_up(&c->wait);
}

void complete_all(struct completion *c)
{
	unsigned long f = spin_lock_irqsave(&c->wait.lock);

	c->done = ~0U / 2;
	spin_unlock_irqrestore(&c->wait.lock, f);
	wake_up(&c->wait);
}

static bool try_consume(struct completion *c)
{
	unsigned long f = spin_lock_irqsave(&c->wait.lock);
	bool ok = c->done > 0;

	if (ok && c->done != ~0U / 2)
		c->done--;
	spin_unlock_irqrestore(&c->wait.lock, f);
	return ok;
}

void wait_for_completion(struct completion *c)
{
	wait_event(c->wait, try_consume(c));
}

int wait_for_completion_killable(struct completion *c)
{
	return wait_event_killable(c->wait, try_consume(c));
}

void mutex_init(struct mutex *m)
{
	spin_lock_init(&m->wait_lock);
	m->owner = NULL;
	init_waitqueue_head(&m->wq);
}

static bool mutex_trylock(struct mutex *m)
{
	unsigned long f = spin_lock_irqsave(&m->wait_lock);
	bool ok = !m->owner;

	if (ok)
		m->owner = current;
	spin_unlock_irqrestore(&m->wait_lock, f);
	return ok;
}

void mutex_lock(struct mutex *m)
{
	BUG_ON(m->owner == current);
	wait_event(m->wq, mutex_trylock(m));
}

int mutex_lock_killable(struct mutex *m)
{
	return wait_event_killable(m->wq, mutex_trylock(m)) ? -EINTR : 0;
}

void mutex_unlock(struct mutex *m)
{
	unsigned long f = spin_lock_irqsave(&m->wait_lock);

	m->owner = NULL;
	spin_unlock_irqrestore(&m->wait_lock, f);
	wake_up(&m->wq);
}

bool mutex_is_locked(struct mutex *m) { return m->owner != NULL; }
