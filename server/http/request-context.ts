import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/**
 * The request a piece of work belongs to, for as long as it runs (async continuations included):
 * every log line written meanwhile and every problem response carry its id, with no logger handed
 * down through the routes.
 */
export const requestContext = new AsyncLocalStorage<{ requestId: string; address?: string }>();

/** The caller's X-Request-Id when it looks like one (a proxy's, say), else a fresh one. */
export function requestIdFrom(header: string | undefined): string {
  return header && /^[A-Za-z0-9._-]{8,64}$/.test(header) ? header : randomBytes(8).toString('hex');
}

export const currentRequestId = (): string | undefined => requestContext.getStore()?.requestId;

/** The client address of the current request (client-address.ts), once app.ts has worked it out. */
export const currentAddress = (): string | undefined => requestContext.getStore()?.address;
