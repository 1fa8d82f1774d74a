#!/usr/bin/env python3
"""tools/check-debian.py --image IMAGE --tine KERNEL --linux KERNEL:
run tests/debian/check.sh (in the image as /usr/lib/tine/check-debian.sh)
as init's command on both kernels and compare the outputs section by
section ("=== NAME" lines start them).

A section whose output differs fails, unless tests/debian/expected-
differences lists it (with the issue that will make tine agree): then it
is a TODO line.  A listed section that now matches fails too, so that the
list only shrinks.  Serial logs and the diffs go to $BUILD/debian/.
Prints ok/not ok lines and "N passed, M failed".
  --script PATH --expected FILE   another script of the image, with its
  own list (make stress-debian); "#: " lines are logged, not compared
  DEBIAN_TIMEOUT=600   seconds one boot may take
  MEM=2G               guest memory (Linux needs more than 1G to unpack)
"""
import argparse
import difflib
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
SCRIPT = '/usr/lib/tine/check-debian.sh'


def boot(kernel, image, log, script=SCRIPT):
    """Run script on kernel; the serial log's text."""
    env = dict(os.environ, QEMU_TIMEOUT=os.environ.get('DEBIAN_TIMEOUT', '600'),
               MEM=os.environ.get('MEM', '2G'))
    with open(log + '.raw', 'wb') as out:
        rc = subprocess.run(['sh', os.path.join(HERE, 'qemu.sh'), kernel, image,
                             'SHELL=/bin/bash', '--', '/bin/bash', script],
                            stdin=subprocess.DEVNULL, stdout=out,
                            stderr=subprocess.STDOUT, env=env).returncode
    text = open(log + '.raw', 'rb').read().decode('utf-8', 'replace')
    os.unlink(log + '.raw')
    text = re.sub(r'\x1b\[[0-9;?]*[A-Za-z]', '', text.replace('\r', ''))
    text = re.sub(r'(?m)^\[ *[0-9]+\.[0-9]+\] ', '', text)	# Linux's printk times
    with open(log, 'w') as f:
        f.write(text)
    return rc, text


def sections(text):
    """{name: output} of the "=== name" sections, in order; "#: " lines
    are only logged (measurements that differ by design)."""
    out, name = {}, None
    for line in text.split('\n'):
        if line.startswith('#: '):
            continue
        m = re.match(r'^=== (.*)$', line)
        if m:
            name = m.group(1)
            out[name] = []
        elif name is not None:
            out[name].append(line)
    return {k: '\n'.join(v).rstrip('\n') for k, v in out.items()}


def expected_differences(path):
    """{section: "issue N: reason"} from the list."""
    exp = {}
    for line in open(path):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        name, _, why = line.partition(':')
        exp[name.strip()] = why.strip()
    return exp


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--image', required=True)
    ap.add_argument('--tine', required=True)
    ap.add_argument('--linux', required=True)
    ap.add_argument('--script', default=SCRIPT,
                    help='the script in the image to run (default %(default)s)')
    ap.add_argument('--expected', default=os.path.join(
        TOP, 'tests/debian/expected-differences'),
                    help="the script's list of expected differences")
    ap.add_argument('--only', choices=('tine', 'linux'),
                    help='boot only this kernel and print its log')
    args = ap.parse_args()
    out = os.path.join(os.environ.get('BUILD', 'build'), 'debian')
    os.makedirs(out, exist_ok=True)
    exp = expected_differences(args.expected)
    stem = ('check' if args.script == SCRIPT else
            os.path.splitext(os.path.basename(args.script))[0])
    passed = failed = todo = 0

    def report(good, msg):
        nonlocal passed, failed
        print(('ok - ' if good else 'not ok - ') + msg, flush=True)
        if good:
            passed += 1
        else:
            failed += 1

    if args.only:
        kernel = args.tine if args.only == 'tine' else args.linux
        rc, text = boot(kernel, args.image,
                        os.path.join(out, '%s-%s.log' % (stem, args.only)),
                        args.script)
        print(text)
        sys.exit(rc)
    runs = {}
    for name, kernel in (('linux', args.linux), ('tine', args.tine)):
        rc, text = boot(kernel, args.image,
                        os.path.join(out, '%s-%s.log' % (stem, name)), args.script)
        runs[name] = sections(text)
        report(rc == 0 and 'end' in runs[name],
               'debian: the script ran to its end on %s (QEMU status %d)' % (name, rc))
    linux, tine = runs['linux'], runs['tine']
    for name in linux:
        if name == 'end':
            continue
        # A program missing from the image would fail alike on both
        # kernels and pass: that is the image's fault, not a result.
        missing = re.findall(r'^.*(?:command not found|No such file or '
                             r'directory: .*/bin/.*)$', linux[name], re.M)
        if missing:
            report(False, 'debian: %s: the image lacks a program: %s'
                   % (name, missing[0]))
            continue
        same = tine.get(name) == linux[name]
        if same and name in exp:
            report(False, 'debian: %s: now the same as Linux; remove it from '
                   'tests/debian/expected-differences' % name)
        elif same:
            report(True, 'debian: %s' % name)
        else:
            diff = '\n'.join(difflib.unified_diff(
                linux[name].split('\n'), tine.get(name, '(missing)').split('\n'),
                'linux', 'tine', lineterm=''))
            fname = os.path.join(out, re.sub(r'\W+', '-', name) + '.diff')
            with open(fname, 'w') as f:
                f.write(diff + '\n')
            if name in exp:
                todo += 1
                print('ok - debian: %s # TODO differs as expected (%s; %s)'
                      % (name, exp[name], fname), flush=True)
            else:
                report(False, 'debian: %s differs from Linux (%s):\n%s'
                       % (name, fname, diff))
    for name in exp:
        if name not in linux:
            report(False, 'debian: expected-differences names %r, which '
                   'the script has no section for' % name)
    print('%d passed, %d failed, %d skipped' % (passed, failed, todo))
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
