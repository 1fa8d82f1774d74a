#!/bin/sh
# tools/fetch-linux-modules.sh: print a directory holding the modules of
# the Linux kernel that tools/fetch-linux.sh gives which the guest tests
# load on Linux, where Debian builds as a module what tine has built in
# (net/unix/unix_diag.ko: tests/net/sock_diag loads it with finit_module
# when NETLINK_SOCK_DIAG knows no AF_UNIX). The modules are taken from
# that kernel's Debian package and cached beside it; only a cached
# kernel is used. Prints nothing when they cannot be had (the tests then
# skip on Linux, saying why); never fails.
set -u

MODULES="kernel/net/unix/unix_diag.ko"
cache="${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/tine"
k=$(ls "$cache"/vmlinuz-* 2>/dev/null | sort | tail -n 1)
[ -n "$k" ] || exit 0
ver=${k##*/vmlinuz-}
dir="$cache/modules-$ver"
have() {
	for m in $MODULES; do
		[ -f "$dir/$(basename "$m")" ] || return 1
	done
}
if have; then
	echo "$dir"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 777 "$tmp"
echo "fetch-linux-modules.sh: downloading linux-image-$ver" >&2
(cd "$tmp" && apt-get download -q "linux-image-$ver" >&2) || exit 0
deb=$(ls "$tmp"/*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] && dpkg-deb -x "$deb" "$tmp/x" || exit 0
mkdir -p "$dir"
for m in $MODULES; do
	cp "$tmp/x/lib/modules/$ver/$m" "$dir/" || exit 0
done
echo "$dir"
