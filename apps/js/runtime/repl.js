// SPDX-License-Identifier: MIT
// The REPL's JavaScript half (apps/js/repl.c calls these through the runtime object):
// whether input is complete, its evaluation in the global scope with the value printed as
// Node prints it (and kept in _), and the candidates for Tab.
'use strict';

var native = require('native');
var util = require('util');
var counter = 0;

// Input to be continued on the next line: Duktape's parser reached the end of it (SOURCE
// ends with a newline, so a bad last token is not "at the end": `var a = b c` is an error at
// once), or a string goes on after a backslash at the end of the line.
function incomplete(error, source) {
	return error instanceof SyntaxError && (/, end of input\)$/.test(error.message) ||
		(/^unterminated string/.test(error.message) && /\\\n$/.test(source)));
}

// Returns false while SOURCE is incomplete; else evaluates and prints its value.
exports.evaluate = function (source) {
	var name = 'REPL' + ++counter;
	// {a: 1} is an object, not a block, as in Node's REPL.
	if (/^\s*\{/.test(source) && !/;\s*$/.test(source)) {
		try {
			native.check('(' + source + ')', name);
			source = '(' + source + ')';
		} catch (e) {
			// a block after all
		}
	}
	try {
		native.check(source, name);
	} catch (error) {
		if (incomplete(error, source))
			return false;
		throw error;
	}
	var value = native.evaluate(source, name);
	global._ = value;
	native.write(1, util.inspect(value) + '\n');
	return true;
};

function propertyNames(value) {
	var names = [], seen = {};
	for (var object = Object(value); object; object = Object.getPrototypeOf(object)) {
		var own = Object.getOwnPropertyNames(object);
		for (var i = 0; i < own.length; i++)
			if (!seen[own[i]]) {
				seen[own[i]] = true;
				names.push(own[i]);
			}
	}
	return names;
}

var keywords = ['break', 'case', 'catch', 'continue', 'debugger', 'default', 'delete', 'do',
	'else', 'false', 'finally', 'for', 'function', 'if', 'in', 'instanceof', 'new', 'null',
	'return', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while',
	'with'];

// Candidates for the expression ending LINE: [where the word starts, replacements...].
exports.complete = function (line) {
	var match = /((?:[A-Za-z_$][\w$]*\s*\.\s*)*)([A-Za-z_$][\w$]*)?$/.exec(line);
	var chain = match[1] || '', partial = match[2] || '';
	var start = line.length - chain.length - partial.length;
	var names, base = chain.replace(/\s+/g, '');
	if (base === '' && partial === '')
		return [start];
	if (base !== '') {
		var value;
		try {
			// Only names and dots: nothing is called, nothing is changed.
			value = native.evaluate(base.slice(0, -1), 'completion');
		} catch (e) {
			return [start];
		}
		if (value === undefined || value === null)
			return [start];
		names = propertyNames(value);
	} else {
		names = propertyNames(global).concat(keywords);
	}
	var out = [start];
	names.filter(function (name) {
		return name.slice(0, partial.length) === partial && /^[A-Za-z_$][\w$]*$/.test(name);
	}).sort().forEach(function (name) {
		if (out[out.length - 1] !== base + name)
			out.push(base + name);
	});
	return out;
};
