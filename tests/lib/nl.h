/*
 * tests/lib/nl.h: netlink for the tests (musl has no linux/ headers):
 * the constants and structs of linux/netlink.h and linux/rtnetlink.h
 * the tests use, and helpers to send a request to the kernel and walk
 * the answers.
 */
#ifndef NL_H
#define NL_H

#include "tap.h"
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#ifndef AF_NETLINK
#define AF_NETLINK 16
#endif
#define NETLINK_ROUTE 0
#define SOL_NETLINK 270
#define NETLINK_NO_ENOBUFS 5
#define NETLINK_CAP_ACK 10
#define NETLINK_EXT_ACK 11

struct sockaddr_nl {
	unsigned short nl_family;
	unsigned short nl_pad;
	uint32_t nl_pid;
	uint32_t nl_groups;
};

struct nlmsghdr {
	uint32_t nlmsg_len;
	uint16_t nlmsg_type;
	uint16_t nlmsg_flags;
	uint32_t nlmsg_seq;
	uint32_t nlmsg_pid;
};

struct nlmsgerr {
	int error;
	struct nlmsghdr msg;
};

struct nlattr {
	uint16_t nla_len;
	uint16_t nla_type;
};

struct ifinfomsg {
	unsigned char ifi_family;
	unsigned char pad;
	unsigned short ifi_type;
	int ifi_index;
	unsigned int ifi_flags;
	unsigned int ifi_change;
};

struct ifaddrmsg {
	uint8_t ifa_family;
	uint8_t ifa_prefixlen;
	uint8_t ifa_flags;
	uint8_t ifa_scope;
	uint32_t ifa_index;
};

#define NLMSG_ALIGN(len) (((len) + 3U) & ~3U)
#define NLMSG_HDRLEN ((int)NLMSG_ALIGN(sizeof(struct nlmsghdr)))
#define NLMSG_DATA(nlh) ((void *)((char *)(nlh) + NLMSG_HDRLEN))
#define NLA_HDRLEN 4

#define NLM_F_REQUEST 0x01
#define NLM_F_MULTI 0x02
#define NLM_F_ACK 0x04
#define NLM_F_DUMP 0x300
#define NLM_F_CAPPED 0x100
#define NLMSG_NOOP 1
#define NLMSG_ERROR 2
#define NLMSG_DONE 3

#define RTM_NEWLINK 16
#define RTM_GETLINK 18
#define RTM_SETLINK 19
#define RTM_NEWADDR 20
#define RTM_GETADDR 22

#define IFLA_ADDRESS 1
#define IFLA_BROADCAST 2
#define IFLA_IFNAME 3
#define IFLA_MTU 4
#define IFLA_TXQLEN 13
#define IFLA_OPERSTATE 16
#define IFLA_STATS64 23
#define IFA_ADDRESS 1
#define IFA_LOCAL 2
#define IFA_LABEL 3

#define ARPHRD_LOOPBACK 772
#define IF_OPER_DOWN 2
#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP 0x10000
#endif

/* A request: a header, a fixed part and room for attributes. */
struct nl_req {
	struct nlmsghdr h;
	union {
		struct ifinfomsg ifi;
		struct ifaddrmsg ifa;
		unsigned char gen;
	};
	char attrs[64];
};

/* Start a request of type with a fixed part of len bytes (zeroed). */
static inline void nl_req_init(struct nl_req *r, int type, int flags,
			       uint32_t seq, int len)
{
	memset(r, 0, sizeof(*r));
	r->h.nlmsg_len = NLMSG_HDRLEN + len;
	r->h.nlmsg_type = type;
	r->h.nlmsg_flags = flags;
	r->h.nlmsg_seq = seq;
}

/* Append an attribute to r. */
static inline void nl_req_attr(struct nl_req *r, int type, const void *data,
			       int len)
{
	struct nlattr *a = (struct nlattr *)((char *)r +
					     NLMSG_ALIGN(r->h.nlmsg_len));

	a->nla_len = NLA_HDRLEN + len;
	a->nla_type = type;
	memcpy(a + 1, data, len);
	r->h.nlmsg_len = NLMSG_ALIGN(r->h.nlmsg_len) + NLMSG_ALIGN(a->nla_len);
}

/* Send len bytes at buf to the kernel: sendto's result. */
static inline long nl_send_raw(int fd, const void *buf, size_t len)
{
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };

	return sendto(fd, buf, len, 0, (struct sockaddr *)&to, sizeof(to));
}

static inline long nl_send(int fd, struct nl_req *r)
{
	return nl_send_raw(fd, r, r->h.nlmsg_len);
}

/* The attribute of type in the message nlh after a fixed part of hdr
 * bytes, its payload length in *len; NULL when absent. */
static inline void *nl_attr(struct nlmsghdr *nlh, int hdr, int type,
			    int *len)
{
	char *p = (char *)NLMSG_DATA(nlh) + NLMSG_ALIGN(hdr);
	char *end = (char *)nlh + nlh->nlmsg_len;

	while (end - p >= NLA_HDRLEN) {
		struct nlattr *a = (struct nlattr *)p;

		if (a->nla_len < NLA_HDRLEN || a->nla_len > end - p)
			return NULL;
		if ((a->nla_type & 0x3fff) == type) {
			*len = a->nla_len - NLA_HDRLEN;
			return a + 1;
		}
		p += NLMSG_ALIGN(a->nla_len);
	}
	return NULL;
}

#endif
