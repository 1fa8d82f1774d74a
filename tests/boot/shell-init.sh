#!/bin/sh
# A plain initramfs as most are made: /init is a shell script, the
# archive has no /dev and no /proc, and init opens nothing itself.  The
# kernel must hand it the console as fds 0-2 and the command line words
# it does not take as arguments and environment.
# append: console=ttyS0,115200n8 init=/not/used HOME=/root foo=bar a.b=c ro "q=a b" panic=-1 arg1 -- arg2 "x y" k=v -- dropped
# expect: Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000000
# expect-not: Run /init as init process
# expect-not: Warning: unable to open an initial console
. /lib/boot-test.sh

echo "ok - init writes to fd 1"
echo "ok - init writes to fd 2" >&2
is "pid" "$$" 1
for fd in 0 1 2; do
	tty=no
	[ -t $fd ] && tty=yes
	is "fd $fd is a tty" $tty yes
done
mkdir /proc && mount -t proc proc /proc
for fd in 0 1 2; do
	is "fd $fd" "$(readlink /proc/$$/fd/$fd)" /dev/console
done
is "/dev/console" "$(stat -c '%A %t,%T %u:%g' /dev/console)" "crw------- 5,1 0:0"
is "/dev" "$(stat -c '%A' /dev)" drwxr-xr-x
is "/root" "$(stat -c '%A' /root)" drwx------
# init= is ignored when the initramfs has /init, and drops the words
# before it; words with '=' go to the environment, a.b=c (a module's)
# nowhere; the rest, and everything after "--" up to another "--", are
# arguments.
is "argv" "$0|$1|$2|$3|$4|$#" "/init|arg1|arg2|x y|k=v|4"
is "HOME" "$HOME" /root
is "TERM" "$TERM" linux
is "foo" "$foo" bar
is "q" "$q" "a b"
is "environment" "$(env | sed 's/=.*//' | LC_ALL=C sort | tr '\n' ' ')" "HOME PATH PWD SHLVL TERM foo q "
case "$(cat /proc/cmdline)" in
*'foo=bar a.b=c ro "q=a b" panic=-1 arg1 -- arg2 "x y" k=v -- dropped') echo "ok - /proc/cmdline" ;;
*) echo "not ok - /proc/cmdline: $(cat /proc/cmdline)" ;;
esac
# Exiting kills init: a panic, and panic=-1 reboots at once, which ends
# QEMU (-no-reboot).
exit 0
