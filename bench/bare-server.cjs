// Baseline for the capacity benchmark: the physical limit of node:http serving the same bytes.
const http = require('node:http');
const body = Buffer.from(process.env.BODY_B64 || '', 'base64');
const server = http.createServer((req, res) => {
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': body.length,
    'Cache-Control': 'no-cache',
    ETag: '"bare"',
  });
  res.end(body);
});
server.listen(0, '127.0.0.1', () =>
  console.log(`Bare server: http://127.0.0.1:${server.address().port}/`),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
