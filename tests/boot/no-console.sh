#!/bin/sh
# The archive puts a directory where /dev/console was: the kernel cannot
# open a console, says so, and runs init with fds 0-2 closed.
# stage: mkdir -p dev/console
# expect: Warning: unable to open an initial console\.
. /lib/boot-test.sh

# Only builtins and plain commands until the console is open: a pipe
# or a redirection would take fd 0.
mkdir -p /proc /tmp/dev
mount -t proc proc /proc
fds=
for fd in 0 1 2; do
	if [ -e /proc/self/fd/$fd ]; then fds="$fds open"; else fds="$fds closed"; fi
done
mount -t devtmpfs devtmpfs /tmp/dev
exec >/tmp/dev/ttyS0 2>&1
echo "ok - init runs without a console"
is "fds 0-2 of init" "$fds" " closed closed closed"
poweroff -f
