// SPDX-License-Identifier: MIT
// The http module on Yolk's sockets (apps/js/sockets.c, driven by the event loop's epoll):
// http.createServer((req, res) => ...).listen(port), http.get(url, cb), http.request(options,
// cb). HTTP/1.1 with Content-Length or chunked bodies, keep-alive on the server side; the
// client sends Connection: close (no agent, no pooling). No TLS.
'use strict';

var native = require('native');
var sockets = native.sockets;
if (!sockets)
	throw new Error('http: this image has no network stack (build it with yolk build --net, ' +
		'or use the shell image)');
var EventEmitter = require('events');
var util = require('util');
var internal = require('internal');
var loop = internal.loop;

var STATUS_CODES = {
	100: 'Continue', 101: 'Switching Protocols', 200: 'OK', 201: 'Created', 202: 'Accepted',
	204: 'No Content', 206: 'Partial Content', 301: 'Moved Permanently', 302: 'Found',
	303: 'See Other', 304: 'Not Modified', 307: 'Temporary Redirect',
	308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
	404: 'Not Found', 405: 'Method Not Allowed', 408: 'Request Timeout', 409: 'Conflict',
	411: 'Length Required', 413: 'Payload Too Large', 414: 'URI Too Long',
	415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error',
	501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
	504: 'Gateway Timeout', 505: 'HTTP Version Not Supported'
};
var METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
var MAX_HEADER_BYTES = 16384;

function toBuffer(data, encoding) {
	if (data instanceof Buffer)
		return data;
	if (data instanceof Uint8Array)
		return new Buffer(data);
	return new Buffer(String(data), encoding);
}

// The index of "\r\n\r\n" in BUFFER, or -1.
function headerEnd(buffer) {
	for (var i = 0; i + 3 < buffer.length; i++)
		if (buffer[i] === 13 && buffer[i + 1] === 10 && buffer[i + 2] === 13 &&
		    buffer[i + 3] === 10)
			return i;
	return -1;
}

function lineEnd(buffer, from) {
	for (var i = from; i + 1 < buffer.length; i++)
		if (buffer[i] === 13 && buffer[i + 1] === 10)
			return i;
	return -1;
}

// ---- a connection: buffered writes, reads delivered to ONDATA ------------------------------
function Connection(fd, remote) {
	EventEmitter.call(this);
	this.fd = fd;
	this.remoteAddress = remote ? remote.address : undefined;
	this.remotePort = remote ? remote.port : undefined;
	this.queue = [];
	this.closed = false;
	this.ending = false;
	this.refed = true;
	this.wantWrite = false;
}
util.inherits(Connection, EventEmitter);

Connection.prototype.watch = function () {
	if (!this.closed)
		loop.watch(this.fd, this, true, this.queue.length > 0 || this.connecting);
};

Connection.prototype.onReadable = function () {
	for (;;) {
		if (this.closed)
			return;
		var chunk = sockets.read(this.fd);
		if (chunk === null)
			return;
		if (chunk.length === 0) {
			this.emit('end');
			if (!this.closed && this.queue.length === 0)
				this.destroy();
			return;
		}
		this.emit('data', chunk);
	}
};

Connection.prototype.write = function (data) {
	if (this.closed)
		return false;
	var buffer = toBuffer(data);
	if (buffer.length)
		this.queue.push({ data: buffer, offset: 0 });
	this.flush();
	return true;
};

Connection.prototype.flush = function () {
	if (this.connecting) {
		this.watch();
		return;
	}
	while (this.queue.length && !this.closed) {
		var head = this.queue[0];
		var written;
		try {
			written = sockets.write(this.fd, head.data, head.offset);
		} catch (error) {
			this.fail(error);
			return;
		}
		if (written === 0)
			break;
		head.offset += written;
		if (head.offset === head.data.length)
			this.queue.shift();
	}
	if (this.closed)
		return;
	if (this.queue.length === 0 && this.ending) {
		this.destroy();
		return;
	}
	this.watch();
};

