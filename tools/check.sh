#!/bin/sh
# tools/check.sh KERNEL INITRD [APPEND...]: boot the check image headless,
# echo the serial console, keep it in $BUILD/check-<kernel>.log, and judge
# the run.  Fails on a kernel panic, a timeout or hang, any `not ok` line,
# a failed count other than 0, or a missing final summary.  The last line
# printed is always `N passed, M failed` so CI can read it; when the guest
# never printed one, a summary is made from the lines seen plus one failure.
#   CHECK_TIMEOUT=1200 seconds before the run counts as hung (each test
#   program also has a 30 s limit inside the guest; a whole run takes
#   2-4 min, more under -smp 4 on a loaded host)
#   CHECK_LOG=FILE    the serial log (default $BUILD/check-<kernel>.log)
# The fuzzer's victim memory carries a marker (tools/fuzz/args.c); seen on
# the console it means the kernel wrote a process's memory there.
set -u

if [ $# -lt 2 ]; then
	echo "usage: $0 KERNEL INITRD [APPEND...]" >&2
	exit 2
fi
kernel=$1
initrd=$2
shift 2
here=$(dirname "$0")
build=${BUILD:-build}
mkdir -p "$build"
log=${CHECK_LOG:-"$build/check-$(basename "$kernel").log"}

timeout=${CHECK_TIMEOUT:-1200}
panic_re='^(\[[ 0-9.]*\] *)?(kernel panic|panic)'

# boot: run QEMU in the background with the serial log going to $log.raw,
# echo the log live, and stop QEMU a few seconds after a panic (a panicked
# kernel may halt rather than reset, and waiting for the timeout is slow).
# With panic=-1 both kernels reset at once, which ends QEMU (-no-reboot).
boot() {
	: > "$log.raw"
	(
		QEMU_TIMEOUT=$timeout sh "$here/qemu.sh" "$kernel" "$initrd" \
			panic=-1 "$@" </dev/null >"$log.raw" 2>&1 &
		echo $! > "$log.pid"
		wait $!
		echo $? > "$log.rc"
	) &
	boot_pid=$!
	tail -n +1 -f --pid=$boot_pid "$log.raw" &
	tail_pid=$!
	while kill -0 $boot_pid 2>/dev/null; do
		if grep -Eiq "$panic_re" "$log.raw"; then
			sleep 3
			kill "$(cat "$log.pid")" 2>/dev/null
			break
		fi
		sleep 1
	done
	wait $boot_pid
	wait $tail_pid
}

boot "$@"
rc=$(cat "$log.rc" 2>/dev/null || echo 1)
tr -d '\r' < "$log.raw" > "$log"
rm -f "$log.raw" "$log.rc" "$log.pid"

fail() {
	echo "check.sh: FAIL: $*" >&2
	problems=$((problems + 1))
}
problems=0

# A known failure on tine is a TAP TODO line, counted as skipped.
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' "$log" | tail -n 1)
oks=$(grep -c '^ok' "$log")
notoks=$(grep '^not ok' "$log" | grep -vc '# TODO known failure')

# timeout(1) exits 124, or 137 when it had to SIGKILL QEMU.
case $rc in
124|137) fail "timeout: no power-off within $timeout s" ;;
143) fail "QEMU stopped after a panic" ;;
0) ;;
*) fail "QEMU exited with status $rc" ;;
esac
if grep -Eiq "$panic_re" "$log"; then
	fail "kernel panic"
fi
# tine.lockdep's reports: a lock order inversion, a recursive rwlock,
# a sleep or user access with a spinlock held.
if grep -Eq '^lockdep: (lock order inversion|recursive rwlock|might sleep)' "$log"; then
	fail "lockdep: $(grep -Ec '^lockdep: (lock order|recursive|might sleep)' "$log") report(s)"
fi
if grep -q '<FUZZ-MEMORY>' "$log"; then
	fail "a process's memory was written to the console"
fi
[ "$notoks" -eq 0 ] || fail "$notoks 'not ok' line(s):
$(grep '^not ok' "$log" | grep -v '# TODO known failure')"
if [ -z "$summary" ]; then
	fail "no 'N passed, M failed' summary (timeout, hang or crash; see $log)"
else
	failed=$(echo "$summary" | sed 's/.* passed, \([0-9]*\) failed.*/\1/')
	passed=${summary%% passed*}
	[ "$failed" -eq 0 ] || fail "guest reports $failed failed"
	# A mismatch means the console lost or mangled test lines.
	[ "$passed" -eq "$oks" ] && [ "$failed" -eq "$notoks" ] ||
		echo "check.sh: warning: summary '$summary' but log has $oks ok, $notoks not ok" >&2
fi

if [ "$problems" -eq 0 ]; then
	echo "$summary"
	exit 0
fi
if [ -n "$summary" ]; then
	echo "$summary"
else
	echo "$oks passed, $((notoks + 1)) failed"
fi
exit 1
