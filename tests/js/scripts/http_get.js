// http.get of the URL given as the first argument (a host server, in the tests): the status,
// a header and the body.
var http = require('http');
http.get(process.argv[2], function (response) {
	var body = '';
	response.setEncoding('utf8');
	response.on('data', function (chunk) { body += chunk; });
	response.on('end', function () {
		console.log('status', response.statusCode, response.headers['content-type']);
		console.log('body', JSON.stringify(body));
	});
}).on('error', function (error) {
	console.log('error', error.code, error.message);
	process.exitCode = 1;
});
