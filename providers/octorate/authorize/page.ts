// admin.octorate.com: the authorisation page a person uses in a browser — pick a test user's property, grant or deny.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { DoubleError } from '../../../core/errors.ts';
import { field, parseForm } from '../../../core/form.ts';
import type { HarnessEnv, ProviderContext } from '../../../core/provider.ts';
import { methodNotAllowed } from '../../../core/routes.ts';
import { decide, defaultProperty } from './decision.ts';
import { checkAuthorizeRequest, type AuthorizeRequest } from './request.ts';
import { AUTHORIZE_PATH } from '../hosts.ts';
import { page } from './page-layout.ts';
import type { OctorateQuirks } from '../quirks.ts';
import { world } from '../data/world.ts';

type Ctx = ProviderContext<OctorateQuirks>;

function consentPage(ctx: Ctx, request: AuthorizeRequest, action: string): string {
  const w = world(ctx);
  const preselected = defaultProperty(ctx, request)?.accommodation.id;
  const users = w.users.map((user) => {
    const properties = w.properties.filter((p) => p.ownerId === user.id);
    return html`<fieldset class="user" data-email="${user.email}">
  <legend>${user.givenName} ${user.familyName} &lt;${user.email}&gt;</legend>
  ${properties.map(
    (p) => html`<label><input type="radio" name="property" id="property-${p.accommodation.id}" value="${p.accommodation.id}"${p.accommodation.id === preselected ? html` checked` : ''}>
    ${p.accommodation.name} <small>#${p.accommodation.id}, ${p.accommodation.location.city}</small>
    <span class="env ${p.environment}">${p.environment === 'sandbox' ? 'SANDBOX' : 'PRODUCTION'}</span></label>`,
  )}
</fieldset>`;
  });
  return page(
    `Octorate — authorise ${request.client.label}`,
    html`<h1>Octorate</h1>
<p><strong id="application-name">${request.client.label}</strong> <span class="env ${request.environment}">${request.environment.toUpperCase()} application</span>
asks for access to one of your properties: reservations, calendar and property data.</p>
<form method="post" action="${action}">
  <input type="hidden" name="client_id" value="${request.client.clientId}">
  <input type="hidden" name="redirect_uri" value="${request.redirectUri}">
  ${request.state !== null ? html`<input type="hidden" name="state" value="${request.state}">` : ''}
  <p>Sign in as a test user and choose the property to connect:</p>
  ${users}
  <div class="actions">
    <button type="submit" class="approve" id="approve" name="decision" value="approve">Grant access</button>
    <button type="submit" class="deny" id="deny" name="decision" value="deny">Deny</button>
  </div>
</form>`,
  );
}

export function authorizeRoutes(ctx: Ctx): Hono<HarnessEnv> {
  const app = new Hono<HarnessEnv>();

  // DOC (octorate.md §1): GET …/oauth.xhtml?client_id=…&redirect_uri=…&state=…
  app.get(AUTHORIZE_PATH, (c) => {
    const request = checkAuthorizeRequest(ctx, { clientId: c.req.query('client_id'), redirectUri: c.req.query('redirect_uri'), state: c.req.query('state') });
    // The form posts back under the same base the page was reached on: real host (MSW) or the local prefix.
    const body = consentPage(ctx, request, `${c.get('localBase')}${AUTHORIZE_PATH}`);
    return c.html(body, 200, { 'cache-control': 'no-store' });
  });

  // INF: JSF pages post back to themselves; the answer is a redirect to the application (302, as servlet containers send).
  app.post(AUTHORIZE_PATH, (c) => {
    const fields = parseForm(c.req.header('content-type'), c.get('bodyText'), {
      required: ['client_id', 'redirect_uri', 'decision'],
      optional: ['state', 'property', 'user'],
      rejectUnknown: true,
      who: 'The Octorate authorisation form',
    });
    const request = checkAuthorizeRequest(ctx, {
      clientId: field(fields, 'client_id'),
      redirectUri: field(fields, 'redirect_uri'),
      state: fields.get('state') ?? null,
    });
    const decision = field(fields, 'decision');
    if (decision !== 'approve' && decision !== 'deny') {
      throw new DoubleError('invalid_request', `decision must be "approve" or "deny"; got "${decision}".`, { field: 'decision' });
    }
    const location = decide(ctx, request, {
      approve: decision === 'approve',
      propertyId: fields.get('property'),
      userEmail: fields.get('user'),
    });
    return c.redirect(location, 302);
  });
  app.all(AUTHORIZE_PATH, methodNotAllowed(['GET', 'POST']));
  return app;
}
