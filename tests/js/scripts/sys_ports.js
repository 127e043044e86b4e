// sys port I/O, for real: the serial port's scratch register (COM1 + 7) keeps what is
// written to it; QEMU's fw_cfg device (the kernel reads it only at boot) gives its signature
// "QEMU" through the data port after a 16-bit write of key 0 to the selector, and its DMA
// register reads as "QEMU CFG" in 32- and 16-bit reads; bad ports and values are RangeErrors.
var sys = require('sys');
var scratch = 0x3f8 + 7, saved = sys.in8(scratch);
sys.out8(scratch, 0x5a);
var first = sys.in8(scratch);
sys.out8(scratch, 0xa5);
var second = sys.in8(scratch);
sys.out8(scratch, saved);
console.log('scratch', first.toString(16), second.toString(16));
sys.out16(0x510, 0);
var signature = '';
for (var i = 0; i < 4; i++)
	signature += String.fromCharCode(sys.in8(0x511));
console.log('fw_cfg', signature, sys.in32(0x514).toString(16), sys.in16(0x518).toString(16),
	sys.in32(0x518).toString(16));
['in8', 'in16', 'in32'].forEach(function (name) {
	try {
		sys[name](0x10000);
	} catch (e) {
		console.log(name, e.name);
	}
});
try {
	sys.out8(scratch, 256);
} catch (e) {
	console.log('out8', e.name);
}
