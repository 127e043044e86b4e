# SPDX-License-Identifier: MIT
"""Usage: keepalive_client.py HOST PORT PATH FILE COUNT
COUNT requests for PATH, one after another on one HTTP/1.1 keep-alive connection; each answer
must be 200 with Connection: keep-alive and FILE's bytes exactly. Prints one line saying so, or
says which request went wrong and exits with status 1. Each read waits at most 20 s."""
import socket
import sys

host, port, path, file_name, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
expected = open(file_name, "rb").read()
connection = socket.create_connection((host, port), timeout=20)
buffered = b""


def read_until(marker):
    global buffered
    while marker not in buffered:
        chunk = connection.recv(65536)
        if not chunk:
            raise EOFError(f"the server closed the connection ({len(buffered)} bytes pending)")
        buffered += chunk
    head, buffered = buffered.split(marker, 1)
    return head


def read_exactly(size):
    global buffered
    while len(buffered) < size:
        chunk = connection.recv(65536)
        if not chunk:
            raise EOFError(f"the server closed the connection ({len(buffered)} of {size} bytes)")
        buffered += chunk
    body, buffered = buffered[:size], buffered[size:]
    return body


request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: keepalive_client\r\n\r\n".encode()
for number in range(1, count + 1):
    try:
        connection.sendall(request)
        lines = read_until(b"\r\n\r\n").decode("latin-1").split("\r\n")
        headers = {name.lower(): value.strip() for name, _, value in
                   (line.partition(":") for line in lines[1:])}
        body = read_exactly(int(headers.get("content-length", "-1")))
    except (OSError, EOFError, ValueError) as error:
        sys.exit(f"request {number}: {type(error).__name__}: {error}")
    if lines[0] != "HTTP/1.1 200 OK" or headers.get("connection") != "keep-alive":
        sys.exit(f"request {number}: {lines[0]!r}, Connection: {headers.get('connection')!r}")
    if body != expected:
        sys.exit(f"request {number}: {len(body)} bytes, not the {len(expected)} of {file_name}")
connection.close()
print(f"{count} requests on one keep-alive connection, each body the {len(expected)} bytes of {path}")
