// "Bewaar en ga later verder": the resume code, large and spaced so it can be read aloud over the phone.
import { css, html, nothing } from 'lit';
import { VwElement } from './vw-element.js';

export class VwResumeCode extends VwElement {
  static override properties = { code: { type: String }, expiresAt: { type: String, attribute: 'expires-at' }, copied: { state: true } };
  static override styles = [
    VwElement.styles,
    css`
      .code {
        font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace;
        font-size: clamp(1.75rem, 8vw, 2.75rem);
        font-weight: 700;
        letter-spacing: 0.12em;
        word-spacing: 0.35em;
        background: var(--_surface);
        border: 2px dashed var(--_border);
        border-radius: var(--_radius);
        padding: 0.5rem 1rem;
        margin-block: 0.5rem 1rem;
        display: inline-block;
        /* Codes are Latin letters and digits: keep them left-to-right even on an RTL page. */
        direction: ltr;
        unicode-bidi: isolate;
      }
      .call {
        font-size: 1.15em;
        font-weight: 600;
      }
    `,
  ];
  declare code: string | undefined;
  declare expiresAt: string | undefined;
  declare copied: boolean;

  constructor() {
    super();
    this.copied = false;
  }

  override render() {
    const code = this.code;
    return html`<section part="resume-code">
      <h2 tabindex="-1" data-heading part="heading">${this.t('saveHeading')}</h2>
      ${
        code
          ? html`<p>${this.t('saveIntro')}</p>
              <p class="visually-hidden">${this.t('codeLabel')}: ${[...code.replace(/[\s-]/g, '')].join(' ')}</p>
              <div class="code" aria-hidden="true" part="code">${groups(code)}</div>
              <p class="call">${this.t('saveCall')}</p>
              ${this.expiresAt ? html`<p>${this.t('codeExpires', { date: formatDate(this.expiresAt, this.locale) })}</p>` : nothing}
              <div class="actions no-print">
                <button type="button" part="button" @click=${this.copy}>${this.t('copy')}</button>
                <button type="button" class="primary" part="button button-primary" @click=${() => this.emit('vw-close')}>
                  ${this.t('backToQuestion')}
                </button>
              </div>`
          : html`<p>${this.t('codeUnavailable')}</p>
              <div class="actions no-print">
                <button type="button" class="primary" part="button button-primary" @click=${() => this.emit('vw-close')}>
                  ${this.t('backToQuestion')}
                </button>
              </div>`
      }
      <p role="status">${this.copied ? this.t('copied') : ''}</p>
    </section>`;
  }

  private async copy() {
    try {
      await navigator.clipboard.writeText(this.code ?? '');
      this.copied = true;
    } catch {
      // No clipboard permission (older browsers, http): select the code so Ctrl+C works.
      const el = this.renderRoot.querySelector('.code');
      if (el) getSelection()?.selectAllChildren(el);
    }
  }
}

/**
 * "K7MW-4QPX" → "K7MW 4QPX", "K7M4PQ9TR" → "K7M 4PQ 9TR": short groups are easy to say and hear.
 * The server's own grouping wins; otherwise groups of four (or three when that divides evenly).
 */
export function groups(code: string): string {
  const upper = code.trim().toUpperCase();
  if (/[\s-]/.test(upper))
    return upper
      .split(/[\s-]+/)
      .filter(Boolean)
      .join(' ');
  const size = upper.length % 4 === 0 ? 4 : 3;
  return upper.match(new RegExp(`.{1,${size}}`, 'g'))?.join(' ') ?? upper;
}

export function formatDate(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(locale === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
}

customElements.get('vw-resume-code') || customElements.define('vw-resume-code', VwResumeCode);
