// The answers so far, each with "Wijzig". Used as its own screen and under the advice (and in print).
import { css, html, nothing } from 'lit';
import type { TrailEntry } from '../server/api/contract.js';
import { VwElement } from './vw-element.js';
import { formatDate } from './vw-resume-code.js';

export class VwAnswers extends VwElement {
  static override properties = {
    trail: { attribute: false },
    editable: { type: Boolean },
    sub: { type: Boolean },
    busy: { type: Boolean },
  };
  static override styles = [
    VwElement.styles,
    css`
      dl {
        margin: 0;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0.25rem 1rem;
        padding-block: 0.6rem;
        border-block-end: 1px solid var(--_border);
      }
      dt {
        font-weight: 600;
        flex: 1 1 14rem;
      }
      dd {
        margin: 0;
        flex: 1 1 14rem;
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0.25rem 1rem;
      }
      .change {
        flex: none;
      }
    `,
  ];
  declare trail: TrailEntry[];
  declare editable: boolean;
  /** true: a section under the advice (h3); false: a screen of its own (h2, gets focus). */
  declare sub: boolean;
  declare busy: boolean;

  constructor() {
    super();
    this.trail = [];
    this.editable = true;
    this.sub = false;
    this.busy = false;
  }

  override render() {
    // Info screens have a null answer ("gelezen"): not something a resident would change.
    const rows = this.trail.filter((e) => e.value !== null);
    const heading = this.sub
      ? html`<h3 part="heading">${this.t('overview')}</h3>`
      : html`<h2 tabindex="-1" data-heading part="heading">${this.t('overview')}</h2>`;
    return html`<section part="answers">
      ${heading} ${this.editable && rows.length ? html`<p class="no-print">${this.t('overviewIntro')}</p>` : nothing}
      <dl>
        ${rows.map(
          (e) =>
            html`<div class="row">
              <dt>${e.question}</dt>
              <dd>
                <span>${readable(e.answer, this.locale)}</span>
                ${
                  this.editable
                    ? html`<span class="change no-print">
                        <button
                          type="button"
                          class="link"
                          aria-disabled=${this.busy ? 'true' : 'false'}
                          @click=${() => this.emit('vw-change', { node: e.node })}
                        >
                          ${this.t('change')}<span class="visually-hidden"> – ${e.question}</span>
                        </button>
                      </span>`
                    : nothing
                }
              </dd>
            </div>`,
        )}
      </dl>
    </section>`;
  }
}

/** Dates come back as ISO (2026-03-15); a resident reads "15 maart 2026". */
function readable(answer: string, locale: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(answer) ? formatDate(`${answer}T12:00:00`, locale) : answer;
}

customElements.get('vw-answers') || customElements.define('vw-answers', VwAnswers);
