// Save and resume: the code to write down, and the form to type one in – the same codes as the
// widget's, so a walk begun here goes on in the widget, at 14 023 or on another device.
import { t } from '../../widget/messages.js';
import { h, type Html } from './html.js';
import { fieldError } from './page-shell.js';

export function codeMain(lang: string, words: { kcc: string }, code: string, expiresAt: string, backHref: string): Html {
  const date = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(
    new Date(expiresAt),
  );
  return h`<h1>${t(lang, 'saveHeading')}</h1>
<p>${t(lang, 'saveIntro')}</p>
<p>${t(lang, 'codeLabel')}: <span class="code">${code}</span></p>
<p>${t(lang, 'codeExpires', { date })}</p>
<p>${t(lang, 'saveCall', words)}</p>
<p><a href="${backHref}">${t(lang, 'backToQuestion')}</a></p>`;
}

export function resumeMain(lang: string, action: string, value: string, error: string | undefined, backHref: string): Html {
  const described = error ? 'code-hint code-error' : 'code-hint';
  return h`<form method="post" action="${action}" novalidate>
<div class="${error ? 'field field-error' : 'field'}">
<h1><label for="code">${t(lang, 'resumeHeading')}</label></h1>
<p class="hint" id="code-hint">${t(lang, 'resumeLabel')}. ${t(lang, 'resumeHint')}</p>
${fieldError(lang, 'code', error)}
<input type="text" id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" size="14" maxlength="20" aria-describedby="${described}"${error ? h` aria-invalid="true"` : ''} value="${value}">
</div>
<div class="actions">
<button type="submit" class="primary">${t(lang, 'resumeGo')}</button>
<a href="${backHref}">${t(lang, 'close')}</a>
</div>
</form>`;
}
