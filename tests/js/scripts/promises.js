// Promises (Duktape's source package's polyfill, run as Node's microtasks): chains, errors
// thrown in handlers, all, race, resolve with a thenable. The timers are far apart (tens of
// milliseconds), so that a slow machine keeps their order.
function delay(ms, value, fail) {
	return new Promise(function (resolve, reject) {
		setTimeout(function () { (fail ? reject : resolve)(value); }, ms);
	});
}
var out = [];
Promise.resolve(1).then(function (v) { out.push('then ' + v); return v + 1; })
	.then(function (v) { throw new Error('broke at ' + v); })
	.then(function () { out.push('skipped'); })
	.catch(function (e) { out.push('caught ' + e.message); return 'recovered'; })
	.then(function (v) { out.push('after catch ' + v); });
Promise.all([delay(200, 'a'), delay(5, 'b'), 3]).then(function (values) {
	out.push('all ' + JSON.stringify(values));
});
Promise.all([delay(5, 'x'), delay(50, 'no', true)]).catch(function (e) {
	out.push('all rejected ' + e);
});
Promise.race([delay(400, 'slow'), delay(120, 'fast')]).then(function (v) { out.push('race ' + v); });
new Promise(function (resolve) {
	resolve({ then: function (ok) { ok('thenable'); } });
}).then(function (v) { out.push('resolved ' + v); });
Promise.reject(new Error('early')).catch(function (e) { out.push('early ' + e.message); });
new Promise(function () { throw new TypeError('in executor'); })
	.catch(function (e) { out.push(e.name + ' ' + e.message); });
out.push('sync end');
delay(600).then(function () { console.log(out.join('\n')); });
