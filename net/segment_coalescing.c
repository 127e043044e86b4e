// SPDX-License-Identifier: MIT
/* Transmit coalescing of TCP segments (see net/segment_coalescing.h). */
#include "net/segment_coalescing.h"
#include "lib/string.h"

#define ETHERNET_HEADER 14
#define TYPE_IPV4	0x0800
#define TYPE_IPV6	0x86dd
#define PROTOCOL_TCP	6
#define TCP_ACK		0x10
#define TCP_PSH		0x08

static uint16_t load16(const uint8_t *bytes)
{
	return (uint16_t)(bytes[0] << 8 | bytes[1]);
}

static uint32_t load32(const uint8_t *bytes)
{
	return (uint32_t)load16(bytes) << 16 | load16(bytes + 2);
}

static void store16(uint8_t *bytes, uint16_t value)
{
	bytes[0] = (uint8_t)(value >> 8);
	bytes[1] = (uint8_t)value;
}

bool tcp_segment_parse(const uint8_t *frame, size_t length, struct tcp_segment *segment)
{
	const uint8_t *ip = frame + ETHERNET_HEADER;
	size_t ip_header, ip_length;

	if (length < ETHERNET_HEADER + 40)
		return false;
	uint16_t type = load16(frame + 12);
	if (type == TYPE_IPV4) {
		/* No options, not a fragment (DF alone may be set). */
		if (ip[0] != 0x45 || ip[9] != PROTOCOL_TCP || (load16(ip + 6) & 0xbfff))
			return false;
		ip_header = 20;
		ip_length = load16(ip + 2);
		segment->ip_version = 4;
	} else if (type == TYPE_IPV6 && length >= ETHERNET_HEADER + 60) {
		if ((ip[0] >> 4) != 6 || ip[6] != PROTOCOL_TCP)
			return false;
		ip_header = 40;
		ip_length = 40 + (size_t)load16(ip + 4);
		segment->ip_version = 6;
	} else {
		return false;
	}
	const uint8_t *tcp = ip + ip_header;
	size_t tcp_header = (size_t)(tcp[12] >> 4) * 4;
	uint8_t flags = tcp[13];
	if (tcp_header < 20 || ETHERNET_HEADER + ip_length > length ||
	    ip_length <= ip_header + tcp_header || (flags & ~TCP_PSH) != TCP_ACK)
		return false;
	segment->header_length = (uint16_t)(ETHERNET_HEADER + ip_header + tcp_header);
	segment->payload_length = (uint16_t)(ip_length - ip_header - tcp_header);
	segment->sequence = load32(tcp + 4);
	segment->push = flags & TCP_PSH;
	return true;
}

/* Whether the header bytes [from, to) of both frames are the same. */
static bool same(const uint8_t *a, const uint8_t *b, size_t from, size_t to)
{
	return !memcmp(a + from, b + from, to - from);
}

bool tcp_segment_continues(const uint8_t *first_frame, const struct tcp_segment *first,
			   const struct tcp_segment *last, size_t payload,
			   const uint8_t *next_frame, const struct tcp_segment *next)
{
	size_t ip = ETHERNET_HEADER, tcp = ip + (first->ip_version == 4 ? 20 : 40);

	if (next->ip_version != first->ip_version || next->header_length != first->header_length ||
	    last->push || last->payload_length != first->payload_length ||
	    next->payload_length > first->payload_length ||
	    next->sequence != first->sequence + (uint32_t)payload ||
	    first->header_length - ETHERNET_HEADER + payload + next->payload_length >
		COALESCED_FRAME_MAX)
		return false;
	/* Ethernet; IP but for length, id and checksum (v4) or payload length (v6). */
	if (!same(first_frame, next_frame, 0, ip + 2))
		return false;
	if (first->ip_version == 4 ? !same(first_frame, next_frame, ip + 6, ip + 10) ||
					 !same(first_frame, next_frame, ip + 12, tcp)
				   : !same(first_frame, next_frame, ip + 2, ip + 4) ||
					 !same(first_frame, next_frame, ip + 6, tcp))
		return false;
	/* TCP: ports, acknowledgement, offset, window, urgent pointer, options; not sequence,
	 * flags (PSH) or checksum. */
	return same(first_frame, next_frame, tcp, tcp + 4) &&
	       same(first_frame, next_frame, tcp + 8, tcp + 13) &&
	       same(first_frame, next_frame, tcp + 14, tcp + 16) &&
	       same(first_frame, next_frame, tcp + 18, first->header_length);
}

void tcp_segment_coalesce_headers(uint8_t *first_frame, const struct tcp_segment *first,
				  size_t payload, bool push)
{
	uint8_t *ip = first_frame + ETHERNET_HEADER;
	size_t ip_header = first->ip_version == 4 ? 20 : 40;
	size_t tcp_header = first->header_length - ETHERNET_HEADER - ip_header;

	if (first->ip_version == 4) {
		store16(ip + 2, (uint16_t)(ip_header + tcp_header + payload));
		store16(ip + 10, 0);
		uint32_t sum = 0;
		for (unsigned i = 0; i < 20; i += 2)
			sum += load16(ip + i);
		while (sum >> 16)
			sum = (sum & 0xffff) + (sum >> 16);
		store16(ip + 10, (uint16_t)~sum);
	} else {
		store16(ip + 4, (uint16_t)(tcp_header + payload));
	}
	if (push)
		ip[ip_header + 13] |= TCP_PSH;
}
