// console.log of 30 values, compared with Node's output (tests/js/run.py).
var cyclic = { name: 'loop' };
cyclic.self = cyclic;
var list = [1, 2];
list.push(list);
function Point(x, y) { this.x = x; this.y = y; }
var sparse = [1, , 3];
sparse[6] = 7;
var values = [
	'plain string',
	42,
	-0,
	3.25,
	NaN,
	true,
	null,
	undefined,
	[],
	{},
	[1, 2, 3],
	{ a: 1, b: 'two', c: [3] },
	{ nested: { deeper: { deepest: { gone: 1 } } } },
	[[1, [2, [3, [4]]]]],
	cyclic,
	list,
	new Point(1, 2),
	function named() {},
	function () {},
	/ab+c/gi,
	new Date(0),
	{ 'key with space': 1, valid_id: 2, '0': 3 },
	"it's",
	'say "hi" it\'s',
	'tab\there\nnewline',
	sparse,
	Object.create(null),
	[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
		25, 26, 27, 28, 29, 30],
	{ a: 'a long string value', b: 'another long string value', c: 'and a third one here' },
	['apple', 'banana', 'cherry', 'date', 'elderberry', 'fig', 'grape', 'honeydew']
];
for (var i = 0; i < values.length; i++)
	console.log(values[i]);
console.log('%s is %d years and %i days, %j', 'Bob', 42.5, 7.9, { a: [1] });
console.log('%o and %O', [1], { b: 2 });
console.log('100%% sure', 'extra', 1, { x: 1 });
console.log('%s', null, undefined, '%d');
console.log([{ a: 1, b: { c: 2 } }, 'x'], { arr: [[], {}] });
console.log(new Error('formatted').message);
