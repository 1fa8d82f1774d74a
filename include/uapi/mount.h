/* The new mount API's flags and structures, as Linux's <linux/mount.h>. */
#ifndef _UAPI_MOUNT_H
#define _UAPI_MOUNT_H

#include <tine/types.h>

/* open_tree() */
#define OPEN_TREE_CLONE 1		/* a detached copy of the tree */
#define OPEN_TREE_CLOEXEC 02000000	/* O_CLOEXEC */

/* move_mount() */
#define MOVE_MOUNT_F_SYMLINKS 0x01	/* follow symlinks on from path */
#define MOVE_MOUNT_F_AUTOMOUNTS 0x02	/* follow automounts on from path */
#define MOVE_MOUNT_F_EMPTY_PATH 0x04	/* empty from path: from_dfd */
#define MOVE_MOUNT_T_SYMLINKS 0x10
#define MOVE_MOUNT_T_AUTOMOUNTS 0x20
#define MOVE_MOUNT_T_EMPTY_PATH 0x40
#define MOVE_MOUNT_SET_GROUP 0x100	/* make to a peer of from */
#define MOVE_MOUNT__MASK 0x177

/* fsopen() */
#define FSOPEN_CLOEXEC 0x1

/* fspick() */
#define FSPICK_CLOEXEC 0x1
#define FSPICK_SYMLINK_NOFOLLOW 0x2
#define FSPICK_NO_AUTOMOUNT 0x4
#define FSPICK_EMPTY_PATH 0x8

/* fsconfig() commands */
#define FSCONFIG_SET_FLAG 0		/* key, no value */
#define FSCONFIG_SET_STRING 1		/* key, string value */
#define FSCONFIG_SET_BINARY 2		/* key, blob of aux bytes */
#define FSCONFIG_SET_PATH 3		/* key, path relative to aux */
#define FSCONFIG_SET_PATH_EMPTY 4	/* the same, may be empty */
#define FSCONFIG_SET_FD 5		/* key, fd aux */
#define FSCONFIG_CMD_CREATE 6		/* make the superblock */
#define FSCONFIG_CMD_RECONFIGURE 7	/* apply to the picked one */

/* fsmount() */
#define FSMOUNT_CLOEXEC 0x1

/* Mount attributes (fsmount, mount_setattr) */
#define MOUNT_ATTR_RDONLY 0x00000001
#define MOUNT_ATTR_NOSUID 0x00000002
#define MOUNT_ATTR_NODEV 0x00000004
#define MOUNT_ATTR_NOEXEC 0x00000008
#define MOUNT_ATTR__ATIME 0x00000070	/* the atime setting, an enum: */
#define MOUNT_ATTR_RELATIME 0x00000000
#define MOUNT_ATTR_NOATIME 0x00000010
#define MOUNT_ATTR_STRICTATIME 0x00000020
#define MOUNT_ATTR_NODIRATIME 0x00000080
#define MOUNT_ATTR_IDMAP 0x00100000
#define MOUNT_ATTR_NOSYMFOLLOW 0x00200000

/* mount_setattr()'s argument */
struct mount_attr {
	u64 attr_set;
	u64 attr_clr;
	u64 propagation;
	u64 userns_fd;
};

#define MOUNT_ATTR_SIZE_VER0 32

/* AT_RECURSIVE: open_tree and mount_setattr apply to the whole tree */
#define AT_RECURSIVE 0x8000

#endif
