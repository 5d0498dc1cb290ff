// "Direct hulp nodig?" on every screen: the three numbers nobody should have to search for.
import { css, html } from 'lit';
import { VwElement } from './vw-element.js';

export class VwHelpBar extends VwElement {
  static override styles = [
    VwElement.styles,
    css`
      aside {
        background: var(--_urgent-bg);
        border-inline-start: 6px solid var(--_urgent-border);
        padding-block: 0.5rem;
        padding-inline: 0.85rem;
        font-size: 0.95em;
      }
      h2 {
        font-size: 1em;
        margin: 0 0 0.25rem;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
        display: flex;
        flex-wrap: wrap;
        column-gap: 1.25rem;
        row-gap: 0.25rem;
      }
      a {
        color: inherit;
        font-weight: 600;
        display: inline-block;
        min-block-size: 24px;
      }
    `,
  ];

  override render() {
    return html`<aside part="help-bar" aria-labelledby="h">
      <h2 id="h">${this.t('help')}</h2>
      <ul>
        <li><a href="tel:112">${this.t('help112')}</a></li>
        <li><a href="tel:08002000">${this.t('helpVeiligThuis')}</a></li>
        <li><a href="tel:113">${this.t('help113')}</a></li>
      </ul>
    </aside>`;
  }
}

customElements.get('vw-help-bar') || customElements.define('vw-help-bar', VwHelpBar);
