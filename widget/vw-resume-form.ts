// "Verder met een code": continue a saved session, also on another device.
import { html, nothing } from 'lit';
import { VwElement } from './vw-element.js';

export class VwResumeForm extends VwElement {
  static override properties = { error: { attribute: false }, busy: { type: Boolean }, value: { state: true } };
  declare error: string | undefined;
  declare busy: boolean;
  declare value: string;

  constructor() {
    super();
    this.busy = false;
    this.value = '';
  }

  /** After a refused code the field in error gets focus, not the heading: the resident fixes it there. */
  override async focusHeading(): Promise<void> {
    await this.updateComplete;
    if (this.error) this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
    else await super.focusHeading();
  }

  override render() {
    const err = this.error;
    return html`<form novalidate part="resume-form" @submit=${this.submit}>
      <h2 tabindex="-1" data-heading part="heading">${this.t('resumeHeading')}</h2>
      <label for="code">${this.t('resumeLabel')}</label>
      <p class="hint" id="code-hint">${this.t('resumeHint')}</p>
      ${err ? html`<p class="error" id="code-err"><span class="visually-hidden">${this.t('errorPrefix')} </span>${err}</p>` : nothing}
      <input
        id="code"
        type="text"
        autocomplete="off"
        autocapitalize="characters"
        spellcheck="false"
        size="14"
        aria-describedby=${err ? 'code-hint code-err' : 'code-hint'}
        aria-invalid=${err ? 'true' : nothing}
        .value=${this.value}
        @input=${(e: Event) => (this.value = (e.target as HTMLInputElement).value)}
      />
      <div class="actions">
        <button type="submit" class="primary" part="button button-primary" aria-disabled=${this.busy ? 'true' : 'false'}>
          ${this.t('resumeGo')}
        </button>
        <button type="button" part="button" @click=${() => this.emit('vw-close')}>${this.t('close')}</button>
      </div>
    </form>`;
  }

  private submit(e: Event) {
    e.preventDefault();
    const code = this.value.replace(/[\s-]/g, '').toUpperCase();
    if (!code) {
      this.error = this.t('resumeRequired');
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus());
      return;
    }
    this.emit('vw-resume', { code });
  }
}

customElements.get('vw-resume-form') || customElements.define('vw-resume-form', VwResumeForm);
