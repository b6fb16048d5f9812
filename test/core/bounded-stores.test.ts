// Every store is bounded in count and bytes; dead state goes first; a live token or code dropped is never forgotten silently.
import { describe, expect, it, vi } from 'vitest';
import { createHarness } from '../../index.ts';
import { createJournal, type JournalDetails, type JournalSummary } from '../../core/journal.ts';
import { createCodeStore } from '../../core/state/codes.ts';
import { createInboxStore } from '../../core/state/inbox.ts';
import { createTokenStore, type IssueToken } from '../../core/state/tokens.ts';
import { accessToken, ONEIO, receiverRequest, tokenRequest } from '../support/oneio.ts';
import { API, bearer, exchange, authorizeCode, propertyTokens, REFRESH_URL, formRequest } from '../octorate/support.ts';
import { connectionSettings } from '../../providers/octorate/index.ts';

const token = (n: number, extra: Partial<IssueToken> = {}): IssueToken => ({
  value: `t${n}`,
  kind: 'access',
  provider: 'p',
  environment: 'e',
  clientId: 'flood',
  issuedAt: n,
  expiresAt: null,
  ...extra,
});

describe('token store bounds', () => {
  it('keeps its count and bytes under the limit, and drops expired and revoked tokens before valid ones', () => {
    let now = 1000;
    const store = createTokenStore({ limit: { count: 100, bytes: 1_000_000 }, now: () => now });
    for (let n = 0; n < 50; n++) store.issue(token(n, { expiresAt: 2000 }));
    store.revoke(store.find('t60') ?? store.issue(token(60)), now);
    now = 3000; // the first 50 have expired
    for (let n = 100; n < 200; n++) store.issue(token(n));
    const stats = store.stats().partitions['p']!;
    expect(stats.count).toBeLessThanOrEqual(100);
    // 51 dead ones made room for the first 51 of the flood; only then were valid tokens dropped.
    expect(stats.droppedDead).toBe(51);
    expect(store.dropped('t0')).toMatchObject({ reason: 'expired' });
    expect(store.dropped('t60')).toMatchObject({ reason: 'revoked' });
    expect(store.find('t199')).toBeDefined();
  });

  it('bounds bytes as well as count', () => {
    const store = createTokenStore({ limit: { count: 1_000_000, bytes: 64 * 1024 } });
    for (let n = 0; n < 2000; n++) store.issue(token(n, { value: `${'x'.repeat(200)}${n}` }));
    const stats = store.stats().partitions['p']!;
    expect(stats.bytes).toBeLessThanOrEqual(64 * 1024);
    expect(stats.count).toBeLessThan(2000);
    expect(stats.droppedLive).toBe(2000 - stats.count);
  });

  it('makes the client issuing the most lose its own least used tokens: a quiet client keeps its token', () => {
    const store = createTokenStore({ limit: { count: 1000, bytes: 10_000_000 } });
    store.issue(token(-1, { value: 'quiet', clientId: 'quiet' }));
    const held = store.issue(token(-2, { value: 'held' }));
    for (let n = 0; n < 5000; n++) {
      store.issue(token(n));
      if (n % 100 === 0) expect(store.find('held')).toBe(held); // in use, so never the least used
    }
    expect(store.find('quiet')).toBeDefined();
    expect(store.find('held')).toBeDefined();
    expect(store.find('t3000')).toBeUndefined();
    expect(store.dropped('t3000')).toMatchObject({ reason: 'capacity' });
    expect(store.dropped('t3000')!.message).toMatch(/dropped this token while it was still valid.*1,000 tokens.*--max-tokens/);
    expect(store.dropped('never-issued')).toBeUndefined();
  });

  it('past what it remembers by name, still says an unknown token may have been dropped', () => {
    const store = createTokenStore({ limit: { count: 100, bytes: 10_000_000 } });
    for (let n = 0; n < 20_000; n++) store.issue(token(n));
    expect(store.dropped('t0', 'p')).toMatchObject({ reason: 'forgotten' });
    expect(store.dropped('t0', 'p')!.message).toMatch(/If this harness issued it, it was dropped.*--max-tokens/);
    expect(store.dropped('t0', 'other')).toBeUndefined();
  });

  it('never lets one provider evict another provider\'s tokens', () => {
    const store = createTokenStore({ limit: { count: 100, bytes: 10_000_000 } });
    store.issue(token(0, { value: 'calm', provider: 'oneio' }));
    for (let n = 1; n < 1000; n++) store.issue(token(n, { provider: 'octorate' }));
    expect(store.find('calm')).toBeDefined();
    expect(store.stats().partitions['octorate']!.count).toBeLessThanOrEqual(100);
  });

  it('revokes a family through its index, without listing the store', () => {
    const store = createTokenStore();
    const list = vi.spyOn(store, 'list');
    for (let n = 0; n < 10; n++) store.issue(token(n, { family: n < 3 ? 'f' : 'g' }));
    expect(store.revokeFamily('f', 5)).toBe(3);
    expect(store.family('f').every((t) => t.revokedAt === 5)).toBe(true);
    expect(store.family('g').every((t) => t.revokedAt === null)).toBe(true);
    expect(list).not.toHaveBeenCalled();
  });
});

