// An info screen: something the resident should know before the next question. "Volgende" sends
// the null answer the engine expects for info nodes.
import { html, nothing } from 'lit';
import type { PresentedStep } from '../server/api/contract.js';
import { markdown } from './markdown.js';
import { VwElement } from './vw-element.js';

export class VwInfo extends VwElement {
  static override properties = {
    step: { attribute: false },
    busy: { type: Boolean },
    showStaff: { type: Boolean, attribute: 'show-staff' },
  };
  declare step: PresentedStep;
  declare busy: boolean;
  declare showStaff: boolean;

  constructor() {
    super();
    this.busy = false;
    this.showStaff = false;
  }

  override render() {
    const s = this.step;
    if (!s) return nothing;
    return html`<section part="step">
      <h2 tabindex="-1" data-heading part="heading">${this.t('infoHeading')}</h2>
      ${this.showStaff && s.staff ? html`<p class="hint">${s.staff}</p>` : nothing}
      <div class="card">${markdown(s.text)}</div>
      <div class="actions no-print">
        <button
          type="button"
          class="primary"
          part="button button-primary"
          aria-disabled=${this.busy ? 'true' : 'false'}
          @click=${() => this.emit('vw-answer', { node: s.id, value: null })}
        >
          ${this.t('next')}
        </button>
        ${this.backButton(s.canGoBack, this.busy)}
      </div>
    </section>`;
  }
}

customElements.get('vw-info') || customElements.define('vw-info', VwInfo);
