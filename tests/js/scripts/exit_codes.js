// process.exit(CODE) and process.exitCode, by the first argument; tests/js/run.py checks the
// status of each.
var how = process.argv[2];
process.on('exit', function (code) { console.log('exit event', code); });
if (how === 'exit3') {
	setTimeout(function () { console.log('never'); }, 10);
	try {
		process.exit(3);
	} finally {
		console.log('not printed either');
	}
} else if (how === 'exitcode4') {
	process.exitCode = 4;
	setTimeout(function () { console.log('the loop still runs'); }, 5);
} else if (how === 'throw') {
	setTimeout(function () { throw new Error('from a timer'); }, 1);
} else if (how === 'reject') {
	Promise.reject(new Error('not handled'));
} else {
	console.log('normal');
}
