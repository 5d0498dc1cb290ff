import type { FullSessionState } from '../api/contract.js';

const CHANNEL: Record<string, string> = { web: 'website', telefoon: 'telefoon', loket: 'loket', wijkcoach: 'wijkcoach' };

/**
 * The plain-text summary a warm handover carries: only the parts the resident agreed to share.
 * `kccPhone` (from the session's gemeente.json) names the number the phone channel is.
 */
export function sessionSummary(
  state: FullSessionState,
  shared: string[],
  notes: { node: string; text: string; at: string }[],
  kccPhone?: string,
): string {
  const channel = (c: string) => (c === 'telefoon' && kccPhone ? `telefoon ${kccPhone}` : (CHANNEL[c] ?? c));
  const lines: string[] = [`Vraagwijzer – ${state.tree} (versie ${state.treeVersion})`];
  if (shared.includes('trail')) {
    lines.push('', 'Vragen en antwoorden:');
    for (const e of state.trail.filter((t) => t.value !== null))
      lines.push(`- ${e.question}: ${e.answer} (${channel(e.channel)}, ${e.at.slice(0, 16).replace('T', ' ')})`);
  }
  if (shared.includes('advice')) {
    lines.push('', 'Advies:');
    for (const a of state.advice) lines.push(`- [${a.layer}] ${a.title}`);
  }
  if (shared.includes('notes') && notes.length) {
    lines.push('', 'Aantekeningen medewerker:');
    for (const n of notes) lines.push(`- (${n.node}) ${n.text}`);
  }
  return lines.join('\n');
}
