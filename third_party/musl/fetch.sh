#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: third_party/musl/fetch.sh VERSION DIR [SOURCES]
# Fetches Debian's musl source package, exactly VERSION, into DIR and extracts it into
# DIR/source, checked: the installed musl-dev must be VERSION too (its headers and crt files go
# with this libc), and the seven files Yolk replaces must match pristine.sha256. Called by
# third_party/musl/musl.mk.
#
# The download itself is third_party/fetch-source.sh's (a private apt source list; the machine's
# apt setup is left as it is).
set -euo pipefail

die() {
	echo "third_party/musl/fetch.sh: $*" >&2
	exit 1
}

[ $# -ge 2 ] || die "usage: fetch.sh VERSION DIR [SOURCES]"
version=$1
dir=$2
sources=${3:-/etc/apt/sources.list.d/debian.sources}
glue=$(cd "$(dirname "$0")" && pwd)

installed=$(dpkg-query -W -f='${Version}' musl-dev 2>/dev/null) ||
	die "musl-dev is not installed (scripts/deps installs it)"
[ "$installed" = "$version" ] ||
	die "musl-dev $installed is installed but the pin is $version: the direct-call libc must be" \
		"the same musl as the headers and crt files; bump MUSL_DEBIAN_VERSION in" \
		"third_party/musl/musl.mk (third_party/musl/README.md says how)"

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
# Debian's patches are applied (1.2.3-1 has none): the direct-call libc is Debian's libc.a
# with seven files swapped, so it takes what Debian's build takes.
"$glue/../fetch-source.sh" musl "$version" "$dir" "$sources"
(cd "$dir/source" && sha256sum --check --quiet "$glue/pristine.sha256") ||
	die "the files Yolk replaces differ from pristine.sha256 in musl $version: read the new" \
		"ones, port third_party/musl's versions, then update the hashes"
# Debian's build drops what debian/clean lists (crypt, #947193) and adds musl-fts (debian/rules,
# copy_fts); so does ours, and the library has the same members as Debian's libc.a.
(cd "$dir/source" && grep -v '^debian/' debian/clean | xargs -r rm -rf)
mkdir -p "$dir/source/src/fts"
cp "$dir/source/debian/musl-fts/fts.c" "$dir/source/debian/musl-fts/config.h" "$dir/source/src/fts/"
cp "$dir/source/debian/musl-fts/fts.h" "$dir/source/include/"
