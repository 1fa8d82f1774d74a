/*
 * The ptrace requests that read (or write) a stopped tracee's state
 * beyond PEEK/POKE, as Linux 6.1: PTRACE_GETREGSET/SETREGSET (the
 * regsets are the architecture's: arch_ptrace_regset()),
 * PTRACE_GET_SYSCALL_INFO and PTRACE_PEEKSIGINFO. The tracee is stopped
 * for current and off its CPU (ptrace_check_attach()) whenever these
 * run; PEEKSIGINFO takes its siglock to walk the queues.
 */
#include <tine/err.h>
#include <tine/ptrace.h>
#include <tine/sched.h>
#include <tine/signal.h>
#include <tine/string.h>
#include <tine/uaccess.h>
#include <tine/uio.h>
#include <uapi/errno.h>

#define PTRACE_SYSCALL_INFO_NONE 0
#define PTRACE_SYSCALL_INFO_ENTRY 1
#define PTRACE_SYSCALL_INFO_EXIT 2
#define AUDIT_ARCH_X86_64 0xc000003eU

/* struct ptrace_syscall_info (uapi/linux/ptrace.h). */
struct ptrace_syscall_info {
	u8 op;				/* PTRACE_SYSCALL_INFO_* */
	u8 pad[3];
	u32 arch;			/* AUDIT_ARCH_* */
	u64 instruction_pointer;
	u64 stack_pointer;
	union {
		struct {
			u64 nr;
			u64 args[6];
		} entry;
		struct {
			s64 rval;
			u8 is_error;
		} exit;
	};
};

#define INFO_HEAD_SIZE 24	/* offsetof(struct ptrace_syscall_info, entry) */
#define INFO_ENTRY_SIZE 80	/* ... entry.args + sizeof(entry.args) */
#define INFO_EXIT_SIZE 33	/* ... exit.is_error + 1 */

/* PTRACE_GETREGSET/SETREGSET: type addr, struct iovec at data; the
 * length done goes back into iov_len. */
long ptrace_regset(struct task_struct *child, long request,
		   unsigned int type, struct iovec __user *uiov)
{
	struct iovec kiov;
	size_t len;
	long ret;

	if (copy_from_user(&kiov, uiov, sizeof(kiov)))
		return -EFAULT;
	len = kiov.iov_len;
	ret = arch_ptrace_regset(child, request == PTRACE_SETREGSET, type,
				 kiov.iov_base, &len);
	if (!ret && put_user(len, &uiov->iov_len))
		ret = -EFAULT;
	return ret;
}

/*
 * PTRACE_GET_SYSCALL_INFO: at a syscall stop of a PTRACE_O_TRACESYSGOOD
 * tracee, the call's number and arguments (entry) or its result (exit);
 * elsewhere only where it stands. Copies at most user_size bytes and
 * returns the size of the whole answer.
 */
long ptrace_get_syscall_info(struct task_struct *child, unsigned long user_size,
			     void __user *datap)
{
	struct pt_regs *regs = task_pt_regs(child);
	struct ptrace_syscall_info info;
	unsigned long size = INFO_HEAD_SIZE;
	int code = child->last_siginfo ? child->last_siginfo->si_code : 0;

	memset(&info, 0, sizeof(info));
	info.op = PTRACE_SYSCALL_INFO_NONE;
	info.arch = AUDIT_ARCH_X86_64;
	info.instruction_pointer = regs->ip;
	info.stack_pointer = regs->sp;
	if (code == (SIGTRAP | 0x80) &&
	    child->ptrace_message == PTRACE_EVENTMSG_SYSCALL_ENTRY) {
		info.op = PTRACE_SYSCALL_INFO_ENTRY;
		info.entry.nr = regs->orig_ax;
		info.entry.args[0] = regs->di;
		info.entry.args[1] = regs->si;
		info.entry.args[2] = regs->dx;
		info.entry.args[3] = regs->r10;
		info.entry.args[4] = regs->r8;
		info.entry.args[5] = regs->r9;
		size = INFO_ENTRY_SIZE;
	} else if (code == (SIGTRAP | 0x80) &&
		   child->ptrace_message == PTRACE_EVENTMSG_SYSCALL_EXIT) {
		info.op = PTRACE_SYSCALL_INFO_EXIT;
		info.exit.rval = (long)regs->ax;
		info.exit.is_error = IS_ERR_VALUE(regs->ax);
		size = INFO_EXIT_SIZE;
	}
	if (copy_to_user(datap, &info, MIN(size, user_size)))
		return -EFAULT;
	return size;
}

#define PTRACE_PEEKSIGINFO_SHARED 1

struct ptrace_peeksiginfo_args {
	u64 off;			/* from which queued signal */
	u32 flags;			/* PTRACE_PEEKSIGINFO_SHARED */
	s32 nr;				/* how many */
};

/* The siginfo of the off-th signal queued on child (its own queue or
 * its process's), copied into info: true if there is one. */
static bool peek_one(struct task_struct *child, bool shared, u64 off,
		     siginfo_t *info)
{
	struct sigpending *pending;
	struct sigqueue *q;
	unsigned long f;
	bool found = false;

	if (!lock_task_sighand(child, &f))
		return false;
	pending = shared ? &child->signal->shared_pending : &child->pending;
	list_for_each_entry(q, &pending->list, list) {
		if (!off--) {
			*info = q->info;
			found = true;
			break;
		}
	}
	unlock_task_sighand(child, &f);
	return found;
}

/*
 * PTRACE_PEEKSIGINFO: copy up to nr queued siginfos of child from the
 * off-th on, without dequeuing them. Returns how many, or -EINVAL/-EFAULT
 * (-EFAULT only if none was copied).
 */
long ptrace_peeksiginfo(struct task_struct *child, const void __user *addr,
			siginfo_t __user *data)
{
	struct ptrace_peeksiginfo_args arg;
	siginfo_t info;
	long i;

	if (copy_from_user(&arg, addr, sizeof(arg)))
		return -EFAULT;
	if (arg.flags & ~PTRACE_PEEKSIGINFO_SHARED)
		return -EINVAL;
	if (arg.nr < 0)
		return -EINVAL;
	for (i = 0; i < arg.nr; i++) {
		if (!peek_one(child, arg.flags & PTRACE_PEEKSIGINFO_SHARED,
			      arg.off + i, &info))
			break;
		if (copy_to_user(data + i, &info, sizeof(info)))
			return i ? i : -EFAULT;
		if (fatal_signal_pending(current))
			return i ? i : -EINTR;
	}
	return i;
}
