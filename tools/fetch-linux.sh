#!/bin/sh
# tools/fetch-linux.sh: print the path of a Linux kernel image to boot the
# guest test images on, so that every test is checked against Linux.
# Order: $LINUX_KERNEL if set; else a cached vmlinuz under
# ${XDG_CACHE_HOME:-$HOME/.cache}/tine/; else Debian's linux-image-amd64,
# fetched with apt-get download, unpacked with dpkg-deb and cached.
# Progress goes to stderr; stdout holds only the path.
set -eu

if [ -n "${LINUX_KERNEL:-}" ]; then
	[ -r "$LINUX_KERNEL" ] || { echo "fetch-linux.sh: $LINUX_KERNEL unreadable" >&2; exit 1; }
	echo "$LINUX_KERNEL"
	exit 0
fi

cache="${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/tine"
cached() {
	ls "$cache"/vmlinuz-* 2>/dev/null | sort | tail -n 1
}
k=$(cached)
if [ -n "$k" ]; then
	echo "$k"
	exit 0
fi

as_root=
[ "$(id -u)" = 0 ] || as_root="sudo -n"

# The metapackage only depends on the real image package; resolve that name
# and download it.  apt-get update first if the lists are empty or stale.
real_pkg() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: *\(linux-image-[0-9][^ ]*-amd64\)$/\1/p' |
		head -n 1
}
pkg=$(real_pkg)
if [ -z "$pkg" ]; then
	$as_root apt-get update -qq >&2 || true
	pkg=$(real_pkg)
fi
[ -n "$pkg" ] || { echo "fetch-linux.sh: cannot resolve linux-image-amd64 (apt-get update?)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# apt-get download as root drops privileges to _apt, which must be able to
# write the directory.
chmod 777 "$tmp"
echo "fetch-linux.sh: downloading $pkg" >&2
(cd "$tmp" && apt-get download -q "$pkg" >&2)
deb=$(ls "$tmp"/*.deb | head -n 1)
dpkg-deb -x "$deb" "$tmp/x"
img=$(ls "$tmp"/x/boot/vmlinuz-* | head -n 1)
[ -n "$img" ] || { echo "fetch-linux.sh: no boot/vmlinuz-* in $deb" >&2; exit 1; }
mkdir -p "$cache"
cp "$img" "$cache/"
echo "$cache/$(basename "$img")"
