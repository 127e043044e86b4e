// SPDX-License-Identifier: MIT
// The util module: inspect() and format() as Node's lib/internal/util/inspect.js does them
// (breakLength 80, compact 3, depth 2, arrays of more than 6 entries grouped in columns,
// <ref *1> and [Circular *1] for cycles, quotes chosen as Node chooses them), which is what
// console.log prints; plus inherits, deprecate, isArray and friends.
'use strict';

var identifier = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
var escapes = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v',
	'\\': '\\\\' };

function repeat(text, count) {
	var out = '';
	while (count-- > 0)
		out += text;
	return out;
}

function quote(text) {
	var mark = "'";
	if (text.indexOf("'") >= 0) {
		if (text.indexOf('"') < 0)
			mark = '"';
		else if (text.indexOf('`') < 0 && text.indexOf('${') < 0)
			mark = '`';
	}
	var out = '';
	for (var i = 0; i < text.length; i++) {
		var c = text.charAt(i), code = text.charCodeAt(i);
		if (c === mark)
			out += '\\' + c;
		else if (escapes.hasOwnProperty(c))
			out += escapes[c];
		else if (code < 0x20 || code === 0x7f)
			out += '\\x' + (code < 16 ? '0' : '') + code.toString(16).toUpperCase();
		else
			out += c;
	}
	return mark + out + mark;
}

function formatNumber(value) {
	if (value === 0 && 1 / value < 0)
		return '-0';
	return String(value);
}

function functionName(fn) {
	var name = fn.name;
	return typeof name === 'string' && name !== '' ? name : '';
}

function constructorName(value) {
	var proto = Object.getPrototypeOf(value);
	while (proto) {
		var descriptor = Object.getOwnPropertyDescriptor(proto, 'constructor');
		if (descriptor && typeof descriptor.value === 'function' &&
		    functionName(descriptor.value) !== '')
			return functionName(descriptor.value);
		proto = Object.getPrototypeOf(proto);
	}
	return null;
}

function isError(value) {
	return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
}

function isBuffer(value) {
	return typeof Buffer === 'function' && value instanceof Buffer;
}

function formatPrimitive(value, nested) {
	switch (typeof value) {
	case 'string':
		return nested ? quote(value) : value;
	case 'number':
		return formatNumber(value);
	case 'boolean':
		return String(value);
	case 'undefined':
		return 'undefined';
	case 'symbol':
		return value.toString();
	}
	if (value === null)
		return 'null';
	return undefined;
}

function formatKey(key) {
	if (typeof key === 'symbol')
		return '[' + key.toString() + ']';
	return identifier.test(key) ? key : quote(key);
}

function isBelowBreakLength(ctx, output, start, base) {
	var total = output.length + start;
	if (total + output.length > ctx.breakLength)
		return false;
	for (var i = 0; i < output.length; i++) {
		total += output[i].length;
		if (total > ctx.breakLength)
			return false;
	}
	return base === '' || base.indexOf('\n') < 0;
}

function padStart(text, width) {
	return text.length >= width ? text : repeat(' ', width - text.length) + text;
}

function padEnd(text, width) {
	return text.length >= width ? text : text + repeat(' ', width - text.length);
}

// Node's groupArrayElements: long arrays of short entries in aligned columns.
function groupArrayElements(ctx, output, value) {
	var totalLength = 0, maxLength = 0, i = 0;
	var outputLength = output.length;
	if (ctx.extraItems)
		outputLength--;
	var separatorSpace = 2, dataLen = [];
	for (; i < outputLength; i++) {
		var len = output[i].length;
		dataLen[i] = len;
		totalLength += len + separatorSpace;
		if (maxLength < len)
			maxLength = len;
	}
	var actualMax = maxLength + separatorSpace;
	if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
	    (totalLength / actualMax > 5 || maxLength <= 6)) {
		var averageBias = Math.sqrt(actualMax - totalLength / output.length);
		var biasedMax = Math.max(actualMax - 3 - averageBias, 1);
		var columns = Math.min(Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
			Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax), ctx.compact * 4, 15);
		if (columns <= 1)
			return output;
		var tmp = [], maxLineLength = [];
		for (i = 0; i < columns; i++) {
			var lineLength = 0;
			for (var j = i; j < output.length; j += columns)
				if (dataLen[j] > lineLength)
					lineLength = dataLen[j];
			maxLineLength.push(lineLength + separatorSpace);
		}
		var order = padStart;
		if (value !== undefined) {
			for (i = 0; i < output.length; i++)
				if (typeof value[i] !== 'number') {
					order = padEnd;
					break;
				}
		}
		for (i = 0; i < outputLength; i += columns) {
			var max = Math.min(i + columns, outputLength), line = '', k = i;
			for (; k < max - 1; k++)
				line += order(output[k] + ', ', maxLineLength[k - i]);
			if (order === padStart)
				line += padStart(output[k], maxLineLength[k - i] - separatorSpace);
			else
				line += output[k];
			tmp.push(line);
		}
		if (ctx.extraItems)
			tmp.push(output[outputLength]);
		output = tmp;
	}
	return output;
}

