#!/usr/bin/env python3
"""tools/debian-image.py [options] PACKAGE...: build (once) an initramfs
of this machine's own Debian programs and print its path.

The image holds every file of PACKAGE... and of the packages they depend
on (apt-cache depends --recurse --installed: shared libraries, the
dynamic loader, python3's standard library, gcc's cc1, as and ld...),
less documentation, manuals and translations; the /usr/bin/X ->
/etc/alternatives/X -> ... links whose end is in the image; any library
ldd finds missing; and the overlay: --init as /init, the files of
--etc in /etc, --add SRC:DEST files, --link DEST:TARGET symbolic links,
the empty mount points.  Missing
packages are installed with apt-get first.

The archive (newc, owned by root) is written straight from the host's
files, without a staged copy, and cached as
  ${XDG_CACHE_HOME:-~/.cache}/tine/debian-HASH.cpio
where HASH covers the package list with each installed version, this
script, and the overlay's contents: it is rebuilt only when one of them
changes.  Progress goes to stderr; stdout holds only the path.
"""
import argparse
import hashlib
import os
import re
import stat
import subprocess
import sys

# Never needed to run the programs (the bulk of a Debian system), and
# gcc's LTO dumper (30 MB: every MB costs boot time). /usr/share/gdb
# stays: gdb's syscall names and Python helpers.
EXCLUDE = re.compile(r'^/usr/share/(doc|doc-base|man|info|locale|lintian|'
                     r'bug|bash-completion|zsh|fish|menu)(/|$)|'
                     r'^/usr/bin/(x86_64-linux-gnu-)?lto-dump')


def log(msg):
    print('debian-image: ' + msg, file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True,
                          **kw).stdout


def installed_versions(pkgs):
    """{package: version} of those of pkgs that are installed."""
    out = subprocess.run(['dpkg-query', '-W', '-f', '${Package} ${Status} ${Version}\n']
                         + pkgs, capture_output=True, text=True).stdout
    vers = {}
    for line in out.splitlines():
        f = line.split()
        if len(f) == 5 and f[3] == 'installed':
            vers[f[0]] = f[4]
    return vers


def ensure_installed(pkgs):
    missing = [p for p in pkgs if p not in installed_versions(pkgs)]
    if not missing:
        return
    log('installing ' + ' '.join(missing))
    cmd = ['apt-get', '-o', 'DPkg::Lock::Timeout=600', 'install', '-y',
           '-q', '--no-install-recommends'] + missing
    if os.geteuid() != 0:
        cmd = ['sudo', '-n'] + cmd
    env = dict(os.environ, DEBIAN_FRONTEND='noninteractive')
    if subprocess.run(cmd, env=env, stdout=sys.stderr).returncode != 0:
        update = [c for c in cmd if c not in missing and c not in
                  ('install', '-y', '--no-install-recommends')]
        subprocess.run(update + ['update'], env=env, stdout=sys.stderr)
        subprocess.run(cmd, env=env, stdout=sys.stderr, check=True)


def closure(pkgs):
    """The installed packages pkgs depend on, recursively, pkgs included."""
    out = run(['apt-cache', 'depends', '--recurse', '--installed',
               '--no-recommends', '--no-suggests', '--no-conflicts',
               '--no-breaks', '--no-replaces', '--no-enhances'] + pkgs)
    names = {l.strip() for l in out.splitlines()
             if l and not l.startswith(' ') and not l.startswith('<')}
    names = {n.split(':')[0] for n in names}
    return sorted(set(installed_versions(sorted(names))))


def canonical(path):
    """path with its directories' symlinks resolved (/bin/x -> /usr/bin/x)."""
    d, b = os.path.split(path)
    return os.path.join(os.path.realpath(d), b)


class Tree:
    """The set of host paths the image holds, canonical, with parents."""

    def __init__(self):
        self.paths = set()
        self.links = {}		# path -> target: links the host lacks

    def add(self, path):
        if EXCLUDE.match(path):
            return False
        path = canonical(path)
        if path in self.paths or not os.path.lexists(path):
            return False
        self.paths.add(path)
        d = os.path.dirname(path)
        while d != '/' and d not in self.paths:
            self.paths.add(d)
            d = os.path.dirname(d)
        if os.path.islink(path):	# what it points at, link by link
            target = os.path.join(os.path.dirname(path), os.readlink(path))
            self.add(os.path.normpath(target))
        return True


