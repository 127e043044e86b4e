#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: third_party/fetch-source.sh [--pristine] PACKAGE VERSION DIR [SOURCES]
# Fetches Debian's source package PACKAGE, exactly VERSION, and extracts it (Debian's patches
# applied, or with --pristine the upstream tree as released) into DIR/source. apt runs on a source list of its own, DIR/apt/PACKAGE.sources
# (Types: deb-src, otherwise the stanzas of SOURCES, /etc/apt/sources.list.d/debian.sources by
# default), with its lists and cache in DIR/apt: the machine's apt setup is left as it is.
# Used by the third_party/*/ make fragments.
set -euo pipefail

die() {
	echo "third_party/fetch-source.sh: $*" >&2
	exit 1
}

extract_options=()
if [ "${1:-}" = --pristine ]; then
	extract_options=(--skip-patches)
	shift
fi
[ $# -ge 3 ] || die "usage: fetch-source.sh [--pristine] PACKAGE VERSION DIR [SOURCES]"
package=$1
version=$2
dir=$3
sources=${4:-/etc/apt/sources.list.d/debian.sources}

command -v dpkg-source >/dev/null || die "dpkg-source not found: install dpkg-dev (scripts/deps)"
[ -r "$sources" ] || die "$sources not found: name a deb822 file with Debian's URIs as SOURCES"
mkdir -p "$dir/apt/lists/partial" "$dir/apt/cache/archives/partial" "$dir/download"
dir=$(cd "$dir" && pwd)
# The machine's stanzas with Types: deb-src; URIs, Suites, Components and Signed-By as they are.
# (apt reads deb822 only from files named *.sources.)
sed 's/^Types:.*/Types: deb-src/' "$sources" >"$dir/apt/$package.sources"
apt_options=(-o "Dir::Etc::SourceList=$dir/apt/$package.sources" -o Dir::Etc::SourceParts=/dev/null
	-o "Dir::State::Lists=$dir/apt/lists" -o "Dir::Cache=$dir/apt/cache")
# As root apt would drop to the _apt user, who cannot write into a build folder.
[ "$(id -u)" -ne 0 ] || apt_options+=(-o APT::Sandbox::User=root)

echo "$package: fetching Debian's $package $version source package"
apt-get -qq "${apt_options[@]}" update || die "apt-get update failed on $dir/apt/$package.sources"
rm -f "$dir/download/"*
(cd "$dir/download" && apt-get -qq "${apt_options[@]}" source --download-only "$package=$version") ||
	die "apt-get source $package=$version failed: is $version still in the archive?"
dsc=$(ls "$dir/download/"*.dsc)
fetched=$(sed -n 's/^Version: //p' "$dsc")
[ "$fetched" = "$version" ] || die "fetched $package $fetched, but the pin is $version"
# apt has checked every file against the signed Sources index; the .dsc's own signature would
# need a Debian developer's key.
rm -rf "$dir/source"
dpkg-source --no-check "${extract_options[@]}" -x "$dsc" "$dir/source" >/dev/null
