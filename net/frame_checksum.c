// SPDX-License-Identifier: MIT
/* TCP checksums of Ethernet frames (see net/frame_checksum.h). */
#include "net/frame_checksum.h"

#define ETHERNET_HEADER 14
#define TYPE_IPV4	0x0800
#define TYPE_IPV6	0x86dd
#define PROTOCOL_TCP	6
#define TCP_CHECKSUM	16 /* the field's offset in the TCP header */

static uint16_t load16(const uint8_t *bytes)
{
	return (uint16_t)(bytes[0] << 8 | bytes[1]);
}

/* One's complement sum of 16-bit big-endian words, not folded. */
static uint64_t sum_words(const uint8_t *data, size_t length, uint64_t sum)
{
	for (size_t i = 0; i + 1 < length; i += 2)
		sum += load16(data + i);
	if (length & 1)
		sum += (uint64_t)data[length - 1] << 8;
	return sum;
}

static uint16_t fold(uint64_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

/* The TCP segment in FRAME: its offset, its length and its pseudo-header sum; false when the
 * frame holds no whole, unfragmented TCP segment. */
static bool find_segment(const uint8_t *frame, size_t length, size_t *segment,
			 size_t *segment_length, uint64_t *pseudo)
{
	if (length < ETHERNET_HEADER + 20)
		return false;
	const uint8_t *ip = frame + ETHERNET_HEADER;
	uint16_t type = load16(frame + 12);
	if (type == TYPE_IPV4) {
		size_t header = (size_t)(ip[0] & 15) * 4;
		size_t total = load16(ip + 2);
		if ((ip[0] >> 4) != 4 || header < 20 || ip[9] != PROTOCOL_TCP ||
		    (load16(ip + 6) & 0x3fff) || total < header + 20 ||
		    ETHERNET_HEADER + total > length)
			return false; /* not TCP, or a fragment (offset or more-fragments set) */
		*segment = ETHERNET_HEADER + header;
		*segment_length = total - header;
		*pseudo = sum_words(ip + 12, 8, PROTOCOL_TCP + *segment_length);
		return true;
	}
	if (type == TYPE_IPV6 && length >= ETHERNET_HEADER + 40 && (ip[0] >> 4) == 6 &&
	    ip[6] == PROTOCOL_TCP) {
		size_t payload = load16(ip + 4);
		if (payload < 20 || ETHERNET_HEADER + 40 + payload > length)
			return false;
		*segment = ETHERNET_HEADER + 40;
		*segment_length = payload;
		*pseudo = sum_words(ip + 8, 32, PROTOCOL_TCP + payload);
		return true;
	}
	return false;
}

bool frame_checksum_prepare(uint8_t *frame, size_t length, uint16_t *start, uint16_t *offset)
{
	size_t segment, segment_length;
	uint64_t pseudo;

	if (!find_segment(frame, length, &segment, &segment_length, &pseudo))
		return false;
	uint16_t sum = fold(pseudo);
	frame[segment + TCP_CHECKSUM] = (uint8_t)(sum >> 8);
	frame[segment + TCP_CHECKSUM + 1] = (uint8_t)sum;
	*start = (uint16_t)segment;
	*offset = TCP_CHECKSUM;
	return true;
}

bool frame_checksum_tcp_valid(const uint8_t *frame, size_t length)
{
	size_t segment, segment_length;
	uint64_t pseudo;

	if (!find_segment(frame, length, &segment, &segment_length, &pseudo))
		return true;
	return fold(sum_words(frame + segment, segment_length, pseudo)) == 0xffff;
}

void frame_checksum_finish(uint8_t *frame, size_t length, size_t start, size_t offset)
{
	if (start + offset + 2 > length)
		return;
	uint16_t value = (uint16_t)~fold(sum_words(frame + start, length - start, 0));
	frame[start + offset] = (uint8_t)(value >> 8);
	frame[start + offset + 1] = (uint8_t)value;
}
