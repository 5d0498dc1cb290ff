// Test support (not a test file): a walk on the kustdorp fixture to its Wmo-melding advice, and a
// valid melding body.
import { resolve } from 'node:path';

export const KUSTDORP_DIR = resolve('test/fixtures/kustdorp');

type Post = (path: string, body: unknown) => Promise<Response>;

/** Answers until the end: for whom (the profile fact), then "cleaning no longer works" (→ the melding item). */
export async function walkToMelding(
  post: Post,
  session: { id: string; state: { version?: number; step: { id: string } } },
  forWhom: 'zelf' | 'ander',
  answers = `/api/sessions/${session.id}/answers`,
  extra: Record<string, unknown> = {},
) {
  let state = { version: 0, ...session.state } as { version: number; done?: boolean; step: { id: string } };
  for (let i = 0; i < 5 && !state.done; i++) {
    const value = state.step.id.includes('voor-wie') ? forWhom : false;
    const res = await post(answers, {
      node: state.step.id,
      value,
      version: state.version,
      idempotencyKey: `walk-${session.id}-${i}`,
      ...extra,
    });
    if (res.status !== 200) throw new Error(`answer ${state.step.id}: ${res.status} ${await res.text()}`);
    state = (await res.json()) as typeof state;
  }
  if (!state.done) throw new Error('the kustdorp walk did not end');
  return state;
}

export const meldingFields = (over: Record<string, unknown> = {}) => ({
  idempotencyKey: `melding-${Math.random().toString(36).slice(2)}`,
  person: { name: 'Anna de Vries', postcode: '2011ab', huisnummer: 12, toevoeging: '2' },
  contact: { phone: '06 12345678', when: 'ochtend' },
  ...over,
});
