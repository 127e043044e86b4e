/* The byte ring (lib/byte_ring.c): copying through, wrapping round, and the in-place spans. */
#include <string.h>
#include "lib/byte_ring.h"
#include "tests/unit/unit.h"

TEST(byte_ring_wraps_round)
{
	unsigned char storage[8], out[8];
	struct byte_ring ring;

	byte_ring_init(&ring, storage, sizeof(storage));
	CHECK_EQ(byte_ring_write(&ring, "abcdef", 6), 6);
	CHECK_EQ(byte_ring_get(&ring, out, 4), 4);
	CHECK_EQ(byte_ring_write(&ring, "ghijklmn", 8), 6); /* 2 were there: 6 fit */
	CHECK(byte_ring_full(&ring));
	CHECK_EQ(byte_ring_get(&ring, out, 8), 8);
	CHECK(!memcmp(out, "efghijkl", 8));
}

TEST(byte_ring_spans_stop_at_the_wrap)
{
	unsigned char storage[8];
	struct byte_ring ring;
	size_t length;

	byte_ring_init(&ring, storage, sizeof(storage));
	byte_ring_write(&ring, "abcdef", 6);
	byte_ring_discard(&ring, 5); /* "f" at 5; free room: 6, 7 then 0..4 */
	unsigned char *room = byte_ring_room_span(&ring, &length);
	CHECK(room == storage + 6);
	CHECK_EQ(length, 2);
	memcpy(room, "gh", 2);
	byte_ring_commit(&ring, 2);
	room = byte_ring_room_span(&ring, &length);
	CHECK(room == storage);
	CHECK_EQ(length, 5);
	memcpy(room, "ij", 2);
	byte_ring_commit(&ring, 2);
	const unsigned char *stored = byte_ring_stored_span(&ring, 0, &length);
	CHECK(stored == storage + 5);
	CHECK_EQ(length, 3);
	CHECK(!memcmp(stored, "fgh", 3));
	stored = byte_ring_stored_span(&ring, 3, &length);
	CHECK(stored == storage);
	CHECK_EQ(length, 2);
	CHECK(!memcmp(stored, "ij", 2));
	byte_ring_stored_span(&ring, 5, &length);
	CHECK_EQ(length, 0);
	byte_ring_discard(&ring, 5);
	CHECK_EQ(byte_ring_count(&ring), 0);
	byte_ring_room_span(&ring, &length);
	CHECK_EQ(length, 6); /* empty, the head at 2: up to the end of the storage */
}
