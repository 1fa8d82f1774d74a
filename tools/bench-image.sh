#!/bin/sh
# tools/bench-image.sh OUT.cpio INIT BIN...: build the bench initramfs:
# /init (INIT), every BIN as /bench/<name>, and the empty mount points
# /proc /dev /tmp.  No busybox: the image is small so that unpacking it
# costs both kernels little.  Staged in OUT.d/, archived as newc owned by
# root, reproducibly.
set -eu

out=$1
init=$2
shift 2
stage=$out.d

rm -rf "$stage"
mkdir -p "$stage/bench" "$stage/proc" "$stage/dev" "$stage/tmp"
cp "$init" "$stage/init"
for b in "$@"; do
	cp "$b" "$stage/bench/$(basename "$b")"
done
# Lets Linux give init a console before devtmpfs is mounted (needs root).
mknod "$stage/dev/console" c 5 1 2>/dev/null || true

# Fixed times and inode numbers make the archive the same bytes on every
# build: under -icount even Linux's instruction counts move by a few per
# cent when only the archive's metadata changes.
find "$stage" -exec touch -h -d @0 {} +
(cd "$stage" && find . | LC_ALL=C sort |
	cpio -o -H newc --owner root:root --reproducible --quiet) > "$out.tmp"
mv "$out.tmp" "$out"
