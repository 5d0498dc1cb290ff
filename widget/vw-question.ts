// One question on one screen: radio group, checkboxes, ja/nee, number with unit, text with counter,
// or date. Shared by the resident widget and the staff console. It checks the answer before sending
// (so most mistakes are explained without a round trip) and shows the server's refusal the same way.
import { css, html, nothing, type PropertyValues } from 'lit';
import type { PresentedStep } from '../server/api/contract.js';
import { checkAnswer, type Checked } from './check-answer.js';
import { inline, markdown } from './markdown.js';
import { VwElement } from './vw-element.js';

export class VwQuestion extends VwElement {
  static override properties = {
    step: { attribute: false },
    initial: { attribute: false },
    serverError: { attribute: false },
    busy: { type: Boolean },
    showStaff: { type: Boolean, attribute: 'show-staff' },
    draft: { state: true },
    clientError: { state: true },
  };
  static override styles = [
    VwElement.styles,
    css`
      .number {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      .number input {
        inline-size: 7em;
      }
      .text-input {
        inline-size: 100%;
      }
      .staff {
        border-inline-start: 4px solid var(--_border);
        padding-inline-start: 0.75rem;
        font-style: italic;
      }
      .has-error {
        border-inline-start: 4px solid var(--_invalid);
        padding-inline-start: 0.9rem;
      }
    `,
  ];
  declare step: PresentedStep;
  declare initial: unknown;
  declare serverError: string | undefined;
  declare busy: boolean;
  declare showStaff: boolean;
  declare draft: string | string[];
  declare clientError: string | undefined;
  private forStep = '';

