// Base for every widget element: the UI language, the municipality's words, the shared tokens, and
// focus on the heading.
import { html, LitElement, nothing, type CSSResultGroup, type PropertyDeclarations } from 'lit';
import type { Layer } from '../engine/runtime.js';
import { localize } from '../engine/text/localize.js';
import type { GemeenteView } from '../server/api/contract.js';
import { requestGemeente } from './gemeente-context.js';
import { t, type MessageKey } from './messages.js';
import { tokens } from './styles.js';

export class VwElement extends LitElement {
  static override properties: PropertyDeclarations = { locale: { type: String }, gemeente: { attribute: false } };
  static override styles: CSSResultGroup = [tokens];
  declare locale: string;
  /** The municipality's config, from the nearest provider (see gemeente-context.ts). */
  declare gemeente: GemeenteView | undefined;
  private leaveGemeente?: () => void;

  constructor() {
    super();
    this.locale = 'nl';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.leaveGemeente = requestGemeente(this, (view) => (this.gemeente = view));
  }

  override disconnectedCallback(): void {
    this.leaveGemeente?.();
    super.disconnectedCallback();
  }

  /**
   * `{kcc}` in a text is the municipality's contact number, or "de gemeente" when none is known; a
   * layer heading (`level_<layer>`) is the municipality's own label where its gemeente.json has one.
   */
  protected t(key: MessageKey, params?: Record<string, string | number>): string {
    const own = key.startsWith('level_') ? this.gemeente?.labels.layers[key.slice('level_'.length) as Layer] : undefined;
    return localize(own, this.locale) ?? t(this.locale, key, { kcc: this.gemeente?.kcc.phone ?? t(this.locale, 'kccFallback'), ...params });
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
