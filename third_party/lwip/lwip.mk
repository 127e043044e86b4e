# lwIP 2.1.3 from Debian's lwip source package, the upstream tree as released (Debian's patches
# add a unix port Yolk does not use), compiled like the kernel into the objects of
# kernel-net.o; third_party/lwip/include holds Yolk's configuration (lwipopts.h, arch/cc.h) and
# the two C headers lwIP includes. The raw API only: no sockets.c, no netconn.
LWIP_DEBIAN_VERSION := 2.1.3+dfsg1-2

LWIP_DIR := $(BUILD)/third_party/lwip
LWIP_FETCHED := $(LWIP_DIR)/fetched-$(LWIP_DEBIAN_VERSION)
LWIP_SOURCE := $(LWIP_DIR)/source/src
LWIP_FILES := core/init.c core/def.c core/dns.c core/inet_chksum.c core/ip.c core/mem.c \
	core/memp.c core/netif.c core/pbuf.c core/raw.c core/stats.c core/sys.c core/tcp.c \
	core/tcp_in.c core/tcp_out.c core/timeouts.c core/udp.c \
	core/ipv4/dhcp.c core/ipv4/etharp.c core/ipv4/icmp.c core/ipv4/igmp.c \
	core/ipv4/ip4_frag.c core/ipv4/ip4.c core/ipv4/ip4_addr.c \
	core/ipv6/ethip6.c core/ipv6/icmp6.c core/ipv6/inet6.c core/ipv6/ip6.c \
	core/ipv6/ip6_addr.c core/ipv6/ip6_frag.c core/ipv6/mld6.c core/ipv6/nd6.c \
	netif/ethernet.c
LWIP_OBJECTS := $(patsubst %.c,$(BUILD)/kernel/lwip/%.o,$(LWIP_FILES))
LWIP_INCLUDES := -Ithird_party/lwip/include -I$(LWIP_SOURCE)/include
# lwIP's own code, with the kernel's flags less the warnings it was not written for.
LWIP_CFLAGS := $(filter-out -Werror -MMD -MP,$(KERNEL_CFLAGS)) $(LWIP_INCLUDES) \
	-Wno-unused-parameter -Wno-sign-compare -Wno-address -Wno-type-limits

$(LWIP_FETCHED): third_party/fetch-source.sh | $(DEPS_STAMP)
	@mkdir -p $(LWIP_DIR)
	$(Q)rm -f $(LWIP_DIR)/fetched-*
	$(Q)third_party/fetch-source.sh --pristine lwip $(LWIP_DEBIAN_VERSION) $(LWIP_DIR)
	$(Q)touch $@

$(BUILD)/kernel/lwip/%.o: $(LWIP_FETCHED) $(wildcard third_party/lwip/include/*.h \
		third_party/lwip/include/arch/*.h)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LWIP_CFLAGS) -c $(LWIP_SOURCE)/$*.c -o $@

# Yolk's own network code sees lwIP's headers.
$(NET_OBJECTS): KERNEL_CFLAGS += $(LWIP_INCLUDES)
$(NET_OBJECTS): | $(LWIP_FETCHED)
