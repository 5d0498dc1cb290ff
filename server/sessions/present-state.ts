// engine/runtime, not engine/index: the coach's offline walk renders advice with this file in the browser.
import { advice, explain, localize, present, trail, type CompiledTree, type Service, type SessionView } from '../../engine/runtime.js';
import type { FullSessionState, PresentedAdvice, PresentedService, SessionState } from '../api/contract.js';
import type { AdviceMode } from '../api/schemas.js';
import type { SessionRow } from '../db/session-repo.js';
import type { ServedTree } from '../tree-store/served-tree.js';

/**
 * Everything a client shows for a session, in one language: step, trail and the plan with its why
 * (with `when-done`, the plan only once the session is done: see AdviceMode).
 */
export function presentState(served: Served, view: SessionView, row: StateRow, locale: string, adviceMode?: 'full'): FullSessionState;
export function presentState(served: Served, view: SessionView, row: StateRow, locale: string, adviceMode: AdviceMode): SessionState;
export function presentState(
  served: Served,
  view: SessionView,
  row: StateRow,
  locale: string,
  adviceMode: AdviceMode = 'full',
): SessionState {
  const { compiled } = served;
  const withAdvice = adviceMode === 'full' || view.done;
  return {
    id: row.id,
    version: row.version,
    tree: row.tree,
    treeVersion: row.treeVersion,
    locale,
    step: present(compiled, view, locale),
    trail: trail(compiled, view, locale),
    ...(withAdvice ? { advice: presentAdvice(compiled, view, locale) } : {}),
    done: view.done,
  };
}

type StateRow = Pick<SessionRow, 'id' | 'version' | 'tree' | 'treeVersion'>;
/** Only the compiled tree is read: the widget tests' contract fake presents with this function too. */
type Served = Pick<ServedTree, 'compiled'>;

export function presentAdvice(compiled: CompiledTree, view: SessionView, locale: string): PresentedAdvice[] {
  const items = advice(compiled, view, locale);
  const reasons = new Map(explain(compiled, view, locale, items).map((e) => [e.item, e.because]));
  return items.map((item) => ({
    id: item.id,
    kind: item.kind,
    layer: item.layer,
    section: item.section,
    ...(item.urgency ? { urgency: item.urgency } : {}),
    ...(item.urgentWhy ? { urgentWhy: item.urgentWhy } : {}),
    title: item.title,
    text: item.text,
    why: item.why,
    because: reasons.get(item.id) ?? [],
    ...(item.action ? { action: item.action } : {}),
    services: item.services.map((s) => presentService(s, locale)),
    cardAt: item.cardAt,
  }));
}

/**
 * A service as clients show it, in one language. Built once per service and language: Haarlem's
 * plans name ~10 services in every answer's response. Shared, so never to be changed by a caller.
 */
export function presentService(s: Service, locale: string): PresentedService {
  let byLocale = presented.get(s);
  if (!byLocale) presented.set(s, (byLocale = new Map()));
  let result = byLocale.get(locale);
  if (!result) byLocale.set(locale, (result = Object.freeze(buildService(s, locale))));
  return result;
}
const presented = new WeakMap<Service, Map<string, PresentedService>>();

function buildService(s: Service, locale: string): PresentedService {
  const { phone, web, email, address, openingHours } = s.contact;
  const hours = localize(openingHours, locale);
  return {
    id: s.id,
    organisation: s.organisation,
    name: localize(s.name, locale)!,
    description: localize(s.description, locale)!,
    ...(phone ? { phone } : {}),
    ...(web ? { web } : {}),
    ...(email ? { email } : {}),
    ...(address ? { address } : {}),
    ...(hours ? { openingHours: hours } : {}),
    cost: localize(s.cost, locale)!,
    access: localize(s.access, locale)!,
    urgent: !!s.urgent,
    unverified: s.unverified ?? [],
  };
}
