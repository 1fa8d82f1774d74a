#!/bin/bash
# tests/debian/check.sh: real Debian programs at work, run as the command
# of the Debian image's init (make check-debian) on tine and on Linux.
# Each section starts with a line "=== NAME" and prints only what must
# be the same on both kernels (no pids, times or sizes that differ by
# design); tools/check-debian.py compares the two logs section by
# section, with the expected differences of tests/debian/expected-differences.
export TZ=UTC LC_ALL=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin
W=/tmp/work
mkdir -p $W && cd $W || exit 1

section() {
	echo "=== $1"
}

# Run a section's function with its output (stdout and stderr, on a pipe
# as in a script, not the console) and exit status reported; a section
# never stops the script.
run() {
	section "$1"
	( "$2" ) 2>&1 | cat
	echo "[exit ${PIPESTATUS[0]}]"
}

bash_scripting() {
	declare -a a=(one two three)
	declare -A h=([x]=1 [y]=2)
	echo "${#a[@]} ${a[1]} ${a[*]:1} ${!h[*]}" | tr ' ' '\n' | sort | tr '\n' ' '; echo
	s="Hello, World"
	echo "${s,,} ${s^^} ${s/World/tine} ${s:7} ${#s} ${s%%,*}"
	echo $(( (7 * 6) ** 2 % 1000 )) $(( 0x1f )) $(( 2#1010 ))
	f() { local x=$1; echo "f($x) $#"; return 3; }
	f a b; echo "status $?"
	echo {a..e} {1..10..3}
	while read -r k v; do echo "$v=$k"; done <<-EOF
	a 1
	b 2
	EOF
	diff <(printf '1\n2\n3\n') <(printf '1\n3\n')
	x=$( (echo sub; exit 4) ); echo "$x $?"
	trap 'echo trapped USR1' USR1; kill -USR1 $BASHPID
	sleep 0.1 & sleep 0.2 & wait; echo waited
	printf '%5s|%-5s|%05.2f|%x\n' ab cd 3.14159 255
	set -o pipefail; false | true; echo "pipefail $?"
	coproc cat; echo through >&"${COPROC[1]}"; exec {COPROC[1]}>&-; read -r l <&"${COPROC[0]}"; echo "coproc $l"; wait
	mapfile -t lines < <(seq 3); echo "${lines[@]}"
	[[ abc =~ ^a(b)c$ ]] && echo "match ${BASH_REMATCH[1]}"
	ulimit -n
}

coreutils() {
	printf 'b\nc\na\nb\n' > f1
	seq 1 10 > f2
	touch -d '2024-01-02 03:04:05' f1 f2
	mkdir -p d/e && touch -d '2024-01-02 03:04:05' d/e d
	ln -s f1 l1
	ln f2 h2
	chmod 640 f1
	stat -c '%n %s %a %A %F %h %U %G %y' f1 f2 d h2
	stat -c '%n %s %a %A %F %h %U %G %N' l1
	sort f1 | uniq -c
	sort -r -n f2 | head -3
	wc -l f1 f2; wc -c < f2
	cut -c1-2 f2 | tr '\n' ' '; echo
	date -d @1700000000 '+%Y-%m-%d %H:%M:%S %Z %a %j'
	date -d '2024-02-29 12:00 UTC +1 day' -u +%F
	TZ=America/New_York date -d @1700000000 +%T 2>&1
	md5sum f1 f2; sha256sum f2
	base64 f1; od -An -tx1 f1
	dd if=f2 of=f3 bs=4 count=2 status=none; cat f3; echo
	readlink l1; realpath l1
	id; uname -s -m -o
	echo a b c | tee t1 | wc -w; cat t1
	expr 6 \* 7; factor 360; seq -s, 5
	split -l 3 f2 part_; ls part_*; cat part_ab
	du -s --apparent-size --block-size=1 f2
	env -i A=1 env
	nohup true; echo "nohup $?"; rm -f nohup.out
	timeout 5 sleep 0.1; echo "timeout $?"
	timeout 0.2 sleep 5; echo "timeout $?"
	truncate -s 10000 sparse; stat -c '%s' sparse
	mktemp -d /tmp/x.XXXXXX | grep -c '^/tmp/x\.'
	rm -rf d; ls
}

ls_l() {
	printf 'x\n' > f1 && chmod 640 f1 && mkdir -p d/e
	touch -d '2024-01-02 03:04:05' f1 d/e d
	ls -l --time-style=+%F_%T f1 d
}

pipelines() {
	find /usr/lib/python3.11 -maxdepth 1 -name 'json*' | sort
	find / -xdev -name 'ld-linux-x86-64.so.2' 2>/dev/null | sort
	find /usr/share/perl/5.36.0 -name '*.pm' | wc -l
	grep -c '^def ' /usr/lib/python3.11/shutil.py
	grep -rl 'def dumps' /usr/lib/python3.11/json/ | sort
	seq 100 | awk '{ s += $1; if ($1 % 10 == 0) n++ } END { print s, n, s / NR }'
	printf 'x=1\ny=2\nz=3\n' | sed -e 's/=/ is /' -e '/y/d' -n -e 'p'
	printf 'apple 3\nbanana 1\ncherry 2\n' | sort -k2n | awk '{ printf "%-8s|%d\n", $1, $2 * 10 }'
	ls /usr/bin | grep -E '^(bash|gawk|perl|python3|strace|make)$' | xargs -n2 echo
	find /usr/include -name 'stdio.h' -path '*/include/stdio.h' | xargs grep -c 'printf' | head -1
	echo "hello world" | sed 's/\(hello\) \(world\)/\2 \1/' | tr a-z A-Z
	gawk 'BEGIN { split("c,a,b", x, ","); n = asort(x); for (i = 1; i <= n; i++) printf "%s", x[i]; print ""; printf "%.3f\n", atan2(0, -1) }'
}

python() {
	python3 - <<'EOF'
import os, sys, subprocess, threading, json, hashlib, zlib, re, datetime, tempfile, signal, time
print(sys.version_info[:2])
print(subprocess.run(['echo', 'from', 'subprocess'], capture_output=True, text=True).stdout.strip())
print(subprocess.check_output('echo $((6*7)) | cat', shell=True).decode().strip())
p = subprocess.Popen(['sh', '-c', 'exit 5']); print('status', p.wait())
total = []
lock = threading.Lock()
def work(n):
    s = sum(range(n))
    with lock:
        total.append(s)
ts = [threading.Thread(target=work, args=(i * 1000,)) for i in range(8)]
[t.start() for t in ts]; [t.join() for t in ts]
print('threads', sorted(total)[-1], len(total))
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r); os.write(w, b'child says hi'); os._exit(7)
os.close(w)
print(os.read(r, 100).decode(), 'exit', os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
pid = os.fork()
if pid == 0:
    os.kill(os.getpid(), signal.SIGTERM)
print('killed by', -os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
print(json.dumps({'b': [1, 2], 'a': None}, sort_keys=True))
print(hashlib.sha256(b'tine').hexdigest()[:16], zlib.crc32(b'tine'))
print(re.sub(r'(\w+)@(\w+)', r'\2 at \1', 'user@host'))
print(datetime.datetime.fromtimestamp(1700000000, datetime.timezone.utc).isoformat())
with tempfile.TemporaryDirectory() as d:
    open(os.path.join(d, 'f'), 'w').write('x' * 100)
    print(os.listdir(d), os.path.getsize(os.path.join(d, 'f')))
signal.signal(signal.SIGALRM, lambda s, f: print('alarm'))
signal.setitimer(signal.ITIMER_REAL, 0.1)
time.sleep(0.5)
import select
r, w = os.pipe(); os.write(w, b'x')
print('select', select.select([r], [], [], 1)[0] == [r])
import multiprocessing
print(multiprocessing.Pool(2).map(abs, [-1, -2, 3]))
EOF
}

python_sockets() {
	python3 -c 'import socket; a, b = socket.socketpair(); a.send(b"hi"); print(b.recv(2))'
	python3 -c 'import asyncio; print(asyncio.run(asyncio.sleep(0, "async")))'
	python3 - <<'EOF'
import asyncio, multiprocessing, os, socket
r, w = multiprocessing.Pipe()
w.send({'k': [1, 2]}); print('Pipe', r.recv())
path = '/tmp/work/py.sock'
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(path); srv.listen(1)
pid = os.fork()
if pid == 0:
    c = socket.socket(socket.AF_UNIX)
    c.connect(path); c.sendall(b'from child'); c.close(); os._exit(0)
conn, _ = srv.accept()
print('accept', conn.recv(100), os.waitpid(pid, 0)[1])
cred = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
print('peer uid', int.from_bytes(cred[4:8], 'little') == os.getuid())
a, b = socket.socketpair()
rfd, wfd = os.pipe()
socket.send_fds(a, [b'x'], [wfd])
msg, fds, flags, addr = socket.recv_fds(b, 1, 1)
os.write(fds[0], b'passed'); print('fd', msg, os.read(rfd, 6))
d1, d2 = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
d1.send(b'one'); d1.send(b'two'); print('dgram', d2.recv(9), d2.recv(9))
async def main():
    async def handle(rd, wr):
        wr.write((await rd.readline()).upper()); await wr.drain(); wr.close()
    server = await asyncio.start_unix_server(handle, path + '2')
    rd, wr = await asyncio.open_unix_connection(path + '2')
    wr.write(b'async line\n'); await wr.drain()
    print('asyncio', await rd.readline()); wr.close(); server.close()
asyncio.run(main())
with multiprocessing.Manager() as m:
    dd = m.dict(); dd['x'] = 1; print('Manager', dict(dd))
EOF
}

perl_section() {
	perl -e 'my %h = (b => 2, a => 1, c => 3); print join(",", map { "$_=$h{$_}" } sort keys %h), "\n";'
	perl -e '$_ = "The quick brown fox"; s/(\w+)/\u\L$1/g; print "$_\n"; print scalar(() = /o/g), "\n";'
	perl -e 'printf "%.3e %s %d\n", 12345.678, "x" x 3, 0x1f; print join(":", unpack("A2 n", pack("A2 n", "hi", 258))), "\n";'
	perl -e 'my $pid = fork; if (!$pid) { exit 9 } waitpid($pid, 0); print "child ", $? >> 8, "\n";'
	perl -e 'pipe(R, W); if (!fork) { close R; print W "via pipe\n"; exit 0 } close W; print scalar <R>; wait;'
	perl -MPOSIX -e 'print POSIX::strftime("%Y-%m-%d", gmtime(1700000000)), "\n";'
	perl -MList::Util=sum,max -e 'print sum(1..100), " ", max(3, 9, 2), "\n";'
	echo "a,b;c" | perl -F'[,;]' -lane 'print scalar @F, " ", join("|", reverse @F)'
}

gcc_section() {
	cat > prog.c <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
	int fd[2], status;
	char buf[64] = "";
	pid_t pid;

	if (pipe(fd) < 0)
		return 1;
	pid = fork();
	if (pid == 0) {
		dup2(fd[1], 1);
		execlp("echo", "echo", "exec", "works", (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	read(fd[0], buf, sizeof(buf) - 1);
	waitpid(pid, &status, 0);
	printf("%s: child said '%.*s', status %d\n", argv[0] + 2,
	       (int)strcspn(buf, "\n"), buf, WEXITSTATUS(status));
	return argc - 1;
}
EOF
	gcc -O2 -Wall -o prog prog.c && ./prog
	echo "prog exit $?"
	gcc -static -O2 -o prog-static prog.c && ./prog-static a
	echo "static exit $?"
	echo 'int main(void) { return 42; }' | gcc -x c -o ret - && ./ret; echo "ret $?"
	gcc -E -dM - </dev/null | grep -c __x86_64__
}

make_section() {
	mkdir -p mk && cd mk || return
	printf 'int add(int a, int b) { return a + b; }\n' > add.c
	printf '#include <stdio.h>\nint add(int, int);\nint main(void) { printf("%%d\\n", add(40, 2)); return 0; }\n' > main.c
	printf 'prog: main.o add.o\n\t$(CC) -o $@ $^\n%%.o: %%.c\n\t$(CC) -c -o $@ $<\nclean:\n\trm -f prog *.o\n.PHONY: clean\n' > Makefile
	touch -d 2024-01-01 *.c Makefile
	make -s -j2 && ./prog
	touch -d 2024-01-02 *.o prog
	make
	touch -d 2024-01-03 add.c
	make -n
	make -s clean; ls
}

strace_section() {
	# One file per process (-ff): no interleaving. The shape, not pids or
	# addresses: each process's execs, clones and exit, and the processes
	# sorted (their order depends on scheduling).
	mkdir -p /tmp/st
	strace -ff -qq -e signal=none \
		-e trace=execve,clone,clone3,vfork,fork,exit_group \
		-o /tmp/st/t sh -c '/bin/true; /bin/echo x | /bin/cat' >/dev/null
	for f in /tmp/st/t.*; do
		sed -E -e 's/0x[0-9a-f]+/ADDR/g' -e 's/= [0-9]+$/= N/' \
			-e 's|/\* [0-9]+ vars \*/|ENV|' "$f" | tr '\n' ';'
		echo
	done | sort
	strace -c -o /tmp/sc true; grep -c total /tmp/sc
}

procps() {
	ps -o comm= -p $$
	ps -e -o comm= | grep -c '^ps$'
	pgrep -x bash >/dev/null && echo "pgrep finds bash"
	sleep 10 & pkill -x sleep; wait; echo "pkill $?"
	free | sed -n 1p | tr -s ' '
	uptime | grep -Ec 'load average: [0-9.]+, [0-9.]+, [0-9.]+'
	kill -l 15
}

proc_tools() {
	ps -ef | sed -n 1p | tr -s ' '
	ps aux | sed -n 1p | tr -s ' '
	sleep 5 & sleep 0.2
	ps -o comm=,stat= -p $!
	kill $!; wait
	python3 -c 'import threading, subprocess, os
e = threading.Event()
t = [threading.Thread(target=e.wait) for _ in range(3)]
[x.start() for x in t]
print(subprocess.run(["ps", "-o", "nlwp=", "-p", str(os.getpid())], capture_output=True, text=True).stdout.strip(), len(os.listdir("/proc/self/task")))
e.set()'
	awk '{ print NF }' /proc/self/stat
	grep -v '^Speculation' /proc/self/status | cut -d: -f1 | tr '\n' ' '; echo
	vmstat 1 2 | tail -1 | awk '{ print NF }'
	free -b | sed -n 1p | tr -s ' '
	w | sed -n 2p | tr -s ' '
	sysctl kernel.ostype kernel.pid_max fs.nr_open kernel.printk
	sysctl -w kernel.domainname=tine.test && cat /proc/sys/kernel/domainname
	sysctl -a 2>/dev/null | grep -c '^kernel\.hostname = '
	echo '<6>tine-check-debian' > /dev/kmsg
	dmesg -t | grep tine-check-debian
	dmesg -x -t --level=info | grep tine-check-debian
	findmnt -n -o TARGET,FSTYPE /proc
	mount -t sysfs sysfs /sys && cat /sys/devices/system/cpu/online
	ls /sys/devices/system/cpu | grep -c '^cpu[0-9]'
	readlink /sys/class/mem/null /sys/dev/char/1:3 /sys/class/tty/tty
	cat /sys/class/mem/null/uevent /sys/dev/char/1:5/dev
	cat /proc/swaps /proc/execdomains
	swapon --show; echo "swapon $?"
	lsmod
	sysctl kernel.arch vm.panic_on_oom vm.oom_dump_tasks \
		vm.oom_kill_allocating_task debug.exception-trace \
		kernel.panic_on_warn
	sysctl -w vm.drop_caches=2
	lscpu | grep -E '^(CPU\(s\)|Socket\(s\)|Thread\(s\) per core):' | tr -s ' '
	umount /sys
}

# Each tool runs on the live system: only the headers, the column count
# of its lines and what it says on stderr must agree with Linux.
procps_more() {
	sleep 100 & sleep 0.2
	ps -eLf | sed -n 1p | tr -s ' '
	ps -eLf 2>&1 >/dev/null | wc -l
	ps -eLf | awk 'NR > 1 && NF < 10 { bad++ } END { print "ps -eLf short lines", bad + 0 }'
	ps -o pid=,tpgid= -p $$ | awk '{ print ($2 == -1 || $2 > 0) ? "tpgid ok" : "tpgid " $2 }'
	top -b -n 1 2>&1 | sed -n '7s/ \+/ /gp'
	pgrep -c -x sleep
	pkill -x sleep; wait; echo "pkill $?"
	free -w | sed -n 1p | tr -s ' '
	free 2>&1 >/dev/null | wc -l
	uptime 2>&1 >/dev/null | wc -l
	vmstat -s 2>&1 | sed -E 's/^ *[0-9]+ //' | head -5
	vmstat 2>&1 | sed -n 2p | tr -s ' '
	pmap -x $$ | sed -n 2p | tr -s ' '
	pmap -X $$ | sed -n 2p | tr -s ' '
	pmap -x $$ | tail -1 | awk '{ print $1, $2, NF }' | sed 's/ [0-9]* / N /'
	pmap $$ 2>&1 >/dev/null | wc -l
	lsns -n -o TYPE | sort -u | tr '\n' ' '; echo
	lsns 2>&1 >/dev/null | wc -l
	dmesg >/dev/null; echo "dmesg $?"
	lscpu 2>&1 >/dev/null | wc -l
	w -h 2>&1 | wc -l
	hwclock -r | grep -Ec '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+[+-][0-9:]+$'
	hwclock -r --verbose 2>&1 | grep -E '^(Using|Assuming|Waiting|Time read)' | sed 's/: .*//'
}

top_section() {
	top -b -n 1 | sed -n '1s/^top - .*load average: .*/top line 1/p; 2s/^Tasks: .*/tasks line/p; 3s/^%Cpu.*id,.*/cpu line/p'
}

util_linux() {
	unshare --pid --fork sh -c 'echo "pid $$"'
	setsid -w sh -c 'test "$(ps -o sid= -p $$)" -eq $$ && echo "own session"'
	flock /tmp/lock -c 'echo locked'
	echo "c b a" | rev
	printf 'a 1\nbbb 22\n' | column -t
	printf 'tine' | hexdump -C
	getopt -o ab: -- -a -b x y
	nsenter --help >/dev/null && echo nsenter
	lsblk >/dev/null 2>&1; echo "lsblk ran"
}

editors() {
	printf 'one\ntwo\nthree\n' > v.txt
	vim.tiny -es -c '%s/o/0/g' -c '2d' -c 'wq' v.txt; cat v.txt
	less -FX v.txt
	printf 'line %s\n' 1 2 3 | less -FX
}

tracing() {
	T=/sys/kernel/tracing
	mountpoint -q /sys || mount -t sysfs sysfs /sys
	mountpoint -q $T || mount -t tracefs nodev $T
	echo > $T/set_event
	echo > $T/trace
	echo 'sched:sched_process_fork sched:sched_process_exec sched:sched_process_exit task:task_newtask task:task_rename' > $T/set_event
	sort $T/set_event
	sh -c 'ls / | wc -l' > /dev/null
	echo > $T/set_event
	# The shape of the run, not its pids or times: each event's name
	# and the fields that do not depend on them.
	grep -v '^#' $T/trace | grep -E 'comm=sh |comm=ls|comm=wc|filename=/usr/bin/(ls|wc)|newcomm=(sh|ls|wc)' |
		sed -E -e 's/^.*: ([a-z_]+): /\1: /' -e 's/(pid|child_pid|old_pid)=[0-9]+/\1=N/g' |
		sort | uniq -c
	cat $T/events/sched/sched_process_exec/format | sed -n '/field/p'
	echo > $T/free_buffer
}

stress() {
	stress-ng --fork 1 --fork-ops 200 --vfork 1 --vfork-ops 100 \
		--clone 1 --clone-ops 100 --exec 1 --exec-ops 50 -q 2>&1 | tail -n 3
	echo "stress-ng exit ${PIPESTATUS[0]}"
}

stress_sockets() {
	stress-ng --sockpair 1 --sockpair-ops 300 --sockfd 1 --sockfd-ops 300 \
		-q 2>&1 | tail -n 3
	echo "stress-ng exit ${PIPESTATUS[0]}"
}

# epoll, eventfd, timerfd, signalfd, POSIX timers, inotify, CPU clocks.
stress_events() {
	stress-ng --epoll 1 --epoll-ops 200 --eventfd 1 --eventfd-ops 500 \
		--timerfd 1 --timerfd-ops 500 --sigfd 1 --sigfd-ops 500 \
		--timer 1 --timer-ops 200 --inotify 1 --inotify-ops 20 \
		--clock 1 --clock-ops 200 -q 2>&1 | tail -n 3
	echo "stress-ng exit ${PIPESTATUS[0]}"
}

# Futexes (wait/wake and the stressor's mutexes) and signalfd from two
# processes (issue 9's done-when stressors; its sock stressor asks for
# IPPROTO_TCP even with --sock-domain unix: EPROTONOSUPPORT on Linux too,
# so AF_UNIX streams are covered by sockpair and sockfd above).
stress_talk() {
	stress-ng --futex 1 --futex-ops 2000 --sigfd 2 --sigfd-ops 300 \
		-q 2>&1 | tail -n 3
	echo "stress-ng exit ${PIPESTATUS[0]}"
}

# util-linux unshare and nsenter: each kind of namespace, a user
# namespace mapped to root, a pid namespace's init, joining a process's
# namespaces, and the ns links (kinds only: the numbers differ).
namespaces() {
	local bb=/usr/lib/tine/busybox h
	h=$(uname -n)
	$bb hostname outer
	unshare --uts sh -c "$bb hostname inner; uname -n"
	uname -n
	unshare --ipc --net --cgroup --uts --mount true && echo "unshare: every kind"
	unshare --user --map-root-user sh -c 'id -u; cat /proc/self/uid_map | tr -s " "'
	unshare --pid --fork sh -c 'echo "pid $$"'
	mkdir -p $W/m
	unshare --mount sh -c "mount -t tmpfs none $W/m && touch $W/m/x && ls $W/m"
	ls $W/m | wc -l
	unshare --uts sh -c "$bb hostname held; exec sleep 20" &
	pid=$!
	for i in $(seq 50); do [ "$(readlink /proc/$pid/ns/uts)" != "$(readlink /proc/self/ns/uts)" ] && break; sleep 0.1; done
	sleep 0.2
	nsenter -t $pid --uts uname -n
	kill $pid; wait
	unshare --time --fork --monotonic 3600 sh -c 'cat /proc/self/timens_offsets | tr -s " "'
	ls /proc/self/ns | tr '\n' ' '; echo
	for f in /proc/self/ns/*; do readlink $f | sed 's/:.*//'; done | tr '\n' ' '; echo
	$bb hostname "$h"
}

# util-linux mount, findmnt and df on a tmpfs in a mount namespace of
# its own: size=, nr_inodes=, mode= enforced and shown, a bad option,
# ENOSPC, remount, a bind mount of a shared mount and propagation.
mounts() {
	mkdir -p $W/ma $W/mb
	unshare --mount --propagation private bash -c "
		mount -t tmpfs -o bogus none $W/ma; echo \"bogus: \$?\"
		mount -t tmpfs -o size=1m,nr_inodes=100,mode=700 tmpsrc $W/ma || exit
		findmnt -n -o FSTYPE,SOURCE,OPTIONS $W/ma
		df -k --output=size,used,avail,itotal,iused $W/ma | tr -s ' '
		stat -c '%a %U' $W/ma
		head -c 2000000 /dev/zero > $W/ma/big; echo \"write: \$?\"
		ls -s $W/ma/big
		mount -o remount,size=512k $W/ma; echo \"shrink: \$?\"
		mount -o remount,size=4m $W/ma && df -k --output=size,used $W/ma | tr -s ' '
		rm $W/ma/big
		mount --make-shared $W/ma && mount --bind $W/ma $W/mb
		findmnt -n -o TARGET,PROPAGATION $W/mb
		touch $W/mb/via-b && ls $W/ma
		umount $W/mb $W/ma && echo unmounted
	"
}

# asyncio's event loop (epoll), and tail -f (inotify).
# Pseudo-terminals: python's pty module (fork, a controlling tty, EIO on
# the master once the child is gone) and script(1).
pty_section() {
	python3 - <<'EOF'
import os, pty, sys, termios
pid, fd = pty.fork()
if pid == 0:
    print("child tty", os.isatty(0), os.ttyname(0).startswith("/dev/pts/"))
    print("leader", os.getsid(0) == os.getpid(), "foreground", os.tcgetpgrp(0) == os.getpgrp())
    print("got", input())
    os._exit(3)
os.write(fd, b"hello\n")
out = b""
while True:
    try:
        d = os.read(fd, 1024)
    except OSError as e:
        print("master read after exit:", e.strerror)
        break
    if not d:
        break
    out += d
_, st = os.waitpid(pid, 0)
sys.stdout.write(out.decode().replace("\r\n", "\n"))
print("exit", os.waitstatus_to_exitcode(st))
m, s = pty.openpty()
print("openpty", os.ttyname(s).startswith("/dev/pts/"), termios.tcgetattr(m)[3] & termios.ICANON != 0)
EOF
	script -qec 'tty | sed "s/[0-9]*$/N/"; stty size; echo in script; exit 5' /dev/null </dev/null | tr -d '\r'
	echo "script exit ${PIPESTATUS[0]}"
	# tmux: a detached session runs its command on a pty of its own.
	tmux -S /tmp/tmux.sock new-session -d -x 100 -y 30 \
		'{ tty | sed "s/[0-9]*$/N/"; stty size; } > /tmp/tmux.out; sleep 5'
	for i in $(seq 50); do [ -s /tmp/tmux.out ] && break; sleep 0.2; done
	sleep 0.5
	cat /tmp/tmux.out
	tmux -S /tmp/tmux.sock list-sessions -F '#{session_windows} window(s)'
	tmux -S /tmp/tmux.sock kill-server
}

events() {
	python3 - <<'EOF'
import asyncio, os, selectors
print(type(selectors.DefaultSelector()).__name__)
async def main():
    r, w = os.pipe()
    loop = asyncio.get_running_loop()
    got = loop.create_future()
    loop.add_reader(r, lambda: got.done() or got.set_result(os.read(r, 10)))
    loop.call_later(0.05, os.write, w, b"ping")
    print(await asyncio.wait_for(got, 10))
    p = await asyncio.create_subprocess_exec("echo", "child",
                                             stdout=asyncio.subprocess.PIPE)
    out, _ = await p.communicate()
    print(out, p.returncode)
asyncio.run(main())
EOF
	: > log
	tail -f log > out 2>&1 &
	echo hello >> log
	for i in $(seq 100); do grep -q hello out && break; sleep 0.1; done
	kill %1; wait
	cat out
	rm -f log out
}

debuggers() {
	# strace and gdb as a developer uses them; addresses, pids and
	# times are masked, the rest must be Linux's.
	mkdir -p dbg && cd dbg || return
	# -ff: a file per process, so no call is split by another's.
	strace -ff -qq -e trace=process -e signal=none -o sp \
		sh -c 'ls / | wc -l' >/dev/null
	for f in sp.*; do
		grep -v '^wait4' "$f" | sed -E -e 's/0x[0-9a-f]+/ADDR/g' \
			-e 's/= [0-9]+$/= N/' -e 's|/\* [0-9]+ vars \*/|ENV|' \
			-e 's/ +=/ =/' | tr '\n' ';'
		echo
	done | sort
	strace -c -o sc ls / >/dev/null
	awk '$NF != "total" && $NF != "syscall" && $NF !~ /^-/ { print $NF }' sc |
		sort | tr '\n' ' '
	echo
	cat > dbg.c <<'EOF'
#include <stdio.h>

volatile int counter;

static int add(int a, int b)
{
	return a + b;
}

static void crash(int *p)
{
	*p = add(40, 2);
}

int main(int argc, char **argv)
{
	for (int i = 0; i < 3; i++)
		counter += i + 1;
	printf("counter %d\n", counter);
	if (argc > 1)
		crash(NULL);
	return 0;
}
EOF
	gcc -g -O0 -o dbg dbg.c || return
	mask() {
		sed -E -e 's/0x[0-9a-f]+/ADDR/g' -e 's/process [0-9]+/process N/' \
			-e '/^(\[Thread|Using host|warning: (Error disabling|could not))/d'
	}
	gdb -q -nx -batch -ex run -ex bt --args ./dbg crash 2>&1 | mask
	gdb -q -nx -batch -ex 'break add' -ex run -ex 'info args' \
		-ex finish -ex continue --args ./dbg crash 2>&1 | mask
	gdb -q -nx -batch -ex 'break add' -ex run -ex 'info registers' \
		--args ./dbg crash 2>&1 | awk '/^[a-z_0-9]+ +0x/ { print $1 }' |
		tr '\n' ' '
	echo
	gdb -q -nx -batch -ex 'break main' -ex run -ex 'watch counter' \
		-ex continue -ex continue -ex 'info watchpoints' ./dbg 2>&1 | mask
}

# iproute2 in a new network namespace, where lo starts down with no
# address: links, addresses (IPv4 secondaries, IPv6), the local routes
# the addresses make, and the errors ip prints. The sleeps let Linux's
# IPv6 duplicate address detection (a work item) finish.
iproute() {
	unshare -n bash -c '
	ip link; ip addr; ip -d link show lo
	ip link set lo up; echo "up $?"
	ip link; ip addr
	ip route; ip -6 route; ip route show table local; ip -6 route show table all
	ip addr add 127.0.0.2/8 dev lo; echo "add $?"
	ip addr add 10.9.8.7/24 dev lo; echo "add $?"
	ip -6 addr add fd00::5/64 dev lo; echo "add6 $?"
	ip addr add 127.0.0.2/8 dev lo; echo "again $?"
	sleep 1
	ip addr show dev lo
	ip route show table all
	ip addr del 10.9.8.7/24 dev lo; echo "del $?"
	ip -6 addr del fd00::5/64 dev lo; echo "del6 $?"
	ip addr del 10.9.8.7/24 dev lo; echo "delagain $?"
	ip -br addr; ip -br link
	ip link set lo down; echo "down $?"
	ip addr; ip route show table all
	ip -s link show lo; ip -j addr show lo; echo'
}

# ip monitor sees the link and address changes of its namespace.
ip_monitor() {
	unshare -n bash -c '
	ip monitor link address > /tmp/ipmon 2>&1 &
	sleep 2
	ip link set lo up; sleep 0.5
	ip addr add 127.0.0.9/8 dev lo; sleep 0.5
	ip -6 addr add fd00::9/64 dev lo; sleep 1
	ip addr del 127.0.0.9/8 dev lo; sleep 0.5
	ip link set lo down; sleep 1
	kill %1; wait; cat /tmp/ipmon'
}

# ss -x through NETLINK_SOCK_DIAG (unix_diag; a module on Debian's
# kernel, built into tine, where insmod fails) in a new network
# namespace: a listener with a pending and an accepted connection with
# unread data, an abstract dgram socket, a pair with a shutdown. Inode
# numbers become I1, I2... in numeric order, pids P; the bytes a sender
# has in flight (memory accounting sizes differ by design) become N;
# lines are sorted (the kernels' dump orders differ).
ss_section() {
	insmod /lib/modules/unix_diag.ko 2>/dev/null
	unshare -n python3 - <<'EOF'
import re, socket, subprocess
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind('/tmp/ss.sock'); s.listen(5)
c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
c.connect('/tmp/ss.sock')
a, _ = s.accept()
pending = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
pending.connect('/tmp/ss.sock')
c.send(b'hello')
d = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
d.bind('\0ss-dgram')
p, q = socket.socketpair()
q.shutdown(socket.SHUT_WR)
def run(*args):
    out = subprocess.run(['ss'] + list(args), capture_output=True, text=True).stdout
    rows = [l.split() for l in out.splitlines()]
    inos = sorted({int(f[i]) for f in rows[1:] for i in (5, 7) if len(f) > 7 and f[i].isdigit() and f[i] != '0'})
    name = {str(n): 'I%d' % (k + 1) for k, n in enumerate(inos)}
    lines = []
    for f in rows[1:]:
        if len(f) > 7:
            f[5], f[7] = name.get(f[5], f[5]), name.get(f[7], f[7])
            if f[1] != 'LISTEN' and f[3] != '0':
                f[3] = 'N'
        l = ' '.join(f)
        l = re.sub(r'pid=\d+', 'pid=P', l)
        l = re.sub(r'peers: (\d+)', lambda m: 'peers: ' + name.get(m.group(1), '?'), l)
        l = re.sub(r'ino:\d+ dev:\d+/\d+', 'ino:X dev:D', l)
        lines.append(l)
    print('$ ss ' + ' '.join(args))
    print(' '.join(rows[0]) if rows else '(nothing)')
    print('\n'.join(sorted(lines)))
run('-x'); run('-xl'); run('-xa'); run('-xap'); run('-xae'); run('-xn', 'src', '/tmp/ss.sock')
EOF
	rm -f /tmp/ss.sock
}

# check.sh FUNCTION...: only those sections (to try one out).
if [ $# -gt 0 ]; then
	for f in "$@"; do run "$f" "$f"; done
	section "end"
	exit 0
fi
run "bash scripting" bash_scripting
run "coreutils" coreutils
run "ls -l" ls_l
run "find grep sed awk" pipelines
run "python3" python
run "python3 sockets" python_sockets
run "perl" perl_section
run "gcc" gcc_section
run "make" make_section
run "strace" strace_section
run "procps" procps
run "top" top_section
run "proc tools" proc_tools
run "procps more" procps_more
run "util-linux" util_linux
run "namespaces" namespaces
run "iproute2" iproute
run "ip monitor" ip_monitor
run "ss" ss_section
run "mounts" mounts
run "vim less" editors
run "tracefs" tracing
run "stress-ng" stress
run "stress-ng sockets" stress_sockets
run "stress-ng events" stress_events
run "stress-ng talk" stress_talk
run "events" events
run "pty" pty_section
run "debuggers" debuggers
section "end"
