#!/bin/sh
# tools/kselftest/build.sh OUT INIT: build Linux 6.1's selftests for the
# directories in tools/kselftest/dirs and pack them with INIT (the guest
# runner, tools/kselftest/init.c) into OUT/kselftest.cpio.gz.
#
# The selftests come from Debian's linux-source-6.1 (tools/deps.sh installs
# it): tools/ of its tarball is extracted once into OUT/src.  Each
# directory is built with make -k into OUT/obj/DIR, statically against
# glibc (CC="gcc -static") unless tools/kselftest/dirs names another
# compiler for it; make only rebuilds what changed, so a second run costs
# seconds.  A program that does not build is reported in OUT/not-built and
# left out; it fails nothing.
#
# The cases of a directory are its `make emit_tests` list (kselftest's own
# unit: one program or script).  tests/kselftest/settings may give a case
# a timeout, arguments, or keep it from running (with the reason); else a
# case gets the directory's kselftest "settings" timeout (120 s where that
# says none), or 45 s as kselftest's runner does.  The guest's list is OUT/LIST
# ("DIR:PROG TIMEOUT ARGS..."); OUT/not-run holds "CASE REASON" lines for
# the report.
set -eu

out=$1
init=$2
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tarball=/usr/src/linux-source-6.1.tar.xz
settings=$top/tests/kselftest/settings

sh "$top/tools/deps.sh" linux-source-6.1 libcap.a libpopt.a libcap-ng.a
mkdir -p "$out"
out=$(cd "$out" && pwd)
src=$out/src/linux-source-6.1/tools/testing/selftests

# Extract tools/ once per tarball (its size and time name the stamp).
stamp="$out/src/.extracted-$(stat -c %s-%Y "$tarball")"
if [ ! -e "$stamp" ]; then
	echo "kselftest: extracting tools/ from $tarball" >&2
	rm -rf "$out/src"
	mkdir -p "$out/src"
	tar -xJf "$tarball" -C "$out/src" 'linux-source-6.1/tools/'
	touch "$stamp"
fi

# emit VARIABLE DIR: print a variable of DIR's Makefile.
emit() {
	make -s --no-print-directory -C "$src/$2" -f Makefile \
		-f "$here/vars.mk" OUTPUT="$out/obj/$2" ksft-var VAR="$1" 2>/dev/null
}

# setting CASE KEY: the value of KEY= for CASE in tests/kselftest/settings.
setting() {
	awk -v c="$1" -v k="$2=" '$1 == c {
		for (i = 2; i <= NF; i++)
			if (index($i, k) == 1) print substr($i, length(k) + 1)
	}' "$settings"
}

# not_run CASE: the reason tests/kselftest/settings keeps CASE from running.
not_run() {
	awk -v c="$1" '$1 == c && $2 == "skip" {
		$1 = ""; $2 = ""; sub(/^ */, ""); print
	}' "$settings"
}

# extra DIR: the cases tests/kselftest/settings adds to DIR ("DIR:PROG
# extra"): programs a directory builds (TEST_GEN_FILES) that kselftest's
# runner leaves out, or a script's program run without its bash wrapper.
extra() {
	awk -v d="$1:" 'index($1, d) == 1 {
		for (i = 2; i <= NF; i++) if ($i == "extra") print $1
	}' "$settings"
}

stage=$out/root
rm -rf "$stage"
mkdir -p "$stage/ksft" "$out/obj" "$out/logs"
: > "$out/LIST"
: > "$out/not-built"
: > "$out/not-run"

grep -v '^#' "$here/dirs" | while read -r dir cc; do
	[ -n "$dir" ] || continue
	cc=${cc:-gcc -static}
	mkdir -p "$out/obj/$dir"
	echo "kselftest: building $dir" >&2
	make -k -C "$src/$dir" OUTPUT="$out/obj/$dir" CC="$cc" \
		KHDR_INCLUDES="-isystem /usr/include" \
		>"$out/logs/$(echo "$dir" | tr / _).log" 2>&1 || true
	mkdir -p "$stage/ksft/$dir"
	cp -a "$out/obj/$dir/." "$stage/ksft/$dir/"
	for f in $(emit TEST_PROGS "$dir") $(emit TEST_PROGS_EXTENDED "$dir") \
		 $(emit TEST_FILES "$dir"); do
		cp -a "$src/$dir/$f" "$stage/ksft/$dir/"
	done
	timeout=45
	if [ -r "$src/$dir/settings" ]; then
		t=$(sed -n 's/^timeout=\([0-9]*\)$/\1/p' "$src/$dir/settings")
		timeout=${t:-45}
	fi
	# kselftest's "no limit" (timers) is bounded here: a hung case must
	# not stall the run.
	[ "$timeout" != 0 ] || timeout=120
	{ make -s --no-print-directory -C "$src/$dir" OUTPUT="$out/obj/$dir" \
		COLLECTION="$dir" emit_tests; extra "$dir"; } |
	while IFS=: read -r _ prog; do
		case=$dir:$prog
		why=$(not_run "$case")
		if [ -n "$why" ]; then
			echo "$case $why" >> "$out/not-run"
		elif [ ! -e "$stage/ksft/$dir/$prog" ]; then
			echo "$case" >> "$out/not-built"
		else
			t=$(setting "$case" timeout)
			args=$(setting "$case" args | tr , ' ')
			echo "$case ${t:-$timeout} $args" >> "$out/LIST"
		fi
	done
done

# Programs linked dynamically (tools/kselftest/dirs says which) need the
# loader and their libraries in the image.
find "$stage/ksft" -type f -perm -u+x | while read -r f; do
	readelf -l "$f" 2>/dev/null | grep -q 'program interpreter' || continue
	ldd "$f" | sed -n 's/.*=> \(\/[^ ]*\).*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) .*/\1/p'
done | sort -u | while read -r lib; do
	mkdir -p "$stage$(dirname "$lib")"
	cp -L "$lib" "$stage$lib"
done

cp "$init" "$stage/init"
mkdir -p "$stage/bin" "$stage/sbin" "$stage/usr/bin" "$stage/usr/sbin" \
	"$stage/proc" "$stage/sys" "$stage/dev" "$stage/tmp" "$stage/root" \
	"$stage/mnt" \
	"$stage/etc"
cp /bin/busybox "$stage/bin/busybox"
for applet in $(/bin/busybox --list-full); do
	[ "$applet" = linuxrc ] && continue
	[ -e "$stage/$applet" ] || ln -s /bin/busybox "$stage/$applet"
done
cp "$top"/user/etc/* "$stage/etc/"
chmod 1777 "$stage/tmp"
cp "$out/LIST" "$stage/ksft/LIST"
(cd "$stage" && find . | LC_ALL=C sort |
	cpio -o -H newc --owner root:root --quiet) | gzip -1 -n > "$out/kselftest.cpio.gz.tmp"
mv "$out/kselftest.cpio.gz.tmp" "$out/kselftest.cpio.gz"
echo "kselftest: $(wc -l < "$out/LIST") cases, $(wc -l < "$out/not-built") not built, $(wc -l < "$out/not-run") not run" >&2
