// The reference for bench/live.ts: a bare Node.js SSE broadcaster speaking the same protocol as
// the app (same URLs, same payload shape) with the same 100 ms coalescing, and no database. Like the
// app, it writes each update straight to the socket (res.write would add chunked framing and a
// nextTick per stream), so the comparison shows the app's own overhead.
import http from 'node:http';
import type { Socket } from 'node:net';

const streams = new Set<Socket>();
let version = 0;
let dirty = false;

const server = http.createServer((request, response) => {
  if (request.method === 'GET' && request.url?.endsWith('/events')) {
    const socket = request.socket;
    socket.setNoDelay(true);
    socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/event-stream; charset=utf-8\r\ncache-control: no-store\r\nconnection: close\r\n\r\nretry: 3000\n\n');
    streams.add(socket);
    socket.once('close', () => streams.delete(socket));
    return;
  }
  if (request.method === 'POST') {
    let body = '';
    request.on('data', (c: Buffer) => (body += c));
    request.on('end', () => {
      JSON.parse(body);
      version += 1;
      dirty = true;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ counted: true, questionId: 1, version, responses: version }));
    });
    return;
  }
  response.writeHead(404).end();
});

setInterval(() => {
  if (!dirty) return;
  dirty = false;
  const buffer = Buffer.from(`event: update\ndata: ${JSON.stringify({ q: 1, v: version, n: version, p: streams.size })}\n\n`);
  for (const s of streams) s.write(buffer);
}, 100);

server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ type: 'listening' }));
