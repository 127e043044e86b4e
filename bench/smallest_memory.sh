#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The smallest whole number of MiB of guest memory (yolk run --mem) each real program runs its
# work in, by bisection between 1 (never enough) and 256 (must work), one boot per step:
#   sqlite3  the shell runs tests/sqlite/script.sql with its database on ramfs (/tmp) and prints
#            what the host's sqlite3 prints
#   redis    redis-server starts (--save "" --appendonly no) and answers PING, SET, GET and a
#            1,000-key pipe from Debian's redis-cli over QEMU's user network
# Prints one line per program, "MEMORY NAME MIB", then the load average. A run that does not
# finish is killed after its timeout and counts as too little memory.
#   bench/smallest_memory.sh SQLITE3-IMAGE REDIS-IMAGE OUT
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
sqlite_image=${1:?usage: $0 SQLITE3-IMAGE REDIS-IMAGE OUT}
redis_image=${2:?usage: $0 SQLITE3-IMAGE REDIS-IMAGE OUT}
out=${3:?usage: $0 SQLITE3-IMAGE REDIS-IMAGE OUT}
yolk=tools/yolk
mkdir -p "$out"
script=tests/sqlite/script.sql
sqlite3 "$out/host.db" <"$script" >"$out/host.out" 2>/dev/null
rm -f "$out/host.db"

sqlite_runs_in() { # MIB
	timeout 120 "$yolk" run "$sqlite_image" --mem "$1M" -- /tmp/test.db <"$script" \
		>"$out/sqlite.out" 2>/dev/null
	cmp -s "$out/host.out" "$out/sqlite.out"
}

redis_runs_in() { # MIB
	local port server answer="" i
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	setsid "$yolk" run "$redis_image" --mem "$1M" --timeout 120 \
		--net "user:hostfwd=tcp:127.0.0.1:$port-:6379" -- --port 6379 --save "" --appendonly no \
		--protected-mode no </dev/null >"$out/redis.log" 2>&1 &
	server=$!
	for ((i = 0; i < 60; i++)); do
		answer=$(timeout 5 redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)
		[ "$answer" = PONG ] && break
		kill -0 "$server" 2>/dev/null || break
		sleep 1
	done
	local ok=1
	if [ "$answer" = PONG ] &&
		[ "$(timeout 10 redis-cli -h 127.0.0.1 -p "$port" set greeting hello)" = OK ] &&
		[ "$(timeout 10 redis-cli -h 127.0.0.1 -p "$port" get greeting)" = hello ] &&
		seq 1 1000 | awk '{ printf "SET key:%d %d\n", $1, $1 }' |
		timeout 30 redis-cli -h 127.0.0.1 -p "$port" --pipe >"$out/redis-pipe.txt" 2>&1 &&
		grep -q 'errors: 0, replies: 1000' "$out/redis-pipe.txt" &&
		[ "$(timeout 10 redis-cli -h 127.0.0.1 -p "$port" dbsize)" = 1001 ]; then
		ok=0
	fi
	kill -- -"$server" 2>/dev/null
	wait "$server" 2>/dev/null
	return $ok
}

smallest() { # PROGRAM: prints MiB, or nothing when even 256 MiB fails
	local low=1 high=256 middle
	"${1}_runs_in" "$high" || return
	while ((high - low > 1)); do
		middle=$(((low + high) / 2))
		if "${1}_runs_in" "$middle"; then high=$middle; else low=$middle; fi
	done
	echo "$high"
}

for program in sqlite redis; do
	mib=$(smallest "$program")
	echo "MEMORY $program ${mib:-"over 256 (did not run)"}"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
