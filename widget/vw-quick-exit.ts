// "Snel weg": the tool covers domestic violence and suicide, so someone may need to hide it at
// once. The button is fixed on the screen and first in the tab order; it replaces the page and its
// history entry (Back does not return here) and forgets this tab's session handle.
import { css, html } from 'lit';
import { DEFAULT_QUICK_EXIT } from '../engine/schema/quick-exit.js';
import { forgetAllHandles } from './session-storage.js';
import { VwElement } from './vw-element.js';

export class VwQuickExit extends VwElement {
  static override styles = [
    VwElement.styles,
    css`
      :host {
        position: fixed;
        inset-block-start: 0.5rem;
        inset-inline-end: 0.5rem;
        z-index: 2147483647;
      }
      button {
        font: inherit;
        font-weight: 700;
        min-block-size: 44px;
        min-inline-size: 44px;
        padding: 0.4rem 0.9rem;
        border: 2px solid var(--_primary-color);
        border-radius: var(--_radius);
        background: var(--_primary-bg);
        color: var(--_primary-color);
        cursor: pointer;
      }
      button:hover {
        background: var(--_primary-hover-bg);
      }
      button:focus-visible {
        outline: 3px solid var(--_focus);
        outline-offset: 2px;
      }
      @media print {
        :host {
          display: none;
        }
      }
    `,
  ];
  override render() {
    return html`<button type="button" part="quick-exit" @click=${this.exit}>${this.t('quickExit')}</button>`;
  }

  private exit = () => {
    forgetAllHandles();
    location.replace(this.gemeente?.quickExit ?? DEFAULT_QUICK_EXIT);
  };
}

customElements.get('vw-quick-exit') || customElements.define('vw-quick-exit', VwQuickExit);
