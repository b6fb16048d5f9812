// `npm start` for real: the start-up table, the ONEiO document's curl commands against it, the config file, shutdown.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const CONFIG_SECRET = 'config-secret-never-printed';

let child: ChildProcess;
let output = '';
let base = '';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oauth-doubles-cli-'));
  const config = join(dir, 'doubles.json');
  writeFileSync(config, JSON.stringify({ clients: [{ provider: 'oneio', environment: 'qa', clientId: 'from-config', clientSecret: CONFIG_SECRET }] }));
  child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['cli/main.ts', '--port', '0', '--seed', '9', '--config', config], { cwd: ROOT });
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match && output.includes('Admin API')) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
});

afterAll(() => {
  child?.kill('SIGTERM');
});

/** Seed 001's commands as published, with `https://` swapped for the local prefix. The published lines
 * end in "\ " (a stray space after the backslash), which a shell reads as the end of the command; that
 * space is dropped, nothing else is changed. */
function documented(command: string, replacements: Record<string, string>): string {
  let text = command.replace(/\\ +\n/g, '\\\n').replaceAll('https://', `${base}/`);
  for (const [from, to] of Object.entries(replacements)) text = text.replaceAll(from, to);
  return text;
}

const TOKEN_COMMAND = `
  curl --location --request POST 'https://receiver-authz-test.service-flow.com/oauth2/token'\\
  --header 'Content-Type: application/x-www-form-urlencoded' \\
  --data-urlencode 'grant_type=client_credentials' \\ 
  --data-urlencode 'client_id=username' \\ 
  --data-urlencode 'client_secret=password'`;

const RECEIVER_COMMAND = `
  curl --location --request POST 'https://rest-receiver-test.service-flow.com/api/v2'\\
  --header 'Authorization: Bearer TOKEN GOES HERE'\\ 
  --header 'Content-Type: application/json'\\ 
  --data-raw '{"id": "123456789"}'`;

describe('npm start', () => {
  it('prints every host with its local URL and the seeded test credentials, never a configured secret', () => {
    expect(output).toContain(`${base}/receiver-authz-test.service-flow.com/oauth2/token`);
    expect(output).toContain(`${base}/rest-receiver.service-flow.com/api/v2`);
    expect(output).toMatch(/CLIENT_ID\s+CLIENT_SECRET/);
    expect(output).toContain('from-config');
    expect(output).not.toContain(CONFIG_SECRET);
  });

  it('answers the ONEiO document\'s curl commands: token, then receiver; the message shows in the inbox', async () => {
    const clients = (await (await fetch(`${base}/__admin/clients?provider=oneio`)).json()) as Array<{ environment: string; clientId: string; clientSecret: string; origin: string }>;
    const qa = clients.find((c) => c.environment === 'qa' && c.origin === 'seed')!;
    const token = await run('bash', ['-c', documented(TOKEN_COMMAND, { 'client_id=username': `client_id=${qa.clientId}`, 'client_secret=password': `client_secret=${qa.clientSecret}` })]);
    const body = JSON.parse(token.stdout) as { access_token: string; expires_in: number };
    expect(body.expires_in).toBe(3599);
    const delivered = await run('bash', ['-c', documented(RECEIVER_COMMAND, { 'TOKEN GOES HERE': body.access_token })]);
    expect(JSON.parse(delivered.stdout)).toMatchObject({ status: 'accepted' });
    const inbox = (await (await fetch(`${base}/__admin/inboxes/oneio/qa`)).json()) as { messages: Array<{ body: unknown }> };
    expect(inbox.messages.map((m) => m.body)).toEqual([{ id: '123456789' }]);
  });

  it('takes the configured client', async () => {
    const res = await fetch(`${base}/receiver-authz-test.service-flow.com/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'from-config', client_secret: CONFIG_SECRET }),
    });
    expect(res.status).toBe(200);
  });

  it('refuses a bad flag or config file with a message and exit code 2', async () => {
    const bad = await run(join(ROOT, 'node_modules/.bin/tsx'), ['cli/main.ts', '--port', 'eighty'], { cwd: ROOT }).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toContain('--port must be');
    const dir = mkdtempSync(join(tmpdir(), 'oauth-doubles-cfg-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ clients: [{ provider: 'nobody', environment: 'x', clientId: 'a', clientSecret: 'b' }] }));
    const cfg = await run(join(ROOT, 'node_modules/.bin/tsx'), ['cli/main.ts', '--config', join(dir, 'bad.json')], { cwd: ROOT }).catch((e: { code: number; stderr: string }) => e);
    expect((cfg as { stderr: string }).stderr).toContain('unknown provider(s): nobody');
  });
});
