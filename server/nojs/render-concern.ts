// "Je zorg melden" as a plain form (the same questions as widget/vw-concern-form.ts), and the page
// its status link opens: whether the report was picked up, never what is in it.
import type { ConcernStatus } from '../api/contract.js';
import { t, type MessageKey } from '../../widget/messages.js';
import { ABOUT, MAX_NOTICED, URGENCY, type ConcernField } from './concern-form.js';
import { h, type Html } from './html.js';
import { nt } from './nojs-messages.js';
import { fieldError } from './page-shell.js';
import { hiddenFields } from './render-step.js';
import { one, type Form } from './read-form.js';

export interface ConcernFormView {
  lang: string;
  action: string;
  hidden: Record<string, string>;
  form: Form;
  errors: Partial<Record<ConcernField, string>>;
  backHref: string;
}

export function concernMain(v: ConcernFormView): Html {
  const { lang, errors, form } = v;
  const cls = (f: ConcernField) => (errors[f] ? 'field field-error' : 'field');
  const described = (f: ConcernField, ...more: string[]) => {
    const ids = [...more, errors[f] ? `${f}-error` : ''].filter(Boolean).join(' ');
    return ids ? h` aria-describedby="${ids}"` : '';
  };
  const invalid = (f: ConcernField) => (errors[f] ? h` aria-invalid="true"` : '');
  const radios = (name: 'about' | 'urgency', values: readonly string[]) =>
    values.map(
      (
        value,
      ) => h`<div class="choice"><input type="radio" name="${name}" id="${name}-${value}" value="${value}"${one(form, name) === value ? h` checked` : ''}>
<label for="${name}-${value}">${t(lang, `${name}_${value}` as MessageKey)}</label></div>`,
    );
  const text = (f: 'name' | 'phone' | 'email', type: string, autocomplete: string, label: MessageKey) =>
    h`<div class="${cls(f)}"><label for="${f}">${t(lang, label)}</label>${fieldError(lang, f, errors[f])}
<input type="${type}" id="${f}" name="${f}" autocomplete="${autocomplete}"${described(f)}${invalid(f)} value="${one(form, f)}"></div>`;
  return h`<form method="post" action="${v.action}" novalidate>
${hiddenFields(v.hidden)}
<h1>${t(lang, 'concernHeading')}</h1>
<div class="notice"><p>${t(lang, 'concernPrivacy')}</p><p><strong>${t(lang, 'urgencyNote')}</strong></p></div>
<fieldset class="${cls('about')}"${described('about')}>
<legend><h2>${t(lang, 'concernAbout')}</h2></legend>
${fieldError(lang, 'about', errors.about)}
${radios('about', ABOUT)}
</fieldset>
<div class="${cls('noticed')}">
<h2><label for="noticed">${t(lang, 'concernNoticed')}</label></h2>
<p class="hint" id="noticed-hint">${t(lang, 'concernNoticedHint')} ${t(lang, 'charsLeft', { n: MAX_NOTICED })}</p>
${fieldError(lang, 'noticed', errors.noticed)}
<textarea id="noticed" name="noticed" rows="5"${described('noticed', 'noticed-hint')}${invalid('noticed')}>${one(form, 'noticed')}</textarea>
</div>
<fieldset class="${cls('urgency')}"${described('urgency')}>
<legend><h2>${t(lang, 'concernUrgency')}</h2></legend>
${fieldError(lang, 'urgency', errors.urgency)}
${radios('urgency', URGENCY)}
</fieldset>
<div class="${cls('area')}">
<label for="area">${t(lang, 'concernArea')} <span class="hint">${t(lang, 'optional')}</span></label>
<p class="hint" id="area-hint">${t(lang, 'concernAreaHint')}</p>
${fieldError(lang, 'area', errors.area)}
<input type="text" id="area" name="area" autocomplete="off"${described('area', 'area-hint')}${invalid('area')} value="${one(form, 'area')}">
</div>
<fieldset class="field" aria-describedby="reporter-hint">
<legend><h2>${t(lang, 'concernReporter')} <span class="hint">${t(lang, 'optional')}</span></h2></legend>
<p class="hint" id="reporter-hint">${t(lang, 'concernReporterHint')} ${nt(lang, 'anonymousHint')}</p>
${text('name', 'text', 'name', 'name')}
${text('phone', 'tel', 'tel', 'phone_field')}
${text('email', 'email', 'email', 'email_field')}
</fieldset>
<div class="actions">
<button type="submit" class="primary">${t(lang, 'concernSubmit')}</button>
<a href="${v.backHref}">${t(lang, 'backToAdvice')}</a>
</div>
</form>`;
}

export function concernStatusMain(lang: string, s: ConcernStatus, selfHref: string, backHref: string | undefined): Html {
  const date = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(s.updatedAt));
  return h`<h1>${t(lang, 'concernSent')}</h1>
<p>${t(lang, 'concernReference', { ref: s.reference })}</p>
<p>${t(lang, 'concernNext')}</p>
<h2>${nt(lang, 'currentStatus')}</h2>
<p>${t(lang, `status_${s.status}` as MessageKey)}${s.pickedUpBy ? h` ${t(lang, 'statusBy', { who: s.pickedUpBy })}` : ''}</p>
${s.feedback ? h`<p>${s.feedback}</p>` : ''}
<p>${t(lang, 'statusUpdated', { date })}</p>
<p><a href="${selfHref}">${t(lang, 'concernStatusLink')}</a></p>
<p class="hint">${t(lang, 'concernStatusHint')}</p>
${backHref ? h`<p><a href="${backHref}">${t(lang, 'backToAdvice')}</a></p>` : ''}`;
}
