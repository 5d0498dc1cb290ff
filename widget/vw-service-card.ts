// A sociale-kaart entry: who, how to reach them (tel: link, address, opening hours, website), cost.
// A heading level below the advice item's title (under the plan's section heading).
// Fields the municipality has not verified yet are not marked here: a resident cannot check them and a
// badge on every card only undermines trust. That list lives in the tree book for the municipality.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { PresentedService } from '../server/api/contract.js';
import { isSafeHref } from './markdown.js';
import { VwElement } from './vw-element.js';

export class VwServiceCard extends VwElement {
  static override properties = { service: { attribute: false } };
  static override styles = [
    VwElement.styles,
    css`
      .card {
        background: var(--_bg, #fff);
        border: 1px solid var(--_border);
      }
      h5 {
        margin-block-end: 0.15rem;
      }
      .org {
        color: var(--_muted);
        margin-block-end: 0.5rem;
      }
      dl {
        display: grid;
        grid-template-columns: minmax(6rem, max-content) 1fr;
        gap: 0.25rem 0.75rem;
        margin: 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        min-inline-size: 0;
      }
      @media (max-width: 24rem) {
        dl {
          grid-template-columns: 1fr;
        }
        dd {
          margin-block-end: 0.35rem;
        }
      }
    `,
  ];
  declare service: PresentedService;

  override render() {
    const s = this.service;
    if (!s) return nothing;
    const row = (label: string, value: TemplateResult | string | undefined) =>
      value
        ? html`<dt>${label}</dt>
            <dd>${value}</dd>`
        : nothing;
    return html`<div class="card" part="service-card">
      <h5>${s.name}</h5>
      <p class="org">${s.organisation}</p>
      ${s.description ? html`<p>${s.description}</p>` : nothing}
      <dl>
        ${row(this.t('phone'), s.phone ? html`<a href=${`tel:${s.phone.replace(/[^0-9+]/g, '')}`}>${s.phone}</a>` : undefined)}
        ${row(this.t('address'), s.address)} ${row(this.t('openingHours'), s.openingHours)}
        ${row(this.t('website'), s.web && isSafeHref(s.web) ? html`<a href=${s.web} rel="noopener noreferrer">${s.web.replace(/^https:\/\//, '').replace(/\/$/, '')}</a>` : undefined)}
        ${row(this.t('email'), s.email ? html`<a href=${`mailto:${s.email}`}>${s.email}</a>` : undefined)} ${row(this.t('cost'), s.cost)}
        ${row(this.t('access'), s.access)}
      </dl>
    </div>`;
  }
}

customElements.get('vw-service-card') || customElements.define('vw-service-card', VwServiceCard);
