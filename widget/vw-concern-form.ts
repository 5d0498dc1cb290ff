// The concern report ("Ik maak me zorgen om iemand"): the person it is about is not present, so we
// ask the minimum, say plainly who reads it, and let the reporter stay anonymous.
import { css, html, nothing } from 'lit';
import type { ConcernRequest } from '../server/api/contract.js';
import type { MessageKey } from './messages.js';
import { VwElement } from './vw-element.js';

const ABOUT = ['kind', 'oudere', 'zorgmijder', 'dakloos', 'geld', 'mantelzorg', 'anders'] as const;
const URGENCY = ['niet-dringend', 'binnen-een-week', 'dringend'] as const;
const MAX_NOTICED = 2000;

export type ConcernDraft = Omit<ConcernRequest, 'idempotencyKey' | 'sessionId'>;
type Field = 'about' | 'noticed' | 'urgency' | 'email' | 'phone';

export class VwConcernForm extends VwElement {
  static override properties = {
    error: { attribute: false },
    busy: { type: Boolean },
    errors: { state: true },
    anonymous: { state: true },
    noticedLength: { state: true },
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
      input[type='text'],
      input[type='email'],
      input[type='tel'] {
        inline-size: min(100%, 24rem);
      }
    `,
  ];
  declare error: string | undefined;
  declare busy: boolean;
  declare errors: Partial<Record<Field, string>>;
  declare anonymous: boolean;
  declare noticedLength: number;

  constructor() {
    super();
    this.busy = false;
    this.errors = {};
    this.anonymous = true;
    this.noticedLength = 0;
  }

  override render() {
    const e = this.errors;
    const err = (f: Field) =>
      e[f] ? html`<p class="error" id=${`${f}-err`}><span class="visually-hidden">${this.t('errorPrefix')} </span>${e[f]}</p>` : nothing;
    const desc = (f: Field, ...more: string[]) => [...more, e[f] ? `${f}-err` : ''].filter(Boolean).join(' ') || nothing;
    const inv = (f: Field) => (e[f] ? 'true' : nothing);
    const left = MAX_NOTICED - this.noticedLength;
    return html`<form novalidate part="concern-form" @submit=${this.submit}>
      <h2 tabindex="-1" data-heading part="heading">${this.t('concernHeading')}</h2>
      <div class="card privacy field">
        <p>${this.t('concernPrivacy')}</p>
        <p><strong>${this.t('urgencyNote')}</strong></p>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
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
        <p class="hint" id="noticed-hint">
          ${this.t('concernNoticedHint')} ${left >= 0 ? this.t('charsLeft', { n: left }) : this.t('charsOver', { n: -left })}
        </p>
        ${err('noticed')}
        <textarea
          id="noticed"
          name="noticed"
          rows="5"
          aria-describedby=${desc('noticed', 'noticed-hint')}
          aria-invalid=${inv('noticed')}
          @input=${(ev: Event) => (this.noticedLength = [...(ev.target as HTMLTextAreaElement).value].length)}
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
        <p class="hint" id="area-hint">${this.t('concernAreaHint')}</p>
        <input type="text" id="area" name="area" autocomplete="off" aria-describedby="area-hint" />
      </div>
      <div class="field choice">
        <input
          type="checkbox"
          id="anon"
          .checked=${this.anonymous}
          @change=${(ev: Event) => (this.anonymous = (ev.target as HTMLInputElement).checked)}
        />
        <label for="anon">${this.t('concernAnonymous')}</label>
      </div>
      ${
        this.anonymous
          ? nothing
          : html`<fieldset class="field" aria-describedby="rep-hint">
              <legend>${this.t('concernReporter')} <span class="hint" style="display:inline">${this.t('optional')}</span></legend>
              <p class="hint" id="rep-hint">${this.t('concernReporterHint')}</p>
              <div class="field"><label for="name">${this.t('name')}</label><input type="text" id="name" autocomplete="name" /></div>
              <div class="field">
                <label for="phone">${this.t('phone_field')}</label>${err('phone')}
                <input type="tel" id="phone" autocomplete="tel" aria-describedby=${desc('phone')} aria-invalid=${inv('phone')} />
              </div>
              <div class="field">
                <label for="email">${this.t('email_field')}</label>${err('email')}
                <input type="email" id="email" autocomplete="email" aria-describedby=${desc('email')} aria-invalid=${inv('email')} />
              </div>
            </fieldset>`
      }
      <div class="actions">
        <button type="submit" class="primary" part="button button-primary" aria-disabled=${this.busy ? 'true' : 'false'}>
          ${this.t('concernSubmit')}
        </button>
        <button type="button" part="button" @click=${() => this.emit('vw-close')}>${this.t('backToAdvice')}</button>
      </div>
    </form>`;
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
    const errors: Partial<Record<Field, string>> = {};
    if (!about) errors.about = this.t('chooseOne');
    if (!noticed) errors.noticed = this.t('fieldMissing');
    else if ([...noticed].length > MAX_NOTICED) errors.noticed = this.t('charsOver', { n: [...noticed].length - MAX_NOTICED });
    if (!urgency) errors.urgency = this.t('chooseOne');
    const reporter = this.anonymous ? null : { name: this.val('#name'), phone: this.val('#phone'), email: this.val('#email') };
    if (reporter?.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(reporter.email)) errors.email = this.t('emailInvalid');
    if (reporter?.phone && !/^[0-9 +-]{3,20}$/.test(reporter.phone)) errors.phone = this.t('phoneInvalid');
    this.errors = errors;
    const first = (['about', 'noticed', 'urgency', 'phone', 'email'] as Field[]).find((f) => errors[f]);
    if (first) {
      const sel = first === 'about' || first === 'urgency' ? `input[name=${first}]` : `#${first}`;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(sel)?.focus());
      return;
    }
    const area = this.val('#area');
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
