// The main module of a `yolk build --js` image (tests/js/js.mk): its arguments, a module
// beside it from --fs, and its exit status.
var helper = require('./helper');
console.log('app', process.argv.slice(2).join(' '), helper.greeting, __filename);
process.exitCode = Number(process.argv[2] || 0);
