#!/usr/bin/env python3
"""tools/console-test.py KERNEL IMAGE: drive `make run`'s shell over the
serial console, as a person at the keyboard would, and check job control
and power-off.  QEMU (tools/qemu.sh) runs with its serial port on a pipe;
each step sends keys and waits for a pattern, like expect(1).

The steps: ^C kills the foreground job (its status is 130), ^Z stops it,
`jobs`, `bg`, `kill %1`, `fg` of a background job then ^C, and `poweroff`
(busybox's, which signals pid 1) ends QEMU with status 0.  Works on any
kernel booting the image; prints ok/not ok lines and "N passed, M failed".
Environment: CONSOLE_TIMEOUT (seconds one step may wait, default 60),
BUILD (the serial log goes to $BUILD/console-KERNEL.log).
"""
import os
import re
import select
import subprocess
import sys
import time

PROMPT = r'root@tine:[^\n]*# $'


class Console:
    """The guest's serial console: keys in, output matched against regexes."""

    def __init__(self, kernel, image, log):
        here = os.path.dirname(os.path.abspath(__file__))
        self.qemu = subprocess.Popen(
            ['sh', os.path.join(here, 'qemu.sh'), kernel, image],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, start_new_session=True)
        self.buf = ''          # output not yet matched
        self.log = open(log, 'w')
        self.timeout = float(os.environ.get('CONSOLE_TIMEOUT', '60'))

    def read_some(self, deadline):
        """Append what the guest printed until deadline; False at EOF."""
        left = deadline - time.time()
        if left <= 0:
            return True
        ready, _, _ = select.select([self.qemu.stdout], [], [], left)
        if not ready:
            return True
        data = os.read(self.qemu.stdout.fileno(), 4096)
        if not data:
            return False
        text = data.decode('utf-8', 'replace').replace('\r', '')
        self.log.write(text)
        self.log.flush()
        self.buf += text
        return True

    def expect(self, pattern):
        """Wait for pattern; consume output up to its end. The match or None."""
        deadline = time.time() + self.timeout
        while True:
            # Line editing asks where the cursor is (ESC [6n): drop such
            # control sequences, no terminal answers them here.
            self.buf = re.sub(r'\x1b\[[0-9;?]*[A-Za-z]', '', self.buf)
            m = re.search(pattern, self.buf, re.M)
            if m:
                self.buf = self.buf[m.end():]
                return m
            if time.time() >= deadline or not self.read_some(deadline):
                return None

    def send(self, keys):
        self.qemu.stdin.write(keys.encode())
        self.qemu.stdin.flush()

    def wait_exit(self):
        """QEMU's exit status, or None if it is still running at the timeout."""
        deadline = time.time() + self.timeout
        while self.qemu.poll() is None and time.time() < deadline:
            if not self.read_some(min(deadline, time.time() + 0.5)):
                break
        try:
            return self.qemu.wait(timeout=max(0.1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            return None

    def kill(self):
        if self.qemu.poll() is None:
            os.killpg(self.qemu.pid, 9)
            self.qemu.wait()


class Tap:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, name, good, why=''):
        if good:
            self.passed += 1
            print('ok - console: ' + name, flush=True)
        else:
            self.failed += 1
            print('not ok - console: %s%s' % (name, ': ' + why if why else ''),
                  flush=True)
        return good


def command(con, line):
    """Type a command line and wait for the prompt after it; its output."""
    con.send(line + '\n')
    m = con.expect(r'(?s)^(.*?)' + PROMPT)
    return None if m is None else m.group(1)


def last_status(con):
    """$? of the last command. Its answer is looked for wherever it comes:
    after a ^C the shell may print a prompt more than once (the echo of
    ^C and the dead job's prompt race), so the next prompt need not
    follow it."""
    con.send('echo status=$?\n')
    m = con.expect(r'^status=(\d+)\s')
    if m is None or con.expect(PROMPT) is None:
        return None
    return m.group(1)


def foreground_job(con):
    """Start a job that says when it runs; True once it has said so."""
    con.send("sh -c 'echo job-started; exec sleep 100'\n")
    return con.expect(r'^job-started$') is not None


def run(con, tap):
    if not tap.check('shell prompt', con.expect(PROMPT) is not None,
                     'no prompt %r' % PROMPT):
        return
    # /dev/tty opens only for a process with a controlling tty.
    tap.check('the shell has a controlling tty',
              'has-ctty' in (command(con, ': </dev/tty && echo has-ctty') or ''))

    # ^C: SIGINT to the foreground process group only.
    tap.check('job runs in the foreground', foreground_job(con))
    con.send('\x03')
    tap.check('^C gives the prompt back', con.expect(PROMPT) is not None)
    tap.check('^C killed the job by SIGINT', last_status(con) == '130')

    # ^Z, jobs, bg, kill %1.
    tap.check('job runs again', foreground_job(con))
    con.send('\x1a')
    tap.check('^Z stops the job', con.expect(r'Stopped') is not None and
              con.expect(PROMPT) is not None)
    tap.check('jobs lists it stopped',
              re.search(r'\[1\]\+ +Stopped', command(con, 'jobs') or ''))
    tap.check('bg continues it', command(con, 'bg') is not None and
              re.search(r'\[1\]\+ +Running', command(con, 'jobs') or ''))
    # The shell reports the job's end before some prompt after kill.
    out = (command(con, 'kill %1') or '') + (command(con, 'jobs') or '')
    if 'Terminated' not in out:
        out += command(con, '') or ''
    tap.check('kill %1 terminates it', 'Terminated' in out)

    # A background job brought to the foreground, then ^C.
    out = command(con, "sh -c 'echo bg-started; exec sleep 100' &") or ''
    if not re.search(r'^bg-started$', out, re.M):
        con.expect(r'^bg-started$')
    con.send('fg\n')
    tap.check('fg brings it back', con.expect(r'sleep 100|sh -c') is not None)
    time.sleep(1)
    con.send('\x03')
    tap.check('^C reaches the job brought back', con.expect(PROMPT) is not None
              and last_status(con) == '130')

    # poweroff without -f: SIGUSR2 to init, which shuts down.
    con.send('poweroff\n')
    tap.check('poweroff powers off', con.expect(r'reboot: Power down') is not None)
    status = con.wait_exit()
    tap.check('QEMU exits with status 0', status == 0, 'status %s' % status)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    kernel, image = sys.argv[1:]
    build = os.environ.get('BUILD', 'build')
    os.makedirs(build, exist_ok=True)
    log = os.path.join(build, 'console-%s.log' % os.path.basename(kernel))
    con = Console(kernel, image, log)
    tap = Tap()
    try:
        run(con, tap)
    finally:
        con.kill()
    print('%d passed, %d failed' % (tap.passed, tap.failed))
    sys.exit(1 if tap.failed else 0)


if __name__ == '__main__':
    main()
