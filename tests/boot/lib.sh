# tests/boot/lib.sh: sourced by the boot tests' init scripts (copied into
# each image as /lib/boot-test.sh).  TAP lines on stdout, as the guest
# tests print them; tools/boot-test.sh counts them.

# The firmware's last message has no newline: start a fresh line.
echo

# is NAME GOT WANT: one assertion.
is() {
	if [ "$2" = "$3" ]; then
		echo "ok - $1"
	else
		echo "not ok - $1: got '$2', want '$3'"
	fi
}
