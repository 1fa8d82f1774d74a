#!/usr/bin/env python3
"""tools/bench_report.py: turn the serial logs of tools/bench.sh into tables.

For every mode it prints one table (operation, Linux, tine, tine/Linux)
and writes RESULTS/MODE.md, RESULTS/MODE.csv and RESULTS/MODE-fork-mem.svg
(fork and vfork cost against the parent's resident memory, both kernels).
A row that a kernel did not report (crash, hang, failure) shows n/a; what
the guest said about it is listed under the table.  See docs/bench.md.
"""
import argparse
import csv
import math
import os
import re
import subprocess
import sys

ROW = re.compile(r'bench (\S+) median (\d+) min (\d+) iters (\d+)(?: mean (\d+))?')
BOOT = re.compile(r'boot monotonic_ns (\d+) tsc (\d+)')
NOTE = re.compile(r'# (entry \S+ failed: .*|entry \S+: execve .*|bench \S+: .*)')
PANIC = re.compile(r'(kernel panic|^panic|\] panic)', re.I)

# The table's order: bench/init.c's entries.
ORDER = ['getppid', 'fork', 'vfork', 'clone-vm', 'pthread', 'fork-exec',
         'vfork-exec', 'posix-spawn', 'execve',
         'fork-mem-0', 'fork-mem-16', 'fork-mem-128', 'fork-mem-512',
         'vfork-mem-0', 'vfork-mem-16', 'vfork-mem-128', 'vfork-mem-512',
         'cow-write', 'pipe-pingpong',
         'fork-tput-1', 'fork-tput-2', 'fork-tput-4',
         'exec-tput-1', 'exec-tput-2', 'exec-tput-4']
MEM_SIZES = [0, 16, 128, 512]
MEAN_LABEL = {'execve': 'whole chain / N', 'cow-write': 'whole loop / pages'}
UNITS = {'icount': 'guest instructions (-icount shift=0: TSC ticks = '
                   'instructions = virtual ns)',
         'tcg': 'host TSC ticks (plain TCG: the guest TSC follows the '
                'host clock)',
         'smp2': 'host TSC ticks, 2 vCPUs (multi-threaded TCG, wall clock; '
                 'this machine is shared with other jobs and noisy)',
         'smp4': 'host TSC ticks, 4 vCPUs (multi-threaded TCG, wall clock; '
                 'this machine is shared with other jobs and noisy)'}
KERNEL_NAMES = {'linux': 'Linux', 'tine': 'tine'}


def parse_log(path):
    """The rows, boot clocks, notes and state of one serial log."""
    res = {'rows': {}, 'boot': None, 'notes': [], 'panic': [],
           'end': False, 'exists': os.path.exists(path)}
    if not res['exists']:
        return res
    with open(path, errors='replace') as f:
        for line in f:
            line = line.rstrip('\n')
            m = ROW.search(line)
            if m:
                res['rows'][m.group(1)] = {
                    'median': int(m.group(2)), 'min': int(m.group(3)),
                    'iters': int(m.group(4)),
                    'mean': int(m.group(5)) if m.group(5) else None}
                continue
            m = BOOT.search(line)
            if m:
                res['boot'] = {'monotonic_ns': int(m.group(1)),
                               'tsc': int(m.group(2))}
                continue
            m = NOTE.search(line)
            if m and 'done in' not in line:
                res['notes'].append(m.group(1))
            if PANIC.search(line):
                res['panic'].append(line.strip())
            if line.strip().endswith('bench-end'):
                res['end'] = True
    return res


def pick(mode, runs):
    """One figure per row from several runs of one kernel.

    icount: the first run (the others should be identical: see
    repeat_check).  tcg: per row the run with the lowest median, and the
    lowest minimum of all runs, which filters out host noise.
    """
    rows, boot = {}, None
    have = [r for r in runs if r['rows'] or r['boot']]
    if not have:
        return rows, boot
    if mode == 'icount':
        return dict(have[0]['rows']), have[0]['boot']
    if mode.startswith('smp'):
        return pick_median(have)
    for r in have:
        for name, v in r['rows'].items():
            old = rows.get(name)
            if old is None:
                rows[name] = dict(v)
            else:
                if v['median'] < old['median']:
                    rows[name] = dict(v, min=min(v['min'], old['min']))
                else:
                    old['min'] = min(old['min'], v['min'])
        if r['boot'] and (boot is None or
                          r['boot']['monotonic_ns'] < boot['monotonic_ns']):
            boot = r['boot']
    return rows, boot