  constructor() {
    super();
    this.busy = false;
    this.showStaff = false;
    this.draft = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('step') || changed.has('initial')) && this.step && this.step.id !== this.forStep) {
      this.forStep = this.step.id;
      this.draft = toDraft(this.step, this.initial);
      this.clientError = undefined;
    }
  }

  override render() {
    const s = this.step;
    if (!s?.input) return nothing;
    const error = this.clientError ?? this.serverError;
    const described = ['help', 'hint', error ? 'err' : ''].filter((x) => x && this.hasPart(x)).join(' ') || nothing;
    const choice = s.input.type === 'single' || s.input.type === 'multi' || s.input.type === 'yesno';
    const heading = choice
      ? html`<h2 tabindex="-1" data-heading part="heading">${inline(s.text)}</h2>`
      : html`<h2 tabindex="-1" data-heading part="heading"><label for="f">${inline(s.text)}</label></h2>`;
    const help = s.help ? html`<div id="help">${markdown(s.help)}</div>` : nothing;
    const staff = this.showStaff && s.staff ? html`<p class="staff">${s.staff}</p>` : nothing;
    const hint = this.hint() ? html`<p class="hint" id="hint">${this.hint()}</p>` : nothing;
    const err = error
      ? html`<p class="error" id="err"><span class="visually-hidden">${this.t('errorPrefix')} </span>${error}</p>`
      : nothing;
    const body = choice
      ? html`<fieldset aria-describedby=${described}>
          <legend>${heading}</legend>
          ${staff}${help}${hint}${err}${this.controls(!!error)}
        </fieldset>`
      : html`${heading}${staff}${help}${hint}${err}${this.controls(!!error, described)}`;
    return html`<form novalidate @submit=${this.submit} part="step">
      <div class=${error ? 'has-error' : ''}>${body}</div>
      <div class="actions no-print">
        <button type="submit" class="primary" part="button button-primary" aria-disabled=${this.busy ? 'true' : 'false'}>
          ${this.t('next')}
        </button>
        ${this.backButton(s.canGoBack, this.busy)}
      </div>
    </form>`;
  }

  // ids referenced by aria-describedby must exist, or axe (rightly) complains.
  private hasPart(id: string): boolean {
    if (id === 'help') return !!this.step.help;
    if (id === 'hint') return !!this.hint();
    return true;
  }

  private hint(): string {
    const i = this.step.input!;
    switch (i.type) {
      case 'multi': {
        // Trees often open their help with the same sentence: say it once per screen.
        const any = this.step.help?.includes(this.t('chooseAny')) ? '' : this.t('chooseAny');
        if (i.max && i.max > 1) return `${any} ${this.t('chooseMax', { max: i.max })}`.trim();
        return i.min && i.min > 1 ? this.t('chooseMin', { min: i.min }) : any;
      }
      case 'number':
        return this.t('numberHint', { min: i.min, max: i.max });
      case 'text': {
        const left = i.maxLength - [...(this.draft as string)].length;
        const count = left >= 0 ? this.t('charsLeft', { n: left }) : this.t('charsOver', { n: -left });
        return i.optional ? `${this.t('optional')} ${count}` : count;
      }
      default:
        return '';
    }
  }

  private controls(invalid: boolean, described?: string | typeof nothing) {
    const i = this.step.input!;
    const inv = invalid ? 'true' : nothing;
    switch (i.type) {
      case 'yesno':
        return this.radios(
          [
            { value: 'ja', label: this.t('yes') },
            { value: 'nee', label: this.t('no') },
          ],
          inv,
        );
      case 'single':
        return this.radios(i.options, inv);
      case 'multi':
        return i.options.map(
          (o, n) =>
            html`<div class="choice">
              <input
                type="checkbox"
                id=${`o${n}`}
                name="q"
                .value=${o.value}
                aria-invalid=${inv}
                aria-describedby=${o.help ? `oh${n}` : nothing}
                .checked=${(this.draft as string[]).includes(o.value)}
                @change=${this.toggle}
              />
              <div>
                <label for=${`o${n}`}>${inline(o.label)}</label
                >${o.help ? html`<span class="hint" id=${`oh${n}`}>${o.help}</span>` : nothing}
              </div>
            </div>`,
        );
      case 'number':
        return html`<div class="number">
          <input
            type="text"
            id="f"
            name="q"
            inputmode=${i.integer ? 'numeric' : 'decimal'}
            autocomplete="off"
            aria-describedby=${[described, i.unit ? 'unit' : ''].filter((x) => x && x !== nothing).join(' ') || nothing}
            aria-invalid=${inv}
            .value=${this.draft as string}
            @input=${this.typed}
          />
          ${i.unit ? html`<span id="unit">${i.unit}</span>` : nothing}
        </div>`;
      case 'text':
        return i.maxLength > 80
          ? html`<textarea
              id="f"
              name="q"
              rows="5"
              aria-describedby=${described ?? nothing}
              aria-invalid=${inv}
              .value=${this.draft as string}
              @input=${this.typed}
            ></textarea>`
          : html`<input
              type="text"
              class="text-input"
              id="f"
              name="q"
              aria-describedby=${described ?? nothing}
              aria-invalid=${inv}
              .value=${this.draft as string}
              @input=${this.typed}
            />`;
      case 'date':
        return html`<input
          type="date"
          id="f"
          name="q"
          min=${i.min ?? nothing}
          max=${i.max ?? nothing}
          aria-describedby=${described ?? nothing}
          aria-invalid=${inv}
          .value=${this.draft as string}
          @input=${this.typed}
        />`;
    }
  }

  private radios(options: { value: string; label: string; help?: string }[], inv: string | typeof nothing) {
    return options.map(
      (o, n) =>
        html`<div class="choice">
          <input
            type="radio"
            id=${`o${n}`}
            name="q"
            .value=${o.value}
            aria-invalid=${inv}
            aria-describedby=${o.help ? `oh${n}` : nothing}
            .checked=${this.draft === o.value}
            @change=${this.typed}
          />
          <div>
            <label for=${`o${n}`}>${inline(o.label)}</label>${o.help ? html`<span class="hint" id=${`oh${n}`}>${o.help}</span>` : nothing}
          </div>
        </div>`,
    );
  }

  private typed(e: Event) {
    this.draft = (e.target as HTMLInputElement).value;
  }

  private toggle(e: Event) {
    const box = e.target as HTMLInputElement;
    const set = new Set(this.draft as string[]);
    if (box.checked) set.add(box.value);
    else set.delete(box.value);
    this.draft = [...set];
  }

  private submit(e: Event) {
    e.preventDefault();
    if (this.busy) return;
    const checked = this.check();
    if (!checked.ok) {
      this.clientError = checked.message;
      // The error sits next to the field; moving focus there makes sure it is noticed and read.
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('input, textarea')?.focus());
      return;
    }
    this.clientError = undefined;
    this.emit('vw-answer', { node: this.step.id, value: checked.value });
  }

  check(): Checked {
    return checkAnswer(this.step.input!, this.draft, this.locale);
  }
}

/** The form's starting state: an earlier answer when the resident comes back to a question. */
function toDraft(step: PresentedStep, initial: unknown): string | string[] {
  const type = step.input?.type;
  if (type === 'multi') return Array.isArray(initial) ? initial.filter((v): v is string => typeof v === 'string') : [];
  if (type === 'yesno') return initial === true ? 'ja' : initial === false ? 'nee' : '';
  if (initial === undefined || initial === null) return '';
  return String(initial);
}

customElements.get('vw-question') || customElements.define('vw-question', VwQuestion);
