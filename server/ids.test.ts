import { describe, expect, it } from 'vitest';
import { cryptoIds, sortableId } from './ids.js';

describe('record ids', () => {
  it('sort by creation time, to the millisecond, as byte strings (SQLite compares text so)', () => {
    const start = Date.parse('2026-11-22T10:00:00.000Z');
    // Steps of 1 ms up to decades: every position of the time's encoding changes somewhere.
    const times = [0, 1, 2, 63, 64, 4095, 4096, 86_400_000, 31_536_000_000, 946_080_000_000].map((d) => start + d);
    const ids = times.map((t) => sortableId(t));
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{21}$/);
  });

  it('differ within one millisecond: 80 random bits after the time', () => {
    const now = Date.now();
    const ids = new Set(Array.from({ length: 10_000 }, () => sortableId(now)));
    expect(ids.size).toBe(10_000);
    // The time fills the first 7 characters (42 bits); the rest is random.
    expect(new Set([...ids].map((id) => id.slice(0, 7))).size).toBe(1);
  });

  it('are what the server hands out', async () => {
    const first = cryptoIds.id();
    await new Promise((done) => setTimeout(done, 3));
    const second = cryptoIds.id();
    expect(second > first).toBe(true);
    expect(second).toMatch(/^[A-Za-z0-9_-]{21}$/);
  });
});
