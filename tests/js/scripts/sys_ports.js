// sys port I/O, for real: the serial port's scratch register (COM1 + 7) keeps what is
// written to it; bad ports and values are RangeErrors.
var sys = require('sys');
var scratch = 0x3f8 + 7, saved = sys.in8(scratch);
sys.out8(scratch, 0x5a);
var first = sys.in8(scratch);
sys.out8(scratch, 0xa5);
var second = sys.in8(scratch);
sys.out8(scratch, saved);
console.log('scratch', first.toString(16), second.toString(16));
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
