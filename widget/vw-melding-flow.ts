// The Wmo melding right after the advice (issue 21): who it is for, consent when it is someone
// else, the minimum to reach them, a check-answers page with what the municipality receives, and a
// confirmation with the reference, honest next steps, a PDF to keep and the status link.
import { css, html, nothing } from 'lit';
import type { ForWhom, MeldingFields, MeldingPreview, MeldingReceipt, ReachTime } from '../server/api/melding-contract.js';
import type { ProblemDetails } from '../server/api/contract.js';
import { ApiClient, newKey, type SessionHandle } from './api-client.js';
import { mt, type MeldingKey } from './melding-messages.js';
import { VwElement } from './vw-element.js';
import './vw-melding-status.js';

type Screen = 'form' | 'check' | 'done';

/**
 * How the flow reaches the server: the resident's own session (default, from `api` + `handle`), or
 * the staff console's, which sends the melding on behalf of a caller with its channel.
 */
export interface MeldingTransport {
  preview(locale: string): Promise<MeldingPreview>;
  /** Undefined: kept to be sent later (the kitchen table without a connection); the flow says `vw-melding-queued`. */
  send(body: MeldingFields): Promise<MeldingReceipt | undefined>;
}
type Field =
  'forWhom' | 'consent' | 'askerName' | 'name' | 'postcode' | 'huisnummer' | 'huisletter' | 'toevoeging' | 'phone' | 'email' | 'when';
type Draft = Partial<Record<Exclude<Field, 'consent'>, string>> & { consent?: boolean };

const WHEN: ReachTime[] = ['ochtend', 'middag', 'maakt-niet-uit'];
const POSTCODE = /^[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Za-z]{2}$/i;
/** The server's field pointers → the input that shows the fault. */
const POINTERS: Record<string, Field> = {
  '/forWhom': 'forWhom',
  '/consent': 'consent',
  '/contact/name': 'askerName',
  '/person/name': 'name',
  '/person/postcode': 'postcode',
  '/person/huisnummer': 'huisnummer',
  '/person/huisletter': 'huisletter',
  '/person/toevoeging': 'toevoeging',
  '/contact/phone': 'phone',
  '/contact/email': 'email',
  '/contact/when': 'when',
};

export class VwMeldingFlow extends VwElement {
  static override properties = {
    api: { type: String },
    handle: { attribute: false },
    transport: { attribute: false },
    preview: { state: true },
    screen: { state: true },
    draft: { state: true },
    errors: { state: true },
    busy: { state: true },
    failure: { state: true },
    receipt: { state: true },
  };
  static override styles = [
    VwElement.styles,
    css`
      .field {
        margin-block-end: calc(var(--_space) * 1.1);
      }
      .field > label,
      legend {
        font-weight: 600;
        display: block;
      }
      input[type='text'],
      input[type='email'],
      input[type='tel'] {
        inline-size: min(100%, 24rem);
      }
      input.short {
        inline-size: 8rem;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 1rem;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
    `,
  ];
  declare api: string;
  declare handle: SessionHandle | undefined;
  declare transport: MeldingTransport | undefined;
  declare preview: MeldingPreview | undefined;
  declare screen: Screen;
  declare draft: Draft;
  declare errors: Partial<Record<Field, string>>;
  declare busy: boolean;
  declare failure: string | undefined;
  declare receipt: MeldingReceipt | undefined;
  /** One key per checked draft: a retry after a lost answer is the same request, an edit a new one. */
  private key = newKey();

  constructor() {
    super();
    this.api = '';
    this.screen = 'form';
    this.draft = {};
    this.errors = {};
    this.busy = false;
  }