def pick_median(have):
    """smp modes: per row the median of the runs' medians and the lowest
    minimum (the kernels ran alternately, so noise hits both)."""
    rows, boot = {}, None
    names = set(n for r in have for n in r['rows'])
    for name in names:
        vals = [r['rows'][name] for r in have if name in r['rows']]
        meds = sorted(v['median'] for v in vals)
        rows[name] = {'median': meds[len(meds) // 2],
                      'min': min(v['min'] for v in vals),
                      'iters': vals[0]['iters'], 'mean': None}
    for r in have:
        if r['boot'] and (boot is None or
                          r['boot']['monotonic_ns'] < boot['monotonic_ns']):
            boot = r['boot']
    return rows, boot


def repeat_check(runs):
    """Differences between runs of one kernel: a list of strings."""
    diffs = []
    base = runs[0]
    for i, r in enumerate(runs[1:], start=2):
        names = sorted(set(base['rows']) | set(r['rows']), key=order_key)
        for n in names:
            a, b = base['rows'].get(n), r['rows'].get(n)
            if a != b:
                diffs.append('%s: run 1 %s, run %d %s' %
                             (n, fmt_row(a), i, fmt_row(b)))
        if base['boot'] != r['boot']:
            diffs.append('boot: run 1 %s, run %d %s' % (base['boot'], i,
                                                         r['boot']))
    return diffs


def fmt_row(v):
    if not v:
        return 'n/a'
    s = 'median %d min %d' % (v['median'], v['min'])
    return s + (' mean %d' % v['mean'] if v['mean'] else '')


def order_key(name):
    return (ORDER.index(name), name) if name in ORDER else (len(ORDER), name)


def ratio(t, l):
    if t is None or l is None or l == 0:
        return 'n/a'
    return '%.2f' % (t / l)


def num(v):
    return 'n/a' if v is None else str(v)


def get(rows, name, key='median'):
    v = rows.get(name)
    return v[key] if v else None


def slope(rows, name):
    """Extra ticks per resident 4 KiB page, from NAME-mem-0 to NAME-mem-512."""
    a, b = get(rows, name + '-mem-0'), get(rows, name + '-mem-512')
    if a is None or b is None:
        return None
    return round((b - a) / (512 * 256), 1) + 0.0	# no -0.0


def selected(name, only):
    """Is name picked by BENCH_ONLY (as bench/init.c reads bench=)?"""
    if not only:
        return True
    for sel in only.split(','):
        if sel.endswith('*') and name.startswith(sel[:-1]) or name == sel:
            return True
    return False


def table(mode, picked, only):
    """The table's rows: (operation, linux, tine, ratio, linux min, tine min)."""
    lrows, lboot = picked['linux']
    trows, tboot = picked['tine']
    names = [n for n in ORDER if selected(n, only)]
    names = sorted(set(names) | set(lrows) | set(trows), key=order_key)
    out = []
    for n in names:
        l, t = get(lrows, n), get(trows, n)
        out.append((n, num(l), num(t), ratio(t, l), num(get(lrows, n, 'min')),
                    num(get(trows, n, 'min'))))
    # A batch's total over its size: execve's chain / N, cow-write's loop
    # per page.
    for n in names:
        l, t = get(lrows, n, 'mean'), get(trows, n, 'mean')
        if l is not None or t is not None:
            out.append(('%s (%s)' % (n, MEAN_LABEL.get(n, 'mean')), num(l),
                        num(t), ratio(t, l), '', ''))
    for n in ('fork', 'vfork'):
        l, t = slope(lrows, n), slope(trows, n)
        if l is None and t is None:
            continue
        out.append(('%s-mem per page (slope 0-512 MiB)' % n, num(l), num(t),
                    ratio(t, l), '', ''))
    for key, label in (('monotonic_ns', 'boot: CLOCK_MONOTONIC at init (ns)'),
                       ('tsc', 'boot: TSC at init (since reset)')):
        l = lboot[key] if lboot else None
        t = tboot[key] if tboot else None
        out.append((label, num(l), num(t), ratio(t, l), '', ''))
    return out


HEAD = ('operation', 'Linux', 'tine', 'tine/Linux', 'Linux min', 'tine min')


def text_table(rows):
    widths = [max(len(str(r[i])) for r in rows + [HEAD]) for i in range(6)]
    lines = []
    for r in [HEAD] + rows:
        cells = [str(r[0]).ljust(widths[0])]
        cells += [str(c).rjust(w) for c, w in zip(r[1:], widths[1:])]
        lines.append('  '.join(cells).rstrip())
    return '\n'.join(lines)


def md_table(rows):
    lines = ['| ' + ' | '.join(HEAD) + ' |',
             '|---|' + '---:|' * 5]
    for r in rows:
        lines.append('| ' + ' | '.join(str(c) for c in r) + ' |')
    return '\n'.join(lines)


def svg_plot(mode, picked, path):
    """fork and vfork median cost against resident MiB, log y axis."""
    series = []
    colours = {'linux': '#1f77b4', 'tine': '#d62728'}
    for k in ('linux', 'tine'):
        rows = picked[k][0]
        for op, dash in (('fork', ''), ('vfork', '6,4')):
            pts = [(m, get(rows, '%s-mem-%d' % (op, m))) for m in MEM_SIZES]
            pts = [(m, v) for m, v in pts if v]
            if pts:
                series.append(('%s %s' % (KERNEL_NAMES[k], op), colours[k],
                               dash, pts))
    W, H, L, R, T, B = 640, 420, 80, 170, 40, 50
    vals = [v for s in series for _, v in s[3]] or [1, 10]
    lo = 10 ** math.floor(math.log10(min(vals)))
    hi = 10 ** math.ceil(math.log10(max(vals)))
    if hi <= lo:
        hi = lo * 10

    def x(m):
        return L + (W - L - R) * m / 512

    def y(v):
        return T + (H - T - B) * (1 - (math.log10(v) - math.log10(lo)) /
                                  (math.log10(hi) - math.log10(lo)))

    o = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
         'font-family="sans-serif" font-size="12">' % (W, H),
         '<rect width="100%" height="100%" fill="white"/>',
         '<text x="%d" y="20" font-size="14">fork / vfork + exit + wait vs '
         'resident memory (%s)</text>' % (L, mode)]
    d = lo
    while d <= hi * 1.0001:
        o.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>'
                 % (L, y(d), W - R, y(d)))
        o.append('<text x="%d" y="%.1f" text-anchor="end">1e%d</text>'
                 % (L - 6, y(d) + 4, round(math.log10(d))))
        d *= 10
    for m in MEM_SIZES:
        o.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>'
                 % (x(m), T, x(m), H - B))
        # 0 and 16 sit close together: push their labels apart.
        anchor = {0: 'end', 16: 'start'}.get(m, 'middle')
        o.append('<text x="%.1f" y="%d" text-anchor="%s">%d</text>'
                 % (x(m) + {0: 2, 16: -2}.get(m, 0), H - B + 16, anchor, m))
    o.append('<text x="%d" y="%d" text-anchor="middle">parent resident '
             'memory (MiB)</text>' % ((L + W - R) // 2, H - 12))
    o.append('<text x="16" y="%d" transform="rotate(-90 16 %d)" '
             'text-anchor="middle">%s per fork (median, log scale)</text>'
             % ((T + H - B) // 2, (T + H - B) // 2,
                'instructions' if mode == 'icount' else 'TSC ticks'))
    for i, (label, colour, dash, pts) in enumerate(series):
        p = ' '.join('%.1f,%.1f' % (x(m), y(v)) for m, v in pts)
        o.append('<polyline points="%s" fill="none" stroke="%s" '
                 'stroke-width="2" stroke-dasharray="%s"/>' % (p, colour, dash))
        for m, v in pts:
            o.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>'
                     % (x(m), y(v), colour))
        ly = T + 20 * i + 10
        o.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" '
                 'stroke-width="2" stroke-dasharray="%s"/>'
                 % (W - R + 12, ly, W - R + 42, ly, colour, dash))
        o.append('<text x="%d" y="%d">%s</text>' % (W - R + 48, ly + 4, label))
    o.append('</svg>')
    with open(path, 'w') as f:
        f.write('\n'.join(o) + '\n')


