// fs round trips in the directory given as the first argument (ramfs /tmp, a 9P share):
// write, append, read back (text and Buffer), stat, readdir, mkdir -p, rename, unlink, rmdir,
// errors with their codes, and the callback and promise forms. Compared with Node.
var fs = require('fs');
var path = require('path');
var base = path.join(process.argv[2], 'fs-roundtrip');
if (fs.existsSync(base))
	fs.rmSync(base, { recursive: true });
fs.mkdirSync(base);
var file = path.join(base, 'hello.txt');
fs.writeFileSync(file, 'hello\n');
fs.appendFileSync(file, 'world \u00e9\n');
console.log(JSON.stringify(fs.readFileSync(file, 'utf8')));
var bytes = fs.readFileSync(file);
console.log(bytes.length, bytes[0], Buffer.isBuffer(bytes));
var stats = fs.statSync(file);
console.log(stats.size, stats.isFile(), stats.isDirectory(), stats.mtime instanceof Date);
console.log(fs.statSync(base).isDirectory());
var big = '';
for (var i = 0; i < 20000; i++)
	big += 'line ' + i + '\n';
fs.writeFileSync(path.join(base, 'big.txt'), big);
console.log(fs.readFileSync(path.join(base, 'big.txt'), 'utf8') === big, big.length);
fs.writeFileSync(path.join(base, 'binary.bin'), Buffer.from([0, 1, 2, 255, 254]));
console.log(fs.readFileSync(path.join(base, 'binary.bin')));
console.log(fs.mkdirSync(path.join(base, 'a/b/c'), { recursive: true }) === path.join(base, 'a'));
fs.writeFileSync(path.join(base, 'a/b/c/deep.txt'), 'deep');
fs.renameSync(path.join(base, 'a/b/c/deep.txt'), path.join(base, 'a/moved.txt'));
console.log(fs.readdirSync(base).sort().join(','), fs.readdirSync(path.join(base, 'a')).sort());
console.log(fs.readFileSync(path.join(base, 'a/moved.txt'), 'utf8'));
fs.unlinkSync(path.join(base, 'a/moved.txt'));
console.log(fs.existsSync(path.join(base, 'a/moved.txt')), fs.existsSync(file));
['readFileSync', 'statSync', 'unlinkSync', 'readdirSync'].forEach(function (name) {
	try {
		fs[name](path.join(base, 'missing'));
	} catch (e) {
		console.log(name, e.code, e.syscall, e.message.replace(base, 'BASE'));
	}
});
try {
	fs.mkdirSync(base);
} catch (e) {
	console.log('mkdir', e.code);
}
try {
	fs.rmdirSync(path.join(base, 'a'));
} catch (e) {
	console.log('rmdir', e.code);
}
fs.readFile(file, 'utf8', function (error, text) {
	console.log('callback', error, text.length);
	fs.promises.readFile(path.join(base, 'nothing')).catch(function (e) {
		console.log('promise', e.code);
		fs.rmSync(base, { recursive: true });
		console.log('removed', fs.existsSync(base));
	});
});
