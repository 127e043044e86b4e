// http.createServer on Yolk's sockets, listening on the port given as the first argument;
// answers REQUESTS (the second argument) requests, then closes, so the program ends.
var http = require('http');
var port = Number(process.argv[2]), wanted = Number(process.argv[3] || 1), served = 0;
var server = http.createServer(function (request, response) {
	var body = '';
	request.on('data', function (chunk) { body += chunk; });
	request.on('end', function () {
		served++;
		if (request.url === '/json') {
			response.writeHead(201, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ method: request.method, body: body, served: served }));
		} else {
			response.setHeader('Content-Type', 'text/plain');
			response.write('hello from yolk ');
			response.end(request.method + ' ' + request.url + ' ' + body.length + '\n');
		}
		if (served === wanted)
			server.close(function () { console.log('closed after', served); });
	});
});
server.listen(port, function () {
	console.log('listening on', server.address().port);
});
