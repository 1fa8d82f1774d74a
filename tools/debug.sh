#!/bin/sh
# tools/debug.sh KERNEL INITRD [APPEND...]: boot like tools/qemu.sh, but
# with QEMU's gdb stub on tcp::1234 and the CPU stopped before the first
# instruction.  In another terminal:
#   gdb KERNEL -ex 'target remote :1234' -ex 'hbreak start_kernel' -ex c
# (use the kernel's own entry symbol; hardware breakpoints work before
# paging is set up).
set -eu
here=$(dirname "$0")
echo "debug.sh: gdb stub on :1234, CPU halted; attach with: gdb $1 -ex 'target remote :1234'" >&2
QEMU_EXTRA="${QEMU_EXTRA:-} -s -S" exec sh "$here/qemu.sh" "$@"
