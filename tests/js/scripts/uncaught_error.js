// An uncaught error: its message and stack (file:line of each call) on stderr, status 1.
function inner() {
	throw new TypeError('inner went wrong');
}
function outer() {
	inner();
}
console.log('before');
outer();
console.log('not reached');
