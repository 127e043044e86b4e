// SPDX-License-Identifier: MIT
// The fs module: the synchronous calls over native_fs.c, Node's Stats, the callback forms
// (run on the event loop after the call, as a thread pool would deliver them) and
// fs.promises. Paths may be on any file system: ramfs, a 9P share, procfs.
'use strict';

var native = require('native');
var path = require('path');
var complete = require('internal').complete;

function encodingOf(options) {
	if (typeof options === 'string')
		return options;
	return options && options.encoding ? options.encoding : null;
}

function checkPath(file) {
	if (typeof file !== 'string')
		throw new TypeError('The "path" argument must be of type string. Received ' +
			(file === null ? 'null' : 'type ' + typeof file));
	return file;
}

function readFileSync(file, options) {
	var data = native.readFile(checkPath(file));
	var encoding = encodingOf(options);
	return encoding ? data.toString(encoding) : data;
}

function dataOf(data) {
	if (typeof data === 'string' || data instanceof Buffer || data instanceof Uint8Array)
		return data;
	throw new TypeError('The "data" argument must be of type string or an instance of Buffer ' +
		'or Uint8Array');
}

function writeFileSync(file, data, options) {
	native.writeFile(checkPath(file), dataOf(data),
		typeof options === 'object' && options !== null && options.flag === 'a');
}

function appendFileSync(file, data) {
	native.writeFile(checkPath(file), dataOf(data), true);
}

function existsSync(file) {
	return typeof file === 'string' && native.exists(file);
}

function readdirSync(directory, options) {
	var names = native.readdir(checkPath(directory));
	if (options && options.withFileTypes)
		return names.map(function (name) {
			var stats = statSync(path.join(directory, name), { follow: false });
			stats.name = name;
			return stats;
		});
	return names;
}

function Stats(fields) {
	for (var key in fields)
		this[key] = fields[key];
	this.atime = new Date(this.atimeMs);
	this.mtime = new Date(this.mtimeMs);
	this.ctime = new Date(this.ctimeMs);
	this.birthtime = this.ctime;
}
var S_IFMT = 0xf000;
Stats.prototype.isFile = function () { return (this.mode & S_IFMT) === 0x8000; };
Stats.prototype.isDirectory = function () { return (this.mode & S_IFMT) === 0x4000; };
Stats.prototype.isSymbolicLink = function () { return (this.mode & S_IFMT) === 0xa000; };
Stats.prototype.isFIFO = function () { return (this.mode & S_IFMT) === 0x1000; };
Stats.prototype.isSocket = function () { return (this.mode & S_IFMT) === 0xc000; };
Stats.prototype.isCharacterDevice = function () { return (this.mode & S_IFMT) === 0x2000; };
Stats.prototype.isBlockDevice = function () { return (this.mode & S_IFMT) === 0x6000; };

function statSync(file, options) {
	return new Stats(native.stat(checkPath(file), !(options && options.follow === false)));
}

function lstatSync(file) {
	return new Stats(native.stat(checkPath(file), false));
}

function mkdirSync(directory, options) {
	var mode = typeof options === 'number' ? options : (options && options.mode) || 511;
	checkPath(directory);
	if (!(options && options.recursive)) {
		native.mkdir(directory, mode);
		return undefined;
	}
	var absolute = path.resolve(directory), first;
	var missing = [];
	for (var at = absolute; !native.exists(at); at = path.dirname(at))
		missing.unshift(at);
	for (var i = 0; i < missing.length; i++) {
		native.mkdir(missing[i], mode);
		if (first === undefined)
			first = missing[i];
	}
	return first;
}

function rmdirSync(directory) {
	native.rmdir(checkPath(directory));
}

function rmSync(target, options) {
	var stats;
	try {
		stats = lstatSync(target);
	} catch (error) {
		if (options && options.force && error.code === 'ENOENT')
			return;
		throw error;
	}
	if (stats.isDirectory()) {
		if (!(options && options.recursive)) {
			var error = new Error('Path is a directory: rm returned EISDIR (is a directory) ' +
				target);
			error.code = 'ERR_FS_EISDIR';
			throw error;
		}
		native.readdir(target).forEach(function (name) {
			rmSync(path.join(target, name), options);
		});
		native.rmdir(target);
	} else {
		native.unlink(target);
	}
}

function unlinkSync(file) {
	native.unlink(checkPath(file));
}

function renameSync(from, to) {
	native.rename(checkPath(from), checkPath(to));
}

function realpathSync(file) {
	return native.realpath(checkPath(file));
}

function copyFileSync(from, to) {
	native.writeFile(checkPath(to), native.readFile(checkPath(from)), false);
}

exports.readFileSync = readFileSync;
exports.writeFileSync = writeFileSync;
exports.appendFileSync = appendFileSync;
exports.existsSync = existsSync;
exports.readdirSync = readdirSync;
exports.statSync = statSync;
exports.lstatSync = lstatSync;
exports.mkdirSync = mkdirSync;
exports.rmdirSync = rmdirSync;
exports.rmSync = rmSync;
exports.unlinkSync = unlinkSync;
exports.renameSync = renameSync;
exports.realpathSync = realpathSync;
exports.copyFileSync = copyFileSync;
exports.Stats = Stats;
exports.constants = { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 };

// fs.readFile(path, [options], callback) and the others: the work is done at once, the
// callback runs from the event loop's poll phase (as Node's I/O callbacks), with the error or
// the result.
function callbackForm(sync, hasResult) {
	return function () {
		var args = Array.prototype.slice.call(arguments);
		var callback = args.pop();
		if (typeof callback !== 'function')
			throw new TypeError('The "cb" argument must be of type function. Received ' +
				(callback === undefined ? 'undefined' : 'type ' + typeof callback));
		var error = null, result;
		try {
			result = sync.apply(null, args);
		} catch (e) {
			error = e;
		}
		complete(function () {
			if (error)
				callback(error);
			else if (hasResult)
				callback(null, result);
			else
				callback(null);
		});
	};
}

function promiseForm(sync) {
	return function () {
		var args = arguments;
		return new Promise(function (resolve, reject) {
			complete(function () {
				try {
					resolve(sync.apply(null, args));
				} catch (e) {
					reject(e);
				}
			});
		});
	};
}

var forms = { readFile: [readFileSync, true], writeFile: [writeFileSync, false],
	appendFile: [appendFileSync, false], readdir: [readdirSync, true], stat: [statSync, true],
	lstat: [lstatSync, true], mkdir: [mkdirSync, true], rmdir: [rmdirSync, false],
	rm: [rmSync, false], unlink: [unlinkSync, false], rename: [renameSync, false],
	realpath: [realpathSync, true], copyFile: [copyFileSync, false] };
exports.promises = {};
Object.keys(forms).forEach(function (name) {
	exports[name] = callbackForm(forms[name][0], forms[name][1]);
	exports.promises[name] = promiseForm(forms[name][0]);
});
exports.exists = function (file, callback) {
	var result = existsSync(file);
	complete(function () { callback(result); });
};