function reduceToSingleString(ctx, output, base, braces, isArrayLike, recurseTimes, value) {
	var entries = output.length;
	if (isArrayLike && entries > 6)
		output = groupArrayElements(ctx, output, value);
	if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
		var start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
		if (isBelowBreakLength(ctx, output, start, base)) {
			var joined = output.join(', ');
			if (joined.indexOf('\n') < 0)
				return (base ? base + ' ' : '') + braces[0] + ' ' + joined + ' ' + braces[1];
		}
	}
	var indentation = '\n' + repeat(' ', ctx.indentationLvl);
	return (base ? base + ' ' : '') + braces[0] + indentation + '  ' +
		output.join(',' + indentation + '  ') + indentation + braces[1];
}

function formatProperty(ctx, value, recurseTimes, key, isArrayLike) {
	var descriptor = Object.getOwnPropertyDescriptor(value, key) || { value: value[key] };
	var text;
	if (descriptor.value !== undefined || !(descriptor.get || descriptor.set)) {
		ctx.indentationLvl += 2;
		text = formatValue(ctx, descriptor.value, recurseTimes);
		ctx.indentationLvl -= 2;
	} else if (descriptor.get) {
		text = descriptor.set ? '[Getter/Setter]' : '[Getter]';
	} else {
		text = '[Setter]';
	}
	if (isArrayLike)
		return text;
	if (descriptor.enumerable === false)
		return '[' + (typeof key === 'symbol' ? key.toString() : key) + ']: ' + text;
	return formatKey(key) + ': ' + text;
}

function ownKeys(value, showHidden) {
	var keys = showHidden ? Object.getOwnPropertyNames(value) : Object.keys(value);
	if (typeof Object.getOwnPropertySymbols === 'function') {
		var symbols = Object.getOwnPropertySymbols(value);
		for (var i = 0; i < symbols.length; i++)
			if (showHidden || Object.prototype.propertyIsEnumerable.call(value, symbols[i]))
				keys.push(symbols[i]);
	}
	return keys;
}

function formatArray(ctx, value, recurseTimes, output) {
	var length = value.length, shown = Math.min(length, ctx.maxArrayLength), holes = 0;
	var i;
	for (i = 0; i < shown; i++) {
		if (!Object.prototype.hasOwnProperty.call(value, i)) {
			holes++;
			continue;
		}
		if (holes) {
			output.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
			holes = 0;
		}
		output.push(formatProperty(ctx, value, recurseTimes, String(i), true));
	}
	if (holes)
		output.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
	if (length > shown) {
		output.push('... ' + (length - shown) + ' more item' + (length - shown > 1 ? 's' : ''));
		ctx.extraItems = true;
	}
}

function isIndex(key, length) {
	return typeof key === 'string' && /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < length;
}

function errorBase(value) {
	if (typeof value.stack !== 'string')
		return Error.prototype.toString.call(value);
	var clean = require('native').cleanStack;
	return clean ? clean(value.stack) : value.stack;
}

