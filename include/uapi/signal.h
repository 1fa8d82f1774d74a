/* Linux x86-64 signal ABI. */
#ifndef UAPI_SIGNAL_H
#define UAPI_SIGNAL_H

#include <tine/types.h>

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31
#define SIGRTMIN 32
#define SIGRTMAX 64
#define _NSIG 64

#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO 0x00000004
#define SA_UNSUPPORTED 0x00000400
#define SA_EXPOSE_TAGBITS 0x00000800
#define SA_RESTORER 0x04000000
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000
/* The flags rt_sigaction keeps; others read back as 0 (Linux 5.11+). */
#define UAPI_SA_FLAGS                                                  \
	(SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK |       \
	 SA_RESTART | SA_NODEFER | SA_RESETHAND | SA_EXPOSE_TAGBITS |  \
	 SA_UNSUPPORTED | SA_RESTORER)

#define SIG_DFL ((void *)0)
#define SIG_IGN ((void *)1)

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SS_AUTODISARM (1U << 31)	/* disarm while a handler runs on it */
#define SS_FLAG_BITS SS_AUTODISARM
#define MINSIGSTKSZ 2048
#define SIGSTKSZ 8192

/* si_code values */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_QUEUE -1
#define SI_TIMER -2
#define SI_MESGQ -3
#define SI_ASYNCIO -4
#define SI_SIGIO -5
#define SI_TKILL -6
#define SI_FROMKERNEL(si) ((si)->si_code > 0)
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define BUS_OBJERR 3
#define ILL_ILLOPC 1
#define ILL_ILLOPN 2
#define FPE_INTDIV 1
#define FPE_INTOVF 2
#define FPE_FLTDIV 3
#define TRAP_BRKPT 1
#define TRAP_TRACE 2
#define TRAP_HWBKPT 4
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_TRAPPED 4
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

typedef struct {
	unsigned long sig[1];
} sigset_t;

struct k_sigaction_user {		/* struct sigaction as the syscall sees it */
	void *handler;
	unsigned long flags;
	void *restorer;
	sigset_t mask;
};

typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

/* Interval timers: setitimer/getitimer. */
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

struct itimerval_k {
	struct {
		long tv_sec;
		long tv_usec;
	} it_interval, it_value;
};

union sigval {
	int sival_int;
	void *sival_ptr;
};

typedef struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	int __pad0;
	union {
		char __pad[128 - 16];
		struct {		/* kill, sigqueue */
			pid_t pid;
			uid_t uid;
			union sigval value;
		} rt;
		struct {		/* SIGCHLD */
			pid_t pid;
			uid_t uid;
			int status;
			int __pad;
			long utime;
			long stime;
		} chld;
		struct {		/* SIGSEGV, SIGBUS, SIGILL, SIGFPE */
			void *addr;
		} fault;
		struct {		/* SIGIO, F_SETSIG signals */
			long band;	/* POLL* bits */
			int fd;
		} poll;
		struct {		/* POSIX timers */
			int tid;
			int overrun;
			union sigval value;
		} timer;
	};
} siginfo_t;

/*
 * What a handler finds on its stack: the x86-64 rt_sigframe. The
 * handler "returns" to pretcode (the libc restorer, which calls
 * rt_sigreturn); the FXSAVE image lives below the frame, 64-byte
 * aligned, and uc_mcontext.fpstate points at it.
 */
#define UC_FP_XSTATE 0x1
#define UC_SIGCONTEXT_SS 0x2
#define UC_STRICT_RESTORE_SS 0x4

struct sigcontext {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip;
	u64 eflags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;			/* user address of the FXSAVE image */
	u64 reserved1[8];
};

struct ucontext {
	unsigned long uc_flags;
	struct ucontext *uc_link;
	stack_t uc_stack;
	struct sigcontext uc_mcontext;
	sigset_t uc_sigmask;		/* last: only 8 bytes in the kernel */
};

struct rt_sigframe {
	char *pretcode;
	struct ucontext uc;
	siginfo_t info;
};

#endif