  private m(key: MeldingKey, params?: Record<string, string | number>) {
    return mt(this.locale, key, params);
  }
  private client = () => new ApiClient(this.api || location.origin);
  private via(): MeldingTransport | undefined {
    if (this.transport) return this.transport;
    const h = this.handle;
    if (!h) return undefined;
    return {
      preview: (locale) => this.client().meldingPreview(h, locale),
      send: (body) => this.client().makeMelding({ sessionId: h.id, ...body }, h),
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const via = this.via();
    if (!via) return;
    try {
      this.preview = await via.preview(this.locale);
      if (this.preview.made) this.failure = this.m('alreadyMade');
      else if (!this.preview.available) this.failure = this.m('notOffered');
    } catch {
      this.failure = this.m('failed');
    }
    void this.focusHeading();
  }

  private get forWhom(): ForWhom | undefined {
    return this.preview?.forWhom ?? (this.draft.forWhom as ForWhom | undefined);
  }

  override render() {
    if (this.screen === 'done' && this.receipt) return this.renderDone(this.receipt);
    if (!this.preview)
      return html`<h2 tabindex="-1" data-heading>${this.m('heading')}</h2>
        ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}`;
    return this.screen === 'check' ? this.renderCheck(this.preview) : this.renderForm(this.preview);
  }

  private renderForm(p: MeldingPreview) {
    const e = this.errors;
    const d = this.draft;
    const err = (f: Field) =>
      e[f] ? html`<p class="error" id=${`${f}-err`}><span class="visually-hidden">${this.m('errorPrefix')} </span>${e[f]}</p>` : nothing;
    const desc = (f: Field, ...more: string[]) => [...more, e[f] ? `${f}-err` : ''].filter(Boolean).join(' ') || nothing;
    const inv = (f: Field) => (e[f] ? 'true' : nothing);
    const input = (
      f: Field,
      label: string,
      type: string,
      auto: string,
      opts: { optional?: boolean; hint?: string; short?: boolean; mode?: string } = {},
    ) =>
      html`<div class="field">
        <label for=${f}
          >${label} ${opts.optional ? html`<span class="hint" style="display:inline">${this.m('optional')}</span>` : nothing}</label
        >
        ${opts.hint ? html`<p class="hint" id=${`${f}-hint`}>${opts.hint}</p>` : nothing} ${err(f)}
        <input
          type=${type}
          id=${f}
          class=${opts.short ? 'short' : ''}
          autocomplete=${auto}
          inputmode=${opts.mode ?? nothing}
          .value=${d[f] ?? ''}
          aria-describedby=${desc(f, ...(opts.hint ? [`${f}-hint`] : []))}
          aria-invalid=${inv(f)}
        />
      </div>`;
    const who = this.forWhom;
    return html`<form novalidate part="melding-form" @submit=${this.toCheck} @change=${this.read}>
      <h2 tabindex="-1" data-heading part="heading">${this.m('heading')}</h2>
      <p>${this.m('intro')}</p>
      ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}
      ${
        p.forWhom
          ? nothing
          : html`<fieldset class="field" aria-describedby=${desc('forWhom')}>
              <legend>${this.m('forWhom')}</legend>
              ${err('forWhom')}
              ${(['zelf', 'ander'] as const).map(
                (w) =>
                  html`<div class="choice">
                    <input
                      type="radio"
                      name="forWhom"
                      id=${`forWhom-${w}`}
                      value=${w}
                      .checked=${d.forWhom === w}
                      aria-invalid=${inv('forWhom')}
                    />
                    <label for=${`forWhom-${w}`}>${this.m(`forWhom_${w}`)}</label>
                  </div>`,
              )}
            </fieldset>`
      }
      ${
        who === 'ander'
          ? html`<fieldset class="field card" aria-describedby=${desc('consent', 'consent-hint')}>
                <legend>${this.m('consentLegend')}</legend>
                <p class="hint" id="consent-hint">${this.m('consentHint')}</p>
                ${err('consent')}
                <div class="choice">
                  <input type="checkbox" id="consent" .checked=${!!d.consent} aria-invalid=${inv('consent')} />
                  <label for="consent">${p.consentText}</label>
                </div>
              </fieldset>
              ${input('askerName', this.m('askerName'), 'text', 'name', { hint: this.m('askerHint') })}`
          : nothing
      }
      <fieldset class="field">
        <legend>${this.m(who === 'ander' ? 'personLegend_ander' : 'personLegend_zelf')}</legend>
        ${input('name', this.m('name'), 'text', who === 'ander' ? 'off' : 'name')}
        ${input('postcode', this.m('postcode'), 'text', who === 'ander' ? 'off' : 'postal-code', { hint: this.m('postcodeHint'), short: true })}
        ${input('huisnummer', this.m('huisnummer'), 'text', 'off', { short: true, mode: 'numeric' })}
        ${input('huisletter', this.m('huisletter'), 'text', 'off', { optional: true, short: true })}
        ${input('toevoeging', this.m('toevoeging'), 'text', 'off', { optional: true, short: true })}
      </fieldset>
      <fieldset class="field" aria-describedby="contact-hint">
        <legend>${this.m('contactLegend')}</legend>
        <p class="hint" id="contact-hint">${this.m('contactHint')}</p>
        ${input('phone', this.m('phone'), 'tel', 'tel')} ${input('email', this.m('email'), 'email', 'email')}
        <fieldset class="field" aria-describedby=${desc('when')}>
          <legend>${this.m('when')}</legend>
          ${err('when')}
          ${WHEN.map(
            (w) =>
              html`<div class="choice">
                <input type="radio" name="when" id=${`when-${w}`} value=${w} .checked=${d.when === w} aria-invalid=${inv('when')} />
                <label for=${`when-${w}`}>${this.m(`when_${w}`)}</label>
              </div>`,
          )}
        </fieldset>
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary" part="button button-primary">${this.m('toCheck')}</button>
        <button type="button" part="button" @click=${() => this.emit('vw-close')}>${this.m('cancel')}</button>
      </div>
    </form>`;
  }

  /** Keeps what was typed (also across "Wijzig"): the form's inputs into the draft. */
  private read = () => {
    const root = this.renderRoot;
    const value = (id: string) => root.querySelector<HTMLInputElement>(`#${id}`)?.value.trim();
    const next: Draft = { ...this.draft };
    for (const f of ['askerName', 'name', 'postcode', 'huisnummer', 'huisletter', 'toevoeging', 'phone', 'email'] as const) {
      const v = value(f);
      if (v !== undefined) next[f] = v;
    }
    const radio = (name: string) => root.querySelector<HTMLInputElement>(`input[name=${name}]:checked`)?.value;
    next.forWhom = radio('forWhom') ?? next.forWhom;
    next.when = radio('when') ?? next.when;
    const consent = root.querySelector<HTMLInputElement>('#consent');
    if (consent) next.consent = consent.checked;
    this.draft = next;
  };

  private toCheck(ev: Event) {
    ev.preventDefault();
    this.read();
    const d = this.draft;
    const errors: Partial<Record<Field, string>> = {};
    const who = this.forWhom;
    if (!who) errors.forWhom = this.m('chooseOne');
    if (who === 'ander' && !d.consent) errors.consent = this.m('consentMissing');
    if (who === 'ander' && !d.askerName) errors.askerName = this.m('fieldMissing');
    if (!d.name) errors.name = this.m('fieldMissing');
    if (!POSTCODE.test(d.postcode ?? '')) errors.postcode = d.postcode ? this.m('postcodeInvalid') : this.m('fieldMissing');
    if (!/^[1-9][0-9]{0,4}$/.test(d.huisnummer ?? ''))
      errors.huisnummer = d.huisnummer ? this.m('huisnummerInvalid') : this.m('fieldMissing');
    if (d.huisletter && !/^[A-Za-z]$/.test(d.huisletter)) errors.huisletter = this.m('huisletterInvalid');
    if (d.toevoeging && !/^[A-Za-z0-9]{1,4}$/.test(d.toevoeging)) errors.toevoeging = this.m('toevoegingInvalid');
    if (!d.phone && !d.email) errors.phone = this.m('contactMissing');
    if (d.phone && !/^[0-9 +()-]{6,20}$/.test(d.phone)) errors.phone = this.m('phoneInvalid');
    if (d.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.email)) errors.email = this.m('emailInvalid');
    if (!d.when) errors.when = this.m('chooseOne');
    this.errors = errors;
    if (Object.keys(errors).length) return void this.focusFirstError();
    this.key = newKey();
    this.failure = undefined;
    this.screen = 'check';
    void this.focusHeading();
  }

