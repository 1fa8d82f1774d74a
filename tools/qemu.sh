#!/bin/sh
# tools/qemu.sh KERNEL INITRD [APPEND...]: boot KERNEL with INITRD as the
# initramfs on QEMU's PC machine with the serial port on stdio.  This is the
# one QEMU command line for both tine and Linux, so both kernels see the
# same machine.
#   MEM=256M          guest memory
#   QEMU_EXTRA=...    extra QEMU options, e.g. "-machine q35 -cpu max"
#   QEMU_TIMEOUT=0    seconds before QEMU is killed (0: never)
# The guest powers off with reboot(LINUX_REBOOT_CMD_POWER_OFF) (ACPI), and
# -no-reboot makes a guest reset (triple fault, panic reboot) exit QEMU too.
set -eu

if [ $# -lt 2 ]; then
	echo "usage: $0 KERNEL INITRD [APPEND...]" >&2
	exit 2
fi
kernel=$1
initrd=$2
shift 2
append="$*"

# timeout(1) runs QEMU in a background process group, where an
# interactive terminal would stop it (SIGTTIN): only use it when asked.
if [ "${QEMU_TIMEOUT:-0}" = 0 ]; then
	set --
else
	set -- timeout -k 5 "$QEMU_TIMEOUT"
fi
# shellcheck disable=SC2086 # QEMU_EXTRA is a list of options
exec "$@" qemu-system-x86_64 \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 quiet $append" \
	-nographic -no-reboot -m "${MEM:-256M}" -serial mon:stdio \
	${QEMU_EXTRA:-}
