#!/bin/sh
# tools/bench-profile.sh KERNEL IMAGE ENTRY [MAP]: where one bench entry's
# time goes in a kernel.  Boots IMAGE (build/bench.cpio) with bench=ENTRY
# under TCG with "-d in_asm,exec,nochain", counts translation-block
# executions by guest address as QEMU logs them (through a FIFO: the log
# would be GBs), and prints the 30 busiest kernel functions, named from MAP
# (default: KERNEL's nm map, build/tine.map for build/tine).  The counts
# cover the whole boot, so subtract a baseline run if boot matters.  Note
# that each iteration of a rep string instruction is one TB execution.
# ENTRY "none" runs no entry: a boot-only baseline to subtract.
# The guest runs under -icount as in make bench (icount mode), so timer
# interrupts come as often as there.  Each function also gets its guest
# instructions (what -icount counts):
# every block's executions times its length, read from the translations
# QEMU logs too ("-d in_asm").
# BENCH_APPEND adds to the kernel command line (e.g. norandmaps);
# BENCH_PROFILE_TOP=N prints N functions instead of 30 (busiest by
# instructions); BENCH_PROFILE_COUNTS=FILE keeps the raw counts there
# (PC, executions, instructions).
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

# "Trace N: HOSTPTR [CS_BASE/PC/FLAGS/CFLAGS] SYMBOL": count by PC; a
# translation ("IN:", one "0xADDR:  insn" line per instruction, then an
# empty line) gives the length of the block at its first address.
awk '/^Trace / { split($4, a, "/"); n[a[2]]++; next }
     /^IN:/ { first = ""; len = 0; inblk = 1; next }
     inblk && /^0x[0-9a-f]+:/ { if (first == "") first = substr($1, 3, length($1) - 3); len++; next }
     inblk && /^$/ { if (first != "") { sub(/^0+/, "", first); size[first] = len }; inblk = 0 }
     END { for (pc in n) { p = pc; sub(/^0+/, "", p); print pc, n[pc], n[pc] * (p in size ? size[p] : 1) } }' \
	< "$tmp/log" > "$tmp/counts" &
counter=$!
MEM=${MEM:-1G} QEMU_TIMEOUT=${BENCH_TIMEOUT:-900} \
	QEMU_EXTRA="-icount shift=0,sleep=off -rtc base=2024-01-01T00:00:00,clock=vm -d in_asm,exec,nochain -D $tmp/log" \
	sh "$here/qemu.sh" "$kernel" "$image" panic=-1 "bench=$entry" ${BENCH_APPEND:-} \
	</dev/null | tr -d '\r' | grep -E 'bench|panic' || true
wait $counter
[ -z "${BENCH_PROFILE_COUNTS:-}" ] || cp "$tmp/counts" "$BENCH_PROFILE_COUNTS"
python3 - "$map" "$tmp/counts" "${BENCH_PROFILE_TOP:-30}" <<'PY'
import bisect, sys
syms = []
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) == 3 and f[1] in 'tTwW':
        syms.append((int(f[0], 16), f[2]))
syms.sort()
addrs = [a for a, _ in syms]
by_fn, ins_fn, user, low, total = {}, {}, 0, 0, 0
for line in open(sys.argv[2]):
    f = line.split()
    if len(f) != 3:
        continue
    pc, n, ins = int(f[0], 16), int(f[1]), int(f[2])
    total += n
    if pc < 0x100000:
        low += n		# firmware, real mode
    elif pc < 1 << 47:
        user += n
    else:
        i = bisect.bisect_right(addrs, pc) - 1
        name = syms[i][1] if i >= 0 else '?'
        by_fn[name] = by_fn.get(name, 0) + n
        ins_fn[name] = ins_fn.get(name, 0) + ins
print('TB executions: %d (user %d, below 1 MiB %d, kernel %d)' %
      (total, user, low, total - user - low))
print('%12s  %12s  %s' % ('blocks', 'instructions', 'function'))
for name, n in sorted(ins_fn.items(), key=lambda x: -x[1])[:int(sys.argv[3])]:
    print('%12d  %12d  %s' % (by_fn[name], n, name))
PY
