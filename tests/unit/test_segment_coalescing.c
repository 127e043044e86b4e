/* Transmit coalescing (net/segment_coalescing.c): consecutive full-size segments of one
 * connection continue a run, and the coalesced frame cut back into MSS-sized pieces the way a
 * segmenting NIC does gives the original segments' headers and bytes; anything that is not the
 * same connection's next full segment (another port, a gap, a SYN, a short or PSH segment in
 * the middle, a run beyond 64 KiB) does not continue it. */
#include <stdint.h>
#include <string.h>
#include "net/segment_coalescing.h"
#include "tests/unit/unit.h"

#define MSS 1000

/* An IPv4 TCP segment (ACK, PSH when `push`) with `payload` bytes of a stream at `sequence`. */
static size_t segment_frame(uint8_t *frame, uint32_t sequence, size_t payload, bool push)
{
	size_t total = 20 + 20 + payload;

	memset(frame, 0, 14 + total);
	frame[12] = 0x08;
	uint8_t *ip = frame + 14, *tcp = ip + 20;
	ip[0] = 0x45;
	ip[2] = (uint8_t)(total >> 8), ip[3] = (uint8_t)total;
	ip[4] = (uint8_t)sequence; /* the id: differs per segment */
	ip[6] = 0x40;
	ip[8] = 64, ip[9] = 6;
	memcpy(ip + 12, "\xc6\x12\x00\x02\xc6\x12\x00\x01", 8);
	tcp[0] = 0x1f, tcp[1] = 0x90, tcp[2] = 0xc3, tcp[3] = 0x50;
	tcp[4] = (uint8_t)(sequence >> 24), tcp[5] = (uint8_t)(sequence >> 16);
	tcp[6] = (uint8_t)(sequence >> 8), tcp[7] = (uint8_t)sequence;
	tcp[8] = 0x12, tcp[11] = 0x34; /* acknowledgement */
	tcp[12] = 0x50;
	tcp[13] = push ? 0x18 : 0x10;
	tcp[14] = 0x40; /* window */
	for (size_t i = 0; i < payload; i++)
		tcp[20 + i] = (uint8_t)((sequence + i) * 7);
	return 14 + total;
}

TEST(segment_coalescing_round_trip)
{
	static uint8_t frames[3][1600], whole[4096];
	struct tcp_segment segments[3];
	size_t sizes[3] = {MSS, MSS, 500}, lengths[3];
	uint32_t sequence = 0x10000000;

	for (int i = 0; i < 3; i++) {
		lengths[i] = segment_frame(frames[i], sequence, sizes[i], i == 2);
		sequence += (uint32_t)sizes[i];
		CHECK(tcp_segment_parse(frames[i], lengths[i], &segments[i]));
	}
	CHECK_EQ(segments[0].header_length, 54u);
	CHECK_EQ(segments[0].payload_length, MSS);
	CHECK(tcp_segment_continues(frames[0], &segments[0], &segments[0], MSS, frames[1],
				    &segments[1]));
	CHECK(tcp_segment_continues(frames[0], &segments[0], &segments[1], 2 * MSS, frames[2],
				    &segments[2]));
	/* The coalesced frame: the first headers, then every payload. */
	memcpy(whole, frames[0], lengths[0]);
	size_t length = lengths[0];
	for (int i = 1; i < 3; i++) {
		memcpy(whole + length, frames[i] + 54, sizes[i]);
		length += sizes[i];
	}
	tcp_segment_coalesce_headers(whole, &segments[0], 2500, true);
	CHECK_EQ(whole[14 + 2] << 8 | whole[14 + 3], 2540u);
	/* Cut as the device does: each piece the headers with its length, sequence and PSH on the
	 * last only; it must match the segments lwIP made, but for the IP id and checksums. */
	for (int i = 0; i < 3; i++) {
		uint8_t piece[1600];
		size_t offset = 54 + (size_t)i * MSS;
		memcpy(piece, whole, 54);
		memcpy(piece + 54, whole + offset, sizes[i]);
		size_t total = 40 + sizes[i];
		piece[16] = (uint8_t)(total >> 8), piece[17] = (uint8_t)total;
		uint32_t at = 0x10000000 + (uint32_t)(i * MSS);
		piece[38] = (uint8_t)(at >> 24), piece[39] = (uint8_t)(at >> 16);
		piece[40] = (uint8_t)(at >> 8), piece[41] = (uint8_t)at;
		if (i < 2)
			piece[47] &= (uint8_t)~0x08;
		piece[18] = frames[i][18], piece[19] = frames[i][19]; /* the id */
		piece[24] = frames[i][24], piece[25] = frames[i][25]; /* the IP checksum */
		CHECK(!memcmp(piece, frames[i], lengths[i]));
	}
	/* The IPv4 header checksum of the coalesced frame checks out. */
	uint32_t sum = 0;
	for (int i = 0; i < 20; i += 2)
		sum += (uint32_t)(whole[14 + i] << 8 | whole[15 + i]);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	CHECK_EQ(sum, 0xffffu);
}

TEST(segment_coalescing_refuses_what_does_not_continue)
{
	static uint8_t first[1600], next[1600];
	struct tcp_segment a, b;
	size_t length = segment_frame(first, 1000, MSS, false);

	CHECK(tcp_segment_parse(first, length, &a));
	/* A gap in the sequence. */
	length = segment_frame(next, 1000 + MSS + 1, MSS, false);
	CHECK(tcp_segment_parse(next, length, &b));
	CHECK(!tcp_segment_continues(first, &a, &a, MSS, next, &b));
	/* Another port. */
	length = segment_frame(next, 1000 + MSS, MSS, false);
	next[14 + 20 + 1] ^= 1;
	CHECK(tcp_segment_parse(next, length, &b));
	CHECK(!tcp_segment_continues(first, &a, &a, MSS, next, &b));
	/* Another acknowledgement or window. */
	length = segment_frame(next, 1000 + MSS, MSS, false);
	next[14 + 20 + 11] ^= 1;
	CHECK(tcp_segment_parse(next, length, &b));
	CHECK(!tcp_segment_continues(first, &a, &a, MSS, next, &b));
	/* A SYN, a FIN, an empty ACK: not taken at all. */
	length = segment_frame(next, 1000 + MSS, MSS, false);
	next[14 + 20 + 13] = 0x12;
	CHECK(!tcp_segment_parse(next, length, &b));
	next[14 + 20 + 13] = 0x11;
	CHECK(!tcp_segment_parse(next, length, &b));
	length = segment_frame(next, 1000 + MSS, 0, false);
	CHECK(!tcp_segment_parse(next, length, &b));
	/* After a short segment or a PSH, nothing more. */
	struct tcp_segment short_last = a, pushed_last = a;
	short_last.payload_length = 10;
	pushed_last.push = true;
	length = segment_frame(next, 1000 + MSS, MSS, false);
	CHECK(tcp_segment_parse(next, length, &b));
	CHECK(tcp_segment_continues(first, &a, &a, MSS, next, &b));
	CHECK(!tcp_segment_continues(first, &a, &short_last, MSS, next, &b));
	CHECK(!tcp_segment_continues(first, &a, &pushed_last, MSS, next, &b));
	/* No room past 64 KiB of IP packet. */
	CHECK(!tcp_segment_continues(first, &a, &a, 65 * MSS, next, &b));
	/* IP options or a fragment: not taken. */
	first[14] = 0x46;
	CHECK(!tcp_segment_parse(first, length, &a));
	first[14] = 0x45;
	first[14 + 6] = 0x20;
	CHECK(!tcp_segment_parse(first, length, &a));
}
