// The seed's Google example, unchanged, against `npm start`: the fakes on a loopback port, the real Google URLs mapped onto it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Harness } from '../../core/harness.ts';
import { approveAuthorization } from '../../providers/google/public.ts';
import { ManifestIntegration } from './interpreter/integration.ts';
import { loadManifest } from './manifest/load.ts';
import { findSeed, seedExample } from './seed.ts';
import { CALLBACK_URL } from './settings.ts';

const ROOT = join(import.meta.dirname, '../..');
let child: ChildProcess;
let base = '';

beforeAll(async () => {
  child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['cli/main.ts', '--port', '0', '--seed', '3'], { cwd: ROOT });
  let output = '';
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 50_000);
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}, 60_000);

afterAll(() => {
  child?.kill('SIGTERM');
  vi.useRealTimers();
});

/** `https://host/rest` → `http://127.0.0.1:<port>/host/rest`, the raw text kept (the manifest's unencoded query included). */
const local = (url: string): string => url.replace(/^https:\/\//, `${base}/`);
const admin = async (path: string, body?: unknown): Promise<any> =>
  (await fetch(`${base}/__admin${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();

describe.runIf(findSeed() !== undefined || process.env['CI'])('the seed’s Google example under npm start', () => {
  it('authorises on the consent page, exchanges the code, and refreshes once the token has expired', async () => {
    const seed = findSeed();
    if (!seed) throw new Error('shared/seeds/002_581087e08131f371.txt is not beside the repository');
    // The admin API shows the seeded test client's credentials in full: what the admin types into the integration.
    const [client] = (await admin('/clients?provider=google')) as { clientId: string; clientSecret: string }[];

    vi.useFakeTimers({ toFake: ['Date'], now: (await admin('/clock')).epochMs });
    const integration = new ManifestIntegration(loadManifest(seedExample(readFileSync(seed, 'utf8')).manifest, 'seed'), {
      values: { CLIENT_ID: client!.clientId, CLIENT_SECRET: client!.clientSecret },
      redirectUrl: CALLBACK_URL,
      resolveUrl: local,
    });
    // The person at the browser: the consent page of the running server, reached over HTTP.
    const browser = { fetch: (request: Request) => fetch(new Request(local(request.url), request), { redirect: 'manual' }) } as unknown as Harness;
    const callbackUrl = await approveAuthorization(browser, { url: local(integration.authorizeUrl()) });
    expect(callbackUrl.startsWith(`${CALLBACK_URL}?code=`)).toBe(true);
    expect(await integration.callback(callbackUrl)).toEqual({ ok: true, status: 200 });
    expect(integration.state.oauth).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    const first = integration.state.oauth!['access_token'];

    // An hour later on both clocks: the platform's and the fake's.
    await admin('/clock/advance', { seconds: 3600 });
    vi.advanceTimersByTime(3600_000);
    const probe = { url: 'https://admin.googleapis.com/admin/directory/v1/users?customer=my_customer', method: 'GET' as const, headers: { Authorization: 'Bearer {{ oauth.access_token }}' } };
    const run = await integration.execute([probe], 'probe');
    expect(run).toMatchObject({ ok: true, refreshed: true, steps: [{ status: 200 }] });
    expect(integration.state.oauth!['access_token']).not.toBe(first);
    expect(integration.requests().map((r) => `${r.step} ${r.status ?? '-'}`)).toEqual(['browser -', 'oauth.access_token 200', 'oauth.refresh 200', 'probe[0] 200']);
  });
});
