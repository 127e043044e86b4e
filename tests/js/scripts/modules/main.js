// require(): relative files, .js and .json, a directory's index.js, package.json "main",
// node_modules up the tree (a package's own nested node_modules), caching, a cycle as Node
// handles it (the partial exports), module.exports replaced. Compared with Node.
var path = require('path');
function rel(file) { return path.relative(__dirname, file); }
var a = require('./lib/a');
console.log('a.fromB', a.fromB, 'a.done', a.done);
console.log('cached', require('./lib/a') === a, require('./lib/a.js') === a);
console.log('json', JSON.stringify(require('./data/config.json')));
console.log('json without extension', require('./data/config').name);
console.log('index', require('./lib').index);
var outer = require('outer');
console.log('outer', outer.name, 'inner via outer', outer.inner);
console.log('withmain', require('withmain')());
console.log('resolve', rel(require.resolve('withmain')), rel(require.resolve('./lib')));
console.log('main is module', require.main === module, rel(module.filename));
try {
	require('./nonexistent');
} catch (e) {
	console.log('missing', e.code, e.message.split('\n')[0]);
}
try {
	require('inner');
} catch (e) {
	console.log('not visible from here', e.code);
}
console.log('builtins', typeof require('fs').readFileSync, typeof require('node:path').join);
