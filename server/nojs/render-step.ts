// One step as a plain HTML form: radios, checkboxes, ja/nee, a number, a text or a date, or an
// info screen with "Volgende". It posts the answer with the version it was drawn at and a fresh
// idempotency key, so a second click on the same form is the same answer.
import type { PresentedInput, PresentedStep } from '../api/contract.js';
import { t } from '../../widget/messages.js';
import { h, type Html } from './html.js';
import { inlineHtml, markdownHtml } from './markdown-html.js';
import { fieldError } from './page-shell.js';

export const ANSWER = 'answer';

export interface StepForm {
  lang: string;
  step: PresentedStep;
  action: string;
  hidden: Record<string, string>;
  /** The answer given earlier (changing it) or just sent (shown again with its error). */
  value?: unknown;
  error?: string;
  /** h1 on a page of its own; h2 inside a host page that has its own h1 (the first paint). */
  heading?: 'h1' | 'h2';
}

/** Where the error summary links to: the first control of the question. */
export const firstControl = (step: PresentedStep) =>
  step.input && ['single', 'multi', 'yesno'].includes(step.input.type) ? `${ANSWER}-0` : ANSWER;

export function hiddenFields(fields: Record<string, string>): Html {
  return h`${Object.entries(fields).map(([k, v]) => h`<input type="hidden" name="${k}" value="${v}">`)}`;
}

/** The form's starting state, as the widget's question draws it. */
function draftOf(input: PresentedInput | undefined, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (input?.type === 'yesno' && typeof value === 'boolean') return [value ? 'ja' : 'nee'];
  return [String(value)];
}

export function stepForm(f: StepForm, actions: Html): Html {
  const { step, lang } = f;
  const hx = f.heading ?? 'h1';
  return h`<form method="post" action="${f.action}" novalidate>
${hiddenFields(f.hidden)}
${step.input ? question(f, step.input) : h`<${hx}>${inlineHtml(step.text)}</${hx}>${markdownHtml(step.help)}`}
<div class="actions">
<button type="submit" class="primary">${t(lang, 'next')}</button>
${actions}
</div>
</form>`;
}

function question(f: StepForm, input: PresentedInput): Html {
  const { lang, step, error } = f;
  const hx = f.heading ?? 'h1';
  const draft = draftOf(input, f.value);
  const hintId = `${ANSWER}-hint`;
  const errorId = `${ANSWER}-error`;
  const described = [step.help || hintOf(lang, input) ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  const hint = h`${step.help ? h`<div class="hint" id="${hintId}">${markdownHtml(step.help)}</div>` : hintOf(lang, input) ? h`<p class="hint" id="${hintId}">${hintOf(lang, input)}</p>` : ''}`;
  const invalid = error ? 'true' : undefined;
  const group = (body: Html) => h`<div class="${error ? 'field field-error' : 'field'}">${body}</div>`;

  if (input.type === 'single' || input.type === 'multi' || input.type === 'yesno') {
    const options =
      input.type === 'yesno'
        ? [
            { value: 'ja', label: t(lang, 'yes') },
            { value: 'nee', label: t(lang, 'no') },
          ]
        : input.options;
    const type = input.type === 'multi' ? 'checkbox' : 'radio';
    return group(h`<fieldset${described ? h` aria-describedby="${described}"` : ''}>
<legend><${hx}>${inlineHtml(step.text)}</${hx}></legend>
${hint}
${fieldError(lang, ANSWER, error)}
${options.map((o, i) => {
  const helpId = `${ANSWER}-${i}-help`;
  const help = 'help' in o && o.help ? o.help : undefined;
  return h`<div class="choice">
<input type="${type}" name="${ANSWER}" id="${ANSWER}-${i}" value="${o.value}"${draft.includes(o.value) ? h` checked` : ''}${help ? h` aria-describedby="${helpId}"` : ''}>
<label for="${ANSWER}-${i}">${inlineHtml(o.label)}${help ? h`<span class="hint" id="${helpId}"> ${help}</span>` : ''}</label>
</div>`;
})}
</fieldset>`);
  }

  const current = draft[0] ?? '';
  const attrs = h`id="${ANSWER}" name="${ANSWER}"${described ? h` aria-describedby="${described}"` : ''}${invalid ? h` aria-invalid="true"` : ''}`;
  const label = h`<${hx}><label for="${ANSWER}">${inlineHtml(step.text)}</label></${hx}>`;
  switch (input.type) {
    case 'number':
      return group(h`${label}${hint}${fieldError(lang, ANSWER, error)}
<input type="text" inputmode="decimal" autocomplete="off" size="8" ${attrs} value="${current}">${input.unit ? h` <span>${input.unit}</span>` : ''}`);
    case 'text':
      return group(h`${label}${hint}${fieldError(lang, ANSWER, error)}
${input.maxLength > 200 ? h`<textarea rows="5" maxlength="${input.maxLength}" ${attrs}>${current}</textarea>` : h`<input type="text" maxlength="${input.maxLength}" ${attrs} value="${current}">`}`);
    case 'date':
      return group(h`${label}${hint}${fieldError(lang, ANSWER, error)}
<input type="date" ${attrs} value="${current}"${input.min ? h` min="${input.min}"` : ''}${input.max ? h` max="${input.max}"` : ''}>`);
  }
}

function hintOf(lang: string, input: PresentedInput): string {
  switch (input.type) {
    case 'multi':
      return t(lang, 'chooseAny');
    case 'number':
      return t(lang, 'numberHint', { min: input.min, max: input.max });
    case 'text':
      return [input.optional ? t(lang, 'optional') : '', t(lang, 'charsLeft', { n: input.maxLength })].filter(Boolean).join(' ');
    case 'date':
      return t(lang, 'dateHint');
    default:
      return '';
  }
}
