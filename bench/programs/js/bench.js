// SPDX-License-Identifier: MIT
// The JavaScript bench (bench/run.sh): five classic CPU-bound workloads of the project's own,
// each timed 5 times inside the interpreter, printed as "BENCH js_NAME_ns MEDIAN" in
// nanoseconds per run. The same file runs on Yolk (yolk build --js), in the Linux VM and on the
// host (the same Duktape build: apps/js/main.c over libyolk-js.a) and in Debian's mujs.
var write = typeof console !== 'undefined' ? function (line) { console.log(line); } : print;
var clock = typeof process !== 'undefined' && process.hrtime ?
	function () { var t = process.hrtime(); return t[0] * 1e9 + t[1]; } :
	function () { return Date.now() * 1e6; };

function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

var workloads = {
	// Function calls: about 57,000 of them.
	recursion: function () { return fib(22); },
	// String building by concatenation, 4,000 pieces (Duktape interns every string it makes,
	// so each step hashes the whole string: quadratic), and by Array.prototype.join.
	strings: function () {
		var text = '', parts = [];
		for (var i = 0; i < 4000; i++)
			text += String.fromCharCode(97 + i % 26) + i;
		for (var j = 0; j < 20000; j++)
			parts.push(String.fromCharCode(97 + j % 26) + j);
		return text.length + parts.join('').length;
	},
	// JSON.stringify and JSON.parse of 300 records, 10 times.
	json: function () {
		var data = { list: [] }, count = 0;
		for (var i = 0; i < 300; i++)
			data.list.push({ id: i, name: 'item' + i, tags: ['a', 'b'], nested: { x: i * 1.5 } });
		for (var k = 0; k < 10; k++)
			count += JSON.parse(JSON.stringify(data)).list.length;
		return count;
	},
	// A regular expression over 2,000 addresses.
	regex: function () {
		var text = '', count = 0, match, pattern = /(\w+)@(\w+)\.org/g;
		for (var i = 0; i < 2000; i++)
			text += 'user' + i + '@example' + (i % 7) + '.org, ';
		while ((match = pattern.exec(text)))
			count++;
		return count;
	},
	// Array.prototype.sort of 5,000 numbers with a comparator.
	sort: function () {
		var list = [], seed = 1;
		for (var i = 0; i < 5000; i++) {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			list.push(seed);
		}
		list.sort(function (a, b) { return a - b; });
		return list[0];
	}
};

var names = ['recursion', 'strings', 'json', 'regex', 'sort'];
for (var n = 0; n < names.length; n++) {
	var times = [];
	for (var round = 0; round < 5; round++) {
		var start = clock();
		workloads[names[n]]();
		times.push(clock() - start);
	}
	times.sort(function (a, b) { return a - b; });
	write('BENCH js_' + names[n] + '_ns ' + Math.round(times[2]));
}