  private focusFirstError() {
    const order: Field[] = [
      'forWhom',
      'consent',
      'askerName',
      'name',
      'postcode',
      'huisnummer',
      'huisletter',
      'toevoeging',
      'phone',
      'email',
      'when',
    ];
    const first = order.find((f) => this.errors[f]);
    if (!first) return;
    const sel = first === 'forWhom' || first === 'when' ? `input[name=${first}]` : `#${first}`;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(sel)?.focus());
  }

  private request(): MeldingFields {
    const d = this.draft;
    const who = this.forWhom!;
    return {
      idempotencyKey: this.key,
      ...(this.preview?.forWhom ? {} : { forWhom: who }),
      ...(who === 'ander' ? { consent: true as const } : {}),
      person: {
        name: d.name!,
        postcode: d.postcode!,
        huisnummer: Number(d.huisnummer),
        ...(d.huisletter ? { huisletter: d.huisletter } : {}),
        ...(d.toevoeging ? { toevoeging: d.toevoeging } : {}),
      },
      contact: {
        ...(who === 'ander' ? { name: d.askerName! } : {}),
        ...(d.phone ? { phone: d.phone } : {}),
        ...(d.email ? { email: d.email } : {}),
        when: d.when as ReachTime,
      },
    };
  }

  private renderCheck(p: MeldingPreview) {
    const r = this.request();
    const nummer = `${r.person.huisnummer}${r.person.huisletter ?? ''}${r.person.toevoeging ? `-${r.person.toevoeging}` : ''}`;
    return html`<section part="melding-check">
      <h2 tabindex="-1" data-heading part="heading">${this.m('checkHeading')}</h2>
      <p>${this.m('checkIntro')}</p>
      ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}
      <h3>${this.m('detailsHeading')}</h3>
      <dl>
        <dt>${this.m('forWhom')}</dt>
        <dd>${this.m(`forWhom_${this.forWhom!}`)}</dd>
        ${
          r.contact.name
            ? html`<dt>${this.m('askerName')}</dt>
                <dd>${r.contact.name}</dd>`
            : nothing
        }
        <dt>${this.m('name')}</dt>
        <dd>${r.person.name}</dd>
        <dt>${this.m('address')}</dt>
        <dd>${r.person.postcode.toUpperCase()} ${nummer}</dd>
        ${
          r.contact.phone
            ? html`<dt>${this.m('phone')}</dt>
                <dd>${r.contact.phone}</dd>`
            : nothing
        }
        ${
          r.contact.email
            ? html`<dt>${this.m('email')}</dt>
                <dd>${r.contact.email}</dd>`
            : nothing
        }
        <dt>${this.m('when')}</dt>
        <dd>${this.m(`when_${r.contact.when}`)}</dd>
      </dl>
      <h3>${this.m('answersHeading')}</h3>
      <dl>
        ${p.summary.answers.map(
          (a) =>
            html`<dt>${a.question}</dt>
              <dd>${a.answer}</dd>`,
        )}
      </dl>
      <h3>${this.m('planHeading')}</h3>
      <ul>
        ${p.summary.plan.map((i) => html`<li>${i.title}</li>`)}
      </ul>
      ${this.busy ? html`<p role="status">${this.m('sending')}</p>` : nothing}
      <div class="actions">
        <button
          type="button"
          class="primary"
          part="button button-primary"
          aria-disabled=${this.busy ? 'true' : 'false'}
          @click=${this.send}
        >
          ${this.m('send')}
        </button>
        <button type="button" part="button" @click=${this.edit}>${this.m('edit')}</button>
      </div>
    </section>`;
  }

  private edit = () => {
    this.screen = 'form';
    void this.focusHeading();
  };

  private send = async () => {
    const via = this.via();
    if (this.busy || !via) return;
    this.busy = true;
    try {
      const receipt = await via.send(this.request());
      if (!receipt) return this.emit('vw-melding-queued');
      this.receipt = receipt;
      this.screen = 'done';
      this.failure = undefined;
      this.emit('vw-melding-made', this.receipt);
    } catch (e) {
      // The widget's ApiError and the staff pages' StaffApiError both carry the problem details.
      const problem = (e as { problem?: ProblemDetails }).problem;
      const fields = (problem?.errors ?? []).map((x) => POINTERS[x.pointer ?? '']).filter((f): f is Field => !!f);
      if (problem?.code === 'melding-already-made') this.failure = this.m('alreadyMade');
      else if (fields.length) {
        // The server saw something the form did not: back to the form, at the field.
        this.errors = Object.fromEntries(fields.map((f) => [f, this.m('fieldMissing')]));
        this.screen = 'form';
        this.busy = false;
        return void this.focusFirstError();
      } else this.failure = this.m('failed');
    } finally {
      this.busy = false;
    }
    void this.focusHeading();
  };

  private renderDone(r: MeldingReceipt) {
    const p = this.preview;
    const link = `${new URL('/demo/melding-status', this.api || location.origin).href}#t=${encodeURIComponent(r.statusToken)}`;
    return html`<section part="melding-done">
      <h2 tabindex="-1" data-heading part="heading">${this.m('doneHeading')}</h2>
      <p><strong>${this.m('reference', { ref: r.reference })}</strong></p>
      <h3>${this.m('nextHeading')}</h3>
      <ol>
        ${(p?.nextSteps ?? []).map((s) => html`<li>${s}</li>`)}
      </ol>
      ${p?.contact ? html`<p>${this.m('questions', { name: p.contact.name, phone: p.contact.phone })}</p>` : nothing}
      <p><a href=${this.client().meldingPdfUrl(r.statusToken)} download=${`melding-${r.reference}.pdf`}>${this.m('pdf')}</a></p>
      <p><a href=${link}>${this.m('statusLink')}</a></p>
      <p class="hint">${this.m('statusHint')}</p>
      <vw-melding-status sub .locale=${this.locale} .api=${this.api || location.origin} .token=${r.statusToken}></vw-melding-status>
      <div class="actions no-print">
        <button type="button" class="primary" part="button button-primary" @click=${() => window.print()}>${this.m('print')}</button>
        <button type="button" part="button" @click=${() => this.emit('vw-close')}>${this.m('cancel')}</button>
      </div>
    </section>`;
  }
}

customElements.get('vw-melding-flow') || customElements.define('vw-melding-flow', VwMeldingFlow);
