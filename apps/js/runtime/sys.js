// SPDX-License-Identifier: MIT
// The sys module: x86 port I/O as eggos had it (sys.in8/out8, in16/out16, in32/out32). The
// program runs in ring 0: these reach the hardware directly, and a wrong write can hang the
// machine or upset a device the kernel drives (see docs/js.md).
'use strict';

var ports = require('native').ports;

exports.in8 = ports.in8;
exports.in16 = ports.in16;
exports.in32 = ports.in32;
exports.out8 = ports.out8;
exports.out16 = ports.out16;
exports.out32 = ports.out32;
