import { connect, type Socket } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { capConnectionsPerAddress, serverOptions, type ServerLimits } from './server-limits.js';

// The server's sockets as main.ts configures them, on a real listening server. Limits are small so
// that the test waits briefly; what it checks is what happens, not how long it took.
let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

async function start(limits: ServerLimits, exempt: (address: string) => boolean = () => false): Promise<number> {
  // A body cut off by the timeout rejects the read; the server has answered 408 by then.
  const app = new Hono().post('/echo', async (c) => c.text(await c.req.text().catch(() => '')));
  server = await new Promise<Server>((ready) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', serverOptions: serverOptions(limits) }, () => ready(s as Server));
  });
  capConnectionsPerAddress(server, limits.maxConnectionsPerAddress, exempt);
  return (server.address() as AddressInfo).port;
}

/** A raw socket; resolves with everything the server sent once it closes the connection. */
function open(port: number): Promise<{ socket: Socket; closed: Promise<string> }> {
  return new Promise((ready, fail) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    const closed = new Promise<string>((done) => socket.on('close', () => done(received)));
    socket.on('error', () => undefined);
    socket.once('connect', () => ready({ socket, closed }));
    socket.once('error', fail);
  });
}

const LIMITS: ServerLimits = { requestTimeoutMs: 400, headersTimeoutMs: 200, keepAliveTimeoutMs: 200, maxConnectionsPerAddress: 2 };

describe('server socket limits', () => {
  it('a body that never finishes arriving is answered 408 and its socket closed', async () => {
    const port = await start({ ...LIMITS, maxConnectionsPerAddress: 0 });
    const { socket, closed } = await open(port);
    socket.write('POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nten bytes.');
    expect(await closed).toMatch(/^HTTP\/1\.1 408/);
  });

  it('headers that never finish arriving close the socket too', async () => {
    const port = await start({ ...LIMITS, maxConnectionsPerAddress: 0 });
    const { socket, closed } = await open(port);
    socket.write('POST /echo HTTP/1.1\r\nHost: x\r\n');
    expect(await closed).toMatch(/^HTTP\/1\.1 408/);
  });

  it('an address gets as many sockets as the cap allows; the next is closed at once, the others still served', async () => {
    const port = await start({ ...LIMITS, requestTimeoutMs: 60_000, headersTimeoutMs: 30_000, keepAliveTimeoutMs: 30_000 });
    const first = await open(port);
    const second = await open(port);
    const third = await open(port);
    expect(await third.closed).toBe('');
    first.socket.end('POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok');
    expect(await first.closed).toMatch(/^HTTP\/1\.1 200[\s\S]*\r\n\r\nok$/);
    second.socket.destroy();
    await second.closed;
    // Closed sockets free their places.
    const again = await open(port);
    again.socket.end('POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 2\r\n\r\nhi');
    expect(await again.closed).toMatch(/\r\n\r\nhi$/);
  });

  it('a trusted proxy’s address is not capped: it carries everyone’s requests', async () => {
    const port = await start(
      { ...LIMITS, requestTimeoutMs: 60_000, headersTimeoutMs: 30_000, keepAliveTimeoutMs: 30_000 },
      (a) => a === '127.0.0.1',
    );
    const sockets = await Promise.all([open(port), open(port), open(port)]);
    const last = sockets[2]!;
    last.socket.end('POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok');
    expect(await last.closed).toMatch(/\r\n\r\nok$/);
    for (const s of sockets.slice(0, 2)) s.socket.destroy();
  });

  it('refuses a headers timeout longer than the request timeout, saying which to change', () => {
    expect(() => serverOptions({ ...LIMITS, headersTimeoutMs: 500 })).toThrow(
      /headers timeout \(500 ms\) is longer than the request timeout \(400 ms\)/,
    );
  });
});
