// Base for every widget element: the UI language, the shared tokens, and focus on the heading.
import { html, LitElement, nothing, type CSSResultGroup, type PropertyDeclarations } from 'lit';
import { t, type MessageKey } from './messages.js';
import { tokens } from './styles.js';

export class VwElement extends LitElement {
  static override properties: PropertyDeclarations = { locale: { type: String } };
  static override styles: CSSResultGroup = [tokens];
  declare locale: string;

  constructor() {
    super();
    this.locale = 'nl';
  }

  protected t(key: MessageKey, params?: Record<string, string | number>): string {
    return t(this.locale, key, params);
  }

  /** Moves focus to this view's heading (h2 tabindex=-1), after the next render if one is pending. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    const nested = this.renderRoot.querySelector<VwElement>('[data-focus-child]');
    if (nested && 'focusHeading' in nested) return nested.focusHeading();
    this.renderRoot.querySelector<HTMLElement>('[data-heading]')?.focus();
  }

  /** "Vorige" on a step: the same control, label and busy state on every kind of step. */
  protected backButton(canGoBack: boolean, busy: boolean) {
    if (!canGoBack) return nothing;
    return html`<button type="button" part="button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => this.emit('vw-back')}>
      ${this.t('back')}
    </button>`;
  }

  /** Events cross shadow roots so the host page and the root element both hear them. */
  protected emit<T>(name: string, detail?: T): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}
