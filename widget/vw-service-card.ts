// A sociale-kaart entry: who, how to reach them (tel: link, address, opening hours, website), cost.
// A heading level below the advice item's title (h4, under the plan's section heading h3).
// Fields nobody verified yet are marked, so a resident knows to double-check before travelling.
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
      .caution {
        display: inline-block;
        margin-inline-start: 0.4rem;
        padding-inline: 0.35rem;
        border: 1px solid currentColor;
        border-radius: 3px;
        font-size: 0.85em;
        color: #7a4d00;
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
    const row = (field: string, label: string, value: TemplateResult | string | undefined) =>
      value
        ? html`<dt>${label}</dt>
            <dd>
              ${value}${this.unverified(field) ? html` <span class="caution" title=${this.t('unverifiedNote')}>${this.t('unverified')}</span>` : nothing}
            </dd>`
        : nothing;
    return html`<div class="card" part="service-card">
      <h5>${s.name}</h5>
      <p class="org">${s.organisation}</p>
      ${s.description ? html`<p>${s.description}</p>` : nothing}
      <dl>
        ${row('phone', this.t('phone'), s.phone ? html`<a href=${`tel:${s.phone.replace(/[^0-9+]/g, '')}`}>${s.phone}</a>` : undefined)}
        ${row('address', this.t('address'), s.address)} ${row('openingHours', this.t('openingHours'), s.openingHours)}
        ${row('web', this.t('website'), s.web && isSafeHref(s.web) ? html`<a href=${s.web} rel="noopener noreferrer">${s.web.replace(/^https:\/\//, '').replace(/\/$/, '')}</a>` : undefined)}
        ${row('email', this.t('email'), s.email ? html`<a href=${`mailto:${s.email}`}>${s.email}</a>` : undefined)}
        ${row('cost', this.t('cost'), s.cost)} ${row('access', this.t('access'), s.access)}
      </dl>
      ${s.unverified?.length ? html`<p class="hint">${this.t('unverifiedNote')}</p>` : nothing}
    </div>`;
  }

  /** The sociale kaart names fields by path ("contact.phone"); the card by leaf ("phone"). */
  private unverified(field: string): boolean {
    return (this.service.unverified ?? []).some((f) => f === field || f.endsWith(`.${field}`));
  }
}

customElements.get('vw-service-card') || customElements.define('vw-service-card', VwServiceCard);
