// "Stap 3 van ongeveer 7": the number of steps ahead depends on the answers, hence "ongeveer".
// The bar is decoration; the sentence carries the meaning for screen readers.
import { css, html, nothing } from 'lit';
import { VwElement } from './vw-element.js';

export class VwProgress extends VwElement {
  static override properties = { done: { type: Number }, ahead: { type: Number } };
  static override styles = [
    VwElement.styles,
    css`
      :host {
        margin-block-end: calc(var(--_space) * 1.25);
      }
      .bar {
        block-size: 0.5rem;
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-radius: 999px;
        overflow: hidden;
      }
      .fill {
        block-size: 100%;
        background: var(--_primary-bg);
      }
      p {
        margin-block-end: 0.35rem;
        color: var(--_muted);
        font-size: 0.95em;
      }
    `,
  ];
  declare done: number;
  declare ahead: number;

  constructor() {
    super();
    this.done = 0;
    this.ahead = 0;
  }

  override render() {
    const total = this.done + this.ahead;
    if (total <= 0) return nothing;
    const current = Math.min(this.done + 1, total);
    const percent = Math.round((100 * this.done) / total);
    return html`<div part="progress">
      <p>${this.t('stepOf', { done: current, total })}</p>
      <div class="bar" aria-hidden="true"><div class="fill" style="inline-size:${percent}%"></div></div>
    </div>`;
  }
}

customElements.get('vw-progress') || customElements.define('vw-progress', VwProgress);
