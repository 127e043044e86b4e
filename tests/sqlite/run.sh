#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: tests/sqlite/run.sh SQLITE3-IMAGE SPEEDTEST1-IMAGE OUT
# SQLite 3.40 from Debian's source, built by its own build with `yolk cc` (each image has its
# host program beside it, without .elf): script.sql gives, on ramfs, on a 9P share and on
# /dev/vda (the disk image is the database), the same output, errors and exit status as the
# host's sqlite3 (Debian's), and the databases it leaves on the share and the disk are sound to
# the host's sqlite3 (the disk's read back by a second boot, and a full disk a clear error);
# speedtest1 --size 10 --verify completes on ramfs and on a 9P share with the host's
# verification hash; the shell works interactively on the console (interactive.py). Ends with
# the count.
set -uo pipefail
. "$(dirname "$0")/../suite.sh"
shell_image=${1:?usage: $0 SQLITE3-IMAGE SPEEDTEST1-IMAGE OUT}
speedtest_image=${2:?usage: $0 SQLITE3-IMAGE SPEEDTEST1-IMAGE OUT}
shift 2
suite_setup "$@"
rm -rf "$out" && mkdir -p "$out/share"
script=tests/sqlite/script.sql
command -v sqlite3 >/dev/null || { fail "the host's sqlite3 is missing (Debian's sqlite3: scripts/deps)"; suite_end; exit; }

# Passes when the two files are the same; else shows how they differ.
same() { # NAME EXPECTED ACTUAL
	if cmp -s "$2" "$3"; then
		pass "$1"
	else
		fail "$1"
		diff "$2" "$3" | head -15 | sed 's/^/    /'
	fi
}

# ---- the script, against the host's sqlite3 ----
host_status=0
sqlite3 "$out/host.db" <"$script" >"$out/host.out" 2>"$out/host.err" || host_status=$?
for place in ramfs share; do
	database=/tmp/test.db share=()
	if [ "$place" = share ]; then database=/mnt/test.db share=(--share "$PWD/$out/share:/mnt"); fi
	status=0
	timeout 300 "$yolk" run "$shell_image" "${share[@]}" -- "$database" <"$script" \
		>"$out/$place.out" 2>"$out/$place.err" || status=$?
	same "script.sql on $place: the output is the host's sqlite3's" "$out/host.out" "$out/$place.out"
	same "script.sql on $place: the errors are the host's sqlite3's" "$out/host.err" "$out/$place.err"
	if [ "$status" = "$host_status" ]; then
		pass "script.sql on $place: exit status $status, as on the host"
	else
		fail "script.sql on $place: exit status $status, the host's $host_status"
	fi
done
printf 'ok\n7|4\n' >"$out/check.expected"
sqlite3 "$out/share/test.db" 'PRAGMA integrity_check; SELECT count(*), count(DISTINCT author_id) FROM book;' \
	>"$out/check.out" 2>&1
same "the database written on the share is sound to the host's sqlite3" "$out/check.expected" "$out/check.out"

# ---- a database on /dev/vda (yolk run --disk): the disk image is the database file ----
# A zeroed disk is "not a database" to SQLite, as on Linux: the host's sqlite3 starts one (one
# page), and the image is grown to 16 MiB, room for the database to grow in. The script gives
# the host's output there too; the host's sqlite3 finds the image sound with the script's rows
# in it; a second boot reads them back from the disk; on a 256 KiB disk an insert that does not
# fit says "database or disk is full" and leaves the database sound and usable.
disk=$out/disk.img
rm -f "$disk"
sqlite3 "$disk" 'PRAGMA user_version = 1;' && truncate -s 16M "$disk"
status=0
timeout 300 "$yolk" run "$shell_image" --disk "$disk" -- /dev/vda <"$script" >"$out/disk.out" \
	2>"$out/disk.err" || status=$?
same "script.sql on /dev/vda: the output is the host's sqlite3's" "$out/host.out" "$out/disk.out"
same "script.sql on /dev/vda: the errors are the host's sqlite3's" "$out/host.err" "$out/disk.err"
if [ "$status" = "$host_status" ]; then
	pass "script.sql on /dev/vda: exit status $status, as on the host"
else
	fail "script.sql on /dev/vda: exit status $status, the host's $host_status"
fi
sqlite3 "$disk" 'PRAGMA integrity_check; SELECT count(*), count(DISTINCT author_id) FROM book;' \
	>"$out/disk-check.out" 2>&1
