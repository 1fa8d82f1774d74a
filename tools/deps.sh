#!/bin/sh
# tools/deps.sh [CMD...]: make sure the host commands the guest images and
# QEMU runs need are present; install the Debian package for any missing
# one with apt-get (as root, or via sudo), else stop with one line naming
# the package.  With no arguments, checks everything the test suite needs.
# Fast and silent when everything is already there.
set -eu

[ $# -gt 0 ] || set -- qemu-system-x86_64 musl-gcc cpio busybox gzip gcc \
	make dpkg-deb timeout libc.a python3

# pkg_of CMD: the Debian package that provides CMD.
pkg_of() {
	case "$1" in
	qemu-system-x86_64) echo qemu-system-x86 ;;
	musl-gcc) echo musl-tools ;;
	busybox) echo busybox-static ;;
	libc.a) echo libc6-dev ;;
	dpkg-deb) echo dpkg ;;
	timeout) echo coreutils ;;
	libcap.a) echo libcap-dev ;;
	libpopt.a) echo libpopt-dev ;;
	libcap-ng.a) echo libcap-ng-dev ;;
	gcc|make|cpio|gzip|python3) echo "$1" ;;
	*) echo "$1" ;;
	esac
}

# have CMD: busybox must be the static one at /bin/busybox, because it is
# copied into guest images that have no shared libraries.
have() {
	# glibc's static library, for tests/glibc (built as most Linux
	# software is)
	if [ "$1" = libc.a ]; then
		[ -f /usr/lib/x86_64-linux-gnu/libc.a ]
		return
	fi
	# make kselftest: Linux's source (selftests) and the static libraries
	# some selftests link
	case "$1" in
	linux-source-6.1)
		[ -f /usr/src/linux-source-6.1.tar.xz ]
		return ;;
	libcap.a|libpopt.a|libcap-ng.a)
		[ -f "/usr/lib/x86_64-linux-gnu/$1" ]
		return ;;
	esac
	if [ "$1" = busybox ]; then
		[ -x /bin/busybox ] && ! LC_ALL=C file -L /bin/busybox 2>/dev/null |
			grep -q 'dynamically linked'
		return
	fi
	command -v "$1" >/dev/null 2>&1
}

missing=
for cmd in "$@"; do
	have "$cmd" || missing="$missing $(pkg_of "$cmd")"
done
[ -n "$missing" ] || exit 0

if [ "$(id -u)" = 0 ]; then
	as_root=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	as_root="sudo -n"
else
	echo "deps.sh: missing packages:$missing (install them as root)" >&2
	exit 1
fi

echo "deps.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# Helpers sharing a machine serialise apt with this lock when it exists.
lock=
[ -w /work/.apt.lock ] && command -v flock >/dev/null 2>&1 &&
	lock="flock /work/.apt.lock"
$as_root $lock apt-get update -qq >&2 || true
# shellcheck disable=SC2086 # word splitting of the package list is wanted
if ! $as_root $lock apt-get install -y -qq --no-install-recommends $missing >&2; then
	echo "deps.sh: could not install:$missing" >&2
	exit 1
fi
for cmd in "$@"; do
	have "$cmd" || { echo "deps.sh: $cmd still missing; install package $(pkg_of "$cmd")" >&2; exit 1; }
done
