#!/bin/sh
# tools/boot-test.sh KERNEL [NAME...]: the boot tests, on any kernel.
# Each tests/boot/NAME.sh is the init script of its own small initramfs
# (busybox, no /dev, no /proc: a plain archive as most are made), booted
# with tools/qemu.sh; it prints TAP lines itself, and its header says
# what else to do and check:
#   # append: WORDS      more kernel command line
#   # path: /sbin/x      install the script there (else /init; an /init
#                        that fails the test is put there then)
#   # stage: CMD         shell command run in the staged tree first
#   # expect: REGEX      a line of the serial log must match (grep -E)
#   # expect-not: REGEX  no line may match
# QEMU must end by itself (power off, or a reboot: -no-reboot) within
# BOOT_TIMEOUT (300) seconds: Linux under -smp 4 MTTCG on a loaded 2-core
# host stalls for tens of seconds at boot (a soft lockup made a 60 s limit
# fail CI once).  Serial logs go to $BUILD/boot/NAME-KERNEL.log.
# Prints "ok"/"not ok" per assertion and a last line "N passed, M failed".
set -u

if [ $# -lt 1 ]; then
	echo "usage: $0 KERNEL [NAME...]" >&2
	exit 2
fi
kernel=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
build=${BUILD:-build}
out=$build/boot
mkdir -p "$out"
[ $# -gt 0 ] || set -- $(cd "$top/tests/boot" && ls *.sh | grep -v '^lib\.sh$' | sed 's/\.sh$//')
passed=0
failed=0

ok() {
	echo "ok - $*"
	passed=$((passed + 1))
}
not_ok() {
	echo "not ok - $*"
	failed=$((failed + 1))
}

# header FILE KEY: the values of "# KEY: value" lines, one per line.
header() {
	sed -n "s/^# $2: //p" "$1"
}

# stage NAME SCRIPT DIR: build the tree of one test.
stage() {
	rm -rf "$3"
	mkdir -p "$3/bin" "$3/lib"
	cp /bin/busybox "$3/bin/busybox"
	for a in $(/bin/busybox --list); do
		[ -e "$3/bin/$a" ] || ln -s busybox "$3/bin/$a"
	done
	cp "$top/tests/boot/lib.sh" "$3/lib/boot-test.sh"
	path=$(header "$2" path)
	if [ -n "$path" ]; then
		mkdir -p "$3/$(dirname "$path")"
		printf '#!/bin/sh\necho "not ok - /init ran, not %s"\npoweroff -f\n' \
			"$path" > "$3/init"
		chmod 755 "$3/init"
	else
		path=/init
	fi
	cp "$2" "$3$path"
	chmod 755 "$3$path"
	header "$2" stage | while read -r cmd; do
		(cd "$3" && sh -c "$cmd")
	done
}

for name in "$@"; do
	script=$top/tests/boot/$name.sh
	[ -f "$script" ] || { not_ok "boot/$name: no $script"; continue; }
	tree=$out/$name.d
	img=$out/$name.cpio
	log=$out/$name-$(basename "$kernel").log
	stage "$name" "$script" "$tree"
	(cd "$tree" && find . | LC_ALL=C sort |
		cpio -o -H newc --owner root:root --quiet) > "$img"
	append=$(header "$script" append)
	QEMU_TIMEOUT=${BOOT_TIMEOUT:-300} sh "$here/qemu.sh" "$kernel" "$img" \
		"$append" </dev/null >"$log.raw" 2>&1
	rc=$?
	tr -d '\r' < "$log.raw" > "$log"
	rm -f "$log.raw"
	case $rc in
	0) ok "boot/$name: QEMU ended by itself" ;;
	124|137) not_ok "boot/$name: no power-off or reboot within ${BOOT_TIMEOUT:-300} s" ;;
	*) not_ok "boot/$name: QEMU exited with status $rc" ;;
	esac
	grep -E '^(not )?ok( |$)' "$log" | sed "s|^\(not \)\{0,1\}ok - |&boot/$name: |"
	passed=$((passed + $(grep -Ec '^ok( |$)' "$log")))
	failed=$((failed + $(grep -Ec '^not ok( |$)' "$log")))
	header "$script" expect | while read -r re; do
		grep -Eq -- "$re" "$log" && echo "ok - boot/$name: log has /$re/" ||
			echo "not ok - boot/$name: log lacks /$re/"
	done > "$out/$name.expect"
	header "$script" expect-not | while read -r re; do
		grep -Eq -- "$re" "$log" && echo "not ok - boot/$name: log has /$re/" ||
			echo "ok - boot/$name: log lacks /$re/"
	done >> "$out/$name.expect"
	cat "$out/$name.expect"
	passed=$((passed + $(grep -c '^ok' "$out/$name.expect")))
	failed=$((failed + $(grep -c '^not ok' "$out/$name.expect")))
	if [ "$(grep -Ec '^(not )?ok( |$)' "$log")" -eq 0 ]; then
		not_ok "boot/$name: the guest printed no test lines (see $log)"
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
