// Kitchen-table mode: one household, one plan. The coach records only the life domains the help
// question needs, scores them 1–5, links each to tree advice, and prints the plan. Works offline
// after the first visit: the service worker keeps the page, IndexedDB keeps plans and the queue.
import { css, html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { CreatedSession } from '../../server/api/contract.js';
import { installShell } from './coach-shell.js';
import { CoachSync, type Conflict, type Entry, type Plan, type QueuedMelding, type Walk, type WalkSent } from './coach-sync.js';
import type { MeldingPreview } from '../../server/api/melding-contract.js';
import { devicePreview } from './coach-melding-preview.js';
import { continueOnDevice, type OfflineTree } from './offline-walk.js';
import { newKey, staffCall, StaffApiError, time } from './staff-api.js';
import './vw-coach-melding.js';
import type { VwCoachMelding } from './vw-coach-melding.js';
import './vw-coach-offline-walk.js';
import type { VwCoachOfflineWalk } from './vw-coach-offline-walk.js';
import { staffStyles } from './staff-styles.js';
import { staffFrame, type Me } from './vw-staff-app.js';
import { bindAccount } from './idb.js';
import { signOut } from './sign-out.js';
import './vw-staff-session.js';
import type { StaffHandle, StaffOfflineAnswer } from './vw-staff-session.js';

interface Meta {
  domains: { id: string; name: string; tree: string | null }[];
  scale: { value: number; label: string }[];
}

const ME = 'vw-coach-me';
const META = 'vw-coach-meta';

export class VwCoachApp extends LitElement {
  static override properties = {
    me: { state: true },
    meta: { state: true },
    plans: { state: true },
    plan: { state: true },
    queued: { state: true },
    conflicts: { state: true },
    online: { state: true },
    error: { state: true },
    advice: { state: true },
    offline: { state: true },
    walks: { state: true },
    meldingen: { state: true },
    melding: { state: true },
    devicePreviews: { state: true },
    notice: { state: true },
  };
  static override styles = [
    staffStyles,
    css`
      .scale {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
      }
      .domain {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space);
        margin-block: var(--_space);
        break-inside: avoid;
      }
      .pending {
        font-weight: 600;
        color: #6b4e00;
      }
      .print-only {
        display: none;
      }
      @media print {
        .print-only {
          display: block;
        }
        textarea {
          border: 0;
          min-block-size: 0;
        }
      }
    `,
  ];
  declare me: Me | undefined;
  declare meta: Meta | undefined;
  declare plans: { id: string; label: string; updatedAt: string }[];
  declare plan: Plan | undefined;
  declare queued: number;
  declare conflicts: Conflict[];
  declare online: boolean;
  declare error: string | undefined;
  declare advice: { domain: string; handle: StaffHandle } | undefined;
  /** A domain's advice walked on this device, without a connection. */
  declare offline: { tree: OfflineTree; walk: Walk } | undefined;
  /** The open plan's walks and meldingen still on this device (waiting, or refused by the server). */
  declare walks: Walk[];
  declare meldingen: QueuedMelding[];
  /** The domain whose Wmo melding the coach is making with the resident. */
  declare melding: { domain: string; preview: MeldingPreview } | undefined;
  /** Domain → the check-answers page of a melding on advice walked here and not sent yet. */
  declare devicePreviews: Record<string, MeldingPreview>;
  /** What just happened out of sight (a walk sent, a melding's reference): said once, politely. */
  declare notice: string | undefined;
  private sync = new CoachSync();
  private timer?: ReturnType<typeof setInterval>;
  private onOnline = () => {
    this.online = true;
    void this.sync.flush();
  };
  private onOffline = () => (this.online = false);

  constructor() {
    super();
    this.plans = [];
    this.walks = [];
    this.meldingen = [];
    this.devicePreviews = {};
    this.queued = 0;
    this.conflicts = [];
    this.online = navigator.onLine;
    const me = localStorage.getItem(ME);
    const meta = localStorage.getItem(META);
    if (me) this.me = JSON.parse(me) as Me;
    // Offline, the device works in the store of whoever signed in last here (until they sign out).
    if (this.me) bindAccount(this.me.name);
    if (meta) this.meta = JSON.parse(meta) as Meta;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.sync.addEventListener('change', () => void this.refreshQueue());
    this.sync.addEventListener('walk-sent', (e) => void this.onWalkSent((e as CustomEvent<WalkSent>).detail));
    this.sync.addEventListener('melding-sent', (e) => {
      const { receipt, melding } = (e as CustomEvent<{ receipt: { reference: string }; melding: QueuedMelding }>).detail;
      this.notice = `Wmo-melding verstuurd (${this.domainName(melding.domain)}), kenmerk ${receipt.reference}.`;
    });
    // 'online' is not always fired (a captive portal, a flaky link): try again now and then.
    this.timer = setInterval(() => void this.sync.flush(), 15_000);
    installShell().catch(() => undefined);
    void this.start();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    clearInterval(this.timer);
    super.disconnectedCallback();
  }

  private async start() {
    try {
      const me = await staffCall<Me>('GET', '/api/staff/me');
      // Another coach on this tablet: their own store, and not the previous coach's last plan.
      if (this.me && this.me.name !== me.name) localStorage.removeItem('vw-coach-plan');
      bindAccount(me.name);
      this.me = me;
      localStorage.setItem(ME, JSON.stringify(this.me));
      this.meta = await staffCall<Meta>('GET', '/api/staff/coach/meta');
      localStorage.setItem(META, JSON.stringify(this.meta));
      this.plans = await staffCall('GET', '/api/staff/coach/plans');
      // Keep the advice trees on this device, for a kitchen table without internet.
      await this.sync.cacheOfflineTrees().catch(() => undefined);
    } catch (e) {
      if ((e as StaffApiError).status === 401) return location.assign('/staff/login?next=%2Fcoach');
      this.error = 'Geen verbinding. U kunt verder met het laatst geopende plan; antwoorden worden bewaard en later verstuurd.';
    }
    const last = sessionStorage.getItem('vw-coach-plan') ?? localStorage.getItem('vw-coach-plan');
    if (last) await this.openPlan(last);
    await this.refreshQueue();
    void this.sync.flush();
  }

  private async refreshQueue() {
    this.queued = await this.sync.unsent();
    this.conflicts = await this.sync.conflicts();
    this.walks = this.plan ? await this.sync.walks(this.plan.id) : [];
    this.meldingen = this.plan ? await this.sync.meldingen(this.plan.id) : [];
    const previews: Record<string, MeldingPreview> = {};
    for (const w of this.walks) {
      const tree = await this.sync.offlineTree(w.domain);
      const preview = tree && devicePreview(tree, w);
      if (preview) previews[w.domain] = preview;
    }
    this.devicePreviews = previews;
    // The walk on screen was refused meanwhile: show why (it stays on the device until the coach drops it).
    const shown = this.offline && this.walks.find((w) => w.key === this.offline!.walk.key);
    if (shown?.failed && !this.offline!.walk.failed) this.offline = { ...this.offline!, walk: shown };
    if (this.plan) {
      const cached = await this.sync.cachedPlan(this.plan.id);
      if (cached) this.plan = await this.withPending(cached);
    }
  }

  /** The plan as the coach last saw it, with queued (not yet sent) changes laid over it. */
  private async withPending(plan: Plan): Promise<Plan> {
    const pending = await this.sync.pendingEntries(plan.id);
    let entries = plan.entries;
    for (const c of pending) {
      const rest = entries.filter((e) => e.domain !== c.domain);
      const old = entries.find((e) => e.domain === c.domain);
      entries = [
        ...rest,
        {
          ...old,
          domain: c.domain,
          score: c.score,
          note: c.note,
          sessionId: old?.sessionId ?? null,
          revision: old?.revision ?? 0,
          updatedAt: '',
        },
      ];
    }
    // A stable order: entries keep their place (and their form) while changes come and go.
    return { ...plan, entries: entries.sort((a, b) => a.domain.localeCompare(b.domain)) };
  }

  private async openPlan(id: string) {
    this.error = undefined;
    // Asked before the GET: a creation still queued (or in flight) then may well be answered 404,
    // and it can be sent and leave the queue while the GET is on its way.
    const madeHere = (await this.sync.pending(id)).some((c) => c.kind === 'plan');
    try {
      const plan = await staffCall<Plan>('GET', `/api/staff/coach/plans/${encodeURIComponent(id)}`);
      // Queued changes are based on the cached revisions: do not overwrite those before they are sent.
      if (!(await this.sync.pending(id)).length) await this.sync.cachePlan(plan);
    } catch (e) {
      // 404 for a plan made on this device whose creation was still queued is not "gone".
      if ((e as StaffApiError).status === 404 && !madeHere) return localStorage.removeItem('vw-coach-plan');
    }
    const cached = await this.sync.cachedPlan(id);
    if (!cached) return void (this.error = 'Dit plan is niet op dit apparaat bewaard en er is geen verbinding.');
    this.plan = await this.withPending(cached);
    localStorage.setItem('vw-coach-plan', id);
    await this.refreshQueue();
  }

  private domainName(id: string): string {
    return this.meta?.domains.find((d) => d.id === id)?.name ?? id;
  }

  private create = async (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const label = String(data.get('label') ?? '').trim();
    const question = String(data.get('question') ?? '').trim();
    if (!label || !question) return void (this.error = 'Vul een herkenbare naam en de hulpvraag in.');
    const plan = await this.sync.createPlan(label, question);
    this.plans = [{ id: plan.id, label: plan.label, updatedAt: plan.updatedAt }, ...this.plans];
    await this.openPlan(plan.id);
  };

  private addDomains = async (e: SubmitEvent) => {
    e.preventDefault();
    // Read the form before awaiting: a shadow-DOM event's target is cleared once dispatch ends.
    const form = e.target as HTMLFormElement;
    const chosen = new FormData(form).getAll('domain').map(String);
    form.reset();
    for (const d of chosen) await this.sync.save(this.plan!, d, null, '');
  };

  private saveDomain = async (e: SubmitEvent, domain: string) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const score = data.get('score');
    const cached = (await this.sync.cachedPlan(this.plan!.id)) ?? this.plan!;
    await this.sync.save(cached, domain, score ? Number(score) : null, String(data.get('note') ?? '').trim());
  };

  private startAdvice = async (domain: string) => {
    // A walk of this domain still on the device (not finished, or refused) is continued there, not beside it.
    const kept = this.walks.find((w) => w.domain === domain);
    if (!navigator.onLine || kept) return this.startOfflineAdvice(domain);
    try {
      const r = await staffCall<{ session: CreatedSession }>(
        'POST',
        `/api/staff/coach/plans/${encodeURIComponent(this.plan!.id)}/entries/${domain}/session`,
      );
      this.advice = { domain, handle: { id: r.session.id, token: r.session.token } };
      await this.openPlan(this.plan!.id);
    } catch (err) {
      if ((err as StaffApiError).offline) return this.startOfflineAdvice(domain);
      this.error = (err as Error).message;
    }
  };

  /** Back to the plan, which now shows the domain's walked advice. */
  private closeAdvice = async () => {
    this.advice = undefined;
    await this.openPlan(this.plan!.id);
  };

  /** Without a connection: walk the tree stored on this device; the answers are sent later. */
  private async startOfflineAdvice(domain: string) {
    const tree = await this.sync.offlineTree(domain);
    if (!tree) {
      this.error = 'Deze beslisboom is nog niet op dit apparaat bewaard. Open de pagina één keer met verbinding.';
      return;
    }
    // Any walk of the domain still here (unfinished, finished but not sent, or refused) is the one to show.
    const open = (await this.sync.walks(this.plan!.id)).find((w) => w.domain === domain);
    const walk: Walk = open ?? {
      key: newKey(),
      planId: this.plan!.id,
      domain,
      tree: tree.tree,
      bundleHash: tree.bundleHash,
      answers: [],
      done: false,
    };
    await this.sync.saveWalk(walk);
    this.advice = undefined;
    this.offline = { tree, walk };
    await this.focusOfflineStep();
  }

  private async focusOfflineStep() {
    await this.updateComplete;
    await this.renderRoot.querySelector<VwCoachOfflineWalk>('vw-coach-offline-walk')?.focusStep();
  }

  /**
   * The connection dropped while the coach answered online: the walk carries on with the tree kept
   * on this device, from the answers the session holds, with the answer just given – and goes into
   * the same session once there is a connection again.
   */
  private onOfflineAnswer = (e: CustomEvent<StaffOfflineAnswer>) => {
    e.preventDefault();
    void this.continueOffline(this.advice!.domain, e.detail);
  };

  private async continueOffline(domain: string, { state, node, value }: StaffOfflineAnswer) {
    const tree = await this.sync.offlineTree(domain);
    const lost = 'Geen verbinding met de server. Dit antwoord is niet bewaard: geef het opnieuw als er weer verbinding is.';
    if (!tree) return void (this.error = `${lost} (De beslisboom is niet op dit apparaat bewaard.)`);
    const at = new Date().toISOString();
    const carried = continueOnDevice(tree, domain, state.trail, { node, value }, at);
    // The device keeps another version of the tree than the session runs on: no guessing.
    if (!carried) return void (this.error = `${lost} (De beslisboom op dit apparaat is een andere versie dan dit gesprek.)`);
    const walk: Walk = {
      key: newKey(),
      planId: this.plan!.id,
      domain,
      tree: tree.tree,
      bundleHash: tree.bundleHash,
      answers: carried.answers,
      done: carried.done,
      continues: { sessionId: state.id, version: state.version, answered: carried.answered },
    };
    await this.sync.saveWalk(walk);
    this.advice = undefined;
    this.offline = { tree, walk };
    await this.focusOfflineStep();
  }

  /** The server has the walk: the coach continues in that session, online. */
  private async onWalkSent({ walk, session }: WalkSent) {
    if (this.offline?.walk.key !== walk.key) return;
    const hadFocus = this.matches(':focus-within');
    this.offline = undefined;
    this.advice = { domain: walk.domain, handle: session };
    this.notice = `Er is weer verbinding: de antwoorden van dit apparaat staan in het gesprek op de server (${this.domainName(walk.domain)}).`;
    await this.updateComplete;
    if (hadFocus) this.renderRoot.querySelector<HTMLElement>('#adv-h')?.focus();
    if (this.plan?.id === walk.planId) await this.openPlan(walk.planId);
  }

  /** A refused walk: the coach drops it from the device and opens the session as the server has it. */
  private onWalkDiscard = async (e: CustomEvent<Walk>) => {
    await this.sync.dropWalk(e.detail.key);
    this.offline = undefined;
    await this.refreshQueue();
    await this.startAdvice(e.detail.domain);
  };

  private closeOffline = async () => {
    this.offline = undefined;
    await this.refreshQueue();
  };

  /** The check-answers page is taken when the flow opens: the plan changes under it once the melding is sent. */
  private openMelding = async (e: Entry) => {
    const preview = this.meldingPreview(e);
    if (!preview) return;
    this.melding = { domain: e.domain, preview };
    await this.updateComplete;
    await this.renderRoot.querySelector<VwCoachMelding>('vw-coach-melding')?.focusHeading();
  };

  private closeMelding = async () => {
    const domain = this.melding?.domain;
    this.melding = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`form[data-domain="${domain}"] h3`)?.focus();
  };

  private onWalkChange = async (e: CustomEvent<Walk>) => {
    this.offline = this.offline && { ...this.offline, walk: e.detail };
    await this.sync.saveWalk(e.detail);
    await this.refreshQueue();
  };

  private status() {
    const n = this.queued;
    const refused = this.walks.filter((w) => w.failed).length + this.meldingen.filter((m) => m.failed).length;
    const text =
      !this.online || (this.sync.state === 'offline' && n)
        ? `Offline. ${n ? `${n} ${n === 1 ? 'antwoord wacht' : 'antwoorden wachten'} op verbinding.` : 'Nieuwe antwoorden worden op dit apparaat bewaard.'}`
        : this.sync.state === 'signed-out'
          ? `Log opnieuw in om ${n} bewaarde ${n === 1 ? 'antwoord' : 'antwoorden'} te versturen. Ze blijven op dit apparaat.`
          : n
            ? `${n} ${n === 1 ? 'antwoord wordt' : 'antwoorden worden'} verstuurd…`
            : this.conflicts.length
              ? `Niet alles is bewaard: kies bij ${this.conflicts.length === 1 ? 'het conflict' : `de ${this.conflicts.length} conflicten`} hieronder welke versie blijft.`
              : refused
                ? 'Niet alles is overgenomen door de server: zie het plan hieronder.'
                : 'Alles is bewaard op de server.';
    const pending = n || this.conflicts.length || refused;
    return html`<p class="notice no-print" role="status" data-sync=${pending ? 'pending' : 'done'}>${text}</p>
      <div class="no-print" role="status">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>`;
  }

  private conflictList() {
    if (!this.conflicts.length) return nothing;
    const name = (d: string) => this.meta?.domains.find((x) => x.id === d)?.name ?? d;
    return html`<section class="panel no-print" aria-labelledby="cf-h">
      <h2 id="cf-h">Conflicten (${this.conflicts.length})</h2>
      <p>
        Deze antwoorden zijn niet overgenomen, omdat het plan intussen ergens anders is gewijzigd. Kies per antwoord welke versie blijft.
      </p>
      <ul>
        ${this.conflicts.map(
          (c) =>
            html`<li>
              <strong>${name(c.domain)}</strong>: uw versie score ${c.score ?? '–'}${c.note ? ` “${c.note}”` : ''};
              ${c.current ? html`op de server score ${c.current.score ?? '–'}${c.current.note ? ` “${c.current.note}”` : ''}` : html`${c.detail}`}
              <div class="actions">
                <button type="button" @click=${() => this.sync.keepMine(c)}>Mijn versie opslaan</button>
                ${c.current ? html`<button type="button" @click=${() => this.sync.keepTheirs(c)}>Versie van de server houden</button>` : nothing}
              </div>
            </li>`,
        )}
      </ul>
    </section>`;
  }

  /** What of this domain is on the device or the server beyond the scores: a refused walk, the Wmo melding. */
  private deviceState(e: Entry) {
    const name = html`<span class="visually-hidden"> – ${this.domainName(e.domain)}</span>`;
    const refused = this.walks.find((w) => w.domain === e.domain && w.failed);
    const queued = this.meldingen.find((m) => m.domain === e.domain);
    const made = e.melding?.made;
    const offered = !made && !!this.meldingPreview(e);
    return html`${
      refused
        ? html`<p class="error no-print">
            Het advies van dit apparaat is niet overgenomen.
            <button type="button" class="link" @click=${() => this.startAdvice(e.domain)}>Bekijken${name}</button>
          </p>`
        : nothing
    }
    ${
      made
        ? html`<p class="melding-made"><strong>Wmo-melding gedaan</strong>, kenmerk ${made.reference}.</p>`
        : queued && !queued.failed
          ? html`<p class="pending">Wmo-melding bewaard op dit apparaat. Die wordt één keer verstuurd zodra er verbinding is.</p>`
          : queued?.failed
            ? html`<p class="error no-print">Wmo-melding niet verstuurd: ${queued.failed}</p>
                <div class="actions no-print">
                  <button type="button" @click=${() => this.sync.dropMelding(queued.key).then(() => this.openMelding(e))}>
                    Wmo-melding opnieuw doen${name}
                  </button>
                </div>`
            : offered
              ? html`<div class="actions no-print">
                  <button type="button" @click=${() => this.openMelding(e)}>Wmo-melding doen met de inwoner${name}</button>
                </div>`
              : nothing
    }`;
  }

  private planView(p: Plan) {
    const meta = this.meta;
    const recorded = new Set(p.entries.map((e) => e.domain));
    const free = meta?.domains.filter((d) => !recorded.has(d.id)) ?? [];
    return html`<section aria-labelledby="plan-h">
      <h2 id="plan-h">Plan: ${p.label}</h2>
      <p class="print-only">Eén huishouden, één plan. Afgedrukt op ${new Date().toLocaleDateString('nl-NL')}.</p>
      <p><strong>Hulpvraag:</strong> ${p.question}</p>
      <div class="actions no-print">
        <button type="button" @click=${() => window.print()}>Plan afdrukken</button>
        <button type="button" @click=${() => ((this.plan = undefined), localStorage.removeItem('vw-coach-plan'))}>Ander plan</button>
      </div>
      ${repeat(
        p.entries,
        (e) => e.domain,
        (e) => {
          const d = meta?.domains.find((x) => x.id === e.domain);
          const pending = e.updatedAt === '';
          return html`<form class="domain" data-domain=${e.domain} @submit=${(ev: SubmitEvent) => this.saveDomain(ev, e.domain)} novalidate>
            <fieldset>
              <legend><h3 tabindex="-1">${d?.name ?? e.domain}</h3></legend>
              ${pending ? html`<p class="pending no-print">Nog niet verstuurd</p>` : nothing}
              <div class="scale" role="radiogroup" aria-label=${`Zelfredzaamheid ${d?.name ?? e.domain}`}>
                ${meta?.scale.map(
                  (s) =>
                    html`<div class="choice">
                      <input type="radio" id=${`${e.domain}-${s.value}`} name="score" value=${s.value} ?checked=${e.score === s.value} />
                      <label for=${`${e.domain}-${s.value}`}>${s.value} – ${s.label}</label>
                    </div>`,
                )}
              </div>
              <label class="block" for=${`${e.domain}-note`}>Afspraken en aantekening</label>
              <textarea id=${`${e.domain}-note`} name="note" maxlength="2000" .value=${e.note}></textarea>
            </fieldset>
            <div class="actions no-print">
              <button type="submit" class="primary">Opslaan<span class="visually-hidden"> – ${d?.name ?? e.domain}</span></button>
              ${d?.tree ? html`<button type="button" @click=${() => this.startAdvice(e.domain)}>Advies uit de beslisboom<span class="visually-hidden"> – ${d.name}</span></button>` : nothing}
            </div>
            ${
              e.advice?.items.length
                ? html`<div class="walked">
                    <h4>Advies uit de beslisboom${e.advice.done ? '' : ' (nog niet af)'}</h4>
                    <ul>
                      ${e.advice.items.map((a) => html`<li>${a.title}</li>`)}
                    </ul>
                  </div>`
                : e.sessionId
                  ? html`<p class="hint">Gekoppeld aan een advies-gesprek.</p>`
                  : nothing
            }
            ${this.deviceState(e)}
          </form>`;
        },
      )}
      ${
        free.length
          ? html`<form class="panel no-print" @submit=${this.addDomains} novalidate>
              <fieldset>
                <legend><h3>Welke leefgebieden heeft de hulpvraag nodig?</h3></legend>
                <p class="hint">Leg alleen vast wat nodig is voor deze hulpvraag.</p>
                ${free.map((d) => html`<div class="choice"><input type="checkbox" id=${`add-${d.id}`} name="domain" value=${d.id} /><label for=${`add-${d.id}`}>${d.name}</label></div>`)}
              </fieldset>
              <div class="actions"><button type="submit">Toevoegen aan plan</button></div>
            </form>`
          : nothing
      }
      ${
        this.advice
          ? html`<section class="panel no-print" aria-labelledby="adv-h">
              <h2 id="adv-h" tabindex="-1">Advies: ${meta?.domains.find((x) => x.id === this.advice!.domain)?.name}</h2>
              <vw-staff-session
                .handle=${this.advice.handle}
                channel="wijkcoach"
                @vw-staff-offline-answer=${this.onOfflineAnswer}
              ></vw-staff-session>
              <div class="actions">
                <button type="button" @click=${this.closeAdvice}>Klaar met advies</button>
              </div>
            </section>`
          : nothing
      }
      ${
        this.offline
          ? html`<section class="panel no-print" aria-labelledby="off-h">
              <h2 id="off-h">Advies: ${meta?.domains.find((x) => x.id === this.offline!.walk.domain)?.name}</h2>
              <vw-coach-offline-walk
                .tree=${this.offline.tree}
                .walk=${this.offline.walk}
                @walk-change=${this.onWalkChange}
                @walk-discard=${this.onWalkDiscard}
              ></vw-coach-offline-walk>
              <div class="actions">
                <button type="button" @click=${this.closeOffline}>Klaar met advies</button>
              </div>
            </section>`
          : nothing
      }
      ${this.meldingPanel(p)}
    </section>`;
  }

  /** The check-answers page for a domain's melding: of the walk on this device if there is one, else the server's. */
  private meldingPreview(e: Entry): MeldingPreview | undefined {
    if (e.melding?.made) return undefined;
    if (this.walks.some((w) => w.domain === e.domain)) return this.devicePreviews[e.domain];
    return e.melding?.preview && !e.melding.preview.made ? e.melding.preview : undefined;
  }

  private meldingPanel(p: Plan) {
    const m = this.melding;
    if (!m) return nothing;
    return html`<section class="panel no-print" aria-label=${`Wmo-melding met de inwoner: ${this.domainName(m.domain)}`}>
      <vw-coach-melding
        .sync=${this.sync}
        .planId=${p.id}
        .domain=${m.domain}
        .preview=${m.preview}
        @vw-close=${this.closeMelding}
      ></vw-coach-melding>
    </section>`;
  }

  override render() {
    const body = html`${this.status()} ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    ${this.conflictList()}
    ${
      this.plan
        ? this.planView(this.plan)
        : html`<div class="grid">
            <section class="panel" aria-labelledby="list-h">
              <h2 id="list-h">Mijn plannen</h2>
              ${
                this.plans.length
                  ? html`<ul>
                      ${this.plans.map((p) => html`<li><button type="button" class="link" @click=${() => this.openPlan(p.id)}>${p.label}</button> (${time(p.updatedAt)})</li>`)}
                    </ul>`
                  : html`<p>Nog geen plannen.</p>`
              }
            </section>
            <section class="panel" aria-labelledby="new-h">
              <h2 id="new-h">Nieuw plan</h2>
              <form @submit=${this.create} novalidate>
                <label class="block" for="label">Huishouden (initialen of dossiernummer)</label>
                <input type="text" id="label" name="label" maxlength="80" autocomplete="off" />
                <label class="block" for="question">Hulpvraag</label>
                <textarea id="question" name="question" maxlength="1000"></textarea>
                <div class="actions"><button type="submit" class="primary">Plan maken</button></div>
              </form>
            </section>
          </div>`
    }`;
    return staffFrame('Keukentafel: één huishouden, één plan', this.me, () => void this.logout(), body);
  }

  private logout() {
    return signOut();
  }
}

customElements.get('vw-coach-app') || customElements.define('vw-coach-app', VwCoachApp);