Connection.prototype.onWritable = function () {
	if (this.connecting) {
		this.connecting = false;
		try {
			sockets.connectResult(this.fd, this.host);
		} catch (error) {
			this.fail(error);
			return;
		}
		this.emit('connect');
	}
	this.flush();
};

Connection.prototype.end = function () {
	this.ending = true;
	this.flush();
};

Connection.prototype.fail = function (error) {
	if (this.closed)
		return;
	this.destroy();
	this.emit('error', error);
};

Connection.prototype.destroy = function () {
	if (this.closed)
		return;
	this.closed = true;
	loop.unwatch(this.fd);
	sockets.close(this.fd);
	this.emit('close');
};

// ---- messages ------------------------------------------------------------------------------
function IncomingMessage(connection) {
	EventEmitter.call(this);
	this.socket = this.connection = connection;
	this.headers = {};
	this.rawHeaders = [];
	this.complete = false;
	this.encoding = null;
}
util.inherits(IncomingMessage, EventEmitter);
IncomingMessage.prototype.setEncoding = function (encoding) {
	this.encoding = encoding || 'utf8';
	return this;
};
IncomingMessage.prototype.push = function (chunk) {
	this.emit('data', this.encoding ? chunk.toString(this.encoding) : chunk);
};
IncomingMessage.prototype.resume = function () { return this; };
IncomingMessage.prototype.pause = function () { return this; };
IncomingMessage.prototype.setTimeout = function () { return this; };
IncomingMessage.prototype.destroy = function () {
	this.connection.destroy();
	return this;
};

function parseHead(text, message) {
	var lines = text.split('\r\n');
	for (var i = 1; i < lines.length; i++) {
		var colon = lines[i].indexOf(':');
		if (colon <= 0)
			throw new Error('Parse Error: Invalid header line');
		var name = lines[i].slice(0, colon), value = lines[i].slice(colon + 1).trim();
		var key = name.toLowerCase();
		message.rawHeaders.push(name, value);
		if (message.headers[key] === undefined)
			message.headers[key] = value;
		else if (key === 'set-cookie')
			message.headers[key] = [].concat(message.headers[key], value);
		else
			message.headers[key] += ', ' + value;
	}
	return lines[0];
}

// Reads a message body from the bytes given to feed(): Content-Length, chunked, or (a
// response without either) until the connection ends. Calls message.push and DONE.
function BodyReader(message, mode, length, done) {
	this.message = message;
	this.mode = mode; // 'length', 'chunked', 'eof', 'none'
	this.remaining = length;
	this.done = done;
	this.pending = new Buffer(0);
	this.chunkLeft = -1;
	this.finished = false;
}

BodyReader.prototype.finish = function (rest) {
	this.finished = true;
	this.message.complete = true;
	this.done(rest);
};

// Takes BUFFER; returns nothing (the rest, past the body, goes to done).
BodyReader.prototype.feed = function (buffer) {
	if (this.mode === 'none') {
		this.finish(buffer);
		return;
	}
	if (this.mode === 'eof') {
		if (buffer.length)
			this.message.push(buffer);
		return;
	}
	if (this.mode === 'length') {
		var take = Math.min(this.remaining, buffer.length);
		if (take)
			this.message.push(buffer.slice(0, take));
		this.remaining -= take;
		if (this.remaining === 0)
			this.finish(buffer.slice(take));
		return;
	}
	this.pending = this.pending.length ? Buffer.concat([this.pending, buffer]) : buffer;
	while (!this.finished) {
		if (this.chunkLeft > 0) {
			var part = Math.min(this.chunkLeft, this.pending.length);
			if (part === 0)
				return;
			this.message.push(this.pending.slice(0, part));
			this.pending = this.pending.slice(part);
			this.chunkLeft -= part;
			continue;
		}
		var end = lineEnd(this.pending, 0);
		if (end < 0)
			return;
		var line = this.pending.slice(0, end).toString();
		this.pending = this.pending.slice(end + 2);
		if (this.chunkLeft === 0) { // the CRLF after a chunk's data
			this.chunkLeft = -1;
			continue;
		}
		if (this.chunkLeft === -2) { // trailers, until an empty line
			if (line === '')
				this.finish(this.pending);
			continue;
		}
		var size = parseInt(line, 16);
		if (isNaN(size))
			throw new Error('Parse Error: Invalid chunk size');
		this.chunkLeft = size === 0 ? -2 : size;
	}
};

