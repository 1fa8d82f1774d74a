#!/bin/sh
# tools/bench-profile.sh KERNEL IMAGE ENTRY [MAP]: where one bench entry's
# time goes in a kernel.  Boots IMAGE (build/bench.cpio) with bench=ENTRY
# under TCG with "-d exec,nochain", counts translation-block executions by
# guest address as QEMU logs them (through a FIFO: the log would be GBs),
# and prints the 30 busiest kernel functions by that count, named from MAP
# (default: KERNEL's nm map, build/tine.map for build/tine).  The counts
# cover the whole boot, so subtract a baseline run if boot matters.  Note
# that each iteration of a rep string instruction is one TB execution.
# ENTRY "none" runs no entry: a boot-only baseline to subtract.
# Slow: about 3 minutes for the fork entry.
set -eu

if [ $# -lt 3 ]; then
	echo "usage: $0 KERNEL IMAGE ENTRY [MAP]" >&2
	exit 2
fi
kernel=$1
image=$2
entry=$3
map=${4:-${kernel%/*}/tine.map}
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkfifo "$tmp/log"

# "Trace N: HOSTPTR [CS_BASE/PC/FLAGS/CFLAGS] SYMBOL": count by PC.
awk '{ split($4, a, "/"); n[a[2]]++ } END { for (pc in n) print pc, n[pc] }' \
	< "$tmp/log" > "$tmp/counts" &
counter=$!
MEM=${MEM:-1G} QEMU_TIMEOUT=${BENCH_TIMEOUT:-900} \
	QEMU_EXTRA="-d exec,nochain -D $tmp/log" \
	sh "$here/qemu.sh" "$kernel" "$image" panic=-1 "bench=$entry" \
	</dev/null | tr -d '\r' | grep -E 'bench|panic' || true
wait $counter
python3 - "$map" "$tmp/counts" <<'PY'
import bisect, sys
syms = []
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) == 3 and f[1] in 'tTwW':
        syms.append((int(f[0], 16), f[2]))
syms.sort()
addrs = [a for a, _ in syms]
by_fn, user, low, total = {}, 0, 0, 0
for line in open(sys.argv[2]):
    f = line.split()
    if len(f) != 2:
        continue
    pc, n = int(f[0], 16), int(f[1])
    total += n
    if pc < 0x100000:
        low += n		# firmware, real mode
    elif pc < 1 << 47:
        user += n
    else:
        i = bisect.bisect_right(addrs, pc) - 1
        name = syms[i][1] if i >= 0 else '?'
        by_fn[name] = by_fn.get(name, 0) + n
print('TB executions: %d (user %d, below 1 MiB %d, kernel %d)' %
      (total, user, low, total - user - low))
for name, n in sorted(by_fn.items(), key=lambda x: -x[1])[:30]:
    print('%12d  %s' % (n, name))
PY
