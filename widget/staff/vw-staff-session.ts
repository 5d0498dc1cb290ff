// One resident session as staff see it: the shared step renderer (with the tree's staff wording),
// the whole trail with channel and time, notes per step (staff only), the advice as it forms, a
// warm handover and a concern report on behalf of the caller.
import { html, LitElement, nothing } from 'lit';
import type { AnsweredStep, FullSessionState } from '../../server/api/contract.js';
import { localize } from '../../engine/runtime.js';
import '../vw-advice-plan.js';
import '../vw-melding-flow.js';
import type { MeldingTransport } from '../vw-melding-flow.js';
import '../vw-answers.js';
import '../vw-step.js';
import { GemeenteProvider } from '../gemeente-context.js';
import { BACKGROUND, channelLabel, gemeenteOf, newKey, said, staffCall, StaffApiError, time, type Said } from './staff-api.js';
import { formatNumber, formatTime, StaffLangController, staffLang } from './staff-lang.js';
import { st, stIn, stMaybe, stParts } from './staff-messages.js';
import { staffStyles } from './staff-styles.js';
import './vw-staff-handover.js';
import type { HandoverRow, HandoverService } from './vw-staff-handover.js';

/** An answer the server could not be reached for, with the state it was given on. */
export interface StaffOfflineAnswer {
  state: FullSessionState;
  node: string;
  value: unknown;
}

export interface StaffHandle {
  id: string;
  token: string;
}

interface StaffView {
  state: FullSessionState;
  channel: string;
  notes: { id: string; node: string; text: string; by: string; at: string }[];
  consents: { purpose: string; channel: string; by: string; at: string }[];
  handovers: HandoverRow[];
  services: HandoverService[];
  /** Node → the staff member who gave that answer (channels other than the website). */
  answeredBy: Record<string, string>;
  /** The language the caller chose online (or the console started in). */
  callerLocale: string;
}

/** Each language named in itself (and marked with its lang), whatever the UI language. */
const LANGUAGES: Record<string, string> = { nl: 'Nederlands', en: 'English' };
const ABOUT = ['oudere', 'kind', 'zorgmijder', 'dakloos', 'geld', 'mantelzorg', 'anders'] as const;
const URGENCIES = ['niet-dringend', 'binnen-een-week', 'dringend'] as const;
const purposeName = (purpose: string) => stMaybe(`purpose_${purpose}`) ?? purpose;

export class VwStaffSession extends LitElement {
  static override properties = {
    handle: { attribute: false },
    channel: { type: String },
    view: { state: true },
    busy: { state: true },
    message: { state: true },
    error: { state: true },
    editing: { state: true },
    printed: { state: true },
    textLang: { state: true },
    texts: { state: true },
    consentTexts: { attribute: false },
    melding: { state: true },
  };
  static override styles = staffStyles;
  declare handle: StaffHandle | undefined;
  declare channel: 'telefoon' | 'loket' | 'wijkcoach';
  declare view: StaffView | undefined;
  declare busy: boolean;
  declare message: Said | undefined;
  declare error: Said | undefined;
  declare consentTexts: { handover: string } | undefined;
  /** The Wmo melding on behalf of the caller is open (from the plan's Wmo-melding item). */
  declare melding: boolean;
  /** "Wijzig": the answered step being changed; answering it revises, later answers that still fit stay. */
  declare editing: AnsweredStep | undefined;
  /** Answers given before going back or changing one: offered again as defaults, as in the widget. */
  private readonly remembered = new Map<string, unknown>();
  /** What the printed plan for the caller needs beyond the state: a fresh code and the moment. */
  declare printed: { resumeCode: string; resumeExpiresAt: string; at: string } | undefined;
  /** The language of the resident-facing texts and the consent script (the caller's, until switched). */
  declare textLang: string | undefined;
  /** The consent texts in `lang`. */
  declare texts: { handover: string } | undefined;

  /** "?lang=…" (or "&lang=…") once the language is known. */
  private q(sep: '?' | '&') {
    return this.textLang ? `${sep}lang=${encodeURIComponent(this.textLang)}` : '';
  }

  private switchLang = async (lang: string) => {
    this.textLang = lang;
    this.texts = await staffCall<{ handover: string }>('GET', `/api/staff/consent-texts?lang=${lang}`).catch(() => undefined);
    this.editing = undefined;
    await this.refresh();
  };
  /** The session's municipality for the widget parts inside (texts, help bar) and the channel labels. */
  private readonly municipality = new GemeenteProvider(this);
  private gemeenteFor = '';

