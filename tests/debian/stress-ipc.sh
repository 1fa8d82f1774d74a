#!/bin/bash
# tests/debian/stress-ipc.sh: stress-ng's IPC and splice stressors and
# util-linux's SysV IPC tools, run as the Debian image's init command on
# tine and on Linux (make stress-debian; tools/check-debian.py --script).
# A section ("=== NAME") prints only what must match on both kernels:
# each stressor's exit status and stress-ng's pass/fail verdict; the
# bogo-ops metrics are printed as "#: " lines, logged but not compared.
export TZ=UTC LC_ALL=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin
W=/tmp/work
mkdir -p $W && cd $W || exit 1

# stress-ng NAME: two workers for 5 s. The verdict line loses its pid.
stressor() {
	echo "=== stress-ng --$1"
	stress-ng --"$1" 2 -t 5 --metrics-brief --temp-path $W >$W/out 2>&1
	echo "[exit $?]"
	sed -n 's/^stress-ng: [a-z]*: *\[[0-9]*\] *//p' $W/out |
		grep -E '^(passed|failed|skipped|successful|unsuccessful)' |
		sed 's/ in [0-9.]*s$//; s/ (.*s run time)//'
	sed 's/^/#: /' $W/out
}

for s in sem sem-sysv mq msg shm shm-sysv splice tee vm-splice sendfile; do
	stressor $s
done

# ipcmk makes one object of each kind, ipcs and lsipc list them, ipcrm
# removes them; owner, perms, sizes are the same on both kernels (ids
# and keys are not printed: ipcmk's keys are random).
ipc_tools() {
	shm=$(ipcmk -M 65536 -p 0640 | awk '{print $NF}')
	msg=$(ipcmk -Q -p 0620 | awk '{print $NF}')
	sem=$(ipcmk -S 3 -p 0600 | awk '{print $NF}')
	echo "made: ${shm:+shm} ${msg:+msg} ${sem:+sem}"
	ipcs -m | awk 'NR > 3 && NF { print $3, $4, $5, $6 }'
	ipcs -q | awk 'NR > 3 && NF { print $3, $4, $5, $6 }'
	ipcs -s | awk 'NR > 3 && NF { print $3, $4, $5 }'
	ipcs -m -i "$shm" | grep -E '^(uid|mode|bytes)' |
		sed 's/[lc]pid=[0-9]*//g; s/[ \t][ \t]*/ /g'
	ipcs -s -i "$sem" | grep -E '^(mode|nsems)' | sed 's/  */ /g'
	ipcs -l
	ipcs -u | grep -vE 'pages (resident|swapped)|Swap performance'
	lsipc
	lsipc -m -n -o PERMS,OWNER,SIZE,NATTCH
	lsipc -q -n -o PERMS,OWNER,USEDBYTES,MSGS
	lsipc -s -n -o PERMS,OWNER,NSEMS
	ipcrm -m "$shm" -q "$msg" -s "$sem"
	echo "ipcrm $?"
	ipcs -a | awk 'NF && !/^(-|key)/'
	cat /proc/sysvipc/shm /proc/sysvipc/msg /proc/sysvipc/sem | head -3
	# A new IPC namespace sees none of the parent's objects.
	id=$(ipcmk -M 4096 | awk '{print $NF}')
	unshare -i sh -c 'ipcs -m | awk "NR > 3 && NF" | wc -l; wc -l < /proc/sysvipc/shm'
	ipcrm -m "$id"
}
echo "=== ipc tools"
( ipc_tools ) 2>&1 | cat
echo "=== end"
