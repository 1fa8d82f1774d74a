/*
 * The netlink ABI (Linux's linux/netlink.h and the parts of
 * linux/rtnetlink.h and linux/if_link.h tine answers): addresses,
 * message headers, attributes, and the rtnetlink messages about links
 * and addresses.
 */
#ifndef UAPI_NETLINK_H
#define UAPI_NETLINK_H

#include <tine/types.h>

#define NETLINK_ROUTE 0
#define NETLINK_SOCK_DIAG 4
#define MAX_LINKS 32			/* protocols 0..31 */
#define SOL_NETLINK 270

/* SOL_NETLINK options tine knows. */
#define NETLINK_ADD_MEMBERSHIP 1
#define NETLINK_DROP_MEMBERSHIP 2
#define NETLINK_NO_ENOBUFS 5
#define NETLINK_LIST_MEMBERSHIPS 9
#define NETLINK_CAP_ACK 10
#define NETLINK_EXT_ACK 11

/* rtnetlink multicast groups (Linux's numbers; bit group-1 of
 * sockaddr_nl.nl_groups for the first 32). */
#define RTNLGRP_LINK 1
#define RTNLGRP_IPV4_IFADDR 5
#define RTNLGRP_IPV6_IFADDR 9
#define RTNLGRP_MAX 36			/* RTNLGRP_STATS in Linux 6.1 */

struct sockaddr_nl {
	u16 nl_family;			/* AF_NETLINK */
	u16 nl_pad;
	u32 nl_pid;			/* port id: 0 is the kernel */
	u32 nl_groups;			/* multicast group mask */
};

struct nlmsghdr {
	u32 nlmsg_len;			/* header + payload */
	u16 nlmsg_type;
	u16 nlmsg_flags;
	u32 nlmsg_seq;
	u32 nlmsg_pid;
};

#define NLMSG_ALIGNTO 4U
#define NLMSG_ALIGN(len) (((len) + NLMSG_ALIGNTO - 1) & ~(NLMSG_ALIGNTO - 1))
#define NLMSG_HDRLEN ((u32)NLMSG_ALIGN(sizeof(struct nlmsghdr)))
#define NLMSG_LENGTH(len) ((len) + NLMSG_HDRLEN)

/* nlmsg_flags */
#define NLM_F_REQUEST 0x01
#define NLM_F_MULTI 0x02
#define NLM_F_ACK 0x04
#define NLM_F_ECHO 0x08
#define NLM_F_ROOT 0x100		/* GET requests */
#define NLM_F_MATCH 0x200
#define NLM_F_DUMP (NLM_F_ROOT | NLM_F_MATCH)
#define NLM_F_REPLACE 0x100		/* NEW requests */
#define NLM_F_EXCL 0x200
#define NLM_F_CREATE 0x400
#define NLM_F_CAPPED 0x100		/* NLMSG_ERROR: request not copied */

/* Control messages (types below NLMSG_MIN_TYPE). */
#define NLMSG_NOOP 0x1
#define NLMSG_ERROR 0x2
#define NLMSG_DONE 0x3
#define NLMSG_OVERRUN 0x4
#define NLMSG_MIN_TYPE 0x10

struct nlmsgerr {
	int error;			/* -errno, 0 for an ack */
	struct nlmsghdr msg;		/* the request's header */
};

struct nlattr {
	u16 nla_len;			/* header + payload */
	u16 nla_type;
};

#define NLA_ALIGN(len) NLMSG_ALIGN(len)
#define NLA_HDRLEN ((int)NLA_ALIGN(sizeof(struct nlattr)))
#define NLA_TYPE_MASK 0x3fff		/* without NESTED/BYTEORDER bits */
#define NLA_F_NESTED 0x8000

/* rtnetlink message types (Linux's numbers). */
#define RTM_BASE 16
#define RTM_NEWLINK 16
#define RTM_DELLINK 17
#define RTM_GETLINK 18
#define RTM_SETLINK 19
#define RTM_NEWADDR 20
#define RTM_DELADDR 21
#define RTM_GETADDR 22
#define RTM_NEWROUTE 24
#define RTM_GETROUTE 26
#define RTM_MAX 123			/* RTM_GETTUNNEL in Linux 6.1 */

struct ifinfomsg {
	u8 ifi_family;
	u8 pad;
	u16 ifi_type;			/* ARPHRD_* */
	int ifi_index;
	u32 ifi_flags;			/* IFF_* */
	u32 ifi_change;			/* which flags a NEWLINK changes */
};

struct ifaddrmsg {
	u8 ifa_family;
	u8 ifa_prefixlen;
	u8 ifa_flags;
	u8 ifa_scope;
	u32 ifa_index;
};

struct ifa_cacheinfo {
	u32 ifa_prefered;
	u32 ifa_valid;
	u32 cstamp;			/* created, 1/100 s since boot */
	u32 tstamp;			/* updated */
};

#define ARPHRD_LOOPBACK 772

/* IFLA_* attributes of a link. */
#define IFLA_ADDRESS 1
#define IFLA_BROADCAST 2
#define IFLA_IFNAME 3
#define IFLA_MTU 4
#define IFLA_STATS 7
#define IFLA_TXQLEN 13
#define IFLA_OPERSTATE 16
#define IFLA_LINKMODE 17
#define IFLA_STATS64 23
#define IFLA_GROUP 27
#define IFLA_PROMISCUITY 30
#define IFLA_NUM_TX_QUEUES 31
#define IFLA_NUM_RX_QUEUES 32
#define IFLA_CARRIER 33
#define IFLA_ALT_IFNAME 53

#define IFLA_QDISC 6
#define IFLA_AF_SPEC 26
#define IFLA_EXT_MASK 29
#define IFLA_GSO_MAX_SEGS 40
#define IFLA_GSO_MAX_SIZE 41
#define IFLA_MIN_MTU 50
#define IFLA_MAX_MTU 51
#define IFLA_GRO_MAX_SIZE 58
#define IFLA_TSO_MAX_SIZE 59
#define IFLA_TSO_MAX_SEGS 60
#define IFLA_ALLMULTI 61
#define IFLA_INET6_ADDR_GEN_MODE 8	/* in IFLA_AF_SPEC's AF_INET6 */

/* IFLA_OPERSTATE values (RFC 2863) */
#define IF_OPER_UNKNOWN 0
#define IF_OPER_DOWN 2

/* IFA_* attributes of an address. */
#define IFA_ADDRESS 1
#define IFA_LOCAL 2
#define IFA_LABEL 3
#define IFA_BROADCAST 4
#define IFA_CACHEINFO 6
#define IFA_FLAGS 8
#define IFA_RT_PRIORITY 9
#define IFA_PROTO 11
#define IFA_MAX 11

#define IFA_F_SECONDARY 0x01
#define IFA_F_NODAD 0x02
#define IFA_F_OPTIMISTIC 0x04
#define IFA_F_HOMEADDRESS 0x10
#define IFA_F_TENTATIVE 0x40
#define IFA_F_PERMANENT 0x80
#define IFA_F_MANAGETEMPADDR 0x100
#define IFA_F_NOPREFIXROUTE 0x200
#define IFA_F_MCAUTOJOIN 0x400
#define RT_SCOPE_UNIVERSE 0
#define RT_SCOPE_SITE 200
#define RT_SCOPE_LINK 253
#define RT_SCOPE_HOST 254
#define INFINITY_LIFE_TIME 0xffffffffU

#endif
