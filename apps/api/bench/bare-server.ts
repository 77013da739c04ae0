// The reference of the req/s ratio: a bare node:http server answering every request with the
// same bytes and content type the API gave for the benchmarked operation (or, with
// BARE_STATUS=304, an empty 304 with the ETag, as a revalidation is answered). Runs as its own
// process (like the API) and prints its port.
import { createServer } from 'node:http';

const body = Buffer.from(process.env.BARE_BODY ?? '{}', 'utf8');
const notModified = process.env.BARE_STATUS === '304';
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (notModified) {
      res.writeHead(304, { etag: process.env.BARE_ETAG ?? '"0"' });
      res.end();
      return;
    }
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
