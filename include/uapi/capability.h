/*
 * Capabilities, securebits and the prctl options about credentials:
 * the Linux ABI (linux/capability.h, linux/securebits.h, linux/prctl.h).
 */
#ifndef UAPI_CAPABILITY_H
#define UAPI_CAPABILITY_H

#include <tine/types.h>

#define CAP_CHOWN 0
#define CAP_DAC_OVERRIDE 1
#define CAP_DAC_READ_SEARCH 2
#define CAP_FOWNER 3
#define CAP_FSETID 4
#define CAP_KILL 5
#define CAP_SETGID 6
#define CAP_SETUID 7
#define CAP_SETPCAP 8
#define CAP_LINUX_IMMUTABLE 9
#define CAP_NET_BIND_SERVICE 10
#define CAP_NET_BROADCAST 11
#define CAP_NET_ADMIN 12
#define CAP_NET_RAW 13
#define CAP_IPC_LOCK 14
#define CAP_IPC_OWNER 15
#define CAP_SYS_MODULE 16
#define CAP_SYS_RAWIO 17
#define CAP_SYS_CHROOT 18
#define CAP_SYS_PTRACE 19
#define CAP_SYS_PACCT 20
#define CAP_SYS_ADMIN 21
#define CAP_SYS_BOOT 22
#define CAP_SYS_NICE 23
#define CAP_SYS_RESOURCE 24
#define CAP_SYS_TIME 25
#define CAP_SYS_TTY_CONFIG 26
#define CAP_MKNOD 27
#define CAP_LEASE 28
#define CAP_AUDIT_WRITE 29
#define CAP_AUDIT_CONTROL 30
#define CAP_SETFCAP 31
#define CAP_MAC_OVERRIDE 32
#define CAP_MAC_ADMIN 33
#define CAP_SYSLOG 34
#define CAP_WAKE_ALARM 35
#define CAP_BLOCK_SUSPEND 36
#define CAP_AUDIT_READ 37
#define CAP_PERFMON 38
#define CAP_BPF 39
#define CAP_CHECKPOINT_RESTORE 40
#define CAP_LAST_CAP CAP_CHECKPOINT_RESTORE

/* capget/capset */
#define _LINUX_CAPABILITY_VERSION_1 0x19980330
#define _LINUX_CAPABILITY_U32S_1 1
#define _LINUX_CAPABILITY_VERSION_2 0x20071026	/* deprecated */
#define _LINUX_CAPABILITY_U32S_2 2
#define _LINUX_CAPABILITY_VERSION_3 0x20080522
#define _LINUX_CAPABILITY_U32S_3 2

struct __user_cap_header_struct {
	u32 version;
	int pid;
};

struct __user_cap_data_struct {
	u32 effective;
	u32 permitted;
	u32 inheritable;
};

/* securebits (prctl PR_SET_SECUREBITS) */
#define SECURE_NOROOT 0
#define SECURE_NOROOT_LOCKED 1
#define SECURE_NO_SETUID_FIXUP 2
#define SECURE_NO_SETUID_FIXUP_LOCKED 3
#define SECURE_KEEP_CAPS 4
#define SECURE_KEEP_CAPS_LOCKED 5
#define SECURE_NO_CAP_AMBIENT_RAISE 6
#define SECURE_NO_CAP_AMBIENT_RAISE_LOCKED 7

#define issecure_mask(X) (1U << (X))
#define SECBIT_NOROOT issecure_mask(SECURE_NOROOT)
#define SECBIT_NOROOT_LOCKED issecure_mask(SECURE_NOROOT_LOCKED)
#define SECBIT_NO_SETUID_FIXUP issecure_mask(SECURE_NO_SETUID_FIXUP)
#define SECBIT_NO_SETUID_FIXUP_LOCKED \
	issecure_mask(SECURE_NO_SETUID_FIXUP_LOCKED)
#define SECBIT_KEEP_CAPS issecure_mask(SECURE_KEEP_CAPS)
#define SECBIT_KEEP_CAPS_LOCKED issecure_mask(SECURE_KEEP_CAPS_LOCKED)
#define SECBIT_NO_CAP_AMBIENT_RAISE issecure_mask(SECURE_NO_CAP_AMBIENT_RAISE)
#define SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED \
	issecure_mask(SECURE_NO_CAP_AMBIENT_RAISE_LOCKED)
#define SECURE_ALL_BITS                                                  \
	(issecure_mask(SECURE_NOROOT) | issecure_mask(SECURE_NO_SETUID_FIXUP) | \
	 issecure_mask(SECURE_KEEP_CAPS) |                                 \
	 issecure_mask(SECURE_NO_CAP_AMBIENT_RAISE))
#define SECURE_ALL_LOCKS (SECURE_ALL_BITS << 1)

/* prctl options about credentials */
#define PR_GET_DUMPABLE 3
#define PR_SET_DUMPABLE 4
#define PR_GET_KEEPCAPS 7
#define PR_SET_KEEPCAPS 8
#define PR_CAPBSET_READ 23
#define PR_CAPBSET_DROP 24
#define PR_GET_SECUREBITS 27
#define PR_SET_SECUREBITS 28
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_IS_SET 1
#define PR_CAP_AMBIENT_RAISE 2
#define PR_CAP_AMBIENT_LOWER 3
#define PR_CAP_AMBIENT_CLEAR_ALL 4

/* dumpable: mm->dumpable, /proc/sys/fs/suid_dumpable */
#define SUID_DUMP_DISABLE 0
#define SUID_DUMP_USER 1
#define SUID_DUMP_ROOT 2

#endif
