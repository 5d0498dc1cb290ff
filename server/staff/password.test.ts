import { describe, expect, it, vi } from 'vitest';

// Node's async scrypt runs on libuv's thread pool, where the writer thread's fdatasync waits its
// turn: a burst of sign-ins held every answer back. The event loop's scrypt is made to fail here,
// so these pass only if hashing happens elsewhere (hash-worker.mjs, its own thread).
vi.mock('node:crypto', async (original) => ({
  ...(await original<typeof import('node:crypto')>()),
  scrypt: () => {
    throw new Error('scrypt on the libuv thread pool');
  },
}));

const { hashPassword, verifyPassword } = await import('./password.js');

describe('staff passwords, hashed off the thread pool', () => {
  it('hashes and verifies in the hashing thread: right password yes, wrong one or none no', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
    expect(await verifyPassword('correct horse battery staple', null)).toBe(false);
  });

  it('answers hashes asked for at once, each its own', async () => {
    const stored = await Promise.all(['a1', 'b2', 'c3'].map((p) => hashPassword(p)));
    expect(new Set(stored).size).toBe(3);
    expect(await Promise.all(stored.map((s, i) => verifyPassword(['a1', 'b2', 'c3'][i]!, s)))).toEqual([true, true, true]);
    expect(await verifyPassword('a1', stored[1]!)).toBe(false);
  });
});
