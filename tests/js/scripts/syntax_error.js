// A syntax error: the file and line are reported, nothing runs, status 1.
console.log('not printed: the file does not compile');
var ok = 1;
var broken = ok +* 2;
