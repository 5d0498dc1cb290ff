// The advice plan, in the order the API returns it (the pyramid: spoed on top, then eigen kracht →
// informeel → algemeen → maatwerk → vangnet). Each item says why it is there, in the resident's own
// answers, so the advice raises no false expectations and can be checked.
import { css, html, nothing } from 'lit';
import type { PresentedAdvice } from '../server/api/contract.js';
import { markdown } from './markdown.js';
import type { MessageKey } from './messages.js';
import { VwElement } from './vw-element.js';
import './vw-service-card.js';

export class VwAdvicePlan extends VwElement {
  static override properties = { advice: { attribute: false } };
  static override styles = [
    VwElement.styles,
    css`
      ol.plan {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: calc(var(--_space) * 1.25);
      }
      article {
        border: 1px solid var(--_border);
        border-inline-start-width: 6px;
        border-inline-start-color: var(--_primary-bg);
        border-radius: var(--_radius);
        padding: var(--_space);
        break-inside: avoid;
      }
      article.spoed {
        border-color: var(--_urgent-border);
        background: var(--_urgent-bg);
      }
      .level {
        display: inline-block;
        font-size: 0.85em;
        font-weight: 600;
        text-transform: uppercase;
        letter-spacing: 0.03em;
        color: var(--_muted);
        margin-block-end: 0.25rem;
      }
      .spoed .level {
        color: var(--_urgent-border);
      }
      .services {
        display: grid;
        gap: 0.75rem;
        margin-block: 0.75rem;
      }
      details {
        margin-block-start: 0.75rem;
      }
      summary {
        cursor: pointer;
        color: var(--_link);
        text-decoration: underline;
        min-block-size: 24px;
      }
      details[open] > summary {
        margin-block-end: 0.5rem;
      }
      .why {
        border-inline-start: 4px solid var(--_border);
        padding-inline-start: 0.75rem;
      }
      @media print {
        article {
          border-inline-start-width: 2px;
        }
        summary {
          list-style: none;
          text-decoration: none;
          color: inherit;
          font-weight: 600;
        }
      }
    `,
  ];
  declare advice: PresentedAdvice[];
  private openAll = () => this.renderRoot.querySelectorAll('details').forEach((d) => (d.open = true));

  constructor() {
    super();
    this.advice = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A printed plan should carry its reasons: closed <details> would print as a bare summary.
    window.addEventListener('beforeprint', this.openAll);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('beforeprint', this.openAll);
    super.disconnectedCallback();
  }

  override render() {
    if (!this.advice.length) return html`<p>${this.t('adviceEmpty')}</p>`;
    return html`<ol class="plan">
      ${this.advice.map((a) => html`<li>${this.item(a)}</li>`)}
    </ol>`;
  }

  private item(a: PresentedAdvice) {
    return html`<article class=${a.level} part="advice-item" aria-labelledby=${`t-${a.id}`}>
      <span class="level">${this.t(`level_${a.level}` as MessageKey)}</span>
      <h3 id=${`t-${a.id}`}>${a.title}</h3>
      ${markdown(a.text)}
      ${
        a.services.length
          ? html`<div class="services">
              ${a.services.map((s) => html`<vw-service-card .locale=${this.locale} .service=${s} exportparts="service-card"></vw-service-card>`)}
            </div>`
          : nothing
      }
      ${
        a.action === 'concern-report'
          ? html`<p class="no-print">
              <button type="button" class="primary" part="button button-primary" @click=${() => this.emit('vw-concern', { item: a.id })}>
                ${this.t('concernButton')}
              </button>
            </p>`
          : nothing
      }
      ${a.action === 'wmo-melding' ? html`<p class="hint">${this.t('wmoNote')}</p>` : nothing}
      <details>
        <summary>${this.t('why')}</summary>
        <div class="why">
          ${markdown(a.why)}
          ${
            a.because.length
              ? html`<p>${this.t('because')}</p>
                  <ul>
                    ${a.because.map((b) => html`<li>${b.question}: <strong>${b.answer}</strong></li>`)}
                  </ul>`
              : nothing
          }
        </div>
      </details>
    </article>`;
  }
}

customElements.get('vw-advice-plan') || customElements.define('vw-advice-plan', VwAdvicePlan);
