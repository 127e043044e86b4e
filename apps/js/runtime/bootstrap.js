// SPDX-License-Identifier: MIT
// The runtime's start (apps/js/interpreter.c runs this function expression with the native
// bindings): the module system (CommonJS with Node's resolution), the built-in modules, the
// globals (console, process, timers, print, printf, Promise), the event loop and the entry
// points the C side calls (runMain, runLoop, finish, reportUncaught, the REPL's).
(function (native, global) {
	'use strict';

	native.evaluate(native.source('promise'), '<js>/promise.js');

	// Error stacks as Node users read them: the program's frames, "at NAME (FILE:LINE)",
	// without the runtime's own frames and Duktape's flags (strict, preventsyield, ...).
	function cleanStack(stack) {
		return stack.split('\n').filter(function (line) {
			return !/^\s+at .*(\(<js>\/|\([^()]*\.c:\d+\)|\(\) native)/.test(line);
		}).map(function (line) {
			return line.replace(/\) (strict|preventsyield|tailcall|internal|construct| )+$/, ')')
				.replace(/ at \[anon\] \(/, ' at <anonymous> (');
		}).join('\n');
	}
	// Buffer.from and Buffer.alloc, which Duktape's Node.js Buffer predates.
	if (typeof Buffer.from !== 'function' || Buffer.from === Uint8Array.from)
		Buffer.from = function (value, encoding) { return new Buffer(value, encoding); };
	if (typeof Buffer.alloc !== 'function')
		Buffer.alloc = function (size, fill) {
			var buffer = new Buffer(size);
			buffer.fill(fill === undefined ? 0 : fill);
			return buffer;
		};
	if (typeof Buffer.allocUnsafe !== 'function')
		Buffer.allocUnsafe = Buffer.alloc;
	native.cleanStack = cleanStack;

	// ---- modules ------------------------------------------------------------------------
	var builtinNames = ['events', 'fs', 'http', 'os', 'path', 'sys', 'util', 'timers',
		'process', 'module', 'child_process', 'assert'];
	var absent = {
		child_process: 'there are no processes on Yolk: an image runs one program',
		cluster: 'there are no processes on Yolk: an image runs one program',
		worker_threads: 'Duktape runs one thread per interpreter',
		net: 'only the http module is available over sockets',
		https: 'there is no TLS in the JavaScript runtime',
		crypto: 'there is no crypto module in the JavaScript runtime',
		zlib: 'there is no zlib module in the JavaScript runtime',
		vm: 'there is no vm module in the JavaScript runtime'
	};
	var builtins = {}, cache = {}, mainModule;

	function Module(id, parent) {
		this.id = id;
		this.filename = id;
		this.exports = {};
		this.parent = parent || null;
		this.loaded = false;
		this.children = [];
		if (parent)
			parent.children.push(this);
	}

	function builtinRequire(name) {
		if (name === 'native')
			return native;
		return loadBuiltin(name);
	}

	function loadBuiltin(name) {
		if (builtins.hasOwnProperty(name))
			return builtins[name].exports;
		if (absent.hasOwnProperty(name)) {
			var error = new Error("Cannot find module '" + name + "': " + absent[name]);
			error.code = 'MODULE_NOT_FOUND';
			throw error;
		}
		var source = native.source(name);
		if (source === undefined) {
			var missing = new Error("Cannot find module '" + name + "': " +
				(name === 'http' ? 'this image has no network stack (the http module needs ' +
					'one: the shell image, or yolk build --js with --net)' :
					'not built into this image'));
			missing.code = 'MODULE_NOT_FOUND';
			throw missing;
		}
		var module = new Module(name, null);
		builtins[name] = module;
		try {
			var fn = native.compileModule(source, '<js>/' + name + '.js');
			fn.call(module.exports, module.exports, builtinRequire, module, name, '<js>');
		} catch (e) {
			delete builtins[name];
			throw e;
		}
		module.loaded = true;
		return module.exports;
	}

	function isFile(file) {
		try {
			return (native.stat(file, true).mode & 0xf000) === 0x8000;
		} catch (e) {
			return false;
		}
	}

	function isDirectory(file) {
		try {
			return (native.stat(file, true).mode & 0xf000) === 0x4000;
		} catch (e) {
			return false;
		}
	}

	function readText(file) {
		var text = native.readFile(file).toString();
		return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	}

	function loadAsFile(file) {
		if (isFile(file))
			return file;
		if (isFile(file + '.js'))
			return file + '.js';
		if (isFile(file + '.json'))
			return file + '.json';
		return null;
	}

	function loadIndex(directory) {
		if (isFile(directory + '/index.js'))
			return directory + '/index.js';
		if (isFile(directory + '/index.json'))
			return directory + '/index.json';
		return null;
	}

	function loadAsDirectory(directory) {
		var path = loadBuiltin('path');
		if (!isDirectory(directory))
			return null;
		var manifest = directory + '/package.json';
		if (isFile(manifest)) {
			var main;
			try {
				main = JSON.parse(readText(manifest)).main;
			} catch (e) {
				e.message = 'Error parsing ' + manifest + ': ' + e.message;
				throw e;
			}
			if (typeof main === 'string' && main !== '') {
				var target = path.resolve(directory, main);
				var found = loadAsFile(target) || loadIndex(target);
				if (found)
					return found;
			}
		}
		return loadIndex(directory);
	}

	function nodeModulesPaths(from) {
		var path = loadBuiltin('path'), out = [];
		for (var at = path.resolve(from); ; at = path.dirname(at)) {
			if (path.basename(at) !== 'node_modules')
				out.push(at === '/' ? '/node_modules' : at + '/node_modules');
			if (at === '/')
				break;
		}
		var extra = (process.env.JS_PATH || '').split(':');
		for (var i = 0; i < extra.length; i++)
			if (extra[i] !== '')
				out.push(path.resolve(extra[i]));
		return out;
	}

	function requireStack(parent) {
		var stack = [];
		for (var at = parent; at; at = at.parent)
			if (at.filename)
				stack.push('- ' + at.filename);
		return stack;
	}

	function resolveFilename(request, parent) {
		var path = loadBuiltin('path');
		var base = parent && parent.filename ? path.dirname(parent.filename) : process.cwd();
		var found = null, relative = /^(\.\.?(\/|$)|\/)/.test(request);
		if (relative) {
			var target = path.resolve(base, request);
			found = loadAsFile(target) || loadAsDirectory(target);
		} else {
			var directories = nodeModulesPaths(base);
			for (var i = 0; i < directories.length && !found; i++) {
				var candidate = directories[i] + '/' + request;
				found = loadAsFile(candidate) || loadAsDirectory(candidate);
			}
		}
		if (!found) {
			var stack = requireStack(parent);
			var error = new Error("Cannot find module '" + request + "'" +
				(stack.length ? '\nRequire stack:\n' + stack.join('\n') : ''));
			error.code = 'MODULE_NOT_FOUND';
			error.requireStack = stack;
			throw error;
		}
		try {
			return native.realpath(found);
		} catch (e) {
			return path.resolve(found);
		}
	}

	function makeRequire(module) {
		var require = function (request) {
			if (typeof request !== 'string' || request === '')
				throw new TypeError('The "id" argument must be a non-empty string. Received ' +
					(typeof request === 'string' ? "''" : 'type ' + typeof request));
			var name = request.slice(0, 5) === 'node:' ? request.slice(5) : request;
			if (builtinNames.indexOf(name) >= 0 || absent.hasOwnProperty(name))
				return loadBuiltin(name);
			var filename = resolveFilename(request, module);
			if (cache[filename])
				return cache[filename].exports;
			var child = new Module(filename, module);
			cache[filename] = child;
			try {
				loadModule(child, null);
			} catch (e) {
				delete cache[filename];
				throw e;
			}
			return child.exports;
		};
		require.resolve = function (request) {
			if (builtinNames.indexOf(request) >= 0)
				return request;
			return resolveFilename(request, module);
		};
		require.cache = cache;
		require.main = mainModule;
		return require;
	}

	function loadModule(module, source) {
		var path = loadBuiltin('path'), filename = module.filename;
		if (source === null)
			source = readText(filename);
		if (/\.json$/.test(filename)) {
			try {
				module.exports = JSON.parse(source);
			} catch (e) {
				e.message = filename + ': ' + e.message;
				throw e;
			}
		} else {
			var fn = native.compileModule(source, filename);
			fn.call(module.exports, module.exports, makeRequire(module), module, filename,
				path.dirname(filename));
		}
		module.loaded = true;
	}

	// ---- process ----------------------------------------------------------------------------
	var EventEmitter = loadBuiltin('events');
	var process = new EventEmitter();
	var system = native.system();
	process.argv = native.argv;
	process.argv0 = native.argv[0];
	process.execArgv = [];
	process.execPath = '/bin/js';
	process.env = native.env;
	process.pid = system.pid;
	process.ppid = 0;
	process.platform = 'yolk';
	process.arch = 'x64';
	process.title = 'js';
	process.version = 'v2.7.0';
	process.versions = { duktape: '2.7.0', yolk: system.release || '' };
	process.release = { name: 'yolk-js' };
	process.exitCode = undefined;
	process.cwd = function () { return native.cwd(); };
	process.chdir = function (directory) { native.chdir(String(directory)); };
	process.umask = function () { return 18; };
	process.uptime = function () { return (native.now() - startTime) / 1000; };
	process.hrtime = function (previous) {
		var now = native.hrtime();
		if (previous) {
			var seconds = now[0] - previous[0], nanoseconds = now[1] - previous[1];
			if (nanoseconds < 0) {
				seconds--;
				nanoseconds += 1e9;
			}
			return [seconds, nanoseconds];
		}
		return now;
	};
	process.memoryUsage = function () {
		var info = native.system();
		return { rss: info.totalmem - info.freemem, heapTotal: info.heapUsed,
			heapUsed: info.heapUsed, external: 0, arrayBuffers: 0 };
	};
	var exiting = false;
	process.exit = function (code) {
		if (code === undefined)
			code = process.exitCode === undefined ? 0 : process.exitCode;
		code = Number(code) | 0;
		if (!exiting) {
			exiting = true;
			process.exitCode = code;
			try {
				process.emit('exit', code);
			} catch (e) {
				// an error in an 'exit' listener does not stop the exit
			}
		}
		native.flush();
		native.exit(process.exitCode | 0);
	};
	process.abort = function () { native.exit(134); };
	process.kill = function () {
		throw new Error('process.kill: there are no other processes on Yolk');
	};
	function Stream(fd) {
		this.fd = fd;
		this.isTTY = false;
	}
	Stream.prototype.write = function (data, encoding, callback) {
		if (typeof encoding === 'function')
			callback = encoding;
		native.write(this.fd, typeof data === 'string' || data instanceof Buffer ? data :
			String(data));
		if (typeof callback === 'function')
			setImmediate(callback);
		return true;
	};
	Stream.prototype.end = function (data) {
		if (data !== undefined)
			this.write(data);
	};
	Stream.prototype.on = function () { return this; };
	Stream.prototype.once = Stream.prototype.on;
	process.stdout = new Stream(1);
	process.stderr = new Stream(2);
	process.stdin = {
		fd: 0,
		isTTY: false,
		// The whole input, read now (a synchronous convenience; there is no stream form).
		readAll: function () {
			var out = '', chunk;
			while ((chunk = native.readInput()) !== null)
				out += chunk;
			return out;
		}
	};
	process.nextTick = function (callback) {
		if (typeof callback !== 'function')
			throw new TypeError('The "callback" argument must be of type function');
		ticks.push({ fn: callback, args: Array.prototype.slice.call(arguments, 1) });
	};
	process.emitWarning = function (warning) {
		native.write(2, '(js) Warning: ' + (warning instanceof Error ? warning.message : warning) +
			'\n');
	};
	process.binding = function () {
		throw new Error('process.binding is not available');
	};

	// ---- the event loop -------------------------------------------------------------------
	var startTime = native.now();
	var ticks = [], timers = [], immediates = [], watched = {}, watchedCount = 0;
	var timerSequence = 0, refedTimers = 0, refedHandles = 0;
	var TIMEOUT_MAX = 2147483647;

	function callWith(fn, args, self) {
		return fn.apply(self, args);
	}

	// Node's microtasks: process.nextTick's queue, then the Promise jobs, until both are empty.
	var unhandled = [];
	Promise.unhandledRejection = function (event) {
		if (event.event === 'reject')
			unhandled.push(event);
		else if (event.event === 'handle')
			unhandled = unhandled.filter(function (e) { return e.promise !== event.promise; });
	};

	function runMicrotasks() {
		do {
			while (ticks.length) {
				var tick = ticks.shift();
				callWith(tick.fn, tick.args, undefined);
			}
			Promise.runQueue();
			if (unhandled.length)
				reportUnhandled();
		} while (ticks.length);
	}

	function reportUnhandled() {
		var events = unhandled;
		unhandled = [];
		for (var i = 0; i < events.length; i++) {
			var reason = events[i].reason;
			if (process.listenerCount('unhandledRejection')) {
				process.emit('unhandledRejection', reason, events[i].promise);
				continue;
			}
			if (reason instanceof Error)
				throw reason;
			var error = new Error('This error originated either by throwing inside of an async ' +
				'function without a catch block, or by rejecting a promise which was not ' +
				'handled with .catch(). The promise rejected with the reason "' +
				loadBuiltin('util').inspect(reason) + '".');
			error.name = 'UnhandledPromiseRejection';
			error.code = 'ERR_UNHANDLED_REJECTION';
			throw error;
		}
	}

	// Runs a callback as a macrotask: then the microtasks, as Node does after each one.
	function macrotask(fn, args, self) {
		try {
			callWith(fn, args, self);
		} catch (e) {
			if (native.stopping() || !process.listenerCount('uncaughtException'))
				throw e;
			process.emit('uncaughtException', e, 'uncaughtException');
		}
		runMicrotasks();
	}

	function Timeout(callback, delay, args, repeat) {
		this._callback = callback;
		this._delay = delay;
		this._args = args;
		this._repeat = repeat;
		this._refed = true;
		this._active = false;
	}
	function insertTimer(timer) {
		var i = timers.length;
		while (i > 0 && (timers[i - 1]._when > timer._when ||
			(timers[i - 1]._when === timer._when && timers[i - 1]._sequence > timer._sequence)))
			i--;
		timers.splice(i, 0, timer);
	}
	function startTimer(timer) {
		timer._when = native.now() + timer._delay;
		timer._sequence = timerSequence++;
		timer._active = true;
		if (timer._refed)
			refedTimers++;
		insertTimer(timer);
	}
	function stopTimer(timer) {
		if (!timer || !timer._active)
			return;
		var i = timers.indexOf(timer);
		if (i >= 0)
			timers.splice(i, 1);
		timer._active = false;
		if (timer._refed)
			refedTimers--;
	}
	Timeout.prototype.ref = function () {
		if (!this._refed && this._active)
			refedTimers++;
		this._refed = true;
		return this;
	};
	Timeout.prototype.unref = function () {
		if (this._refed && this._active)
			refedTimers--;
		this._refed = false;
		return this;
	};
	Timeout.prototype.hasRef = function () { return this._refed; };
	Timeout.prototype.refresh = function () {
		if (this._active) {
			stopTimer(this);
			startTimer(this);
		}
		return this;
	};
	Timeout.prototype.close = function () {
		stopTimer(this);
		return this;
	};

	function delayOf(delay) {
		delay = Number(delay);
		return delay >= 1 && delay <= TIMEOUT_MAX ? delay : 1;
	}
	function checkCallback(callback) {
		if (typeof callback !== 'function')
			throw new TypeError('The "callback" argument must be of type function. Received ' +
				(callback === undefined ? 'undefined' : 'type ' + typeof callback));
	}
	function setTimeout(callback, delay) {
		checkCallback(callback);
		var timer = new Timeout(callback, delayOf(delay),
			Array.prototype.slice.call(arguments, 2), false);
		startTimer(timer);
		return timer;
	}
	function setInterval(callback, delay) {
		checkCallback(callback);
		var timer = new Timeout(callback, delayOf(delay),
			Array.prototype.slice.call(arguments, 2), true);
		startTimer(timer);
		return timer;
	}
	function clearTimeout(timer) {
		stopTimer(timer);
	}
	function Immediate(callback, args) {
		this._callback = callback;
		this._args = args;
		this._refed = true;
	}
	Immediate.prototype.ref = function () { this._refed = true; return this; };
	Immediate.prototype.unref = function () { this._refed = false; return this; };
	Immediate.prototype.hasRef = function () { return this._refed; };
	function setImmediate(callback) {
		checkCallback(callback);
		var immediate = new Immediate(callback, Array.prototype.slice.call(arguments, 1));
		immediates.push(immediate);
		return immediate;
	}
	function clearImmediate(immediate) {
		if (immediate instanceof Immediate)
			immediate._cleared = true;
		var i = immediates.indexOf(immediate);
		if (i >= 0)
			immediates.splice(i, 1);
	}

	function runTimers() {
		var now = native.now();
		while (timers.length && timers[0]._when <= now) {
			var timer = timers.shift();
			timer._active = false;
			if (timer._refed)
				refedTimers--;
			if (timer._repeat) {
				timer._when = now + timer._delay;
				timer._sequence = timerSequence++;
				timer._active = true;
				if (timer._refed)
					refedTimers++;
				insertTimer(timer);
			}
			macrotask(timer._callback, timer._args, timer);
		}
	}

	function runImmediates() {
		var queue = immediates;
		immediates = [];
		for (var i = 0; i < queue.length; i++) {
			var immediate = queue[i];
			if (immediate._cleared)
				continue;
			macrotask(immediate._callback, immediate._args, immediate);
		}
	}

	// Descriptors (sockets) watched by the loop: HANDLER.onReadable / onWritable run as
	// macrotasks when epoll says so. A handle keeps the loop alive while it is referenced.
	var loop = {
		watch: function (fd, handler, readable, writable) {
			if (!watched[fd]) {
				watchedCount++;
				if (handler.refed !== false)
					refedHandles++;
			}
			watched[fd] = handler;
			native.watch(fd, readable, writable);
		},
		unwatch: function (fd) {
			if (!watched[fd])
				return;
			if (watched[fd].refed !== false)
				refedHandles--;
			delete watched[fd];
			watchedCount--;
			native.unwatch(fd);
		}
	};

	// Completions of work done "in the background" (fs's callback forms): run in the poll
	// phase, as Node's I/O callbacks are, so an immediate they queue runs before a timer.
	var completions = [];
	function complete(callback) {
		completions.push(callback);
	}

	function alive() {
		return refedTimers > 0 || immediates.length > 0 || refedHandles > 0 ||
			completions.length > 0;
	}

	function pollTimeout() {
		if (immediates.length || completions.length)
			return 0;
		if (refedTimers === 0 && timers.length === 0)
			return -1;
		var delta = Math.ceil(timers[0]._when - native.now());
		return delta < 0 ? 0 : Math.min(delta, TIMEOUT_MAX);
	}

	function poll(timeout) {
		var done = completions;
		completions = [];
		for (var c = 0; c < done.length; c++)
			macrotask(done[c], [], undefined);
		if (watchedCount === 0 && !immediates.length && refedTimers === 0)
			return;
		var ready = native.wait(timeout === undefined ? pollTimeout() : timeout);
		for (var i = 0; i < ready.length; i += 3) {
			var handler = watched[ready[i]];
			if (handler && ready[i + 2] && handler.onWritable)
				macrotask(handler.onWritable, [], handler);
			handler = watched[ready[i]];
			if (handler && ready[i + 1] && handler.onReadable)
				macrotask(handler.onReadable, [], handler);
		}
	}

	// One turn: timers, I/O, immediates (Node's phases, less the ones Yolk has no use for).
	function turn() {
		runTimers();
		poll();
		runImmediates();
	}

	function runLoop() {
		runMicrotasks();
		while (alive())
			turn();
	}

	// ---- console and the globals ----------------------------------------------------------
	var util = loadBuiltin('util');
	var counts = {}, times = {}, groupIndent = '';
	function writer(fd) {
		return function () {
			var text = util.format.apply(null, arguments);
			if (groupIndent)
				text = groupIndent + text.split('\n').join('\n' + groupIndent);
			native.write(fd, text + '\n');
		};
	}
	var console = {
		log: writer(1),
		info: writer(1),
		debug: writer(1),
		warn: writer(2),
		error: writer(2),
		trace: function () {
			var error = new Error(util.format.apply(null, arguments));
			native.write(2, 'Trace: ' + error.stack.replace(/^Error: /, '') + '\n');
		},
		dir: function (value, options) {
			native.write(1, util.inspect(value, options) + '\n');
		},
		assert: function (condition) {
			if (!condition) {
				var rest = Array.prototype.slice.call(arguments, 1);
				native.write(2, 'Assertion failed' +
					(rest.length ? ': ' + util.format.apply(null, rest) : '') + '\n');
			}
		},
		count: function (label) {
			label = label === undefined ? 'default' : String(label);
			counts[label] = (counts[label] || 0) + 1;
			console.log('%s: %d', label, counts[label]);
		},
		countReset: function (label) {
			counts[label === undefined ? 'default' : String(label)] = 0;
		},
		time: function (label) {
			times[label === undefined ? 'default' : String(label)] = native.now();
		},
		timeEnd: function (label) {
			label = label === undefined ? 'default' : String(label);
			if (times[label] === undefined)
				return;
			console.log('%s: %sms', label, (native.now() - times[label]).toFixed(3));
			delete times[label];
		},
		group: function () {
			if (arguments.length)
				console.log.apply(null, arguments);
			groupIndent += '  ';
		},
		groupEnd: function () {
			groupIndent = groupIndent.slice(2);
		}
	};
	console.timeLog = console.timeEnd;

	global.console = console;
	global.process = process;
	global.global = global;
	global.globalThis = global;
	global.setTimeout = setTimeout;
	global.setInterval = setInterval;
	global.clearTimeout = clearTimeout;
	global.clearInterval = clearTimeout;
	global.setImmediate = setImmediate;
	global.clearImmediate = clearImmediate;
	global.queueMicrotask = function (callback) {
		checkCallback(callback);
		Promise.resolve().then(function () { callback(); });
	};
	// eggos's: print(values...) and printf(format, values...), without a newline added.
	global.print = function () {
		native.write(1, Array.prototype.map.call(arguments, function (value) {
			return typeof value === 'string' ? value : util.inspect(value);
		}).join(' ') + '\n');
	};
	global.printf = function () {
		native.write(1, util.format.apply(null, arguments));
	};
	builtins.process = { exports: process };
	builtins.timers = { exports: { setTimeout: setTimeout, setInterval: setInterval,
		clearTimeout: clearTimeout, clearInterval: clearTimeout, setImmediate: setImmediate,
		clearImmediate: clearImmediate } };
	builtins.module = { exports: Module };
	builtins.internal = { exports: { loop: loop, macrotask: macrotask, complete: complete } };
	Module.builtinModules = builtinNames.slice();
	Module.createRequire = function (filename) {
		var module = new Module(filename, null);
		return makeRequire(module);
	};

	// ---- what the C side calls ------------------------------------------------------------
	function stackOf(error) {
		if (error instanceof Error || (error && typeof error.stack === 'string'))
			return typeof error.stack === 'string' ? cleanStack(error.stack) : String(error);
		return 'Uncaught ' + util.inspect(error);
	}

	// Where a syntax error is, as Node shows it: FILE:LINE:COLUMN, the line, a caret under the
	// column (apps/js/syntax_position.c finds the column Duktape does not report).
	function syntaxErrorPlace(error) {
		var text = error.fileName + ':' + error.lineNumber;
		var line = error.sourceLine;
		if (typeof line !== 'string') {
			try {
				line = native.readFile(error.fileName).toString().split('\n')[error.lineNumber - 1];
			} catch (e) {
				// the source is not a file ([eval]): no line to show
			}
		}
		if (typeof error.columnNumber === 'number') {
			text += ':' + error.columnNumber;
			if (typeof line === 'string')
				line += '\n' + line.slice(0, error.columnNumber - 1).replace(/[^\t]/g, ' ') + '^';
		}
		return text + '\n' + (typeof line === 'string' ? line + '\n' : '') + '\n';
	}

	// An uncaught error: a syntax error with the file, line, column and source line; any
	// other with its stack (file:line of each call). PREFIX ("Uncaught " in the REPL) goes
	// before the error's own text.
	function reportUncaught(error, prefix) {
		var text = '';
		if (error instanceof SyntaxError && typeof error.lineNumber === 'number' &&
		    typeof error.fileName === 'string')
			text += syntaxErrorPlace(error);
		var where = error instanceof Error && !(error instanceof SyntaxError) &&
			/\((\/[^():]+):(\d+)\)/.exec(stackOf(error));
		if (where) {
			try {
				var source = native.readFile(where[1]).toString().split('\n')[where[2] - 1];
				if (source !== undefined)
					text += where[1] + ':' + where[2] + '\n' + source + '\n\n';
			} catch (e) {
				// no source file to show a line of
			}
		}
		text += prefix || '';
		if (error instanceof Error) {
			text += stackOf(error);
			var extra = Object.keys(error).filter(function (key) {
				return key !== 'lineNumber' && key !== 'fileName';
			});
			if (extra.length) {
				var fields = {};
				extra.forEach(function (key) { fields[key] = error[key]; });
				text += ' ' + util.inspect(fields);
			}
		} else {
			text += prefix ? util.inspect(error) : stackOf(error);
		}
		native.write(2, text + '\n');
	}

	function runMain(filename, source) {
		var path = loadBuiltin('path');
		var absolute = filename === '[eval]' ? path.resolve('[eval]') : path.resolve(filename);
		if (source === null)
			absolute = resolveFilename(absolute, null);
		mainModule = new Module('.', null);
		mainModule.filename = absolute;
		cache[absolute] = mainModule;
		process.mainModule = mainModule;
		if (filename === '[eval]') {
			global.require = makeRequire(mainModule);
			global.module = mainModule;
			global.exports = mainModule.exports;
			global.__filename = '[eval]';
			global.__dirname = '.';
			native.evaluate(source, '[eval]');
		} else {
			process.argv[1] = absolute;
			loadModule(mainModule, source);
		}
		runMicrotasks();
	}

	function finish(status) {
		if (status === 0 && process.exitCode !== undefined)
			status = Number(process.exitCode) | 0;
		if (!exiting) {
			exiting = true;
			process.emit('exit', status);
			if (status === 0 && process.exitCode !== undefined)
				status = Number(process.exitCode) | 0;
		}
		return status;
	}

	return {
		runMain: runMain,
		runLoop: runLoop,
		finish: finish,
		reportUncaught: reportUncaught,
		replEval: function (source) {
			if (!mainModule) {
				mainModule = new Module('<repl>', null);
				mainModule.filename = loadBuiltin('path').resolve('<repl>');
				global.require = makeRequire(mainModule);
				global.module = mainModule;
				global.exports = mainModule.exports;
			}
			return loadBuiltin('repl').evaluate(source);
		},
		replComplete: function (line) {
			return loadBuiltin('repl').complete(line);
		},
		// How long the REPL's line editor may wait for a key before a timer or an
		// immediate is due (milliseconds; -1: only the sockets, if any).
		replTimeout: function () {
			return timers.length || immediates.length || completions.length ?
				pollTimeout() : -1;
		},
		// What is ready now, without waiting: the REPL's turn between two inputs, and
		// while it waits for one.
		replTick: function () {
			runMicrotasks();
			runTimers();
			poll(0);
			runImmediates();
		},
		global: global,
		util: util,
		makeRequire: makeRequire,
		Module: Module
	};
})
