// The event loop's order, in stages that each start when the last one is over, so that the
// order is the one Node's rules fix, whatever the timing: synchronous code, then
// process.nextTick, then Promise jobs; in a timer callback, the microtasks, then
// setImmediate before a new setTimeout(0); timers by their expiry; in an I/O callback,
// setImmediate before setTimeout(0); intervals until cleared. Compared with Node.
var log = [];
function note(what) { log.push(what); }

function stage1() {
	setTimeout(function () {
		note('timeout');
		setImmediate(function () { note('immediate from timeout'); });
		setTimeout(function () { note('timeout from timeout'); setTimeout(stage2, 5); }, 0);
		process.nextTick(function () { note('tick from timeout'); });
		Promise.resolve().then(function () { note('promise from timeout'); });
	}, 1);
}

function stage2() {
	setTimeout(function () { note('timeout 30'); setTimeout(stage3, 5); }, 30);
	setTimeout(function () { note('timeout 10'); }, 10);
	var cancelled = setTimeout(function () { note('cancelled'); }, 5);
	clearTimeout(cancelled);
	var immediate = setImmediate(function () { note('cleared immediate'); });
	clearImmediate(immediate);
	setImmediate(function () { note('immediate 1'); }, 'x');
	setImmediate(function (a, b) { note('immediate 2 ' + a + b); }, 'a', 'b');
}

function stage3() {
	require('fs').readFile(__filename, function (error, data) {
		note('read callback ' + (error === null) + ' ' + (data.length > 0));
		setTimeout(function () { note('timeout from read'); setTimeout(stage4, 5); }, 0);
		setImmediate(function () { note('immediate from read'); });
	});
}

function stage4() {
	var count = 0;
	var interval = setInterval(function () {
		note('interval ' + ++count);
		if (count === 3) {
			clearInterval(interval);
			setTimeout(function () { console.log(log.join('\n')); }, 10);
		}
	}, 5);
	var unrefed = setTimeout(function () { note('unref timer ran'); }, 100000);
	unrefed.unref();
}

Promise.resolve().then(function () {
	note('promise 1');
	process.nextTick(function () { note('tick from promise'); });
}).then(function () { note('promise 2'); });
process.nextTick(function () { note('tick 1'); });
queueMicrotask(function () { note('microtask'); });
stage1();
note('sync');
