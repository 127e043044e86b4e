// Runaway recursion is a RangeError, not a crash: JavaScript calls (Duktape's call stack
// limit), recursion through native code (Array.prototype.map), JSON of a deep structure.
function down(n) { return down(n + 1) + 1; }
try {
	down(0);
} catch (e) {
	console.log('javascript', e instanceof RangeError, e.name);
}
function through(n) { return [n].map(function (m) { return through(m + 1); }); }
try {
	through(0);
} catch (e) {
	console.log('native', e instanceof RangeError, e.name);
}
var deep = {};
for (var i = 0, at = deep; i < 100000; i++)
	at = at.next = {};
try {
	JSON.stringify(deep);
	console.log('json', 'no error');
} catch (e) {
	console.log('json', e instanceof RangeError, e.name);
}
console.log('still running');