  constructor() {
    super();
    new StaffLangController(this);
    this.channel = 'telefoon';
    this.busy = false;
    this.melding = false;
  }

  private get headers() {
    return { 'x-session-token': this.handle!.token };
  }

  /** Server-Sent Events: a new version of the session, from any channel, while this tab shows it. */
  private live: EventSource | undefined;

  /** The signed-in member's name: an answer given here is shown as theirs without reading the session again. */
  private me = '';

  override connectedCallback(): void {
    super.connectedCallback();
    staffCall<{ displayName: string }>('GET', '/api/staff/me').then(
      (me) => (this.me = me.displayName),
      () => undefined,
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.live?.close();
    this.live = undefined;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('handle') && this.handle) {
      void this.refresh();
      this.listen(this.handle.id);
    }
    const tree = this.view?.state.tree;
    if (tree && tree !== this.gemeenteFor) {
      this.gemeenteFor = tree;
      void gemeenteOf(tree).then((view) => {
        this.municipality.set(view);
        this.requestUpdate();
      });
    }
  }

  private listen(id: string) {
    this.live?.close();
    this.live = new EventSource(`/api/staff/sessions/${encodeURIComponent(id)}/live`);
    this.live.addEventListener('version', (e) => {
      const { version } = JSON.parse((e as MessageEvent<string>).data) as { version: number };
      // Our own change is answered by its own request; anything newer came from elsewhere.
      if (this.view && !this.busy && version > this.view.state.version) void this.catchUp();
    });
  }

  /** Reads the session again after a change elsewhere and says what came in (a status message). */
  private async catchUp() {
    try {
      const view = await staffCall<StaffView>(
        'GET',
        `/api/staff/sessions/${encodeURIComponent(this.handle!.id)}${this.q('?')}`,
        undefined,
        {
          ...this.headers,
          [BACKGROUND]: '1',
        },
      );
      if (this.view && view.state.version <= this.view.state.version) return;
      this.view = view;
      const last = view.state.trail.at(-1);
      if (last) {
        const who = () => (last.channel === 'web' ? st('liveByResident') : (view.answeredBy[last.node] ?? st('liveByStaff')));
        this.message = () =>
          st('liveAnswer', { channel: this.channelName(last.channel), who: who(), question: last.question, answer: last.answer });
      } else this.message = () => st('liveUpdated');
    } catch {
      // The next change or "Vernieuwen" tries again; nothing of the medewerker's is lost here.
    }
  }

  /** A channel in the staff UI language, or in `lang` (the printed plan for the caller). */
  private channelName(channel: string, lang?: string): string {
    return channelLabel(channel, this.municipality.view?.kcc.phone, lang);
  }

  /** The language of the resident-facing parts: the caller's, until the medewerker switches it. */
  private get residentLang(): string {
    return this.textLang ?? this.view?.callerLocale ?? 'nl';
  }

