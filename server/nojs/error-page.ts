// Refusals and faults on the no-JS pages: a page in the resident's language with the help bar and a
// way back to the first question, never problem+json.
import type { Context } from 'hono';
import type { Deps } from '../deps.js';
import { ApiError } from '../http/problem.js';
import { t, uiLang } from '../../widget/messages.js';
import { helpBar, kccWords } from './help-bar.js';
import { h } from './html.js';
import { clearSession } from './nojs-cookie.js';
import { nt } from './nojs-messages.js';
import { renderPage } from './page-shell.js';
import { quickExitLink } from './quick-exit.js';

/** The session behind the cookie is not there (any more) or the cookie is not its: start again. */
const GONE = new Set(['session-not-found', 'session-expired', 'token-invalid', 'token-missing']);

function messageOf(lang: string, words: { kcc: string }, code: string, status: number): string {
  if (GONE.has(code)) return t(lang, 'gone');
  if (code === 'csrf-token-invalid') return nt(lang, 'csrfRefused');
  if (code === 'origin-not-allowed') return nt(lang, 'originRefused');
  if (code === 'rate-limited') return nt(lang, 'rateLimited');
  if (code === 'concern-not-found') return t(lang, 'statusNotFound', words);
  if (status === 404) return nt(lang, 'notFound');
  if (status >= 500) return `${t(lang, 'serverError')} ${t(lang, 'callInstead', words)}`;
  return t(lang, 'answerInvalid');
}

export function errorPage({ logger, trees }: Pick<Deps, 'logger' | 'trees'>, c: Context, err: Error): Response {
  const status = err instanceof ApiError ? err.status : 500;
  if (!(err instanceof ApiError)) {
    logger.error({ err: { name: err.name, message: err.message, stack: err.stack }, route: c.req.routePath }, 'unhandled error');
  }
  const code = err instanceof ApiError ? err.code : 'internal-error';
  const gemeente = /^\/vraagwijzer\/([a-z0-9-]+)/.exec(c.req.path)?.[1];
  // ?lang= may be the very thing at fault: only a well-formed one is used.
  const asked = c.req.query('lang');
  const lang = uiLang(asked && /^[a-z]{2}(-[A-Z]{2})?$/.test(asked) ? asked : undefined);
  const config = gemeente ? trees.config(gemeente) : undefined;
  const message = messageOf(lang, kccWords(config, lang), code, status);
  if (gemeente && GONE.has(code)) clearSession(c, gemeente);
  c.header('cache-control', 'no-store');
  const retry = err instanceof ApiError ? err.extra.headers?.['retry-after'] : undefined;
  if (retry) c.header('retry-after', retry);
  const main = h`<h1>${message}</h1>${gemeente ? h`<p><a href="/vraagwijzer/${gemeente}${lang === 'en' ? '?lang=en' : ''}">${nt(lang, 'startLink')}</a></p>` : ''}`;
  return c.html(
    renderPage({
      lang,
      title: message,
      helpBar: helpBar(config, lang),
      quickExit: config ? quickExitLink(gemeente!, lang) : undefined,
      main,
    }),
    status as 200,
  );
}
