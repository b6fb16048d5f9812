// `npm start -- --https` driven by real clients on the real https:// URLs: curl, Python (urllib, requests) and Node's fetch.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURL, JAVA, PYTHON, PYTHON_REQUESTS } from '../support/tools.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const CLIENTS = join(import.meta.dirname, 'clients');
const dataHome = mkdtempSync(join(tmpdir(), 'oauth-doubles-xdg-'));

let child: ChildProcess;
let output = '';
let base = '';
let caFile = '';
/** Exactly the variables the banner tells users to export. */
let bannerEnv: Record<string, string> = {};
let settings: Record<string, string> = {};

interface Outcome {
  oneio: { expires_in: number; receiver_status: number; receipt: { status: string } };
  octorate: { expireDate: string; accommodations: string[] };
}

beforeAll(async () => {
  child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['cli/main.ts', '--port', '0', '--seed', '12', '--https'], {
    cwd: ROOT,
    env: { ...process.env, XDG_DATA_HOME: dataHome },
  });
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('keytool')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
  caFile = /CA certificate \([^)]*\): (\S+)/.exec(output)![1]!;
  for (const line of output.split('\n')) {
    const exported = /^\s+export (.*?)\s+#/.exec(line);
    for (const pair of exported?.[1]!.split(' ') ?? []) {
      const eq = pair.indexOf('=');
      bannerEnv[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  const clients = (await (await fetch(`${base}/__admin/clients`)).json()) as Array<{ provider: string; environment: string; clientId: string; clientSecret: string; redirectUris: string[] }>;
  const oneio = clients.find((c) => c.provider === 'oneio' && c.environment === 'qa')!;
  const octorate = clients.find((c) => c.provider === 'octorate' && c.environment === 'production')!;
  settings = {
    ONEIO_CLIENT_ID: oneio.clientId,
    ONEIO_CLIENT_SECRET: oneio.clientSecret,
    OCTORATE_CLIENT_ID: octorate.clientId,
    OCTORATE_CLIENT_SECRET: octorate.clientSecret,
    OCTORATE_REDIRECT_URI: octorate.redirectUris[0]!,
    DOUBLES_ADMIN_URL: `${base}/__admin`,
  };
}, 40_000);

afterAll(() => {
  child?.kill('SIGTERM');
});

/** The machine's environment without any proxy of its own, plus what the banner says, plus the flows' settings. */
function clientEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!/_proxy$/i.test(name)) env[name] = value;
  return { ...env, ...bannerEnv, ...settings, ...extra };
}

async function inbox(): Promise<unknown[]> {
  return ((await (await fetch(`${base}/__admin/inboxes/oneio/qa`)).json()) as { messages: Array<{ body: unknown }> }).messages.map((m) => m.body);
}

