// The advice plan, in the order and sections the API composes it: spoed, "Doe dit eerst" (the
// time-critical items), the pyramid (eigen kracht → informeel → algemeen → maatwerk) and the
// vangnet. The first screen stays short – one line per item, details folded (spoed and vangnet
// open) – and print opens
// every fold, so no item is lost on paper. Each item says why it is there, in the resident's own
// answers, so the advice raises no false expectations and can be checked.
import { css, html, nothing } from 'lit';
import type { PresentedAdvice } from '../server/api/contract.js';
import { SECTIONS } from '../engine/plan/compose.js';
import { markdown } from './markdown.js';
import type { MessageKey } from './messages.js';
import { mt } from './melding-messages.js';
import { VwElement } from './vw-element.js';
import './vw-service-card.js';

export class VwAdvicePlan extends VwElement {
  static override properties = { advice: { attribute: false }, melding: { type: Boolean } };
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
      section.part + section.part {
        margin-block-start: calc(var(--_space) * 1.5);
      }
      section.part > h3 {
        margin-block: 0 0.5rem;
      }
      .urgent-why {
        font-weight: 600;
        margin-block: 0.25rem 0;
      }
      .see-card {
        font-style: italic;
        margin: 0;
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
      h4 {
        margin-block: 0.1rem 0;
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
  /** Offer "Doe je melding hier" on a Wmo-melding item: only where the host handles `vw-melding`. */
  declare melding: boolean;
  private openAll = () => this.renderRoot.querySelectorAll('details').forEach((d) => (d.open = true));

  constructor() {
    super();
    this.advice = [];
    this.melding = false;
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
    const titleOf = new Map(this.advice.map((a) => [a.id, a.title]));
    return SECTIONS.map((section) => {
      const items = this.advice.filter((a) => a.section === section);
      if (!items.length) return nothing;
      return html`<section class=${`part ${section}`} aria-labelledby=${`s-${section}`}>
        <h3 id=${`s-${section}`}>${this.t(`section_${section}` as MessageKey)}</h3>
        <ol class="plan">
          ${items.map((a) => html`<li>${this.item(a, titleOf)}</li>`)}
        </ol>
      </section>`;
    });
  }

  /**
   * One line per item on the first screen (its layer and title, and for "Doe dit eerst" why it
   * cannot wait); the rest folded. Spoed and the one vangnet item stay open: in danger, or stuck,
   * the number to call is never one tap away.
   */
  private item(a: PresentedAdvice, titleOf: Map<string, string>) {
    const body = html`${markdown(a.text)}
      ${
        a.services.length
          ? html`<div class="services">
              ${a.services.map((s) =>
                a.cardAt[s.id]
                  ? html`<p class="see-card">${this.t('seeCard', { name: s.name, title: titleOf.get(a.cardAt[s.id]!) ?? '' })}</p>`
                  : html`<vw-service-card .locale=${this.locale} .service=${s} exportparts="service-card"></vw-service-card>`,
              )}
            </div>`
          : nothing
      }
      ${a.action === 'wmo-melding' ? html`<p class="hint">${this.t(this.melding ? 'wmoNoteHere' : 'wmoNote')}</p>` : nothing}
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
      </details>`;
    return html`<article class=${a.layer} part="advice-item" aria-labelledby=${`t-${a.id}`}>
      <span class="level">${this.t(`level_${a.layer}` as MessageKey)}</span>
      <h4 id=${`t-${a.id}`}>${a.title}</h4>
      ${a.urgentWhy ? html`<p class="urgent-why">${a.urgentWhy}</p>` : nothing}
      ${
        a.action === 'concern-report'
          ? html`<p class="no-print">
              <button type="button" class="primary" part="button button-primary" @click=${() => this.emit('vw-concern', { item: a.id })}>
                ${this.t('concernButton')}
              </button>
            </p>`
          : nothing
      }
      ${
        a.action === 'wmo-melding' && this.melding
          ? html`<p class="no-print">
              <button type="button" class="primary" part="button button-primary" @click=${() => this.emit('vw-melding', { item: a.id })}>
                ${mt(this.locale, 'open')}
              </button>
            </p>`
          : nothing
      }
      ${
        a.section === 'spoed' || a.section === 'vangnet'
          ? body
          : html`<details class="more">
              <summary>${this.t('more', { title: a.title })}</summary>
              ${body}
            </details>`
      }
    </article>`;
  }
}

customElements.get('vw-advice-plan') || customElements.define('vw-advice-plan', VwAdvicePlan);
