#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: tests/nginx/run.sh NGINX-IMAGE NGINX-ROOT OUT
# nginx 1.22 from Debian's source, built by its own configure and make with `yolk cc`
# (third_party/nginx/nginx.mk), one process (master_process off), on QEMU's user network with a
# forward from 127.0.0.1, its prefix (a copy of NGINX-ROOT plus the test's files) a 9P share on
# /nginx. Checks: the 612-byte page and a 1 MiB file byte-exact through curl (sendfile), 1,000
# requests on one keep-alive connection (keepalive_client.py: every body byte-exact, one
# connection, nginx's own request count reaching 1,000), a 404 with nginx's page, HEAD (the
# headers, no body), the access log and the error log written to the share, and no system call
# missing. Ends with the count.
set -uo pipefail
[ $# = 3 ] || { echo "usage: $0 NGINX-IMAGE NGINX-ROOT OUT" >&2; exit 2; }
. "$(dirname "$0")/../suite.sh"
image=$1 root_template=$2
suite_setup "$3"
command -v curl >/dev/null || { fail "curl is missing (scripts/deps)"; suite_end; exit; }
root=$out/root
rm -rf "$root"
cp -r "$root_template" "$root"
rm -f "$root"/logs/*
head -c 1048576 /dev/urandom >"$root/html/file-1m.bin"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
setsid "$yolk" run "$image" --mem 64M --timeout 600 --share "$root:/nginx" \
	--net "user:hostfwd=tcp:127.0.0.1:$port-:80" </dev/null >"$out/console.log" 2>&1 &
server=$!
trap 'kill -- -$server 2>/dev/null' EXIT
for ((i = 0; i < 120; i++)); do
	curl -s -o /dev/null -m 5 "$url/" && break
	kill -0 "$server" 2>/dev/null || break
	sleep 1
done

# Passes when `curl ARGUMENTS... URL` writes the same bytes as FILE.
same_bytes() { # NAME FILE CURL-ARGUMENTS...
	local name=$1 file=$2
	shift 2
	if timeout 60 curl -sS -m 50 "$@" -o "$out/fetched" && cmp -s "$out/fetched" "$file"; then
		pass "$name"
	else
		fail "$name ($(wc -c <"$out/fetched" 2>/dev/null || echo no) bytes, not the $(wc -c <"$file") of $file)"
	fi
}
same_bytes "GET / is the 612-byte page, byte-exact" "$root/html/index.html" "$url/"
[ "$(wc -c <"$root/html/index.html")" = 612 ] && pass "... which is 612 bytes" || fail "the page is not 612 bytes"
same_bytes "GET /file-1m.bin, 1 MiB, byte-exact (sendfile)" "$root/html/file-1m.bin" "$url/file-1m.bin"

if timeout 240 python3 tests/nginx/keepalive_client.py 127.0.0.1 "$port" /index.html \
	"$root/html/index.html" 1000 >"$out/keepalive.txt" 2>&1; then
	pass "$(tail -1 "$out/keepalive.txt")"
else
	fail "1,000 keep-alive requests: $(tail -3 "$out/keepalive.txt" | tr '\n' ' ')"
fi

status=$(timeout 60 curl -s -m 50 -o "$out/404.html" -w '%{http_code}' "$url/no-such-file.html")
if [ "$status" = 404 ] && grep -q '<title>404 Not Found</title>' "$out/404.html"; then
	pass "a missing file is 404 Not Found, with nginx's page"
else
	fail "a missing file: status '$status'"
fi

timeout 60 curl -sS -m 50 -I "$url/index.html" -o "$out/head.txt" -w '%{size_download}\n' \
	>"$out/head-size.txt" 2>&1
tr -d '\r' <"$out/head.txt" >"$out/head-headers.txt"
if grep -qx 'HTTP/1.1 200 OK' "$out/head-headers.txt" && grep -qx 'Content-Length: 612' "$out/head-headers.txt" &&
	grep -qx 'Content-Type: text/html' "$out/head-headers.txt" && grep -qx 'Server: nginx/1.22.1' "$out/head-headers.txt" &&
	[ "$(cat "$out/head-size.txt")" = 0 ]; then
	pass "HEAD /index.html: 200, Content-Length: 612, text/html, no body"
else
	fail "HEAD /index.html"
	sed 's/^/    /' "$out/head-headers.txt" "$out/head-size.txt"
fi

# The logs, read back through the share (nginx writes each access-log line at once).
access=$root/logs/access.log
lines=$(wc -l <"$access" 2>/dev/null || echo 0)
expected=$((1 + 2 + 1000 + 1 + 1)) # the wait's first GET, two files, 1,000, the 404, HEAD
if [ "$lines" -ge "$expected" ] &&
	grep -Eq '"GET /no-such-file.html HTTP/1.1" 404 [0-9]+ "-" "curl/' "$access" &&
	grep -Eq '"HEAD /index.html HTTP/1.1" 200 0 ' "$access" &&
	grep -Eq '"GET /file-1m.bin HTTP/1.1" 200 1048576 ' "$access" &&
	grep -Eq '"GET /index.html HTTP/1.1" 200 612 .* requests=1000$' "$access"; then
	pass "the access log on the share: $lines lines, the 404, HEAD, 1 MiB and the 1,000th request on one connection"
else
	fail "the access log: $lines lines (at least $expected expected)"
	tail -5 "$access" 2>/dev/null | sed 's/^/    /'
fi
check_output "the error log on the share says why the 404 was one" \
	'open\(\) "/nginx/html/no-such-file.html" failed \(2: No such file or directory\)' "$root/logs/error.log"
check_output "... and which event method nginx chose" 'using the "epoll" event method' "$root/logs/error.log"

kill -- -"$server" 2>/dev/null
wait "$server" 2>/dev/null
trap - EXIT
check_no_missing_calls nginx "$out/console.log"
[ "$failed" = 0 ] || tail -20 "$out/console.log" | tr -d '\r' | sed 's/^/    | /'
suite_end
