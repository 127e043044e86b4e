exports.done = false;
var b = require('./b');
exports.fromB = b.sawADone;
exports.done = true;
