// Baseline for the capacity benchmark: the physical limit of node:http serving the same bytes.
const http = require('node:http');
const body = Buffer.from(process.env.BODY_B64 || '', 'base64');
// The capacity response's own headers (ETag, CORS, Cache-Control, …), so only the server differs.
const headers = process.env.HEADERS_JSON
  ? JSON.parse(process.env.HEADERS_JSON)
  : { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache', ETag: '"bare"' };
headers['content-length'] = body.length;
const server = http.createServer((req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});
server.listen(0, '127.0.0.1', () =>
  console.log(`Bare server: http://127.0.0.1:${server.address().port}/`),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
