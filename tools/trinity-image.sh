#!/bin/sh
# tools/trinity-image.sh OUT.cpio RUNNER RUN: the trinity image (make
# trinity).  Like the check image (tools/mkimage.sh) it has the test
# runner as /init and busybox, but its one listed test is RUN
# (tools/trinity/run.c) and it carries Debian's dynamically linked
# /usr/bin/trinity with the shared libraries and the ld.so it needs
# (from ldd), /etc/passwd and /etc/group with nobody.
set -eu

out=$1
init=$2
run=$3
stage=$out.d
trinity=/usr/bin/trinity

rm -rf "$stage"
mkdir -p "$stage"
(cd "$stage" && mkdir -p bin sbin usr/bin usr/sbin proc dev tmp sys root \
	etc tests/trinity)
cp "$init" "$stage/init"
cp "$run" "$stage/tests/trinity/run"
echo /tests/trinity/run > "$stage/tests/LIST"
cp /bin/busybox "$stage/bin/busybox"
for applet in $(/bin/busybox --list-full); do
	[ "$applet" = linuxrc ] && continue
	[ -e "$stage/$applet" ] || [ -L "$stage/$applet" ] || ln -s /bin/busybox "$stage/$applet"
done
cp "$trinity" "$stage/usr/bin/trinity"
# Every library ldd names (and the interpreter), at the same path.
ldd "$trinity" | sed -n 's|.*=> \(/[^ ]*\).*|\1|p; s|^[[:space:]]*\(/[^ ]*\) .*|\1|p' |
	sort -u | while read -r lib; do
		mkdir -p "$stage$(dirname "$lib")"
		cp -L "$lib" "$stage$lib"
	done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' \
	> "$stage/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$stage/etc/group"
mknod "$stage/dev/console" c 5 1 2>/dev/null || true

(cd "$stage" && find . | LC_ALL=C sort |
	cpio -o -H newc --owner root:root --quiet) > "$out.tmp"
mv "$out.tmp" "$out"
