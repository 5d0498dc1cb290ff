// "Jouw antwoorden": every answer so far with a "Wijzig" link that opens that question again.
import type { TrailEntry } from '../api/contract.js';
import { t } from '../../widget/messages.js';
import { h, type Html } from './html.js';
import { nt } from './nojs-messages.js';

export function answersMain(lang: string, trail: TrailEntry[], changeHref: (node: string) => string, backHref: string): Html {
  return h`<h1>${t(lang, 'overview')}</h1>
${
  trail.length
    ? h`<p>${t(lang, 'overviewIntro')}</p>
<dl class="answers">${trail.map(
        (e) => h`<dt>${e.question}</dt><dd>${e.answer}
<a href="${changeHref(e.node)}"><span aria-hidden="true">${t(lang, 'change')}</span><span class="visually-hidden">${t(lang, 'changeLabel', { q: e.question })}</span></a></dd>`,
      )}</dl>`
    : h`<p>${nt(lang, 'noAnswers')}</p>`
}
<p><a href="${backHref}">${t(lang, 'backToQuestion')}</a></p>`;
}
