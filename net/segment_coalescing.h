/* SPDX-License-Identifier: MIT */
/* Transmit coalescing (net/segment_coalescing.c; pure code, unit-tested on the host): lwIP
 * sends a TCP stream as MSS-sized segments, one frame each; a NIC that segments by itself
 * (virtio-net's HOST_TSO4/6) takes consecutive segments of one connection, sent in one burst,
 * as one frame of up to 64 KiB whose headers the device copies onto each MSS-sized piece it
 * cuts. These functions say whether a frame continues such a run and rewrite the first
 * frame's headers for the whole. IPv4 without options or fragments, IPv6 without extension
 * headers; only segments with data and no flags but ACK (and PSH) are coalesced. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define COALESCED_FRAME_MAX 65535 /* IP packet of the coalesced frame, at most */

struct tcp_segment {
	uint8_t ip_version;	 /* 4 or 6 */
	uint16_t header_length;	 /* Ethernet, IP and TCP headers */
	uint16_t payload_length; /* bytes after them */
	uint32_t sequence;
	bool push;
};

/* True, with SEGMENT filled in, for a frame that may take part in coalescing. */
bool tcp_segment_parse(const uint8_t *frame, size_t length, struct tcp_segment *segment);
/* Whether NEXT continues the run that started with FIRST (FIRST_FRAME its headers) and has
 * PAYLOAD bytes so far, the last segment LAST: the same connection and header bytes (but for
 * what differs from segment to segment: lengths, ids, sequence numbers, checksums, PSH), the
 * next sequence number, every segment but the run's last of FIRST's size, no PSH before the
 * end, and room in a COALESCED_FRAME_MAX packet. */
bool tcp_segment_continues(const uint8_t *first_frame, const struct tcp_segment *first,
			   const struct tcp_segment *last, size_t payload,
			   const uint8_t *next_frame, const struct tcp_segment *next);
/* Rewrites FIRST_FRAME's IP length (and IPv4 header checksum) and PSH flag for a run of
 * PAYLOAD bytes whose last segment had PUSH. */
void tcp_segment_coalesce_headers(uint8_t *first_frame, const struct tcp_segment *first,
				  size_t payload, bool push);
