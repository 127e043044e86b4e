# SPDX-License-Identifier: MIT
"""Malformed and hostile frames for a guest on a tap device, written from the host side of the
tap (an AF_PACKET socket: they reach the guest as if from a wire). Each generator yields
Ethernet frames for the guest's MAC and address; all are bounded in count. Used by
tests/network/test_network.py (tap_bad_input_*)."""
import random
import struct


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def address(text):
    return bytes(int(part) for part in text.split("."))


class Frames:
    def __init__(self, guest_mac, host_mac, guest_ip, host_ip, seed=1):
        self.guest_mac, self.host_mac = guest_mac, host_mac
        self.guest_ip, self.host_ip = address(guest_ip), address(host_ip)
        self.random = random.Random(seed)

    def ethernet(self, payload, ethertype=0x0800):
        return self.guest_mac + self.host_mac + struct.pack("!H", ethertype) + payload

    def ipv4(self, payload, protocol, length=None, ihl=5, options=b"", fragment=0, ident=None,
             good_checksum=True, source=None):
        header_length = ihl * 4
        total = length if length is not None else 20 + len(options) + len(payload)
        ident = self.random.randrange(65536) if ident is None else ident
        header = struct.pack("!BBHHHBBH4s4s", 0x40 | (ihl & 15), 0, total & 0xFFFF, ident,
                             fragment, 64, protocol, 0, source or self.host_ip, self.guest_ip)
        header += options
        header = header[:10] + struct.pack("!H", checksum(header[:max(header_length, 20)])
                                           if good_checksum else 0x1234) + header[12:]
        return header + payload

    def tcp(self, flags, source_port, destination_port=7, sequence=1000, options=b"",
            data=b"", offset=None, good_checksum=True, source=None):
        words = offset if offset is not None else 5 + (len(options) + 3) // 4
        options = options.ljust(((len(options) + 3) // 4) * 4, b"\0")
        segment = struct.pack("!HHIIBBHHH", source_port, destination_port, sequence, 0,
                              (words & 15) << 4, flags, 65535, 0, 0) + options + data
        pseudo = (source or self.host_ip) + self.guest_ip + struct.pack("!BBH", 0, 6, len(segment))
        value = checksum(pseudo + segment) if good_checksum else 0xBEEF
        return segment[:16] + struct.pack("!H", value) + segment[18:]

    def udp(self, source_port, destination_port, data, length=None, good_checksum=True):
        length = length if length is not None else 8 + len(data)
        datagram = struct.pack("!HHHH", source_port, destination_port, length & 0xFFFF, 0) + data
        pseudo = self.host_ip + self.guest_ip + struct.pack("!BBH", 0, 17, len(datagram))
        value = checksum(pseudo + datagram) if good_checksum else 0xBEEF
        return datagram[:6] + struct.pack("!H", value or 0xFFFF) + datagram[8:]

    # ---- the kinds of bad input ------------------------------------------------------------

    def truncated(self):
        for length in range(0, 60, 3):
            yield self.ethernet(b"\x45" * length)  # IPv4 headers cut anywhere
        for length in range(0, 40, 4):
            yield self.ethernet(b"\x00" * length, 0x0806)  # ARP cut short
            yield self.ethernet(b"\x60" + b"\x00" * length, 0x86DD)  # IPv6 cut short
        syn = self.ipv4(self.tcp(0x02, 40000), 6)
        for cut in range(20, len(syn)):
            yield self.ethernet(syn[:cut])  # a SYN cut inside its TCP header

    def bad_lengths_and_checksums(self):
        tcp = self.tcp(0x02, 40001)
        yield self.ethernet(self.ipv4(tcp, 6, length=1500))  # claims more than it has
        yield self.ethernet(self.ipv4(tcp, 6, length=10))  # less than its own header
        for ihl in (0, 1, 4, 6, 15):
            yield self.ethernet(self.ipv4(tcp, 6, ihl=ihl))
        yield self.ethernet(self.ipv4(tcp, 6, good_checksum=False))
        yield self.ethernet(self.ipv4(self.tcp(0x02, 40002, good_checksum=False), 6))
        yield self.ethernet(self.ipv4(self.udp(5000, 7, b"x" * 20, good_checksum=False), 17))
        for length in (0, 7, 9, 4000, 65535):
            yield self.ethernet(self.ipv4(self.udp(5000, 7, b"y" * 20, length=length), 17))
        for offset in (0, 4, 15):
            yield self.ethernet(self.ipv4(self.tcp(0x02, 40003, offset=offset), 6))

    def bogus_options(self):
        for options in (b"\x02\x00", b"\x02\x04\xff\xff\x03\x00", b"\x03\x03\xff",
                        b"\x04\x00", b"\x05\x01", b"\x05\x0a" + b"\xff" * 8, b"\x08\x01",
                        b"\x01" * 39, b"\xff\x28", b"\x02\x04\x00\x00", b"\x00\x00\xaa"):
            yield self.ethernet(self.ipv4(self.tcp(0x02, self.random.randrange(41000, 42000),
                                                   options=options), 6))
        for options in (b"\x44\x00", b"\x07\x03\x04", b"\x83\xff" + b"\x00" * 6, b"\x01" * 40):
            yield self.ethernet(self.ipv4(self.tcp(0x02, 40004), 6,
                                          ihl=5 + len(options.ljust(40)[:40]) // 4,
                                          options=options.ljust(40)[:40]))
        # IPv6 with an extension header chain that loops, and an ND option of length 0.
        hop = b"\x00\x00" + b"\x00" * 6
        header = struct.pack("!IHBB", 0x60000000, len(hop * 8), 0, 64) + b"\xfe\x80" + \
            b"\x00" * 14 + b"\xff\x02" + b"\x00" * 13 + b"\x01"
        yield self.ethernet(header + hop * 8, 0x86DD)
        solicitation = b"\x87\x00\x00\x00\x00\x00\x00\x00" + b"\xfe\x80" + b"\x00" * 14 + \
            b"\x01\x00" + b"\x00" * 6
        header = struct.pack("!IHBB", 0x60000000, len(solicitation), 58, 255) + b"\xfe\x80" + \
            b"\x00" * 14 + b"\xff\x02" + b"\x00" * 13 + b"\x01"
        yield self.ethernet(header + solicitation, 0x86DD)

    def fragment_flood(self, count=2000):
        for number in range(count):  # first fragments never completed, overlapping ones
            payload = self.udp(6000, 7, b"z" * 1200)
            yield self.ethernet(self.ipv4(payload[:800], 17, fragment=0x2000, ident=number))
            yield self.ethernet(self.ipv4(payload[400:1000], 17, fragment=0x2000 | 50,
                                          ident=number))

    def syn_flood(self, count=2000):
        for number in range(count):
            source = bytes([198, 18, 0, 100 + number % 100])  # nobody answers ARP there
            yield self.ethernet(self.ipv4(self.tcp(0x02, 10000 + number, source=source), 6,
                                          source=source))

    def random_bytes(self, count=2000):
        for _ in range(count):
            kind = self.random.choice((0x0800, 0x0806, 0x86DD, self.random.randrange(65536)))
            body = self.random.randbytes(self.random.randrange(0, 1500))
            if kind == 0x0800 and body:
                body = bytes([0x45]) + body[1:]
            yield self.ethernet(body, kind)

    def oversized(self):
        for length in (1515, 2000, 4000, 9000):
            yield self.ethernet(self.random.randbytes(length - 14))
