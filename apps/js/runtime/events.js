// SPDX-License-Identifier: MIT
// The events module: EventEmitter as Node's (on, once, off, emit, prepend, listeners, an
// 'error' event without a listener throws its error).
'use strict';

function EventEmitter() {
	EventEmitter.init.call(this);
}

EventEmitter.init = function () {
	if (!this._events || this._events === Object.getPrototypeOf(this)._events)
		this._events = Object.create(null);
	this._maxListeners = this._maxListeners || undefined;
};

EventEmitter.defaultMaxListeners = 10;
EventEmitter.EventEmitter = EventEmitter;

function events(emitter) {
	if (!emitter._events)
		emitter._events = Object.create(null);
	return emitter._events;
}

function addListener(emitter, type, listener, prepend) {
	if (typeof listener !== 'function')
		throw new TypeError('The "listener" argument must be of type function. Received ' +
			(listener === null ? 'null' : 'type ' + typeof listener));
	var table = events(emitter);
	if (table.newListener && type !== 'newListener')
		emitter.emit('newListener', type, listener.listener ? listener.listener : listener);
	var list = table[type] || (table[type] = []);
	if (prepend)
		list.unshift(listener);
	else
		list.push(listener);
	return emitter;
}

EventEmitter.prototype.on = function (type, listener) {
	return addListener(this, type, listener, false);
};
EventEmitter.prototype.addListener = EventEmitter.prototype.on;
EventEmitter.prototype.prependListener = function (type, listener) {
	return addListener(this, type, listener, true);
};

function onceWrapper(emitter, type, listener) {
	var fired = false;
	var wrapper = function () {
		if (fired)
			return undefined;
		fired = true;
		emitter.removeListener(type, wrapper);
		return listener.apply(emitter, arguments);
	};
	wrapper.listener = listener;
	return wrapper;
}

EventEmitter.prototype.once = function (type, listener) {
	if (typeof listener !== 'function')
		throw new TypeError('The "listener" argument must be of type function');
	return this.on(type, onceWrapper(this, type, listener));
};
EventEmitter.prototype.prependOnceListener = function (type, listener) {
	return this.prependListener(type, onceWrapper(this, type, listener));
};

EventEmitter.prototype.removeListener = function (type, listener) {
	var list = events(this)[type];
	if (!list)
		return this;
	for (var i = list.length - 1; i >= 0; i--) {
		if (list[i] === listener || list[i].listener === listener) {
			list.splice(i, 1);
			if (list.length === 0)
				delete this._events[type];
			if (this._events.removeListener)
				this.emit('removeListener', type, listener);
			break;
		}
	}
	return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function (type) {
	if (type === undefined)
		this._events = Object.create(null);
	else
		delete events(this)[type];
	return this;
};

EventEmitter.prototype.emit = function (type) {
	var list = events(this)[type];
	if (!list || list.length === 0) {
		if (type === 'error') {
			var error = arguments[1];
			if (error instanceof Error)
				throw error;
			var wrapped = new Error('Unhandled error. (' + String(error) + ')');
			wrapped.context = error;
			throw wrapped;
		}
		return false;
	}
	var args = Array.prototype.slice.call(arguments, 1);
	list = list.slice();
	for (var i = 0; i < list.length; i++)
		list[i].apply(this, args);
	return true;
};

EventEmitter.prototype.listeners = function (type) {
	var list = events(this)[type] || [];
	return list.map(function (listener) { return listener.listener || listener; });
};
EventEmitter.prototype.rawListeners = function (type) {
	return (events(this)[type] || []).slice();
};
EventEmitter.prototype.listenerCount = function (type) {
	return (events(this)[type] || []).length;
};
EventEmitter.listenerCount = function (emitter, type) {
	return emitter.listenerCount(type);
};
EventEmitter.prototype.eventNames = function () {
	return Object.keys(events(this));
};
EventEmitter.prototype.setMaxListeners = function (count) {
	this._maxListeners = count;
	return this;
};
EventEmitter.prototype.getMaxListeners = function () {
	return this._maxListeners === undefined ? EventEmitter.defaultMaxListeners : this._maxListeners;
};

module.exports = EventEmitter;