describe('code store bounds', () => {
  it('drops expired codes first and says when a live one was dropped', () => {
    let now = 0;
    const store = createCodeStore({ limit: { count: 10, bytes: 1_000_000 }, now: () => now });
    const code = (n: number, expiresAt: number) =>
      store.issue({ value: `c${n}`, provider: 'p', environment: 'e', clientId: 'c', redirectUri: 'https://x', state: null, issuedAt: 0, expiresAt, subject: {} });
    for (let n = 0; n < 5; n++) code(n, 100);
    now = 200;
    for (let n = 5; n < 30; n++) code(n, 10_000);
    expect(store.list().length).toBeLessThanOrEqual(10);
    expect(store.dropped('c0')).toMatchObject({ reason: 'expired' });
    expect(store.dropped('c5')).toMatchObject({ reason: 'capacity' });
    expect(store.dropped('c5')!.message).toMatch(/before it expired.*10 codes.*--max-codes/);
  });
});

describe('inbox bounds', () => {
  const message = (n: number) => ({ at: n, provider: 'oneio', environment: 'qa', path: '/api/v2', auth: 'bearer', clientId: 'c', headers: {}, body: { n } });

  it('keeps at most its count, drops the oldest, and says how many went', () => {
    const inbox = createInboxStore({ limit: { count: 100, bytes: 10_000_000 } });
    for (let n = 1; n <= 1000; n++) inbox.deliver(message(n));
    expect(inbox.messages('oneio', 'qa').length).toBe(100);
    expect(inbox.messages('oneio', 'qa')[0]!.body).toEqual({ n: 901 });
    const page = inbox.page('oneio', 'qa', { limit: 10 });
    expect(page).toMatchObject({ dropped: 900, next: 910 });
    expect(page.notice).toMatch(/900 older messages were dropped.*100 messages.*--max-messages/);
    expect(inbox.page('oneio', 'qa', { after: 995 }).messages.map((m) => m.seq)).toEqual([996, 997, 998, 999, 1000]);
  });

  it('keeps its bytes under the limit with large messages', () => {
    const inbox = createInboxStore({ limit: { count: 1_000_000, bytes: 1_000_000 } });
    const raw = JSON.stringify({ blob: 'y'.repeat(60_000) });
    for (let n = 0; n < 100; n++) inbox.deliver({ ...message(n), body: JSON.parse(raw) }, raw);
    expect(inbox.stats().inboxes['oneio/qa']!.bytes).toBeLessThanOrEqual(1_000_000);
    expect(inbox.stats().inboxes['oneio/qa']!.dropped).toBeGreaterThan(80);
  });

  it('keeps a body nested 6,000 deep in a form it can always serialise', () => {
    const inbox = createInboxStore();
    const raw = `${'['.repeat(6000)}1${']'.repeat(6000)}`;
    inbox.deliver({ ...message(1), body: JSON.parse(raw) }, raw);
    expect(() => JSON.stringify(inbox.messages('oneio', 'qa'))).not.toThrow();
    expect(JSON.stringify(inbox.messages('oneio', 'qa'))).toContain('nested deeper than 64 levels');
  });
});

