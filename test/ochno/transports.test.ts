// Under both transports a hub state change made through the API shows in a later read and reaches the subscriber as a webhook.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { setupDoubles } from '../../mocks/doubles.ts';
import { createHarness } from '../../index.ts';
import { startServer } from '../../server/serve.ts';
import { webhookDeliveries, webhooksSettled, type Hub } from '../../providers/ochno/public.ts';
import { api, ochnoOf, tokens, type Ochno } from './support.ts';

async function changeAndRead(o: Ochno, webhookUrl: string): Promise<Hub> {
  const token = (await tokens(o)).access_token;
  const sub = await api(o, token, '/subscriptions/v1/', { method: 'POST', body: JSON.stringify({ event: ['hub:state:change'], webhookUrl, verificationToken: 'vt-transport' }) });
  expect(sub.status).toBe(201);
  const hub = ((await (await api(o, token, '/api/hubs/v1')).json()) as Hub[])[0]!;
  const next = hub.data.state.active === 4 ? 1 : 4;
  expect((await api(o, token, `/api/hubs/v1/${hub.id}/state`, { method: 'PUT', body: JSON.stringify({ activeport: next }) })).status).toBe(200);
  const after = (await (await api(o, token, `/api/hubs/v1/${hub.id}`)).json()) as Hub;
  expect(after.data.state.active).toBe(next);
  return after;
}

describe('Ochno webhooks over both transports', () => {
  it('server mode: a real HTTP POST reaches a local receiver', async () => {
    const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const harness = createHarness();
    const server = await startServer({ harness, port: 0 });
    try {
      const o = ochnoOf(harness, { base: server.base }, (r) => fetch(r));
      const hub = await changeAndRead(o, `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ochno/webhook`);
      await webhooksSettled(harness);
      expect(received).toHaveLength(1);
      expect(received[0]!.headers['content-type']).toBe('text/plain;charset=UTF-8');
      expect(received[0]!.headers['x-verification-token']).toBe('vt-transport');
      expect(JSON.parse(received[0]!.body)).toEqual({ event: 'hub:state:change', hubId: hub.id, data: { newState: hub.data.state } });
    } finally {
      harness.close();
      await server.close();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });

  it('MSW mode: the test’s own handler receives the delivery', async () => {
    const doubles = setupDoubles();
    const received: Array<{ type: string | null; body: unknown }> = [];
    doubles.server.use(
      http.post('https://hooks.app.example.test/ochno', async ({ request }) => {
        received.push({ type: request.headers.get('content-type'), body: JSON.parse(await request.text()) });
        return HttpResponse.text('ok');
      }),
    );
    doubles.listen();
    try {
      const o = ochnoOf(doubles, {}, (r) => fetch(r));
      const hub = await changeAndRead(o, 'https://hooks.app.example.test/ochno');
      await webhooksSettled(doubles);
      expect(received).toEqual([{ type: 'text/plain;charset=UTF-8', body: { event: 'hub:state:change', hubId: hub.id, data: { newState: hub.data.state } } }]);
      expect(webhookDeliveries(doubles)[0]).toMatchObject({ status: 'delivered', target: 'https://hooks.app.example.test/ochno' });
    } finally {
      doubles.close();
    }
  });
});
