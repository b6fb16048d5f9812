// GET/POST /identity/oauth/v2/authorize: a real page (pick a test user and account, grant or deny) and its answer, a redirect with a code.
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { asDoubleError, DoubleError } from '../../../core/errors.ts';
import { field, parseForm } from '../../../core/form.ts';
import type { HarnessEnv, HostDefinition, ProviderContext } from '../../../core/provider.ts';
import { opaqueToken } from '../../../core/random.ts';
import { world } from '../data/world.ts';
import { AUTHORIZE_PATH } from '../hosts.ts';
import type { OchnoQuirks } from '../quirks.ts';
import { errorPage, page } from './layout.ts';
import { checkAuthorizeRequest, redirectWith, RedirectError, type AuthorizeParams, type AuthorizeRequest } from './request.ts';

type Ctx = ProviderContext<OchnoQuirks>;

const PARAMS = ['client_id', 'redirect_uri', 'state', 'scope', 'response_type', 'code_challenge', 'code_challenge_method'] as const;

/** Every user × account pair a person may sign in as on this environment: `userId|accountId`. */
function choices(ctx: Ctx, environment: string) {
  const w = world(ctx);
  return w.users
    .filter((u) => u.environment === environment)
    .flatMap((user) => user.accountIds.map((accountId) => ({ user, account: w.accounts.find((a) => a.id === accountId)! })));
}

function consentPage(ctx: Ctx, host: HostDefinition, request: AuthorizeRequest, params: AuthorizeParams, action: string): string {
  const options = choices(ctx, host.environment);
  return page(
    `Ochno Operated — authorise ${request.client.label}`,
    html`<h1>OCHNO OPERATED</h1>
<p><strong id="integration-name">${request.client.label}</strong> asks for:</p>
<p class="scopes">${request.scopes.map((s) => html`<code>${s}</code> `)}</p>
<form method="post" action="${action}">
  ${PARAMS.map((name) => (params[name] ? html`<input type="hidden" name="${name}" value="${params[name]}">` : ''))}
  <p>Sign in as a test user, in one of their accounts:</p>
  ${options.map(
    (o, i) => html`<label><input type="radio" name="grant" value="${o.user.id}|${o.account.id}" data-email="${o.user.email}"${i === 0 ? html` checked` : ''}>
    ${o.user.name} &lt;${o.user.email}&gt; — ${o.account.name}</label>`,
  )}
  <div class="actions">
    <button type="submit" class="approve" id="approve" name="decision" value="approve">Allow</button>
    <button type="submit" class="deny" id="deny" name="decision" value="deny">Deny</button>
  </div>
</form>`,
  );
}

/** The approval: a single-use code bound to the integration, redirect URI, scopes, PKCE challenge, user and account. */
function approve(ctx: Ctx, host: HostDefinition, request: AuthorizeRequest, grant: string): string {
  const [userId, accountId] = grant.split('|');
  const user = world(ctx).users.find((u) => u.id === userId && u.environment === host.environment);
  if (!user || !accountId || !user.accountIds.includes(accountId)) {
    throw new DoubleError('invalid_request', 'Choose a test user and one of their accounts.', { field: 'grant' });
  }
  const now = ctx.clock.now();
  const code = ctx.codes.issue({
    value: opaqueToken(ctx.random, 40),
    provider: 'ochno',
    environment: host.environment,
    clientId: request.client.clientId,
    redirectUri: request.redirectUri,
    state: request.state,
    issuedAt: now,
    // UNK (quirk codeLifetimeSeconds): short-lived, 60 s by default.
    expiresAt: now + ctx.quirks.codeLifetimeSeconds * 1000,
    subject: { userId: user.id, accountId, scope: request.scopes.join(' '), codeChallengeMethod: request.codeChallengeMethod },
    codeChallenge: request.codeChallenge,
  });
  return redirectWith(request.redirectUri, request.state, { code: code.value });
}

/** Errors of the page: a redirect once the redirect URI is trusted, else Ochno's error page (never a redirect). */
function answer(c: Context<HarnessEnv>, run: () => Response): Response {
  try {
    return run();
  } catch (error) {
    if (error instanceof RedirectError) return c.redirect(redirectWith(error.redirectUri, error.state, { error: error.error, error_description: error.message }), 302);
    const typed = asDoubleError(error);
    c.set('errorCode', typed.code);
    return errorPage(typed.details.status ?? (typed.code === 'method_not_allowed' ? 405 : typed.code === 'server_error' ? 500 : 400), typed.description);
  }
}

export function authorizeRoutes(ctx: Ctx, host: HostDefinition, app: Hono<HarnessEnv>): void {
  // DOC (Ochno's OAuth2 guide): GET …/authorize?client_id&state&redirect_uri&scope&response_type=code (+ PKCE).
  app.get(AUTHORIZE_PATH, (c) =>
    answer(c, () => {
      const params = Object.fromEntries(PARAMS.map((p) => [p, c.req.query(p) ?? null])) as AuthorizeParams;
      const request = checkAuthorizeRequest(ctx, host, params);
      return c.html(consentPage(ctx, host, request, params, `${c.get('localBase')}${AUTHORIZE_PATH}`), 200, { 'cache-control': 'no-store' });
    }),
  );
  app.post(AUTHORIZE_PATH, (c) =>
    answer(c, () => {
      const fields = parseForm(c.req.header('content-type'), c.get('bodyText'), {
        required: ['client_id', 'redirect_uri', 'decision'],
        optional: [...PARAMS, 'grant'],
        rejectUnknown: true,
        who: 'The Ochno authorisation form',
      });
      const params = Object.fromEntries(PARAMS.map((p) => [p, fields.get(p) ?? null])) as AuthorizeParams;
      const request = checkAuthorizeRequest(ctx, host, params);
      const decision = field(fields, 'decision');
      if (decision === 'deny') return c.redirect(redirectWith(request.redirectUri, request.state, { error: 'access_denied' }), 302);
      if (decision !== 'approve') throw new DoubleError('invalid_request', `decision must be "approve" or "deny"; got "${decision}".`, { field: 'decision' });
      return c.redirect(approve(ctx, host, request, fields.get('grant') ?? ''), 302);
    }),
  );
  app.all(AUTHORIZE_PATH, (c) =>
    answer(c, () => {
      throw new DoubleError('method_not_allowed', `${c.req.method} is not allowed here; use GET or POST.`, { allow: ['GET', 'POST'], status: 405 });
    }),
  );
}
