// Latency at a steady rate. autocannon's `overallRate` gives each connection a quota per second
// that it sends at once when the second starts, then idles: its latencies are those of a burst at
// full speed, whatever the rate. Here every client sends on its own clock instead – one request
// per period, the clients' clocks staggered evenly. A request held back because the server had not
// yet answered the client's previous one is charged for that wait: its latency counts from when it
// was due (no coordinated omission). Time the pacer itself lost (a late timer, a busy event loop)
// is not the server's and is not charged; the same pacer against a bare echo server is the
// baseline for whatever the generator still adds.
import { Agent, request } from 'node:http';
import { watchEventLoop, type LoopDelays } from '../server/event-loop-delay.js';
import { stolenMs } from './proc-stat.js';

export interface Request {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** One client's conversation: what it sends next depends on what it was answered last. */
export interface Client {
  next(): Request;
  done(status: number, body: string): void;
}

export interface SteadyResult {
  /** Milliseconds from each request's due time (see above) to its complete response. */
  latencies: number[];
  /**
   * Milliseconds the pacer sent each request late, once it was free to send it (due, and the previous
   * response in): its own timers and event loop, not the server. The same VM runs both, so a stretch
   * in which the machine itself is slow shows here as well as in the server's latencies.
   */
  pacerLate: number[];
  /** This process's event-loop delays over the run: a stall here delays reading the responses too. */
  generatorLoop: LoopDelays;
  /** CPU time the hypervisor took from this VM over the run (proc-stat.ts); undefined off Linux. */
  stolenMs: number | undefined;
  requests: number;
  non2xx: number;
  errors: number;
  seconds: number;
}

export interface PaceOptions {
  rate: number;
  seconds: number;
  clients: number;
  client: () => Client;
}

/**
 * What the pacer needs of the world: a clock, a timer and a way to send. steadyLoad gives it the real
 * ones; its tests give it a virtual clock, so the accounting is checked without timing anything.
 */
export interface PacerWorld {
  now(): number;
  sleep(ms: number): Promise<void>;
  send(req: Request): Promise<{ status: number; body: string }>;
}

export type PacedResult = Omit<SteadyResult, 'generatorLoop' | 'stolenMs'>;

export async function steadyLoad(url: string, options: PaceOptions): Promise<SteadyResult> {
  const { hostname, port } = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
  const world: PacerWorld = {
    now: () => performance.now(),
    sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
    send: (req) => send(hostname, Number(port), agent, req),
  };
  const loop = watchEventLoop();
  const stolen0 = stolenMs();
  let result: PacedResult;
  try {
    result = await pace(options, world);
  } finally {
    agent.destroy();
    loop.stop();
  }
  const stolen1 = stolenMs();
  return {
    ...result,
    generatorLoop: loop.read(),
    stolenMs: stolen0 === undefined || stolen1 === undefined ? undefined : stolen1 - stolen0,
  };
}

/** The pacing and its accounting (see the top of this file), in a world given to it. */
export async function pace(options: PaceOptions, world: PacerWorld): Promise<PacedResult> {
  const period = (1000 * options.clients) / options.rate;
  const start = world.now() + 50;
  const end = start + options.seconds * 1000;
  const result: PacedResult = {
    latencies: [],
    pacerLate: [],
    requests: 0,
    non2xx: 0,
    errors: 0,
    seconds: options.seconds,
  };

  async function run(index: number) {
    const client = options.client();
    // When the previous response would have ended had the pacer never lost time itself.
    let idealEnd = 0;
    // When the previous response was in, in fact.
    let lastEnd = 0;
    for (let due = start + (index * period) / options.clients; due < end; due += period) {
      const wait = due - world.now();
      if (wait > 0) await world.sleep(wait);
      const sent = world.now();
      result.pacerLate.push(sent - Math.max(due, lastEnd));
      let response: { status: number; body: string } | undefined;
      try {
        response = await world.send(client.next());
      } catch {
        result.errors++;
      }
      // The server's time for this request, started when an ideal pacer would have sent it: when
      // due, or once the previous response was in if that came later.
      const idealSend = Math.max(due, idealEnd);
      lastEnd = world.now();
      idealEnd = idealSend + (lastEnd - sent);
      if (!response) {
        client.done(0, '');
        continue;
      }
      result.latencies.push(idealEnd - due);
      result.requests++;
      if (response.status < 200 || response.status > 299) result.non2xx++;
      client.done(response.status, response.body);
    }
  }

  await Promise.all(Array.from({ length: options.clients }, (_, i) => run(i)));
  return result;
}

function send(host: string, port: number, agent: Agent, req: Request): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host, port, agent, method: req.method, path: req.path, headers: { ...req.headers, 'content-length': Buffer.byteLength(req.body) } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}
