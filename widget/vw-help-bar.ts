// "Direct hulp nodig?" on every screen: the numbers nobody should have to search for, as the
// municipality's gemeente.json lists them.
import { css, html } from 'lit';
import { localize } from '../engine/text/localize.js';
import type { MessageKey } from './messages.js';
import { VwElement } from './vw-element.js';

/**
 * Until the municipality's list has arrived (or when it cannot be loaded) the bar still shows the
 * national numbers, the same in every Dutch municipality: a person in danger never sees it empty.
 */
const NATIONAL: { key: MessageKey; tel: string }[] = [
  { key: 'help112', tel: 'tel:112' },
  { key: 'helpVeiligThuis', tel: 'tel:08002000' },
  { key: 'help113', tel: 'tel:113' },
];

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
    const entries =
      this.gemeente?.helpBar.map((e) => ({ text: localize(e.text, this.locale)!, tel: e.tel })) ??
      NATIONAL.map((e) => ({ text: this.t(e.key), tel: e.tel }));
    return html`<aside part="help-bar" aria-labelledby="h">
      <h2 id="h">${this.t('help')}</h2>
      <ul>
        ${entries.map((e) => html`<li><a href=${e.tel}>${e.text}</a></li>`)}
      </ul>
    </aside>`;
  }
}

customElements.get('vw-help-bar') || customElements.define('vw-help-bar', VwHelpBar);
