// The step renderer shared by the resident widget and the staff console: picks the element for the
// current step kind and forwards focus to its heading.
import { html, nothing } from 'lit';
import type { PresentedStep } from '../server/api/contract.js';
import { VwElement } from './vw-element.js';
import './vw-info.js';
import './vw-progress.js';
import './vw-question.js';

export class VwStep extends VwElement {
  static override properties = {
    step: { attribute: false },
    initial: { attribute: false },
    serverError: { attribute: false },
    busy: { type: Boolean },
    showStaff: { type: Boolean, attribute: 'show-staff' },
  };
  declare step: PresentedStep | undefined;
  declare initial: unknown;
  declare serverError: string | undefined;
  declare busy: boolean;
  declare showStaff: boolean;

  constructor() {
    super();
    this.busy = false;
    this.showStaff = false;
  }

  override render() {
    const s = this.step;
    if (!s || s.kind === 'end') return nothing;
    const progress = html`<vw-progress
      class="no-print"
      .locale=${this.locale}
      .done=${s.progress.done}
      .ahead=${s.progress.ahead}
      exportparts="progress"
    ></vw-progress>`;
    return s.kind === 'info'
      ? html`${progress}<vw-info
            data-focus-child
            .locale=${this.locale}
            .step=${s}
            ?busy=${this.busy}
            ?show-staff=${this.showStaff}
            exportparts="step,heading,button,button-primary"
          ></vw-info>`
      : html`${progress}<vw-question
            data-focus-child
            .locale=${this.locale}
            .step=${s}
            .initial=${this.initial}
            .serverError=${this.serverError}
            ?busy=${this.busy}
            ?show-staff=${this.showStaff}
            exportparts="step,heading,button,button-primary"
          ></vw-question>`;
  }
}

customElements.get('vw-step') || customElements.define('vw-step', VwStep);
