// The frame of every server-rendered page: language, help bar, the GOV.UK error summary, and a
// stylesheet small enough to inline (the page works before, and without, any script).
import { t } from '../../widget/messages.js';
import { raw } from 'hono/html';
import { h, type Html } from './html.js';
import { nt } from './nojs-messages.js';
import { QUICK_EXIT_STYLE } from './quick-exit.js';

/** A field at fault: `field` is the id of the control the summary links to. */
export interface FieldError {
  field: string;
  message: string;
}

export interface Page {
  lang: string;
  title: string;
  helpBar: Html;
  /** "Snel weg" (server/nojs/quick-exit.ts), on every page that belongs to a municipality. */
  quickExit?: Html;
  main: Html;
  /** The same page in the other language. */
  otherLang?: string;
  errors?: FieldError[];
  /** A message about what happened before this page (a conflict, an expired session). */
  notice?: string;
}

const STYLE = `
body{margin:0;font-family:system-ui,sans-serif;font-size:1.125rem;line-height:1.5;color:#1b1b1b;background:#fff}
.vw-page{max-inline-size:42rem;margin:0 auto;padding:3.5rem 1rem 1rem}
a{color:#00578a}
a:focus,button:focus,input:focus,textarea:focus,summary:focus,[tabindex]:focus{outline:3px solid #000;outline-offset:2px;background:#ffdd00;color:#000}
.skip{position:absolute;inset-inline-start:-999px}.skip:focus{inset-inline-start:1rem}
.vw-help{background:#fdecea;border-inline-start:6px solid #b00020;padding:.5rem .85rem;margin-block-end:1rem}
.vw-help h2{font-size:1em;margin:0 0 .25rem}.vw-help ul{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;column-gap:1.25rem}
.vw-help a{color:inherit;font-weight:600}
.error-summary{border:4px solid #b00020;padding:1rem;margin-block-end:1.5rem}
.error-summary h2{margin-top:0}.error-summary a{color:#b00020;font-weight:600}
.notice{border-inline-start:6px solid #00578a;background:#eef5fa;padding:.75rem}
.field-error{border-inline-start:5px solid #b00020;padding-inline-start:.75rem}
.error-message{color:#b00020;font-weight:700;margin:.25rem 0}
.hint{color:#4a4a4a;margin:.25rem 0}
fieldset{border:0;padding:0;margin:0 0 1.25rem}legend{padding:0}
.choice{display:flex;gap:.5rem;align-items:flex-start;margin-block:.5rem}
.choice input{inline-size:1.5rem;block-size:1.5rem;margin:0}
input[type=text],input[type=number],input[type=date],input[type=email],input[type=tel],textarea{font:inherit;padding:.35rem;border:2px solid #1b1b1b;max-inline-size:100%}
textarea{inline-size:100%}
button{font:inherit;padding:.5rem 1rem;border:2px solid #1b1b1b;background:#fff;color:#1b1b1b;cursor:pointer}
button.primary{background:#00703c;border-color:#00703c;color:#fff}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin-block:1.25rem}
.inline-form{display:inline}
.code{font-size:2rem;font-weight:700;letter-spacing:.1em}
.advice-item{border-block-start:1px solid #b1b4b6;padding-block:.5rem}
.level{font-weight:600;color:#4a4a4a}
.service{background:#f3f2f1;padding:.75rem;margin-block:.75rem}
dl.answers dt{font-weight:600}dl.answers dd{margin:0 0 1rem}
.visually-hidden{position:absolute!important;inline-size:1px;block-size:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

/** The summary at the top of a page with mistakes: each links to its field (GOV.UK pattern). */
export function errorSummary(lang: string, errors: FieldError[]): Html {
  if (!errors.length) return h``;
  // autofocus (not a script) takes the reader straight to the summary after the round trip.
  return h`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
  <h2 id="error-summary-title">${nt(lang, 'errorSummary')}</h2>
  <ul>${errors.map((e) => h`<li><a href="#${e.field}">${e.message}</a></li>`)}</ul>
</div>`;
}

/** The message beside a field, with the screen-reader prefix the widget uses too. */
export function fieldError(lang: string, id: string, message: string | undefined): Html {
  if (!message) return h``;
  return h`<p class="error-message" id="${id}-error"><span class="visually-hidden">${t(lang, 'errorPrefix')} </span>${message}</p>`;
}

export function renderPage(p: Page): string {
  const errors = p.errors ?? [];
  const title = `${errors.length ? `${t(p.lang, 'errorPrefix')} ` : ''}${p.title} – ${t(p.lang, 'title')}`;
  const other = p.lang === 'en' ? 'nl' : 'en';
  return h`<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${raw(STYLE)}${raw(QUICK_EXIT_STYLE)}</style>
</head>
<body>
${p.quickExit ?? ''}
<a class="skip" href="#main">${nt(p.lang, 'skipToMain')}</a>
<div class="vw-page">
${p.helpBar}
${p.otherLang ? h`<p><a href="${p.otherLang}" lang="${other}" hreflang="${other}">${t(p.lang, 'switchTo')}</a></p>` : ''}
<main id="main">
${errorSummary(p.lang, errors)}
${p.notice ? h`<p class="notice" role="status">${p.notice}</p>` : ''}
${p.main}
</main>
</div>
</body>
</html>`.toString();
}
