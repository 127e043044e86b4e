// SPDX-License-Identifier: MIT
// The os module: hostname, uptime, memory, CPUs (from /proc/cpuinfo), platform "yolk".
'use strict';

var native = require('native');
var fs = require('fs');

function cpuModel() {
	try {
		var match = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
		if (match)
			return match[1];
	} catch (e) {
		// no procfs: an unnamed CPU
	}
	return 'unknown';
}

exports.hostname = function () { return native.system().hostname; };
exports.uptime = function () { return native.system().uptime; };
exports.totalmem = function () { return native.system().totalmem; };
exports.freemem = function () { return native.system().freemem; };
exports.loadavg = function () {
	var system = native.system();
	return [system.loadavg1, system.loadavg5, system.loadavg15];
};
exports.cpus = function () {
	var model = cpuModel(), out = [];
	for (var i = 0; i < native.system().cpus; i++)
		out.push({ model: model, speed: 0,
			times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } });
	return out;
};
exports.platform = function () { return 'yolk'; };
exports.type = function () { return native.system().sysname; };
exports.release = function () { return native.system().release; };
exports.arch = function () { return 'x64'; };
exports.endianness = function () { return 'LE'; };
exports.homedir = function () { return process.env.HOME || '/root'; };
exports.tmpdir = function () { return process.env.TMPDIR || '/tmp'; };
exports.EOL = '\n';
