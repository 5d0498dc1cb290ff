// @vitest-environment happy-dom
// The staff UI's two languages: the same keys and placeholders in both tables, server problems in
// the member's language by their code, and the language kept per member (and per device before
// sign-in) in localStorage.
import { afterEach, describe, expect, it } from 'vitest';
import { StaffApiError } from './staff-api.js';
import { chooseStaffLang, restoreStaffLang, staffLang } from './staff-lang.js';
import { en } from './staff-messages-en.js';
import { nl } from './staff-messages-nl.js';
import { st } from './staff-messages.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

afterEach(() => {
  localStorage.clear();
  restoreStaffLang();
});

describe('staff message tables', () => {
  it('have the same keys in Dutch and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });

  it('have the same placeholders per key, and no empty text', () => {
    for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(nl[key]));
    }
  });
});

describe('server problems shown to staff', () => {
  it('are written in the chosen language from their code, not the server’s developer text', () => {
    const problem = { type: 'about:blank', title: 'Not Found', status: 404, code: 'resume-code-unknown', detail: 'No such code.' };
    expect(new StaffApiError(404, problem).message).toBe(nl['problem_resume-code-unknown']);
    chooseStaffLang('en');
    expect(new StaffApiError(404, problem).message).toBe(en['problem_resume-code-unknown']);
    expect(new StaffApiError(0).message).toBe(en.offline);
  });

  it('use the field’s code when the top-level one is only "validation-failed"', () => {
    chooseStaffLang('en');
    const problem = {
      type: 'about:blank',
      title: 'Unprocessable',
      status: 422,
      code: 'validation-failed',
      detail: 'The body does not fit.',
      errors: [{ pointer: '/serviceId', code: 'unknown-service', message: 'Pick a service from the list.' }],
    };
    expect(new StaffApiError(422, problem).message).toBe(en['problem_unknown-service']);
  });

  it('keep an unknown code and the server’s detail after a lead in the chosen language, for a beheerder', () => {
    chooseStaffLang('en');
    const problem = { type: 'about:blank', title: 'Teapot', status: 418, code: 'teapot', detail: 'Short and stout.' };
    expect(new StaffApiError(418, problem).message).toBe('This did not work (error 418, teapot). Short and stout.');
  });

  it('follow a later switch when described again (a message kept on screen changes with the page)', () => {
    const err = new StaffApiError(429, { type: 'about:blank', title: 'Too Many', status: 429, code: 'rate-limited', detail: 'Slow down.' });
    chooseStaffLang('en');
    expect(err.describe()).toBe(en['problem_rate-limited']);
  });
});

describe('the staff UI language', () => {
  it('is kept per member, and the device keeps the last choice for the sign-in page', () => {
    chooseStaffLang('en', 'mila');
    chooseStaffLang('nl', 'bas');
    restoreStaffLang('mila');
    expect(staffLang()).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(st('signOut')).toBe('Sign out');
    restoreStaffLang(); // nobody signed in yet: the device's last choice (bas's)
    expect(staffLang()).toBe('nl');
    expect(document.documentElement.lang).toBe('nl');
    restoreStaffLang('anna'); // no own choice yet: the device's
    expect(staffLang()).toBe('nl');
  });

  it('ignores a stored value that is not a staff language', () => {
    localStorage.setItem('vw-staff-lang', 'xx');
    restoreStaffLang();
    expect(staffLang()).toBe('nl');
  });
});
