import type { ServerOptions } from 'node:http';
import type { Server, Socket } from 'node:net';

// A client that sends its body a byte at a time held a socket for Node's default 300 s; 200 such
// sockets from one address were open at once in the outside test. Whole requests now have a time
// limit, idle keep-alive sockets close sooner, and one address holds only so many sockets.

export interface ServerLimits {
  /** The whole request, headers and body, must arrive within this time (else 408). */
  requestTimeoutMs: number;
  /** The headers must arrive within this time (less than requestTimeoutMs). */
  headersTimeoutMs: number;
  /** An idle keep-alive socket is closed after this time. */
  keepAliveTimeoutMs: number;
  /** Open sockets per client address; 0: no cap. Not applied to trusted proxies' addresses. */
  maxConnectionsPerAddress: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  // The benchmark drives 64–128 keep-alive connections from one address.
  maxConnectionsPerAddress: 256,
};

/** For createServer (through serve's serverOptions): Node applies the timeouts itself. */
export function serverOptions(limits: ServerLimits): ServerOptions {
  if (limits.headersTimeoutMs > limits.requestTimeoutMs)
    throw new Error(
      `The headers timeout (${limits.headersTimeoutMs} ms) is longer than the request timeout (${limits.requestTimeoutMs} ms): make it shorter.`,
    );
  return {
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: limits.headersTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // How often Node looks for requests past their time: a fraction of the shortest limit.
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
  };
}

/**
 * Closes a new socket at once when its address already holds `max` open ones. `exempt`: addresses
 * whose sockets are not counted (a trusted proxy carries everyone's requests).
 */
export function capConnectionsPerAddress(server: Server, max: number, exempt: (address: string) => boolean): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    if (exempt(address)) return;
    const count = open.get(address) ?? 0;
    if (count >= max) {
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
