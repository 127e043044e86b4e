# SPDX-License-Identifier: MIT
# CMake toolchain for libraries built into Yolk images (third_party/libssh/libssh.mk): Debian's
# musl-gcc wrapper, which compiles against musl's headers and links musl's libc.a, the libc a
# Yolk image links. Nothing is searched for in the host's (glibc) prefixes: a library found
# there could not be linked into an image.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER musl-gcc)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
