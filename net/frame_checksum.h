/* SPDX-License-Identifier: MIT */
/* TCP checksums of Ethernet frames, for NICs that compute them (net/frame_checksum.c; pure
 * code, unit-tested on the host): the pseudo-header sum a NIC needs in place to finish a
 * frame's checksum itself, and the software check of a received frame's TCP checksum when the
 * NIC did not vouch for it. IPv4 and IPv6 (no extension headers); other frames are left
 * alone. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* For a TCP segment in FRAME: writes the pseudo-header sum into its checksum field and gives
 * where the NIC's sum starts (the TCP header) and where it goes, from there; false for any
 * other frame (whose checksums the stack computed). */
bool frame_checksum_prepare(uint8_t *frame, size_t length, uint16_t *start, uint16_t *offset);
/* What a NIC does with a prepared frame: the checksum of the bytes from `start` to the end
 * (the pseudo-header sum already in place), complemented, stored at start + offset. Nothing
 * when that field lies beyond the frame. */
void frame_checksum_finish(uint8_t *frame, size_t length, size_t start, size_t offset);
/* False only for a TCP segment whose checksum is wrong (fragments and other frames: true, the
 * stack checks those). */
bool frame_checksum_tcp_valid(const uint8_t *frame, size_t length);
