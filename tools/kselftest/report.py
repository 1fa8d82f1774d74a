#!/usr/bin/env python3
"""tools/kselftest/report.py OUT TINE_LOG LINUX_LOG KNOWN_FAIL

The side-by-side table of `make kselftest`: one row per case of OUT/LIST
(and the cases in OUT/not-built and OUT/not-run), with the result on tine
and on Linux and the TAP subtests each passed ("passed/total").  A log
that is missing or ends early leaves its cases "missing" (a failure).

The rule: a case that passes on Linux must pass on tine unless KNOWN_FAIL
lists it ("DIR:PROG  reason" lines); a listed case that passes on tine, or
that is not a case, must leave the list (one that did not pass on Linux
this time is only a warning).  Exits 1 if the rule is broken.  The last line is "N passed, M failed" for
tine (M counts every case that did not pass or skip, listed or not).
"""
import re
import sys

RESULT = re.compile(r'^ksft-result: (\S+) (\S+) exit=(-?\d+) '
                    r'tap=(\d+)/(\d+) skip=(\d+) secs=([\d.]+)')


def read_results(path):
    """Map case -> (status, tap passed, tap total, seconds) from a log."""
    results = {}
    try:
        with open(path, errors='replace') as f:
            for line in f:
                m = RESULT.match(line.replace('\r', ''))
                if m:
                    results[m.group(1)] = (m.group(2), int(m.group(4)),
                                           int(m.group(5)), float(m.group(7)))
    except OSError:
        pass
    return results


def read_list(path, with_reason=False):
    """The cases of a LIST-like file (first word), or case -> rest."""
    items = {}
    try:
        with open(path) as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith('#'):
                    continue
                words = line.split(None, 1)
                items[words[0]] = words[1] if len(words) > 1 else ''
    except OSError:
        pass
    return items if with_reason else list(items)


def cell(result):
    if result is None:
        return 'missing', '-'
    status, passed, total, _ = result
    return status, '%d/%d' % (passed, total) if total else '-'


def main():
    out, tine_log, linux_log, known_path = sys.argv[1:5]
    cases = read_list(out + '/LIST')
    not_built = read_list(out + '/not-built')
    not_run = read_list(out + '/not-run', with_reason=True)
    known = read_list(known_path, with_reason=True)
    tine = read_results(tine_log)
    linux = read_results(linux_log)

    width = max([len(c) for c in cases + not_built + list(not_run)] + [4])
    print('%-*s  %-8s %-8s %9s %9s  %s' % (width, 'case', 'tine', 'linux',
                                            'tine tap', 'linux tap', 'note'))
    counts = {'tine': {}, 'linux': {}}
    problems = []
    warnings = []
    for case in cases:
        t_status, t_tap = cell(tine.get(case))
        l_status, l_tap = cell(linux.get(case))
        counts['tine'][t_status] = counts['tine'].get(t_status, 0) + 1
        counts['linux'][l_status] = counts['linux'].get(l_status, 0) + 1
        note = ''
        if case in known:
            note = 'known: ' + known[case]
            if t_status == 'pass':
                problems.append('%s passes on tine but is listed in %s'
                                % (case, known_path))
                note = 'PASSES, LISTED'
            elif l_status != 'pass':
                # Not a failure: a slow Linux run must not break the rule.
                warnings.append('%s is listed but did not pass on Linux (%s)'
                                % (case, l_status))
        elif l_status == 'pass' and t_status != 'pass':
            problems.append('%s passes on Linux, %s on tine' % (case, t_status))
            note = 'UNEXPECTED'
        print('%-*s  %-8s %-8s %9s %9s  %s' % (width, case, t_status,
                                                l_status, t_tap, l_tap, note))
    for case in not_built:
        print('%-*s  %-8s %-8s %9s %9s  %s' % (width, case, '-', '-', '-',
                                                '-', 'did not build'))
    for case, why in not_run.items():
        print('%-*s  %-8s %-8s %9s %9s  %s' % (width, case, '-', '-', '-',
                                                '-', 'not run: ' + why))
    for case in known:
        if case not in cases:
            problems.append('%s is listed in %s but is not a case that runs'
                            % (case, known_path))

    def summary(kernel):
        c = counts[kernel]
        passed = c.get('pass', 0)
        skipped = c.get('skip', 0)
        return passed, len(cases) - passed - skipped, skipped

    for kernel in ('linux', 'tine'):
        p, f, s = summary(kernel)
        print('%s: %d passed, %d failed, %d skipped (%s)' % (
            kernel, p, f, s, ', '.join('%s %d' % kv for kv in
                                       sorted(counts[kernel].items()))))
    print('%d not built, %d not run, %d known failures listed'
          % (len(not_built), len(not_run), len(known)))
    for w in warnings:
        print('kselftest: warning: ' + w)
    for p in problems:
        print('kselftest: FAIL: ' + p)
    if problems:
        print('kselftest: fix tine, or add a case that cannot pass yet to '
              '(or take a passing one off) %s' % known_path)
    p, f, _ = summary('tine')
    print('%d passed, %d failed' % (p, f))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
