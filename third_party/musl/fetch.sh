#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: third_party/musl/fetch.sh VERSION DIR [SOURCES]
# Fetches Debian's musl source package, exactly VERSION, into DIR and extracts it into
# DIR/source, checked: the installed musl-dev must be VERSION too (its headers and crt files go
# with this libc), and the seven files Yolk replaces must match pristine.sha256. Called by
# third_party/musl/musl.mk.
#
# apt runs on a source list of its own, DIR/apt/musl.sources (Types: deb-src, otherwise the stanzas
# of SOURCES, /etc/apt/sources.list.d/debian.sources by default), with its lists and cache in
# DIR/apt: the machine's apt setup is left as it is.
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
command -v dpkg-source >/dev/null || die "dpkg-source not found: install dpkg-dev (scripts/deps)"
[ -r "$sources" ] || die "$sources not found: name a deb822 file with Debian's URIs as SOURCES"

mkdir -p "$dir/apt/lists/partial" "$dir/apt/cache/archives/partial" "$dir/download"
dir=$(cd "$dir" && pwd)
# The machine's stanzas with Types: deb-src; URIs, Suites, Components and Signed-By as they are.
sed 's/^Types:.*/Types: deb-src/' "$sources" >"$dir/apt/musl.sources"
apt_options=(-o "Dir::Etc::SourceList=$dir/apt/musl.sources" -o Dir::Etc::SourceParts=/dev/null
	-o "Dir::State::Lists=$dir/apt/lists" -o "Dir::Cache=$dir/apt/cache")
# As root apt would drop to the _apt user, who cannot write into a build folder.
[ "$(id -u)" -ne 0 ] || apt_options+=(-o APT::Sandbox::User=root)

echo "musl: fetching Debian's musl $version source package"
apt-get -qq "${apt_options[@]}" update || die "apt-get update failed on $dir/apt/musl.sources"
rm -f "$dir/download/"*
(cd "$dir/download" && apt-get -qq "${apt_options[@]}" source --download-only "musl=$version") ||
	die "apt-get source musl=$version failed: is $version still in the archive?"

dsc=$(ls "$dir/download/"*.dsc)
fetched=$(sed -n 's/^Version: //p' "$dsc")
[ "$fetched" = "$version" ] || die "fetched musl $fetched, but the pin is $version"

# Debian's patches are applied (1.2.3-1 has none): the direct-call libc is Debian's libc.a
# with seven files swapped, so it takes what Debian's build takes.
# apt has checked every file against the signed Sources index; the .dsc's own signature would
# need a Debian developer's key.
rm -rf "$dir/source"
dpkg-source --no-check -x "$dsc" "$dir/source" >/dev/null
(cd "$dir/source" && sha256sum --check --quiet "$glue/pristine.sha256") ||
	die "the files Yolk replaces differ from pristine.sha256 in musl $version: read the new" \
		"ones, port third_party/musl's versions, then update the hashes"
# Debian's build drops what debian/clean lists (crypt, #947193) and adds musl-fts (debian/rules,
# copy_fts); so does ours, and the library has the same members as Debian's libc.a.
(cd "$dir/source" && grep -v '^debian/' debian/clean | xargs -r rm -rf)
mkdir -p "$dir/source/src/fts"
cp "$dir/source/debian/musl-fts/fts.c" "$dir/source/debian/musl-fts/config.h" "$dir/source/src/fts/"
cp "$dir/source/debian/musl-fts/fts.h" "$dir/source/include/"
