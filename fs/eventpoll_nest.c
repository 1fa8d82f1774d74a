/*
 * epoll's checks for nested instances (an instance watching another),
 * run under epmutex when an EPOLL_CTL_ADD could nest: ep_loop_check()
 * refuses a loop or a chain deeper than EP_MAX_NESTS (ELOOP), and
 * reverse_path_check() limits the wake-up paths from each non-epoll
 * file reached through nested instances (EINVAL), as Linux does.
 */
#include <tine/eventpoll.h>
#include <tine/fs.h>
#include <tine/mutex.h>
#include <tine/sched.h>
#include <tine/spinlock.h>
#include <tine/string.h>
#include <uapi/errno.h>
#include "eventpoll_internal.h"

static u64 loop_check_gen;		/* [epmutex] */
static struct eventpoll *inserting_into;	/* [epmutex] */

/*
 * Non-epoll files reached by a loop check (reverse_path_check looks at
 * each). A small fixed list: the files of one check, [epmutex].
 */
#define TFILE_CHECK_MAX 256
static struct file *tfile_check_list[TFILE_CHECK_MAX];
static int tfile_check_nr;		/* [epmutex] -1: too many */

/* Note a non-epoll file reached below the new item (once). */
static void list_file(struct file *f)
{
	int i;

	if (tfile_check_nr < 0)
		return;
	for (i = 0; i < tfile_check_nr; i++)
		if (tfile_check_list[i] == f)
			return;
	if (tfile_check_nr == TFILE_CHECK_MAX)
		tfile_check_nr = -1;	/* the path check then refuses */
	else
		tfile_check_list[tfile_check_nr++] = f;
}

/*
 * How deep do instances nest below ep (0: no instance items)? More
 * than EP_MAX_NESTS when a chain is too deep or reaches
 * inserting_into (a loop). Visits each instance once per check.
 */
static int ep_loop_check_proc(struct eventpoll *ep, int depth)
{
	struct epitem *epi;
	unsigned int i;
	int result = 0;

	if (ep->gen == loop_check_gen)
		return ep->loop_check_depth;
	mutex_lock(&ep->mtx);
	ep->gen = loop_check_gen;
	for (i = 0; i < ep->hash_size && result <= EP_MAX_NESTS; i++)
		list_for_each_entry(epi, &ep->hash[i], hnode) {
			struct eventpoll *sub;

			if (!is_file_epoll(epi->file)) {
				list_file(epi->file);
				continue;
			}
			sub = epi->file->private_data;
			if (sub == inserting_into || depth > EP_MAX_NESTS)
				result = EP_MAX_NESTS + 1;
			else
				result = MAX(result,
					     ep_loop_check_proc(sub, depth + 1) + 1);
			if (result > EP_MAX_NESTS)
				break;
		}
	ep->loop_check_depth = result;
	mutex_unlock(&ep->mtx);
	return result;
}

/* How many instances watch ep, at most, one above the other? */
static int ep_upwards_depth(struct eventpoll *ep, int depth)
{
	struct epitem *epi;
	unsigned long f;
	int result = 0;

	if (depth > EP_MAX_NESTS)
		return depth;
	f = spin_lock_irqsave(&ep->file->f_lock);
	list_for_each_entry(epi, &ep->file->f_ep_links, fllink)
		result = MAX(result,
			     ep_upwards_depth(epi->ep, depth + 1) + 1);
	spin_unlock_irqrestore(&ep->file->f_lock, f);
	return result;
}

/* May ep watch the instance to? -1: a loop or too deep a chain. */
static int ep_loop_check(struct eventpoll *ep, struct eventpoll *to)
{
	int depth;

	inserting_into = ep;
	depth = ep_loop_check_proc(to, 0);
	if (depth > EP_MAX_NESTS)
		return -1;
	return depth + 1 + ep_upwards_depth(ep, 0) > EP_MAX_NESTS ? -1 : 0;
}

/* Wake-up paths allowed from one file, by length (Linux's limits). */
static const int path_limits[EP_MAX_NESTS + 1] = { 1000, 500, 100, 50, 10 };
static int path_count[EP_MAX_NESTS + 1];

/*
 * Count the paths up from the items watching f; -1 past a limit. Each
 * file's list is walked under its f_lock (nested upwards: the graph
 * has no loops).
 */
static int reverse_path_check_proc(struct file *f, int depth)
{
	struct epitem *epi;
	unsigned long fl;
	int error = 0;

	if (depth > EP_MAX_NESTS)
		return -1;
	fl = spin_lock_irqsave(&f->f_lock);
	list_for_each_entry(epi, &f->f_ep_links, fllink) {
		struct file *up = epi->ep->file;

		if (list_empty(&up->f_ep_links))
			error = depth && ++path_count[depth] >
						 path_limits[depth] ? -1 : 0;
		else
			error = reverse_path_check_proc(up, depth + 1);
		if (error)
			break;
	}
	spin_unlock_irqrestore(&f->f_lock, fl);
	return error;
}

/* reverse_path_check - see eventpoll_internal.h. */
int reverse_path_check(void)
{
	int i, error;

	mutex_assert_held(&epmutex);
	if (tfile_check_nr < 0)
		return -1;
	for (i = 0; i < tfile_check_nr; i++) {
		memset(path_count, 0, sizeof(path_count));
		error = reverse_path_check_proc(tfile_check_list[i], 0);
		if (error)
			return error;
	}
	return 0;
}

/* ep_ctl_nest_check - see eventpoll_internal.h. */
int ep_ctl_nest_check(struct eventpoll *ep, struct file *tf, bool *full)
{
	bool nested;
	unsigned long f;

	f = spin_lock_irqsave(&ep->file->f_lock);
	nested = !list_empty(&ep->file->f_ep_links);
	spin_unlock_irqrestore(&ep->file->f_lock, f);
	*full = false;
	if (!nested && !is_file_epoll(tf))
		return 0;
	mutex_lock(&epmutex);
	*full = true;
	loop_check_gen++;
	tfile_check_nr = 0;
	if (is_file_epoll(tf)) {
		if (ep_loop_check(ep, tf->private_data))
			return -ELOOP;
	} else {
		list_file(tf);
	}
	return 0;
}