function expectBothFlows(outcome: Outcome): void {
  expect(outcome.oneio).toMatchObject({ expires_in: 3599, receiver_status: 200, receipt: { status: 'accepted' } });
  expect(outcome.octorate.expireDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  expect(outcome.octorate.accommodations).toHaveLength(1);
}

describe('npm start -- --https', () => {
  it('keeps its CA in the default directory ($XDG_DATA_HOME/oauth-doubles/ca) and prints each stack\'s variables', () => {
    expect(caFile).toBe(join(dataHome, 'oauth-doubles', 'ca', 'ca.pem'));
    expect(existsSync(caFile)).toBe(true);
    expect(bannerEnv).toMatchObject({
      HTTPS_PROXY: base,
      https_proxy: base,
      NODE_USE_ENV_PROXY: '1',
      NODE_EXTRA_CA_CERTS: caFile,
      SSL_CERT_FILE: caFile,
      REQUESTS_CA_BUNDLE: caFile,
      CURL_CA_BUNDLE: caFile,
    });
  });
});

describe.skipIf(CURL.skip)('curl --proxy --cacert', () => {
  const curl = async (...args: string[]): Promise<{ status: number; body: string }> => {
    const { stdout } = await run(CURL.need(), ['--silent', '--show-error', '--proxy', base, '--cacert', caFile, '--write-out', '\n%{http_code}', ...args], { env: clientEnv() });
    const cut = stdout.lastIndexOf('\n');
    return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
  };

  it('runs the ONEiO token + receiver flow and Octorate\'s code flow on the real URLs', async () => {
    const token = await curl('https://receiver-authz-test.service-flow.com/oauth2/token', '--data-urlencode', 'grant_type=client_credentials', '--data-urlencode', `client_id=${settings.ONEIO_CLIENT_ID}`, '--data-urlencode', `client_secret=${settings.ONEIO_CLIENT_SECRET}`);
    expect(token.status, token.body).toBe(200);
    const { access_token } = JSON.parse(token.body) as { access_token: string };
    const receipt = await curl('https://rest-receiver-test.service-flow.com/api/v2', '--header', `Authorization: Bearer ${access_token}`, '--header', 'Content-Type: application/json', '--data-raw', '{"id":"curl"}');
    expect(receipt.status).toBe(200);
    expect(await inbox()).toContainEqual({ id: 'curl' });

    const approval = await curl(`${settings.DOUBLES_ADMIN_URL}/providers/octorate/authorize`, '--header', 'Content-Type: application/json', '--data-raw', JSON.stringify({ clientId: settings.OCTORATE_CLIENT_ID, redirectUri: settings.OCTORATE_REDIRECT_URI, state: 'curl' }));
    expect(approval.status, approval.body).toBe(200);
    const code = new URL((JSON.parse(approval.body) as { redirectUrl: string }).redirectUrl).searchParams.get('code')!;
    const tokens = await curl('https://api.octorate.com/connect/rest/v1/identity/token', '--data-urlencode', `client_id=${settings.OCTORATE_CLIENT_ID}`, '--data-urlencode', `client_secret=${settings.OCTORATE_CLIENT_SECRET}`, '--data-urlencode', `redirect_uri=${settings.OCTORATE_REDIRECT_URI}`, '--data-urlencode', 'grant_type=code', '--data-urlencode', `code=${code}`);
    expect(tokens.status, tokens.body).toBe(200);
    const info = await curl('https://api.octorate.com/connect/rest/v1/user/info', '--header', `Authorization: Bearer ${(JSON.parse(tokens.body) as { access_token: string }).access_token}`);
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toHaveProperty('email');
  });

  it('is refused, not tunnelled, for a host nobody emulates, and says why', async () => {
    const refused = await run(CURL.need(), ['--silent', '--show-error', '--verbose', '--proxy', base, '--cacert', caFile, 'https://example.com/'], { env: clientEnv() }).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 56 });
    expect((refused as { stderr: string }).stderr).toContain('< HTTP/1.1 403 Forbidden');
    expect((refused as { stderr: string }).stderr).toContain('no provider is emulated on example.com');
  });
});

describe.skipIf(PYTHON.skip)('Python, standard library (urllib with a proxy handler and an SSL context from the CA file)', () => {
  it('runs both flows on the real URLs', async () => {
    const env = clientEnv({ DOUBLES_PROXY: base, DOUBLES_CA_FILE: caFile });
    for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'SSL_CERT_FILE']) delete env[name];
    const { stdout } = await run(PYTHON.need(), [join(CLIENTS, 'flows_urllib.py')], { env });
    expectBothFlows(JSON.parse(stdout) as Outcome);
    expect(await inbox()).toContainEqual({ id: 'urllib' });
  });
});

describe.skipIf(PYTHON_REQUESTS.skip)('Python requests, unmodified (HTTPS_PROXY and REQUESTS_CA_BUNDLE only)', () => {
  it('runs both flows on the real URLs', async () => {
    const { stdout } = await run(PYTHON_REQUESTS.need(), [join(CLIENTS, 'flows_requests.py')], { env: clientEnv() });
    expectBothFlows(JSON.parse(stdout) as Outcome);
    expect(await inbox()).toContainEqual({ id: 'requests' });
  });

  it('fails without the CA variable: the fakes are not trusted by accident', async () => {
    const env = clientEnv();
    delete env.REQUESTS_CA_BUNDLE;
    delete env.SSL_CERT_FILE;
    delete env.CURL_CA_BUNDLE;
    const failed = await run(PYTHON_REQUESTS.need(), [join(CLIENTS, 'flows_requests.py')], { env }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toMatch(/CERTIFICATE_VERIFY_FAILED/);
  });
});

describe('Node\'s global fetch, unmodified (NODE_USE_ENV_PROXY, HTTPS_PROXY, NODE_EXTRA_CA_CERTS)', () => {
  it('runs both flows on the real URLs', async () => {
    const { stdout } = await run(process.execPath, [join(CLIENTS, 'flows-fetch.mjs')], { env: clientEnv() });
    expectBothFlows(JSON.parse(stdout) as Outcome);
    expect(await inbox()).toContainEqual({ id: 'fetch' });
  });
});

describe.skipIf(JAVA.skip)('Java (java.net.http), unmodified: the banner\'s keytool line and JVM flags', () => {
  it('runs both flows on the real URLs', async () => {
    const keytool = /^\s+(keytool -importcert .*)$/m.exec(output)![1]!;
    const java = /^\s+(java -Djavax\.net\.ssl\.trustStore=.*) …$/m.exec(output)![1]!;
    const dir = mkdtempSync(join(tmpdir(), 'oauth-doubles-java-'));
    const env = clientEnv();
    await run('bash', ['-c', keytool], { cwd: dir, env });
    const { stdout } = await run('bash', ['-c', `${java} ${join(CLIENTS, 'Flows.java')}`], { cwd: dir, env });
    expect(JSON.parse(stdout)).toMatchObject({ expires_in: 3599, receiver_status: 200, info_status: 200 });
    expect(await inbox()).toContainEqual({ id: 'java' });
  });
});

/** The fenced blocks of the README's "Clients in other languages" section, in order. */
function readmeSnippets(language: string): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Clients in other languages');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return [...section.matchAll(new RegExp('```' + language + '\\n([^]*?)```', 'g'))].map((m) => m[1]!);
}

