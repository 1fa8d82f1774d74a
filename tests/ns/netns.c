/*
 * tests/ns/netns.c: network namespaces scope abstract AF_UNIX names. A
 * name bound in one namespace cannot be reached from another
 * (ECONNREFUSED) and may be bound there again; sockets keep the
 * namespace they were made in; filesystem names are not scoped. Each
 * namespace has its own loopback device "lo" (index 1), down when the
 * namespace is new; bringing it up (CAP_NET_ADMIN over the namespace,
 * else EPERM) shows 127.0.0.1 in SIOCGIFCONF there and nowhere else.
 */
#include "cred.h"
#include "ns.h"
#include <net/if.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

/* A device ioctl on an AF_UNIX socket (any socket takes them). */
static int if_ioctl(unsigned long cmd, struct ifreq *r)
{
	int s = socket(AF_UNIX, SOCK_DGRAM, 0), err;

	err = ioctl(s, cmd, r);
	close(s);
	return err;
}

static int lo_flags(void)
{
	struct ifreq r = { 0 };

	strcpy(r.ifr_name, "lo");
	return if_ioctl(SIOCGIFFLAGS, &r) ? -1 : (unsigned short)r.ifr_flags;
}

static int lo_set_up(void)
{
	struct ifreq r = { 0 };

	strcpy(r.ifr_name, "lo");
	r.ifr_flags = IFF_UP;
	return if_ioctl(SIOCSIFFLAGS, &r);
}

/* SIOCGIFCONF: how many interfaces have an IPv4 address. */
static int ifconf_count(char *first)
{
	struct ifreq rs[4];
	struct ifconf c = { .ifc_len = sizeof(rs), .ifc_req = rs };
	int s = socket(AF_UNIX, SOCK_DGRAM, 0), err = ioctl(s, SIOCGIFCONF, &c);

	close(s);
	if (err)
		return -1;
	if (c.ifc_len >= (int)sizeof(rs[0]))
		strcpy(first, rs[0].ifr_name);
	return c.ifc_len / (int)sizeof(rs[0]);
}

/* The device's names and numbers here. */
static void test_device(void)
{
	struct ifreq r = { 0 };

	strcpy(r.ifr_name, "lo");
	expect_ok(if_ioctl(SIOCGIFINDEX, &r));
	is(r.ifr_ifindex, 1, "lo is interface 1");
	memset(&r, 0, sizeof(r));
	r.ifr_ifindex = 1;
	expect_ok(if_ioctl(SIOCGIFNAME, &r));
	is_str(r.ifr_name, "lo", "interface 1 is lo");
	strcpy(r.ifr_name, "lo");
	expect_ok(if_ioctl(SIOCGIFMTU, &r));
	is(r.ifr_mtu, 65536, "its MTU");
	ok(lo_flags() & IFF_LOOPBACK, "it is a loopback device");
	strcpy(r.ifr_name, "nosuch0");
	expect_errno(if_ioctl(SIOCGIFFLAGS, &r), ENODEV);
	r.ifr_ifindex = 99;
	expect_errno(if_ioctl(SIOCGIFNAME, &r), ENODEV);
}

/* A new namespace's lo: down, then up with 127.0.0.1, for it alone. */
static int new_lo_case(void)
{
	char name[IFNAMSIZ] = "";

	if (unshare(CLONE_NEWNET))
		return 10;
	is(lo_flags(), IFF_LOOPBACK, "a new namespace's lo is down");
	is(ifconf_count(name), 0, "and has no IPv4 address");
	expect_ok(lo_set_up());
	is(lo_flags() & (IFF_UP | IFF_RUNNING), IFF_UP | IFF_RUNNING,
	   "it comes up");
	is(ifconf_count(name), 1, "with an address");
	is_str(name, "lo", "on lo");
	return tap_done();
}

/* Changing it needs CAP_NET_ADMIN over the namespace. */
static int unprivileged_case(void)
{
	if (become(65534, 65534))
		return 10;
	expect_errno(lo_set_up(), EPERM);
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET))
		return 11;
	expect_ok(lo_set_up());
	return tap_done();
}

static socklen_t abstract(struct sockaddr_un *a, const char *name)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	strcpy(a->sun_path + 1, name);
	return offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
}

static int listener(struct sockaddr_un *a, socklen_t len)
{
	int s = socket(AF_UNIX, SOCK_STREAM, 0);

	if (s < 0 || bind(s, (struct sockaddr *)a, len) || listen(s, 1))
		return -1;
	return s;
}

static int try_connect(struct sockaddr_un *a, socklen_t len)
{
	int s = socket(AF_UNIX, SOCK_STREAM, 0), r;

	r = connect(s, (struct sockaddr *)a, len);
	close(s);
	return r;
}

static int in_new_netns(void)
{
	struct sockaddr_un a, f;
	socklen_t len = abstract(&a, "tine-netns-test");
	int s;

	if (unshare(CLONE_NEWNET))
		return 10;
	expect_errno(try_connect(&a, len), ECONNREFUSED);
	s = listener(&a, len);
	ok(s >= 0, "the same abstract name binds in the new namespace");
	expect_ok(try_connect(&a, len));
	memset(&f, 0, sizeof(f));
	f.sun_family = AF_UNIX;
	strcpy(f.sun_path, "/tmp/ns-netns.sock");
	expect_ok(try_connect(&f, sizeof(f)));
	return tap_done();
}

int main(void)
{
	struct sockaddr_un a, f;
	socklen_t len = abstract(&a, "tine-netns-test");
	int s = listener(&a, len), fs, early, status;
	pid_t c;

	ok(s >= 0, "an abstract name bound here");
	memset(&f, 0, sizeof(f));
	f.sun_family = AF_UNIX;
	strcpy(f.sun_path, "/tmp/ns-netns.sock");
	unlink(f.sun_path);
	fs = socket(AF_UNIX, SOCK_STREAM, 0);
	ok(fs >= 0 && !bind(fs, (struct sockaddr *)&f, sizeof(f)) &&
	   !listen(fs, 4), "and a filesystem name");
	ok(exited_with(run_child(in_new_netns), 0), "case new_netns");
	test_device();
	{
		int before = lo_flags();

		ok(exited_with(run_child(new_lo_case), 0), "case new_lo");
		is(lo_flags(), before, "our lo did not change");
	}
	ok(exited_with(run_child(unprivileged_case), 0), "case unprivileged");
	/* A socket made before unshare stays in the old namespace. */
	c = fork();
	if (c == 0) {
		early = socket(AF_UNIX, SOCK_STREAM, 0);
		if (unshare(CLONE_NEWNET))
			_exit(10);
		_exit(connect(early, (struct sockaddr *)&a, len) ? 1 : 0);
	}
	waitpid(c, &status, 0);
	ok(exited_with(status, 0),
	   "a socket made before unshare(CLONE_NEWNET) reaches the old name");
	expect_ok(try_connect(&a, len));
	close(s);
	close(fs);
	unlink(f.sun_path);
	return tap_done();
}
