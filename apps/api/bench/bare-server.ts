// The reference of the req/s ratio: a bare node:http server answering every request with the
// same bytes and content type the API gave for the benchmarked operation. Runs as its own process
// (like the API) and prints its port.
import { createServer } from 'node:http';

const body = Buffer.from(process.env.BARE_BODY ?? '{}', 'utf8');
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
    });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`BARE ${typeof address === 'object' && address ? address.port : 0}`);
});