describe('the README\'s snippets for other languages, run as written against this server', () => {
  const local = (text: string): string =>
    text.replaceAll('http://127.0.0.1:4010', base).replaceAll('~/.local/share/oauth-doubles/ca/ca.pem', caFile);

  it.skipIf(CURL.skip)('curl: the ONEiO token call, then the Octorate approval through the admin API', async () => {
    CURL.need();
    const [token, approval] = readmeSnippets('sh');
    const tokenOut = await run('bash', ['-c', local(token!).replace('<client_id>', settings.ONEIO_CLIENT_ID!).replace('<client_secret>', settings.ONEIO_CLIENT_SECRET!)], { env: clientEnv() });
    expect(JSON.parse(tokenOut.stdout)).toMatchObject({ expires_in: 3599, token_type: 'Bearer' });
    const approvalOut = await run('bash', ['-c', local(approval!).replace('<client_id>', settings.OCTORATE_CLIENT_ID!).replace('<redirect_uri>', settings.OCTORATE_REDIRECT_URI!)], { env: clientEnv() });
    const { redirectUrl } = JSON.parse(approvalOut.stdout) as { redirectUrl: string };
    expect(redirectUrl).toMatch(new RegExp(`^${settings.OCTORATE_REDIRECT_URI!.replace(/[.?]/g, '\\$&')}\\?code=[^&]+&state=xyz$`));
  });

  it.skipIf(PYTHON_REQUESTS.skip)('Python requests, with the banner\'s variables exported', async () => {
    const [snippet] = readmeSnippets('python');
    const dir = mkdtempSync(join(tmpdir(), 'oauth-doubles-readme-'));
    const file = join(dir, 'snippet.py');
    writeFileSync(file, `import os\nCLIENT_ID = os.environ["ONEIO_CLIENT_ID"]\nCLIENT_SECRET = os.environ["ONEIO_CLIENT_SECRET"]\n${snippet}`);
    const { stdout } = await run(PYTHON_REQUESTS.need(), [file], { env: clientEnv() });
    expect(stdout.trim()).toBe('3599');
  });

  it.skipIf(PYTHON_REQUESTS.skip)('TypeScript: server.clientEnv handed to a Python child process', async () => {
    const [snippet] = readmeSnippets('ts');
    const dir = mkdtempSync(join(tmpdir(), 'oauth-doubles-readme-'));
    writeFileSync(
      join(dir, 'my_client.py'),
      'import requests\nprint(requests.post("https://receiver-authz-test.service-flow.com/oauth2/token", data={"grant_type": "client_credentials", "client_id": "nobody", "client_secret": "x"}).status_code)\n',
    );
    const program = snippet!
      .replace("from 'oauth-doubles'", `from '${join(ROOT, 'index.ts')}'`)
      .replace("from 'oauth-doubles/server'", `from '${join(ROOT, 'server/serve.ts')}'`)
      .replace("'python3'", `'${PYTHON_REQUESTS.need()}'`)
      .replace("'my_client.py'", `'${join(dir, 'my_client.py')}'`);
    writeFileSync(join(dir, 'snippet.mts'), program);
    const { stdout } = await run(join(ROOT, 'node_modules/.bin/tsx'), [join(dir, 'snippet.mts')], { cwd: ROOT, env: { ...clientEnv(), XDG_DATA_HOME: dataHome } });
    // The fake's own refusal of an unknown client: the request went through the proxy and the CA was trusted.
    expect(stdout.trim()).toBe('401');
  });
});
