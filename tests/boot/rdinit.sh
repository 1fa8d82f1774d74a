#!/bin/sh
# rdinit= names the initramfs program to run instead of /init, with the
# words after "--" as its arguments; loglevel= overrides quiet, so the
# kernel's info messages show; panic=1 reboots a second after a panic.
# path: /sbin/first
# append: rdinit=/sbin/first loglevel=7 panic=1 -- one "two three"
# expect: Run /sbin/first as init process
# expect: Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000100
# expect: Rebooting in 1 seconds\.\.
. /lib/boot-test.sh

is "argv" "$0|$1|$2|$#" "/sbin/first|one|two three|2"
exit 1
