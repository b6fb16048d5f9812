// The README's Ochno recipe: a hub change through the API reaches the test's own MSW handler as a webhook.
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setupDoubles } from '../../mocks/index.ts';
import { connectionSettings, triggerHubEvent, webhookDeliveries, webhooksSettled } from '../../providers/ochno/public.ts';

const doubles = setupDoubles();
beforeAll(() => doubles.listen());
afterAll(() => doubles.close());

it('delivers hub events to my webhook route', async () => {
  const received: unknown[] = [];
  doubles.server.use(
    http.post('https://hooks.example.test/ochno', async ({ request }) => {
      received.push(JSON.parse(await request.text())); // Content-Type is text/plain: read text, then JSON
      return HttpResponse.text('ok');
    }),
  );
  const app = connectionSettings(doubles); // every-scope integration, redirect URI, every real URL
  const token = await fetch(app.tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret, scope: 'hubs:read hubs:write' }),
  }).then((r) => r.json());
  const auth = { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' };
  await fetch(`${app.subscriptionsUrl}/`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ event: ['hub:config:change', 'hub:con:change'], webhookUrl: 'https://hooks.example.test/ochno', verificationToken: 'my-token' }),
  });
  const [hub] = await fetch(`${app.baseUrl}/api/hubs/v1`, { headers: auth }).then((r) => r.json());
  await fetch(`${app.baseUrl}/api/hubs/v1/${hub.id}/config`, { method: 'PUT', headers: auth, body: JSON.stringify({ inactivedisabled: true }) });
  triggerHubEvent(doubles, hub.id, { kind: 'offline' }); // the hardware side, from the test
  await webhooksSettled(doubles);                          // deliveries run in the background
  expect(received.map((e: any) => e.event)).toEqual(['hub:config:change', 'hub:con:change']);
  expect(webhookDeliveries(doubles).every((d) => d.status === 'delivered')).toBe(true);
});
