// Test and benchmark support: the real server (server/main.ts) as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { DiagnosticsReport } from '../diagnostics.js';

export interface ServerProcess {
  url: string;
  proc: ChildProcess;
  /** Every stdout/stderr line so far (JSON log lines). */
  output: string[];
  exited: Promise<number | null>;
}

/** Starts server/main.ts on a free port (PORT=0) and resolves once it listens. */
export function startServer(env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
  // node --import tsx, not the tsx CLI: one process, so SIGKILL and SIGHUP reach the server itself.
  // PROFILE_DIR=/tmp/x npm run bench server writes the server's CPU profile there (where the time goes).
  const proc = spawn(
    process.execPath,
    [...(process.env.PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : []), '--import', 'tsx', 'server/main.ts'],
    {
      cwd: resolve('.'),
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  const exited = new Promise<number | null>((done) => proc.on('exit', (code) => done(code)));
  return new Promise((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start in ${timeoutMs} ms:\n${output.join('\n')}`)), timeoutMs);
    const onLine = (chunk: Buffer) => {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        output.push(line);
        const port = /"port":(\d+)/.exec(line)?.[1];
        if (port && line.includes('listening')) {
          clearTimeout(timer);
          ready({ url: `http://127.0.0.1:${port}`, proc, output, exited });
        }
      }
    };
    proc.stdout!.on('data', onLine);
    proc.stderr!.on('data', onLine);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code} before listening:\n${output.join('\n')}`));
    });
  });
}

/**
 * The server's diagnostics since it was last asked (server/diagnostics.ts): SIGUSR2, then the log
 * line it writes. Undefined if none comes within `timeoutMs`.
 */
export async function diagnosticsOf(server: ServerProcess, timeoutMs = 2000): Promise<DiagnosticsReport | undefined> {
  const seen = server.output.length;
  server.proc.kill('SIGUSR2');
  for (let waited = 0; waited < timeoutMs; waited += 20) {
    const line = server.output.slice(seen).find((l) => l.includes('"diagnostics"'));
    if (line) return (JSON.parse(line) as { diagnostics: DiagnosticsReport }).diagnostics;
    await new Promise((r) => setTimeout(r, 20));
  }
  return undefined;
}
