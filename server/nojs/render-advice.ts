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
  // The plan as the engine composed it: spoed, "Doe dit eerst", the pyramid, the vangnet – one
  // heading per section, as the widget shows it, and a service's card only at its first item.
  const sections = [...new Set(advice.map((a) => a.section))];
  const titleOf = new Map(advice.map((a) => [a.id, a.title]));
  return h`${endText ? h`<div class="end">${markdownHtml(endText)}</div>` : ''}
<h1>${t(lang, 'adviceHeading')}</h1>
${
  advice.length
    ? h`<p>${t(lang, 'adviceIntro')}</p>${sections.map(
        (section) => h`<section aria-labelledby="s-${section}"><h2 id="s-${section}">${t(lang, `section_${section}` as MessageKey)}</h2>
<ol class="plan">${advice.filter((a) => a.section === section).map((a) => h`<li>${item(lang, words, a, concernHref, titleOf)}</li>`)}</ol></section>`,
      )}`
    : h`<p>${t(lang, 'adviceEmpty', words)}</p>`
}
${actions}`;
}

function item(lang: string, words: { kcc: string }, a: PresentedAdvice, concernHref: string, titleOf: Map<string, string>): Html {
  return h`<article class="advice-item" aria-labelledby="t-${a.id}">
<p class="level">${t(lang, `level_${a.layer}` as MessageKey)}</p>
<h3 id="t-${a.id}">${a.title}</h3>
${a.urgentWhy ? h`<p><strong>${a.urgentWhy}</strong></p>` : ''}
${markdownHtml(a.text)}
${a.services.map((s) =>
  a.cardAt[s.id]
    ? h`<p class="hint">${t(lang, 'seeCard', { name: s.name, title: titleOf.get(a.cardAt[s.id]!) ?? '' })}</p>`
    : service(lang, s),
)}
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
  // Fields the municipality has not checked yet are not marked for residents (the tree book lists them).
  const row = (label: string, value: Html | string | undefined) => (value ? h`<dt>${label}</dt><dd>${value}</dd>` : '');
  return h`<div class="service">
<h4>${s.name}</h4>
<p>${s.organisation}</p>
${s.description ? h`<p>${s.description}</p>` : ''}
<dl>
${row(t(lang, 'phone'), s.phone ? h`<a href="tel:${s.phone.replace(/[^0-9+]/g, '')}">${s.phone}</a>` : undefined)}
${row(t(lang, 'address'), s.address)}
${row(t(lang, 'openingHours'), s.openingHours)}
${row(t(lang, 'website'), s.web && isSafeHref(s.web) ? h`<a href="${s.web}" rel="noopener noreferrer">${s.web.replace(/^https:\/\//, '').replace(/\/$/, '')}</a>` : undefined)}
${row(t(lang, 'email'), s.email ? h`<a href="mailto:${s.email}">${s.email}</a>` : undefined)}
${row(t(lang, 'cost'), s.cost)}
${row(t(lang, 'access'), s.access)}
</dl>
</div>`;
}