def add_packages(tree, pkgs):
    for p in pkgs:
        for path in run(['dpkg', '-L', p]).splitlines():
            if path.startswith('/') and path != '/.':
                tree.add(path)


def best_alternative(name, tree):
    """The highest-priority alternative for name that the image has."""
    out = subprocess.run(['update-alternatives', '--query', name],
                         capture_output=True, text=True).stdout
    best, prio = None, None
    for m in re.finditer(r'^Alternative: (\S+)\nPriority: (-?\d+)', out, re.M):
        if canonical(m.group(1)) in tree.paths and \
                (prio is None or int(m.group(2)) > prio):
            best, prio = m.group(1), int(m.group(2))
    return best


def add_alternatives(tree):
    """Links like /usr/bin/vi -> /etc/alternatives/vi -> /usr/bin/vim.tiny
    whose end is in the image: the host's choice if the image has it,
    else the best alternative it has (the host may prefer vim.basic)."""
    for d in ('/usr/bin', '/usr/sbin'):
        for name in sorted(os.listdir(d)):
            p = os.path.join(d, name)
            if not os.path.islink(p) or p in tree.paths:
                continue
            target = os.readlink(p)
            if not target.startswith('/etc/alternatives/'):
                continue
            if os.path.realpath(p) in tree.paths:
                tree.add(p)
                continue
            best = best_alternative(os.path.basename(target), tree)
            if best:
                tree.links[p] = target
                tree.links[target] = best


def is_elf(path):
    try:
        with open(path, 'rb') as f:
            return f.read(4) == b'\x7fELF'
    except OSError:
        return False


def add_ldd(tree):
    """Libraries the image's programs need that no dependency brought."""
    elves = sorted(p for p in tree.paths if os.path.isfile(p) and
                   not os.path.islink(p) and
                   (os.access(p, os.X_OK) or '.so' in p) and is_elf(p))
    added = 0
    for i in range(0, len(elves), 200):
        out = subprocess.run(['ldd'] + elves[i:i + 200], capture_output=True,
                             text=True).stdout
        for m in re.finditer(r'=> (/\S+) \(', out):
            if canonical(m.group(1)) not in tree.paths and tree.add(m.group(1)):
                added += 1
                log('ldd adds ' + m.group(1))
    return added


def cpio_entry(out, name, st, data, ino, nlink=1, mode=None):
    mode = st.st_mode if mode is None else mode
    fields = [ino, mode, 0, 0, nlink, int(st.st_mtime), len(data), 0, 0,
              0, 0, len(name) + 1, 0]
    hdr = '070701' + ''.join('%08x' % f for f in fields)
    out.write(hdr.encode() + name.encode() + b'\0')
    out.write(b'\0' * (-(110 + len(name) + 1) % 4))
    out.write(data)
    out.write(b'\0' * (-len(data) % 4))


class Writer:
    """A newc archive. Hard links are kept: the first entry of a group
    carries the data, later ones link to it (what both kernels' unpackers
    expect; GNU cpio puts the data last)."""

    def __init__(self, out):
        self.out = out
        self.ino = 1
        self.dirs = set()		# directories in the archive so far

    def host_tree(self, paths):
        links = {}			# (dev, ino) -> [paths]
        for p in sorted(paths):
            st = os.lstat(p)
            if stat.S_ISREG(st.st_mode) and st.st_nlink > 1:
                links.setdefault((st.st_dev, st.st_ino), []).append(p)
        first = {v[0] for v in links.values()}
        ino_of = {}
        for p in sorted(paths):
            st = os.lstat(p)
            name = p.lstrip('/')
            if stat.S_ISDIR(st.st_mode):
                self.entry(name, st, b'')
                self.dirs.add(name)
            elif stat.S_ISLNK(st.st_mode):
                self.entry(name, st, os.readlink(p).encode())
            elif stat.S_ISREG(st.st_mode):
                key = (st.st_dev, st.st_ino)
                group = links.get(key, [p])
                if key not in ino_of:
                    ino_of[key] = self.next_ino()
                data = b''
                if p in first or len(group) == 1:
                    with open(p, 'rb') as f:
                        data = f.read()
                cpio_entry(self.out, name, st, data, ino_of[key], len(group))

    def next_ino(self):
        self.ino += 1
        return self.ino

    def entry(self, name, st, data, mode=None):
        cpio_entry(self.out, name, st, data, self.next_ino(), mode=mode)

    def file(self, name, data, mode):
        """One entry of ours; its missing parent directories first."""
        parent = os.path.dirname(name)
        if parent and parent not in self.dirs:
            self.file(parent, b'', stat.S_IFDIR | 0o755)
        if stat.S_ISDIR(mode):
            self.dirs.add(name)
        st = os.stat_result((mode, 0, 0, 1, 0, 0, len(data), 0, 0, 0))
        self.entry(name, st, data)

    def trailer(self):
        st = os.stat_result((0, 0, 0, 1, 0, 0, 0, 0, 0, 0))
        cpio_entry(self.out, 'TRAILER!!!', st, b'', 0)