describe('journal bounds', () => {
  const summary = (n: number) => ({ path: `/${n}` }) as JournalSummary;
  const details = (n: number) => () => ({ path: `/${n}` }) as JournalDetails;

  it('keeps the newest entries up to its count, in order, and counts the dropped', () => {
    const journal = createJournal(10);
    for (let i = 0; i < 37; i++) {
      journal.record(summary(i), details(i));
      expect(journal.size).toBe(Math.min(i + 1, 10));
    }
    expect(journal.entries().map((e) => e.path)).toEqual([27, 28, 29, 30, 31, 32, 33, 34, 35, 36].map((i) => `/${i}`));
    expect(journal.stats().dropped).toBe(27);
  });

  it('is bounded in bytes, not only in count', () => {
    const journal = createJournal({ count: 10_000, bytes: 1_000_000 });
    for (let i = 0; i < 1000; i++) journal.record(summary(i), details(i), 64 * 1024);
    expect(journal.stats().bytes).toBeLessThanOrEqual(1_000_000);
    expect(journal.size).toBeLessThan(20);
  });

  it('pages with limit and after, oldest first', () => {
    const journal = createJournal(100);
    for (let i = 0; i < 250; i++) journal.record(summary(i), details(i));
    const first = journal.page(undefined, { limit: 30 });
    expect(first.requests.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => 151 + i));
    expect(first).toMatchObject({ next: 180, dropped: 150 });
    expect(first.notice).toMatch(/150 older requests were dropped.*--max-requests/);
    const last = journal.page(undefined, { after: 240, limit: 30 });
    expect(last.requests.map((e) => e.seq)).toEqual([241, 242, 243, 244, 245, 246, 247, 248, 249, 250]);
    expect(last.next).toBeNull();
  });
});

describe('a harness with small limits', () => {
  it('tells a ONEiO client its live token was dropped, with the capacity and how to raise it, and journals it', async () => {
    const h = createHarness({ limits: { tokens: { count: 50 } } });
    const qa = h.credentials('oneio', 'qa');
    const first = await accessToken(h.fetch, 'https://', ONEIO.qaToken, qa);
    for (let n = 0; n < 100; n++) await h.fetch(tokenRequest('https://', ONEIO.qaToken, qa));
    const res = await h.fetch(receiverRequest('https://', ONEIO.qaReceiver, first));
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: string; error_description: string };
    expect(body.error).toBe('invalid_token');
    expect(body.error_description).toMatch(/harness dropped this token while it was still valid.*50 tokens.*--max-tokens/);
    expect(body.error_description).not.toContain('not one ONEiO issued');
    expect(h.journal.entries().at(-1)!.credential).toEqual({ scheme: 'Bearer', ref: 'dropped' });
    expect(h.stores().tokens.partitions['oneio']!.droppedLive).toBeGreaterThan(0);
  });

  it('keeps a quiet Octorate grant while another client floods ONEiO, and says so when its own refresh token was dropped', async () => {
    const h = createHarness({ limits: { tokens: { count: 20 } } });
    const { conn, tokens } = await propertyTokens(h);
    const qa = h.credentials('oneio', 'qa');
    for (let n = 0; n < 60; n++) await h.fetch(tokenRequest('https://', ONEIO.qaToken, qa));
    const refresh = () => h.fetch(formRequest(REFRESH_URL, { client_id: conn.clientId, client_secret: conn.clientSecret, refresh_token: tokens.refresh_token! }));
    expect((await refresh()).status).toBe(200);
    // Now the same application runs Octorate's share over with 40 new grants: the idle first grant goes.
    for (let n = 0; n < 40; n++) await propertyTokens(h);
    const res = await refresh();
    const text = await res.text();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(text).toMatch(/dropped this token while it was still valid/);
    const api = await h.fetch(bearer(`${API}/user/info`, tokens.access_token));
    expect(await api.text()).toMatch(/dropped/);
  });

  it('tells a client its authorisation code was dropped before it expired', async () => {
    const h = createHarness({ limits: { codes: { count: 10 } } });
    const conn = connectionSettings(h);
    const { code } = await authorizeCode(h, conn);
    for (let n = 0; n < 30; n++) await authorizeCode(h, conn);
    const res = await exchange(h, conn, code);
    expect(await res.text()).toMatch(/dropped this authorisation code before it expired.*10 codes/);
  });

  it('refreshes an Octorate token without listing the token store', async () => {
    const h = createHarness();
    const { conn, tokens } = await propertyTokens(h);
    const list = vi.spyOn(h.tokens, 'list');
    const res = await h.fetch(formRequest(REFRESH_URL, { client_id: conn.clientId, client_secret: conn.clientSecret, refresh_token: tokens.refresh_token! }));
    expect(res.status).toBe(200);
    expect(list).not.toHaveBeenCalled();
  });

  it('restarts message numbering and journal numbering on reset', async () => {
    const h = createHarness();
    const qa = h.credentials('oneio', 'qa');
    const send = async () => {
      const t = await accessToken(h.fetch, 'https://', ONEIO.qaToken, qa);
      return ((await (await h.fetch(receiverRequest('https://', ONEIO.qaReceiver, t))).json()) as { messageId: string }).messageId;
    };
    expect(await send()).toBe('msg-1');
    expect(await send()).toBe('msg-2');
    h.reset();
    expect(await send()).toBe('msg-1');
    expect(h.journal.entries()[0]!.seq).toBe(1);
  });
});
