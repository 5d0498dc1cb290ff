// The plan at the end of the walk: each item with what to do, who to contact and why, as the
// widget's advice plan shows it – "Waarom?" is a <details>, which opens without any script.
import type { PresentedAdvice, PresentedService } from '../api/contract.js';
import { isSafeHref } from '../../widget/markdown-parse.js';
import { t, type MessageKey } from '../../widget/messages.js';
import { h, type Html } from './html.js';
import { markdownHtml } from './markdown-html.js';

export function adviceMain(
  lang: string,
  words: { kcc: string },
  advice: PresentedAdvice[],
  endText: string | undefined,
  concernHref: string,
  actions: Html,
): Html {
  return h`${endText ? h`<div class="end">${markdownHtml(endText)}</div>` : ''}
<h1>${t(lang, 'adviceHeading')}</h1>
${
  advice.length
    ? h`<p>${t(lang, 'adviceIntro')}</p><ol class="plan">${advice.map((a) => h`<li>${item(lang, words, a, concernHref)}</li>`)}</ol>`
    : h`<p>${t(lang, 'adviceEmpty', words)}</p>`
}
${actions}`;
}

function item(lang: string, words: { kcc: string }, a: PresentedAdvice, concernHref: string): Html {
  return h`<article class="advice-item" aria-labelledby="t-${a.id}">
<p class="level">${t(lang, `level_${a.layer}` as MessageKey)}</p>
<h2 id="t-${a.id}">${a.title}</h2>
${markdownHtml(a.text)}
${a.services.map((s) => service(lang, s))}
${a.action === 'concern-report' ? h`<p><a href="${concernHref}">${t(lang, 'concernButton')}</a></p>` : ''}
${a.action === 'wmo-melding' ? h`<p class="hint">${t(lang, 'wmoNote', words)}</p>` : ''}
<details>
<summary>${t(lang, 'why')}</summary>
${markdownHtml(a.why)}
${a.because.length ? h`<p>${t(lang, 'because')}</p><ul>${a.because.map((b) => h`<li>${b.question}: <strong>${b.answer}</strong></li>`)}</ul>` : ''}
</details>
</article>`;
}

function service(lang: string, s: PresentedService): Html {
  const row = (field: string, label: string, value: Html | string | undefined) =>
    value
      ? h`<dt>${label}</dt><dd>${value}${s.unverified.some((f) => f === field || f.endsWith(`.${field}`)) ? h` <span class="hint">(${t(lang, 'unverified')})</span>` : ''}</dd>`
      : '';
  return h`<div class="service">
<h3>${s.name}</h3>
<p>${s.organisation}</p>
${s.description ? h`<p>${s.description}</p>` : ''}
<dl>
${row('phone', t(lang, 'phone'), s.phone ? h`<a href="tel:${s.phone.replace(/[^0-9+]/g, '')}">${s.phone}</a>` : undefined)}
${row('address', t(lang, 'address'), s.address)}
${row('openingHours', t(lang, 'openingHours'), s.openingHours)}
${row('web', t(lang, 'website'), s.web && isSafeHref(s.web) ? h`<a href="${s.web}" rel="noopener noreferrer">${s.web.replace(/^https:\/\//, '').replace(/\/$/, '')}</a>` : undefined)}
${row('email', t(lang, 'email'), s.email ? h`<a href="mailto:${s.email}">${s.email}</a>` : undefined)}
${row('cost', t(lang, 'cost'), s.cost)}
${row('access', t(lang, 'access'), s.access)}
</dl>
${s.unverified.length ? h`<p class="hint">${t(lang, 'unverifiedNote')}</p>` : ''}
</div>`;
}
