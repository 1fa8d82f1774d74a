#!/bin/sh
# tools/mkimage.sh OUT.cpio INIT TESTDIR TESTBIN...: build a guest initramfs.
# The tree is staged in OUT.d/ and archived as newc with every file owned by
# root:  /init (INIT), /bin/busybox and a symlink for each of its applets,
# /tests/ (the TESTBINs, found under TESTDIR and laid out as tests/<area>/<name>),
# /tests/LIST (one test path per line; tests/helpers/ is not listed: those
# are exec'd by tests), /etc from user/etc/, the empty mount points
# /proc /dev /tmp /sys /root, and in /lib/modules/ the Linux modules of
# $LINUX_MODULES (a directory; tools/fetch-linux-modules.sh) if set.
set -eu

out=$1
init=$2
testdir=$3
shift 3
stage=$out.d

rm -rf "$stage"
mkdir -p "$stage"
(cd "$stage" && mkdir -p bin sbin usr/bin usr/sbin proc dev tmp sys root etc tests)

cp "$init" "$stage/init"
cp /bin/busybox "$stage/bin/busybox"
for applet in $(/bin/busybox --list-full); do
	[ "$applet" = linuxrc ] && continue
	[ -e "$stage/$applet" ] || [ -L "$stage/$applet" ] || ln -s /bin/busybox "$stage/$applet"
done

for t in "$@"; do
	echo "${t#"$testdir"/}"
done | LC_ALL=C sort > "$stage/tests/.all"
while read -r t; do
	mkdir -p "$stage/tests/$(dirname "$t")"
	cp "$testdir/$t" "$stage/tests/$t"
done < "$stage/tests/.all"
{ grep -v '^helpers/' "$stage/tests/.all" || true; } |
	sed 's|^|/tests/|' > "$stage/tests/LIST"
rm "$stage/tests/.all"
# Tests that do not pass on tine yet (each with its reason): the runner
# reports their failures as TODO, on tine only.
if [ -f tests/KNOWN-FAIL ]; then
	cp tests/KNOWN-FAIL "$stage/tests/KNOWN-FAIL"
fi

if [ -n "${LINUX_MODULES:-}" ] && [ -d "$LINUX_MODULES" ]; then
	mkdir -p "$stage/lib/modules"
	cp "$LINUX_MODULES"/*.ko "$stage/lib/modules/"
fi

# A minimal /etc: passwd, group, hosts, hostname, profile, shells.
cp user/etc/* "$stage/etc/"
chmod 700 "$stage/root"
# Lets Linux give init a console before devtmpfs is mounted; creating the
# node needs root, and init copes without it.
mknod "$stage/dev/console" c 5 1 2>/dev/null || true

(cd "$stage" && find . | LC_ALL=C sort |
	cpio -o -H newc --owner root:root --quiet) > "$out.tmp"
mv "$out.tmp" "$out"
