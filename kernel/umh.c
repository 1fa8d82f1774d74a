/*
 * User-mode helpers: the kernel runs a user program (Linux's
 * kernel/umh.c). call_usermodehelper_exec() queues the request to
 * kthreadd, whose child (so: root, full capabilities, the initial
 * namespaces, init's root and cwd, no files, whoever asked) resets its
 * signal handling, lets the caller's init hook adjust its credentials
 * and files, and execs the program. UMH_WAIT_PROC goes through one more
 * kernel thread, which waits for the helper as its parent.
 *
 * The info is the caller's while it waits (UMH_WAIT_EXEC/PROC: the
 * helper side only completes it) and the helper side's under
 * UMH_NO_WAIT (it frees it). Waits are uninterruptible, as Linux's
 * without UMH_KILLABLE.
 */
#include <tine/binfmts.h>
#include <tine/cred.h>
#include <tine/err.h>
#include <tine/mm.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/umh.h>
#include <tine/wait_api.h>
#include <uapi/errno.h>

static void call_usermodehelper_freeinfo(struct subprocess_info *info)
{
	if (info->cleanup)
		info->cleanup(info);
	kfree(info);
}

/* The helper side is done with info: wake the waiter, or free it. */
static void umh_complete(struct subprocess_info *info)
{
	struct completion *comp = info->complete;

	if (comp)
		complete(comp);		/* info is the waiter's again */
	else
		call_usermodehelper_freeinfo(info);
}

/* Default handlers and an empty mask, as a fresh process. */
static void umh_reset_signals(void)
{
	unsigned long f = spin_lock_irqsave(&current->sighand->siglock);

	flush_signal_handlers(current, true);
	sigemptyset(&current->blocked);
	spin_unlock_irqrestore(&current->sighand->siglock, f);
}

/* Credentials from kthreadd's, through the init hook; then the exec.
 * 0 or -errno. */
static int umh_exec(struct subprocess_info *info)
{
	struct cred *new = prepare_creds();
	int ret;

	if (!new)
		return -ENOMEM;
	if (info->init) {
		ret = info->init(info, new);
		if (ret) {
			abort_creds(new);
			return ret;
		}
	}
	commit_creds(new);
	return kernel_execve(info->path, info->argv, info->envp);
}

/* The helper thread (kthreadd's child, or the waiter's under
 * UMH_WAIT_PROC). Returns 0 to enter the program; exits if it could
 * not exec (the error is in info->retval). */
static int call_usermodehelper_exec_async(void *data)
{
	struct subprocess_info *info = data;
	int ret;

	umh_reset_signals();
	ret = umh_exec(info);
	info->retval = ret;
	if (info->wait != UMH_WAIT_PROC)
		umh_complete(info);	/* info may be gone from here on */
	if (!ret)
		return 0;
	do_exit(0);
}

/* UMH_WAIT_PROC: start the helper as our child and wait for its exit;
 * its status, if not 0, becomes the result. Then this thread ends. */
static int call_usermodehelper_exec_sync(void *data)
{
	struct subprocess_info *info = data;
	struct task_struct *p;
	int status = -ECHILD;
	unsigned long f;

	/* kthreadd's SIGCHLD is ignored: ours must not be, to wait. */
	f = spin_lock_irqsave(&current->sighand->siglock);
	current->sighand->action[SIGCHLD - 1].handler = SIG_DFL;
	spin_unlock_irqrestore(&current->sighand->siglock, f);
	p = kernel_thread_create(call_usermodehelper_exec_async, info,
				 "kworker/umh");
	if (IS_ERR_OR_NULL(p)) {
		info->retval = p ? PTR_ERR(p) : -ENOMEM;
	} else {
		/* Our child: a zombie until we reap it, so p stays valid. */
		if (kernel_wait(task_pid_vnr(p), &status) < 0)
			status = -ECHILD;
		if (status)
			info->retval = status;
	}
	umh_complete(info);
	do_exit(0);
}

/* kthreadd could not start the thread. */
static void umh_spawn_failed(void *data, int err)
{
	struct subprocess_info *info = data;

	info->retval = err;
	umh_complete(info);
}

/* call_usermodehelper_setup - see tine/umh.h. */
struct subprocess_info *call_usermodehelper_setup(
	const char *path, char **argv, char **envp,
	int (*init)(struct subprocess_info *info, struct cred *new),
	void (*cleanup)(struct subprocess_info *info), void *data)
{
	struct subprocess_info *info = kzalloc(sizeof(*info));

	if (!info)
		return NULL;
	info->path = path;
	info->argv = argv;
	info->envp = envp;
	info->init = init;
	info->cleanup = cleanup;
	info->data = data;
	info->create.data = info;
	info->create.name = "kworker/umh";
	info->create.failed = umh_spawn_failed;
	return info;
}

/* call_usermodehelper_exec - see tine/umh.h. */
int call_usermodehelper_exec(struct subprocess_info *info, int wait)
{
	struct completion done;
	int ret;

	if (!info->path || !info->path[0]) {
		call_usermodehelper_freeinfo(info);
		return -EINVAL;
	}
	info->wait = wait;
	info->create.fn = wait == UMH_WAIT_PROC ?
				  call_usermodehelper_exec_sync :
				  call_usermodehelper_exec_async;
	if (wait == UMH_NO_WAIT) {
		info->complete = NULL;
		kthreadd_queue(&info->create);
		return 0;
	}
	init_completion(&done);
	info->complete = &done;
	kthreadd_queue(&info->create);
	wait_for_completion(&done);
	ret = info->retval;
	call_usermodehelper_freeinfo(info);
	return ret;
}

/* call_usermodehelper - see tine/umh.h. */
int call_usermodehelper(const char *path, char **argv, char **envp, int wait)
{
	struct subprocess_info *info;

	info = call_usermodehelper_setup(path, argv, envp, NULL, NULL, NULL);
	if (!info)
		return -ENOMEM;
	return call_usermodehelper_exec(info, wait);
}
