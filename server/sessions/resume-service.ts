import type { CreatedSession } from '../api/contract.js';
import type { AdviceMode } from '../api/schemas.js';
import type { Deps } from '../deps.js';
import { CODE_ALPHABET, formatCode, hashSecret, normalizeCode } from '../ids.js';
import { ApiError } from '../http/problem.js';
import type { RequestGuard, SessionLoader } from './load-session.js';
import { presentState } from './present-state.js';
import { residentAudit } from './resident-audit.js';

const CODE = new RegExp(`^[${CODE_ALPHABET}]{8}$`);

/**
 * Who resumes: the resident (another device, the no-JS pages) or a staff member after consent.
 * Staff uses are audited by the console with the member's account; the resident's here.
 */
export type ResumeBy = 'resident' | 'staff';

/**
 * Code → a new, independent session handle (for the resident's other device, or staff after
 * consent). Guessing is kept out by the rate limit on this route, the code's ~40 bits and its expiry.
 * A code staff have used works for staff only for `staffCodeWindowMs` after that first use: a code
 * read out on the phone does not stay a key to the session for a week.
 */
export function resumeService(deps: Deps, loader: SessionLoader) {
  const audit = residentAudit(deps);
  return async function resume(
    input: string,
    guard: RequestGuard,
    locale: string | undefined,
    advice: AdviceMode = 'full',
    by: ResumeBy = 'resident',
  ): Promise<CreatedSession> {
    const code = normalizeCode(input);
    if (!CODE.test(code)) {
      throw new ApiError(422, 'invalid-code', 'A resume code has 8 letters and digits, like "K7MW-4QPX" (no 0, O, 1, I or L).', {
        errors: [{ pointer: '/code', code: 'invalid-code', message: 'Check the code and type it again.' }],
      });
    }
    const found = await deps.store.sessions.resumeCode(hashSecret(code));
    if (!found)
      throw new ApiError(
        404,
        'resume-code-unknown',
        'No session has this code. Check the code; a code is only valid for the session it was given for.',
      );
    const now = deps.clock();
    if (found.expiresAt <= now.toISOString()) {
      throw new ApiError(410, 'resume-code-expired', 'This code has expired. Ask the person for a new code, or start a new session.');
    }
    if (by === 'staff' && found.staffUsedAt && Date.parse(found.staffUsedAt) + deps.config.staffCodeWindowMs <= now.getTime()) {
      throw new ApiError(
        410,
        'resume-code-staff-expired',
        'Staff already used this code and its time for staff has passed. Ask the resident for a new code ("Bewaar en ga later verder").',
      );
    }
    const row = await deps.store.sessions.find(found.sessionId);
    if (!row) throw new ApiError(410, 'session-expired', 'The session of this code no longer exists. Start a new session.');
    loader.assertLive(row);
    guard.checkOrigin(row.tree.split('/')[0]!);
    const token = deps.ids.token();
    if (by === 'staff') await deps.store.sessions.markStaffUse(hashSecret(code), now.toISOString());
    await deps.store.sessions.addToken(row.id, hashSecret(token), by === 'staff' ? 'staff' : 'resume', now.toISOString());
    if (by === 'resident') await audit('session.resume-by-code', 'session', row.id);
    const { served, view } = await loader.viewOf(row);
    const resumeCode = formatCode(code);
    return {
      id: row.id,
      token,
      resumeCode,
      resumeExpiresAt: found.expiresAt,
      version: row.version,
      state: presentState(served, view, row, locale ?? row.locale, advice),
    };
  };
}
