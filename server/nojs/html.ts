// hono/html's `html` escapes every interpolated string; nested `html` results pass as they are.
// Its type allows a Promise (for async children); the pages here never have any, so `h` says so.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Html = HtmlEscapedString;

export const h = (strings: TemplateStringsArray, ...values: unknown[]): Html => html(strings, ...values) as Html;