same "the database written on /dev/vda is sound to the host's sqlite3" "$out/check.expected" \
	"$out/disk-check.out"
echo 'SELECT count(*), count(DISTINCT author_id) FROM book;' >"$out/disk-again.sql"
timeout 120 "$yolk" run "$shell_image" --disk "$disk" -- /dev/vda <"$out/disk-again.sql" \
	>"$out/disk-again.out" 2>&1
tr -d '\r' <"$out/disk-again.out" | grep -qx '7|4' &&
	pass "a second boot reads the rows back from /dev/vda" ||
	{ fail "a second boot reads the rows back from /dev/vda"; tail -5 "$out/disk-again.out" | sed 's/^/    /'; }
rm -f "$out/small.img"
sqlite3 "$out/small.img" 'PRAGMA user_version = 1;' && truncate -s 256K "$out/small.img"
cat >"$out/full.sql" <<'SQL'
CREATE TABLE big(x);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 5000)
INSERT INTO big SELECT randomblob(100) FROM c;
INSERT INTO big VALUES (1);
SELECT count(*) FROM big;
SQL
timeout 120 "$yolk" run "$shell_image" --disk "$out/small.img" -- /dev/vda <"$out/full.sql" \
	>"$out/full.out" 2>"$out/full.err"
if grep -q 'database or disk is full' "$out/full.err" && tr -d '\r' <"$out/full.out" | grep -qx 1 &&
	[ "$(sqlite3 "$out/small.img" 'PRAGMA integrity_check; SELECT count(*) FROM big;' 2>&1 | paste -sd ' ')" = "ok 1" ]; then
	pass "a full /dev/vda: 'database or disk is full', the database sound and usable"
else
	fail "a full /dev/vda: 'database or disk is full', the database sound and usable"
	cat "$out/full.out" "$out/full.err" | tail -5 | sed 's/^/    /'
fi

# ---- speedtest1 --size 10 --verify: the host program's hash, on ramfs and on a share ----
speedtest_host=${speedtest_image%.elf}
[ -x "$speedtest_host" ] || speedtest_host=build/third_party/sqlite/build/speedtest1
"$speedtest_host" --size 10 --verify "$out/host-speed.db" >"$out/speed-host.out" 2>&1
grep '^Verification Hash:' "$out/speed-host.out" >"$out/speed-host.hash"
for place in ramfs share; do
	database=/tmp/speed.db share=()
	if [ "$place" = share ]; then database=/mnt/speed.db share=(--share "$PWD/$out/share:/mnt"); fi
	status=0
	start=$SECONDS
	timeout 600 "$yolk" run "$speedtest_image" "${share[@]}" -- --size 10 --verify "$database" \
		>"$out/speed-$place.out" 2>&1 || status=$?
	if [ "$status" = 0 ] && grep -q '^ *TOTAL\.\.\.' "$out/speed-$place.out"; then
		pass "speedtest1 --size 10 on $place completes ($((SECONDS - start)) s)"
	else
		fail "speedtest1 --size 10 on $place: exit status $status"
		tail -10 "$out/speed-$place.out" | sed 's/^/    /'
	fi
	grep '^Verification Hash:' "$out/speed-$place.out" >"$out/speed-$place.hash"
	if [ -s "$out/speed-host.hash" ]; then
		same "speedtest1 on $place: the host's verification hash" "$out/speed-host.hash" "$out/speed-$place.hash"
	else
		fail "speedtest1 on the host gave no verification hash"
	fi
done

# ---- the shell on the console ----
python3 tests/sqlite/interactive.py "$yolk" "$shell_image" "$out/interactive.log" >"$out/interactive.txt" 2>&1
cat "$out/interactive.txt"
passed=$((passed + $(grep -c '^PASS' "$out/interactive.txt")))
failed=$((failed + $(grep -c '^FAIL' "$out/interactive.txt")))
grep -q '^PASS' "$out/interactive.txt" || fail "interactive.py ran no test"
# Nothing SQLite called was missing: Yolk logs each unimplemented call it meets.
if grep -l 'is not implemented' "$out"/*.err "$out"/speed-*.out "$out/interactive.log" 2>/dev/null; then
	fail "a system call SQLite made is not implemented (see the files above)"
else
	pass "no system call SQLite made is missing"
fi
suite_end
