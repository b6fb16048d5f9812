// ONEiO's REST receiver: `/api/v2` with a Bearer token, `/api` with Basic auth; accepted messages go to the inbox.
import { Hono, type Context } from 'hono';
import { readCredential } from '../../core/credential.ts';
import { DoubleError } from '../../core/errors.ts';
import { mediaType } from '../../core/form.ts';
import type { HarnessEnv, HostDefinition, ProviderContext } from '../../core/provider.ts';
import { methodNotAllowed } from '../../core/routes.ts';
import type { OneioQuirks } from './quirks.ts';

export function receiverRoutes(ctx: ProviderContext<OneioQuirks>, host: HostDefinition): Hono<HarnessEnv> {
  const app = new Hono<HarnessEnv>();

  // DOC (seed 001): POST …/api/v2 with "Authorization: Bearer <token>" and Content-Type application/json.
  app.post('/api/v2', (c) => {
    const clientId = bearerClient(ctx, host, c.req.header('authorization'));
    return accept(ctx, host, c, 'bearer', clientId);
  });
  app.all('/api/v2', methodNotAllowed(['POST']));

  // DOC (endpoint configuration guide): …/api with HTTP Basic, the same username and password.
  app.post('/api', (c) => {
    const credential = readCredential(c.req.header('authorization'));
    if (credential.scheme !== 'basic') {
      throw new DoubleError('missing_token', 'ONEiO …/api takes HTTP Basic credentials (username and password).', { challenge: 'basic' });
    }
    const client = ctx.clients.authenticate('oneio', host.environment, credential.user, credential.password);
    if (!client) throw new DoubleError('invalid_client', 'Wrong username or password.', { challenge: 'basic' });
    return accept(ctx, host, c, 'basic', client.clientId);
  });
  app.all('/api', methodNotAllowed(['POST']));
  return app;
}

/** RFC 6750 §3.1: which token failed and why; the client id of a good one. */
function bearerClient(ctx: ProviderContext<OneioQuirks>, host: HostDefinition, header: string | undefined): string {
  const credential = readCredential(header);
  if (credential.scheme === 'none' || credential.scheme === 'other' || credential.scheme === 'basic') {
    const sent =
      credential.scheme === 'none'
        ? 'no Authorization header'
        : credential.scheme === 'basic'
          ? 'a Basic credential'
          : credential.name === '(no scheme)'
            ? 'a credential without a scheme'
            : `a ${credential.name} credential`;
    throw new DoubleError('missing_token', `ONEiO /api/v2 needs "Authorization: Bearer <access_token>"; the request had ${sent}.`);
  }
  if (credential.scheme === 'malformed') {
    throw new DoubleError('invalid_request', credential.reason, { challenge: 'bearer', field: 'Authorization' });
  }
  const token = ctx.tokens.find(credential.token);
  if (!token || token.provider !== 'oneio' || token.kind !== 'access') {
    // A token the harness had to drop says so, rather than pretending ONEiO never issued it.
    throw new DoubleError('invalid_token', ctx.tokens.dropped(credential.token, 'oneio')?.message ?? 'The access token is not one ONEiO issued.');
  }
  if (token.environment !== host.environment) {
    // INF: QA and PROD are separate worlds (shared/providers/oneio.md).
    throw new DoubleError('wrong_environment', `The access token was issued by ONEiO ${token.environment.toUpperCase()}, not ${host.environment.toUpperCase()}.`);
  }
  const status = ctx.tokens.status(token, ctx.clock.now());
  if (status !== 'valid') throw new DoubleError('invalid_token', `The access token is ${status}.`);
  return token.clientId;
}

function accept(ctx: ProviderContext<OneioQuirks>, host: HostDefinition, c: Context<HarnessEnv>, auth: string, clientId: string): Response {
  const type = mediaType(c.req.header('content-type'));
  if (type !== 'application/json') {
    throw new DoubleError('unsupported_media_type', `The receiver takes application/json; the request had ${type || 'no Content-Type'}.`, {
      field: 'Content-Type',
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(c.get('bodyText'));
  } catch {
    throw new DoubleError('invalid_request', 'The request body is not valid JSON.');
  }
  const headers = ctx.redactor.headers(c.req.raw.headers, host.host);
  const message = ctx.inbox.deliver({
    at: ctx.clock.now(),
    provider: 'oneio',
    environment: host.environment,
    path: new URL(c.get('realUrl')).pathname,
    auth,
    clientId,
    headers,
    body,
  }, c.get('bodyText'));
  // UNK: the success body is configurable in ONEiO; a small acknowledgement is the default.
  return c.json({ status: 'accepted', messageId: `msg-${message.seq}` }, ctx.quirks.receiverSuccessStatus);
}
