#!/bin/sh
# tools/trace.sh KERNEL IMAGE CMD OUT: boot KERNEL on IMAGE (the run
# image, with busybox) with CMD run by init (user/init.c) under tracing:
# tracefs mounted, the process lifecycle events on, CMD run with sh -c,
# the events off, then the trace printed between markers. The trace goes
# to OUT.txt and tools/forktree draws it into OUT (an .svg or .html).
# The image is copied with a small archive appended (/trace.sh).
set -eu
if [ $# -lt 4 ]; then
	echo "usage: $0 KERNEL IMAGE CMD OUT" >&2
	exit 2
fi
kernel=$1
image=$2
cmd=$3
out=$4
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/root"
cat > "$tmp/root/trace.sh" <<SCRIPT
#!/bin/sh
T=/sys/kernel/tracing
mkdir -p /sys
mount -t sysfs sysfs /sys 2>/dev/null
mount -t tracefs nodev \$T || exit 1
echo > \$T/set_event
echo > \$T/trace
for e in sched:sched_process_fork sched:sched_process_exec sched:sched_process_exit \
	sched:sched_process_wait sched:sched_process_free sched:sched_wakeup_new \
	task:task_newtask task:task_rename; do
	echo \$e >> \$T/set_event
done
sh -c '$(printf '%s' "$cmd" | sed "s/'/'\\\\''/g")'
echo > \$T/set_event
echo "=== trace begin"
cat \$T/trace
echo "=== trace end"
SCRIPT
chmod 755 "$tmp/root/trace.sh"
cp "$image" "$tmp/image.cpio"
(cd "$tmp/root" && echo trace.sh | cpio -o -H newc --owner root:root --quiet) >> "$tmp/image.cpio"
QEMU_TIMEOUT=${TRACE_TIMEOUT:-300} sh "$here/qemu.sh" "$kernel" "$tmp/image.cpio" \
	-- /bin/sh /trace.sh </dev/null | tr -d '\r' > "$tmp/log" || true
sed -n '/^=== trace begin$/,/^=== trace end$/p' "$tmp/log" | sed '1d;$d' > "$out.txt"
if [ ! -s "$out.txt" ]; then
	echo "trace.sh: no trace in the serial log:" >&2
	tail -n 20 "$tmp/log" >&2
	exit 1
fi
python3 "$here/forktree" "$out.txt" -o "$out" \
	--title "$cmd on $(basename "$kernel")"
echo "trace.sh: $out ($(grep -vc '^#' "$out.txt") events in $out.txt)"
