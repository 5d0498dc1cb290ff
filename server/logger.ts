import { pino, type DestinationStream, type Logger } from 'pino';
import { currentRequestId } from './http/request-context.js';

export type { Logger };

/**
 * Where secrets would sit if anyone logged the objects that hold them. By path, not by field
 * name: a bare `code` is a problem code or an error code ("EADDRINUSE") far more often than a
 * resume code, and hiding every one of them hid why the server failed.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers["x-session-token"]',
  'res.headers["set-cookie"]',
  'authorization',
  'token',
  'resumeCode',
  'statusToken',
  'password',
];

/**
 * JSON logs on stdout. Privacy by design: request bodies, answers, tokens, codes and concern texts
 * are never passed to the logger; the redact paths are a second line of defence. A line written
 * while a request is served carries its id (request-context.ts).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'vraagwijzer' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