def overlay(w, args):
    """Our files, after (so over) the host's."""
    for d in ('dev', 'proc', 'sys', 'tmp', 'run', 'root', 'var/tmp',
              'sys/kernel', 'sys/kernel/tracing'):
        w.file(d, b'', stat.S_IFDIR | (0o1777 if d.endswith('tmp') else
                                       0o700 if d == 'root' else 0o755))
    with open(args.init, 'rb') as f:
        w.file('init', f.read(), stat.S_IFREG | 0o755)
    for name in sorted(os.listdir(args.etc)):
        with open(os.path.join(args.etc, name), 'rb') as f:
            w.file('etc/' + name, f.read(), stat.S_IFREG | 0o644)
    for spec in args.add:
        src, dest = spec.split(':', 1)
        with open(src, 'rb') as f:
            w.file(dest.lstrip('/'), f.read(),
                   stat.S_IFREG | (0o755 if os.access(src, os.X_OK) else 0o644))
    for spec in args.link:
        dest, target = spec.split(':', 1)
        w.file(dest.lstrip('/'), target.encode(), stat.S_IFLNK | 0o777)


def cache_key(pkgs, vers, args):
    h = hashlib.sha256()
    for p in pkgs:
        h.update(('%s=%s\n' % (p, vers.get(p, '?'))).encode())
    h.update(repr(sorted(args.add + args.link)).encode())
    files = [__file__, args.init] + [s.split(':', 1)[0] for s in args.add]
    files += [os.path.join(args.etc, n) for n in sorted(os.listdir(args.etc))]
    for path in files:
        h.update(path.encode())
        with open(path, 'rb') as f:
            h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()[:16]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--init', required=True, help='the program to be /init')
    ap.add_argument('--etc', required=True, help='a directory of /etc files')
    ap.add_argument('--add', action='append', default=[],
                    help='SRC:DEST, one more file')
    ap.add_argument('--link', action='append', default=[],
                    help='DEST:TARGET, one more symbolic link')
    ap.add_argument('--cache', default=os.path.join(
        os.environ.get('XDG_CACHE_HOME') or
        os.path.join(os.environ.get('HOME', '/root'), '.cache'), 'tine'))
    ap.add_argument('packages', nargs='+')
    args = ap.parse_args()

    ensure_installed(args.packages)
    pkgs = closure(args.packages)
    vers = installed_versions(pkgs)
    img = os.path.join(args.cache, 'debian-%s.cpio' % cache_key(pkgs, vers, args))
    if os.path.exists(img):
        print(img)
        return
    log('%d packages (with dependencies)' % len(pkgs))
    tree = Tree()
    for top in ('/bin', '/sbin', '/lib', '/lib64'):
        if os.path.islink(top):
            tree.paths.add(top)
    add_packages(tree, pkgs)
    add_alternatives(tree)
    add_ldd(tree)
    if os.path.exists('/etc/ld.so.cache'):
        tree.add('/etc/ld.so.cache')
    os.makedirs(args.cache, exist_ok=True)
    # Keep the two newest older images (other checkouts may use them).
    old = sorted((os.path.join(args.cache, n) for n in os.listdir(args.cache)
                  if n.startswith('debian-') and n.endswith('.cpio')),
                 key=os.path.getmtime)
    for path in old[:-2]:
        os.unlink(path)
    with open(img + '.tmp', 'wb') as out:
        w = Writer(out)
        w.host_tree(tree.paths)
        for path, target in sorted(tree.links.items()):
            w.file(path.lstrip('/'), target.encode(), stat.S_IFLNK | 0o777)
        overlay(w, args)
        w.trailer()
    os.rename(img + '.tmp', img)
    log('%s: %d paths, %d MB' % (img, len(tree.paths),
                                 os.path.getsize(img) >> 20))
    print(img)


if __name__ == '__main__':
    main()
