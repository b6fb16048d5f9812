// Admin reads of the journal and inboxes: paged with limit/after, never a 500, drop counts and limits shown.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { adminApp } from '../../server/admin.ts';
import { accessToken, ONEIO, receiverRequest, tokenRequest } from '../support/oneio.ts';

function setup(options: Parameters<typeof createHarness>[0] = {}) {
  const harness = createHarness(options);
  const admin = adminApp(harness);
  const get = async (path: string) => {
    const res = await admin.fetch(new Request(`http://127.0.0.1/__admin${path}`));
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  return { harness, get };
}

describe('paged admin reads', () => {
  it('pages the journal with limit and after, oldest first, until next is null', async () => {
    const { harness, get } = setup();
    const qa = harness.credentials('oneio', 'qa');
    for (let i = 0; i < 120; i++) await harness.fetch(tokenRequest('https://', ONEIO.qaToken, qa));
    const seen: number[] = [];
    let after = 0;
    for (let pages = 0; pages < 10; pages++) {
      const { status, body } = await get(`/requests?limit=50&after=${after}`);
      expect(status).toBe(200);
      seen.push(...body.requests.map((r: { seq: number }) => r.seq));
      if (body.next === null) break;
      after = body.next;
    }
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    const first = await get('/requests');
    expect(first.body.requests).toHaveLength(100);
    expect(first.body.next).toBe(100);
  });

  it('refuses a bad limit or after with a 400 naming it', async () => {
    const { get } = setup();
    for (const query of ['limit=0', 'limit=1001', 'limit=abc', 'after=-1', 'after=1e3']) {
      const { status, body } = await get(`/requests?${query}`);
      expect(status).toBe(400);
      expect(body.error_description).toMatch(/"(limit|after)"/);
    }
  });

  it('pages an inbox and shows how many messages it dropped, and why', async () => {
    const { harness, get } = setup({ limits: { inbox: { count: 30 } } });
    const token = await accessToken(harness.fetch, 'https://', ONEIO.qaToken, harness.credentials('oneio', 'qa'));
    for (let i = 1; i <= 50; i++) await harness.fetch(receiverRequest('https://', ONEIO.qaReceiver, token, { i }));
    const { body } = await get('/inboxes/oneio/qa?limit=10');
    expect(body.messages.map((m: { body: { i: number } }) => m.body.i)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    expect(body).toMatchObject({ dropped: 20, next: body.messages[9].seq });
    expect(body.notice).toMatch(/--max-messages/);
  });

  it('answers a journal and an inbox holding a body nested 6,000 deep with 200', async () => {
    const { harness, get } = setup();
    const token = await accessToken(harness.fetch, 'https://', ONEIO.qaToken, harness.credentials('oneio', 'qa'));
    const deep = `${'['.repeat(6000)}${']'.repeat(6000)}`;
    // Unauthenticated and authenticated: the journal keeps both, the inbox the accepted one.
    await harness.fetch(new Request(`https://${ONEIO.qaReceiver}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deep }));
    await harness.fetch(new Request(`https://${ONEIO.qaReceiver}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: deep }));
    const journal = await get('/requests');
    expect(journal.status).toBe(200);
    expect(JSON.stringify(journal.body)).toContain('nested deeper than 64 levels');
    const inbox = await get('/inboxes/oneio/qa');
    expect(inbox.status).toBe(200);
    expect(inbox.body.messages).toHaveLength(1);
  });

  it('shows every store\'s limit, size and drops', async () => {
    const { harness, get } = setup({ limits: { tokens: { count: 10 } } });
    const qa = harness.credentials('oneio', 'qa');
    for (let i = 0; i < 30; i++) await harness.fetch(tokenRequest('https://', ONEIO.qaToken, qa));
    const { body } = await get('/limits');
    expect(body.limits.tokens.count).toBe(10);
    expect(body.stores.tokens.partitions.oneio.count).toBeLessThanOrEqual(10);
    expect(body.stores.tokens.partitions.oneio.droppedLive).toBeGreaterThan(0);
    expect((await get('/requests')).body.droppedTokens).toEqual({ oneio: body.stores.tokens.partitions.oneio.droppedLive });
  });
});
