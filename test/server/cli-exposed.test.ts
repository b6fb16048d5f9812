// `--host` beyond loopback from the command line: refused without an admin token, loud and honest with one.
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

describe('oauth-doubles --host 0.0.0.0', () => {
  it('refuses to start without an admin token, saying why (exit code 2)', async () => {
    const env = { ...process.env, OAUTH_DOUBLES_ADMIN_TOKEN: '' };
    const failed = (await run(TSX, ['cli/main.ts', '--host', '0.0.0.0', '--port', '0'], { cwd: ROOT, env }).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('--admin-token');
  });

  it('takes the token from the environment, prints the true address and a warning, and the admin API wants the token', async () => {
    const child = spawn(TSX, ['cli/main.ts', '--host', '0.0.0.0', '--port', '0'], { cwd: ROOT, env: { ...process.env, OAUTH_DOUBLES_ADMIN_TOKEN: 'env-token-1' } });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    try {
      const port = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner:\n${out}\n${err}`)), 20_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const match = /listening on http:\/\/0\.0\.0\.0:(\d+)/.exec(out);
          if (match && out.includes('Admin API')) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      expect(out).toContain('WARNING');
      await new Promise((r) => setTimeout(r, 200));
      expect(err).toContain('WARNING');
      expect((await fetch(`http://127.0.0.1:${port}/__admin/clock`)).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${port}/__admin/clock`, { headers: { authorization: 'Bearer env-token-1' } })).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