  async refresh(): Promise<void> {
    if (!this.handle) return;
    await this.act(async () => {
      this.view = await staffCall<StaffView>(
        'GET',
        `/api/staff/sessions/${encodeURIComponent(this.handle!.id)}${this.q('?')}`,
        undefined,
        this.headers,
      );
      this.textLang ??= this.view.callerLocale;
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
        this.message = () => st('problem_version-conflict');
      } else this.error = said(err);
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
        `/api/staff/sessions/${encodeURIComponent(s.id)}/answers${this.q('?')}`,
        { node: e.detail.node, value: e.detail.value, version: s.version, idempotencyKey: newKey(), channel: this.channel },
        this.headers,
      ).catch((err: unknown) => {
        // Without a connection the page around may carry on with the answer (the kitchen table
        // continues on the device's copy of the tree): it cancels this event, and nothing is lost.
        const detail: StaffOfflineAnswer = { state: s, node: e.detail.node, value: e.detail.value };
        const offline = new CustomEvent('vw-staff-offline-answer', { detail, bubbles: true, composed: true, cancelable: true });
        if (err instanceof StaffApiError && err.offline && !this.editing && !this.dispatchEvent(offline)) return undefined;
        throw err;
      });
      if (!state) return;
      this.view = { ...this.view!, state, answeredBy: { ...this.view!.answeredBy, [e.detail.node]: this.me || st('you') } };
      this.message = this.editing ? () => st('answerChanged') : undefined;
      this.editing = undefined;
      await this.focusQuestion();
    });
  };

  private change = (node: string) => {
    const s = this.view?.state;
    if (!s || this.busy) return;
    for (const e of s.trail) this.remembered.set(e.node, e.value);
    void this.act(async () => {
      this.editing = await staffCall<AnsweredStep>(
        'GET',
        `/api/staff/sessions/${encodeURIComponent(s.id)}/steps?node=${encodeURIComponent(node)}${this.q('&')}`,
        undefined,
        this.headers,
      );
      await this.focusQuestion();
    });
  };

  private cancelChange = () => {
    this.editing = undefined;
    void this.focusQuestion();
  };

  /** After a step changes, keyboard focus goes to the question panel's heading (not lost on <body>). */
  private async focusQuestion() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#q-h')?.focus();
  }

  private back = () => {
    const s = this.view?.state;
    if (!s || this.busy) return;
    for (const e of s.trail) this.remembered.set(e.node, e.value);
    void this.act(async () => {
      const state = await staffCall<FullSessionState>(
        'POST',
        `/api/staff/sessions/${encodeURIComponent(s.id)}/back${this.q('?')}`,
        { version: s.version, idempotencyKey: newKey() },
        this.headers,
      );
      this.view = { ...this.view!, state };
      this.editing = undefined;
      await this.focusQuestion();
    });
  };

  private print = () => {
    void this.act(async () => {
      const issued = await staffCall<{ resumeCode: string; resumeExpiresAt: string }>(
        'POST',
        `/api/staff/sessions/${encodeURIComponent(this.handle!.id)}/resume-code`,
        undefined,
        this.headers,
      );
      this.printed = { ...issued, at: new Date().toISOString() };
      await this.updateComplete;
      window.print();
    });
  };

  /** Who helped, as the caller may keep it: the team of the channel, never the medewerker's name. */
  private team(lang: string): string {
    const g = this.municipality.view;
    if (!g) return this.channelName(this.channel, lang);
    const gemeente = localize(g.name, lang) ?? '';
    if (this.channel === 'telefoon')
      return stIn(lang, 'team_telefoon', { kcc: localize(g.kcc.name, lang) ?? '', gemeente, phone: g.kcc.phone });
    return stIn(lang, this.channel === 'loket' ? 'team_loket' : 'team_wijkcoach', { gemeente });
  }

  /** The printed plan is the caller's: in the caller's language (the UI language names only the region). */
  private renderPrint(s: FullSessionState) {
    const p = this.printed;
    if (!p) return nothing;
    const g = this.municipality.view;
    const lang = this.residentLang;
    return html`<section class="print-only" aria-label=${st('printRegion')}>
      <div lang=${lang}>
        <h2>${g ? stIn(lang, 'printHeadingGemeente', { gemeente: localize(g.name, lang) ?? '' }) : stIn(lang, 'printHeading')}</h2>
        <p>${stIn(lang, 'printDate', { date: formatTime(p.at, lang) })}</p>
        <p>${stIn(lang, 'printHelpedBy', { team: this.team(lang) })}</p>
        <p>
          ${stParts(lang, 'printCode', { code: html`<strong>${p.resumeCode}</strong>`, until: formatTime(p.resumeExpiresAt, lang) })}
          ${stIn(lang, 'printPlanNumber', { id: s.id })}
        </p>
        <vw-advice-plan .locale=${lang} .advice=${s.advice}></vw-advice-plan>
        <vw-answers sub .locale=${lang} .trail=${s.trail} .editable=${false}></vw-answers>
      </div>
    </section>`;
  }

  private addNote = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const text = String(data.get('text') ?? '').trim();
    if (!text) return void (this.error = () => st('noteMissing'));
    void this.act(async () => {
      await staffCall(
        'POST',
        `/api/staff/sessions/${encodeURIComponent(this.handle!.id)}/notes`,
        { node: String(data.get('node')), text },
        this.headers,
      );
      form.reset();
      await this.refresh();
      this.message = () => st('noteSaved');
    });
  };

  private concern = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const noticed = String(data.get('noticed') ?? '').trim();
    if (!noticed) return void (this.error = () => st('concernNoticedMissing'));
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
      this.message = () => st('concernRecorded', { reference: r.reference });
    });
  };

  private renderQuestion(s: FullSessionState) {
    const lang = this.residentLang;
    if (this.editing)
      return html`<vw-step
          lang=${lang}
          .locale=${lang}
          show-staff
          .step=${this.editing.step}
          .initial=${this.editing.value}
          ?busy=${this.busy}
          @vw-answer=${this.answer}
          @vw-back=${this.cancelChange}
        ></vw-step>
        <div class="actions"><button type="button" @click=${this.cancelChange}>${st('cancelChange')}</button></div>`;
    if (s.step.kind !== 'end')
      return html`<vw-step
        lang=${lang}
        .locale=${lang}
        show-staff
        .step=${s.step}
        .initial=${this.remembered.get(s.step.id)}
        ?busy=${this.busy}
        @vw-answer=${this.answer}
        @vw-back=${this.back}
      ></vw-step>`;
    return html`<p lang=${lang}>${s.step.text}</p>
      ${s.step.staff ? html`<p class="hint" lang=${lang}>${s.step.staff}</p>` : nothing}
      <p><strong>${st('adviceComplete')}</strong> ${st('adviceCompleteHint')}</p>
      <div class="actions">
        ${s.step.canGoBack ? html`<button type="button" ?disabled=${this.busy} @click=${this.back}>${st('previousQuestion')}</button>` : nothing}
      </div>`;
  }

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
    if (!v) return html`<p role="status">${this.error?.() ?? st('sessionLoading')}</p>`;
    const s = v.state;
    const lang = this.residentLang;
    const notesFor = (node: string) => v.notes.filter((n) => n.node === node);
    // Notes default to the step the call is at: the current question, else the last answer.
    const steps = [
      ...(s.step.kind !== 'end' ? [{ node: s.step.id, label: st('noteCurrent', { question: s.step.text }), lang: undefined }] : []),
      // A trail question alone is the caller's text; the current one carries the UI's "(current question)".
      ...s.trail.map((t) => ({ node: t.node, label: t.question, lang })).reverse(),
    ];
    const noteList = (node: string) => notesFor(node).map((n) => html`<div class="note">${st('noteBy', { by: n.by })} ${n.text}</div>`);
    return html`${this.renderPrint(s)}
      <div class="no-print">
        <div role="status" aria-live="polite">${this.message ? html`<p class="notice">${this.message()}</p>` : nothing}</div>
        ${this.error ? html`<p class="error" role="alert">${this.error()}</p>` : nothing}
        <p>
          ${stParts(staffLang(), 'sessionLine', {
            tree: html`<strong>${s.tree}</strong>`,
            version: s.treeVersion,
            channel: html`<strong>${this.channelName(this.channel)}</strong>`,
            sessionVersion: formatNumber(s.version),
          })}
          <button type="button" class="link" @click=${() => this.refresh()}>${st('refresh')}</button>
          <button type="button" class="link" @click=${this.print}>${st('printForCaller')}</button>
        </p>
        <p>
          ${st('callerLanguage')} <strong lang=${v.callerLocale}>${LANGUAGES[v.callerLocale] ?? v.callerLocale}</strong> · ${st('textsIn')}
          ${Object.entries(LANGUAGES).map(
            ([code, name]) =>
              html` <button
                type="button"
                class="link"
                aria-pressed=${this.textLang === code ? 'true' : 'false'}
                lang=${code}
                @click=${() => this.switchLang(code)}
              >
                ${name}
              </button>`,
          )}
        </p>
        <div class="grid">
          <section class="panel" aria-labelledby="q-h">
            <h2 id="q-h" tabindex="-1">${this.editing ? st('changeHeading') : st('questionHeading')}</h2>
            ${this.renderQuestion(s)} ${s.step.kind !== 'end' && !this.editing ? noteList(s.step.id) : nothing}
          </section>
          <section class="panel" aria-labelledby="t-h">
            <h2 id="t-h">${st('trailHeading', { n: formatNumber(s.trail.length) })}</h2>
            ${
              s.trail.length
                ? html`<table>
                    <caption class="visually-hidden">
                      ${st('trailCaption')}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">${st('colQuestion')}</th>
                        <th scope="col">${st('colAnswer')}</th>
                        <th scope="col">${st('colChannel')}</th>
                        <th scope="col">${st('colBy')}</th>
                        <th scope="col">${st('colTime')}</th>
                        <th scope="col"><span class="visually-hidden">${st('colChange')}</span></th>
                      </tr>
                    </thead>
                    <tbody>
                      ${s.trail.map(
                        (t) =>
                          html`<tr data-node=${t.node}>
                            <td><span class="q" lang=${lang}>${t.question}</span>${noteList(t.node)}</td>
                            <td lang=${lang}>${t.answer}</td>
                            <td>${this.channelName(t.channel)}</td>
                            <td>${t.channel === 'web' ? st('byResident') : (v.answeredBy[t.node] ?? st('byStaff'))}</td>
                            <td>${time(t.at)}</td>
                            <td>
                              ${
                                t.value === null
                                  ? nothing
                                  : html`<button type="button" class="link" ?disabled=${this.busy} @click=${() => this.change(t.node)}>
                                      ${st('change')}<span class="visually-hidden"> – <span lang=${lang}>${t.question}</span></span>
                                    </button>`
                              }
                            </td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>`
                : html`<p>${st('noAnswers')}</p>`
            }
            <form @submit=${this.addNote} novalidate>
              <h3>${st('noteHeading')}</h3>
              <p class="hint">${st('noteHint')}</p>
              <label class="block" for="note-node">${st('noteStep')}</label>
              <select id="note-node" name="node">
                ${steps.map((x, i) => html`<option value=${x.node} lang=${x.lang ?? nothing} ?selected=${i === 0}>${x.label}</option>`)}
              </select>
              <label class="block" for="note-text">${st('noteText')}</label>
              <textarea id="note-text" name="text" maxlength="2000"></textarea>
              <div class="actions"><button type="submit">${st('noteSave')}</button></div>
            </form>
          </section>
        </div>
        <section class="panel" aria-labelledby="a-h">
          <h2 id="a-h">${st('adviceHeading')}</h2>
          <vw-advice-plan melding lang=${lang} .locale=${lang} .advice=${s.advice} @vw-melding=${this.openMelding}></vw-advice-plan>
        </section>
        ${
          this.melding
            ? html`<section class="panel" aria-label=${st('meldingRegion')}>
                <vw-melding-flow
                  lang=${lang}
                  .locale=${lang}
                  .transport=${this.meldingTransport()}
                  @vw-close=${() => (this.melding = false)}
                ></vw-melding-flow>
              </section>`
            : nothing
        }
        <div class="grid">
          <section class="panel" aria-labelledby="h-h">
            <h2 id="h-h">${st('handoverHeading')}</h2>
            <vw-staff-handover
              .sessionId=${s.id}
              .token=${this.handle!.token}
              .services=${v.services}
              .handovers=${v.handovers}
              .consentText=${(this.texts ?? this.consentTexts)?.handover ?? ''}
              .consentLocale=${this.texts ? this.textLang : undefined}
              @vw-staff-changed=${() => this.refresh()}
            ></vw-staff-handover>
          </section>
          <section class="panel" aria-labelledby="c-h">
            <h2 id="c-h">${st('concernHeading')}</h2>
            <form @submit=${this.concern} novalidate>
              <label class="block" for="c-about">${st('concernAbout')}</label>
              <select id="c-about" name="about">
                ${ABOUT.map((a) => html`<option value=${a}>${st(`about_${a}`)}</option>`)}
              </select>
              <label class="block" for="c-urgency">${st('concernUrgency')}</label>
              <select id="c-urgency" name="urgency">
                ${URGENCIES.map((u) => html`<option value=${u}>${st(`urgency_${u}`)}</option>`)}
              </select>
              <label class="block" for="c-noticed">${st('concernNoticed')}</label>
              <textarea id="c-noticed" name="noticed" maxlength="2000"></textarea>
              <label class="block" for="c-area">${st('concernArea')}</label>
              <input type="text" id="c-area" name="area" maxlength="100" />
              <div class="actions"><button type="submit">${st('concernSubmit')}</button></div>
            </form>
          </section>
        </div>
        <section class="panel" aria-labelledby="k-h">
          <h2 id="k-h">${st('consentsHeading')}</h2>
          <ul>
            ${v.consents.map(
              (c) =>
                html`<li>
                  ${st('consentEntry', { purpose: purposeName(c.purpose), channel: this.channelName(c.channel), by: c.by, at: time(c.at) })}
                </li>`,
            )}
          </ul>
        </section>
      </div>`;
  }
}

customElements.get('vw-staff-session') || customElements.define('vw-staff-session', VwStaffSession);