BodyReader.prototype.end = function () {
	if (!this.finished && this.mode === 'eof')
		this.finish(new Buffer(0));
};

function bodyMode(headers, request, status) {
	if (!request && (status === 204 || status === 304 || (status >= 100 && status < 200)))
		return ['none', 0];
	if (/\bchunked\b/i.test(headers['transfer-encoding'] || ''))
		return ['chunked', 0];
	if (headers['content-length'] !== undefined) {
		var length = parseInt(headers['content-length'], 10);
		if (isNaN(length) || length < 0)
			throw new Error('Parse Error: Invalid Content-Length');
		return [length === 0 ? 'none' : 'length', length];
	}
	return request ? ['none', 0] : ['eof', 0];
}

// ---- outgoing messages (ServerResponse, ClientRequest) -------------------------------------
function OutgoingMessage(connection) {
	EventEmitter.call(this);
	this.socket = this.connection = connection;
	this.headersSent = false;
	this.finished = false;
	this.writableEnded = false;
	this._headers = {};
	this._names = {};
	this._chunked = false;
}
util.inherits(OutgoingMessage, EventEmitter);
OutgoingMessage.prototype.setHeader = function (name, value) {
	if (this.headersSent)
		throw new Error('Cannot set headers after they are sent to the client');
	this._headers[name.toLowerCase()] = value;
	this._names[name.toLowerCase()] = name;
	return this;
};
OutgoingMessage.prototype.getHeader = function (name) {
	return this._headers[name.toLowerCase()];
};
OutgoingMessage.prototype.getHeaders = function () {
	var out = {};
	for (var key in this._headers)
		out[key] = this._headers[key];
	return out;
};
OutgoingMessage.prototype.hasHeader = function (name) {
	return this._headers[name.toLowerCase()] !== undefined;
};
OutgoingMessage.prototype.removeHeader = function (name) {
	delete this._headers[name.toLowerCase()];
	delete this._names[name.toLowerCase()];
};
OutgoingMessage.prototype._headerText = function (first) {
	var text = first + '\r\n';
	for (var key in this._headers) {
		var values = [].concat(this._headers[key]);
		for (var i = 0; i < values.length; i++)
			text += this._names[key] + ': ' + values[i] + '\r\n';
	}
	return text + '\r\n';
};
OutgoingMessage.prototype._sendHeaders = function (bodyLength) {
	if (this.headersSent)
		return;
	if (!this.hasHeader('content-length') && !this.hasHeader('transfer-encoding') &&
	    this._bodyAllowed()) {
		if (bodyLength !== undefined)
			this.setHeader('Content-Length', bodyLength);
		else {
			this.setHeader('Transfer-Encoding', 'chunked');
			this._chunked = true;
		}
	}
	this.connection.write(this._headerText(this._firstLine()));
	this.headersSent = true;
};
OutgoingMessage.prototype._bodyAllowed = function () { return true; };
OutgoingMessage.prototype.write = function (chunk, encoding, callback) {
	if (this.finished)
		throw new Error('write after end');
	if (typeof encoding === 'function') {
		callback = encoding;
		encoding = undefined;
	}
	this._sendHeaders();
	var buffer = toBuffer(chunk, encoding);
	if (buffer.length && this._bodyAllowed()) {
		if (this._chunked)
			this.connection.write(buffer.length.toString(16) + '\r\n');
		this.connection.write(buffer);
		if (this._chunked)
			this.connection.write('\r\n');
	}
	if (typeof callback === 'function')
		setImmediate(callback);
	return true;
};
OutgoingMessage.prototype.end = function (chunk, encoding, callback) {
	if (typeof chunk === 'function') {
		callback = chunk;
		chunk = undefined;
	} else if (typeof encoding === 'function') {
		callback = encoding;
		encoding = undefined;
	}
	if (this.finished)
		return this;
	var buffer = chunk === undefined || chunk === null ? null : toBuffer(chunk, encoding);
	if (!this.headersSent)
		this._sendHeaders(buffer ? buffer.length : 0);
	if (buffer)
		this.write(buffer);
	if (this._chunked)
		this.connection.write('0\r\n\r\n');
	this.finished = this.writableEnded = true;
	var self = this;
	setImmediate(function () {
		self.emit('finish');
		if (typeof callback === 'function')
			callback();
	});
	this._ended();
	return this;
};
OutgoingMessage.prototype._ended = function () {};
OutgoingMessage.prototype.setTimeout = function () { return this; };
OutgoingMessage.prototype.flushHeaders = function () { this._sendHeaders(); };