def describe(args, mode):
    """Lines saying what produced the numbers."""
    def run(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True,
                                  timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ''
    commit = run(['git', 'rev-parse', '--short', 'HEAD']) or '?'
    dirty = ' (work tree modified)' if run(['git', 'status', '--porcelain',
                                            '--untracked-files=no']) else ''
    qemu = run(['qemu-system-x86_64', '--version']).split('\n')[0]
    try:
        with open(os.path.join(args.logs, mode + '.qemu')) as f:
            extra = f.read().strip()
    except OSError:
        extra = '?'
    cpus = re.search(r'-smp (\d+)', extra)
    cpus = '%s vCPUs' % cpus.group(1) if cpus else 'one vCPU'
    return ['Command: `%s`' % args.command,
            'tine: `%s` at commit %s%s' % (args.tine, commit, dirty),
            'Linux: `%s`' % os.path.basename(args.linux),
            'QEMU: %s, default PC machine and CPU, %s, `-m %s`, '
            'extra options: `%s`' % (qemu or '?', cpus,
                                     os.environ.get('MEM', '1G'),
                                     extra or 'none')]


def report_mode(mode, args, kernels):
    nruns = args.smp_runs if mode.startswith('smp') else args.runs
    runs = {k: [parse_log(os.path.join(args.logs, '%s-%s-%d.log' %
                                       (mode, k, i)))
                for i in range(1, nruns + 1)]
            for k in ('linux', 'tine')}
    picked = {k: pick(mode, runs[k]) if k in kernels else ({}, None)
              for k in ('linux', 'tine')}
    rows = table(mode, picked, args.only)
    notes = []
    for k in ('linux', 'tine'):
        if k not in kernels:
            continue
        for i, r in enumerate(runs[k], start=1):
            who = '%s run %d' % (KERNEL_NAMES[k], i)
            if not r['exists'] or not (r['rows'] or r['boot']):
                notes.append('%s: no output (not booted, or died before init)'
                             % who)
                continue
            for n in r['notes']:
                notes.append('%s: %s' % (who, n))
            for p in r['panic'][:5]:
                notes.append('%s: panic: `%s`' % (who, p))
            if not r['end']:
                notes.append('%s: did not reach bench-end (crash, hang or '
                             'timeout; see the log)' % who)
        if mode == 'icount' and len(runs[k]) > 1:
            diffs = repeat_check(runs[k])
            if diffs:
                notes.append('%s: runs differ under -icount:' %
                             KERNEL_NAMES[k])
                notes.extend('  ' + d for d in diffs)
            else:
                notes.append('%s: all %d runs identical under -icount'
                             % (KERNEL_NAMES[k], len(runs[k])))
    if mode == 'icount':
        choice = 'the first run (runs compared below)'
    elif mode.startswith('smp'):
        choice = ('per row the median of the %d runs\' medians (tine and '
                  'Linux booted alternately); min is the lowest of all '
                  'runs. This machine is shared with other jobs: wall-clock '
                  'figures are noisy' % nruns)
    else:
        choice = ('per row the run with the lower median; min is the lowest '
                  'of all runs')
    os.makedirs(args.results, exist_ok=True)
    base = os.path.join(args.results, mode)
    svg_plot(mode, picked, base + '-fork-mem.svg')
    with open(base + '.csv', 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['mode', 'kernel', 'run', 'name', 'median', 'min',
                     'iters', 'mean'])
        for k in ('linux', 'tine'):
            for i, r in enumerate(runs[k], start=1):
                for n in sorted(r['rows'], key=order_key):
                    v = r['rows'][n]
                    w.writerow([mode, k, i, n, v['median'], v['min'],
                                v['iters'], v['mean'] or ''])
                if r['boot']:
                    w.writerow([mode, k, i, 'boot-monotonic-ns',
                                r['boot']['monotonic_ns'], '', 1, ''])
                    w.writerow([mode, k, i, 'boot-tsc', r['boot']['tsc'],
                                '', 1, ''])
    with open(base + '.md', 'w') as f:
        f.write('# bench: %s\n\n' % mode)
        f.write('\n'.join('- ' + d for d in describe(args, mode)) + '\n')
        f.write('- Unit: %s\n' % UNITS[mode])
        f.write('- Figures: median per operation; from %s\n\n' % choice)
        f.write(md_table(rows) + '\n\n')
        f.write('![fork and vfork vs resident memory](%s-fork-mem.svg)\n\n'
                % mode)
        if notes:
            f.write('Notes:\n\n')
            f.write('\n'.join('- ' + n for n in notes) + '\n')
    print('\n== %s: %s' % (mode, UNITS[mode]))
    print('   (median per operation; %s)' % choice)
    print(text_table(rows))
    for n in notes:
        print('note: ' + n)
    print('wrote %s.md %s.csv %s-fork-mem.svg' % (base, base, base))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--logs', required=True)
    ap.add_argument('--results', required=True)
    ap.add_argument('--modes', default='icount tcg')
    ap.add_argument('--runs', type=int, default=2)
    ap.add_argument('--smp-runs', type=int, default=3)
    ap.add_argument('--kernels', default='linux tine')
    ap.add_argument('--linux', default='none')
    ap.add_argument('--tine', default='build/tine')
    ap.add_argument('--command', default='make bench')
    ap.add_argument('--only', default='')
    args = ap.parse_args()
    kernels = args.kernels.split()
    for mode in args.modes.split():
        report_mode(mode, args, kernels)
    return 0


if __name__ == '__main__':
    sys.exit(main())
