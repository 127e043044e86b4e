/* TCP checksums of Ethernet frames for offloading NICs (net/frame_checksum.c): the prepared
 * pseudo-header sum, finished as a NIC would (frame_checksum_finish), checks out; a damaged
 * segment is caught; fragments and other protocols are left alone. */
#include <stdint.h>
#include <string.h>
#include "net/frame_checksum.h"
#include "tests/unit/unit.h"

/* An Ethernet frame with an IPv4 TCP segment of `payload` bytes, checksum field zero. */
static size_t ipv4_tcp_frame(uint8_t *frame, size_t payload)
{
	size_t total = 20 + 20 + payload;

	memset(frame, 0, 14 + total);
	frame[12] = 0x08;
	uint8_t *ip = frame + 14;
	ip[0] = 0x45;
	ip[2] = (uint8_t)(total >> 8);
	ip[3] = (uint8_t)total;
	ip[6] = 0x40; /* don't fragment */
	ip[8] = 64;
	ip[9] = 6;
	memcpy(ip + 12, "\xc6\x12\x00\x02\xc6\x12\x00\x01", 8);
	uint8_t *tcp = ip + 20;
	tcp[0] = 0x1f, tcp[1] = 0x90, tcp[2] = 0xc3, tcp[3] = 0x50;
	tcp[12] = 0x50;
	tcp[13] = 0x18;
	for (size_t i = 0; i < payload; i++)
		tcp[20 + i] = (uint8_t)(i * 31 + 7);
	return 14 + total;
}

TEST(frame_checksum_prepared_then_finished_is_valid)
{
	uint8_t frame[1600];

	for (size_t payload = 0; payload < 1400; payload += 333) {
		size_t length = ipv4_tcp_frame(frame, payload);
		uint16_t start = 0, offset = 0;
		CHECK(frame_checksum_prepare(frame, length, &start, &offset));
		CHECK_EQ(start, 34u);
		CHECK_EQ(offset, 16u);
		frame_checksum_finish(frame, length, start, offset);
		CHECK(frame_checksum_tcp_valid(frame, length));
		frame[length - 1] ^= 0x40; /* one bit wrong */
		CHECK(!frame_checksum_tcp_valid(frame, length) || payload == 0);
	}
}

TEST(frame_checksum_leaves_fragments_and_others_alone)
{
	uint8_t frame[1600];
	uint16_t start, offset;
	size_t length = ipv4_tcp_frame(frame, 100);

	frame[14 + 6] = 0x20; /* more fragments */
	CHECK(!frame_checksum_prepare(frame, length, &start, &offset));
	CHECK(frame_checksum_tcp_valid(frame, length));
	length = ipv4_tcp_frame(frame, 100);
	frame[14 + 9] = 17; /* UDP */
	CHECK(!frame_checksum_prepare(frame, length, &start, &offset));
	length = ipv4_tcp_frame(frame, 100);
	CHECK(!frame_checksum_prepare(frame, 30, &start, &offset)); /* cut short */
	frame[14 + 2] = 0xff;					    /* a length beyond the frame */
	CHECK(!frame_checksum_prepare(frame, length, &start, &offset));
	CHECK(frame_checksum_tcp_valid(frame, length));
}
