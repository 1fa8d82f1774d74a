/*
 * SysV IPC: the Linux x86-64 ABI of shmget/semget/msgget and their ctl
 * calls (include/uapi/linux/{ipc,shm,sem,msg}.h, asm/{shm,sem,msg}buf.h).
 */
#ifndef UAPI_IPC_H
#define UAPI_IPC_H

#include <tine/types.h>

#define IPC_PRIVATE 0

/* get flags (with the low 9 bits the mode) */
#define IPC_CREAT 00001000
#define IPC_EXCL 00002000
#define IPC_NOWAIT 00004000

/* ctl commands */
#define IPC_RMID 0
#define IPC_SET 1
#define IPC_STAT 2
#define IPC_INFO 3
#define IPC_64 0x0100		/* x86-64 takes only the 64-bit layouts */

struct ipc64_perm {
	int key;
	u32 uid;
	u32 gid;
	u32 cuid;
	u32 cgid;
	u32 mode;
	unsigned short seq;
	unsigned short __pad2;
	unsigned long __unused1;
	unsigned long __unused2;
};

/* --- shared memory --- */
#define SHM_R 0400
#define SHM_W 0200
#define SHM_RDONLY 010000	/* shmat: read-only */
#define SHM_RND 020000		/* shmat: round the address down to SHMLBA */
#define SHM_REMAP 040000	/* shmat: replace what is mapped there */
#define SHM_EXEC 0100000	/* shmat: executable */
#define SHM_HUGETLB 04000	/* shmget: not supported (no hugetlbfs) */
#define SHM_NORESERVE 010000	/* shmget: no swap reservation */

#define SHM_LOCK 11
#define SHM_UNLOCK 12
#define SHM_STAT 13
#define SHM_INFO 14
#define SHM_STAT_ANY 15

#define SHM_DEST 01000		/* mode: destroy on the last detach */
#define SHM_LOCKED 02000	/* mode: SHM_LOCK'ed */

#define SHMLBA 4096
#define SHMMIN 1
#define SHMMNI 4096
#define SHMMAX (~0UL - (1UL << 24))
#define SHMALL (~0UL - (1UL << 24))	/* in pages */
#define SHMSEG SHMMNI

struct shmid64_ds {
	struct ipc64_perm shm_perm;
	size_t shm_segsz;
	long shm_atime;
	long shm_dtime;
	long shm_ctime;
	int shm_cpid;
	int shm_lpid;
	unsigned long shm_nattch;
	unsigned long __unused4;
	unsigned long __unused5;
};

struct shminfo64 {
	unsigned long shmmax;
	unsigned long shmmin;
	unsigned long shmmni;
	unsigned long shmseg;
	unsigned long shmall;
	unsigned long __unused1;
	unsigned long __unused2;
	unsigned long __unused3;
	unsigned long __unused4;
};

struct shm_info {
	int used_ids;
	unsigned long shm_tot;		/* pages of all segments */
	unsigned long shm_rss;		/* pages present */
	unsigned long shm_swp;
	unsigned long swap_attempts;
	unsigned long swap_successes;
};

/* --- semaphores --- */
#define SEM_UNDO 0x1000

#define GETPID 11
#define GETVAL 12
#define GETALL 13
#define GETNCNT 14
#define GETZCNT 15
#define SETVAL 16
#define SETALL 17
#define SEM_STAT 18
#define SEM_INFO 19
#define SEM_STAT_ANY 20

#define SEMMNI 32000
#define SEMMSL 32000
#define SEMMNS (SEMMNI * SEMMSL)
#define SEMOPM 500
#define SEMVMX 32767
#define SEMAEM SEMVMX
#define SEMUME SEMOPM
#define SEMMNU SEMMNS
#define SEMMAP SEMMNS
#define SEMUSZ 20

struct semid64_ds {
	struct ipc64_perm sem_perm;
	long sem_otime;
	unsigned long __unused1;
	long sem_ctime;
	unsigned long __unused2;
	unsigned long sem_nsems;
	unsigned long __unused3;
	unsigned long __unused4;
};

struct sembuf {
	unsigned short sem_num;
	short sem_op;
	short sem_flg;
};

struct seminfo {
	int semmap;
	int semmni;
	int semmns;
	int semmnu;
	int semmsl;
	int semopm;
	int semume;
	int semusz;
	int semvmx;
	int semaem;
};

/* --- message queues --- */
#define MSG_NOERROR 010000	/* msgrcv: truncate a long message */
#define MSG_EXCEPT 020000	/* msgrcv: the first of another type */
#define MSG_COPY 040000		/* msgrcv: copy the msgtyp'th, keep it */

#define MSG_STAT 11
#define MSG_INFO 12
#define MSG_STAT_ANY 13

#define MSGMNI 32000
#define MSGMAX 8192
#define MSGMNB 16384
#define MSGPOOL (MSGMNI * MSGMNB / 1024)
#define MSGTQL MSGMNB
#define MSGMAP MSGMNB
#define MSGSSZ 16
#define MSGSEG 0xffff

struct msqid64_ds {
	struct ipc64_perm msg_perm;
	long msg_stime;
	long msg_rtime;
	long msg_ctime;
	unsigned long msg_cbytes;
	unsigned long msg_qnum;
	unsigned long msg_qbytes;
	int msg_lspid;
	int msg_lrpid;
	unsigned long __unused4;
	unsigned long __unused5;
};

struct msginfo {
	int msgpool;
	int msgmap;
	int msgmax;
	int msgmnb;
	int msgmni;
	int msgssz;
	int msgtql;
	unsigned short msgseg;
};

#endif
