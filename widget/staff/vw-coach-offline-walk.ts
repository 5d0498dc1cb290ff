// A domain's tree advice at the kitchen table without internet: the same step renderer and the
// same engine as online, on the tree version this device stored. Every answer is written to the
// device at once (walk-change); a finished walk is sent by the coach's sync when the connection returns.
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { answer, back, present, trail, type CompiledTree, type SessionView } from '../../engine/runtime.js';
import { presentAdvice } from '../../server/sessions/present-state.js';
import '../vw-advice-plan.js';
import type { VwElement } from '../vw-element.js';
import '../vw-step.js';
import type { Walk } from './coach-sync.js';
import { compileOffline, replayWalk, type OfflineTree } from './offline-walk.js';
import { staffStyles } from './staff-styles.js';

export class VwCoachOfflineWalk extends LitElement {
  static override properties = {
    tree: { attribute: false },
    walk: { attribute: false },
    error: { state: true },
  };
  static override styles = staffStyles;
  declare tree: OfflineTree | undefined;
  declare walk: Walk | undefined;
  declare error: string | undefined;
  private compiled?: CompiledTree;
  private view?: SessionView;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('tree') && this.tree && this.walk) {
      this.compiled = compileOffline(this.tree);
      this.view = replayWalk(this.compiled, this.walk.domain, this.walk.answers);
    }
  }

  private save(view: SessionView, walk: Walk) {
    this.view = view;
    this.walk = walk;
    this.error = undefined;
    this.dispatchEvent(new CustomEvent('walk-change', { detail: walk, bubbles: true, composed: true }));
    this.requestUpdate();
    void this.focusStep();
  }

  /** The step's heading takes focus, as in the resident widget (also when the walk moves here from online). */
  async focusStep(): Promise<void> {
    await this.updateComplete;
    const step = this.renderRoot.querySelector<VwElement>('vw-step');
    if (step) return step.focusHeading();
    this.renderRoot.querySelector<HTMLElement>('[data-heading]')?.focus();
  }

  /** Answers the server already has (a walk continued from online) are not undone on the device. */
  private get canGoBack() {
    return !!this.walk && this.walk.answers.length > (this.walk.continues?.answered ?? 0);
  }

  private onAnswer = (e: CustomEvent<{ node: string; value: unknown }>) => {
    const at = new Date().toISOString();
    const r = answer(this.compiled!, this.view!, { node: e.detail.node, value: e.detail.value, at, channel: 'wijkcoach' });
    if (!r.ok) return void (this.error = r.error.message);
    // Store the value as the engine normalised it, as the server will.
    const value = r.value.record.log.at(-1)!.value;
    this.save(r.value, { ...this.walk!, answers: [...this.walk!.answers, { node: e.detail.node, value, at }], done: r.value.done });
  };

  private onBack = () => {
    if (!this.walk || !this.canGoBack) return;
    const r = back(this.compiled!, this.view!);
    if (r.ok) this.save(r.value, { ...this.walk, answers: this.walk.answers.slice(0, -1), done: false });
  };

  override render() {
    if (!this.compiled || !this.view || !this.walk) return nothing;
    const note = this.walk.continues
      ? html`<p class="notice">
          Geen verbinding: u gaat verder met de beslisboom die op dit apparaat is bewaard, na uw laatste antwoord. De nieuwe antwoorden gaan
          naar hetzelfde gesprek zodra er weer verbinding is.
        </p>`
      : html`<p class="notice">
          Geen verbinding: dit advies komt uit de beslisboom die op dit apparaat is bewaard. De antwoorden worden verstuurd zodra er weer
          verbinding is.
        </p>`;
    if (this.walk.failed) return this.renderFailed(this.walk.failed);
    if (!this.view.done) {
      const step = { ...present(this.compiled, this.view, 'nl'), canGoBack: this.canGoBack };
      return html`${note}
        <vw-step .step=${step} .serverError=${this.error} show-staff @vw-answer=${this.onAnswer} @vw-back=${this.onBack}></vw-step>`;
    }
    return html`${note}
      <h3 tabindex="-1" data-heading>Advies (op dit apparaat)</h3>
      <vw-advice-plan .advice=${presentAdvice(this.compiled, this.view, 'nl')}></vw-advice-plan>`;
  }

  /** Refused by the server: why, in Dutch, and the answers given here, so the coach can give them again. */
  private renderFailed(why: string) {
    const given = trail(this.compiled!, this.view!, 'nl');
    return html`<h3 tabindex="-1" data-heading>Niet overgenomen</h3>
      <p class="error" role="alert">${why}</p>
      <h4>De antwoorden op dit apparaat</h4>
      <dl>
        ${given.map(
          (e) =>
            html`<dt>${e.question}</dt>
              <dd>${e.answer}</dd>`,
        )}
      </dl>
      <div class="actions">
        <button
          type="button"
          @click=${() => this.dispatchEvent(new CustomEvent('walk-discard', { detail: this.walk, bubbles: true, composed: true }))}
        >
          Verwijderen van dit apparaat en het gesprek op de server openen
        </button>
      </div>`;
  }
}

customElements.define('vw-coach-offline-walk', VwCoachOfflineWalk);
