// accounts.google.com: the consent page a person uses in a browser (choose a test account, Allow or Cancel), and discovery.
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { DoubleError } from '../../../core/errors.ts';
import { field, FORM_CONTENT_TYPE, mediaType, parseForm } from '../../../core/form.ts';
import type { HarnessEnv, ProviderContext } from '../../../core/provider.ts';
import { methodNotAllowed } from '../../../core/routes.ts';
import { SCOPE_TEXT } from '../data/scopes.ts';
import { AUTHORIZE_PATH, CONSENT_PATH, DISCOVERY_PATH } from '../hosts.ts';
import { discoveryDocument } from '../oidc/discovery.ts';
import type { GoogleQuirks } from '../quirks.ts';
import { accountsFor, decide, preselectedUser, silentDecision } from './decision.ts';
import { page } from './page-layout.ts';
import { AUTHORIZE_PARAMS, checkAuthorizeRequest, type AuthorizeRequest } from './request.ts';

type Ctx = ProviderContext<GoogleQuirks>;

function consentPage(ctx: Ctx, request: AuthorizeRequest, action: string): string {
  const chosen = preselectedUser(ctx, request);
  const accounts = accountsFor(ctx, request).map(
    (user) => html`<label class="account"><input type="radio" name="user" id="user-${user.sub}" value="${user.email}"${user === chosen ? html` checked` : ''}>
  <span><strong>${user.givenName} ${user.familyName}</strong><br><small>${user.email}</small></span></label>`,
  );
  const hidden = Object.entries(request.params).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  return page(
    `Sign in - Google Accounts`,
    html`<h1>Sign in with Google</h1>
<p><strong id="application-name">${request.client.label}</strong> wants to access your Google Account</p>
<form method="post" action="${action}">
  ${hidden}
  <fieldset><legend>Choose an account</legend>${accounts}</fieldset>
  <p>This will allow <strong>${request.client.label}</strong> to:</p>
  <ul class="scopes">${request.scopes.map((s) => html`<li data-scope="${s}">${SCOPE_TEXT[s] ?? s}</li>`)}</ul>
  ${request.offline ? html`<p id="offline-note"><small>The app keeps access when you are not using it (offline access).</small></p>` : ''}
  <div class="actions">
    <button type="submit" class="deny" id="deny" name="decision" value="deny">Cancel</button>
    <button type="submit" class="approve" id="approve" name="decision" value="approve">Allow</button>
  </div>
</form>`,
  );
}

export function accountsRoutes(ctx: Ctx): Hono<HarnessEnv> {
  const app = new Hono<HarnessEnv>();

  const show = (c: Context<HarnessEnv>, params: URLSearchParams): Response => {
    const request = checkAuthorizeRequest(ctx, params);
    if (request.promptNone) return c.redirect(silentDecision(ctx, request), 302);
    // The form posts under the same base the page was reached on: real host (MSW) or the local prefix.
    return c.html(consentPage(ctx, request, `${c.get('localBase')}${CONSENT_PATH}`), 200, { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate' });
  };
  app.get(AUTHORIZE_PATH, (c) => show(c, new URL(c.get('realUrl')).searchParams));
  // OIDC Core §3.1.2.1: the authorisation endpoint takes POST with a form body as well as GET.
  app.post(AUTHORIZE_PATH, (c) => {
    if (mediaType(c.req.header('content-type')) !== FORM_CONTENT_TYPE) {
      throw new DoubleError('invalid_request', `A POST to the authorisation endpoint takes an ${FORM_CONTENT_TYPE} body.`, { field: 'Content-Type' });
    }
    return show(c, new URLSearchParams(c.get('bodyText')));
  });
  app.all(AUTHORIZE_PATH, methodNotAllowed(['GET', 'POST']));

  app.post(CONSENT_PATH, (c) => {
    const fields = parseForm(c.req.header('content-type'), c.get('bodyText'), {
      required: ['client_id', 'decision'],
      optional: [...AUTHORIZE_PARAMS, 'user'],
      rejectUnknown: true,
      who: 'The Google consent form',
    });
    const params = new Map([...fields].filter(([key]) => key !== 'user' && key !== 'decision'));
    const request = checkAuthorizeRequest(ctx, params);
    const decision = field(fields, 'decision');
    if (decision !== 'approve' && decision !== 'deny') {
      throw new DoubleError('invalid_request', `decision must be "approve" or "deny"; got "${decision}".`, { field: 'decision' });
    }
    return c.redirect(decide(ctx, request, { approve: decision === 'approve', userEmail: fields.get('user') }), 302);
  });
  app.all(CONSENT_PATH, methodNotAllowed(['POST']));

  app.get(DISCOVERY_PATH, (c) => c.json(discoveryDocument(c), 200, { 'cache-control': 'public, max-age=3600' }));
  app.all(DISCOVERY_PATH, methodNotAllowed(['GET']));
  return app;
}
