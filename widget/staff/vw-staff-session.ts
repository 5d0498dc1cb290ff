// One resident session as staff see it: the shared step renderer (with the tree's staff wording),
// the whole trail with channel and time, notes per step (staff only), the advice as it forms, a
// warm handover and a concern report on behalf of the caller.
import { html, LitElement, nothing } from 'lit';
import type { FullSessionState, PresentedService } from '../../server/api/contract.js';
import '../vw-advice-plan.js';
import '../vw-melding-flow.js';
import type { MeldingTransport } from '../vw-melding-flow.js';
import '../vw-step.js';
import { GemeenteProvider } from '../gemeente-context.js';
import { channelLabel, gemeenteOf, newKey, staffCall, StaffApiError, time } from './staff-api.js';
import { staffStyles } from './staff-styles.js';

export interface StaffHandle {
  id: string;
  token: string;
}

interface StaffView {
  state: FullSessionState;
  channel: string;
  notes: { id: string; node: string; text: string; by: string; at: string }[];
  consents: { purpose: string; channel: string; by: string; at: string }[];
  handovers: { id: string; serviceId: string; shared: string[]; status: string; by: string; at: string }[];
  services: PresentedService[];
}

/** What each outbox status means for the medewerker: what happened, and what to do. */
const HANDOVER_STATUS: Record<string, string> = {
  'klaar-voor-overdracht': 'wordt verzonden',
  bezig: 'wordt verzonden',
  'opnieuw-proberen': 'nog niet aangekomen, wordt opnieuw geprobeerd',
  verzonden: 'aangekomen bij de organisatie',
  mislukt: 'niet aangekomen: bel de organisatie en lees de samenvatting voor',
  'geen-koppeling': 'deze organisatie heeft geen koppeling: bel ze en lees de samenvatting voor',
};
export class VwStaffSession extends LitElement {
  static override properties = {
    handle: { attribute: false },
    channel: { type: String },
    view: { state: true },
    busy: { state: true },
    message: { state: true },
    error: { state: true },
    consentTexts: { attribute: false },
    melding: { state: true },
  };
  static override styles = staffStyles;
  declare handle: StaffHandle | undefined;
  declare channel: 'telefoon' | 'loket' | 'wijkcoach';
  declare view: StaffView | undefined;
  declare busy: boolean;
  declare message: string | undefined;
  declare error: string | undefined;
  declare consentTexts: { handover: string } | undefined;
  /** The Wmo melding on behalf of the caller is open (from the plan's Wmo-melding item). */
  declare melding: boolean;
  /** The session's municipality for the widget parts inside (texts, help bar) and the channel labels. */
  private readonly municipality = new GemeenteProvider(this);
  private gemeenteFor = '';

  constructor() {
    super();
    this.channel = 'telefoon';
    this.busy = false;
    this.melding = false;
  }