function ServerResponse(connection, request, keepAlive) {
	OutgoingMessage.call(this, connection);
	this.statusCode = 200;
	this.statusMessage = undefined;
	this.req = request;
	this._keepAlive = keepAlive;
	this.sendDate = true;
}
util.inherits(ServerResponse, OutgoingMessage);
ServerResponse.prototype.writeHead = function (statusCode, message, headers) {
	if (typeof message === 'object') {
		headers = message;
		message = undefined;
	}
	this.statusCode = statusCode;
	if (message !== undefined)
		this.statusMessage = message;
	if (headers) {
		if (Array.isArray(headers)) {
			for (var i = 0; i + 1 < headers.length; i += 2)
				this.setHeader(headers[i], headers[i + 1]);
		} else {
			for (var name in headers)
				this.setHeader(name, headers[name]);
		}
	}
	return this;
};
ServerResponse.prototype._bodyAllowed = function () {
	return this.req.method !== 'HEAD' && this.statusCode !== 204 && this.statusCode !== 304;
};
ServerResponse.prototype._firstLine = function () {
	if (this.sendDate && !this.hasHeader('date'))
		this.setHeader('Date', new Date().toUTCString());
	if (!this.hasHeader('connection'))
		this.setHeader('Connection', this._keepAlive ? 'keep-alive' : 'close');
	else if (/close/i.test(String(this.getHeader('connection'))))
		this._keepAlive = false;
	return 'HTTP/1.1 ' + this.statusCode + ' ' +
		(this.statusMessage || STATUS_CODES[this.statusCode] || 'unknown');
};
ServerResponse.prototype._ended = function () {
	this.emit('_done', this._keepAlive);
};

// ---- the server ----------------------------------------------------------------------------
function Server(options, handler) {
	if (typeof options === 'function') {
		handler = options;
		options = {};
	}
	EventEmitter.call(this);
	this.listening = false;
	this.connections = [];
	if (handler)
		this.on('request', handler);
}
util.inherits(Server, EventEmitter);

Server.prototype.listen = function () {
	var args = Array.prototype.slice.call(arguments), port = 0, host, backlog, callback;
	if (typeof args[args.length - 1] === 'function')
		callback = args.pop();
	if (typeof args[0] === 'object' && args[0] !== null) {
		port = args[0].port;
		host = args[0].host;
		backlog = args[0].backlog;
	} else {
		port = args[0];
		if (typeof args[1] === 'string')
			host = args[1];
		else if (typeof args[1] === 'number')
			backlog = args[1];
		if (typeof args[2] === 'number')
			backlog = args[2];
	}
	port = port === undefined || port === null ? 0 : Number(port);
	if (!(port >= 0 && port < 65536 && Math.floor(port) === port))
		throw new RangeError('options.port should be >= 0 and < 65536. Received ' + args[0] + '.');
	if (callback)
		this.once('listening', callback);
	var self = this;
	try {
		this._address = sockets.listen(host || '0.0.0.0', port, backlog || 511);
	} catch (error) {
		setImmediate(function () { self.emit('error', error); });
		return this;
	}
	this.fd = this._address.fd;
	this.listening = true;
	loop.watch(this.fd, { onReadable: function () { self._accept(); } }, true, false);
	setImmediate(function () { self.emit('listening'); });
	return this;
};

