#!/bin/sh
# tools/bench.sh TINE IMAGE: boot the bench image (tools/bench-image.sh) on
# tine and on Debian's Linux (tools/fetch-linux.sh) with the same QEMU
# command line, in each mode, BENCH_RUNS times each, keep every serial log
# in $BUILD/bench/MODE-KERNEL-RUN.log, then have tools/bench_report.py
# print one table per mode and write the results (docs/bench.md).
#   BENCH_MODES="icount tcg smp2 smp4"  icount: -icount shift=0,sleep=off
#                             (the TSC counts guest instructions) and an RTC
#                             that starts at a fixed date and follows the
#                             virtual clock (else Linux seeds its randomness,
#                             hence ASLR, from the host's time of day and runs
#                             differ by ~0.1%); tcg: plain TCG; smp2, smp4:
#                             multi-threaded TCG with 2 or 4 vCPUs (wall
#                             clock: Linux 6.1 hangs bringing up a second CPU
#                             under -icount)
#   BENCH_RUNS=2              boots per kernel in icount and tcg modes
#   BENCH_SMP_RUNS=3          boots per kernel in smp modes (the kernels
#                             alternate: tine, Linux, tine...)
#   BENCH_KERNELS="linux tine"
#   BENCH_ONLY=NAME[,...]     only these entries (bench= for bench/init.c);
#                             results then go to $BUILD/bench/results
#   BENCH_RESULTS=DIR         where the .md, .csv and .svg files go
#   BENCH_TIMEOUT=600         seconds one boot may take
#   MEM=1G                    guest memory (fork-mem-512 needs it)
set -u

if [ $# -lt 2 ]; then
	echo "usage: $0 TINE IMAGE" >&2
	exit 2
fi
tine=$1
image=$2
here=$(dirname "$0")
build=${BUILD:-build}
logs=$build/bench
mkdir -p "$logs"
modes=${BENCH_MODES:-icount tcg smp2 smp4}
runs=${BENCH_RUNS:-2}
smp_runs=${BENCH_SMP_RUNS:-3}
kernels=${BENCH_KERNELS:-linux tine}
only=${BENCH_ONLY:-}
if [ -n "$only" ]; then
	results=${BENCH_RESULTS:-$build/bench/results}
else
	results=${BENCH_RESULTS:-bench/results}
fi
timeout=${BENCH_TIMEOUT:-600}
export MEM="${MEM:-1G}"

sh "$here/deps.sh" qemu-system-x86_64 python3 || exit 1
linux=
case " $kernels " in
*" linux "*)
	linux=$(sh "$here/fetch-linux.sh") || {
		echo "bench.sh: no Linux kernel: its column will be n/a" >&2
		linux=
	}
	;;
esac

append="panic=-1 ${BENCH_APPEND:-}"
[ -z "$only" ] || append="$append bench=$only"

# boot KERNEL LOG: one run, serial output (without CRs) into LOG.  QEMU is
# stopped a few seconds after a panic line: a panicked tine halts rather
# than resets, and waiting for the timeout would be slow.
boot() {
	: > "$2.raw"
	QEMU_TIMEOUT=$timeout sh "$here/qemu.sh" "$1" "$image" $append \
		</dev/null >"$2.raw" 2>&1 &
	qemu=$!
	while kill -0 $qemu 2>/dev/null; do
		if grep -Eiq '(kernel panic|^panic|\] panic)' "$2.raw"; then
			sleep 3
			kill $qemu 2>/dev/null
			break
		fi
		sleep 1
	done
	wait $qemu
	rc=$?
	tr -d '\r' < "$2.raw" > "$2"
	rm -f "$2.raw"
	return $rc
}

start_all=$(date +%s)
for mode in $modes; do
	case $mode in
	icount) export QEMU_EXTRA="-icount shift=0,sleep=off -rtc base=2024-01-01T00:00:00,clock=vm" ;;
	tcg) export QEMU_EXTRA="" ;;
	smp2) export QEMU_EXTRA="-smp 2 -accel tcg,thread=multi" ;;
	smp4) export QEMU_EXTRA="-smp 4 -accel tcg,thread=multi" ;;
	*) echo "bench.sh: unknown mode $mode (icount, tcg, smp2, smp4)" >&2
	   exit 2 ;;
	esac
	echo "$QEMU_EXTRA" > "$logs/$mode.qemu"
	mode_runs=$runs
	case $mode in smp*) mode_runs=$smp_runs ;; esac
	run=1
	while [ "$run" -le "$mode_runs" ]; do
		for k in $kernels; do
			log=$logs/$mode-$k-$run.log
			rm -f "$log"
			case $k in
			linux) path=$linux ;;
			tine) path=$tine ;;
			*) echo "bench.sh: unknown kernel $k" >&2; exit 2 ;;
			esac
			if [ -z "$path" ]; then
				: > "$log"
				continue
			fi
			t0=$(date +%s)
			boot "$path" "$log"
			rc=$?
			echo "bench.sh: $mode $k run $run: $(($(date +%s) - t0)) s, QEMU status $rc, $(grep -c 'bench .* median' "$log") results" >&2
		done
		run=$((run + 1))
	done
done
echo "bench.sh: all boots took $(($(date +%s) - start_all)) s" >&2

# shellcheck disable=SC2086 # lists of words
python3 "$here/bench_report.py" --logs "$logs" --results "$results" \
	--modes "$modes" --runs "$runs" --smp-runs "$smp_runs" \
	--kernels "$kernels" \
	--linux "${linux:-none}" --tine "$tine" --only "$only" \
	--command "make bench${only:+ BENCH_ONLY=$only} (MEM=$MEM, BENCH_RUNS=$runs)"
