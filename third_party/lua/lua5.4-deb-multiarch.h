/* SPDX-License-Identifier: MIT */
/* Debian's lua5.4 patches luaconf.h to include this header, which its debian/rules generates
 * with the multiarch triplet for the module search paths; Yolk's build provides it. */
#define DEB_HOST_MULTIARCH "x86_64-linux-musl"
