import { Hono, type Context } from 'hono';
import { AnswerBody, BackBody, CreateSessionBody } from '../api/schemas.js';
import type { Deps } from '../deps.js';
import { requestedAdvice } from '../http/advice-mode.js';
import { requestedLocale } from '../http/locale.js';
import { originGuard } from '../http/origin-guard.js';
import { rateLimit } from '../http/rate-limit.js';
import { jsonBody } from '../http/validate.js';
import type { Caller, SessionService } from '../sessions/session-service.js';
import { ADVICE, LANG, NODE } from './query-params.js';
import type { RouteDoc } from './route-doc.js';
import { Answered, CodeIssued, Created, Plan, State } from '../api/response-schemas.js';

const WRITE = {
  401: 'token-missing / token-invalid',
  404: 'session-not-found',
  409: 'version-conflict (carries the current state)',
  410: 'session-expired',
  422: 'validation-failed or an engine code (not-current-node, unknown-option, …)',
};

export const sessionDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/sessions',
    operationId: 'createSession',
    response: Created,
    tag: 'sessions',
    query: [ADVICE],
    summary: 'Start a session on a tree.',
    body: CreateSessionBody,
    responses: {
      201: 'CreatedSession: id, token, resumeCode, version, state',
      404: 'tree-not-found',
      422: 'validation-failed',
      429: 'rate-limited',
    },
  },
  {
    method: 'get',
    path: '/api/sessions/{id}',
    operationId: 'getSession',
    response: State,
    tag: 'sessions',
    auth: true,
    query: [LANG, ADVICE],
    summary: 'The current state: step, answers so far, advice so far, version.',
    responses: { 200: 'SessionState', ...WRITE },
  },
  {
    method: 'post',
    path: '/api/sessions/{id}/answers',
    operationId: 'answer',
    response: State,
    tag: 'sessions',
    auth: true,
    query: [LANG, ADVICE],
    summary:
      'Answer the current question – or change an earlier one (a node from the trail): later answers that still fit are kept, the rest pruned. Committed before 200; idempotent per idempotencyKey.',
    body: AnswerBody,
    responses: { 200: 'SessionState', ...WRITE },
  },
  {
    method: 'post',
    path: '/api/sessions/{id}/back',
    operationId: 'back',
    response: State,
    tag: 'sessions',
    auth: true,
    query: [LANG, ADVICE],
    summary: 'Undo the last answer (recorded as an event; the answer log stays append-only).',
    body: BackBody,
    responses: { 200: 'SessionState', ...WRITE },
  },
  {
    method: 'get',
    path: '/api/sessions/{id}/steps',
    operationId: 'getAnsweredStep',
    response: Answered,
    tag: 'sessions',
    auth: true,
    query: [NODE, LANG],
    summary: 'An answered step again: its question and the answer given, to change it.',
    responses: { 200: 'AnsweredStep', 404: 'session-not-found / step-not-answered', 401: 'token-missing / token-invalid' },
  },
  {
    method: 'get',
    path: '/api/sessions/{id}/advice',
    operationId: 'getAdvice',
    response: Plan,
    tag: 'sessions',
    auth: true,
    query: [LANG],
    summary: 'The plan: each item with its why, the answers that led to it, and its services.',
    responses: { 200: 'AdvicePlan', ...WRITE },
  },
  {
    method: 'post',
    path: '/api/sessions/{id}/resume-code',
    operationId: 'newResumeCode',
    response: CodeIssued,
    tag: 'sessions',
    auth: true,
    summary: 'Issue a fresh resume code (7 days).',
    responses: { 201: 'ResumeCodeIssued', ...WRITE },
  },
];

export function sessionRoutes(deps: Deps, sessions: SessionService, clientOf: (c: Context) => string) {
  const { config, clock } = deps;
  const caller = (c: Context): Caller => ({
    authorization: c.req.header('authorization'),
    guard: originGuard(c, config.corsOrigins),
    locale: requestedLocale(c),
    advice: requestedAdvice(c),
  });
  return new Hono()
    .post('/api/sessions', rateLimit('session', config.rateLimits.sessions, clock, clientOf), async (c) => {
      const body = await jsonBody(c, CreateSessionBody);
      return c.json(await sessions.create(body, originGuard(c, config.corsOrigins), requestedAdvice(c)), 201);
    })
    .get('/api/sessions/:id', async (c) => c.json(await sessions.get(c.req.param('id'), caller(c))))
    .get('/api/sessions/:id/advice', async (c) => c.json(await sessions.plan(c.req.param('id'), caller(c))))
    .get('/api/sessions/:id/steps', async (c) =>
      c.json(await sessions.answeredStep(c.req.param('id'), caller(c), c.req.query('node') ?? '')),
    )
    .post('/api/sessions/:id/answers', async (c) => {
      const who = caller(c);
      const body = await jsonBody(c, AnswerBody);
      const { status, body: state } = await sessions.answer(c.req.param('id'), who, body);
      return c.json(state, status as 200);
    })
    .post('/api/sessions/:id/back', async (c) => {
      const who = caller(c);
      const body = await jsonBody(c, BackBody);
      const { status, body: state } = await sessions.back(c.req.param('id'), who, body);
      return c.json(state, status as 200);
    })
    .post('/api/sessions/:id/resume-code', async (c) => c.json(await sessions.newResumeCode(c.req.param('id'), caller(c)), 201));
}
