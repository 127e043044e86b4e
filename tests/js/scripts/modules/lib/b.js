var a = require('./a');
exports.sawADone = a.done;
