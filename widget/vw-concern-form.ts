// The concern report ("Ik maak me zorgen om iemand"): the person it is about is not present, so we
// ask the minimum, say plainly who reads it, and let the reporter choose to stay anonymous. What the
// resident already answered is filled in (WCAG 3.3.7), and every refusal – ours or the server's –
// is listed in an error summary that links to the field (the GOV.UK pattern), in the resident's words.
import { css, html, nothing } from 'lit';
import type { ConcernRequest } from '../server/api/contract.js';
import type { MessageKey } from './messages.js';
import { VwElement } from './vw-element.js';

export const ABOUT = ['kind', 'oudere', 'zorgmijder', 'dakloos', 'geld', 'mantelzorg', 'anders'] as const;
const URGENCY = ['niet-dringend', 'binnen-een-week', 'dringend'] as const;
/** The server's limits (server/api/schemas.ts ConcernBody), shown and kept here. */
export const LIMITS = { noticed: 2000, area: 100, name: 100, phone: 20, email: 200 } as const;

export type ConcernDraft = Omit<ConcernRequest, 'idempotencyKey' | 'sessionId'>;
/** Filled in from the session's answers; the resident can change all of it. */
export interface ConcernPrefill {
  about?: string;
  noticed?: string;
}
type Field = 'about' | 'noticed' | 'urgency' | 'area' | 'contact' | 'name' | 'phone' | 'email';
const ORDER: Field[] = ['about', 'noticed', 'urgency', 'area', 'contact', 'name', 'phone', 'email'];
const GROUPS: Field[] = ['about', 'urgency', 'contact'];

/** A refused field as the server names it (a JSON pointer) → the field in this form. */
const POINTERS: Record<string, Field> = {
  '/about': 'about',
  '/noticed': 'noticed',
  '/urgency': 'urgency',
  '/area': 'area',
  '/reporter/name': 'name',
  '/reporter/phone': 'phone',
  '/reporter/email': 'email',
};

export class VwConcernForm extends VwElement {
  static override properties = {
    error: { attribute: false },
    refused: { attribute: false },
    prefill: { attribute: false },
    busy: { type: Boolean },
    errors: { state: true },
    contact: { state: true },
    lengths: { state: true },
  };
  static override styles = [
    VwElement.styles,
    css`
      .field {
        margin-block-end: calc(var(--_space) * 1.25);
      }
      .field > label,
      legend {
        font-weight: 600;
        display: block;
      }
      .privacy {
        border-inline-start: 4px solid var(--_primary-bg);
      }
      .summary {
        border: 4px solid var(--_invalid);
        padding: var(--_space);
        margin-block-end: var(--_space);
      }
      .summary a {
        color: var(--_invalid);
        font-weight: 600;
      }
      input[type='text'],
      input[type='email'],
      input[type='tel'] {
        inline-size: min(100%, 24rem);
      }
    `,
  ];
  /** A refusal that names no field (the server's, in the resident's words). */
  declare error: string | undefined;
  /** Fields the server refused (JSON pointers from the problem's `errors`). */
  declare refused: string[] | undefined;
  declare prefill: ConcernPrefill | undefined;
  declare busy: boolean;
  declare errors: Partial<Record<Field, string>>;
  declare contact: 'yes' | 'no' | undefined;
  declare lengths: Partial<Record<Field, number>>;

  constructor() {
    super();
    this.busy = false;
    this.errors = {};
    this.lengths = {};
  }