function formatRaw(ctx, value, recurseTimes) {
	var keys, base = '', braces, isArrayLike = false, output = [];
	var name = constructorName(value);
	var prefix = name && name !== 'Object' ? name + ' ' : '';
	var tag = Object.prototype.toString.call(value);
	if (name === null)
		prefix = '[Object: null prototype] ';
	keys = ownKeys(value, ctx.showHidden);
	if (Array.isArray(value)) {
		isArrayLike = true;
		keys = keys.filter(function (key) { return !isIndex(key, value.length); });
		braces = [(name === 'Array' ? '' : prefix) + '[', ']'];
		if (value.length === 0 && keys.length === 0)
			return braces[0] + ']';
	} else if (isBuffer(value)) {
		var bytes = [];
		for (var b = 0; b < Math.min(value.length, 50); b++)
			bytes.push((value[b] < 16 ? '0' : '') + value[b].toString(16));
		return '<Buffer' + (bytes.length ? ' ' + bytes.join(' ') : '') +
			(value.length > 50 ? ' ... ' + (value.length - 50) + ' more bytes' : '') + '>';
	} else if (typeof value === 'function') {
		var fname = functionName(value);
		base = '[Function' + (fname ? ': ' + fname : ' (anonymous)') + ']';
		if (prefix === '[Object: null prototype] ')
			base = '[Function (null prototype)' + (fname ? ': ' + fname : '') + ']';
		keys = keys.filter(function (key) { return key !== 'prototype' || ctx.showHidden; });
		if (keys.length === 0)
			return base;
		braces = ['{', '}'];
	} else if (tag === '[object RegExp]') {
		base = RegExp.prototype.toString.call(value);
		keys = keys.filter(function (key) { return key !== 'lastIndex'; });
		if (keys.length === 0)
			return base;
		braces = ['{', '}'];
	} else if (tag === '[object Date]') {
		base = isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
		if (keys.length === 0)
			return base;
		braces = ['{', '}'];
	} else if (isError(value)) {
		base = errorBase(value);
		keys = keys.filter(function (key) {
			return key !== 'stack' && key !== 'message' && key !== 'lineNumber' &&
				key !== 'fileName';
		});
		if (keys.length === 0)
			return base;
		braces = ['{', '}'];
	} else if (tag === '[object Boolean]' || tag === '[object Number]' ||
		   tag === '[object String]') {
		var primitive = value.valueOf();
		base = '[' + tag.slice(8, -1) + ': ' + formatPrimitive(primitive, true) + ']';
		if (tag === '[object String]')
			keys = keys.filter(function (key) { return !isIndex(key, primitive.length); });
		if (keys.length === 0)
			return base;
		braces = ['{', '}'];
	} else if (typeof Promise === 'function' && value instanceof Promise) {
		braces = ['Promise {', '}'];
		var state = value.state;
		output.push(state === undefined ? '<pending>' :
			(state === false ? '<rejected> ' : '') + formatValue(ctx, value.value, recurseTimes));
		keys = [];
	} else {
		if (keys.length === 0)
			return prefix + '{}';
		braces = [prefix + '{', '}'];
	}
	if (recurseTimes > ctx.depth && ctx.depth !== null) {
		if (Array.isArray(value))
			return '[Array]';
		return '[' + (name === null ? 'Object: null prototype' : name || 'Object') + ']';
	}
	recurseTimes++;
	ctx.seen.push(value);
	ctx.currentDepth = recurseTimes;
	var savedExtra = ctx.extraItems;
	ctx.extraItems = false;
	if (Array.isArray(value))
		formatArray(ctx, value, recurseTimes, output);
	for (var i = 0; i < keys.length; i++)
		output.push(formatProperty(ctx, value, recurseTimes, keys[i], false));
	ctx.seen.pop();
	var reference = ctx.circular && ctx.circular.indexOf(value);
	if (ctx.circular && reference >= 0) {
		var marker = '<ref *' + (reference + 1) + '>';
		base = base === '' ? marker : marker + ' ' + base;
	}
	var result = reduceToSingleString(ctx, output, base, braces, isArrayLike, recurseTimes, value);
	ctx.extraItems = savedExtra;
	return result;
}

function formatValue(ctx, value, recurseTimes) {
	var primitive = formatPrimitive(value, true);
	if (primitive !== undefined && typeof value !== 'object')
		return primitive;
	if (value === null)
		return 'null';
	if (ctx.seen.indexOf(value) >= 0) {
		if (!ctx.circular)
			ctx.circular = [];
		var index = ctx.circular.indexOf(value);
		if (index < 0) {
			ctx.circular.push(value);
			index = ctx.circular.length - 1;
		}
		return '[Circular *' + (index + 1) + ']';
	}
	return formatRaw(ctx, value, recurseTimes);
}

