#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: unshare -n tests/redis/run.sh REDIS-SERVER-IMAGE OUT
# redis 7.0 from Debian's source (USE_JEMALLOC=no), built by its own make with `yolk cc`, served
# on a tap device in this script's own network namespace (run it under `unshare -n`: 198.18.0.2
# is the guest, 198.18.0.1 the host side), and Debian's redis-cli and redis-benchmark
# (redis-tools) on the host as its clients: SET/GET/INCR/LPUSH/LRANGE/EXPIRE (a key really
# expires), redis-benchmark -q -n 20000 -t set,get at its default of 50 clients with no errors,
# 10,000 keys written by one client and read by a second, BGSAVE (no fork in a unikernel) an
# error reply with the server still serving, SHUTDOWN ending the image with status 0. Ends with
# the count. (Not QEMU's user network: its forward listens with a backlog of 1, so of 50
# connections opened at once the host's kernel silently drops the handshakes of most, and those
# clients wait forever; tests/network's tap_50_connections_opened_at_once has the Yolk side.)
set -uo pipefail
. "$(dirname "$0")/../suite.sh"
image=${1:?usage: $0 REDIS-SERVER-IMAGE OUT}
shift
suite_setup "$@"
for client in redis-cli redis-benchmark; do
	command -v "$client" >/dev/null || { fail "$client is missing (Debian's redis-tools: scripts/deps)"; suite_end; exit; }
done
guest=198.18.0.2 port=6379
for command in "ip link set lo up" "ip tuntap add tap0 mode tap" "ip addr add 198.18.0.1/24 dev tap0" \
	"ip link set tap0 up"; do
	$command || { fail "$command (run this under unshare -n)"; suite_end; exit; }
done
cli() { timeout 60 redis-cli -h "$guest" -p "$port" "$@"; }
# Passes when `redis-cli ARGUMENTS...` prints EXPECTED.
answers() { # NAME EXPECTED ARGUMENTS...
	local name=$1 expected=$2 actual
	shift 2
	actual=$(cli "$@" 2>&1)
	if [ "$actual" = "$expected" ]; then pass "$name"; else fail "$name: '$actual', not '$expected'"; fi
}

setsid "$yolk" run "$image" --mem 256M --timeout 900 --net tap:tap0 --append "ip=$guest/24 gw=198.18.0.1" \
	-- --port 6379 --save "" --appendonly no --protected-mode no </dev/null >"$out/server.log" 2>&1 &
server=$!
trap 'kill -- -$server 2>/dev/null' EXIT
for ((i = 0; i < 120; i++)); do
	[ "$(cli ping 2>/dev/null)" = PONG ] && break
	kill -0 "$server" 2>/dev/null || break
	sleep 1
done
answers "redis-server answers PING" PONG ping
answers "SET" OK set greeting hello
answers "GET" hello get greeting
cli incr counter >/dev/null
cli incr counter >/dev/null
answers "INCR" 3 incr counter
answers "LPUSH" 3 lpush letters a b c
answers "LRANGE" "$(printf 'c\nb\na')" lrange letters 0 -1
cli set fleeting soon >/dev/null
answers "EXPIRE" 1 pexpire fleeting 500
answers "the key is there before it expires" 1 exists fleeting
sleep 2
answers "the key expired" 0 exists fleeting
timeout 300 redis-benchmark -h "$guest" -p "$port" -q -n 20000 -c 50 -t set,get >"$out/benchmark.txt" 2>&1
tr '\r' '\n' <"$out/benchmark.txt" | grep -E '^(SET|GET): [0-9.]+ requests per second' >"$out/benchmark-results.txt"
if [ "$(wc -l <"$out/benchmark-results.txt")" = 2 ] && ! grep -qi 'error' "$out/benchmark.txt"; then
	pass "redis-benchmark -q -n 20000 -c 50 -t set,get: $(tr '\n' ' ' <"$out/benchmark-results.txt")"
else
	fail "redis-benchmark -q -n 20000 -c 50 -t set,get"
	tr '\r' '\n' <"$out/benchmark.txt" | tail -5 | sed 's/^/    /'
fi
seq 1 10000 | awk '{ printf "SET key:%d value:%d\n", $1, $1 }' >"$out/keys.txt"
cli -n 1 --pipe <"$out/keys.txt" >"$out/pipe.txt" 2>&1
check_output "one client writes 10,000 keys (redis-cli --pipe)" 'errors: 0, replies: 10000' "$out/pipe.txt"
answers "a second client sees the 10,000 keys" 10000 -n 1 dbsize
answers "... with their values" value:7777 -n 1 get key:7777
bgsave=$(cli bgsave 2>&1)
case "$bgsave" in
ERR*) pass "BGSAVE answers with an error ($bgsave)" ;;
*) fail "BGSAVE answered '$bgsave', not an error" ;;
esac
answers "the server serves on after BGSAVE" hello get greeting
cli shutdown nosave >/dev/null 2>&1
status=0
wait "$server" || status=$?
trap - EXIT
if [ "$status" = 0 ]; then pass "SHUTDOWN ends the image with status 0"; else fail "SHUTDOWN: the image ended with status $status"; fi
# fork, for BGSAVE, is missing by design (one program, no processes); nothing else may be.
check_no_missing_calls redis "$out/server.log" 'system call fork \(57\)'
[ "$failed" = 0 ] || tail -20 "$out/server.log" | tr -d '\r' | sed 's/^/    | /'
suite_end
