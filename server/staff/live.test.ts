import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../api/contract.js';
import { key, startSession } from '../testing/test-app.js';
import { staffTest, type StaffAgent, type StaffTest } from './staff-test-kit.js';

let t: StaffTest;
let mila: StaffAgent;
beforeEach(async () => {
  t = await staffTest();
  await t.addAccount('mila', 'medewerker');
  await t.addAccount('joop', 'medewerker');
  mila = await t.login('mila');
});
afterEach(() => t.close());

/** The SSE stream's "version" events, read as they arrive. */
function events(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next(): Promise<{ event: string; data: unknown }> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(':')) continue; // heartbeat
          const field = (name: string) =>
            block
              .split('\n')
              .find((l) => l.startsWith(`${name}: `))
              ?.slice(name.length + 2);
          return { event: field('event') ?? 'message', data: JSON.parse(field('data') ?? 'null') };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += value;
      }
    },
    cancel: () => reader.cancel(),
  };
}

describe('console live updates (Server-Sent Events)', () => {
  it('pushes the new version when the resident answers on the web; the staff view names channel and who', async () => {
    const resident = await startSession(t);
    const created = (await (
      await mila.call('POST', '/api/staff/resume', { code: resident.resumeCode, channel: 'telefoon', consent: true })
    ).json()) as CreatedSession;
    const headers = { 'x-session-token': created.token };
    const live = await mila.call('GET', `/api/staff/sessions/${resident.id}/live`);
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toContain('text/event-stream');
    const stream = events(live);
    expect(await stream.next()).toEqual({ event: 'version', data: { version: 0 } });

    const web = await t.request(
      'POST',
      `/api/sessions/${resident.id}/answers`,
      { node: 'deur', value: 'oplossing', version: 0, idempotencyKey: key() },
      resident.auth,
    );
    expect(web.status).toBe(200);
    expect(await stream.next()).toEqual({ event: 'version', data: { version: 1 } });
    // …and a staff answer on the phone reaches the same stream, and the view says who gave it.
    const phone = await mila.call(
      'POST',
      `/api/staff/sessions/${resident.id}/answers`,
      { node: 'naar-oplossing/domeinen', value: ['vervoer'], version: 1, idempotencyKey: key(), channel: 'telefoon' },
      { headers },
    );
    expect(phone.status).toBe(200);
    expect(await stream.next()).toEqual({ event: 'version', data: { version: 2 } });
    await stream.cancel();
    const view = (await (await mila.call('GET', `/api/staff/sessions/${resident.id}`, undefined, { headers })).json()) as {
      state: { trail: { node: string; channel: string }[] };
      answeredBy: Record<string, string>;
    };
    expect(view.state.trail.map((e) => [e.node, e.channel])).toEqual([
      ['deur', 'web'],
      ['naar-oplossing/domeinen', 'telefoon'],
    ]);
    expect(view.answeredBy).toEqual({ 'naar-oplossing/domeinen': 'Mila' });
  });

  it('carries no answers, and is refused without a consent record or without signing in', async () => {
    const resident = await startSession(t);
    const joop = await t.login('joop');
    const refused = await joop.call('GET', `/api/staff/sessions/${resident.id}/live`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('no-consent-recorded');
    expect((await t.request('GET', `/api/staff/sessions/${resident.id}/live`)).status).toBe(401);

    await mila.call('POST', '/api/staff/resume', { code: resident.resumeCode, channel: 'loket', consent: true });
    const live = await mila.call('GET', `/api/staff/sessions/${resident.id}/live`);
    const stream = events(live);
    await stream.next();
    await t.request(
      'POST',
      `/api/sessions/${resident.id}/answers`,
      { node: 'deur', value: 'helpen', version: 0, idempotencyKey: key() },
      resident.auth,
    );
    const pushed = await stream.next();
    expect(JSON.stringify(pushed)).not.toContain('helpen');
    // Signed out (a shared desk): the next change ends the stream instead of reporting it.
    expect((await mila.call('POST', '/api/staff/logout')).status).toBeLessThan(300);
    await t.request('POST', `/api/sessions/${resident.id}/back`, { version: 1, idempotencyKey: key() }, resident.auth);
    await expect(stream.next()).rejects.toThrow('stream ended');
  });
});
