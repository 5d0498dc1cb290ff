// Signing out of any staff page: the server session ends, and the device forgets what the staff
// pages kept on it (the coach's households in IndexedDB, the open conversation) – a shared tablet
// or desk. Answers not yet sent would be lost with it, so the member is asked first.
import { unsentCount, wipeCoachStores } from './idb.js';
import { staffCall } from './staff-api.js';
import { st } from './staff-messages.js';

/** What the coach page keeps in localStorage for a start without internet. */
export const COACH_KEYS = ['vw-coach-me', 'vw-coach-meta', 'vw-coach-plan'];

export async function signOut(): Promise<void> {
  const unsent = await unsentCount().catch(() => 0);
  if (unsent && !window.confirm(unsent === 1 ? st('signOutUnsentOne') : st('signOutUnsentMany', { n: unsent }))) return;
  await staffCall('POST', '/api/staff/logout').catch(() => undefined);
  await wipeCoachStores();
  for (const k of COACH_KEYS) localStorage.removeItem(k);
  sessionStorage.clear();
  location.assign('/staff/login');
}
