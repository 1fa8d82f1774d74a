#!/bin/sh
# tools/kselftest/run.sh KERNEL INITRD LOG [APPEND...]: boot the kselftest
# image on KERNEL (tools/qemu.sh: the same machine for tine and Linux),
# keep the serial console in LOG (without CRs) and show each case's result
# line as it arrives.  QEMU_TIMEOUT bounds the whole run; a panic resets
# the guest at once (panic=-1), which ends QEMU.  The verdict is
# tools/kselftest/report.py's, from the logs.
set -u

if [ $# -lt 3 ]; then
	echo "usage: $0 KERNEL INITRD LOG [APPEND...]" >&2
	exit 2
fi
kernel=$1
initrd=$2
log=$3
shift 3
here=$(dirname "$0")

echo "kselftest: $(basename "$kernel") (log: $log)"
# Only grep, which flushes each line, sits between QEMU and the terminal.
sh "$here/../qemu.sh" "$kernel" "$initrd" panic=-1 "$@" </dev/null 2>&1 |
	tee "$log.raw" |
	grep --line-buffered -E '^ksft-result:|^ksft-done:|[Kk]ernel panic|^panic' |
	sed -u 's/\r$//'
tr -d '\r' < "$log.raw" > "$log"
rm -f "$log.raw"
grep -q '^ksft-done:' "$log" ||
	echo "kselftest: $(basename "$kernel"): the run did not finish (see $log)"
exit 0