Server.prototype.address = function () {
	if (!this.listening)
		return null;
	return { address: this._address.address, family: this._address.family,
		port: this._address.port };
};

Server.prototype._accept = function () {
	for (;;) {
		if (!this.listening)
			return;
		var peer = sockets.accept(this.fd);
		if (peer === null)
			return;
		var connection = new Connection(peer.fd, peer);
		this.connections.push(connection);
		this._serve(connection);
		this.emit('connection', connection);
	}
};

// Reads requests off CONNECTION one after another (keep-alive), each answered before the
// next is parsed.
Server.prototype._serve = function (connection) {
	var self = this, pending = new Buffer(0), body = null, busy = false;
	connection.on('close', function () {
		var i = self.connections.indexOf(connection);
		if (i >= 0)
			self.connections.splice(i, 1);
	});
	connection.on('error', function () {});
	function fail(status) {
		connection.write('HTTP/1.1 ' + status + ' ' + STATUS_CODES[status] +
			'\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
		connection.end();
	}
	function next() {
		if (busy || connection.closed)
			return;
		var end = headerEnd(pending);
		if (end < 0) {
			if (pending.length > MAX_HEADER_BYTES)
				fail(431);
			return;
		}
		var request = new IncomingMessage(connection);
		var first;
		try {
			first = parseHead(pending.slice(0, end).toString(), request);
		} catch (e) {
			fail(400);
			return;
		}
		var parts = /^([A-Z]+) (\S+) HTTP\/(1\.[01])$/.exec(first);
		if (!parts) {
			fail(400);
			return;
		}
		request.method = parts[1];
		request.url = parts[2];
		request.httpVersion = parts[3];
		var keepAlive = parts[3] === '1.1' ?
			!/close/i.test(request.headers.connection || '') :
			/keep-alive/i.test(request.headers.connection || '');
		var mode;
		try {
			mode = bodyMode(request.headers, true, 0);
		} catch (e) {
			fail(400);
			return;
		}
		var rest = pending.slice(end + 4);
		pending = new Buffer(0);
		busy = true;
		var response = new ServerResponse(connection, request, keepAlive);
		response.on('_done', function (alive) {
			if (!alive) {
				connection.end();
				return;
			}
			setImmediate(function () {
				busy = false;
				next();
			});
		});
		body = new BodyReader(request, mode[0], mode[1], function (after) {
			body = null;
			pending = after.length ? Buffer.concat([pending, after]) : pending;
			process.nextTick(function () { request.emit('end'); });
		});
		self.emit('request', request, response);
		process.nextTick(function () {
			try {
				if (body)
					body.feed(rest);
				else if (rest.length)
					pending = Buffer.concat([rest, pending]);
			} catch (e) {
				fail(400);
			}
		});
	}
	connection.on('data', function (chunk) {
		if (body) {
			try {
				body.feed(chunk);
			} catch (e) {
				fail(400);
			}
			return;
		}
		pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
		next();
	});
	connection.watch();
};

Server.prototype.close = function (callback) {
	if (callback)
		this.once('close', callback);
	if (this.listening) {
		this.listening = false;
		loop.unwatch(this.fd);
		sockets.close(this.fd);
		this.connections.slice().forEach(function (connection) {
			if (connection.queue.length === 0)
				connection.destroy();
		});
	}
	var self = this;
	setImmediate(function () { self.emit('close'); });
	return this;
};
Server.prototype.setTimeout = function () { return this; };
Server.prototype.ref = function () { return this; };
Server.prototype.unref = function () { return this; };

// ---- the client ----------------------------------------------------------------------------
function parseUrl(text) {
	var match = /^http:\/\/(\[[^\]]+\]|[^\/:?#]+)(?::(\d+))?([^#]*)/.exec(text);
	if (!match) {
		var error = new TypeError(/^https:/.test(text) ?
			'Protocol "https:" not supported: there is no TLS in the JavaScript runtime' :
			'Invalid URL: ' + text);
		error.code = /^https:/.test(text) ? 'ERR_INVALID_PROTOCOL' : 'ERR_INVALID_URL';
		throw error;
	}
	return { hostname: match[1].replace(/^\[|\]$/g, ''), port: match[2] ? Number(match[2]) : 80,
		path: match[3] || '/' };
}

function ClientRequest(options, callback) {
	if (typeof options === 'string')
		options = parseUrl(options);
	else if (options && typeof options.href === 'string')
		options = parseUrl(options.href);
	options = options || {};
	var connection;
	var host = options.hostname || (options.host || 'localhost').replace(/:\d+$/, '');
	var port = Number(options.port || 80);
	connection = new Connection(-1, null);
	OutgoingMessage.call(this, connection);
	this.method = (options.method || 'GET').toUpperCase();
	this.path = options.path || '/';
	this.host = host;
	if (callback)
		this.once('response', callback);
	var headers = options.headers || {};
	for (var name in headers)
		this.setHeader(name, headers[name]);
	if (!this.hasHeader('host'))
		this.setHeader('Host', port === 80 ? host : host + ':' + port);
	if (!this.hasHeader('connection'))
		this.setHeader('Connection', 'close');
	var self = this;
	try {
		connection.fd = sockets.connect(host, port);
	} catch (error) {
		connection.closed = true;
		setImmediate(function () { self.emit('error', error); });
		return;
	}
	connection.connecting = true;
	connection.host = host + ':' + port;
	connection.on('error', function (error) { self.emit('error', error); });
	connection.watch();
	this._readResponse(connection);
}
util.inherits(ClientRequest, OutgoingMessage);
ClientRequest.prototype._firstLine = function () {
	return this.method + ' ' + this.path + ' HTTP/1.1';
};
ClientRequest.prototype._bodyAllowed = function () {
	return this.method !== 'GET' && this.method !== 'HEAD' || this.hasHeader('content-length');
};
ClientRequest.prototype.abort = ClientRequest.prototype.destroy = function () {
	this.connection.destroy();
};
ClientRequest.prototype._readResponse = function (connection) {
	var self = this, pending = new Buffer(0), response = null, body = null;
	connection.on('data', function (chunk) {
		try {
			if (body) {
				body.feed(chunk);
				return;
			}
			pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
			var end = headerEnd(pending);
			if (end < 0)
				return;
			response = new IncomingMessage(connection);
			var first = parseHead(pending.slice(0, end).toString(), response);
			var parts = /^HTTP\/(1\.[01]) (\d{3}) ?(.*)$/.exec(first);
			if (!parts)
				throw new Error('Parse Error: Invalid response status line');
			response.httpVersion = parts[1];
			response.statusCode = Number(parts[2]);
			response.statusMessage = parts[3];
			var mode = self.method === 'HEAD' ? ['none', 0] :
				bodyMode(response.headers, false, response.statusCode);
			body = new BodyReader(response, mode[0], mode[1], function () {
				setImmediate(function () {
					response.emit('end');
					connection.destroy();
				});
			});
			var rest = pending.slice(end + 4);
			self.emit('response', response);
			setImmediate(function () {
				try {
					body.feed(rest);
				} catch (e) {
					connection.fail(e);
				}
			});
		} catch (error) {
			connection.fail(error);
		}
	});
	connection.on('end', function () {
		if (body)
			body.end();
		else
			connection.fail(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
	});
};

exports.STATUS_CODES = STATUS_CODES;
exports.METHODS = METHODS;
exports.Server = Server;
exports.IncomingMessage = IncomingMessage;
exports.ServerResponse = ServerResponse;
exports.ClientRequest = ClientRequest;
exports.createServer = function (options, handler) {
	return new Server(options, handler);
};
exports.request = function (options, callback) {
	if (typeof options === 'string' && typeof callback === 'object') {
		var parsed = parseUrl(options);
		for (var key in callback)
			parsed[key] = callback[key];
		options = parsed;
		callback = arguments[2];
	}
	return new ClientRequest(options, callback);
};
exports.get = function (options, callback) {
	var request = exports.request.apply(null, arguments);
	request.end();
	return request;
};