  protected override firstUpdated(): void {
    const about = this.prefill?.about;
    const box = about && this.renderRoot.querySelector<HTMLInputElement>(`#about-${about}`);
    if (box) box.checked = true;
    const noticed = this.prefill?.noticed?.slice(0, LIMITS.noticed);
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>('#noticed');
    if (noticed && area) area.value = noticed;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!this.hasUpdated && this.prefill?.noticed) this.lengths = { noticed: [...this.prefill.noticed.slice(0, LIMITS.noticed)].length };
    // The server's refusals, mapped to the fields and said in the resident's language.
    if (changed.has('refused') && this.refused?.length) {
      const errors: Partial<Record<Field, string>> = {};
      for (const p of this.refused) {
        const f = POINTERS[p];
        if (f) errors[f] = this.message(f);
      }
      this.errors = errors;
      void this.focusSummary();
    }
  }

  private message(f: Field): string {
    switch (f) {
      case 'about':
      case 'urgency':
      case 'contact':
        return this.t('chooseOne');
      case 'noticed':
        return this.t('concernNoticedInvalid', { max: LIMITS.noticed });
      case 'area':
        return this.t('tooLong', { max: LIMITS.area });
      case 'name':
        return this.t('tooLong', { max: LIMITS.name });
      case 'phone':
        return this.t('phoneInvalid');
      case 'email':
        return this.t('emailInvalid');
    }
  }

  override render() {
    const e = this.errors;
    const err = (f: Field) =>
      e[f] ? html`<p class="error" id=${`${f}-err`}><span class="visually-hidden">${this.t('errorPrefix')} </span>${e[f]}</p>` : nothing;
    const desc = (f: Field, ...more: string[]) => [...more, e[f] ? `${f}-err` : ''].filter(Boolean).join(' ') || nothing;
    const inv = (f: Field) => (e[f] ? 'true' : nothing);
    const counter = (f: 'noticed' | 'area' | 'name') => {
      const left = LIMITS[f] - (this.lengths[f] ?? 0);
      return left >= 0 ? this.t('charsLeft', { n: left }) : this.t('charsOver', { n: -left });
    };
    const count = (f: Field) => (ev: Event) => (this.lengths = { ...this.lengths, [f]: [...(ev.target as HTMLInputElement).value].length });
    const prefilled = !!(this.prefill?.about || this.prefill?.noticed);
    return html`<form novalidate part="concern-form" @submit=${this.submit}>
      <h2 tabindex="-1" data-heading part="heading">${this.t('concernHeading')}</h2>
      ${this.renderSummary()}
      <div class="card privacy field">
        <p>${this.t('concernPrivacy')}</p>
        <p><strong>${this.t('urgencyNote')}</strong></p>
      </div>
      ${prefilled ? html`<p class="hint">${this.t('concernPrefilled')}</p>` : nothing}
      <fieldset class="field" aria-describedby=${desc('about')}>
        <legend>${this.t('concernAbout')}</legend>
        ${err('about')}
        ${ABOUT.map(
          (a) =>
            html`<div class="choice">
              <input type="radio" name="about" id=${`about-${a}`} value=${a} aria-invalid=${inv('about')} />
              <label for=${`about-${a}`}>${this.t(`about_${a}` as MessageKey)}</label>
            </div>`,
        )}
      </fieldset>
      <div class="field">
        <label for="noticed">${this.t('concernNoticed')}</label>
        <p class="hint" id="noticed-hint">${this.t('concernNoticedHint')} ${counter('noticed')}</p>
        ${err('noticed')}
        <textarea
          id="noticed"
          name="noticed"
          rows="6"
          maxlength=${LIMITS.noticed}
          aria-describedby=${desc('noticed', 'noticed-hint')}
          aria-invalid=${inv('noticed')}
          @input=${count('noticed')}
        ></textarea>
      </div>
      <fieldset class="field" aria-describedby=${desc('urgency')}>
        <legend>${this.t('concernUrgency')}</legend>
        ${err('urgency')}
        ${URGENCY.map(
          (u) =>
            html`<div class="choice">
              <input type="radio" name="urgency" id=${`urgency-${u}`} value=${u} aria-invalid=${inv('urgency')} />
              <label for=${`urgency-${u}`}>${this.t(`urgency_${u}` as MessageKey)}</label>
            </div>`,
        )}
      </fieldset>
      <div class="field">
        <label for="area">${this.t('concernArea')} <span class="hint" style="display:inline">${this.t('optional')}</span></label>
        <p class="hint" id="area-hint">${this.t('concernAreaHint')} ${counter('area')}</p>
        ${err('area')}
        <input
          type="text"
          id="area"
          name="area"
          autocomplete="off"
          maxlength=${LIMITS.area}
          aria-describedby=${desc('area', 'area-hint')}
          aria-invalid=${inv('area')}
          @input=${count('area')}
        />
      </div>
      <fieldset class="field" aria-describedby=${desc('contact', 'contact-hint')}>
        <legend>${this.t('concernContact')}</legend>
        <p class="hint" id="contact-hint">${this.t('concernContactHint')}</p>
        ${err('contact')}
        ${(['yes', 'no'] as const).map(
          (v) =>
            html`<div class="choice">
              <input
                type="radio"
                name="contact"
                id=${`contact-${v}`}
                value=${v}
                aria-invalid=${inv('contact')}
                @change=${() => (this.contact = v)}
              />
              <label for=${`contact-${v}`}>${this.t(v === 'yes' ? 'concernContactYes' : 'concernAnonymous')}</label>
            </div>`,
        )}
      </fieldset>
      ${
        this.contact === 'yes'
          ? html`<fieldset class="field" aria-describedby="rep-hint">
              <legend>${this.t('concernReporter')}</legend>
              <p class="hint" id="rep-hint">${this.t('concernReporterHint')}</p>
              <div class="field">
                <label for="name">${this.t('name')} <span class="hint" style="display:inline">${this.t('optional')}</span></label>
                ${err('name')}
                <input
                  type="text"
                  id="name"
                  autocomplete="name"
                  maxlength=${LIMITS.name}
                  aria-describedby=${desc('name')}
                  aria-invalid=${inv('name')}
                />
              </div>
              <div class="field">
                <label for="phone">${this.t('phone_field')}</label>${err('phone')}
                <input
                  type="tel"
                  id="phone"
                  autocomplete="tel"
                  maxlength=${LIMITS.phone}
                  aria-describedby=${desc('phone')}
                  aria-invalid=${inv('phone')}
                />
              </div>
              <div class="field">
                <label for="email">${this.t('email_field')}</label>${err('email')}
                <input
                  type="email"
                  id="email"
                  autocomplete="email"
                  maxlength=${LIMITS.email}
                  aria-describedby=${desc('email')}
                  aria-invalid=${inv('email')}
                />
              </div>
            </fieldset>`
          : nothing
      }
      <div class="actions">
        <button type="submit" class="primary" part="button button-primary" aria-disabled=${this.busy ? 'true' : 'false'}>
          ${this.t('concernSubmit')}
        </button>
        <button type="button" part="button" @click=${() => this.emit('vw-close')}>${this.t('backToAdvice')}</button>
      </div>
    </form>`;
  }

  private renderSummary() {
    const listed = ORDER.filter((f) => this.errors[f]);
    if (!listed.length && !this.error) return nothing;
    return html`<div class="summary" role="alert" aria-labelledby="summary-h" tabindex="-1" data-summary>
      <h3 id="summary-h">${this.t('errorSummary')}</h3>
      ${this.error ? html`<p>${this.error}</p>` : nothing}
      <ul>
        ${listed.map(
          (f) =>
            html`<li>
              <a
                href=${`#${this.target(f)}`}
                @click=${(ev: Event) => {
                  ev.preventDefault();
                  this.renderRoot.querySelector<HTMLElement>(`#${this.target(f)}`)?.focus();
                }}
                >${this.errors[f]}</a
              >
            </li>`,
        )}
      </ul>
    </div>`;
  }

  /** The control a summary link goes to: a group's first option, otherwise the field itself. */
  private target(f: Field): string {
    return GROUPS.includes(f) ? `${f}-${f === 'about' ? ABOUT[0] : f === 'urgency' ? URGENCY[0] : 'yes'}` : f;
  }

  /** After a refusal the summary gets focus (GOV.UK), not the heading. */
  override async focusHeading(): Promise<void> {
    await this.updateComplete;
    if (this.renderRoot.querySelector('[data-summary]')) return this.focusSummary();
    return super.focusHeading();
  }

  private async focusSummary(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-summary]')?.focus();
  }

  private val(sel: string): string {
    return (this.renderRoot.querySelector<HTMLInputElement>(sel)?.value ?? '').trim();
  }

  private submit(ev: Event) {
    ev.preventDefault();
    if (this.busy) return;
    const about = this.val('input[name=about]:checked');
    const urgency = this.val('input[name=urgency]:checked');
    const noticed = this.val('#noticed');
    const area = this.val('#area');
    const errors: Partial<Record<Field, string>> = {};
    if (!about) errors.about = this.t('chooseOne');
    if (!noticed) errors.noticed = this.t('fieldMissing');
    else if ([...noticed].length > LIMITS.noticed) errors.noticed = this.t('charsOver', { n: [...noticed].length - LIMITS.noticed });
    if (!urgency) errors.urgency = this.t('chooseOne');
    if ([...area].length > LIMITS.area) errors.area = this.t('tooLong', { max: LIMITS.area });
    if (!this.contact) errors.contact = this.t('chooseOne');
    const reporter = this.contact === 'yes' ? { name: this.val('#name'), phone: this.val('#phone'), email: this.val('#email') } : null;
    if (reporter && !reporter.phone && !reporter.email) errors.phone = this.t('contactMissing');
    if (reporter?.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(reporter.email)) errors.email = this.t('emailInvalid');
    if (reporter?.phone && !/^[0-9 +()-]{6,20}$/.test(reporter.phone)) errors.phone = this.t('phoneInvalid');
    this.errors = errors;
    if (ORDER.some((f) => errors[f])) {
      void this.focusSummary();
      return;
    }
    const cleanReporter = reporter && Object.fromEntries(Object.entries(reporter).filter(([, v]) => v));
    const draft: ConcernDraft = {
      about: about as ConcernDraft['about'],
      noticed,
      urgency: urgency as ConcernDraft['urgency'],
      ...(area ? { area } : {}),
      reporter: cleanReporter && Object.keys(cleanReporter).length ? cleanReporter : null,
    };
    this.emit('vw-concern-submit', draft);
  }
}

customElements.get('vw-concern-form') || customElements.define('vw-concern-form', VwConcernForm);
