import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs on stdout. Privacy by design: request bodies, answers, tokens, codes and concern texts
 * are never passed to the logger; the redact list is a second line of defence for headers.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'vraagwijzer' },
    redact: { paths: ['req.headers.authorization', 'authorization', 'token', 'code', 'statusToken'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
