// SPDX-License-Identifier: MIT
// The path module: Node's path.posix (resolve, normalize, join, relative, dirname, basename,
// extname, isAbsolute, parse, format, sep, delimiter).
'use strict';

function assertPath(path) {
	if (typeof path !== 'string')
		throw new TypeError('The "path" argument must be of type string. Received ' +
			(path === null ? 'null' : 'type ' + typeof path));
}

// Resolves '.' and '..' in PATH (no leading slash handling).
function normalizeParts(path, allowAboveRoot) {
	var out = [], parts = path.split('/');
	for (var i = 0; i < parts.length; i++) {
		var part = parts[i];
		if (part === '' || part === '.')
			continue;
		if (part === '..') {
			if (out.length && out[out.length - 1] !== '..')
				out.pop();
			else if (allowAboveRoot)
				out.push('..');
		} else {
			out.push(part);
		}
	}
	return out.join('/');
}

function resolve() {
	var resolved = '', absolute = false;
	for (var i = arguments.length - 1; i >= -1 && !absolute; i--) {
		var path = i >= 0 ? arguments[i] : process.cwd();
		assertPath(path);
		if (path === '')
			continue;
		resolved = path + '/' + resolved;
		absolute = path.charAt(0) === '/';
	}
	resolved = normalizeParts(resolved, !absolute);
	if (absolute)
		return '/' + resolved;
	return resolved.length > 0 ? resolved : '.';
}

function normalize(path) {
	assertPath(path);
	if (path === '')
		return '.';
	var absolute = path.charAt(0) === '/';
	var trailing = path.charAt(path.length - 1) === '/';
	path = normalizeParts(path, !absolute);
	if (path === '' && !absolute)
		path = '.';
	if (path !== '' && trailing)
		path += '/';
	return (absolute ? '/' : '') + path;
}

function join() {
	var joined;
	for (var i = 0; i < arguments.length; i++) {
		assertPath(arguments[i]);
		if (arguments[i] !== '')
			joined = joined === undefined ? arguments[i] : joined + '/' + arguments[i];
	}
	return joined === undefined ? '.' : normalize(joined);
}

function relative(from, to) {
	assertPath(from);
	assertPath(to);
	if (from === to)
		return '';
	from = resolve(from);
	to = resolve(to);
	if (from === to)
		return '';
	var fromParts = from === '/' ? [] : from.slice(1).split('/');
	var toParts = to === '/' ? [] : to.slice(1).split('/');
	var same = 0;
	while (same < fromParts.length && same < toParts.length && fromParts[same] === toParts[same])
		same++;
	var out = [];
	for (var i = same; i < fromParts.length; i++)
		out.push('..');
	return out.concat(toParts.slice(same)).join('/');
}

function dirname(path) {
	assertPath(path);
	if (path === '')
		return '.';
	var end = path.length;
	while (end > 1 && path.charAt(end - 1) === '/')
		end--;
	var slash = path.lastIndexOf('/', end - 1);
	if (slash < 0)
		return '.';
	while (slash > 0 && path.charAt(slash - 1) === '/')
		slash--;
	return slash === 0 ? '/' : path.slice(0, slash);
}

function basename(path, ext) {
	assertPath(path);
	var end = path.length;
	while (end > 0 && path.charAt(end - 1) === '/')
		end--;
	if (end === 0)
		return '';
	var base = path.slice(path.lastIndexOf('/', end - 1) + 1, end);
	if (typeof ext === 'string' && ext !== base && base.slice(-ext.length) === ext && ext !== '')
		base = base.slice(0, base.length - ext.length);
	return base;
}

function extname(path) {
	var base = basename(path);
	var dot = base.lastIndexOf('.');
	if (dot <= 0)
		return '';
	return base.slice(dot);
}

function isAbsolute(path) {
	assertPath(path);
	return path.charAt(0) === '/';
}

function parse(path) {
	assertPath(path);
	var root = path.charAt(0) === '/' ? '/' : '';
	var base = basename(path), ext = extname(path);
	var dir = dirname(path);
	if (dir === '.' && path.indexOf('/') < 0)
		dir = '';
	return { root: root, dir: dir, base: base, ext: ext,
		name: ext ? base.slice(0, base.length - ext.length) : base };
}

function format(parts) {
	var dir = parts.dir || parts.root || '';
	var base = parts.base || (parts.name || '') + (parts.ext || '');
	if (!dir)
		return base;
	return dir === parts.root ? dir + base : dir + '/' + base;
}

exports.resolve = resolve;
exports.normalize = normalize;
exports.join = join;
exports.relative = relative;
exports.dirname = dirname;
exports.basename = basename;
exports.extname = extname;
exports.isAbsolute = isAbsolute;
exports.parse = parse;
exports.format = format;
exports.sep = '/';
exports.delimiter = ':';
exports.toNamespacedPath = function (path) { return path; };
exports.posix = exports;