function inspect(value, options) {
	var ctx = { seen: [], circular: null, depth: 2, breakLength: 80, compact: 3,
		indentationLvl: 0, currentDepth: 0, maxArrayLength: 100, showHidden: false,
		extraItems: false };
	if (typeof options === 'object' && options !== null) {
		for (var key in options)
			if (options.hasOwnProperty(key))
				ctx[key] = options[key];
		if (options.depth === Infinity)
			ctx.depth = null;
	}
	if (ctx.depth === null)
		ctx.depth = Infinity;
	return formatValue(ctx, value, 0);
}

function stringify(value) {
	try {
		return JSON.stringify(value);
	} catch (e) {
		if (/circular|cyclic/i.test(String(e.message)))
			return '[Circular]';
		throw e;
	}
}

// format(format, ...args): %s %d %i %f %j %o %O %c %% as Node's util.format.
function format() {
	var args = arguments, first = args[0], index = 1, out = '';
	if (typeof first === 'string') {
		var last = 0;
		for (var i = 0; i < first.length - 1; i++) {
			if (first.charAt(i) !== '%')
				continue;
			var c = first.charAt(i + 1), piece;
			if (c === '%') {
				out += first.slice(last, i) + '%';
				last = i + 2;
				i++;
				continue;
			}
			if ('sdifjoOc'.indexOf(c) < 0 || index >= args.length)
				continue;
			var arg = args[index];
			switch (c) {
			case 's':
				if (typeof arg === 'object' && arg !== null)
					piece = inspect(arg, { depth: 1, compact: 3 });
				else if (typeof arg === 'number')
					piece = formatNumber(arg);
				else
					piece = String(arg);
				break;
			case 'd':
			case 'i':
				if (typeof arg === 'object' && arg !== null)
					piece = 'NaN';
				else
					piece = formatNumber(c === 'i' ? parseInt(arg, 10) : Number(arg));
				break;
			case 'f':
				piece = formatNumber(parseFloat(arg));
				break;
			case 'j':
				piece = stringify(arg);
				break;
			case 'o':
				piece = inspect(arg, { showHidden: true, depth: 4 });
				break;
			case 'O':
				piece = inspect(arg);
				break;
			case 'c':
				piece = '';
				break;
			}
			out += first.slice(last, i) + piece;
			last = i + 2;
			i++;
			index++;
		}
		out += first.slice(last);
	} else {
		index = 0;
	}
	for (; index < args.length; index++) {
		var value = args[index];
		out += (out === '' && index === 0 ? '' : ' ') +
			(typeof value === 'string' ? value : inspect(value));
	}
	return out;
}

function inherits(constructor, superConstructor) {
	constructor.super_ = superConstructor;
	constructor.prototype = Object.create(superConstructor.prototype, {
		constructor: { value: constructor, enumerable: false, writable: true, configurable: true }
	});
}

function deprecate(fn, message) {
	var warned = false;
	return function () {
		if (!warned) {
			warned = true;
			console.error('DeprecationWarning: ' + message);
		}
		return fn.apply(this, arguments);
	};
}

exports.inspect = inspect;
exports.format = format;
exports.inherits = inherits;
exports.deprecate = deprecate;
exports.isArray = Array.isArray;
exports.isError = isError;
exports.isFunction = function (value) { return typeof value === 'function'; };
exports.isString = function (value) { return typeof value === 'string'; };
exports.isNumber = function (value) { return typeof value === 'number'; };
exports.isObject = function (value) { return typeof value === 'object' && value !== null; };
exports.isRegExp = function (value) {
	return Object.prototype.toString.call(value) === '[object RegExp]';
};
exports.promisify = function (fn) {
	return function () {
		var self = this, args = Array.prototype.slice.call(arguments);
		return new Promise(function (resolve, reject) {
			args.push(function (error, value) {
				if (error)
					reject(error);
				else
					resolve(value);
			});
			fn.apply(self, args);
		});
	};
};