  private get headers() {
    return { 'x-session-token': this.handle!.token };
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('handle') && this.handle) void this.refresh();
    const tree = this.view?.state.tree;
    if (tree && tree !== this.gemeenteFor) {
      this.gemeenteFor = tree;
      void gemeenteOf(tree).then((view) => {
        this.municipality.set(view);
        this.requestUpdate();
      });
    }
  }

  private channelName(channel: string): string {
    return channelLabel(channel, this.municipality.view?.kcc.phone);
  }

  async refresh(): Promise<void> {
    if (!this.handle) return;
    await this.act(async () => {
      this.view = await staffCall<StaffView>('GET', `/api/staff/sessions/${encodeURIComponent(this.handle!.id)}`, undefined, this.headers);
    });
  }

  private async act(fn: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = undefined;
    try {
      await fn();
    } catch (e) {
      const err = e instanceof StaffApiError ? e : new StaffApiError(0);
      if (err.status === 409 && err.problem?.state) {
        this.view = { ...this.view!, state: err.problem.state as FullSessionState };
        this.message = 'De inwoner (of een collega) heeft intussen iets veranderd. U ziet nu de actuele stand.';
      } else this.error = err.message;
    } finally {
      this.busy = false;
    }
  }

  private answer = (e: CustomEvent<{ node: string; value: unknown }>) => {
    const s = this.view?.state;
    if (!s || this.busy) return;
    void this.act(async () => {
      const state = await staffCall<FullSessionState>(
        'POST',
        `/api/staff/sessions/${encodeURIComponent(s.id)}/answers`,
        { node: e.detail.node, value: e.detail.value, version: s.version, idempotencyKey: newKey(), channel: this.channel },
        this.headers,
      );
      this.view = { ...this.view!, state };
      this.message = undefined;
    });
  };

  private back = () => {
    const s = this.view?.state;
    if (!s || this.busy) return;
    void this.act(async () => {
      const state = await staffCall<FullSessionState>(
        'POST',
        `/api/staff/sessions/${encodeURIComponent(s.id)}/back`,
        { version: s.version, idempotencyKey: newKey() },
        this.headers,
      );
      this.view = { ...this.view!, state };
    });
  };

  private addNote = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const text = String(data.get('text') ?? '').trim();
    if (!text) return void (this.error = 'Schrijf eerst een aantekening.');
    void this.act(async () => {
      await staffCall(
        'POST',
        `/api/staff/sessions/${encodeURIComponent(this.handle!.id)}/notes`,
        { node: String(data.get('node')), text },
        this.headers,
      );
      form.reset();
      await this.refresh();
      this.message = 'Aantekening opgeslagen.';
    });
  };

  private handover = (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const shared = data.getAll('shared').map(String);
    if (!data.get('consent')) return void (this.error = 'Lees de toestemmingstekst voor en vink aan dat de inwoner akkoord is.');
    if (!shared.length) return void (this.error = 'Kies wat u doorgeeft.');
    void this.act(async () => {
      const r = await staffCall<{ organisation: string }>(
        'POST',
        `/api/staff/sessions/${encodeURIComponent(this.handle!.id)}/handover`,
        { serviceId: String(data.get('service')), shared, consent: true },
        this.headers,
      );
      await this.refresh();
      this.message = `Overdracht aan ${r.organisation} vastgelegd, met de toestemming.`;
    });
  };

  private concern = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const noticed = String(data.get('noticed') ?? '').trim();
    if (!noticed) return void (this.error = 'Beschrijf wat de beller heeft gezien.');
    const area = String(data.get('area') ?? '').trim();
    void this.act(async () => {
      const r = await staffCall<{ reference: string }>(
        'POST',
        '/api/staff/concern-reports',
        {
          sessionId: this.handle!.id,
          about: String(data.get('about')),
          urgency: String(data.get('urgency')),
          noticed,
          ...(area ? { area } : {}),
          idempotencyKey: newKey(),
          channel: this.channel,
        },
        this.headers,
      );
      form.reset();
      this.message = `Zorgmelding vastgelegd met kenmerk ${r.reference}. Geef dit kenmerk aan de beller.`;
    });
  };

  private openMelding = async () => {
    this.melding = true;
    await this.updateComplete;
    await this.renderRoot.querySelector<HTMLElement & { focusHeading(): Promise<void> }>('vw-melding-flow')?.focusHeading();
  };

  /** The melding as this medewerker makes it for the caller: the console's session token and channel. */
  private meldingTransport(): MeldingTransport {
    const path = `/api/staff/sessions/${encodeURIComponent(this.handle!.id)}/melding`;
    return {
      preview: () => staffCall('GET', path, undefined, this.headers),
      send: (body) => staffCall('POST', path, { ...body, channel: this.channel }, this.headers),
    };
  }

  override render() {
    const v = this.view;
    if (!v) return html`<p role="status">${this.error ?? 'Gesprek laden…'}</p>`;
    const s = v.state;
    const notesFor = (node: string) => v.notes.filter((n) => n.node === node);
    const steps = [
      ...s.trail.map((t) => ({ node: t.node, label: t.question })),
      ...(s.step.kind !== 'end' ? [{ node: s.step.id, label: `${s.step.text} (huidige vraag)` }] : []),
    ];
    return html`
      <div role="status" aria-live="polite">${this.message ? html`<p class="notice">${this.message}</p>` : nothing}</div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <p>
        Boom <strong>${s.tree}</strong> (versie ${s.treeVersion}) · uw kanaal: <strong>${this.channelName(this.channel)}</strong> · versie
        ${s.version} <button type="button" class="link" @click=${() => this.refresh()}>Vernieuwen</button>
      </p>
      <div class="grid">
        <section class="panel" aria-labelledby="q-h">
          <h2 id="q-h">Huidige vraag</h2>
          ${
            s.step.kind === 'end'
              ? html`<p>${s.step.text}</p>
                  ${s.step.staff ? html`<p class="hint">${s.step.staff}</p>` : nothing}
                  <p><strong>Het advies is compleet.</strong></p>`
              : html`<vw-step show-staff .step=${s.step} ?busy=${this.busy} @vw-answer=${this.answer} @vw-back=${this.back}></vw-step>`
          }
        </section>
        <section class="panel" aria-labelledby="t-h">
          <h2 id="t-h">Verloop (${s.trail.length})</h2>
          ${
            s.trail.length
              ? html`<table>
                  <caption class="visually-hidden">
                    Alle vragen en antwoorden, met kanaal en tijd
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Vraag</th>
                      <th scope="col">Antwoord</th>
                      <th scope="col">Kanaal</th>
                      <th scope="col">Tijd</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${s.trail.map(
                      (t) =>
                        html`<tr data-node=${t.node}>
                          <td>
                            <span class="q">${t.question}</span
                            >${notesFor(t.node).map((n) => html`<div class="note">Aantekening (${n.by}): ${n.text}</div>`)}
                          </td>
                          <td>${t.answer}</td>
                          <td>${this.channelName(t.channel)}</td>
                          <td>${time(t.at)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
              : html`<p>Nog geen antwoorden.</p>`
          }
          <form @submit=${this.addNote} novalidate>
            <h3>Aantekening bij een stap</h3>
            <p class="hint">Alleen voor medewerkers. De inwoner ziet dit niet.</p>
            <label class="block" for="note-node">Bij stap</label>
            <select id="note-node" name="node">
              ${steps.map((x) => html`<option value=${x.node}>${x.label}</option>`)}
            </select>
            <label class="block" for="note-text">Aantekening</label>
            <textarea id="note-text" name="text" maxlength="2000"></textarea>
            <div class="actions"><button type="submit">Aantekening opslaan</button></div>
          </form>
        </section>
      </div>
      <section class="panel" aria-labelledby="a-h">
        <h2 id="a-h">Advies tot nu toe</h2>
        <vw-advice-plan melding .advice=${s.advice} @vw-melding=${this.openMelding}></vw-advice-plan>
      </section>
      ${
        this.melding
          ? html`<section class="panel" aria-label="Wmo-melding namens de beller">
              <vw-melding-flow .transport=${this.meldingTransport()} @vw-close=${() => (this.melding = false)}></vw-melding-flow>
            </section>`
          : nothing
      }
      <div class="grid">
        <section class="panel" aria-labelledby="h-h">
          <h2 id="h-h">Warme overdracht</h2>
          <form @submit=${this.handover} novalidate>
            <label class="block" for="h-service">Naar organisatie (sociale kaart)</label>
            <select id="h-service" name="service">
              ${v.services.map((x) => html`<option value=${x.id}>${x.name} – ${x.organisation}</option>`)}
            </select>
            <fieldset>
              <legend class="block">Wat geeft u door?</legend>
              ${[
                ['trail', 'Vragen en antwoorden'],
                ['advice', 'Advies'],
                ['notes', 'Aantekeningen'],
              ].map(
                ([value, label]) =>
                  html`<div class="choice">
                    <input type="checkbox" id=${`sh-${value}`} name="shared" value=${value!} ?checked=${value !== 'notes'} /><label
                      for=${`sh-${value}`}
                      >${label}</label
                    >
                  </div>`,
              )}
            </fieldset>
            <p class="consent">${this.consentTexts?.handover ?? ''}</p>
            <div class="choice">
              <input type="checkbox" id="h-consent" name="consent" value="yes" /><label for="h-consent">De inwoner geeft toestemming</label>
            </div>
            <div class="actions"><button type="submit" class="primary">Overdracht vastleggen</button></div>
          </form>
          ${
            v.handovers.length
              ? html`<ul>
                  ${v.handovers.map(
                    (h) =>
                      html`<li>
                        ${h.serviceId}: ${h.shared.join(', ')} – ${HANDOVER_STATUS[h.status] ?? h.status} (${h.by}, ${time(h.at)})
                      </li>`,
                  )}
                </ul>`
              : nothing
          }
        </section>
        <section class="panel" aria-labelledby="c-h">
          <h2 id="c-h">Zorgmelding namens de beller</h2>
          <form @submit=${this.concern} novalidate>
            <label class="block" for="c-about">Over wie?</label>
            <select id="c-about" name="about">
              ${[
                ['oudere', 'Een oudere'],
                ['kind', 'Een kind of jongere'],
                ['zorgmijder', 'Iemand die zorg mijdt of verward is'],
                ['dakloos', 'Iemand zonder huis'],
                ['geld', 'Geldzorgen'],
                ['mantelzorg', 'Een overbelaste mantelzorger'],
                ['anders', 'Anders'],
              ].map(([v2, l]) => html`<option value=${v2!}>${l}</option>`)}
            </select>
            <label class="block" for="c-urgency">Hoe dringend?</label>
            <select id="c-urgency" name="urgency">
              <option value="niet-dringend">Niet dringend</option>
              <option value="binnen-een-week">Binnen een week</option>
              <option value="dringend">Dringend</option>
            </select>
            <label class="block" for="c-noticed">Wat is er gezien?</label>
            <textarea id="c-noticed" name="noticed" maxlength="2000"></textarea>
            <label class="block" for="c-area">Buurt of straat (geen volledig adres)</label>
            <input type="text" id="c-area" name="area" maxlength="100" />
            <div class="actions"><button type="submit">Zorgmelding vastleggen</button></div>
          </form>
        </section>
      </div>
      <section class="panel" aria-labelledby="k-h">
        <h2 id="k-h">Toestemming en toegang</h2>
        <ul>
          ${v.consents.map((c) => html`<li>${c.purpose} via ${this.channelName(c.channel)} door ${c.by}, ${time(c.at)}</li>`)}
        </ul>
      </section>
    `;
  }
}

customElements.get('vw-staff-session') || customElements.define('vw-staff-session', VwStaffSession);
