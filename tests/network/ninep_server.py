# SPDX-License-Identifier: MIT
"""A tiny 9P2000.L server for the network tests: one directory holding one file, kept in
memory, served to one connection at a time. It takes any msize up to 1 MiB (diod takes less),
so a guest's requests can be larger than its socket's send buffer, and it reads each request
slowly, a piece at a time: a guest's sends then block midway. It can also break the protocol
on purpose (bad_reads). Only what the tests' guest programs send is answered; anything else
gets EOPNOTSUPP."""
import socket
import struct
import threading
import time

RLERROR, TVERSION, TATTACH, TWALK, TGETATTR, TSETATTR = 7, 100, 104, 110, 24, 26
TLOPEN, TREAD, TWRITE, TCLUNK, TFSYNC = 12, 116, 118, 120, 50
ROOT_QID = struct.pack("<BIQ", 0x80, 0, 1)
FILE_QID = struct.pack("<BIQ", 0, 0, 2)
ENOENT, EOPNOTSUPP = 2, 95


class NinepServer:
    def __init__(self, address, port, file_name, maximum_message=1 << 20, piece=16384,
                 bad_reads=None):
        # bad_reads: what a Tread gets instead of its reply: "oversized" (a size above msize),
        # "undersized" (a size below the header's), "cut" (half a reply, then the end).
        self.bad_reads = bad_reads
        self.file_name = file_name.encode()
        self.data = bytearray()
        self.maximum_message, self.piece = maximum_message, piece
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((address, port))
        self.listener.listen(4)
        self.requests = 0
        self.running = True
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while self.running:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with connection:
                self.fids = {}
                try:
                    self.serve_connection(connection)
                except (OSError, ConnectionError):
                    pass

    def receive(self, connection, count):
        data = b""
        while len(data) < count:
            chunk = connection.recv(min(self.piece, count - len(data)))
            if not chunk:
                raise ConnectionError("closed")
            data += chunk
            if count > self.piece:
                time.sleep(0.001)  # slowly: the guest's send buffer fills
        return data

    def serve_connection(self, connection):
        while True:
            size, kind, tag = struct.unpack("<IBH", self.receive(connection, 7))
            body = self.receive(connection, size - 7)
            self.requests += 1
            reply_kind, reply = self.answer(kind, body)
            frame = struct.pack("<IBH", 7 + len(reply), reply_kind, tag) + reply
            if kind == TREAD and self.bad_reads == "oversized":
                frame = struct.pack("<IBH", 0x7FFFFFFF, reply_kind, tag) + reply
            elif kind == TREAD and self.bad_reads == "undersized":
                frame = struct.pack("<IBH", 3, reply_kind, tag) + reply
            elif kind == TREAD and self.bad_reads == "cut":
                connection.sendall(frame[:len(frame) // 2])
                connection.shutdown(socket.SHUT_WR)
                raise ConnectionError("cut")
            connection.sendall(frame)

    def answer(self, kind, body):
        handler = {TVERSION: self.version, TATTACH: self.attach, TWALK: self.walk,
                   TGETATTR: self.getattr, TSETATTR: self.setattr, TLOPEN: self.lopen,
                   TREAD: self.read, TWRITE: self.write, TCLUNK: self.clunk,
                   TFSYNC: lambda body: b""}.get(kind)
        if not handler:
            return RLERROR, struct.pack("<I", EOPNOTSUPP)
        try:
            return kind + 1, handler(body)
        except KeyError:
            return RLERROR, struct.pack("<I", ENOENT)

    def version(self, body):
        msize, = struct.unpack_from("<I", body)
        self.message = min(msize, self.maximum_message)
        return struct.pack("<IH", self.message, 8) + b"9P2000.L"

    def attach(self, body):
        fid, = struct.unpack_from("<I", body)
        self.fids[fid] = "root"
        return ROOT_QID

    def walk(self, body):
        fid, new_fid, count = struct.unpack_from("<IIH", body)
        if count == 0:
            self.fids[new_fid] = self.fids[fid]
            return struct.pack("<H", 0)
        length, = struct.unpack_from("<H", body, 10)
        if self.fids[fid] != "root" or body[12:12 + length] != self.file_name:
            raise KeyError(body[12:12 + length])
        self.fids[new_fid] = "file"
        return struct.pack("<H", 1) + FILE_QID

    def getattr(self, body):
        fid, = struct.unpack_from("<I", body)
        is_file = self.fids[fid] == "file"
        mode = 0o100644 if is_file else 0o40755
        size = len(self.data) if is_file else 0
        return (struct.pack("<Q", 0x7FF) + (FILE_QID if is_file else ROOT_QID) +
                struct.pack("<IIIQQQQQ", mode, 0, 0, 1, 0, size, 4096, (size + 511) // 512) +
                bytes(8 * 10))

    def setattr(self, body):
        fid, valid = struct.unpack_from("<II", body)
        if valid & 8 and self.fids[fid] == "file":  # the size
            size, = struct.unpack_from("<Q", body, 20)
            del self.data[size:]
            self.data.extend(bytes(size - len(self.data)))
        return b""

    def lopen(self, body):
        fid, = struct.unpack_from("<I", body)
        return (FILE_QID if self.fids[fid] == "file" else ROOT_QID) + struct.pack("<I", 0)

    def read(self, body):
        fid, offset, count = struct.unpack_from("<IQI", body)
        self.fids[fid]
        data = bytes(self.data[offset:offset + count])
        return struct.pack("<I", len(data)) + data

    def write(self, body):
        fid, offset, count = struct.unpack_from("<IQI", body)
        self.fids[fid]
        data = body[16:16 + count]
        if offset > len(self.data):
            self.data.extend(bytes(offset - len(self.data)))
        self.data[offset:offset + len(data)] = data
        return struct.pack("<I", len(data))

    def clunk(self, body):
        fid, = struct.unpack_from("<I", body)
        self.fids.pop(fid)
        return b""

    def stop(self):
        self.running = False
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept(), which close would not
        except OSError:
            pass
        self.listener.close()
