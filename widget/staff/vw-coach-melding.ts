// The Wmo melding at the kitchen table: the resident's own melding flow (same fields, check-answers
// page, confirmation), on the check-answers page the plan brought to this device. Sending puts it
// in the device's queue first, under the key the flow chose, so without a connection it is kept and
// sent once later; the confirmation then says so, and shows the reference as soon as it arrives.
import { html, LitElement, nothing } from 'lit';
import type { MeldingPreview, MeldingReceipt } from '../../server/api/melding-contract.js';
import '../vw-melding-flow.js';
import type { MeldingTransport, VwMeldingFlow } from '../vw-melding-flow.js';
import type { CoachSync, MeldingSent } from './coach-sync.js';
import { staffStyles } from './staff-styles.js';

export class VwCoachMelding extends LitElement {
  static override properties = {
    sync: { attribute: false },
    planId: { type: String },
    domain: { type: String },
    preview: { attribute: false },
    queued: { state: true },
    sent: { state: true },
  };
  static override styles = staffStyles;
  declare sync: CoachSync;
  declare planId: string;
  declare domain: string;
  declare preview: MeldingPreview;
  /** Kept on the device: the flow's own confirmation needs a reference, which only the server gives. */
  declare queued: boolean;
  declare sent: MeldingReceipt | undefined;
  private key = '';
  private onSent = (e: Event) => {
    const { melding, receipt } = (e as CustomEvent<MeldingSent>).detail;
    if (melding.key === this.key) this.sent = receipt;
  };

  constructor() {
    super();
    this.queued = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.sync.addEventListener('melding-sent', this.onSent);
  }

  override disconnectedCallback(): void {
    this.sync.removeEventListener('melding-sent', this.onSent);
    super.disconnectedCallback();
  }

  async focusHeading(): Promise<void> {
    await this.updateComplete;
    if (this.queued) return this.renderRoot.querySelector<HTMLElement>('[data-heading]')?.focus();
    await this.renderRoot.querySelector<VwMeldingFlow>('vw-melding-flow')?.focusHeading();
  }

  private transport(): MeldingTransport {
    return {
      preview: () => Promise.resolve(this.preview),
      send: async (fields) => {
        this.key = fields.idempotencyKey;
        this.sent = undefined;
        await this.sync.queueMelding({ key: this.key, planId: this.planId, domain: this.domain, fields });
        const refused = (await this.sync.meldingen(this.planId)).find((m) => m.key === this.key && m.failed);
        if (refused) {
          // Refused at once (there is a connection): nothing was made; the form shows the fault, the queue forgets it.
          await this.sync.dropMelding(refused.key);
          throw Object.assign(new Error(refused.failed), { problem: refused.problem });
        }
        // Sent while we waited: the flow shows its own confirmation; else it is kept for later.
        return this.sent;
      },
    };
  }

  private onQueued = async () => {
    this.queued = true;
    await this.focusHeading();
  };

  override render() {
    if (!this.queued) return html`<vw-melding-flow .transport=${this.transport()} @vw-melding-queued=${this.onQueued}></vw-melding-flow>`;
    return html`<h2 tabindex="-1" data-heading>${this.sent ? 'De melding is verstuurd' : 'De melding is bewaard op dit apparaat'}</h2>
      <div role="status">
        ${
          this.sent
            ? html`<p><strong>Het kenmerk is ${this.sent.reference}.</strong> Het staat ook in het plan.</p>`
            : html`<p>
                Er is nu geen verbinding. De melding wordt één keer verstuurd zodra er weer verbinding is. Het kenmerk staat daarna in het
                plan.
              </p>`
        }
      </div>
      <h3>Wat gebeurt er nu?</h3>
      <ol>
        ${this.preview.nextSteps.map((s) => html`<li>${s}</li>`)}
      </ol>
      ${this.preview.contact ? html`<p>Vragen? Bel ${this.preview.contact.name}: ${this.preview.contact.phone}.</p>` : nothing}
      <div class="actions">
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('vw-close', { bubbles: true, composed: true }))}>
          Terug naar het plan
        </button>
      </div>`;
  }
}

customElements.get('vw-coach-melding') || customElements.define('vw-coach-melding', VwCoachMelding);
